import type { Locale, Localized } from '../../../domain/i18n.js';
import { parseAmount, type AmountFormat } from '../../../domain/money.js';
import {
  afterLedgerChange,
  isCategory,
  isFuturePeriod,
  isIsoDate,
  itemTotals,
  parsePeriod,
  periodEnd,
  subReasonFits,
  validateItems,
  type Category,
  type OpenItem,
} from '../../../domain/reconciliation.js';
import type { Actor } from '../../context.js';
import type { Database, Executor } from '../../db/engine.js';
import { Problem, type FieldError } from '../../http/problem.js';
import { runCommand, type ChangeRecorder } from '../../unit-of-work.js';
import { refusalProblem, WorkbookRefused } from '../../xlsx/safe-workbook.js';
import { balanceRepository, type ReconciliationRow } from '../balance/repository.js';
import { levelOf, parentCode } from '../balance/chart.js';
import { balanceReportRepository } from '../balance-report/repository.js';
import { COLUMNS, expectedWords, headerMatches, message, RECONCILER_WORDS, SECTION_WORDS, SIDE_WORDS, TOTAL_HEADERS, WRITE_OFF_WORDS, type ColumnSpec, type ColumnType, type ImportKind, type MessageCode } from './columns.js';
import { balanceImportPolicy as policy } from './policy.js';
import { balanceImportRepository as repo, type AccountRow, type AdjustmentRow } from './repository.js';
import { buildBalanceCsvTemplate, buildBalanceTemplate } from './template.js';
import { columnLetter, readTable, TableError, type Cell, type Table } from './table.js';
import { uploadFileName } from '../attachments/sniff.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const MAX_BALANCE_IMPORT_BYTES = 10 * 1024 * 1024;

/** One problem of the file: `field` names the cell (`C7`), the column (`C1`) or `file`. */
export interface BalanceImportIssue {
  row: number | null;
  column: string | null;
  header: string | null;
  field: string;
  code: string;
  message: string;
}

export interface BalanceImportOptions {
  dryRun: boolean;
  amountFormat: AmountFormat;
}

type Value = string | number | null;
type Row = { row: number; values: Record<string, Value> };

const refusedDetail = (count: number): Localized => ({
  da: `Filen har ${count} fejl; intet er indlæst.`,
  sv: `Filen har ${count} fel; ingenting har lästs in.`,
  en: `The file has ${count} ${count === 1 ? 'error' : 'errors'}; nothing was imported.`,
});

const FORMAT_WORDS: Record<AmountFormat, Localized> = {
  da: { da: 'dansk (1.234,56)', sv: 'danskt (1.234,56)', en: 'Danish (1.234,56)' },
  en: { da: 'engelsk (1,234.56)', sv: 'engelskt (1,234.56)', en: 'English (1,234.56)' },
};

const IM_CODE = /^[0-9]\.[0-9]{2}\.[0-9]{2}$/;
/** A code of the balance part of the chart at any level: main account, group or function. */
const CHART_CODE = /^9(\.[0-9]{2}){0,2}$/;

/** What a row of the chart imports does to the register. */
export type RowAction = 'create' | 'update' | 'unchanged';

/** Reads a whole number from a text or number cell; null when it is not one. */
function wholeNumber(c: Cell): number | null {
  if (c.kind === 'number') return Number.isSafeInteger(c.value) ? c.value : null;
  if (c.kind === 'text' && /^[0-9]+$/.test(c.value)) return Number(c.value);
  return null;
}

/** Items compared field by field (jsonb does not keep the key order). */
function sameItems(a: readonly OpenItem[], b: readonly OpenItem[]): boolean {
  const key = (i: OpenItem) => JSON.stringify([i.text, i.amountOre, i.originDate, i.reference ?? null, (i.parts ?? []).map((p) => [p.amountOre, p.originDate])]);
  return a.length === b.length && a.every((x, n) => key(x) === key(b[n]!));
}

