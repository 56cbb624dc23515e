/**
 * Money is an integer number of øre (öre) from the import to the printed report: JS numbers that
 * are safe integers, never fractions of a krone held in a float. Two things go wrong in
 * spreadsheets and are handled here once:
 *
 * - **Reading** an amount. Danish `1.234,56` and English `1,234.56` use the same two characters
 *   the other way round, so `1.234` is a thousand and more in one and a bit over one in the other.
 *   The parser is told which format the file is in and refuses the other's forms instead of
 *   guessing (a misread amount is worse than a refused row).
 * - **Rounding** to thousands (t.kr.). Reports round half away from zero, so −1,500 kr is −2 t.kr.;
 *   `Math.round(-1.5)` is −1, which is why nothing here uses `Math.round` on a signed value.
 */
import type { Locale, Localized } from './i18n.js';

/** The number format an input is declared to be in: Danish `1.234,56` or English `1,234.56`. */
export type AmountFormat = 'da' | 'en';

/** The unit an amount is printed in. */
export type AmountUnit = 'kr' | 't.kr.';

export const AMOUNT_FORMATS: readonly AmountFormat[] = ['da', 'en'];

export const ORE_PER_KRONE = 100;
export const ORE_PER_THOUSAND = 100_000;

export type AmountErrorCode = 'amount.empty' | 'amount.invalid' | 'amount.otherFormat' | 'amount.tooManyDecimals' | 'amount.tooLarge';

export interface AmountError {
  code: AmountErrorCode;
  message: Localized;
}

export type ParseAmountResult = { ok: true; value: number } | { ok: false; error: AmountError };

const EXAMPLES: Record<AmountFormat, Localized> = {
  da: {
    da: 'dansk format, f.eks. 1.234,56 eller -598.124',
    sv: 'danskt format, t.ex. 1.234,56 eller -598.124',
    en: 'Danish format, e.g. 1.234,56 or -598.124',
  },
  en: {
    da: 'engelsk format, f.eks. 1,234.56 eller -598,124',
    sv: 'engelskt format, t.ex. 1,234.56 eller -598,124',
    en: 'English format, e.g. 1,234.56 or -598,124',
  },
};

/** Separators per format: grouping and decimal. */
const SEPARATORS: Record<AmountFormat, { group: string; decimal: string }> = {
  da: { group: '.', decimal: ',' },
  en: { group: ',', decimal: '.' },
};

function escape(ch: string): string {
  return ch === '.' ? '\\.' : ch;
}

/** sign, integer part (plain digits, or 1-3 digits not starting with 0 followed by groups of three), decimals. */
function grammar(format: AmountFormat, maxDecimals: number): RegExp {
  const { group, decimal } = SEPARATORS[format];
  const g = escape(group);
  const d = escape(decimal);
  const decimals = maxDecimals === Infinity ? '\\d+' : `\\d{1,${maxDecimals}}`;
  return new RegExp(`^([+-]?)(\\d+|[1-9]\\d{0,2}(?:${g}\\d{3})+)(?:${d}(${decimals}))?$`);
}

const STRICT: Record<AmountFormat, RegExp> = { da: grammar('da', 2), en: grammar('en', 2) };
const ANY_DECIMALS: Record<AmountFormat, RegExp> = { da: grammar('da', Infinity), en: grammar('en', Infinity) };

function fail(code: AmountErrorCode, input: string, format: AmountFormat): ParseAmountResult {
  const shown = input.length > 40 ? `${input.slice(0, 40)}…` : input;
  const ex = EXAMPLES[format];
  const messages: Record<AmountErrorCode, Localized> = {
    'amount.empty': {
      da: `Beløbet mangler. Forventet ${ex.da}.`,
      sv: `Beloppet saknas. Förväntat ${ex.sv}.`,
      en: `The amount is missing. Expected ${ex.en}.`,
    },
    'amount.invalid': {
      da: `Beløbet "${shown}" kan ikke læses. Forventet ${ex.da}.`,
      sv: `Beloppet "${shown}" kan inte läsas. Förväntat ${ex.sv}.`,
      en: `The amount "${shown}" cannot be read. Expected ${ex.en}.`,
    },
    'amount.otherFormat': {
      da: `Beløbet "${shown}" er skrevet i et andet talformat end det forventede; forventet ${ex.da}.`,
      sv: `Beloppet "${shown}" är skrivet i ett annat talformat än det förväntade; förväntat ${ex.sv}.`,
      en: `The amount "${shown}" is written in another number format than expected; expected ${ex.en}.`,
    },
    'amount.tooManyDecimals': {
      da: `Beløbet "${shown}" har mere end 2 decimaler. Forventet ${ex.da}.`,
      sv: `Beloppet "${shown}" har fler än 2 decimaler. Förväntat ${ex.sv}.`,
      en: `The amount "${shown}" has more than 2 decimals. Expected ${ex.en}.`,
    },
    'amount.tooLarge': {
      da: `Beløbet "${shown}" er for stort.`,
      sv: `Beloppet "${shown}" är för stort.`,
      en: `The amount "${shown}" is too large.`,
    },
  };
  return { ok: false, error: { code, message: messages[code] } };
}

/** U+2212 minus and no-break/thin spaces as written by word processors and Excel exports. */
function normalise(input: string): string {
  return input.replace(/\u2212/g, '-').trim();
}

