/**
 * What every sheet of the Excel documents shares: one table per sheet with a bold header row that
 * is frozen, filtered and repeated on printed pages; typed cells (numbers as numbers, dates as
 * real dates with the locale's format); the print header and footer (municipality, date, page
 * "Side 1 af 3", edition and, in the internal edition, the confidential mark).
 */
import ExcelJS from 'exceljs';
import { excelDateFormat, fill, formatDate, isoToDate, languageTag } from '../format.js';
import type { DocumentMeta } from '../model.js';

export type CellKind = 'text' | 'wrap' | 'int' | 'days' | 'date';
export type CellValue = string | number | null | undefined;

export interface Column<T> {
  header: string;
  /** The cell type of the column, or per row (a key/value table). */
  kind: CellKind | ((row: T) => CellKind);
  /** Width in characters. */
  width: number;
  /** Text, a number, or (kind 'date') an ISO date; null leaves the cell empty. */
  value: (row: T) => CellValue;
}

export interface TableOptions<T> {
  /** A row to emphasise (a delayed measure, a confidential finding): light fill on the whole row. */
  highlight?: (row: T) => string | null;
  /** Per-cell fill (e.g. the grade's colour), by column index. */
  cellFill?: (row: T, column: number) => string | null;
}

export const FILLS = {
  header: 'FFD9E1F2',
  delayed: 'FFFCE4D6',
  completed: 'FFE2EFDA',
  confidential: 'FFF2DCDB',
  red: 'FFF4B6B6',
  yellow: 'FFFFE699',
  green: 'FFC6E0B4',
} as const;

/** exceljs's default font; a font without a name would make LibreOffice fall back to a serif. */
const FONT = { name: 'Calibri', family: 2, size: 11 } as const;
export const BOLD: Partial<ExcelJS.Font> = { ...FONT, bold: true };

const INTEGER_FORMAT = '0';
const DAYS_FORMAT = '#,##0';

export function newWorkbook(meta: DocumentMeta, subject: string): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const made = isoToDate(meta.generatedOn);
  wb.creator = 'Tilsyn';
  wb.lastModifiedBy = 'Tilsyn';
  wb.created = made;
  wb.modified = made;
  wb.title = meta.title;
  wb.subject = subject;
  wb.company = meta.municipality;
  wb.description = meta.edition === 'internal' ? meta.labels.editionInternal : meta.labels.editionPublic;
  // exceljs writes `dc:language` into docProps/core.xml, though its typings leave the field out.
  (wb as unknown as { language: string }).language = languageTag[meta.locale];
  return wb;
}

/** Excel's sheet names: at most 31 characters, none of []:*?/\ and unique in the workbook. */
export function sheetName(wb: ExcelJS.Workbook, wanted: string): string {
  const base =
    wanted
      .replace(/[[\]:*?/\\]/g, ' ')
      .trim()
      .slice(0, 31) || 'Sheet';
  let name = base;
  for (let i = 2; wb.worksheets.some((w) => w.name.toLowerCase() === name.toLowerCase()); i++) name = `${base.slice(0, 28)} ${i}`;
  return name;
}

/** `&` starts a code in Excel's header and footer strings; a literal one is doubled. */
const hf = (text: string) => text.replace(/&/g, '&&');

export interface SheetOptions {
  /** Mark the sheet as confidential in its print header (internal edition with confidential findings). */
  confidential: boolean;
  /** Wide tables print on A3. */
  wide?: boolean;
}

export function addSheet(wb: ExcelJS.Workbook, meta: DocumentMeta, name: string, opts: SheetOptions): ExcelJS.Worksheet {
  const { labels } = meta;
  const ws = wb.addWorksheet(sheetName(wb, name), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
    pageSetup: {
      // OOXML paper sizes: 8 = A3, 9 = A4 (exceljs's PaperSize enum lacks A3).
      paperSize: (opts.wide ? 8 : 9) as ExcelJS.PaperSize,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
      margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    },
  });
  const edition = meta.edition === 'internal' ? labels.editionInternal : labels.editionPublic;
  // The mark stands above the edition on the right, so a long title on the left cannot run into it.
  const mark = opts.confidential ? `&"-,Bold"${hf(labels.confidentialMark)}&"-,Regular"\n` : '';
  // Excel allows 255 characters for each header and footer string.
  const title = meta.title.length > 90 ? `${meta.title.slice(0, 89)}…` : meta.title;
  ws.headerFooter.oddHeader = `&L${hf(title)}&R${mark}${hf(edition)}`;
  ws.headerFooter.oddFooter = `&L${hf(fill(labels.footer, { municipality: meta.municipality, date: formatDate(meta.generatedOn, meta.locale) }))}&R${fill(hf(labels.page), { page: '&P', pages: '&N' })}`;
  return ws;
}

