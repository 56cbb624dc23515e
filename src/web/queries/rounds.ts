import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Evidence } from '../../server/modules/attachments/schemas';
import type { DepartmentRoundT, RoundDetailT, RoundT } from '../../server/modules/rounds/schemas';
import { get } from '../api';

/** Query keys of the follow-up rounds: one factory, so invalidation always hits the right entries. */
export const roundKeys = {
  all: ['rounds'] as const,
  list: () => [...roundKeys.all] as const,
  detail: (id: string) => ['round', id] as const,
  department: (id: string, departmentId: string) => ['round-department', id, departmentId] as const,
  /** The evidence files attached to one status entry. */
  evidence: (entryId: string) => ['evidence', 'status-entries', entryId] as const,
};

export const roundsQuery = () => queryOptions({ queryKey: roundKeys.list(), queryFn: () => get<{ items: RoundT[] }>('/rounds') });

export const useRounds = () => useQuery(roundsQuery());

export const roundQuery = (id: string) => queryOptions({ queryKey: roundKeys.detail(id), queryFn: () => get<RoundDetailT>(`/rounds/${id}`) });

export const useRound = (id: string) => useQuery(roundQuery(id));

export const departmentRoundPath = (id: string, departmentId: string) => `/rounds/${id}/departments/${departmentId}`;

export const useDepartmentRound = (id: string, departmentId: string) =>
  useQuery({ queryKey: roundKeys.department(id, departmentId), queryFn: () => get<DepartmentRoundT>(departmentRoundPath(id, departmentId)) });

export const statusEntryEvidencePath = (entryId: string) => `/status-entries/${entryId}/evidence`;

export const useStatusEntryEvidence = (entryId: string) =>
  useQuery({ queryKey: roundKeys.evidence(entryId), queryFn: () => get<{ items: z.infer<typeof Evidence>[] }>(statusEntryEvidencePath(entryId)) });
