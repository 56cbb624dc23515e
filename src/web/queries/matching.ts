import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DifferencesT, GroupT, ItemPageT, ItemT, RunT, SystemT, UnmaskedT } from '../../server/modules/matching/schemas';
import { api, ApiError, get } from '../api';
import { balanceKeys } from './balance';

/** The matching API's shapes (Zod-inferred from modules/matching/schemas.ts), not hand copies. */
export type MatchingSystem = SystemT;
export type MatchingRun = RunT;
export type MatchingItem = ItemT;
export type ItemPage = ItemPageT;
export type MatchingGroup = GroupT;
export type DifferenceRow = DifferencesT['rows'][number];
export type RunState = RunT['state'];
export type Side = ItemT['side'];
export type Target = SystemT['target'];
export type SourceLayout = SystemT['left'];
export type PassRule = RunT['rules']['passes'][number];
export type DifferenceBy = DifferencesT['by'];
/** What an item table shows: the state, the side (all when null), the page and the sorted column. */
export interface ItemView {
  state: ItemT['state'];
  side: Side | null;
  page: number;
  sort: { key: string | null; descending: boolean };
}

/** Whether a run has finished (successfully or not): nothing more to poll. */
export const finished = (state: RunState) => state === 'succeeded' || state === 'failed';

/**
 * Query keys of the matching engine. `['matching-runs']` prefixes every runs list (a system and
 * month's too); `['matching-items', runId]`, `['matching-groups', runId]` and
 * `['matching-differences', runId]` prefix a run's pages, so a decision invalidates them all.
 */
export const matchingKeys = {
  systems: ['matching-systems'] as const,
  runs: ['matching-runs'] as const,
  runsOf: (systemId: string | undefined, period: string | undefined) => ['matching-runs', systemId, period] as const,
  run: (id: string | undefined) => ['matching-run', id] as const,
  items: (runId: string | undefined) => ['matching-items', runId] as const,
  itemPage: (runId: string, view: ItemView) => ['matching-items', runId, view.state, view.side, view.page, view.sort.key, view.sort.descending] as const,
  groups: (runId: string | undefined) => ['matching-groups', runId] as const,
  suggested: (runId: string) => ['matching-groups', runId, 'suggested'] as const,
  differences: (runId: string) => ['matching-differences', runId] as const,
  differencesBy: (runId: string, by: DifferenceBy) => ['matching-differences', runId, by] as const,
};

export const useMatchingSystems = () => useQuery({ queryKey: matchingKeys.systems, queryFn: () => get<MatchingSystem[]>('/matching-systems') });

export const useMatchingRuns = () => useQuery({ queryKey: matchingKeys.runs, queryFn: () => get<MatchingRun[]>('/matching-runs?limit=200') });

/** The runs of one system and month (only asked for when `enabled`). */
export const useSystemMonthRuns = (systemId: string | undefined, period: string | undefined, enabled: boolean) =>
  useQuery({
    queryKey: matchingKeys.runsOf(systemId, period),
    queryFn: () => get<MatchingRun[]>(`/matching-runs?systemId=${systemId!}&period=${period!}&limit=20`),
    enabled,
  });

export const fetchMatchingRun = (id: string) => get<MatchingRun>(`/matching-runs/${id}`);

/**
 * One run, polled every second until it has finished (`initial`: the run as a list shows it);
 * a missing run (404) is not asked for again.
 */
export const useMatchingRun = (id: string | undefined, initial?: MatchingRun) =>
  useQuery({
    queryKey: matchingKeys.run(id),
    queryFn: () => fetchMatchingRun(id!),
    enabled: Boolean(id),
    ...(initial ? { initialData: initial } : {}),
    refetchInterval: (q) => (q.state.data && finished(q.state.data.state) ? false : 1000),
    retry: (count, err) => !(err instanceof ApiError && err.status === 404) && count < 3,
  });

/** A page of a run's items; `query` is the URL query the view is asked with (state, side, sort, paging). */
export const useMatchingItems = (runId: string, view: ItemView, query: URLSearchParams) =>
  useQuery({
    queryKey: matchingKeys.itemPage(runId, view),
    queryFn: () => get<ItemPage>(`/matching-runs/${runId}/items?${query}`),
    placeholderData: keepPreviousData,
  });

export const useSuggestedGroups = (runId: string) =>
  useQuery({ queryKey: matchingKeys.suggested(runId), queryFn: () => get<MatchingGroup[]>(`/matching-runs/${runId}/groups?status=suggested`) });

export const useDifferences = (runId: string, by: DifferenceBy) =>
  useQuery({
    queryKey: matchingKeys.differencesBy(runId, by),
    queryFn: () => get<DifferencesT>(`/matching-runs/${runId}/differences?by=${by}`),
    placeholderData: keepPreviousData,
  });

/** Shows an item's CPR number in clear (the server logs every call). */
export const unmaskCpr = (itemId: string) => api<UnmaskedT>('POST', `/matching-items/${itemId}/cpr`);

/**
 * After a decision on a run (a confirmed or rejected suggestion, a match by hand): the run as it is
 * now (its difference), then its pages, the system reconciliation it feeds and the runs lists.
 * `groups`: the run's suggestions load again too.
 */
export function useRefreshAfterDecision() {
  const client = useQueryClient();
  return async (runId: string, { groups }: { groups: boolean }) => {
    const fresh = await fetchMatchingRun(runId);
    client.setQueryData(matchingKeys.run(runId), fresh);
    if (groups) await client.invalidateQueries({ queryKey: matchingKeys.groups(runId) });
    await client.invalidateQueries({ queryKey: matchingKeys.items(runId) });
    await client.invalidateQueries({ queryKey: matchingKeys.differences(runId) });
    await client.invalidateQueries({ queryKey: balanceKeys.systemReconciliations });
    await client.invalidateQueries({ queryKey: matchingKeys.runs });
    return fresh;
  };
}
