/**
 * Parsing straight from bytes: amounts to integer øre and dates to day numbers without making a
 * string per row (a string per field is what makes naive CSV readers 5-10× slower).
 */
import { civil, civilFromDays, daysFromCivil } from '../../domain/matching/days.js';
import { NO_DAY } from '../../domain/matching/types.js';

/** Returned by parseAmount for a value that is not an amount. */
export const BAD_AMOUNT = Number.NaN;
/** Returned by parseDay for a value that is not a date (NO_DAY is a legal empty date). */
export const BAD_DAY = 2147483647;

const SP = 0x20;
const TAB = 0x09;
const ZERO = 0x30;
const NINE = 0x39;
const MINUS = 0x2d;
const PLUS = 0x2b;

function isSpace(c: number): boolean {
  return c === SP || c === TAB || c === 0xa0;
}

/**
 * Amount in øre from bytes [s, e). Accepts a leading or trailing minus, a leading plus, the
 * configured decimal separator with at most two decimals (more only when they are zeros), and the
 * other separator as a thousands separator in groups of three (so "1,5" with decimal '.' is an
 * error, not 15 kroner). Returns NaN when the bytes are not such a number.
 */
export function parseAmount(b: Uint8Array, s: number, e: number, decimal: number, thousands: number): number {
  while (s < e && isSpace(b[s]!)) s++;
  while (e > s && isSpace(b[e - 1]!)) e--;
  if (s >= e) return BAD_AMOUNT;
  let neg = false;
  let c = b[s]!;
  if (c === MINUS) {
    neg = true;
    s++;
  } else if (c === PLUS) s++;
  else if (b[e - 1] === MINUS) {
    neg = true;
    e--;
  }
  while (s < e && b[s] === SP) s++;
  if (s >= e) return BAD_AMOUNT;
  let v = 0;
  let digits = 0; // digits in the integer part
  let sinceSep = -1; // digits since the last thousands separator, -1 = none seen
  let i = s;
  for (; i < e; i++) {
    c = b[i]!;
    if (c >= ZERO && c <= NINE) {
      v = v * 10 + (c - ZERO);
      digits++;
      if (sinceSep >= 0) sinceSep++;
    } else if (c === thousands) {
      if (digits === 0) return BAD_AMOUNT;
      if (sinceSep < 0 ? digits > 3 : sinceSep !== 3) return BAD_AMOUNT;
      sinceSep = 0;
    } else if (c === decimal) break;
    else return BAD_AMOUNT;
  }
  if (digits === 0 || (sinceSep >= 0 && sinceSep !== 3)) return BAD_AMOUNT;
  v *= 100;
  if (i < e) {
    // decimals
    i++;
    let k = 0;
    for (; i < e; i++, k++) {
      c = b[i]!;
      if (c < ZERO || c > NINE) return BAD_AMOUNT;
      if (k === 0) v += (c - ZERO) * 10;
      else if (k === 1) v += c - ZERO;
      else if (c !== ZERO) return BAD_AMOUNT;
    }
    if (k === 0) return BAD_AMOUNT;
  }
  if (v > 9007199254740991) return BAD_AMOUNT;
  return neg && v !== 0 ? -v : v;
}

export { daysFromCivil };

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

export type DateFormat = 'dd-mm-yyyy' | 'dd.mm.yyyy' | 'dd/mm/yyyy' | 'yyyy-mm-dd' | 'yyyymmdd';

/** Reads 1..max digits from position *p; returns the number or -1. Uses the module cursor. */
let cur = 0;
function digitsAt(b: Uint8Array, e: number, min: number, max: number): number {
  let v = 0;
  let k = 0;
  while (cur < e && k < max) {
    const c = b[cur]!;
    if (c < ZERO || c > NINE) break;
    v = v * 10 + (c - ZERO);
    cur++;
    k++;
  }
  return k < min ? -1 : v;
}

/**
 * Day number from bytes [s, e) in the given format. Empty → NO_DAY. Day and month may have one
 * digit in the day-first formats (spreadsheet exports drop the zero); a time after the date
 * (" 00:00:00", "T12:00") is ignored. Not a valid calendar date → BAD_DAY.
 */
export function parseDay(b: Uint8Array, s: number, e: number, format: DateFormat): number {
  // Fast path: the usual fixed-width day-first date (dd-mm-yyyy etc.).
  if (e - s === 10 && format.charCodeAt(0) === 0x64 /* d */) {
    const sep = format.charCodeAt(2);
    if (b[s + 2] === sep && b[s + 5] === sep) {
      const d = (b[s]! - ZERO) * 10 + (b[s + 1]! - ZERO);
      const m = (b[s + 3]! - ZERO) * 10 + (b[s + 4]! - ZERO);
      const y = (b[s + 6]! - ZERO) * 1000 + (b[s + 7]! - ZERO) * 100 + (b[s + 8]! - ZERO) * 10 + (b[s + 9]! - ZERO);
      if (
        isDigit(b[s]!) &&
        isDigit(b[s + 1]!) &&
        isDigit(b[s + 3]!) &&
        isDigit(b[s + 4]!) &&
        isDigit(b[s + 6]!) &&
        isDigit(b[s + 7]!) &&
        isDigit(b[s + 8]!) &&
        isDigit(b[s + 9]!)
      )
        return validDay(y, m, d);
    }
  }
  return parseDaySlow(b, s, e, format);
}

