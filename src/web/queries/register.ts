import { useQuery } from '@tanstack/react-query';
import type { CommitteeT, DepartmentT, MeetingT } from '../../server/modules/tenancy/schemas';
import { get } from '../api';

/** The server's shapes (Zod-inferred), not hand copies. */
export type Committee = CommitteeT;
export type Department = DepartmentT;
export type Meeting = MeetingT;

/**
 * Query keys of the settings registers: one key per register, the resource's path (`['departments']`),
 * shared by the register pages, the filters, the document dialog and the plan editor's meetings.
 */
export const registerKeys = {
  list: (resource: string) => [resource] as const,
  committees: ['committees'] as const,
  departments: ['departments'] as const,
  meetings: ['meetings'] as const,
};

/** Any register's rows (`GET /<resource>`), for the generic register page. */
export const useRegister = <Row>(resource: string) => useQuery({ queryKey: registerKeys.list(resource), queryFn: () => get<{ items: Row[] }>(`/${resource}`) });

export const useDepartments = (enabled = true) =>
  useQuery({ queryKey: registerKeys.departments, queryFn: () => get<{ items: Department[] }>('/departments'), enabled });
export const useCommittees = (enabled = true) =>
  useQuery({ queryKey: registerKeys.committees, queryFn: () => get<{ items: Committee[] }>('/committees'), enabled });
/** The municipality's meetings (approvals, decision plans and council decisions point at them). */
export const useMeetings = (enabled = true) => useQuery({ queryKey: registerKeys.meetings, queryFn: () => get<{ items: Meeting[] }>('/meetings'), enabled });
