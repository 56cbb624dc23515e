import ExcelJS from 'exceljs';
import { loadCheckedWorkbook, WorkbookRefused } from '../../xlsx/safe-workbook.js';
import { checkFile } from '../imports/file.js';

/**
 * An uploaded balance file (CSV or XLSX) read into one table of cells: the header row and the
 * data rows with their line (CSV) or row (XLSX) numbers. Nothing is interpreted here beyond the
 * cell's kind, so the validation names every problem by row and column the same way for both.
 */

export type Cell = { kind: 'empty' } | { kind: 'text'; value: string } | { kind: 'number'; value: number } | { kind: 'date'; value: string };

export interface Table {
  format: 'csv' | 'xlsx';
  headers: string[];
  rows: { row: number; cells: Cell[] }[];
}

export type TableProblem = 'file.nul' | 'file.empty' | 'file.notUtf8' | 'file.unclosedQuote' | 'file.notSpreadsheet' | 'file.noHeader' | 'file.tooManyRows';

export class TableError extends Error {
  constructor(readonly code: TableProblem) {
    super(code);
  }
}

export const MAX_ROWS = 20_000;

const EMPTY: Cell = { kind: 'empty' };
const text = (s: string): Cell => {
  // PostgreSQL cannot store U+0000: the file is refused, saying so, instead of failing in the database
  if (s.includes('\u0000')) throw new TableError('file.nul');
  return s.trim() === '' ? EMPTY : { kind: 'text', value: s.trim() };
};

/** RFC 4180 records: quoted fields with "" escapes and line breaks inside; CRLF or LF between records. */
export function parseCsv(source: string, delimiter: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let fieldStarted = false;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '' && !fieldStarted)) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    fieldStarted = false;
  };
  while (i < source.length) {
    const c = source[i]!;
    if (quoted) {
      if (c === '"') {
        if (source[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (c === '\n') line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      fieldStarted = true;
      i++;
      continue;
    }
    if (c === delimiter) {
      fields.push(field);
      field = '';
      fieldStarted = true;
      i++;
      continue;
    }
    if (c === '\r' && source[i + 1] === '\n') i++;
    if (c === '\n' || c === '\r') {
      endRecord();
      line++;
      recordLine = line;
      i++;
      continue;
    }
    field += c;
    fieldStarted = true;
    i++;
  }
  if (quoted) throw new TableError('file.unclosedQuote');
  if (field !== '' || fields.length || fieldStarted) endRecord();
  return records;
}

/** The delimiter of the header line: `;` (Danish Excel), tab, or `,`. */
function delimiterOf(firstLine: string): string {
  if (firstLine.includes(';')) return ';';
  if (firstLine.includes('\t')) return '\t';
  return ',';
}

function readCsv(bytes: Buffer): Table {
  let source: string;
  try {
    source = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new TableError('file.notUtf8');
  }
  if (source.charCodeAt(0) === 0xfeff) source = source.slice(1);
  if (source.includes('\u0000')) {
    // Other control characters too: a binary file, not text; otherwise a text file with U+0000 in a cell
    // eslint-disable-next-line no-control-regex -- control characters are what this looks for
    throw new TableError(/[\u0001-\u0008\u000e-\u001f]/.test(source) ? 'file.notSpreadsheet' : 'file.nul');
  }
  const records = parseCsv(source, delimiterOf(source.split(/\r?\n/, 1)[0] ?? ''));
  const [head, ...rest] = records;
  if (!head || head.fields.every((f) => f.trim() === '')) throw new TableError('file.noHeader');
  if (rest.length > MAX_ROWS) throw new TableError('file.tooManyRows');
  return {
    format: 'csv',
    headers: head.fields.map((f) => f.trim()),
    rows: rest.filter((r) => r.fields.some((f) => f.trim() !== '')).map((r) => ({ row: r.line, cells: r.fields.map(text) })),
  };
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

function cellOf(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'number', value } : EMPTY;
  if (typeof value === 'string') return text(value);
  if (typeof value === 'boolean') return text(value ? 'TRUE' : 'FALSE');
  if (value instanceof Date) return { kind: 'date', value: isoDay(value) };
  if (typeof value === 'object') {
    if ('richText' in value) return text(value.richText.map((r) => r.text).join(''));
    if ('result' in value) return cellOf((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in value) return text(String((value as { text: unknown }).text));
  }
  return EMPTY;
}

async function readXlsx(bytes: Buffer): Promise<Table> {
  if (checkFile(bytes)) throw new TableError('file.notSpreadsheet');
  let wb: ExcelJS.Workbook;
  try {
    wb = await loadCheckedWorkbook(bytes);
  } catch (err) {
    // A broken limit is the route's 413/422; an unreadable file is an issue like the others.
    if (err instanceof WorkbookRefused && err.code !== 'xlsx.damaged') throw err;
    throw new TableError('file.notSpreadsheet');
  }
  const sheet = wb.worksheets[0];
  if (!sheet || sheet.rowCount === 0) throw new TableError('file.noHeader');
  if (sheet.rowCount > MAX_ROWS + 1) throw new TableError('file.tooManyRows');
  const width = sheet.columnCount;
  const row = (n: number) => Array.from({ length: width }, (_, c) => cellOf(sheet.getRow(n).getCell(c + 1).value));
  const headers = row(1).map((c) => (c.kind === 'empty' ? '' : String(c.value)));
  if (headers.every((h) => h === '')) throw new TableError('file.noHeader');
  const rows: Table['rows'] = [];
  for (let n = 2; n <= sheet.rowCount; n++) {
    const cells = row(n);
    if (cells.some((c) => c.kind !== 'empty')) rows.push({ row: n, cells });
  }
  return { format: 'xlsx', headers, rows };
}

/** CSV or XLSX, from the bytes (an .xlsx is a ZIP archive); an .xlsx over the zip guard's limits throws WorkbookRefused. */
export async function readTable(bytes: Buffer): Promise<Table> {
  if (bytes.length === 0) throw new TableError('file.empty');
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return readXlsx(bytes);
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf) throw new TableError('file.notSpreadsheet');
  return readCsv(bytes);
}

export function columnLetter(n: number): string {
  let s = '';
  for (let x = n + 1; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
