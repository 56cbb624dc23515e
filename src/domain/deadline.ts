import type { Locale, Localized } from './i18n.js';

/**
 * Deadlines keep the precision they were given in: departments write "Q1-2026" or
 * "1. halvår 2025" far more often than a date, and turning those into a date would put words
 * in their mouth. Comparisons use the last day of the period.
 */
export type DeadlinePrecision = 'date' | 'month' | 'quarter' | 'tertial' | 'half' | 'year';

export const DEADLINE_PRECISIONS: readonly DeadlinePrecision[] = ['date', 'month', 'quarter', 'tertial', 'half', 'year'];

export interface Deadline {
  precision: DeadlinePrecision;
  year: number;
  /** month 1-12, quarter 1-4, tertial 1-3, half 1-2; for 'date' the month; null for 'year'. */
  part: number | null;
  /** Day of month, only for 'date'. */
  day: number | null;
}

export interface DeadlineError {
  code: 'deadline.invalid';
  message: Localized;
}

export type ParseDeadlineResult = { ok: true; value: Deadline } | { ok: false; error: DeadlineError };

export const MIN_DEADLINE_YEAR = 2000;
export const MAX_DEADLINE_YEAR = 2100;

/** Number of parts per year, and months per part, for the period precisions. */
const PERIODS = {
  month: { parts: 12, months: 1 },
  quarter: { parts: 4, months: 3 },
  tertial: { parts: 3, months: 4 },
  half: { parts: 2, months: 6 },
} as const;

type PeriodPrecision = keyof typeof PERIODS;

