import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Localized } from '../../../domain/i18n.js';
import type { AccountMonth, ComponentScore, RiskModel } from '../../../domain/risk.js';
import { balanceAccounts } from './balance.js';
import { createdAt, createdBy, id, municipalityId } from './columns.js';
import { findings } from './findings.js';
import { users } from './tenancy.js';
import { reconciliationFrequencies, riskRunStates } from './values.js';

/** What the model saw for one account: the months of its lookback window and its known issues. */
export interface RiskInputs {
  months: AccountMonth[];
  knownIssues: number;
  /** The linked findings that were not closed when the run was made. */
  openFindingIds: string[];
}

/**
 * One run of the risk model (domain/risk) at a month, with the model it used. The results are
 * stored with their inputs, so a run can be explained later however the register has changed since;
 * only `state` and the applied columns change after creation (when the run is applied).
 */
export const riskModelRuns = pgTable(
  'risk_model_runs',
  {
    municipalityId: municipalityId(),
    id: id(),
    /** `YYYY-MM`: the run month. */
    asOf: text('as_of').notNull(),
    model: jsonb('model').$type<RiskModel>().notNull(),
    state: text('state', { enum: riskRunStates }).notNull().default('draft'),
    accounts: integer('accounts').notNull(),
    qualified: integer('qualified').notNull(),
    lowered: integer('lowered').notNull(),
    stayedMonthly: integer('stayed_monthly').notNull(),
    raised: integer('raised').notNull(),
    createdAt: createdAt(),
    createdBy: createdBy(),
    appliedAt: timestamp('applied_at', { withTimezone: true, mode: 'date' }),
    appliedBy: uuid('applied_by'),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    index('risk_model_runs_as_of_idx').on(t.municipalityId, t.asOf),
    foreignKey({ columns: [t.municipalityId, t.createdBy], foreignColumns: [users.municipalityId, users.id] }),
    foreignKey({ columns: [t.municipalityId, t.appliedBy], foreignColumns: [users.municipalityId, users.id] }),
    check('risk_model_runs_as_of', sql`${t.asOf} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    check('risk_model_runs_applied', sql`(${t.state} = 'applied') = (${t.appliedAt} is not null)`),
  ],
);

/** One account's assessment in a run: score, components, frequencies, reasons and the inputs behind them. */
export const riskModelResults = pgTable(
  'risk_model_results',
  {
    municipalityId: municipalityId(),
    id: id(),
    runId: uuid('run_id').notNull(),
    accountId: uuid('account_id').notNull(),
    /** The account number at the time of the run (the account may be renumbered later). */
    accountNumber: text('account_number').notNull(),
    qualified: boolean('qualified').notNull(),
    score: doublePrecision('score'),
    components: jsonb('components').$type<ComponentScore[]>().notNull(),
    previousFrequency: text('previous_frequency', { enum: reconciliationFrequencies }).notNull(),
    proposedFrequency: text('proposed_frequency', { enum: reconciliationFrequencies }).notNull(),
    reasons: jsonb('reasons').$type<Localized[]>().notNull(),
    inputs: jsonb('inputs').$type<RiskInputs>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    index('risk_model_results_run_idx').on(t.municipalityId, t.runId, t.accountNumber),
    foreignKey({ columns: [t.municipalityId, t.runId], foreignColumns: [riskModelRuns.municipalityId, riskModelRuns.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.municipalityId, t.accountId], foreignColumns: [balanceAccounts.municipalityId, balanceAccounts.id] }).onDelete('cascade'),
    check('risk_model_results_score', sql`${t.qualified} = (${t.score} is not null)`),
  ],
);

/**
 * A known audit remark on an account: a finding linked to the balance account. While the finding is
 * not closed it counts in the risk model's knownIssues component.
 */
export const balanceAccountFindings = pgTable(
  'balance_account_findings',
  {
    municipalityId: municipalityId(),
    accountId: uuid('account_id').notNull(),
    findingId: uuid('finding_id').notNull(),
    createdAt: createdAt(),
    createdBy: createdBy(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.accountId, t.findingId] }),
    index('balance_account_findings_finding_idx').on(t.municipalityId, t.findingId),
    foreignKey({ columns: [t.municipalityId, t.accountId], foreignColumns: [balanceAccounts.municipalityId, balanceAccounts.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.municipalityId, t.findingId], foreignColumns: [findings.municipalityId, findings.id] }).onDelete('cascade'),
  ],
);
