import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { BackTestT, LinkedFindingT, ModelT, ResultT, RunDetailT, RunT } from '../../server/modules/risk/schemas';
import type { FindingT } from '../../server/modules/findings/schemas';
import { get, type Page } from '../api';
import { findingKeys } from './findings';

/** The risk model's shapes (Zod-inferred from modules/risk/schemas.ts), not hand copies. */
export type RiskModel = ModelT;
export type RiskRun = RunT;
export type RiskResult = ResultT;
export type RiskRunDetail = RunDetailT;
export type BackTestResult = BackTestT;
export type LinkedFinding = LinkedFindingT;
/** A finding to link, as the findings list gives it. */
export type FindingOption = Pick<FindingT, 'id' | 'reportYear' | 'number' | 'title'>;
export type RunFilter = 'all' | 'qualified' | 'changed';

/**
 * Query keys of risk model runs and of an account's linked findings. `['risk-run', id]` prefixes
 * every page of a run; the linked findings sit under the account list's `['balance-accounts']`.
 */
export const riskKeys = {
  runs: ['risk-runs'] as const,
  run: (id: string) => ['risk-run', id] as const,
  runPage: (id: string, filter: RunFilter, page: number) => ['risk-run', id, filter, page] as const,
  defaultModel: ['risk-model-default'] as const,
  linkedFindings: (accountId: string) => ['balance-accounts', accountId, 'findings'] as const,
  /** The findings a coordinator may link, by search text (under the findings lists' key). */
  findingOptions: (search: string) => [...findingKeys.lists, 'pick', search] as const,
};

export const useRiskRuns = () => useQuery({ queryKey: riskKeys.runs, queryFn: () => get<RiskRun[]>('/risk-runs') });

export const useDefaultRiskModel = () => useQuery({ queryKey: riskKeys.defaultModel, queryFn: () => get<RiskModel>('/risk-model/default') });

/** A page of a run's results (`pageSize` results from page 1 on). */
export const useRiskRun = (id: string, filter: RunFilter, page: number, pageSize: number) =>
  useQuery({
    queryKey: riskKeys.runPage(id, filter, page),
    queryFn: () => get<RiskRunDetail>(`/risk-runs/${id}?filter=${filter}&limit=${pageSize}&offset=${(page - 1) * pageSize}`),
    placeholderData: keepPreviousData,
  });

/** The default model run over the stored history from..to (computed on demand, not cached). */
export const fetchBackTest = (from: string, to: string) => get<BackTestResult>(`/risk-backtest?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);

export const useLinkedFindings = (accountId: string) =>
  useQuery({ queryKey: riskKeys.linkedFindings(accountId), queryFn: () => get<LinkedFinding[]>(`/balance-accounts/${accountId}/findings`) });

export const useFindingOptions = (search: string, enabled: boolean) =>
  useQuery({
    queryKey: riskKeys.findingOptions(search),
    queryFn: () => get<Page<FindingOption>>(`/findings?limit=50${search.trim() ? `&q=${encodeURIComponent(search.trim())}` : ''}`),
    enabled,
  });
