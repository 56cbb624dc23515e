import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { MatchRules } from '../../../domain/matching/rules.js';
import { systemReconciliations } from './balance.js';
import { createdAt, createdBy, id, municipalityId, updatedAt, updatedBy, version } from './columns.js';
import { departments, users } from './tenancy.js';
import { matchingGroupKinds, matchingGroupStatuses, matchingItemStates, matchingRunStates, matchingSides, systemTargets } from './values.js';

const ore = (name: string) => bigint(name, { mode: 'number' });

/** A source's CSV/XLSX layout and header mapping (server/matching/source-config.ts), saved per system and side. */
export type StoredSourceConfig = Record<string, unknown>;

/**
 * A specialist system whose monthly transfer is checked by matching (e.g. KY, the childcare
 * payments system, against the ledger): its owner department, the target it posts into, the rules
 * and the saved layout of each side's extract, so a month's run needs only the two files.
 */
export const matchingSystems = pgTable(
  'matching_systems',
  {
    municipalityId: municipalityId(),
    id: id(),
    /** Short code as the municipality writes it (`KY`); the system reconciliation entry's `system`. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    target: text('target', { enum: systemTargets }).notNull(),
    departmentId: uuid('department_id').notNull(),
    rules: jsonb('rules').$type<MatchRules>().notNull(),
    leftSource: jsonb('left_source').$type<StoredSourceConfig>().notNull(),
    rightSource: jsonb('right_source').$type<StoredSourceConfig>().notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    createdBy: createdBy(),
    updatedBy: updatedBy(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    uniqueIndex('matching_systems_code_uq').on(t.municipalityId, t.code),
    foreignKey({ columns: [t.municipalityId, t.departmentId], foreignColumns: [departments.municipalityId, departments.id] }),
  ],
);

/**
 * One run of the matching engine over a month's two extracts. The matched groups are written to
 * the run's results file and summarised in `summary` (counts and øre per pass), not stored pair
 * by pair; the items left over are stored in matching_items. A run is stored whole or marked
 * failed with its reason: the items, the summary and the system reconciliation entry are written
 * in one transaction at the end.
 */
export const matchingRuns = pgTable(
  'matching_runs',
  {
    municipalityId: municipalityId(),
    id: id(),
    systemId: uuid('system_id').notNull(),
    /** `YYYY-MM`. */
    period: text('period').notNull(),
    state: text('state', { enum: matchingRunStates }).notNull().default('queued'),
    /** read / match / write / store while running. */
    phase: text('phase'),
    progress: doublePrecision('progress').notNull().default(0),
    /** The rules and source layouts the run used (the system's may change later). */
    rules: jsonb('rules').$type<MatchRules>().notNull(),
    leftSource: jsonb('left_source').$type<StoredSourceConfig>().notNull(),
    rightSource: jsonb('right_source').$type<StoredSourceConfig>().notNull(),
    leftFileName: text('left_file_name').notNull(),
    rightFileName: text('right_file_name').notNull(),
    leftBytes: bigint('left_bytes', { mode: 'number' }).notNull(),
    rightBytes: bigint('right_bytes', { mode: 'number' }).notNull(),
    summary: jsonb('summary').$type<Record<string, unknown>>(),
    /** Σ unmatched left − Σ unmatched right after the run and every later decision. */
    differenceOre: ore('difference_ore'),
    /** Why a run failed: a code, a message and, for a bad file, its side and line. */
    error: jsonb('error').$type<{ code: string; message: string; side?: string; line?: number; column?: string }>(),
    systemReconciliationId: uuid('system_reconciliation_id'),
    createdAt: createdAt(),
    createdBy: createdBy(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
    /**
     * The server running it writes this every few seconds: a running run whose heartbeat stopped
     * belongs to a server that died, and another takes it over (modules/matching/queue.ts).
     */
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true, mode: 'date' }),
    /** Which server process runs it (host:pid:start), for the log and the takeover. */
    worker: text('worker'),
    /** How many times a server started it: a run that kills its server again and again fails at the third. */
    attempts: integer('attempts').notNull().default(0),
    version: version(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    index('matching_runs_system_idx').on(t.municipalityId, t.systemId, t.period),
    foreignKey({ columns: [t.municipalityId, t.systemId], foreignColumns: [matchingSystems.municipalityId, matchingSystems.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.municipalityId, t.createdBy], foreignColumns: [users.municipalityId, users.id] }),
    foreignKey({ columns: [t.municipalityId, t.systemReconciliationId], foreignColumns: [systemReconciliations.municipalityId, systemReconciliations.id] }),
    check('matching_runs_period', sql`${t.period} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    check('matching_runs_progress', sql`${t.progress} between 0 and 1`),
    check('matching_runs_failed', sql`(${t.state} = 'failed') = (${t.error} is not null)`),
  ],
);

/**
 * A suggested or manual match: the 1:n / n:1 pass's suggestions wait for a user's decision; a
 * manual match is a user's own. `itemIds` keeps the members after a rejection frees them.
 */
export const matchingGroups = pgTable(
  'matching_groups',
  {
    municipalityId: municipalityId(),
    id: id(),
    runId: uuid('run_id').notNull(),
    kind: text('kind', { enum: matchingGroupKinds }).notNull(),
    status: text('status', { enum: matchingGroupStatuses }).notNull(),
    itemIds: jsonb('item_ids').$type<string[]>().notNull(),
    leftOre: ore('left_ore').notNull(),
    rightOre: ore('right_ore').notNull(),
    note: text('note'),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    version: version(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    index('matching_groups_run_idx').on(t.municipalityId, t.runId),
    foreignKey({ columns: [t.municipalityId, t.runId], foreignColumns: [matchingRuns.municipalityId, matchingRuns.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.municipalityId, t.decidedBy], foreignColumns: [users.municipalityId, users.id] }),
  ],
);

/**
 * An item a run did not match outright (unmatched, timing, or in a suggestion), with the fields a
 * user needs to explain it. The CPR number is stored sealed (AES-256-GCM, bound to the item) and
 * masked; only the masked form leaves the server unless an authorised user unmasks it.
 */
export const matchingItems = pgTable(
  'matching_items',
  {
    municipalityId: municipalityId(),
    id: id(),
    runId: uuid('run_id').notNull(),
    side: text('side', { enum: matchingSides }).notNull(),
    /** The line (CSV) or row (XLSX) in the side's file. */
    line: integer('line').notNull(),
    state: text('state', { enum: matchingItemStates }).notNull(),
    groupId: uuid('group_id'),
    amountOre: ore('amount_ore').notNull(),
    date: text('date'),
    caseId: text('case_id'),
    account: text('account'),
    cprMasked: text('cpr_masked'),
    cprSealed: text('cpr_sealed'),
    text: text('text'),
    /** Carried forward from the previous month's run as a timing difference. */
    carried: boolean('carried').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    index('matching_items_run_idx').on(t.municipalityId, t.runId, t.side, t.state),
    foreignKey({ columns: [t.municipalityId, t.runId], foreignColumns: [matchingRuns.municipalityId, matchingRuns.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.municipalityId, t.groupId], foreignColumns: [matchingGroups.municipalityId, matchingGroups.id] }),
    check('matching_items_cpr', sql`(${t.cprSealed} is null) = (${t.cprMasked} is null)`),
  ],
);