export function createBalanceImportService(db: Database, opts: { maxBytes?: number } = {}) {
  const maxBytes = opts.maxBytes ?? MAX_BALANCE_IMPORT_BYTES;

  /**
   * Reads the file, outside any transaction: a table, or the reason it is not one. A workbook over
   * the zip guard's limits is refused here (413/422) before a transaction is opened.
   */
  async function readFile(actor: Actor, bytes: Buffer): Promise<Table | TableError> {
    try {
      return await readTable(bytes);
    } catch (err) {
      if (err instanceof TableError) return err;
      if (err instanceof WorkbookRefused) throw refusalProblem(err, actor.locale, { row: null, column: null, header: null, field: 'file' });
      throw err;
    }
  }

  /** Checks and plans an import of a table read by `readFile`; returns the issues and (when there are none) what to write. */
  async function plan(ex: Executor, actor: Actor, kind: ImportKind, file: Table | TableError, options: BalanceImportOptions) {
    const locale: Locale = actor.locale;
    const mid = actor.municipalityId;
    const issues: BalanceImportIssue[] = [];
    const fileIssue = (code: MessageCode, p: Record<string, string | number> = {}) =>
      issues.push({ row: null, column: null, header: null, field: 'file', code, message: message(code, locale, p) });

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
      const colIssue = (code: MessageCode) => issues.push({ row: 1, column, header: h, field: `${column}1`, code, message: message(code, locale, { header: h }) });
      if (TOTAL_HEADERS.includes(h.trim().toLowerCase())) return colIssue('column.total');
      const spec = specs.find((s) => headerMatches(s, h));
      if (!spec) return colIssue('column.unknown');
      if (at.has(spec.key)) return colIssue('column.duplicate');
      at.set(spec.key, i);
    });
    for (const s of specs) if (s.required && !at.has(s.key)) fileIssue('column.missing', { header: s.header[locale] });
    if (issues.length) return { issues, format: table.format, work: null };
    if (!table.rows.length) {
      fileIssue('file.noRows');
      return { issues, format: table.format, work: null };
    }

    // the municipality's register, for the checks of every row
    const accounts = await balanceReportRepository.accounts(ex, mid);
    const accountByNumber = new Map(accounts.map((a) => [a.number, a]));
    const departments = await balanceReportRepository.departments(ex, mid);
    const departmentByCode = new Map(departments.map((d) => [d.code.toLowerCase(), d]));
    const chart = await balanceRepository.imFunctions(ex, mid);
    const chartByCode = new Map(chart.map((f) => [f.code, f]));
    const today = actor.today;

    const cellIssue = (row: number, spec: ColumnSpec, code: string, text: string) => {
      const i = at.get(spec.key)!;
      const column = columnLetter(i);
      issues.push({ row, column, header: table.headers[i]!, field: `${column}${row}`, code, message: text });
    };

    /** One cell by its column's type; null (and an issue) when it cannot be read. */
    function read(row: number, spec: ColumnSpec, cell: Cell): Value {
      const bad = (code: MessageCode, p: Record<string, string | number> = {}) => {
        cellIssue(row, spec, code, message(code, locale, p));
        return null;
      };
      if (cell.kind === 'empty') return spec.required ? bad('cell.required') : null;
      const type: ColumnType = spec.type;
      if (cell.kind === 'date' && type !== 'date') return bad('cell.dateInText', { expected: expectedWords[type][locale] });
      const raw = cell.kind === 'number' ? String(cell.value) : cell.value;
      switch (type) {
        case 'text':
          return raw.slice(0, 2000);
        case 'account': {
          const n = cell.kind === 'number' && Number.isSafeInteger(cell.value) ? String(cell.value) : raw;
          if (!/^[0-9]{8}$/.test(n)) return bad('account.format', { value: raw });
          if (!accountByNumber.has(n)) return bad('account.unknown', { value: n });
          return n;
        }
        case 'period':
        case 'month': {
          const p = cell.kind === 'text' ? parsePeriod(raw) : null;
          if (!p || (type === 'month' && p.month === 13)) return bad(type === 'month' ? 'month.invalid' : 'period.invalid', { value: raw });
          if (isFuturePeriod(p, today)) return bad('period.future', { value: raw });
          return raw;
        }
        case 'amount': {
          if (cell.kind === 'number') {
            const ore = Math.round(cell.value * 100);
            if (Math.abs(cell.value * 100 - ore) > 1e-6) return bad('amount.numberFraction', { value: raw });
            if (!Number.isSafeInteger(ore)) return bad('amount.numberFraction', { value: raw });
            return ore;
          }
          const r = parseAmount(raw, options.amountFormat);
          if (!r.ok) {
            cellIssue(row, spec, r.error.code, r.error.message[locale]);
            return null;
          }
          return r.value;
        }
        case 'count': {
          const n = wholeNumber(cell);
          if (n === null || n > 2_147_483_647) return bad('count.invalid', { value: raw });
          return n;
        }
        case 'year': {
          const n = wholeNumber(cell);
          if (n === null || n < 1000 || n > 9999) return bad('year.invalid', { value: raw });
          if (n > Number(today.slice(0, 4))) return bad('year.future', { value: raw });
          return n;
        }
        case 'date': {
          if (cell.kind === 'date') return cell.value;
          if (!isIsoDate(raw)) return bad('date.invalid', { value: raw });
          return raw;
        }
        case 'category': {
          const n = wholeNumber(cell);
          if (n === null || !isCategory(n)) return bad('category.invalid', { value: raw });
          return n;
        }
        case 'subReason':
          return raw;
        case 'im': {
          const fn = chartByCode.get(raw);
          const balancePart = raw.startsWith('9.');
          if (!IM_CODE.test(raw) || (balancePart && fn?.level !== 'function')) return bad('im.unknown', { value: raw });
          return raw;
        }
        case 'department': {
          const d = departmentByCode.get(raw.toLowerCase());
          if (!d) return bad('department.unknown', { value: raw });
          return d.id;
        }
        case 'section': {
          const s = SECTION_WORDS[raw.toLowerCase()];
          return s ?? bad('section.invalid', { value: raw });
        }
        case 'writeOffKind': {
          const k = WRITE_OFF_WORDS[raw.toLowerCase()];
          return k ?? bad('writeOffKind.invalid', { value: raw });
        }
        case 'imCode': {
          // Excel turns a typed group code 9.50 into the number 9.5
          const twoDecimals = cell.kind === 'number' && !Number.isInteger(cell.value) && Math.abs(cell.value * 100 - Math.round(cell.value * 100)) < 1e-9;
          const code = twoDecimals ? cell.value.toFixed(2) : raw;
          return CHART_CODE.test(code) ? code : bad('imCode.invalid', { value: raw });
        }
        case 'side':
          return SIDE_WORDS[raw.toLowerCase()] ?? bad('side.invalid', { value: raw });
        case 'accountNumber': {
          const n = cell.kind === 'number' && Number.isSafeInteger(cell.value) ? String(cell.value) : raw;
          return /^[0-9]{8}$/.test(n) ? n : bad('account.format', { value: raw });
        }
        case 'imFunction':
          return chartByCode.get(raw)?.level === 'function' ? raw : bad('imFunction.unknown', { value: raw });
        case 'reconciler':
          return RECONCILER_WORDS[raw.toLowerCase()] ?? bad('reconciler.invalid', { value: raw });
      }
    }

    const rows: Row[] = table.rows.map((r) => {
      const values: Record<string, Value> = {};
      for (const spec of specs) {
        const i = at.get(spec.key);
        if (i === undefined) continue;
        values[spec.key] = read(r.row, spec, r.cells[i] ?? { kind: 'empty' });
      }
      return { row: r.row, values };
    });
    const rowIssue = (row: number, key: string, code: MessageCode, p: Record<string, string | number> = {}) =>
      cellIssue(row, specs.find((s) => s.key === key)!, code, message(code, locale, p));

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

    const accountIds = [...new Set(rows.map((r) => r.values.account).filter((v): v is string => typeof v === 'string').map((n) => accountByNumber.get(n)!.id))];
    const periods = [...new Set(rows.map((r) => r.values.period).filter((v): v is string => typeof v === 'string'))];
    const existing = kind === 'ledgerBalances' || kind === 'reconciliationLog' ? await repo.reconciliationsOf(ex, mid, accountIds, periods) : [];
    const recAt = new Map(existing.map((r) => [`${r.accountId}\u0000${r.period}`, r]));
    const counts = { create: 0, update: 0, unchanged: 0, replaced: 0 };

    if (kind === 'ledgerBalances') {
      unique((r) => (r.values.account && r.values.period ? `${r.values.account}\u0000${r.values.period}` : null), 'period');
      const updates: { r: ReconciliationRow; balanceOre: number }[] = [];
      for (const r of rows) {
        const { account, period, balance } = r.values;
        if (typeof account !== 'string' || typeof period !== 'string' || typeof balance !== 'number') continue;
        const rec = recAt.get(`${accountByNumber.get(account)!.id}\u0000${period}`);
        if (!rec) {
          rowIssue(r.row, 'period', 'reconciliation.missing', { value: `${account} ${period}` });
          continue;
        }
        if (rec.ledgerBalanceOre === balance) counts.unchanged++;
        else {
          counts.update++;
          updates.push({ r: rec, balanceOre: balance });
        }
      }
      return { issues, format: table.format, counts, work: { kind, updates } as const };
    }

    if (kind === 'reconciliationLog') {
      const cellsOf = new Map(table.rows.map((t) => [t.row, t.cells]));
      const groups = new Map<string, { accountId: string; label: string; period: string; first: Row; rows: { row: Row; item: OpenItem | null }[] }>();
      for (const r of rows) {
        const v = r.values;
        if (typeof v.account !== 'string' || typeof v.period !== 'string') continue;
        const key = `${v.account}\u0000${v.period}`;
        const g = groups.get(key) ?? { accountId: accountByNumber.get(v.account)!.id, label: `${v.account} ${v.period}`, period: v.period, first: r, rows: [] };
        groups.set(key, g);
        const itemKeys = ['text', 'amount', 'originDate'] as const;
        const given = itemKeys.filter((k) => v[k] !== null && v[k] !== undefined);
        const cellsGiven = itemKeys.filter((k) => {
          const i = at.get(k);
          return i !== undefined && cellsOf.get(r.row)![i]?.kind !== 'empty';
        });
        if (cellsGiven.length && cellsGiven.length < itemKeys.length) {
          for (const k of itemKeys) if (!cellsGiven.includes(k)) rowIssue(r.row, at.has(k) ? k : 'category', 'item.incomplete');
          g.rows.push({ row: r, item: null });
          continue;
        }
        g.rows.push({
          row: r,
          item: given.length === 3 ? { text: String(v.text), amountOre: v.amount as number, originDate: String(v.originDate), reference: typeof v.reference === 'string' ? v.reference : null, parts: null } : null,
        });
      }
      const writes: { accountId: string; period: string; existing: ReconciliationRow | null; category: Category; subReason: string; items: OpenItem[]; totals: ReturnType<typeof itemTotals> }[] = [];
      for (const g of groups.values()) {
        const { category, subReason } = g.first.values;
        if (typeof category !== 'number' || typeof subReason !== 'string') continue;
        const inconsistent = g.rows.find((x) => x.row.values.category !== category || x.row.values.subReason !== subReason);
        if (inconsistent) {
          rowIssue(inconsistent.row.row, 'category', 'reconciliation.inconsistent', { value: g.label });
          continue;
        }
        if (!subReasonFits(category as Category, subReason)) {
          rowIssue(g.first.row, 'subReason', 'subReason.invalid', { value: subReason, category });
          continue;
        }
        const withItems = g.rows.filter((x) => x.item !== null);
        const items = withItems.map((x) => x.item!);
        const end = periodEnd(parsePeriod(g.period)!);
        const itemIssues = validateItems(category as Category, items, end);
        for (const issue of itemIssues) {
          const m = /^items\.(\d+)\.(\w+)/.exec(issue.field);
          const source = m ? withItems[Number(m[1])]!.row : g.first;
          const key = m ? (m[2] === 'amountOre' ? 'amount' : m[2] === 'originDate' ? 'originDate' : 'text') : 'category';
          cellIssue(source.row, specs.find((s) => s.key === (at.has(key) ? key : 'category'))!, issue.code, issue.message[locale]);
        }
        if (itemIssues.length) continue;
        const rec = recAt.get(`${g.accountId}\u0000${g.period}`) ?? null;
        if (rec && rec.category === category && rec.subReason === subReason && sameItems(rec.items, items)) {
          counts.unchanged++;
          continue;
        }
        if (rec && rec.status !== 'open') {
          rowIssue(g.first.row, 'period', 'reconciliation.locked', { value: g.label });
          continue;
        }
        if (rec) counts.update++;
        else counts.create++;
        writes.push({ accountId: g.accountId, period: g.period, existing: rec, category: category as Category, subReason, items, totals: itemTotals(items, end) });
      }
      return { issues, format: table.format, counts, work: { kind, writes } as const };
    }

    if (kind === 'activity') {
      unique((r) => (r.values.account && r.values.month ? `${r.values.account}\u0000${r.values.month}` : null), 'month');
      const have = new Map((await repo.activityOf(ex, mid, accountIds)).map((a) => [`${a.accountId}\u0000${a.month}`, a]));
      const writes: { accountId: string; month: string; transactionCount: number; volumeOre: number; existing: (typeof have extends Map<string, infer V> ? V : never) | null }[] = [];
      for (const r of rows) {
        const { account, month, transactions, volume } = r.values;
        if (typeof account !== 'string' || typeof month !== 'string' || typeof transactions !== 'number' || typeof volume !== 'number') continue;
        const accountId = accountByNumber.get(account)!.id;
        const e = have.get(`${accountId}\u0000${month}`) ?? null;
        if (e && e.transactionCount === transactions && e.volumeOre === volume) counts.unchanged++;
        else {
          if (e) counts.update++;
          else counts.create++;
          writes.push({ accountId, month, transactionCount: transactions, volumeOre: volume, existing: e });
        }
      }
      return { issues, format: table.format, counts, work: { kind, writes } as const };
    }

    if (kind === 'imFunctions') {
      unique((r) => (typeof r.values.code === 'string' ? r.values.code : null), 'code');
      const inFile = new Map<string, Row>();
      for (const r of rows) if (typeof r.values.code === 'string' && !inFile.has(r.values.code)) inFile.set(r.values.code, r);
      const sideOf = (code: string) => {
        const f = inFile.get(code);
        return f ? (typeof f.values.side === 'string' ? f.values.side : null) : (chartByCode.get(code)?.side ?? null);
      };
      const rowActions: { row: number; key: string; action: RowAction }[] = [];
      const writes: { code: string; name: string; side: 'asset' | 'liability'; existing: (typeof chart)[number] | null }[] = [];
      for (const r of rows) {
        const { code, name, side } = r.values;
        if (typeof code !== 'string' || inFile.get(code) !== r) continue;
        const parent = parentCode(code);
        if (parent !== null && !inFile.has(parent) && !chartByCode.has(parent)) {
          rowIssue(r.row, 'code', 'imCode.parentMissing', { value: code, parent });
          continue;
        }
        // a function sits on its group's side; the main account holds both sides
        if (typeof side === 'string' && levelOf(code) === 'function') {
          const groupSide = sideOf(parent!);
          if (groupSide && groupSide !== side) rowIssue(r.row, 'side', 'side.mismatch', { value: code, other: parent! });
        }
        if (typeof side === 'string' && levelOf(code) === 'group') {
          const stranded = chart.find((f) => f.level === 'function' && parentCode(f.code) === code && !inFile.has(f.code) && f.side !== side);
          if (stranded) rowIssue(r.row, 'side', 'side.mismatch', { value: code, other: stranded.code });
        }
        if (typeof name !== 'string' || typeof side !== 'string') continue;
        const e = chartByCode.get(code) ?? null;
        const action: RowAction = !e ? 'create' : e.name === name && e.side === side ? 'unchanged' : 'update';
        counts[action]++;
        rowActions.push({ row: r.row, key: code, action });
        if (action !== 'unchanged') writes.push({ code, name, side: side as 'asset' | 'liability', existing: e });
      }
      return { issues, format: table.format, counts, rowActions, work: { kind, writes } as const };
    }

    if (kind === 'accounts') {
      unique((r) => (typeof r.values.number === 'string' ? r.values.number : null), 'number');
      const stored = new Map((await repo.accountRows(ex, mid)).map((a) => [a.number, a]));
      const seen = new Set<string>();
      const rowActions: { row: number; key: string; action: RowAction }[] = [];
      const writes: { number: string; name: string; imFunctionId: string; departmentId: string; reconciler: 'centralService' | 'department'; existing: AccountRow | null }[] = [];
      for (const r of rows) {
        const { number, name, imFunction, department, reconciler } = r.values;
        if (typeof number !== 'string' || seen.has(number)) continue;
        seen.add(number);
        if (typeof name !== 'string' || typeof imFunction !== 'string' || typeof department !== 'string' || typeof reconciler !== 'string') continue;
        const w = { number, name, imFunctionId: chartByCode.get(imFunction)!.id, departmentId: department, reconciler: reconciler as 'centralService' | 'department' };
        const e = stored.get(number) ?? null;
        const same = e && e.name === w.name && e.imFunctionId === w.imFunctionId && e.departmentId === w.departmentId && e.reconciler === w.reconciler;
        const action: RowAction = !e ? 'create' : same ? 'unchanged' : 'update';
        counts[action]++;
        rowActions.push({ row: r.row, key: number, action });
        if (action !== 'unchanged') writes.push({ ...w, existing: e });
      }
      return { issues, format: table.format, counts, rowActions, work: { kind, writes } as const };
    }

    // adjustments: the file replaces the year's rows of each section it contains
    const inserts: Omit<AdjustmentRow, 'id' | 'createdAt'>[] = [];
    for (const r of rows) {
      const v = r.values;
      if (v.section === 'writeOff' && v.writeOffKind === null && at.has('writeOffKind') === false) rowIssue(r.row, 'section', 'writeOffKind.missing');
      else if (v.section === 'writeOff' && v.writeOffKind === null && !issues.some((i) => i.row === r.row && i.field.startsWith(columnLetter(at.get('writeOffKind')!)))) rowIssue(r.row, 'writeOffKind', 'writeOffKind.missing');
      if (typeof v.section === 'string' && v.section !== 'writeOff' && typeof v.writeOffKind === 'string') rowIssue(r.row, 'writeOffKind', 'writeOffKind.notWriteOff');
      if (typeof v.year !== 'number' || typeof v.section !== 'string' || typeof v.department !== 'string' || typeof v.im !== 'string' || typeof v.amount !== 'number') continue;
      if (v.section === 'writeOff' && typeof v.writeOffKind !== 'string') continue;
      if (v.section !== 'writeOff' && typeof v.writeOffKind === 'string') continue;
      inserts.push({
        municipalityId: mid,
        year: v.year,
        section: v.section as AdjustmentRow['section'],
        writeOffKind: v.section === 'writeOff' ? (v.writeOffKind as AdjustmentRow['writeOffKind']) : null,
        departmentId: v.department,
        imCode: v.im,
        imName: typeof v.imName === 'string' ? v.imName : (chartByCode.get(v.im)?.name ?? null),
        appropriation: typeof v.appropriation === 'string' ? v.appropriation : null,
        text: typeof v.text === 'string' ? v.text : null,
        amountOre: v.amount,
        createdBy: actor.userId,
      });
    }
    const scopes = [...new Map(inserts.map((i) => [`${i.year}\u0000${i.section}`, { year: i.year, section: i.section }])).values()];
    for (const s of scopes) counts.replaced += (await repo.adjustmentsOf(ex, mid, s.year, s.section)).length;
    counts.create = inserts.length;
    return { issues, format: table.format, counts, work: { kind, inserts, scopes } as const };
  }

  type Planned = Awaited<ReturnType<typeof plan>>;

  async function apply(tx: Executor, actor: Actor, changes: ChangeRecorder, planned: Planned) {
    const mid = actor.municipalityId;
    const work = planned.work!;
    const conflict = () => new Problem(409, 'conflict', { da: 'Samtidig ændring; prøv igen', sv: 'Samtidig ändring; försök igen', en: 'Concurrent change; try again' });
    if (work.kind === 'ledgerBalances') {
      const writes = work.updates.map(({ r, balanceOre }) => ({ r, balanceOre, decertified: afterLedgerChange({ status: r.status, preparedBy: r.preparedBy, approvedBy: r.approvedBy }, r.ledgerBalanceOre, balanceOre).decertified }));
      const rows = await repo.setLedgerBalances(
        tx,
        mid,
        actor.userId,
        writes.map((w) => ({ id: w.r.id, version: w.r.version, ledgerBalanceOre: w.balanceOre, decertify: w.decertified })),
      );
      if (rows.length !== writes.length) throw conflict();
      const written = new Map(rows.map((row) => [row.id, row]));
      // the changes in the file's order, as when the rows were written one by one
      for (const { r, decertified } of writes) {
        const row = written.get(r.id)!;
        if (decertified) {
          await changes.record({ resource: 'reconciliation', resourceId: r.id, action: 'decertify', before: { status: r.status, preparedBy: r.preparedBy, approvedBy: r.approvedBy, ledgerBalanceOre: r.ledgerBalanceOre }, after: { status: row.status, preparedBy: null, approvedBy: null, ledgerBalanceOre: row.ledgerBalanceOre } });
        }
        await changes.record({ resource: 'reconciliation', resourceId: r.id, action: 'update', before: { ledgerBalanceOre: r.ledgerBalanceOre }, after: { ledgerBalanceOre: row.ledgerBalanceOre } });
      }
    } else if (work.kind === 'reconciliationLog') {
      const values = (w: (typeof work.writes)[number]) => ({ category: w.category, subReason: w.subReason, items: w.items, followUpOre: w.totals.followUpOre, olderThanOneYearOre: w.totals.olderThanOneYearOre, grossOre: w.totals.grossOre });
      const updates = work.writes.filter((w) => w.existing);
      const updated = await repo.setReconciliationLogs(tx, mid, actor.userId, updates.map((w) => ({ id: w.existing!.id, version: w.existing!.version, ...values(w) })));
      if (updated.length !== updates.length) throw conflict();
      const written = new Map(updated.map((row) => [row.id, row]));
      // a new reconciliation starts from a ledger balance of 0 until the ledger balance import sets it
      const fresh = work.writes.filter((w) => !w.existing);
      const created = await repo.insertReconciliations(
        tx,
        fresh.map((w) => ({ municipalityId: mid, accountId: w.accountId, period: w.period, ledgerBalanceOre: 0, ...values(w), createdBy: actor.userId, updatedBy: actor.userId })),
      );
      const createdAt = new Map(created.map((row) => [`${row.accountId}\u0000${row.period}`, row]));
      for (const w of work.writes) {
        if (w.existing) await changes.record({ resource: 'reconciliation', resourceId: w.existing.id, action: 'update', before: w.existing, after: written.get(w.existing.id)! });
        else {
          const row = createdAt.get(`${w.accountId}\u0000${w.period}`)!;
          await changes.record({ resource: 'reconciliation', resourceId: row.id, action: 'create', after: row });
        }
      }
    } else if (work.kind === 'activity') {
      for (const w of work.writes) {
        const row = w.existing
          ? await repo.updateActivity(tx, mid, w.existing.id, { transactionCount: w.transactionCount, volumeOre: w.volumeOre, updatedBy: actor.userId })
          : await repo.insertActivity(tx, { municipalityId: mid, accountId: w.accountId, month: w.month, transactionCount: w.transactionCount, volumeOre: w.volumeOre, createdBy: actor.userId, updatedBy: actor.userId });
        await changes.record({ resource: 'accountActivity', resourceId: row.id, action: w.existing ? 'update' : 'create', before: w.existing, after: row });
      }
    } else if (work.kind === 'imFunctions') {
      // level by level (main accounts, groups, functions), so a new row finds the parent inserted before it
      const ids = new Map((await balanceRepository.imFunctions(tx, mid)).map((f) => [f.code, f.id]));
      for (const w of work.writes.filter((w) => w.existing)) {
        const row = await repo.updateImFunction(tx, mid, w.existing!.id, { name: w.name, side: w.side });
        await changes.record({ resource: 'imFunction', resourceId: row.id, action: 'update', before: w.existing, after: row });
      }
      for (const level of ['mainAccount', 'group', 'function'] as const) {
        const fresh = work.writes.filter((w) => !w.existing && levelOf(w.code) === level);
        const rows = await repo.insertImFunctions(
          tx,
          fresh.map((w) => {
            const parent = parentCode(w.code);
            return { municipalityId: mid, code: w.code, name: w.name, side: w.side, level, parentId: parent ? (ids.get(parent) ?? null) : null };
          }),
        );
        for (const row of rows) {
          ids.set(row.code, row.id);
          await changes.record({ resource: 'imFunction', resourceId: row.id, action: 'create', after: row });
        }
      }
    } else if (work.kind === 'accounts') {
      for (const { existing, ...w } of work.writes) {
        if (!existing) continue;
        const row = await balanceRepository.updateAccount(tx, mid, existing.id, existing.version, { ...w, updatedBy: actor.userId });
        if (!row) throw new Problem(409, 'conflict', { da: 'Samtidig ændring; prøv igen', sv: 'Samtidig ändring; försök igen', en: 'Concurrent change; try again' });
        await changes.record({ resource: 'balanceAccount', resourceId: row.id, action: 'update', before: existing, after: row });
      }
      const created = await repo.insertAccounts(
        tx,
        work.writes.filter((w) => !w.existing).map(({ existing: _, ...w }) => ({ municipalityId: mid, ...w, createdBy: actor.userId, updatedBy: actor.userId })),
      );
      for (const row of created) await changes.record({ resource: 'balanceAccount', resourceId: row.id, action: 'create', after: row });
    } else {
      for (const s of work.scopes) {
        const removed = await repo.deleteAdjustments(tx, mid, s.year, s.section);
        for (const r of removed) await changes.record({ resource: 'balanceAdjustment', resourceId: r.id, action: 'delete', before: r });
      }
      const rows = await repo.insertAdjustments(tx, work.inserts);
      for (const r of rows) await changes.record({ resource: 'balanceAdjustment', resourceId: r.id, action: 'create', after: r });
    }
  }

  const report = (kind: ImportKind, fileName: string, options: BalanceImportOptions, planned: Planned, applied: boolean) => ({
    kind,
    dryRun: options.dryRun,
    applied,
    fileName,
    fileFormat: planned.format,
    amountFormat: options.amountFormat,
    counts: planned.counts ?? { create: 0, update: 0, unchanged: 0, replaced: 0 },
    rows: ('rowActions' in planned ? planned.rowActions : undefined) ?? [],
    errors: planned.issues,
  });

  return {
    maxBytes,
    authorize: (actor: Actor) => policy.import(actor),

    /** The template of a kind as .xlsx (with instructions) or CSV, headers in `lang` (default: the caller's). */
    template(actor: Actor, kind: ImportKind, format: 'xlsx' | 'csv', lang?: Locale) {
      policy.import(actor);
      const locale = lang ?? actor.locale;
      const base = `${{ da: 'tilsyn-skabelon', sv: 'tilsyn-mall', en: 'tilsyn-template' }[locale]}-${kind}`;
      return format === 'csv'
        ? Promise.resolve({ fileName: `${base}.csv`, type: 'text/csv; charset=utf-8', bytes: buildBalanceCsvTemplate(kind, locale) })
        : buildBalanceTemplate(kind, locale).then((bytes) => ({ fileName: `${base}.xlsx`, type: XLSX_TYPE, bytes }));
    },
    tooLarge: (actor: Actor): BalanceImportIssue => ({ row: null, column: null, header: null, field: 'file', code: 'file.tooLarge', message: message('file.tooLarge', actor.locale, { mb: maxBytes / (1024 * 1024) }) }),
    missing: (actor: Actor): BalanceImportIssue => ({ row: null, column: null, header: null, field: 'file', code: 'file.missing', message: message('file.missing', actor.locale) }),

    /**
     * Reads the file and checks every row against the register. A dry run answers what would be
     * written and every error; an apply writes everything in one command (one audit entry) or, with
     * any error, nothing (422 listing the errors).
     */
    async importFile(actor: Actor, kind: ImportKind, upload: { fileName: string; bytes: Buffer }, options: BalanceImportOptions) {
      upload = { ...upload, fileName: uploadFileName(upload.fileName, 'upload.csv') };
      policy.import(actor);
      const table = await readFile(actor, upload.bytes);
      if (options.dryRun) {
        const planned = await db.transaction(async (tx) => plan(tx, actor, kind, table, options), { isolationLevel: 'repeatable read', accessMode: 'read only' });
        return report(kind, upload.fileName, options, planned, false);
      }
      return runCommand(db, actor, async (tx, changes) => {
        const planned = await plan(tx, actor, kind, table, options);
        if (planned.issues.length) {
          const errors = planned.issues.map((i) => ({ ...i }) satisfies FieldError);
          throw new Problem(422, 'validation', refusedDetail(planned.issues.length), errors, { counts: planned.counts ?? null, amountFormat: FORMAT_WORDS[options.amountFormat][actor.locale] });
        }
        await apply(tx, actor, changes, planned);
        return report(kind, upload.fileName, options, planned, true);
      });
    },
  };
}

export type BalanceImportService = ReturnType<typeof createBalanceImportService>;
