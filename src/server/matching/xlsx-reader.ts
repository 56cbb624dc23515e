/**
 * One side from an .xlsx workbook, streamed with exceljs's WorkbookReader (rows are parsed as the
 * zip is inflated; the workbook is never built in memory). Produces the same SideRead as the CSV
 * reader; `offset` holds the sheet row number, and readXlsxRows streams the workbook again to fetch
 * the cell texts of the few rows that stay unmatched (XLSX is capped at 1,048,576 rows, so the
 * second pass is bounded; keeping every row's texts instead would hold CPR numbers for all rows).
 */
import fs from 'node:fs';
import unzipper from 'unzipper';
import ExcelJS from 'exceljs';
import { hashOut } from '../../domain/matching/hash.js';
import { NO_DAY, type KeyField } from '../../domain/matching/types.js';
import { BAD_DAY, parseAmount, parseDay } from './bytes.js';
import { allocColumns, checkKeyColumns, duplicateKeys, mapHeader, resizeColumns, type ReadOptions, type SideRead } from './csv-reader.js';
import { SourceError, abortError, safeValue, type SourceWarning } from './errors.js';
import { hashKeyStrings } from './key-bytes.js';
import type { SourceConfig } from './source-config.js';

type CellValue = ExcelJS.CellValue;

/** The text of a cell as a user sees it (dates as ISO yyyy-mm-dd). */
export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return cellText((v as { result?: CellValue }).result as CellValue);
    if ('text' in v) return cellText((v as { text: CellValue }).text);
    if ('error' in v) return String((v as { error: unknown }).error);
  }
  return String(v);
}

function cellValue(v: CellValue | undefined): CellValue | undefined {
  if (v && typeof v === 'object' && !(v instanceof Date) && ('formula' in v || 'sharedFormula' in v)) {
    return (v as { result?: CellValue }).result as CellValue;
  }
  return v;
}

const enc = new TextEncoder();

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s(?:\\w+:)?${name}="([^"]*)"`).exec(tag);
  return m ? m[1]!.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => XML_ENTITIES[e]!) : undefined;
};

/**
 * The workbook's sheets (name, id, relationship) read through the zip's central directory.
 * exceljs's streaming reader names sheets from xl/workbook.xml, which some writers (exceljs itself)
 * store last, and its single streaming pass does not reliably deliver the last entry
 * (exceljs#3064: "Cannot read properties of undefined (reading 'sheets')", about one read in five
 * under load here). Handing it the sheets first makes every read name its sheets.
 */
async function workbookSheets(path: string): Promise<{ id: number; name: string; rId: string; state: string }[]> {
  let xml: string;
  try {
    const dir = await unzipper.Open.file(path);
    const entry = dir.files.find((f) => f.path === 'xl/workbook.xml');
    if (!entry) throw new Error('no xl/workbook.xml');
    xml = (await entry.buffer()).toString('utf8');
  } catch (e) {
    throw new SourceError('bad_xlsx', 0, `the file could not be read as an .xlsx workbook (${(e as Error).message})`);
  }
  const sheets: { id: number; name: string; rId: string; state: string }[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?sheet\s[^>]*>/g)) {
    const tag = m[0];
    sheets.push({
      id: Number(attr(tag, 'sheetId') ?? sheets.length + 1),
      name: attr(tag, 'name') ?? '',
      rId: attr(tag, 'id') ?? '',
      state: attr(tag, 'state') ?? 'visible',
    });
  }
  return sheets;
}

async function* sheetRows(path: string, config: SourceConfig): AsyncGenerator<ExcelJS.Row> {
  const sheets = await workbookSheets(path);
  const wb = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // needed to tell date cells from numbers
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  (wb as unknown as { model: { sheets: typeof sheets } }).model = { sheets };
  const names: string[] = [];
  let found = false;
  try {
    for await (const ws of wb) {
      const name = (ws as unknown as { name: string }).name;
      names.push(name);
      if (found || (config.sheet !== undefined && name.trim().toLowerCase() !== config.sheet.trim().toLowerCase())) {
        // drain a sheet we do not want (the reader requires it)
        for await (const _ of ws) void _;
        continue;
      }
      found = true;
      for await (const row of ws) yield row as ExcelJS.Row;
    }
  } catch (e) {
    if (e instanceof SourceError) throw e;
    throw new SourceError('bad_xlsx', 0, `the file could not be read as an .xlsx workbook (${(e as Error).message})`);
  }
  if (!found) {
    if (config.sheet !== undefined) {
      throw new SourceError('sheet_not_found', 0, `the workbook has no sheet "${config.sheet}"; its sheets are: ${names.map((n) => `"${n}"`).join(', ')}`);
    }
    throw new SourceError('empty_file', 0, 'the workbook has no sheets');
  }
}

function rowCells(row: ExcelJS.Row): CellValue[] {
  const v = row.values as CellValue[]; // 1-based
  return Array.isArray(v) ? v.slice(1) : [];
}

function isEmptyRow(cells: CellValue[]): boolean {
  return cells.every((c) => cellText(c).trim() === '');
}

