import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { municipalityId } from './columns.js';

/**
 * One row per changed resource, written in the same transaction as the change itself by the
 * single write path (server/unit-of-work). `audit_seq` names the audit entry (the command) it
 * belongs to; the entry's hash covers these rows, so editing one breaks the chain.
 */
export const changeLog = pgTable(
  'change_log',
  {
    municipalityId: municipalityId(),
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    userId: uuid('user_id'),
    resource: text('resource').notNull(),
    resourceId: uuid('resource_id').notNull(),
    action: text('action').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    auditSeq: bigint('audit_seq', { mode: 'number' }),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.seq] }),
    index('change_log_resource_idx').on(t.municipalityId, t.resourceId),
    index('change_log_audit_idx').on(t.municipalityId, t.auditSeq),
  ],
);

/**
 * The audit trail: one entry per successful command (who, when, what, how it was authenticated),
 * numbered without gaps per municipality and hash-chained: each entry's hash covers its fields,
 * its change rows and the previous entry's hash. Append-only: the service never updates or
 * deletes a row, and `tilsyn audit verify` recomputes the chain.
 */
export const auditEntries = pgTable(
  'audit_entries',
  {
    municipalityId: municipalityId(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    userId: uuid('user_id'),
    /** session | token | cli | system */
    via: text('via').notNull(),
    resource: text('resource').notNull(),
    resourceId: uuid('resource_id').notNull(),
    action: text('action').notNull(),
    changeCount: integer('change_count').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.municipalityId, t.seq] }), index('audit_entries_resource_idx').on(t.municipalityId, t.resourceId)],
);

/** The newest entry of each municipality's chain: locked by each command to append in order. */
export const auditHeads = pgTable('audit_heads', {
  municipalityId: uuid('municipality_id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});
