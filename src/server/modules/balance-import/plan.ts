import type { Locale } from '../../../domain/i18n.js';
import type { Actor } from '../../context.js';
import type { Executor } from '../../db/engine.js';
import { refusalProblem, WorkbookRefused } from '../../xlsx/safe-workbook.js';
import { balanceReads } from '../balance/reads.js';
import { balanceReportReads } from '../balance-report/reads.js';
import { cellReader } from './cells.js';
import { COLUMNS, headerMatches, headerText, issueMessage, TOTAL_HEADERS, type ColumnSpec, type ImportKind, type IssueCode } from './columns.js';
import type { BalanceImportIssue, BalanceImportOptions, PlanContext, Row, Value } from './context.js';
import { planAccounts, planAdjustments, planImFunctions } from './plan-chart.js';
import { planActivity, planLedgerBalances, planReconciliationLog } from './plan-ledger.js';
import { balanceImportRepository as repo } from './repository.js';
import { columnLetter, readTable, TableError, type Table } from './table.js';

/**
 * Reads the file, outside any transaction: a table, or the reason it is not one. A workbook over
 * the zip guard's limits is refused here (413/422) before a transaction is opened.
 */
export async function readFile(actor: Actor, bytes: Buffer): Promise<Table | TableError> {
  try {
    return await readTable(bytes);
  } catch (err) {
    if (err instanceof TableError) return err;
    if (err instanceof WorkbookRefused) throw refusalProblem(err, actor.locale, { row: null, column: null, header: null, field: 'file' });
    throw err;
  }
}

/** Checks and plans an import of a table read by `readFile`; returns the issues and (when there are none) what to write. */
export async function plan(ex: Executor, actor: Actor, kind: ImportKind, file: Table | TableError, options: BalanceImportOptions) {
  const locale: Locale = actor.locale;
  const mid = actor.municipalityId;
  const issues: BalanceImportIssue[] = [];
  const fileIssue = (code: IssueCode, p: Record<string, string | number> = {}) =>
    issues.push({ row: null, column: null, header: null, field: 'file', code, message: issueMessage(code, locale, p) });

  if (file instanceof TableError) {
    fileIssue(file.code);
    return { issues, format: null, work: null };
  }
  const table = file;

  // columns: known headers in any language; totals refused; required ones present
  const specs = COLUMNS[kind];
  const at = new Map<string, number>();
  table.headers.forEach((h, i) => {
    if (h === '') return;
    const column = columnLetter(i);
    const colIssue = (code: IssueCode) =>
      issues.push({ row: 1, column, header: h, field: `${column}1`, code, message: issueMessage(code, locale, { header: h }) });
    if (TOTAL_HEADERS.includes(h.trim().toLowerCase())) return colIssue('column.total');
    const spec = specs.find((s) => headerMatches(s, h));
    if (!spec) return colIssue('column.unknown');
    if (at.has(spec.key)) return colIssue('column.duplicate');
    at.set(spec.key, i);
  });
  for (const s of specs) if (s.required && !at.has(s.key)) fileIssue('column.missing', { header: headerText(s, locale) });
  if (issues.length) return { issues, format: table.format, work: null };
  if (!table.rows.length) {
    fileIssue('file.noRows');
    return { issues, format: table.format, work: null };
  }

  // the municipality's register, for the checks of every row
  const accounts = await balanceReportReads.accounts(ex, mid);
  const accountByNumber = new Map(accounts.map((a) => [a.number, a]));
  const departments = await balanceReportReads.departments(ex, mid);
  const departmentByCode = new Map(departments.map((d) => [d.code.toLowerCase(), d]));
  const chart = await balanceReads.imFunctions(ex, mid);
  const chartByCode = new Map(chart.map((f) => [f.code, f]));
  const today = actor.today;

  const cellIssue = (row: number, spec: ColumnSpec, code: string, text: string) => {
    const i = at.get(spec.key)!;
    const column = columnLetter(i);
    issues.push({ row, column, header: table.headers[i]!, field: `${column}${row}`, code, message: text });
  };

  const read = cellReader({ locale, today, amountFormat: options.amountFormat, accountByNumber, departmentByCode, chartByCode, cellIssue });

  const rows: Row[] = table.rows.map((r) => {
    const values: Record<string, Value> = {};
    for (const spec of specs) {
      const i = at.get(spec.key);
      if (i === undefined) continue;
      values[spec.key] = read(r.row, spec, r.cells[i] ?? { kind: 'empty' });
    }
    return { row: r.row, values };
  });
  const rowIssue = (row: number, key: string, code: IssueCode, p: Record<string, string | number> = {}) =>
    cellIssue(
      row,
      specs.find((s) => s.key === key)!,
      code,
      issueMessage(code, locale, p),
    );

  /** The first row of each key; later rows with the same key are named as repeats. */
  function unique(key: (r: Row) => string | null, column: string) {
    const first = new Map<string, number>();
    for (const r of rows) {
      const k = key(r);
      if (k === null) continue;
      const seen = first.get(k);
      if (seen !== undefined) rowIssue(r.row, column, 'row.duplicate', { value: k.replace('\u0000', ' '), first: seen });
      else first.set(k, r.row);
    }
  }

  const accountIds = [
    ...new Set(
      rows
        .map((r) => r.values.account)
        .filter((v): v is string => typeof v === 'string')
        .map((n) => accountByNumber.get(n)!.id),
    ),
  ];
  const periods = [...new Set(rows.map((r) => r.values.period).filter((v): v is string => typeof v === 'string'))];
  const existing = kind === 'ledgerBalances' || kind === 'reconciliationLog' ? await repo.reconciliationsOf(ex, mid, accountIds, periods) : [];
  const recAt = new Map(existing.map((r) => [`${r.accountId}\u0000${r.period}`, r]));
  const counts = { create: 0, update: 0, unchanged: 0, replaced: 0 };

  const ctx: PlanContext = {
    ex,
    actor,
    mid,
    locale,
    table,
    specs,
    at,
    issues,
    rows,
    accountByNumber,
    chart,
    chartByCode,
    accountIds,
    recAt,
    counts,
    cellIssue,
    rowIssue,
    unique,
  };
  if (kind === 'ledgerBalances') return planLedgerBalances(ctx);
  if (kind === 'reconciliationLog') return planReconciliationLog(ctx);
  if (kind === 'activity') return planActivity(ctx);
  if (kind === 'imFunctions') return planImFunctions(ctx);
  if (kind === 'accounts') return planAccounts(ctx);
  return planAdjustments(ctx);
}

export type Planned = Awaited<ReturnType<typeof plan>>;
