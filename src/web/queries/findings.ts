import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FindingDetailT, FindingT, ReportT } from '../../server/modules/findings/schemas';
import { get, type Page } from '../api';

/** The server's shapes (Zod-inferred), not hand copies. */
export type Report = ReportT;
export type Finding = FindingT;
export type FindingDetail = FindingDetailT;
export type FindingPart = Finding['departments'][number];

/** Query keys of reports and findings; `['finding', id]` is shared with the plan editor and the side-by-side page. */
export const reportKeys = {
  all: ['reports'] as const,
  detail: (id: string) => ['reports', id] as const,
};
export const findingKeys = {
  lists: ['findings'] as const,
  list: (query: string) => ['findings', query] as const,
  detail: (id: string) => ['finding', id] as const,
};

export const useReports = () => useQuery({ queryKey: reportKeys.all, queryFn: () => get<{ items: Report[] }>('/reports') });

/** One report; nothing is asked while `id` is empty (a page still waiting for the id). */
export const useReport = (id: string) => useQuery({ queryKey: reportKeys.detail(id), queryFn: () => get<Report>(`/reports/${id}`), enabled: Boolean(id) });

/** A page of the findings list; `query` is the URL query of the list's filters and paging. */
export const useFindings = (query: string) =>
  useQuery({ queryKey: findingKeys.list(query), queryFn: () => get<Page<Finding>>(`/findings?${query}`), placeholderData: keepPreviousData });

/** The findings of one report (a new finding takes the next number); nothing is asked without the report. */
export const useReportFindings = (reportId: string | undefined, enabled: boolean) =>
  useQuery({
    queryKey: findingKeys.list(`reportId=${reportId ?? ''}&limit=500`),
    queryFn: () => get<Page<Finding>>(`/findings?reportId=${reportId}&limit=500&offset=0`),
    enabled: Boolean(reportId) && enabled,
  });

/** Every year's findings, newest year first (to pick the one a finding repeats). */
export const useEarlierFindings = () =>
  useQuery({ queryKey: findingKeys.list('earlier&limit=500&sort=-year'), queryFn: () => get<Page<Finding>>('/findings?limit=500&offset=0&sort=-year') });

export const useFinding = (id: string) =>
  useQuery({ queryKey: findingKeys.detail(id), queryFn: () => get<FindingDetail>(`/findings/${id}`), enabled: Boolean(id) });

/** After a change to findings or reports: every list and the finding itself load again. */
export function useInvalidateFindings() {
  const client = useQueryClient();
  return async (findingId?: string) => {
    await Promise.all([
      client.invalidateQueries({ queryKey: findingKeys.lists }),
      client.invalidateQueries({ queryKey: reportKeys.all }),
      findingId ? client.invalidateQueries({ queryKey: findingKeys.detail(findingId) }) : Promise.resolve(),
    ]);
  };
}
