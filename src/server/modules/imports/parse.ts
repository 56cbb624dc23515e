import ExcelJS from 'exceljs';
import { canonicalDeadline, lastDay, parseDeadline, type Deadline } from '../../../domain/deadline.js';
import type { Locale } from '../../../domain/i18n.js';
import { limits } from '../../http/schemas.js';
import { loadCheckedWorkbook, WorkbookRefused } from '../../xlsx/safe-workbook.js';
import {
  boolValue,
  choiceOptions,
  choiceValue,
  columnOfHeader,
  columnText,
  isAllWord,
  sheetName,
  sheetOfName,
  sheets,
  type ColumnSpec,
  type SheetKey,
  type SheetSpec,
} from './columns.js';
import type { Params } from '../../i18n/catalogue.js';
import { type MessageCode, renderMessage } from '../../i18n/messages.js';
import { checkFile, MAX_IMPORT_BYTES, type FileProblem } from './file.js';

/**
 * Reading an uploaded workbook into typed rows: file-level checks first (file.ts), then exceljs,
 * then every known sheet's header row and each cell by its column's kind (columns.ts). A cell
 * that cannot be read becomes an issue naming its sheet, row, column letter and header, and the
 * row carries on without it, so one pass reports every problem of the file.
 */

/** One problem of the file, a sheet, a row or a cell; sheet/row/column are null where they do not apply. */
export interface ImportIssue {
  sheet: string | null;
  row: number | null;
  /** Column letter (A, B, …, AA). */
  column: string | null;
  /** The column's header as the file writes it (or as the template would, for a missing column). */
  header: string | null;
  /** `Sheet!C7`, `Sheet!7`, `Sheet` or `file`: one string naming where. */
  field: string;
  code: string;
  message: string;
}

/** Where a value came from, for issues about it. */
export interface CellRef {
  sheet: string;
  row: number;
  column: string | null;
  header: string;
}

/** A deadline as stored (canonical text and last day). */
export interface DeadlineValue {
  text: string;
  due: string;
  value: Deadline;
}

export type CellValue = string | number | boolean | DeadlineValue | string[] | number[] | 'ALL';

export interface ParsedRow {
  sheet: SheetKey;
  sheetName: string;
  row: number;
  values: Map<string, CellValue>;
  /** Columns whose cell was filled in but could not be read (already reported). */
  invalid: Set<string>;
  ref(key: string): CellRef;
}

export interface ParsedSheet {
  spec: SheetSpec;
  name: string;
  /** The language its headers are written in (most of them). */
  locale: Locale;
  rows: ParsedRow[];
}

export interface ParsedWorkbook {
  sheets: Partial<Record<SheetKey, ParsedSheet>>;
  issues: ImportIssue[];
}

export const MAX_ROWS_PER_SHEET = 5_000;

export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** The codes of the import's issues that the catalogue words ('imports.' + the code). */
export type ImportMessageCode = MessageCode extends infer C ? (C extends `imports.${infer R}` ? R : never) : never;

/** An issue's message in the reader's language. */
export const importMessage = (code: ImportMessageCode, locale: Locale, params?: Params): string => renderMessage(locale, `imports.${code}`, params);

export function issueAt(ref: CellRef | null, code: string, message: string): ImportIssue {
  if (!ref) return { sheet: null, row: null, column: null, header: null, field: 'file', code, message };
  const field = ref.column ? `${ref.sheet}!${ref.column}${ref.row}` : `${ref.sheet}!${ref.row}`;
  return { sheet: ref.sheet, row: ref.row, column: ref.column, header: ref.header, field, code, message };
}

export function fileIssue(problem: FileProblem, locale: Locale): ImportIssue {
  const params: Params =
    problem.code === 'import.tooLarge' ? { limit: problem.limitMb } : problem.code === 'import.notXlsx' && problem.seems ? { seems: problem.seems } : {};
  return issueAt(null, problem.code, importMessage(problem.code, locale, params));
}

// Raw cells ----------------------------------------------------------------------------------

type Raw =
  | { t: 'empty' }
  | { t: 'string'; v: string }
  | { t: 'number'; v: number }
  | { t: 'date'; v: Date }
  | { t: 'bool'; v: boolean }
  | { t: 'formula'; f: string }
  | { t: 'error'; e: string };

