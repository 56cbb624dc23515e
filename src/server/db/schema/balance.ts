import { sql } from 'drizzle-orm';
import { bigint, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { OpenItem } from '../../../domain/reconciliation.js';
import { createdAt, createdBy, id, municipalityId, updatedAt, updatedBy, version } from './columns.js';
import { departments, municipalities, users } from './tenancy.js';
import { balanceSides, imLevels, reconcilers, signOffStatuses, systemTargets, reconciliationFrequencies } from './values.js';

/** Money columns: integer øre as a JS number (a safe integer), never a float. */
const ore = (name: string) => bigint(name, { mode: 'number' });

/** Per-municipality settings of the balance register. */
export const balanceSettings = pgTable(
  'balance_settings',
  {
    municipalityId: municipalityId().references(() => municipalities.id, { onDelete: 'cascade' }),
    /** Follow-up amounts at or above this (absolute) need a consequence description. Default 1,000 kr. */
    materialityThresholdOre: ore('materiality_threshold_ore').notNull().default(100_000),
    version: version(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.municipalityId] }), check('balance_settings_threshold', sql`${t.materialityThresholdOre} >= 0`)],
);

/**
 * The authorised chart of accounts (IM functions), balance part: main account (`9`), group
 * (`9.28`) and function (`9.28.14`), each pointing at its parent.
 */
export const imFunctions = pgTable(
  'im_functions',
  {
    municipalityId: municipalityId().references(() => municipalities.id, { onDelete: 'cascade' }),
    id: id(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    side: text('side', { enum: balanceSides }).notNull(),
    level: text('level', { enum: imLevels }).notNull(),
    parentId: uuid('parent_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    uniqueIndex('im_functions_code_uq').on(t.municipalityId, t.code),
    foreignKey({ columns: [t.municipalityId, t.parentId], foreignColumns: [t.municipalityId, t.id] }),
  ],
);

/** A balance account: 8-digit number, IM function, owning department (its committee via the department). */
export const balanceAccounts = pgTable(
  'balance_accounts',
  {
    municipalityId: municipalityId(),
    id: id(),
    number: text('number').notNull(),
    name: text('name').notNull(),
    imFunctionId: uuid('im_function_id').notNull(),
    departmentId: uuid('department_id').notNull(),
    /** Who reconciles it: the central service or the department itself. */
    reconciler: text('reconciler', { enum: reconcilers }).notNull(),
    frequency: text('frequency', { enum: reconciliationFrequencies }).notNull().default('monthly'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    createdBy: createdBy(),
    updatedBy: updatedBy(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    uniqueIndex('balance_accounts_number_uq').on(t.municipalityId, t.number),
    index('balance_accounts_department_idx').on(t.municipalityId, t.departmentId),
    foreignKey({ columns: [t.municipalityId, t.imFunctionId], foreignColumns: [imFunctions.municipalityId, imFunctions.id] }),
    foreignKey({ columns: [t.municipalityId, t.departmentId], foreignColumns: [departments.municipalityId, departments.id] }),
    check('balance_accounts_number', sql`${t.number} ~ '^[0-9]{8}$'`),
    check('balance_accounts_frequency', sql`${t.frequency} in ('monthly', 'quarterly', 'halfYearly')`),
  ],
);

/**
 * One reconciliation of an account for a period (`YYYY-MM`, or `YYYY-13` for the year-end
 * supplementary period). The open items are kept as entered; the follow-up amount, the part older
 * than one year and the gross amount are computed from them by domain/reconciliation at every write
 * (never accepted from a client) and stored so reports can sum them in SQL.
 */
export const accountReconciliations = pgTable(
  'account_reconciliations',
  {
    municipalityId: municipalityId(),
    id: id(),
    accountId: uuid('account_id').notNull(),
    period: text('period').notNull(),
    ledgerBalanceOre: ore('ledger_balance_ore').notNull(),
    category: integer('category').notNull(),
    subReason: text('sub_reason').notNull(),
    items: jsonb('items').$type<OpenItem[]>().notNull().default([]),
    followUpOre: ore('follow_up_ore').notNull().default(0),
    olderThanOneYearOre: ore('older_than_one_year_ore').notNull().default(0),
    grossOre: ore('gross_ore').notNull().default(0),
    /** What is wrong in the accounts if nothing is done (needed above the materiality threshold). */
    consequence: text('consequence'),
    note: text('note'),
    status: text('status', { enum: signOffStatuses }).notNull().default('open'),
    preparedBy: uuid('prepared_by'),
    preparedAt: timestamp('prepared_at', { withTimezone: true, mode: 'date' }),
    approvedBy: uuid('approved_by'),
    approvedAt: timestamp('approved_at', { withTimezone: true, mode: 'date' }),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    createdBy: createdBy(),
    updatedBy: updatedBy(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    uniqueIndex('account_reconciliations_period_uq').on(t.municipalityId, t.accountId, t.period),
    index('account_reconciliations_period_idx').on(t.municipalityId, t.period),
    foreignKey({ columns: [t.municipalityId, t.accountId], foreignColumns: [balanceAccounts.municipalityId, balanceAccounts.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.municipalityId, t.preparedBy], foreignColumns: [users.municipalityId, users.id] }),
    foreignKey({ columns: [t.municipalityId, t.approvedBy], foreignColumns: [users.municipalityId, users.id] }),
    check('account_reconciliations_period', sql`${t.period} ~ '^[0-9]{4}-(0[1-9]|1[0-3])$'`),
    check('account_reconciliations_category', sql`${t.category} between 1 and 3`),
    check('account_reconciliations_segregation', sql`${t.approvedBy} is null or ${t.approvedBy} is distinct from ${t.preparedBy}`),
  ],
);

/**
 * A system reconciliation: the monthly check that a specialist system's transfer into the ledger
 * or the debtor system was complete, with the difference found. One row per system, target and
 * month; the matching engine records into it through the service's `recordSystemDifference`.
 */
export const systemReconciliations = pgTable(
  'system_reconciliations',
  {
    municipalityId: municipalityId(),
    id: id(),
    system: text('system').notNull(),
    target: text('target', { enum: systemTargets }).notNull(),
    period: text('period').notNull(),
    /** The department that owns the system (its committee reports it). */
    departmentId: uuid('department_id').notNull(),
    differenceOre: ore('difference_ore').notNull(),
    explanation: text('explanation'),
    /** ISO date by which the difference is to be cleared. */
    deadline: text('deadline'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    createdBy: createdBy(),
    updatedBy: updatedBy(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    uniqueIndex('system_reconciliations_uq').on(t.municipalityId, t.system, t.target, t.period),
    foreignKey({ columns: [t.municipalityId, t.departmentId], foreignColumns: [departments.municipalityId, departments.id] }),
    check('system_reconciliations_period', sql`${t.period} ~ '^[0-9]{4}-(0[1-9]|1[0-3])$'`),
  ],
);
