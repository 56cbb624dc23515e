import { sql } from 'drizzle-orm';
import { boolean, check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, createdBy, id, municipalityId, updatedAt, updatedBy, version } from './columns.js';
import { accountReconciliations, systemReconciliations } from './balance.js';
import { findings, recommendations } from './findings.js';
import { departments, meetings, users } from './tenancy.js';
import { planSubjectKinds, planStates, answerKinds, answerStates } from './values.js';

export const actionPlans = pgTable(
  'action_plans',
  {
    municipalityId: municipalityId(),
    id: id(),
    subjectKind: text('subject_kind', { enum: planSubjectKinds }).notNull(),
    findingId: uuid('finding_id'),
    /** Subject kind 'accountReconciliation': the reconciliation (account and period) the plan answers. */
    accountReconciliationId: uuid('account_reconciliation_id'),
    /** Subject kind 'systemReconciliation': the system reconciliation (system, target, month) whose difference the plan clears. */
    systemReconciliationId: uuid('system_reconciliation_id'),
    /** The department that writes and answers the plan; for a cross-cutting plan, the coordinating one. */
    departmentId: uuid('department_id').notNull(),
    crossCutting: boolean('cross_cutting').notNull().default(false),
    problem: text('problem'),
    extent: text('extent'),
    /** Canonical deadline string (see domain/deadline) and the last day it stands for. */
    overallDeadline: text('overall_deadline'),
    overallDeadlineDue: date('overall_deadline_due', { mode: 'string' }),
    state: text('state', { enum: planStates }).notNull().default('draft'),
    /**
     * The number of the revision the rows hold: the one being written, or the last approved one.
     * Revising an approved plan adds one; while that revision is not approved, revision - 1 is the
     * approved one (its snapshot is in plan_revisions) and is what readers, rounds and documents show.
     */
    revision: integer('revision').notNull().default(1),
    /** Central coordination's comment when it last sent the plan back; cleared when it is submitted again. */
    returnComment: text('return_comment'),
    returnedAt: timestamp('returned_at', { withTimezone: true, mode: 'date' }),
    returnedBy: uuid('returned_by'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    createdBy: createdBy(),
    updatedBy: updatedBy(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    uniqueIndex('action_plans_finding_department_uq').on(t.municipalityId, t.findingId, t.departmentId),
    foreignKey({ columns: [t.municipalityId, t.findingId], foreignColumns: [findings.municipalityId, findings.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.municipalityId, t.departmentId], foreignColumns: [departments.municipalityId, departments.id] }),
    foreignKey({
      columns: [t.municipalityId, t.accountReconciliationId],
      foreignColumns: [accountReconciliations.municipalityId, accountReconciliations.id],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.municipalityId, t.systemReconciliationId],
      foreignColumns: [systemReconciliations.municipalityId, systemReconciliations.id],
    }).onDelete('cascade'),
    // One plan per system reconciliation: the matching engine updates the entry, never adds plans.
    uniqueIndex('action_plans_system_reconciliation_uq').on(t.municipalityId, t.systemReconciliationId),
    check(
      'action_plans_subject',
      sql`(${t.subjectKind} = 'finding') = (${t.findingId} is not null) and (${t.subjectKind} = 'accountReconciliation') = (${t.accountReconciliationId} is not null) and (${t.subjectKind} = 'systemReconciliation') = (${t.systemReconciliationId} is not null)`,
    ),
  ],
);

export const planApprovals = pgTable(
  'plan_approvals',
  {
    municipalityId: municipalityId(),
    id: id(),
    planId: uuid('plan_id').notNull(),
    approvedBy: uuid('approved_by').notNull(),
    approvedOn: date('approved_on', { mode: 'string' }).notNull(),
    meetingId: uuid('meeting_id'),
    note: text('note'),
    /** The plan's revision this approval approved. */
    revision: integer('revision').notNull().default(1),
    /** Central coordination approved with guidance errors open (not accepted): why. */
    overrideReason: text('override_reason'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    foreignKey({ columns: [t.municipalityId, t.planId], foreignColumns: [actionPlans.municipalityId, actionPlans.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.municipalityId, t.approvedBy], foreignColumns: [users.municipalityId, users.id] }),
    foreignKey({ columns: [t.municipalityId, t.meetingId], foreignColumns: [meetings.municipalityId, meetings.id] }),
  ],
);

/**
 * Every approved revision of a plan, kept: the plan's fields and its measures as approved (a JSON
 * snapshot, see modules/plans/revisions.ts), so a later revision can be compared with it and the
 * approved one shown while the next is written. Measures are named by id: a measure keeps its
 * identity (statuses, evidence, deadline history) from revision to revision.
 */
export const planRevisions = pgTable(
  'plan_revisions',
  {
    municipalityId: municipalityId(),
    id: id(),
    planId: uuid('plan_id').notNull(),
    number: integer('number').notNull(),
    snapshot: jsonb('snapshot').notNull(),
    /** The approval that made it; null for a plan approved before revisions were kept (snapshot taken when it was revised). */
    approvalId: uuid('approval_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    uniqueIndex('plan_revisions_number_uq').on(t.municipalityId, t.planId, t.number),
    foreignKey({ columns: [t.municipalityId, t.planId], foreignColumns: [actionPlans.municipalityId, actionPlans.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.municipalityId, t.approvalId], foreignColumns: [planApprovals.municipalityId, planApprovals.id] }),
  ],
);

export const measures = pgTable(
  'measures',
  {
    municipalityId: municipalityId(),
    id: id(),
    planId: uuid('plan_id').notNull(),
    position: integer('position').notNull(),
    number: text('number').notNull(),
    title: text('title').notNull(),
    text: text('text'),
    responsibleUnit: text('responsible_unit'),
    responsiblePerson: text('responsible_person'),
    /** The user who answers the measure's status each round (the measure-owner role). */
    ownerUserId: uuid('owner_user_id'),
    deadline: text('deadline'),
    deadlineDue: date('deadline_due', { mode: 'string' }),
    followUpPoint: text('follow_up_point'),
    expectedEffect: text('expected_effect'),
    /** The measure this one continues, when a finding was carried into a new year. */
    carriedFromMeasureId: uuid('carried_from_measure_id'),
    /**
     * The plan revision that removed the measure. A measure of an approved revision is never
     * deleted (its statuses, evidence and deadline history stay); the revision that drops it
     * marks it here, and the plan's current measures are those without a mark.
     */
    removedInRevision: integer('removed_in_revision'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    createdBy: createdBy(),
    updatedBy: updatedBy(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    // A removed measure keeps its number in its history; the plan may use the number again.
    uniqueIndex('measures_number_uq')
      .on(t.municipalityId, t.planId, t.number)
      .where(sql`${t.removedInRevision} is null`),
    index('measures_plan_idx').on(t.municipalityId, t.planId, t.position),
    foreignKey({ columns: [t.municipalityId, t.planId], foreignColumns: [actionPlans.municipalityId, actionPlans.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.municipalityId, t.carriedFromMeasureId], foreignColumns: [t.municipalityId, t.id] }).onDelete('set null'),
    foreignKey({ columns: [t.municipalityId, t.ownerUserId], foreignColumns: [users.municipalityId, users.id] }),
  ],
);

export const measureRecommendations = pgTable(
  'measure_recommendations',
  {
    municipalityId: municipalityId(),
    measureId: uuid('measure_id').notNull(),
    recommendationId: uuid('recommendation_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.measureId, t.recommendationId] }),
    foreignKey({ columns: [t.municipalityId, t.measureId], foreignColumns: [measures.municipalityId, measures.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.municipalityId, t.recommendationId], foreignColumns: [recommendations.municipalityId, recommendations.id] }).onDelete('cascade'),
  ],
);

/**
 * Every deadline a measure has had, oldest first: the original, each revision from a status
 * entry or an edit, and the deadline it came with when carried into a new year. Slippage is
 * derived from it, never stored.
 */
export const deadlineRevisions = pgTable(
  'deadline_revisions',
  {
    municipalityId: municipalityId(),
    id: id(),
    measureId: uuid('measure_id').notNull(),
    deadline: text('deadline'),
    deadlineDue: date('deadline_due', { mode: 'string' }),
    source: text('source', { enum: ['original', 'edit', 'statusEntry', 'carryOver'] }).notNull(),
    statusEntryId: uuid('status_entry_id'),
    reason: text('reason'),
    createdAt: createdAt(),
    createdBy: createdBy(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    index('deadline_revisions_measure_idx').on(t.municipalityId, t.measureId, t.createdAt),
    foreignKey({ columns: [t.municipalityId, t.measureId], foreignColumns: [measures.municipalityId, measures.id] }).onDelete('cascade'),
  ],
);

/** A coordinator's acceptance of one guidance-check error, with the stated reason. */
export const guidanceAcceptances = pgTable(
  'guidance_acceptances',
  {
    municipalityId: municipalityId(),
    id: id(),
    planId: uuid('plan_id').notNull(),
    code: text('code').notNull(),
    measureId: uuid('measure_id'),
    field: text('field').notNull(),
    reason: text('reason').notNull(),
    acceptedBy: uuid('accepted_by').notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    uniqueIndex('guidance_acceptances_uq').on(
      t.municipalityId,
      t.planId,
      t.code,
      sql`coalesce(${t.measureId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      t.field,
    ),
    foreignKey({ columns: [t.municipalityId, t.planId], foreignColumns: [actionPlans.municipalityId, actionPlans.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.municipalityId, t.measureId], foreignColumns: [measures.municipalityId, measures.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.municipalityId, t.acceptedBy], foreignColumns: [users.municipalityId, users.id] }),
  ],
);

/** Metadata of an answer document to the auditors (DK reply, SE yttrande / uppföljande yttrande). */
export const answerDocuments = pgTable(
  'answer_documents',
  {
    municipalityId: municipalityId(),
    id: id(),
    planId: uuid('plan_id').notNull(),
    kind: text('kind', { enum: answerKinds }).notNull(),
    dueDate: date('due_date', { mode: 'string' }),
    /** Meeting ids in the order the bodies treat the answer (the decision plan). */
    decisionPlan: jsonb('decision_plan').$type<string[]>().notNull().default([]),
    recipients: jsonb('recipients').$type<string[]>().notNull().default([]),
    responsibleOfficials: jsonb('responsible_officials').$type<string[]>().notNull().default([]),
    sentOn: date('sent_on', { mode: 'string' }),
    state: text('state', { enum: answerStates }).notNull().default('draft'),
    /** Counts approvals: revising an approved answer opens revision + 1 in draft. */
    revision: integer('revision').notNull().default(1),
    returnComment: text('return_comment'),
    approvedOn: date('approved_on', { mode: 'string' }),
    approvedBy: uuid('approved_by'),
    /** The meeting that approved the answer. */
    approvedAtMeetingId: uuid('approved_at_meeting_id'),
    approvalNote: text('approval_note'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    uniqueIndex('answer_documents_kind_uq').on(t.municipalityId, t.planId, t.kind),
    foreignKey({ columns: [t.municipalityId, t.planId], foreignColumns: [actionPlans.municipalityId, actionPlans.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.municipalityId, t.approvedBy], foreignColumns: [users.municipalityId, users.id] }),
    foreignKey({ columns: [t.municipalityId, t.approvedAtMeetingId], foreignColumns: [meetings.municipalityId, meetings.id] }),
  ],
);

/**
 * Each approved revision of an answer document, kept: its content as approved (a JSON snapshot of
 * the answer's fields) and its approval. While a new revision is written on the answer's row, the
 * approved one is what readers and documents show.
 */
export const answerRevisions = pgTable(
  'answer_revisions',
  {
    municipalityId: municipalityId(),
    id: id(),
    answerId: uuid('answer_id').notNull(),
    number: integer('number').notNull(),
    snapshot: jsonb('snapshot').notNull(),
    approvedOn: date('approved_on', { mode: 'string' }),
    approvedBy: uuid('approved_by'),
    approvedAtMeetingId: uuid('approved_at_meeting_id'),
    approvalNote: text('approval_note'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    uniqueIndex('answer_revisions_number_uq').on(t.municipalityId, t.answerId, t.number),
    foreignKey({ columns: [t.municipalityId, t.answerId], foreignColumns: [answerDocuments.municipalityId, answerDocuments.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.municipalityId, t.approvedBy], foreignColumns: [users.municipalityId, users.id] }),
    foreignKey({ columns: [t.municipalityId, t.approvedAtMeetingId], foreignColumns: [meetings.municipalityId, meetings.id] }),
  ],
);
