import { z } from 'zod';
import { Id } from '../../http/schemas.js';

export const evidenceTargetKinds = ['finding', 'measure', 'statusEntry'] as const;
export const commentTargetKinds = ['finding', 'plan', 'measure'] as const;

/** An evidence file's metadata; the bytes are only served by /evidence/:id/content. */
export const Evidence = z
  .object({
    id: Id,
    target: z.object({ kind: z.enum(evidenceTargetKinds), id: Id }),
    fileName: z.string(),
    contentType: z.string(),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    createdAt: z.string(),
    createdBy: Id.nullable(),
  })
  .meta({ id: 'Evidence' });

export const CommentInput = z.object({ body: z.string().trim().min(1).max(5000) });

export const Comment = z
  .object({
    id: Id,
    target: z.object({ kind: z.enum(commentTargetKinds), id: Id }),
    body: z.string(),
    createdBy: Id.nullable(),
    authorName: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Comment' });

export type EvidenceTargetKind = (typeof evidenceTargetKinds)[number];
export type CommentTargetKind = (typeof commentTargetKinds)[number];
export type EvidenceT = z.infer<typeof Evidence>;
export type CommentT = z.infer<typeof Comment>;
