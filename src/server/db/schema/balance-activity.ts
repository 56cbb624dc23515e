import { sql } from 'drizzle-orm';
import { bigint, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { balanceAccounts } from './balance.js';
import { createdAt, createdBy, id, municipalityId, updatedAt, updatedBy, version } from './columns.js';
import { departments } from './tenancy.js';
import { adjustmentSections, balanceImportJobStates, writeOffKinds } from './values.js';

/** Money columns: integer øre as a JS number (a safe integer), never a float. */
const ore = (name: string) => bigint(name, { mode: 'number' });

/**
 * Transactions per account and month (the ledger's count and gross volume), for the risk model's
 * activity factor. One row per account and month; the activity import replaces it.
 */
export const accountActivity = pgTable(
  'account_activity',
  {
    municipalityId: municipalityId(),
    id: id(),
    accountId: uuid('account_id').notNull(),
    /** `YYYY-MM`. */
    month: text('month').notNull(),
    transactionCount: integer('transaction_count').notNull(),
    volumeOre: ore('volume_ore').notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    createdBy: createdBy(),
    updatedBy: updatedBy(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    uniqueIndex('account_activity_month_uq').on(t.municipalityId, t.accountId, t.month),
    foreignKey({ columns: [t.municipalityId, t.accountId], foreignColumns: [balanceAccounts.municipalityId, balanceAccounts.id] }).onDelete('cascade'),
    check('account_activity_month', sql`${t.month} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    check('account_activity_count', sql`${t.transactionCount} >= 0`),
  ],
);

/**
 * A balance adjustment of a financial year for sections 3–5 of the annual report: a write-off
 * (section 3, by kind, IM function and appropriation), an accrual booked without documentation
 * (section 4) or a movement directly on equity (section 5). The committee is the department's.
 */
export const balanceAdjustments = pgTable(
  'balance_adjustments',
  {
    municipalityId: municipalityId(),
    id: id(),
    year: integer('year').notNull(),
    section: text('section', { enum: adjustmentSections }).notNull(),
    /** Only for write-offs. */
    writeOffKind: text('write_off_kind', { enum: writeOffKinds }),
    departmentId: uuid('department_id').notNull(),
    /** IM function the amount is booked on, e.g. `5.57.73` (operating functions are not in the balance chart). */
    imCode: text('im_code').notNull(),
    imName: text('im_name'),
    /** Appropriation (bevillingsområde); null when the source has none. */
    appropriation: text('appropriation'),
    text: text('text'),
    amountOre: ore('amount_ore').notNull(),
    createdAt: createdAt(),
    createdBy: createdBy(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    index('balance_adjustments_year_idx').on(t.municipalityId, t.year, t.section),
    foreignKey({ columns: [t.municipalityId, t.departmentId], foreignColumns: [departments.municipalityId, departments.id] }),
    check('balance_adjustments_kind', sql`(${t.section} = 'writeOff') = (${t.writeOffKind} is not null)`),
    check('balance_adjustments_im', sql`${t.imCode} ~ '^[0-9]\\.[0-9]{2}\\.[0-9]{2}$'`),
  ],
);

/**
 * A balance import too large for the request (over the row limit of modules/balance-import/jobs.ts):
 * the file was checked and stored under the data directory, and a worker of the job queue applies it
 * in one command, writing its progress here. `report` is what the synchronous import answers;
 * `error` says why it failed (with the file's issues when the register changed since the upload).
 */
export const balanceImportJobs = pgTable(
  'balance_import_jobs',
  {
    municipalityId: municipalityId(),
    id: id(),
    /** One of the import kinds (modules/balance-import/kinds.ts). */
    kind: text('kind').notNull(),
    state: text('state', { enum: balanceImportJobStates }).notNull().default('queued'),
    fileName: text('file_name').notNull(),
    amountFormat: text('amount_format').notNull(),
    rowsTotal: integer('rows_total').notNull(),
    rowsDone: integer('rows_done').notNull().default(0),
    report: jsonb('report').$type<Record<string, unknown>>(),
    error: jsonb('error').$type<{ code: string; params?: Record<string, string | number>; errors?: Record<string, unknown>[] }>(),
    createdAt: createdAt(),
    createdBy: createdBy(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    index('balance_import_jobs_state_idx').on(t.state),
    check('balance_import_jobs_rows', sql`${t.rowsDone} >= 0 and ${t.rowsDone} <= ${t.rowsTotal}`),
  ],
);
