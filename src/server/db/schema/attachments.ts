import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { bytea, createdAt, createdBy, id, municipalityId, updatedAt, version } from './columns.js';
import { findings } from './findings.js';
import { statusEntries } from './followup.js';
import { actionPlans, measures } from './plans.js';

/**
 * Evidence and comments point at exactly one target through one nullable foreign key per kind,
 * so deleting the target deletes them and no dangling reference can exist.
 */
const oneTarget = (cols: unknown[]) =>
  sql.join(
    cols.map((c) => sql`(${c} is not null)::int`),
    sql` + `,
  );

export const evidence = pgTable(
  'evidence',
  {
    municipalityId: municipalityId(),
    id: id(),
    findingId: uuid('finding_id'),
    measureId: uuid('measure_id'),
    statusEntryId: uuid('status_entry_id'),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    createdAt: createdAt(),
    createdBy: createdBy(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    index('evidence_finding_idx').on(t.municipalityId, t.findingId),
    index('evidence_measure_idx').on(t.municipalityId, t.measureId),
    index('evidence_status_entry_idx').on(t.municipalityId, t.statusEntryId),
    foreignKey({ columns: [t.municipalityId, t.findingId], foreignColumns: [findings.municipalityId, findings.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.municipalityId, t.measureId], foreignColumns: [measures.municipalityId, measures.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.municipalityId, t.statusEntryId], foreignColumns: [statusEntries.municipalityId, statusEntries.id] }).onDelete('cascade'),
    check('evidence_one_target', sql`${oneTarget([t.findingId, t.measureId, t.statusEntryId])} = 1`),
  ],
);

export const comments = pgTable(
  'comments',
  {
    municipalityId: municipalityId(),
    id: id(),
    findingId: uuid('finding_id'),
    planId: uuid('plan_id'),
    measureId: uuid('measure_id'),
    body: text('body').notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    createdBy: createdBy(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    index('comments_finding_idx').on(t.municipalityId, t.findingId),
    index('comments_plan_idx').on(t.municipalityId, t.planId),
    index('comments_measure_idx').on(t.municipalityId, t.measureId),
    foreignKey({ columns: [t.municipalityId, t.findingId], foreignColumns: [findings.municipalityId, findings.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.municipalityId, t.planId], foreignColumns: [actionPlans.municipalityId, actionPlans.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.municipalityId, t.measureId], foreignColumns: [measures.municipalityId, measures.id] }).onDelete('cascade'),
    check('comments_one_target', sql`${oneTarget([t.findingId, t.planId, t.measureId])} = 1`),
  ],
);