let scratch = new Uint8Array(256);
function bytesOf(s: string): number {
  if (scratch.length < s.length * 3) scratch = new Uint8Array(s.length * 3);
  return enc.encodeInto(s, scratch).written;
}

export async function readXlsx(path: string, config: SourceConfig, opts: ReadOptions): Promise<SideRead> {
  checkKeyColumns(config, opts.keyFields, opts.groupFields);
  const decimal = config.decimal.charCodeAt(0);
  const thousands = config.decimal === ',' ? 0x2e : 0x2c;
  let cap = 4096;
  let { columns: cols, offset } = allocColumns(cap);
  let n = 0;
  let header: string[] | null = null;
  let columnIndex: SideRead['columnIndex'] | null = null;
  const cprIsKey = (fs: readonly KeyField[]) => fs.map((f) => f === 'cpr');
  const keyCpr = cprIsKey(opts.keyFields);
  const groupCpr = cprIsKey(opts.groupFields);
  const sameGroup = opts.keyFields.join() === opts.groupFields.join();
  let rowsSeen = 0;
  for await (const row of sheetRows(path, config)) {
    if ((++rowsSeen & 1023) === 0) {
      if (opts.signal?.aborted) throw abortError();
      opts.onProgress?.(rowsSeen, undefined);
    }
    const cells = rowCells(row);
    const line = row.number;
    if (header === null) {
      if (isEmptyRow(cells)) continue;
      header = cells.map((c) => cellText(c));
      columnIndex = mapHeader(header, config, line);
      continue;
    }
    const ci = columnIndex!;
    if (isEmptyRow(cells)) continue;
    if (n === cap) {
      cap = Math.ceil(cap * 1.5);
      cols.n = n;
      ({ columns: cols, offset } = resizeColumns(cols, offset, cap));
    }
    // amount
    const av = cellValue(cells[ci.amount]);
    let a: number;
    if (typeof av === 'number') {
      a = Math.round(av * 100);
      if (Math.abs(av * 100 - a) > 1e-6 || !Number.isFinite(a)) a = Number.NaN;
    } else {
      const t = cellText(av);
      a = parseAmount(scratch, 0, bytesOf(t), decimal, thousands);
    }
    if (Number.isNaN(a)) {
      const t = cellText(av).trim();
      throw new SourceError(
        'bad_amount',
        line,
        t === '' ? `row ${line}: the amount is empty` : `row ${line}: the amount "${safeValue(t)}" is not a number with at most 2 decimals`,
        ci.amount + 1,
      );
    }
    if (config.negate && a !== 0) a = -a;
    // date
    let d = NO_DAY;
    if (ci.date >= 0) {
      const dv = cellValue(cells[ci.date]);
      if (dv instanceof Date) d = Math.floor(dv.getTime() / 86400000);
      else if (typeof dv === 'number')
        d = Number.isInteger(dv) && dv > 0 && dv < 120000 ? dv - 25569 : BAD_DAY; // Excel serial
      else {
        const t = cellText(dv);
        d = parseDay(scratch, 0, bytesOf(t), config.dateFormat);
      }
      if (d === BAD_DAY) {
        throw new SourceError(
          'bad_date',
          line,
          `row ${line}: the date "${safeValue(cellText(dv).trim())}" is not a valid date in the format ${config.dateFormat}`,
          ci.date + 1,
        );
      }
    }
    const text = (f: KeyField) => cellText(cellValue(cells[ci[f]]));
    hashKeyStrings(opts.keyFields.map(text), keyCpr, opts.hashKey.seedHi, opts.hashKey.seedLo);
    cols.keyHi[n] = hashOut[0]!;
    cols.keyLo[n] = hashOut[1]!;
    if (!sameGroup) hashKeyStrings(opts.groupFields.map(text), groupCpr, opts.hashKey.seedHi, opts.hashKey.seedLo);
    cols.groupHi[n] = hashOut[0]!;
    cols.groupLo[n] = hashOut[1]!;
    cols.amount[n] = a;
    cols.day[n] = d;
    cols.line[n] = line;
    offset[n] = line;
    n++;
  }
  if (header === null || columnIndex === null) throw new SourceError('empty_file', 1, 'the sheet is empty');
  cols.n = n;
  if (cap > n * 1.25 + 1024) ({ columns: cols, offset } = resizeColumns(cols, offset, n));
  const warnings: SourceWarning[] = [];
  if (n === 0) warnings.push({ code: 'no_rows', message: 'the sheet has a header but no rows', count: 0, lines: [] });
  const dup = duplicateKeys(cols);
  if (dup) warnings.push(dup);
  return { columns: cols, offset, header, columnIndex, warnings, bytes: fs.statSync(path).size, headerStart: 0, headerEnd: 0, encoding: 'utf-8' };
}

/** The cell texts of the given sheet rows (by row number), streaming the workbook once more. */
export async function readXlsxRows(path: string, config: SourceConfig, rows: ReadonlySet<number>): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (rows.size === 0) return out;
  let max = 0;
  for (const r of rows) max = Math.max(max, r);
  for await (const row of sheetRows(path, config)) {
    if (rows.has(row.number))
      out.set(
        row.number,
        rowCells(row).map((c) => cellText(c)),
      );
    if (row.number >= max) break;
  }
  return out;
}
