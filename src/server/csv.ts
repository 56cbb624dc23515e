/**
 * The one way we write a CSV cell (audit export, findings export, the matching run's results files).
 * A text cell starting with = + - @, a tab or a CR is what a spreadsheet runs as a formula; it gets a
 * leading apostrophe, as OWASP advises. A cell that is a number (a negative amount, a Danish decimal
 * "-1.234,50", a phone number "+45 …") stays as it is, so the figures still add up in the sheet.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
/** Digits with the separators amounts are written with; a sign in front at most. */
const NUMBER = /^[+-]?\d[\d.,\u00a0 ]*$/;

/** Whether a text would be run as a formula by a spreadsheet. */
export function isFormulaLike(text: string): boolean {
  return FORMULA_START.test(text) && !NUMBER.test(text);
}

/** The byte a formula can start with (for the results files' byte-level copy of a record). */
export function mayStartFormula(byte: number | undefined): boolean {
  return byte === 0x3d || byte === 0x2b || byte === 0x2d || byte === 0x40 || byte === 0x09 || byte === 0x0d;
}

/** The text defused: an apostrophe in front of a formula, the rest unchanged. */
export function defuseFormula(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}

/** One CSV cell: defused, then quoted when it holds the delimiter, a quote or a line break. */
export function csvCell(value: unknown, delimiter: string): string {
  const raw =
    value === null || value === undefined ? '' : typeof value === 'string' ? value : typeof value === 'number' ? String(value) : JSON.stringify(value);
  const text = defuseFormula(raw);
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
