import { queryOptions, useQuery } from '@tanstack/react-query';
import type {
  AnswerKind,
  AnswerRevisionT,
  CheckResultT,
  MeasureDetailT,
  OwnerCandidateT,
  PlanT,
  RevisionComparisonT,
  RevisionT,
} from '../../server/modules/plans/schemas';
import { get } from '../api';

/** Query keys and hooks of action plans and their measures; the types are the server's (modules/plans/schemas.ts). */
export const planKeys = {
  all: ['plan'] as const,
  detail: (id: string) => ['plan', id] as const,
  check: (id: string) => ['plan-check', id] as const,
  revisions: (id: string) => ['plan', id, 'revisions'] as const,
  /** An answer's revisions at the answer's version (a command that changes it fetches them again). */
  answerRevisions: (id: string, kind: AnswerKind, version: number) => ['plan', id, 'answer-revisions', kind, version] as const,
  comparison: (id: string, from: number, to: number) => ['plan', id, 'compare', from, to] as const,
  ownerCandidates: (id: string) => ['plan', id, 'owner-candidates'] as const,
};
export const measureKeys = {
  detail: (id: string) => ['measure', id] as const,
};

/** One plan as GET /plans/:id gives it (the editor also reads it afresh before a command, for its version). */
export const fetchPlan = (id: string) => get<PlanT>(`/plans/${id}`);

/** A plan's query, for pages that read several (useQueries); the editor's own is usePlan. */
export const planQuery = (id: string) => queryOptions({ queryKey: planKeys.detail(id), queryFn: () => fetchPlan(id) });

/** The plan as the editor holds it: loaded once, replaced from command answers (never refetched under the user's typing). */
export const usePlan = (id: string) => useQuery({ ...planQuery(id), staleTime: Infinity, gcTime: 0 });

export const usePlanCheck = (id: string) => useQuery({ queryKey: planKeys.check(id), queryFn: () => get<CheckResultT>(`/plans/${id}/check`), retry: false });

export const usePlanRevisions = (id: string, enabled = true) =>
  useQuery({ queryKey: planKeys.revisions(id), queryFn: () => get<RevisionT[]>(`/plans/${id}/revisions`), enabled });

export const useAnswerRevisions = (id: string, kind: AnswerKind, version: number, enabled = true) =>
  useQuery({ queryKey: planKeys.answerRevisions(id, kind, version), queryFn: () => get<AnswerRevisionT[]>(`/plans/${id}/answers/${kind}/revisions`), enabled });

export const useRevisionComparison = (id: string, pair: { from: number; to: number } | null) =>
  useQuery({
    queryKey: planKeys.comparison(id, pair?.from ?? 0, pair?.to ?? 0),
    queryFn: () => get<RevisionComparisonT>(`/plans/${id}/revisions/compare?from=${pair!.from}&to=${pair!.to}`),
    enabled: pair !== null,
  });

/** Users of the plan's department who may own a measure (only for those who may edit the plan). */
export const useOwnerCandidates = (id: string, enabled: boolean) =>
  useQuery({ queryKey: planKeys.ownerCandidates(id), queryFn: () => get<OwnerCandidateT[]>(`/plans/${id}/owner-candidates`), enabled, staleTime: 60_000 });

/** A measure with its deadline history and the statuses of every round (GET /measures/:id). */
export const measureQuery = (id: string) => queryOptions({ queryKey: measureKeys.detail(id), queryFn: () => get<MeasureDetailT>(`/measures/${id}`) });