function rawOf(cell: ExcelJS.Cell): Raw {
  if (cell.isMerged && cell.master.address !== cell.address) return { t: 'empty' };
  const v = cell.value;
  if (v === null || v === undefined) return { t: 'empty' };
  if (typeof v === 'string') return v.trim() === '' ? { t: 'empty' } : { t: 'string', v };
  if (typeof v === 'number') return { t: 'number', v };
  if (typeof v === 'boolean') return { t: 'bool', v };
  if (v instanceof Date) return { t: 'date', v };
  if ('formula' in v || 'sharedFormula' in v) {
    const f = ('formula' in v && v.formula) || ('sharedFormula' in v && (v.formula ?? v.sharedFormula)) || '';
    return { t: 'formula', f: String(f) };
  }
  if ('error' in v) return { t: 'error', e: String(v.error) };
  if ('richText' in v) {
    const text = v.richText.map((r) => r.text).join('');
    return text.trim() === '' ? { t: 'empty' } : { t: 'string', v: text };
  }
  if ('hyperlink' in v) {
    const t = v.text as unknown;
    const text =
      typeof t === 'string' ? t : t && typeof t === 'object' && 'richText' in t ? (t as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('') : '';
    const target = v.hyperlink.startsWith('mailto:') ? v.hyperlink.slice('mailto:'.length).split('?')[0]! : '';
    const value = text.trim() || target;
    return value === '' ? { t: 'empty' } : { t: 'string', v: value };
  }
  return { t: 'string', v: String(cell.text ?? '') };
}

/** The calendar day a date cell shows: Excel dates arrive as UTC midnight, give or take float error. */
function isoDay(d: Date): string {
  return new Date(Math.round(d.getTime() / 60_000) * 60_000).toISOString().slice(0, 10);
}

const shownNumber = (n: number) => String(n);
const shown = (raw: Raw): string =>
  raw.t === 'string' ? raw.v : raw.t === 'number' ? shownNumber(raw.v) : raw.t === 'date' ? isoDay(raw.v) : raw.t === 'bool' ? String(raw.v).toUpperCase() : '';

type Converted = { ok: true; value: CellValue } | { ok: false; code: ImportMessageCode; params?: Params };

const fail = (code: ImportMessageCode, params: Params = {}): Converted => ({ ok: false, code, params });

function notText(raw: Raw): Converted {
  return fail('cell.notText', { kind: raw.t === 'date' ? 'date' : raw.t === 'bool' ? 'boolean' : 'number', value: shown(raw) });
}

function text(raw: Raw, max: number): Converted {
  if (raw.t !== 'string') return notText(raw);
  const v = raw.v.trim();
  if (v.includes('\u0000')) return fail('cell.nul');
  return v.length > max ? fail('cell.tooLong', { max, length: v.length }) : { ok: true, value: v };
}

function deadlineFromParsed(value: Deadline): DeadlineValue {
  return { text: canonicalDeadline(value), due: lastDay(value), value };
}

function convert(raw: Raw, column: ColumnSpec, locale: Locale): Converted {
  switch (column.kind) {
    case 'text':
      return text(raw, column.maxLength ?? limits.longText);
    case 'code': {
      if (raw.t === 'number') return { ok: true, value: shownNumber(raw.v) };
      return text(raw, column.maxLength ?? 100);
    }
    case 'email': {
      const r = text(raw, column.maxLength ?? 320);
      if (!r.ok) return r;
      return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(r.value as string) ? r : fail('cell.email', { value: r.value as string });
    }
    case 'int': {
      let n: number;
      if (raw.t === 'number') n = raw.v;
      else if (raw.t === 'string' && /^\s*\d+\s*$/.test(raw.v)) n = Number(raw.v.trim());
      else return fail('cell.notInteger', { value: shown(raw) });
      if (!Number.isInteger(n)) return fail('cell.notInteger', { value: shown(raw) });
      if ((column.min !== undefined && n < column.min) || (column.max !== undefined && n > column.max))
        return fail('cell.outOfRange', { min: column.min ?? 0, max: column.max ?? 0 });
      return { ok: true, value: n };
    }
    case 'date': {
      if (raw.t === 'date') return { ok: true, value: isoDay(raw.v) };
      return fail('cell.notDate', { kind: raw.t === 'string' ? 'text' : 'number', value: shown(raw) });
    }
    case 'deadline': {
      if (raw.t === 'date') {
        const [y, m, d] = isoDay(raw.v).split('-').map(Number) as [number, number, number];
        const input = `${y}-${m}-${d}`;
        const parsed = parseDeadline(input);
        if (parsed.ok) return { ok: true, value: deadlineFromParsed(parsed.value) };
        return fail('deadline.invalid', { input });
      }
      if (raw.t === 'number') {
        if (Number.isInteger(raw.v) && raw.v >= 2000 && raw.v <= 2100) {
          return { ok: true, value: deadlineFromParsed({ precision: 'year', year: raw.v, part: null, day: null }) };
        }
        return fail('deadline.notNumber', { value: shown(raw) });
      }
      if (raw.t !== 'string') return notText(raw);
      if (raw.v.trim().length > limits.deadline) return fail('cell.tooLong', { max: limits.deadline, length: raw.v.trim().length });
      const parsed = parseDeadline(raw.v);
      if (!parsed.ok) return fail('deadline.invalid', { input: raw.v });
      return { ok: true, value: deadlineFromParsed(parsed.value) };
    }
    case 'choice': {
      const set = column.choices!;
      const options = choiceOptions(set, locale).join(', ');
      if (raw.t !== 'string') return fail('cell.choice', { value: shown(raw), options });
      const value = choiceValue(set, raw.v);
      return value ? { ok: true, value } : fail('cell.choice', { value: raw.v, options });
    }
    case 'bool': {
      if (raw.t === 'bool') return { ok: true, value: raw.v };
      if (raw.t === 'number' && (raw.v === 0 || raw.v === 1)) return { ok: true, value: raw.v === 1 };
      const value = raw.t === 'string' ? boolValue(raw.v) : null;
      return value === null ? fail('cell.yesNo', { value: shown(raw) }) : { ok: true, value };
    }
    case 'codes': {
      if (raw.t === 'number') return { ok: true, value: [shownNumber(raw.v)] };
      if (raw.t !== 'string') return notText(raw);
      if (isAllWord(raw.v)) return { ok: true, value: 'ALL' };
      const codes = [
        ...new Set(
          raw.v
            .split(/[,;\s]+/)
            .map((c) => c.trim())
            .filter(Boolean),
        ),
      ];
      return { ok: true, value: codes };
    }
    case 'numbers': {
      if (raw.t === 'number') return Number.isInteger(raw.v) && raw.v >= 1 ? { ok: true, value: [raw.v] } : fail('cell.notInteger', { value: shown(raw) });
      if (raw.t !== 'string') return fail('cell.notInteger', { value: shown(raw) });
      const parts = raw.v
        .split(/[,;\s]+/)
        .map((p) => p.trim())
        .filter(Boolean);
      const bad = parts.find((p) => !/^\d+$/.test(p) || Number(p) < 1 || Number(p) > 100);
      if (bad !== undefined) return fail('cell.notInteger', { value: bad });
      return { ok: true, value: [...new Set(parts.map(Number))] };
    }
  }
}

// Sheets --------------------------------------------------------------------------------------

interface HeaderColumn {
  spec: ColumnSpec;
  col: number;
  letter: string;
  header: string;
}

function readSheet(ws: ExcelJS.Worksheet, spec: SheetSpec, locale: Locale, issues: ImportIssue[]): ParsedSheet {
  const name = ws.name;
  const headerRow = ws.getRow(1);
  const found = new Map<string, HeaderColumn>();
  const votes: Record<Locale, number> = { da: 0, sv: 0, en: 0 };
  const lastColumn = Math.min(ws.columnCount, 200);
  for (let col = 1; col <= lastColumn; col++) {
    const raw = rawOf(headerRow.getCell(col));
    if (raw.t !== 'string') continue;
    const match = columnOfHeader(spec, raw.v);
    if (!match) continue;
    votes[match.locale]++;
    const letter = columnLetter(col);
    const earlier = found.get(match.column.key);
    if (earlier) {
      issues.push(
        issueAt(
          { sheet: name, row: 1, column: letter, header: raw.v.trim() },
          'import.columnDuplicate',
          importMessage('import.columnDuplicate', locale, { header: raw.v.trim(), other: earlier.letter }),
        ),
      );
      continue;
    }
    found.set(match.column.key, { spec: match.column, col, letter, header: raw.v.trim() });
  }
  const sheetLocale = (['da', 'sv', 'en'] as const).reduce((best, l) => (votes[l] > votes[best] ? l : best), 'da' as Locale);
  // A column the file lacks is named as the template would, in the language of the sheet's other headers.
  const templateHeader = (c: ColumnSpec) => columnText(spec, c, 'header', sheetLocale);
  const headerOf = (c: ColumnSpec) => found.get(c.key)?.header ?? templateHeader(c);
  for (const c of spec.columns) {
    if (c.required === 'always' && !found.has(c.key)) {
      issues.push(
        issueAt(
          { sheet: name, row: 1, column: null, header: templateHeader(c) },
          'import.columnMissing',
          importMessage('import.columnMissing', locale, { header: templateHeader(c) }),
        ),
      );
    }
  }
  const parsed: ParsedSheet = { spec, name, locale: sheetLocale, rows: [] };
  const lastRow = ws.actualRowCount > 0 ? ws.rowCount : 0;
  if (lastRow - 1 > MAX_ROWS_PER_SHEET) {
    issues.push(
      issueAt(
        { sheet: name, row: MAX_ROWS_PER_SHEET + 2, column: null, header: '' },
        'import.tooManyRows',
        importMessage('import.tooManyRows', locale, { rows: lastRow - 1, limit: MAX_ROWS_PER_SHEET }),
      ),
    );
    return parsed;
  }
  const columns = [...found.values()];
  for (let r = 2; r <= lastRow; r++) {
    const row = ws.getRow(r);
    if (!row.hasValues) continue;
    const raws = columns.map((c) => ({ c, raw: rawOf(row.getCell(c.col)) }));
    if (raws.every(({ raw }) => raw.t === 'empty')) continue;
    const values = new Map<string, CellValue>();
    const invalid = new Set<string>();
    const refOf = (key: string): CellRef => {
      const h = found.get(key);
      const c = spec.columns.find((x) => x.key === key)!;
      return { sheet: name, row: r, column: h?.letter ?? null, header: h?.header ?? headerOf(c) };
    };
    for (const { c, raw } of raws) {
      if (raw.t === 'empty') continue;
      const ref = refOf(c.spec.key);
      if (raw.t === 'formula') {
        issues.push(issueAt(ref, 'cell.formula', importMessage('cell.formula', locale, { formula: raw.f })));
        invalid.add(c.spec.key);
        continue;
      }
      if (raw.t === 'error') {
        issues.push(issueAt(ref, 'cell.excelError', importMessage('cell.excelError', locale, { error: raw.e })));
        invalid.add(c.spec.key);
        continue;
      }
      const converted = convert(raw, c.spec, locale);
      if (converted.ok) values.set(c.spec.key, converted.value);
      else {
        const message = importMessage(converted.code, locale, converted.params);
        issues.push(issueAt(ref, converted.code, message));
        invalid.add(c.spec.key);
      }
    }
    parsed.rows.push({ sheet: spec.key, sheetName: name, row: r, values, invalid, ref: refOf });
  }
  return parsed;
}

/**
 * Reads an upload: every problem it has (file, sheet, row, cell) as issues in the reader's
 * language, and the rows of the sheets it recognises. A workbook over the zip guard's limits (or
 * with XML declarations) throws WorkbookRefused instead.
 */
export async function parseWorkbook(bytes: Buffer, locale: Locale, maxBytes = MAX_IMPORT_BYTES): Promise<ParsedWorkbook> {
  const problem = checkFile(bytes, maxBytes);
  if (problem) return { sheets: {}, issues: [fileIssue(problem, locale)] };
  let wb: ExcelJS.Workbook;
  try {
    wb = await loadCheckedWorkbook(bytes);
  } catch (err) {
    // A broken limit is the route's 413/422; a file that simply cannot be read is an issue like the others.
    if (err instanceof WorkbookRefused && err.code !== 'xlsx.damaged') throw err;
    return { sheets: {}, issues: [fileIssue({ code: 'import.damaged' }, locale)] };
  }
  const issues: ImportIssue[] = [];
  const result: ParsedWorkbook = { sheets: {}, issues };
  for (const ws of wb.worksheets) {
    const spec = sheetOfName(ws.name);
    if (!spec || result.sheets[spec.key]) continue;
    if (ws.actualRowCount === 0) continue;
    result.sheets[spec.key] = readSheet(ws, spec, locale, issues);
  }
  if (!Object.keys(result.sheets).length) {
    issues.push(issueAt(null, 'import.noSheets', importMessage('import.noSheets', locale, { expected: sheets.map((s) => sheetName(s, locale)).join(', ') })));
  }
  return result;
}
