import { sql } from 'drizzle-orm';
import { boolean, check, date, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, createdBy, id, municipalityId, updatedAt, updatedBy, version } from './columns.js';
import { actionPlans, measures } from './plans.js';
import { departments } from './tenancy.js';
import { roundKinds, roundStates, submissionStates, measureStatuses } from './values.js';

/** A follow-up round such as "Status august 2025". */
export const followUpRounds = pgTable(
  'follow_up_rounds',
  {
    municipalityId: municipalityId(),
    id: id(),
    name: text('name').notNull(),
    kind: text('kind', { enum: roundKinds }).notNull().default('status'),
    opensOn: date('opens_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    state: text('state', { enum: roundStates }).notNull().default('open'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    createdBy: createdBy(),
    updatedBy: updatedBy(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    uniqueIndex('follow_up_rounds_name_uq').on(t.municipalityId, t.name),
    check('follow_up_rounds_dates', sql`${t.dueOn} >= ${t.opensOn}`),
  ],
);

/**
 * The revision of each plan a round answers: the one approved when the round opened, or, for a
 * plan first approved while the round is open, that first approval. Approving a later revision
 * does not change an open round's measures; the next round answers it.
 */
export const roundPlanRevisions = pgTable(
  'round_plan_revisions',
  {
    municipalityId: municipalityId(),
    roundId: uuid('round_id').notNull(),
    planId: uuid('plan_id').notNull(),
    revision: integer('revision').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.roundId, t.planId] }),
    index('round_plan_revisions_plan_idx').on(t.municipalityId, t.planId),
    foreignKey({ columns: [t.municipalityId, t.roundId], foreignColumns: [followUpRounds.municipalityId, followUpRounds.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.municipalityId, t.planId], foreignColumns: [actionPlans.municipalityId, actionPlans.id] }).onDelete('cascade'),
  ],
);

/** One department's answer in a round. */
export const roundSubmissions = pgTable(
  'round_submissions',
  {
    municipalityId: municipalityId(),
    id: id(),
    roundId: uuid('round_id').notNull(),
    departmentId: uuid('department_id').notNull(),
    state: text('state', { enum: submissionStates }).notNull().default('draft'),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }),
    returnReason: text('return_reason'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    createdBy: createdBy(),
    updatedBy: updatedBy(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    uniqueIndex('round_submissions_uq').on(t.municipalityId, t.roundId, t.departmentId),
    foreignKey({ columns: [t.municipalityId, t.roundId], foreignColumns: [followUpRounds.municipalityId, followUpRounds.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.municipalityId, t.departmentId], foreignColumns: [departments.municipalityId, departments.id] }),
  ],
);

/** The status of one measure in one round. */
export const statusEntries = pgTable(
  'status_entries',
  {
    municipalityId: municipalityId(),
    id: id(),
    submissionId: uuid('submission_id').notNull(),
    measureId: uuid('measure_id').notNull(),
    status: text('status', { enum: measureStatuses }).notNull(),
    note: text('note'),
    reason: text('reason'),
    newDeadline: text('new_deadline'),
    newDeadlineDue: date('new_deadline_due', { mode: 'string' }),
    selfCheckResult: text('self_check_result'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    createdBy: createdBy(),
    updatedBy: updatedBy(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    uniqueIndex('status_entries_uq').on(t.municipalityId, t.submissionId, t.measureId),
    index('status_entries_measure_idx').on(t.municipalityId, t.measureId),
    foreignKey({ columns: [t.municipalityId, t.submissionId], foreignColumns: [roundSubmissions.municipalityId, roundSubmissions.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.municipalityId, t.measureId], foreignColumns: [measures.municipalityId, measures.id] }).onDelete('cascade'),
  ],
);

/**
 * A round that opens itself: on each of its days of the year (MM-DD, e.g. 02-01 and 08-01) the
 * periodic check opens a round named from `name` and the date, due `due_after_days` later.
 * `last_opened_on` makes each date open once, however many servers run the check.
 */
export const roundSchedules = pgTable(
  'round_schedules',
  {
    municipalityId: municipalityId(),
    id: id(),
    name: text('name').notNull(),
    kind: text('kind', { enum: roundKinds }).notNull().default('status'),
    opensOn: text('opens_on').array().notNull(),
    dueAfterDays: integer('due_after_days').notNull().default(28),
    active: boolean('active').notNull().default(true),
    lastOpenedOn: date('last_opened_on', { mode: 'string' }),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    createdBy: createdBy(),
    updatedBy: updatedBy(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    uniqueIndex('round_schedules_name_uq').on(t.municipalityId, t.name),
    check('round_schedules_due', sql`${t.dueAfterDays} between 1 and 365`),
  ],
);
