import { attachmentPolicy as policy } from './policy.js';
import { isStaff } from '../access/grants.js';
import { createHash } from 'node:crypto';
import type { Actor } from '../../context.js';
import type { Database, Executor } from '../../db/engine.js';
import { detail, fieldError, notFound, Problem, versionConflict } from '../../http/problem.js';
import type { Params } from '../../i18n/catalogue.js';
import { type MessageCode, renderMessage } from '../../i18n/messages.js';
import { iso } from '../../http/schemas.js';
import type { ServiceOptions } from '../../service-options.js';
import { runCommand } from '../../unit-of-work.js';
import { attachmentRepository as repo, type CommentRow, type EvidenceMetaRow } from './repository.js';
import type { CommentTargetKind, EvidenceTargetKind } from './schemas.js';
import { fileTypes, uploadFileName, verifyContentType } from './sniff.js';

export interface Upload {
  fileName: string;
  declaredType: string;
  bytes: Buffer;
}

function evidenceDto(row: EvidenceMetaRow) {
  const target = row.findingId
    ? { kind: 'finding' as const, id: row.findingId }
    : row.measureId
      ? { kind: 'measure' as const, id: row.measureId }
      : { kind: 'statusEntry' as const, id: row.statusEntryId! };
  return {
    id: row.id,
    target,
    fileName: row.fileName,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    createdAt: iso(row.createdAt),
    createdBy: row.createdBy,
  };
}

function commentDto(row: CommentRow) {
  const target = row.findingId
    ? { kind: 'finding' as const, id: row.findingId }
    : row.planId
      ? { kind: 'plan' as const, id: row.planId }
      : { kind: 'measure' as const, id: row.measureId! };
  return {
    id: row.id,
    target,
    body: row.body,
    createdBy: row.createdBy,
    authorName: row.authorName,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    version: row.version,
  };
}

const allowedTypes = [...new Set(fileTypes.flatMap((t) => t.extensions))].join(', ');

function fileProblem(
  status: number,
  code: 'payloadTooLarge' | 'unsupportedMediaType' | 'validation' | 'badRequest',
  errorCode: string,
  message: MessageCode,
  params?: Params,
) {
  return new Problem(status, code, detail(message, params), [fieldError('file', errorCode, message, params)]);
}

export const fileMissing = () => fileProblem(400, 'badRequest', 'evidence.missing', 'attachments.sendAsMultipart');
export const notMultipart = () => fileProblem(415, 'unsupportedMediaType', 'evidence.notMultipart', 'attachments.sendAsMultipart');