/**
 * Reads an amount in kroner written in the declared format into øre.
 *
 * Danish (`'da'`): `1.234,56`, `-598.124`, `1234,5`, `0,07`. English (`'en'`): `1,234.56`,
 * `-598,124`, `1234.5`. Grouping is optional but, when used, must be in threes from the decimal
 * separator. Refused: an empty string, the other format's forms (`1,234.56` under `'da'`,
 * `1.234,56` under `'en'`, and `12.34` / `12,34` which read as a grouping in the wrong place),
 * two decimal separators, more than 2 decimals, anything that is not a number (NaN, `1e5`, `kr`),
 * and amounts beyond `Number.MAX_SAFE_INTEGER` øre.
 */
export function parseAmount(input: string, format: AmountFormat): ParseAmountResult {
  const text = normalise(input);
  if (text === '') return fail('amount.empty', input, format);
  const match = STRICT[format].exec(text);
  if (!match) {
    const other: AmountFormat = format === 'da' ? 'en' : 'da';
    // `1,234` under 'da' is both "three decimals" and "English grouping": the second is the likelier mistake.
    if (STRICT[other].test(text)) return fail('amount.otherFormat', input, format);
    if (ANY_DECIMALS[format].test(text)) return fail('amount.tooManyDecimals', input, format);
    return fail('amount.invalid', input, format);
  }
  const [, sign, integerPart, decimals] = match as unknown as [string, string, string, string | undefined];
  const digits = integerPart.split(SEPARATORS[format].group).join('') + (decimals ?? '').padEnd(2, '0');
  const ore = BigInt(digits);
  if (ore > BigInt(Number.MAX_SAFE_INTEGER)) return fail('amount.tooLarge', input, format);
  const value = Number(ore);
  return { ok: true, value: sign === '-' && value !== 0 ? -value : value };
}

/** Rounds to the nearest integer, halves away from zero: 1.5 → 2, −1.5 → −2, −0.4 → 0. */
export function roundHalfAwayFromZero(value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`cannot round ${value}`);
  const rounded = Math.sign(value) * Math.round(Math.abs(value));
  return rounded === 0 ? 0 : rounded;
}

/**
 * Integer division rounded half away from zero, exact for safe integers (no float division):
 * the rounding of every printed cell goes through here.
 */
export function divideRounded(numerator: number, divisor: number): number {
  assertSafeInteger(numerator, 'numerator');
  if (!Number.isSafeInteger(divisor) || divisor <= 0) throw new RangeError(`divisor must be a positive integer, got ${divisor}`);
  const abs = Math.abs(numerator);
  const remainder = abs % divisor;
  const quotient = (abs - remainder) / divisor;
  const magnitude = remainder * 2 >= divisor ? quotient + 1 : quotient;
  return numerator < 0 && magnitude !== 0 ? -magnitude : magnitude;
}

/** Øre → whole t.kr., half away from zero: −150,000 øre (−1,500 kr) → −2. */
export function toThousands(ore: number): number {
  return divideRounded(ore, ORE_PER_THOUSAND);
}

/** Øre → whole kroner, half away from zero. */
export function toKroner(ore: number): number {
  return divideRounded(ore, ORE_PER_KRONE);
}

/** Kroner (an integer) → øre; for test data and fixtures written in whole kroner. */
export function kronerToOre(kroner: number): number {
  assertSafeInteger(kroner, 'kroner');
  const ore = kroner * ORE_PER_KRONE;
  assertSafeInteger(ore, 'øre');
  return ore;
}

/** Throws unless `value` is a safe integer: money never travels as a fraction. */
export function assertSafeInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be a safe integer number of øre, got ${value}`);
}

/** Sum of øre amounts that refuses to leave the safe-integer range. */
export function sumOre(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) {
    assertSafeInteger(v, 'amount');
    total += v;
    if (!Number.isSafeInteger(total)) throw new RangeError('sum of amounts exceeds the safe-integer range');
  }
  return total;
}

const GROUP: Record<Locale, string> = { da: '.', sv: '\u00a0', en: ',' };
const DECIMAL: Record<Locale, string> = { da: ',', sv: ',', en: '.' };

function group(digits: string, locale: Locale): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, GROUP[locale]);
}

export interface FormatAmountOptions {
  /** Only for `'kr'`: 2 prints the øre (`1.234,56`); 0 (default) rounds to whole kroner. */
  decimals?: 0 | 2;
}

/**
 * An amount as a report prints it: da `2.412` / `-598.124`, sv `2 412` (no-break space), en `2,412`;
 * the minus is a hyphen-minus, as in the reference reports. `'t.kr.'` and `'kr'` without decimals
 * round half away from zero. The unit itself is not appended (it stands in the column header).
 */
export function formatAmount(ore: number, locale: Locale, unit: AmountUnit, options: FormatAmountOptions = {}): string {
  assertSafeInteger(ore, 'amount');
  if (unit === 'kr' && options.decimals === 2) {
    const abs = Math.abs(ore);
    const kroner = Math.floor(abs / ORE_PER_KRONE);
    const rest = abs - kroner * ORE_PER_KRONE;
    const text = `${group(String(kroner), locale)}${DECIMAL[locale]}${String(rest).padStart(2, '0')}`;
    return ore < 0 ? `-${text}` : text;
  }
  const whole = unit === 't.kr.' ? toThousands(ore) : toKroner(ore);
  const text = group(String(Math.abs(whole)), locale);
  return whole < 0 ? `-${text}` : text;
}