const MONTH_NAMES: Record<Locale, readonly string[]> = {
  da: ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'],
  sv: ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** Every month name and common abbreviation in the three languages, lower case → month. */
const MONTH_BY_NAME: ReadonlyMap<string, number> = (() => {
  const map = new Map<string, number>();
  for (const names of Object.values(MONTH_NAMES)) {
    names.forEach((name, i) => map.set(name.toLowerCase(), i + 1));
  }
  const abbreviations = ['jan', 'feb', 'mar', 'apr', 'maj|may', 'jun', 'jul', 'aug', 'sep|sept', 'okt|oct', 'nov', 'dec'];
  abbreviations.forEach((alternatives, i) => {
    for (const a of alternatives.split('|')) map.set(a, i + 1);
  });
  return map;
})();

const ORDINAL_WORDS: ReadonlyMap<string, number> = new Map([
  ['første', 1],
  ['anden', 2],
  ['andet', 2],
  ['tredje', 3],
  ['fjerde', 4],
  ['första', 1],
  ['andra', 2],
  ['fjärde', 4],
  ['first', 1],
  ['second', 2],
  ['third', 3],
  ['fourth', 4],
]);

/** Longest first so that "marts" wins over "mar" and "halvåret" over "halvår". */
const alternation = (words: Iterable<string>): string => [...words].sort((a, b) => b.length - a.length).join('|');

const MONTH = `(${alternation(MONTH_BY_NAME.keys())})\\.?`;
const YEAR = '(\\d{4})';
/** "1.", "1:a", "3:e", "1st" or a bare number. */
const ORDINAL_SUFFIX = '(?:\\.|:a|:e|st|nd|rd|th)?';
const ORDINAL = `(\\d{1,2}${ORDINAL_SUFFIX}|${alternation(ORDINAL_WORDS.keys())})`;
const UNIT_WORD = '(kvartal(?:et)?|quarter|halvår(?:et)?|half(?:[ -]year)?|tertial(?:et)?)';
const UNIT_CODE = '(q|kv\\.? ?|h|t)';
/** Optional preposition before the year: "first half of 2025", "1. kvartal i 2026". */
const OF = '(?: (?:of|af|av|i))?';
const SEP = '[ /-]?';

/**
 * Words before the period that do not change it: "senest", "ultimo", "utgången av", "by the end
 * of" all mean the deadline is the end of the period, which is what a period deadline already is.
 * "inden"/"innan"/"before" only together with an end-of phrase: "inden Q1" would mean before Q1 starts.
 */
const PREFIX = new RegExp(
  '^(?:(?:senest|senast|no later than|by) )?' +
    '(?:(?:(?:inden|innan|before) )?(?:ultimo|udgangen af|slutningen af|utgången av|slutet av|slutet på|(?:the )?end of) )?' +
    '(?:den )?',
);

function unitPrecision(word: string): PeriodPrecision {
  if (word.startsWith('k') || word === 'q' || word.startsWith('quarter')) return 'quarter';
  if (word.startsWith('h')) return 'half';
  return 'tertial';
}

function ordinalValue(token: string): number {
  return ORDINAL_WORDS.get(token) ?? Number.parseInt(token, 10);
}

const period = (precision: PeriodPrecision, part: number, year: number): Deadline => ({ precision, year, part, day: null });
const date = (year: number, month: number, day: number): Deadline => ({ precision: 'date', year, part: month, day });

/** Groups of a match; the patterns guarantee the groups used by each builder are present. */
type Groups = readonly string[];

const RULES: readonly { pattern: RegExp; build: (g: Groups) => Deadline }[] = [
  { pattern: /^(\d{4})$/, build: ([y]) => ({ precision: 'year', year: Number(y), part: null, day: null }) },
  // Q1-2026, Q1 2026, H1 2025, T3 2026, Kv1 2026
  { pattern: re(`${UNIT_CODE}(\\d{1,2})${SEP}${YEAR}`), build: ([u, p, y]) => period(unitPrecision(u!.trim()), Number(p), Number(y)) },
  // 2026-Q1, 2026-T1, 2026-H1 (canonical)
  { pattern: re(`${YEAR}${SEP}${UNIT_CODE}(\\d{1,2})`), build: ([y, u, p]) => period(unitPrecision(u!.trim()), Number(p), Number(y)) },
  // 1. kvartal 2026, 1:a kvartalet 2026, första halvåret 2025, 2. halvår 2025, 1. tertial 2026
  { pattern: re(`${ORDINAL} ?${UNIT_WORD}${OF}[ -]${YEAR}`), build: ([o, u, y]) => period(unitPrecision(u!), ordinalValue(o!), Number(y)) },
  // kvartal 1 2026, halvår 1 2025, tertial 2 2026
  { pattern: re(`${UNIT_WORD}[ -]?(\\d{1,2})${OF}[ -]${YEAR}`), build: ([u, p, y]) => period(unitPrecision(u!), Number(p), Number(y)) },
  // marts 2026, mars 2026, March 2026
  { pattern: re(`${MONTH}${OF}[ -]${YEAR}`), build: ([m, y]) => period('month', MONTH_BY_NAME.get(m!) ?? 0, Number(y)) },
  // 2026-03 (canonical), 2026/03
  { pattern: /^(\d{4})[-/](\d{1,2})$/, build: ([y, m]) => period('month', Number(m), Number(y)) },
  // 03-2026, 03.2026, 03/2026
  { pattern: /^(\d{1,2})[-./](\d{4})$/, build: ([m, y]) => period('month', Number(m), Number(y)) },
  // 2025-03-31 (canonical)
  { pattern: /^(\d{4})-(\d{1,2})-(\d{1,2})$/, build: ([y, m, d]) => date(Number(y), Number(m), Number(d)) },
  // 31.03.2025, 31-03-2025, 31/03/2025: day first, as written in the Nordic countries
  { pattern: /^(\d{1,2})([./-])(\d{1,2})\2(\d{4})$/, build: ([d, , m, y]) => date(Number(y), Number(m), Number(d)) },
  // 31. marts 2025, 31 mars 2025, 31 March 2025
  { pattern: re(`(\\d{1,2})${ORDINAL_SUFFIX}(?: |-)?${MONTH}[ -]${YEAR}`), build: ([d, m, y]) => date(Number(y), MONTH_BY_NAME.get(m!) ?? 0, Number(d)) },
  // March 31, 2025 (the comma is removed by normalisation)
  { pattern: re(`${MONTH} (\\d{1,2})(?:st|nd|rd|th)? ${YEAR}`), build: ([m, d, y]) => date(Number(y), MONTH_BY_NAME.get(m!) ?? 0, Number(d)) },
];

function re(body: string): RegExp {
  return new RegExp(`^${body}$`);
}

function normalise(input: string): string {
  return input
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-') // typographic dashes and minus from Word
    .replace(/,/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/ ?- ?/g, '-')
    .trim()
    .replace(/[.;]$/, '') // sentence punctuation copied along with the deadline
    .replace(PREFIX, '');
}

type InvalidReason = 'unrecognised' | 'yearOutOfRange' | 'partOutOfRange' | 'noSuchDate';

function validate(c: Deadline): InvalidReason | null {
  if (c.year < MIN_DEADLINE_YEAR || c.year > MAX_DEADLINE_YEAR) return 'yearOutOfRange';
  if (c.precision === 'year') return null;
  const part = c.part ?? 0;
  if (c.precision === 'date') {
    const day = c.day ?? 0;
    return part >= 1 && part <= 12 && day >= 1 && day <= daysInMonth(c.year, part) ? null : 'noSuchDate';
  }
  return part >= 1 && part <= PERIODS[c.precision].parts ? null : 'partOutOfRange';
}

/** Reads a deadline as users write it in Danish, Swedish or English, or its canonical form. */
export function parseDeadline(input: string): ParseDeadlineResult {
  const text = normalise(input);
  for (const rule of RULES) {
    const match = rule.pattern.exec(text);
    if (!match) continue;
    const candidate = rule.build(match.slice(1) as Groups);
    const reason = validate(candidate);
    return reason ? invalid(input, reason) : { ok: true, value: candidate };
  }
  return invalid(input, 'unrecognised');
}

const ACCEPTED_FORMS: Localized = {
  da: 'Skriv en dato (31.03.2026), en måned (marts 2026), et kvartal (Q1-2026 eller 1. kvartal 2026), et tertial (1. tertial 2026), et halvår (1. halvår 2026) eller et år (2026).',
  sv: 'Ange ett datum (2026-03-31), en månad (mars 2026), ett kvartal (Q1 2026 eller 1:a kvartalet 2026), ett tertial (T1 2026), ett halvår (första halvåret 2026) eller ett år (2026).',
  en: 'Enter a date (2026-03-31 or 31.03.2026), a month (March 2026), a quarter (Q1 2026), a four-month period (T1 2026), a half-year (H1 2026) or a year (2026).',
};

const REASONS: Record<InvalidReason, Record<Locale, (quoted: string) => string>> = {
  unrecognised: {
    da: (q) => `${q} er ikke en gyldig frist.`,
    sv: (q) => `${q} är inte en giltig tidpunkt.`,
    en: (q) => `${q} is not a valid deadline.`,
  },
  yearOutOfRange: {
    da: (q) => `${q}: året skal ligge mellem ${MIN_DEADLINE_YEAR} og ${MAX_DEADLINE_YEAR}.`,
    sv: (q) => `${q}: året ska ligga mellan ${MIN_DEADLINE_YEAR} och ${MAX_DEADLINE_YEAR}.`,
    en: (q) => `${q}: the year must be between ${MIN_DEADLINE_YEAR} and ${MAX_DEADLINE_YEAR}.`,
  },
  partOutOfRange: {
    da: (q) => `${q} findes ikke: der er 12 måneder, 4 kvartaler, 3 tertialer og 2 halvår i et år.`,
    sv: (q) => `${q} finns inte: ett år har 12 månader, 4 kvartal, 3 tertial och 2 halvår.`,
    en: (q) => `${q} does not exist: a year has 12 months, 4 quarters, 3 four-month periods and 2 halves.`,
  },
  noSuchDate: {
    da: (q) => `${q} er ikke en dato i kalenderen.`,
    sv: (q) => `${q} är inte ett datum i kalendern.`,
    en: (q) => `${q} is not a calendar date.`,
  },
};

const QUOTES: Record<Locale, [string, string]> = { da: ['»', '«'], sv: ['”', '”'], en: ['“', '”'] };
const EMPTY: Localized = { da: 'Fristen er tom.', sv: 'Tidpunkten saknas.', en: 'The deadline is empty.' };
const MAX_QUOTED = 40;

function invalid(input: string, reason: InvalidReason): { ok: false; error: DeadlineError } {
  const shown = input.trim().replace(/\s+/g, ' ');
  const clipped = shown.length > MAX_QUOTED ? `${shown.slice(0, MAX_QUOTED - 1)}…` : shown;
  const messageIn = (locale: Locale): string => {
    const [open, close] = QUOTES[locale];
    const head = clipped === '' ? EMPTY[locale] : REASONS[reason][locale](`${open}${clipped}${close}`);
    return `${head} ${ACCEPTED_FORMS[locale]}`;
  };
  const message: Localized = { da: messageIn('da'), sv: messageIn('sv'), en: messageIn('en') };
  return { ok: false, error: { code: 'deadline.invalid', message } };
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The part of a period deadline; a missing one is a programming error, not user input. */
function partOf(d: Deadline): number {
  if (d.part === null) throw new RangeError(`Deadline with precision ${d.precision} has no part`);
  return d.part;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** ISO date (yyyy-mm-dd) of the last day of the deadline's period. */
export function lastDay(d: Deadline): string {
  if (d.precision === 'date') {
    if (d.day === null) throw new RangeError('Date deadline without day');
    return `${d.year}-${pad(partOf(d))}-${pad(d.day)}`;
  }
  const month = d.precision === 'year' ? 12 : partOf(d) * PERIODS[d.precision].months;
  return `${d.year}-${pad(month)}-${pad(daysInMonth(d.year, month))}`;
}

/** Finer precision sorts first among deadlines ending the same day (31.12.2025 before Q4-2025 before 2025). */
const PRECISION_RANK: Record<DeadlinePrecision, number> = { date: 0, month: 1, quarter: 2, tertial: 3, half: 4, year: 5 };

/** Total order: by last day, then finer precision first. 0 only for equal deadlines. */
export function compareDeadlines(a: Deadline, b: Deadline): number {
  const dayA = lastDay(a);
  const dayB = lastDay(b);
  if (dayA !== dayB) return dayA < dayB ? -1 : 1;
  return Math.sign(PRECISION_RANK[a.precision] - PRECISION_RANK[b.precision]);
}

const SWEDISH_HALVES = ['första', 'andra'] as const;

/** The deadline the way users of the locale write it, keeping its precision. */
export function formatDeadline(d: Deadline, locale: Locale): string {
  const { year } = d;
  switch (d.precision) {
    case 'year':
      return String(year);
    case 'date': {
      const iso = lastDay(d);
      return locale === 'da' ? `${pad(d.day ?? 0)}.${pad(partOf(d))}.${year}` : iso;
    }
    case 'month':
      return `${MONTH_NAMES[locale][partOf(d) - 1] ?? ''} ${year}`;
    case 'quarter':
      return locale === 'da' ? `Q${partOf(d)}-${year}` : `Q${partOf(d)} ${year}`;
    case 'tertial':
      return locale === 'da' ? `${partOf(d)}. tertial ${year}` : `T${partOf(d)} ${year}`;
    case 'half':
      if (locale === 'da') return `${partOf(d)}. halvår ${year}`;
      if (locale === 'sv') return `${SWEDISH_HALVES[partOf(d) - 1] ?? ''} halvåret ${year}`;
      return `H${partOf(d)} ${year}`;
  }
}

/** Locale-neutral storage form; parseDeadline reads it back. */
export function canonicalDeadline(d: Deadline): string {
  switch (d.precision) {
    case 'year':
      return String(d.year);
    case 'date':
      return lastDay(d);
    case 'month':
      return `${d.year}-${pad(partOf(d))}`;
    case 'quarter':
      return `${d.year}-Q${partOf(d)}`;
    case 'tertial':
      return `${d.year}-T${partOf(d)}`;
    case 'half':
      return `${d.year}-H${partOf(d)}`;
  }
}

const MS_PER_DAY = 86_400_000;

function isoDateToUtcMs(iso: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const [, y, m, d] = match ?? [];
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (!match || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`Not an ISO date (yyyy-mm-dd): ${iso}`);
  }
  return Date.UTC(year, month - 1, day);
}

/** Calendar days from one ISO date to another (negative when `to` is earlier). */
export function daysBetween(fromIsoDate: string, toIsoDate: string): number {
  return Math.round((isoDateToUtcMs(toIsoDate) - isoDateToUtcMs(fromIsoDate)) / MS_PER_DAY);
}

/** How many days a revised deadline moves the original one (positive = later). */
export function slippageDays(original: Deadline, revised: Deadline): number {
  return daysBetween(lastDay(original), lastDay(revised));
}

/** A deadline is overdue from the day after its last day. */
export function isOverdue(d: Deadline, todayIso: string): boolean {
  isoDateToUtcMs(todayIso); // reject malformed dates, which would compare wrongly as strings
  return lastDay(d) < todayIso;
}