export function createAttachmentsService(db: Database, opts: ServiceOptions) {
  async function requireTarget(ex: Executor, actor: Actor, kind: EvidenceTargetKind | CommentTargetKind, id: string) {
    if (!(await repo.targetExists(ex, actor.municipalityId, kind, id))) throw notFound(kind, id);
  }

  /** A status entry of an accepted submission is final, and so is its evidence. */
  async function requireEntryUnlocked(ex: Executor, actor: Actor, statusEntryId: string) {
    if ((await repo.submissionStateOfEntry(ex, actor.municipalityId, statusEntryId)) !== 'accepted') return;
    throw new Problem(409, 'locked', detail('attachments.submissionLocked'), [fieldError('path.id', 'submission.locked', 'attachments.submissionLocked')]);
  }

  async function requireComment(ex: Executor, actor: Actor, id: string) {
    const row = await repo.getComment(ex, actor.municipalityId, id);
    if (!row) throw notFound('comment', id);
    // Its author only while on the staff: readers do not touch internal material.
    if (row.createdBy !== actor.userId || !isStaff(actor)) {
      throw new Problem(403, 'forbidden', detail('attachments.notAuthor'), [fieldError('path.id', 'comment.notAuthor', 'attachments.notAuthor')]);
    }
    return row;
  }

  return {
    /** The problem for an upload over the size limit (the multipart reader stops at the limit). */
    fileTooLarge: (actor: Actor) => {
      const limit = detail('attachments.tooLarge', { limitMb: opts.maxEvidenceBytes / (1024 * 1024) });
      // The field error is worded here: it has always carried just field, code and message, no params
      const message = renderMessage(actor.locale, limit.code, limit.params);
      return new Problem(413, 'payloadTooLarge', limit, [{ field: 'file', code: 'evidence.tooLarge', message }]);
    },

    async listEvidence(actor: Actor, kind: EvidenceTargetKind, targetId: string) {
      policy.read(actor);
      await requireTarget(db, actor, kind, targetId);
      return (await repo.listEvidence(db, actor.municipalityId, kind, targetId)).map(evidenceDto);
    },

    async addEvidence(actor: Actor, kind: EvidenceTargetKind, targetId: string, upload: Upload) {
      return runCommand(db, actor, async (tx, changes) => {
        await requireTarget(tx, actor, kind, targetId);
        policy.addEvidence(actor, await repo.targetOwnership(tx, actor.municipalityId, kind, targetId));
        if (kind === 'statusEntry') await requireEntryUnlocked(tx, actor, targetId);
        if (upload.bytes.length === 0) {
          throw fileProblem(422, 'validation', 'evidence.empty', 'attachments.empty');
        }
        const fileName = uploadFileName(upload.fileName, 'file');
        const contentType = verifyContentType(upload.bytes, fileName, upload.declaredType);
        if (!contentType) {
          throw fileProblem(415, 'unsupportedMediaType', 'evidence.contentType', 'attachments.contentType', { allowed: allowedTypes });
        }
        const row = await repo.insertEvidence(tx, {
          municipalityId: actor.municipalityId,
          findingId: kind === 'finding' ? targetId : null,
          measureId: kind === 'measure' ? targetId : null,
          statusEntryId: kind === 'statusEntry' ? targetId : null,
          fileName,
          contentType,
          sizeBytes: upload.bytes.length,
          sha256: createHash('sha256').update(upload.bytes).digest('hex'),
          content: upload.bytes,
          createdBy: actor.userId,
        });
        const dto = evidenceDto(row);
        await changes.record({ resource: 'evidence', resourceId: row.id, action: 'create', after: dto });
        return dto;
      });
    },

    async evidenceContent(actor: Actor, id: string) {
      policy.read(actor);
      const row = await repo.getEvidenceContent(db, actor.municipalityId, id);
      if (!row) throw notFound('evidence', id);
      return { ...evidenceDto(row), content: row.content };
    },

    async deleteEvidence(actor: Actor, id: string) {
      return runCommand(db, actor, async (tx, changes) => {
        const row = await repo.getEvidence(tx, actor.municipalityId, id);
        if (!row) throw notFound('evidence', id);
        policy.deleteEvidence(actor, row);
        if (row.statusEntryId) await requireEntryUnlocked(tx, actor, row.statusEntryId);
        await repo.deleteEvidence(tx, actor.municipalityId, id);
        await changes.record({ resource: 'evidence', resourceId: id, action: 'delete', before: evidenceDto(row) });
      });
    },

    async listComments(actor: Actor, kind: CommentTargetKind, targetId: string) {
      policy.read(actor);
      await requireTarget(db, actor, kind, targetId);
      return (await repo.listComments(db, actor.municipalityId, kind, targetId)).map(commentDto);
    },

    async addComment(actor: Actor, kind: CommentTargetKind, targetId: string, body: string) {
      policy.comment(actor);
      return runCommand(db, actor, async (tx, changes) => {
        await requireTarget(tx, actor, kind, targetId);
        const id = await repo.insertComment(tx, {
          municipalityId: actor.municipalityId,
          findingId: kind === 'finding' ? targetId : null,
          planId: kind === 'plan' ? targetId : null,
          measureId: kind === 'measure' ? targetId : null,
          body,
          createdBy: actor.userId,
        });
        const dto = commentDto((await repo.getComment(tx, actor.municipalityId, id))!);
        await changes.record({ resource: 'comment', resourceId: id, action: 'create', after: dto });
        return dto;
      });
    },

    async updateComment(actor: Actor, id: string, version: number, body: string) {
      return runCommand(db, actor, async (tx, changes) => {
        const before = commentDto(await requireComment(tx, actor, id));
        if (before.version !== version || !(await repo.updateComment(tx, actor.municipalityId, id, version, body)))
          throw versionConflict(before, before.version);
        const after = commentDto((await repo.getComment(tx, actor.municipalityId, id))!);
        await changes.record({ resource: 'comment', resourceId: id, action: 'update', before, after });
        return after;
      });
    },

    async deleteComment(actor: Actor, id: string, version: number) {
      return runCommand(db, actor, async (tx, changes) => {
        const before = commentDto(await requireComment(tx, actor, id));
        if (before.version !== version || !(await repo.deleteComment(tx, actor.municipalityId, id, version))) throw versionConflict(before, before.version);
        await changes.record({ resource: 'comment', resourceId: id, action: 'delete', before });
      });
    },
  };
}

export type AttachmentsService = ReturnType<typeof createAttachmentsService>;