export function setCell(cell: ExcelJS.Cell, kind: CellKind, value: CellValue, meta: DocumentMeta): void {
  if (value === null || value === undefined || value === '') return;
  if (kind === 'date') {
    if (typeof value !== 'string') throw new Error(`a date cell needs an ISO date, got ${String(value)}`);
    cell.value = isoToDate(value);
    cell.numFmt = excelDateFormat(meta.locale);
    return;
  }
  if (kind === 'int' || kind === 'days') {
    if (typeof value !== 'number') throw new Error(`a number cell needs a number, got ${String(value)}`);
    cell.value = value;
    cell.numFmt = kind === 'int' ? INTEGER_FORMAT : DAYS_FORMAT;
    return;
  }
  cell.value = String(value);
}

const LINE_HEIGHT = 15;

/**
 * How many lines a text takes when wrapped in a column `width` characters wide (greedy, by words;
 * a little pessimistic, since proportional letters are on average narrower than the width unit).
 */
export function wrappedLines(text: string, width: number): number {
  const capacity = Math.max(4, Math.floor(width * 1.1) - 1);
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let line = 0;
    lines++;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const w = word.length;
      if (line === 0) line = w;
      else if (line + 1 + w <= capacity) line += 1 + w;
      else {
        lines++;
        line = w;
      }
      while (line > capacity) {
        lines++;
        line -= capacity;
      }
    }
  }
  return lines;
}

/**
 * Row heights for wrapped text. Excel fits rows without a stored height when it opens a file, but
 * LibreOffice does not (its rows stay one line high and the text overflows), so the height is
 * estimated and stored.
 */
function fitRow(row: ExcelJS.Row, widths: number[]): void {
  let lines = 1;
  row.eachCell((cell, col) => {
    if (typeof cell.value === 'string' && cell.alignment?.wrapText) lines = Math.max(lines, wrappedLines(cell.value, widths[col - 1] ?? 10));
  });
  if (lines > 1) row.height = lines * LINE_HEIGHT;
}

/**
 * Writes one table from the sheet's first row: header, one row per item; then the autofilter over
 * it. Returns the last row used.
 */
export function writeTable<T>(ws: ExcelJS.Worksheet, meta: DocumentMeta, columns: Column<T>[], rows: readonly T[], opts: TableOptions<T> = {}): number {
  const widths = columns.map((c) => (c.kind === 'date' && meta.locale === 'en' ? Math.max(c.width, 18) : c.width));
  ws.columns = widths.map((width) => ({ width }));
  const kindOf = (c: Column<T>, item: T): CellKind => (typeof c.kind === 'function' ? c.kind(item) : c.kind);
  const header = ws.getRow(1);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = BOLD;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILLS.header } };
    cell.alignment = { vertical: 'top', wrapText: true };
    cell.border = { bottom: { style: 'thin' } };
  });
  fitRow(header, widths);
  rows.forEach((item, r) => {
    const row = ws.getRow(r + 2);
    const rowFill = opts.highlight?.(item) ?? null;
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      const kind = kindOf(c, item);
      setCell(cell, kind, c.value(item), meta);
      cell.alignment = {
        vertical: 'top',
        wrapText: kind === 'wrap' || kind === 'text',
        ...(typeof c.kind === 'function' ? { horizontal: 'left' } : kind === 'int' || kind === 'days' || kind === 'date' ? { horizontal: 'right' } : {}),
      };
      const own = opts.cellFill?.(item, i) ?? rowFill;
      if (own) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: own } };
    });
    fitRow(row, widths);
  });
  const last = rows.length + 1;
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: last, column: columns.length } };
  return last;
}

/** A line of text below a table (outside its filter), e.g. the omitted-confidential notice. */
export function noteBelow(ws: ExcelJS.Worksheet, row: number, text: string, bold = false): void {
  const cell = ws.getRow(row).getCell(1);
  cell.value = text;
  cell.font = { ...FONT, italic: !bold, bold };
  cell.alignment = { vertical: 'top', wrapText: false };
}

export async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}
