import { useQuery } from '@tanstack/react-query';
import type { CommentT, EvidenceT } from '../../server/modules/attachments/schemas';
import { get } from '../api';

/** The server's shapes (Zod-inferred), not hand copies. */
export type Comment = CommentT;
export type Evidence = EvidenceT;

/** What comments and evidence hang on: comments on findings, plans and measures; evidence on findings, measures and status entries. */
export type ActivityKind = 'finding' | 'plan' | 'measure' | 'statusEntry';
const collection: Record<ActivityKind, string> = { finding: 'findings', plan: 'plans', measure: 'measures', statusEntry: 'status-entries' };
/** The API path of the thing (`/findings/ID`), under which its comments and evidence live. */
export const activityPath = (kind: ActivityKind, id: string) => `/${collection[kind]}/${id}`;

export const commentKeys = {
  of: (kind: ActivityKind, id: string) => ['comments', kind, id] as const,
};
export const evidenceKeys = {
  of: (kind: ActivityKind, id: string) => ['evidence', kind, id] as const,
};

export const useComments = (kind: ActivityKind, id: string) =>
  useQuery({ queryKey: commentKeys.of(kind, id), queryFn: () => get<{ items: Comment[] }>(`${activityPath(kind, id)}/comments`) });
export const useEvidence = (kind: ActivityKind, id: string) =>
  useQuery({ queryKey: evidenceKeys.of(kind, id), queryFn: () => get<{ items: Evidence[] }>(`${activityPath(kind, id)}/evidence`) });
