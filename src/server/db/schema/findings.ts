import { sql } from 'drizzle-orm';
import { boolean, check, date, foreignKey, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, createdBy, id, municipalityId, updatedAt, updatedBy, version } from './columns.js';
import { findingStates, grades, reportKinds } from './values.js';
import { departments, meetings, municipalities } from './tenancy.js';

export { findingStates, grades, reportKinds };

export const auditReports = pgTable(
  'audit_reports',
  {
    municipalityId: municipalityId().references(() => municipalities.id, { onDelete: 'cascade' }),
    id: id(),
    title: text('title').notNull(),
    auditor: text('auditor').notNull(),
    year: integer('year').notNull(),
    kind: text('kind', { enum: reportKinds }).notNull(),
    caseNumber: text('case_number'),
    receivedOn: date('received_on', { mode: 'string' }),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    createdBy: createdBy(),
    updatedBy: updatedBy(),
  },
  (t) => [primaryKey({ columns: [t.municipalityId, t.id] })],
);

export const findings = pgTable(
  'findings',
  {
    municipalityId: municipalityId().references(() => municipalities.id, { onDelete: 'cascade' }),
    id: id(),
    reportId: uuid('report_id').notNull(),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    observations: text('observations').notNull().default(''),
    risks: text('risks'),
    grade: text('grade', { enum: grades }),
    confidential: boolean('confidential').notNull().default(false),
    confidentialBasis: text('confidential_basis'),
    allDepartments: boolean('all_departments').notNull().default(false),
    repeatOfEarlierYears: boolean('repeat_of_earlier_years').notNull().default(false),
    /** The same finding in an earlier year's report (set by year rollover or by hand). */
    previousFindingId: uuid('previous_finding_id'),
    caseNumber: text('case_number'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    createdBy: createdBy(),
    updatedBy: updatedBy(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    uniqueIndex('findings_number_uq').on(t.municipalityId, t.reportId, t.number),
    foreignKey({ columns: [t.municipalityId, t.reportId], foreignColumns: [auditReports.municipalityId, auditReports.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.municipalityId, t.previousFindingId], foreignColumns: [t.municipalityId, t.id] }),
    check('findings_confidential_basis', sql`not ${t.confidential} or ${t.confidentialBasis} is not null`),
  ],
);

export const recommendations = pgTable(
  'recommendations',
  {
    municipalityId: municipalityId(),
    id: id(),
    findingId: uuid('finding_id').notNull(),
    number: integer('number').notNull(),
    text: text('text').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    uniqueIndex('recommendations_number_uq').on(t.municipalityId, t.findingId, t.number),
    foreignKey({ columns: [t.municipalityId, t.findingId], foreignColumns: [findings.municipalityId, findings.id] }).onDelete('cascade'),
  ],
);

/** One row per affected department: each department's part of a finding has its own state. */
export const findingDepartments = pgTable(
  'finding_departments',
  {
    municipalityId: municipalityId(),
    findingId: uuid('finding_id').notNull(),
    departmentId: uuid('department_id').notNull(),
    state: text('state', { enum: findingStates }).notNull().default('assigned'),
    stateChangedAt: timestamp('state_changed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    stateNote: text('state_note'),
    /** Central coordination's request for this department's plan: when asked, by whom, due when. */
    planRequestedAt: timestamp('plan_requested_at', { withTimezone: true, mode: 'date' }),
    planRequestedBy: uuid('plan_requested_by'),
    planDueOn: date('plan_due_on', { mode: 'string' }),
    planRequestNote: text('plan_request_note'),
    version: version(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.findingId, t.departmentId] }),
    foreignKey({ columns: [t.municipalityId, t.findingId], foreignColumns: [findings.municipalityId, findings.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.municipalityId, t.departmentId], foreignColumns: [departments.municipalityId, departments.id] }),
  ],
);

/** The council's decision on a finding, with the responsible committee's comment. */
export const councilDecisions = pgTable(
  'council_decisions',
  {
    municipalityId: municipalityId(),
    id: id(),
    findingId: uuid('finding_id').notNull(),
    meetingId: uuid('meeting_id'),
    text: text('text').notNull(),
    committeeComment: text('committee_comment'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    uniqueIndex('council_decisions_finding_uq').on(t.municipalityId, t.findingId),
    foreignKey({ columns: [t.municipalityId, t.findingId], foreignColumns: [findings.municipalityId, findings.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.municipalityId, t.meetingId], foreignColumns: [meetings.municipalityId, meetings.id] }),
  ],
);