function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

/** First day of each month 1900-01 .. 2199-12, filled on first use. */
const monthStart = new Int32Array(300 * 12).fill(BAD_DAY);

function validDay(y: number, m: number, d: number): number {
  if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || (d > 28 && d > daysInMonth(y, m))) return BAD_DAY;
  const i = (y - 1900) * 12 + m - 1;
  let ms = monthStart[i]!;
  if (ms === BAD_DAY) ms = monthStart[i] = daysFromCivil(y, m, 1);
  return ms + d - 1;
}

function parseDaySlow(b: Uint8Array, s: number, e: number, format: DateFormat): number {
  while (s < e && isSpace(b[s]!)) s++;
  while (e > s && isSpace(b[e - 1]!)) e--;
  if (s >= e) return NO_DAY;
  let y: number;
  let m: number;
  let d: number;
  cur = s;
  if (format === 'yyyymmdd') {
    y = digitsAt(b, e, 4, 4);
    m = digitsAt(b, e, 2, 2);
    d = digitsAt(b, e, 2, 2);
  } else if (format === 'yyyy-mm-dd') {
    y = digitsAt(b, e, 4, 4);
    if (b[cur] !== MINUS) return BAD_DAY;
    cur++;
    m = digitsAt(b, e, 1, 2);
    if (b[cur] !== MINUS) return BAD_DAY;
    cur++;
    d = digitsAt(b, e, 1, 2);
  } else {
    const sep = format.charCodeAt(2);
    d = digitsAt(b, e, 1, 2);
    if (b[cur] !== sep) return BAD_DAY;
    cur++;
    m = digitsAt(b, e, 1, 2);
    if (b[cur] !== sep) return BAD_DAY;
    cur++;
    y = digitsAt(b, e, 4, 4);
  }
  if (cur < e && b[cur] !== SP && b[cur] !== 0x54 /* T */) return BAD_DAY;
  return validDay(y, m, d);
}

/** ISO date (yyyy-mm-dd) of a day number. */
export function isoFromDay(day: number): string {
  const t = new Date(day * 86400000);
  return t.toISOString().slice(0, 10);
}

/** Writes yyyy-mm-dd of a day number into out at p; returns the new position. */
export function writeIsoDay(out: Uint8Array, p: number, day: number): number {
  civilFromDays(day);
  const y = civil[0]!;
  const m = civil[1]!;
  const d = civil[2]!;
  out[p] = ZERO + Math.floor(y / 1000);
  out[p + 1] = ZERO + (Math.floor(y / 100) % 10);
  out[p + 2] = ZERO + (Math.floor(y / 10) % 10);
  out[p + 3] = ZERO + (y % 10);
  out[p + 4] = MINUS;
  out[p + 5] = ZERO + Math.floor(m / 10);
  out[p + 6] = ZERO + (m % 10);
  out[p + 7] = MINUS;
  out[p + 8] = ZERO + Math.floor(d / 10);
  out[p + 9] = ZERO + (d % 10);
  return p + 10;
}

/** Writes a safe integer in decimal into out at p; returns the new position. */
export function writeInt(out: Uint8Array, p: number, v: number): number {
  if (v < 0) {
    out[p++] = MINUS;
    v = -v;
  }
  if (v < 2147483648) {
    // small integers (almost all): int arithmetic
    let x = v | 0;
    let n = 1;
    for (let t = x; t >= 10; t = (t / 10) | 0) n++;
    let q = p + n - 1;
    do {
      const d = (x / 10) | 0;
      out[q--] = ZERO + (x - d * 10);
      x = d;
    } while (x > 0);
    return p + n;
  }
  const str = String(v);
  for (let k = 0; k < str.length; k++) out[p + k] = str.charCodeAt(k);
  return p + str.length;
}

/**
 * UTF-8 bytes of each Windows-1252 byte ≥ 0x80, so a Windows-1252 file's keys hash like the
 * same keys in a UTF-8 file (one system exports "Søren" in 1252, the ledger in UTF-8).
 */
export const cp1252Utf8 = (() => {
  const dec = new TextDecoder('windows-1252');
  const enc = new TextEncoder();
  const table = new Uint8Array(128 * 4); // [len, b1, b2, b3] per byte
  for (let i = 0; i < 128; i++) {
    const u = enc.encode(dec.decode(Uint8Array.of(0x80 + i)));
    table[i * 4] = u.length;
    for (let k = 0; k < u.length && k < 3; k++) table[i * 4 + 1 + k] = u[k]!;
  }
  return table;
})();
