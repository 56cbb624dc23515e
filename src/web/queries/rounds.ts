import { useQuery } from '@tanstack/react-query';
import { get } from '../api';
// The server's Zod-inferred types cannot be imported here: the schemas pull in the database
// columns, which need Node's types (Buffer) that the browser build does not have.
import type { DepartmentRound, Round, RoundDetail } from '../components/rounds/types';

/** Query keys of the follow-up rounds: one factory, so invalidation always hits the right entries. */
export const roundKeys = {
  all: ['rounds'] as const,
  list: () => [...roundKeys.all] as const,
  detail: (id: string) => ['round', id] as const,
  department: (id: string, departmentId: string) => ['round-department', id, departmentId] as const,
};

export const useRounds = () => useQuery({ queryKey: roundKeys.list(), queryFn: () => get<{ items: Round[] }>('/rounds') });

export const useRound = (id: string) => useQuery({ queryKey: roundKeys.detail(id), queryFn: () => get<RoundDetail>(`/rounds/${id}`) });

export const departmentRoundPath = (id: string, departmentId: string) => `/rounds/${id}/departments/${departmentId}`;

export const useDepartmentRound = (id: string, departmentId: string) =>
  useQuery({ queryKey: roundKeys.department(id, departmentId), queryFn: () => get<DepartmentRound>(departmentRoundPath(id, departmentId)) });
