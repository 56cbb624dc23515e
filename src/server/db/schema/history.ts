import { bigint, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { municipalityId } from './columns.js';

/**
 * One row per change, written in the same transaction as the change itself by the single write
 * path (server/unit-of-work). The Access issue turns it into a hash-chained audit trail.
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
  },
  (t) => [primaryKey({ columns: [t.municipalityId, t.seq] }), index('change_log_resource_idx').on(t.municipalityId, t.resourceId)],
);
