import { z } from 'zod';
import { Id, Paging, IsoDateOrTime } from '../../http/schemas.js';

export const HistoryQuery = Paging.extend({
  resource: z.string().trim().min(1).max(50).optional(),
  resourceId: Id.optional(),
});

export const ChangeEntry = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    userId: Id.nullable(),
    userName: z.string().nullable(),
    resource: z.string(),
    resourceId: Id,
    action: z.string(),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
  })
  .meta({ id: 'ChangeEntry' });

/** A time bound: an ISO date (whole day, UTC) or an ISO date-time with an offset. */
const TimeBound = IsoDateOrTime;

export const AuditFilterQuery = z.object({
  resource: z.string().trim().min(1).max(50).optional().describe('Entries that changed a resource of this kind'),
  resourceId: Id.optional().describe('Entries that changed this resource'),
  userId: Id.optional().describe('Entries of this user'),
  from: TimeBound.optional().describe('From this time (a date: from its start, UTC)'),
  to: TimeBound.optional().describe('Up to and including this time (a date: the whole day, UTC)'),
  findingId: Id.optional().describe('Entries that changed the finding or anything under it (plans, measures, status entries, decisions, evidence, comments)'),
  planId: Id.optional().describe('Entries that changed the plan or anything under it'),
});
export type AuditFilterQueryT = z.infer<typeof AuditFilterQuery>;

export const AuditQuery = Paging.extend(AuditFilterQuery.shape);

export const AuditExportQuery = AuditFilterQuery.extend({
  format: z.enum(['csv', 'json']).default('csv'),
  /** Danish and Swedish Excel expect semicolons. */
  delimiter: z.enum(['comma', 'semicolon']).default('comma').describe('CSV field separator'),
});

export const AuditChange = z
  .object({
    resource: z.string(),
    resourceId: Id,
    action: z.string(),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
  })
  .meta({ id: 'AuditChange' });

export const AuditEntry = z
  .object({
    seq: z.number().int().describe('Number of the entry in the municipality’s chain, without gaps'),
    at: z.string(),
    userId: Id.nullable(),
    userName: z.string().nullable(),
    via: z.enum(['session', 'token', 'cli', 'system']),
    resource: z.string(),
    resourceId: Id,
    action: z.string(),
    changes: z.array(AuditChange),
    /** Names of the users the changes refer to (owners, approvers, requesters …), by id, so a history shows people by name. */
    people: z.record(z.string(), z.string()),
    prevHash: z.string(),
    hash: z.string(),
  })
  .meta({ id: 'AuditEntry' });

export const AuditVerifyResult = z
  .object({
    ok: z.boolean(),
    checked: z.number().int().describe('Entries verified before the first broken link (all, when intact)'),
    headSeq: z.number().int(),
    firstBroken: z
      .object({
        seq: z.number().int(),
        kind: z.enum(['missingEntry', 'brokenLink', 'changeRowsAltered', 'hashMismatch', 'headMismatch']),
        message: z.string(),
      })
      .nullable(),
  })
  .meta({ id: 'AuditVerifyResult' });

export type AuditChangeT = z.infer<typeof AuditChange>;
export type AuditEntryT = z.infer<typeof AuditEntry>;
export type AuditVerifyResultT = z.infer<typeof AuditVerifyResult>;
