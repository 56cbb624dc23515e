import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AuditEntryT, AuditVerifyResultT } from '../../server/modules/history/schemas';
import type { Plan } from '../../server/modules/plans/schemas';
import { get, type Page } from '../api';
import { findingKeys, type FindingDetail } from './findings';
import { planKeys } from './plans';

/** The server's shapes (Zod-inferred), not hand copies. */
export type AuditEntry = AuditEntryT;
export type AuditChange = AuditEntry['changes'][number];
export type VerifyResult = AuditVerifyResultT;
export type AuditSubjectKind = 'finding' | 'plan';
/** What a history's heading names: a finding's number and title, or a plan's department. */
export type AuditSubject = Partial<Pick<FindingDetail, 'number' | 'title'> & Pick<z.infer<typeof Plan>, 'departmentCode'>>;

export const auditKeys = {
  all: ['audit'] as const,
  /** One page of the trail of a finding or a plan and everything under it. */
  trail: (kind: AuditSubjectKind, id: string, page: number) => ['audit', kind, id, page] as const,
};

/**
 * The finding or plan a history is about (its heading), under the same key as the finding page
 * and the plan editor, so either loaded one serves the other.
 */
export const useAuditSubject = (kind: AuditSubjectKind, id: string) =>
  useQuery({
    queryKey: kind === 'finding' ? findingKeys.detail(id) : planKeys.detail(id),
    queryFn: () => get<AuditSubject>(`/${kind}s/${id}`),
  });

/** A page of `pageSize` entries of the audit trail of a finding or a plan (auditors, administrators, central coordination). */
export const useAuditTrail = (kind: AuditSubjectKind, id: string, page: number, pageSize: number, enabled: boolean) =>
  useQuery({
    queryKey: auditKeys.trail(kind, id, page),
    queryFn: () => get<Page<AuditEntry>>(`/audit?${kind === 'finding' ? 'findingId' : 'planId'}=${id}&limit=${pageSize}&offset=${(page - 1) * pageSize}`),
    enabled,
    placeholderData: keepPreviousData,
  });

/** Recomputes the municipality's audit chain (on demand: it reads the whole trail). */
export const useVerifyAudit = (onSuccess: () => void) => useMutation({ mutationFn: () => get<VerifyResult>('/audit/verify'), onSuccess });
