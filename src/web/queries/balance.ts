import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AccountPlanSummaryT,
  AccountT,
  ImFunctionT,
  NeedT,
  ReconciliationT,
  StarterResultT,
  SystemReconciliationT,
} from '../../server/modules/balance/schemas';
import type { BalanceReportT } from '../../server/modules/balance-report/schemas';
import type { BalanceImportReportT } from '../../server/modules/balance-import/schemas';
import type { AccountPlanInputT, Plan } from '../../server/modules/plans/schemas';
import { api, get, type Page } from '../api';

/** The balance register's shapes (Zod-inferred from the modules' schemas.ts), not hand copies. */
export type BalanceAccount = AccountT;
export type AccountPlan = AccountPlanSummaryT;
export type Need = NeedT;
export type Reconciliation = ReconciliationT;
export type ReconciliationItem = ReconciliationT['items'][number];
export type Status = ReconciliationT['status'];
export type ImFunction = ImFunctionT;
export type SystemReconciliation = SystemReconciliationT;
export type BalanceReport = BalanceReportT;
export type BalanceImportReport = BalanceImportReportT;
export type ActionPlan = z.infer<typeof Plan>;

/**
 * Query keys of the balance register. `['balance-accounts']` prefixes every account list (and an
 * account's linked findings); one account and its reconciliations have keys of their own.
 */
export const balanceKeys = {
  accounts: ['balance-accounts'] as const,
  accountList: (query: string) => ['balance-accounts', query] as const,
  account: (id: string) => ['balance-account', id] as const,
  reconciliations: (accountId: string) => ['balance-reconciliations', accountId] as const,
  imFunctions: ['im-functions'] as const,
  systemReconciliations: ['system-reconciliations'] as const,
  systemReconciliationsOf: (system: string | undefined, period: string) => ['system-reconciliations', system, period] as const,
  report: (year: string, committee: string) => ['balance-report', year, committee] as const,
};

/** A page of the account list; `query` is the URL query of its filters, sort and paging. */
export const useBalanceAccounts = (query: string) =>
  useQuery({
    queryKey: balanceKeys.accountList(query),
    queryFn: () => get<Page<BalanceAccount>>(`/balance-accounts?${query}`),
    placeholderData: keepPreviousData,
  });

export const useBalanceAccount = (id: string) =>
  useQuery({ queryKey: balanceKeys.account(id), queryFn: () => get<BalanceAccount>(`/balance-accounts/${id}`), retry: false });

/** The account's reconciliations, newest period first (asked for once the account has loaded). */
export const useReconciliations = (accountId: string, enabled: boolean) =>
  useQuery({
    queryKey: balanceKeys.reconciliations(accountId),
    queryFn: () => get<Reconciliation[]>(`/balance-accounts/${accountId}/reconciliations`),
    enabled,
  });

/** Loads the starter chart of accounts (idempotent): how many IM functions it added, of how many. */
export const loadStarterChart = () => api<StarterResultT>('POST', '/im-functions/starter');

export const useImFunctions = () => useQuery({ queryKey: balanceKeys.imFunctions, queryFn: () => get<ImFunction[]>('/im-functions') });

/** The system reconciliations of a system (by code) and month; asked for only when `enabled`. */
export const useSystemReconciliations = (system: string | undefined, period: string, enabled: boolean) =>
  useQuery({
    queryKey: balanceKeys.systemReconciliationsOf(system, period),
    queryFn: () => get<SystemReconciliation[]>(`/system-reconciliations?period=${encodeURIComponent(period)}&system=${encodeURIComponent(system!)}`),
    enabled,
  });

/** The annual balance report of one committee (nothing is asked while no committee is chosen). */
export const useBalanceReport = (year: string, committee: string) =>
  useQuery({
    queryKey: balanceKeys.report(year, committee),
    queryFn: () => get<BalanceReport>(`/balance-report?year=${year}&committee=${encodeURIComponent(committee)}`),
    enabled: committee !== '',
  });

/** After a change to an account or its reconciliations: the lists and the account load again. */
export function useInvalidateAccount() {
  const client = useQueryClient();
  return async (accountId: string) => {
    await client.invalidateQueries({ queryKey: balanceKeys.accounts });
    await client.invalidateQueries({ queryKey: balanceKeys.account(accountId) });
  };
}

/** Creates the action plan of a reconciliation's account, or of a system reconciliation's difference. */
export const createReconciliationPlan = (reconciliationId: string, input: AccountPlanInputT) =>
  api<ActionPlan>('POST', `/reconciliations/${reconciliationId}/action-plan`, input);
export const createSystemPlan = (systemReconciliationId: string, input: AccountPlanInputT) =>
  api<ActionPlan>('POST', `/system-reconciliations/${systemReconciliationId}/action-plan`, input);
