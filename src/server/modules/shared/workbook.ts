import type ExcelJS from 'exceljs';

/**
 * The furniture every import template shares (the findings import and the balance imports): an
 * instructions sheet with a title, paragraphs and column tables, and data sheets whose header row
 * is frozen, filtered, coloured by whether a column is required and annotated with its help.
 */

export const HEADER_FILL = 'FFDCE6F1';
export const REQUIRED_FILL = 'FFFCE4D6';

export const cellFill = (rgb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb: rgb } });

const WRAP: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };

/** The title and the introductory paragraphs, each merged across `width` columns. */
export function addGuideIntro(guide: ExcelJS.Worksheet, title: string, paragraphs: string[], width: number): void {
  const head = guide.addRow([title]);
  head.font = { bold: true, size: 14 };
  for (const p of paragraphs) {
    const row = guide.addRow([p]);
    guide.mergeCells(row.number, 1, row.number, width);
    row.alignment = WRAP;
    row.height = 48;
  }
}

/** A heading (merged across `width` columns when given), a coloured header row and wrapped rows. */
export function addGuideTable(guide: ExcelJS.Worksheet, heading: string, headers: string[], rows: (string | number)[][], width?: number): void {
  guide.addRow([]);
  const h = guide.addRow([heading]);
  h.font = { bold: true, size: 12 };
  if (width) guide.mergeCells(h.number, 1, h.number, width);
  const head = guide.addRow(headers);
  head.font = { bold: true };
  head.eachCell((cell) => (cell.fill = cellFill(HEADER_FILL)));
  for (const r of rows) guide.addRow(r).alignment = WRAP;
}

/** The data sheet's header row: frozen (set on the sheet), bold, coloured, annotated, filtered. */
export function styleDataHeader(ws: ExcelJS.Worksheet, columns: { header: string; key: string; width: number; required: boolean; note: string }[]): void {
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = WRAP;
  header.height = 32;
  columns.forEach((c, j) => {
    const cell = header.getCell(j + 1);
    cell.fill = cellFill(c.required ? REQUIRED_FILL : HEADER_FILL);
    cell.note = c.note;
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
}
