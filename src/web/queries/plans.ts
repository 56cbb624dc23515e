import { useQuery } from '@tanstack/react-query';
import { get } from '../api';
import type { AnswerKind, AnswerRevisionDto, CheckDto, ComparisonDto, MeetingRef, OwnerCandidate, PlanDto, RevisionDto } from '../components/plans/draft';

/**
 * Query keys and hooks of action plans. The DTO types are the plan editor's (components/plans/draft),
 * written after the server's Zod schemas (modules/plans/schemas.ts): the web build cannot import
 * those types yet (they pull in the server's Node-only column types).
 */
export const planKeys = {
  all: ['plan'] as const,
  detail: (id: string) => ['plan', id] as const,
  check: (id: string) => ['plan-check', id] as const,
  revisions: (id: string) => ['plan', id, 'revisions'] as const,
  /** An answer's revisions at the answer's version (a command that changes it fetches them again). */
  answerRevisions: (id: string, kind: AnswerKind, version: number) => ['plan', id, 'answer-revisions', kind, version] as const,
  comparison: (id: string, from: number, to: number) => ['plan', id, 'compare', from, to] as const,
  ownerCandidates: (id: string) => ['plan', id, 'owner-candidates'] as const,
  meetings: ['meetings'] as const,
};

/** The plan as the editor holds it: loaded once, replaced from command answers (never refetched under the user's typing). */
export const usePlan = (id: string) => useQuery({ queryKey: planKeys.detail(id), queryFn: () => get<PlanDto>(`/plans/${id}`), staleTime: Infinity, gcTime: 0 });

export const usePlanCheck = (id: string) => useQuery({ queryKey: planKeys.check(id), queryFn: () => get<CheckDto>(`/plans/${id}/check`), retry: false });

export const usePlanRevisions = (id: string, enabled = true) => useQuery({ queryKey: planKeys.revisions(id), queryFn: () => get<RevisionDto[]>(`/plans/${id}/revisions`), enabled });

export const useAnswerRevisions = (id: string, kind: AnswerKind, version: number, enabled = true) =>
  useQuery({ queryKey: planKeys.answerRevisions(id, kind, version), queryFn: () => get<AnswerRevisionDto[]>(`/plans/${id}/answers/${kind}/revisions`), enabled });

export const useRevisionComparison = (id: string, pair: { from: number; to: number } | null) =>
  useQuery({
    queryKey: planKeys.comparison(id, pair?.from ?? 0, pair?.to ?? 0),
    queryFn: () => get<ComparisonDto>(`/plans/${id}/revisions/compare?from=${pair!.from}&to=${pair!.to}`),
    enabled: pair !== null,
  });

/** Users of the plan's department who may own a measure (only for those who may edit the plan). */
export const useOwnerCandidates = (id: string, enabled: boolean) =>
  useQuery({ queryKey: planKeys.ownerCandidates(id), queryFn: () => get<OwnerCandidate[]>(`/plans/${id}/owner-candidates`), enabled, staleTime: 60_000 });

/** The municipality's meetings (approvals and decision plans point at them). */
export const useMeetings = (enabled = true) => useQuery({ queryKey: planKeys.meetings, queryFn: () => get<{ items: MeetingRef[] }>('/meetings?limit=100'), enabled });
