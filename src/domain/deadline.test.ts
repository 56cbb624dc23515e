import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEADLINE_PRECISIONS,
  canonicalDeadline,
  compareDeadlines,
  daysBetween,
  formatDeadline,
  isOverdue,
  lastDay,
  parseDeadline,
  slippageDays,
  type Deadline,
  type DeadlinePrecision,
} from './deadline.js';
import { LOCALES } from './i18n.js';

const d = (precision: DeadlinePrecision, year: number, part: number | null = null, day: number | null = null): Deadline => ({
  precision,
  year,
  part,
  day,
});

function parsed(input: string): Deadline {
  const result = parseDeadline(input);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(input)} to parse: ${result.error.message.en}`);
  return result.value;
}

describe('parseDeadline accepts', () => {
  it.each<[string, Deadline]>([
    // quarters
    ['Q1-2026', d('quarter', 2026, 1)],
    ['Q1 2026', d('quarter', 2026, 1)],
    ['q1-2026', d('quarter', 2026, 1)],
    ['Q1 - 2026', d('quarter', 2026, 1)],
    ['Q1 – 2026', d('quarter', 2026, 1)],
    ['Q1/2026', d('quarter', 2026, 1)],
    ['  Q4   2025  ', d('quarter', 2025, 4)],
    ['2026-Q1', d('quarter', 2026, 1)],
    ['2026 Q3', d('quarter', 2026, 3)],
    ['1. kvartal 2026', d('quarter', 2026, 1)],
    ['1.kvartal 2026', d('quarter', 2026, 1)],
    ['4. Kvartal 2025', d('quarter', 2025, 4)],
    ['kvartal 1 2026', d('quarter', 2026, 1)],
    ['1:a kvartalet 2026', d('quarter', 2026, 1)],
    ['3:e kvartalet 2026', d('quarter', 2026, 3)],
    ['Kv1 2026', d('quarter', 2026, 1)],
    ['kv. 2 2026', d('quarter', 2026, 2)],
    ['ultimo 2. kvartal 2025', d('quarter', 2025, 2)],
    ['inden udgangen af 4. kvartal 2025', d('quarter', 2025, 4)],
    ['utgången av 2:a kvartalet 2025', d('quarter', 2025, 2)],
    ['slutet av kvartal 3 2026', d('quarter', 2026, 3)],
    ['end of Q2 2026', d('quarter', 2026, 2)],
    ['by the end of Q2 2026', d('quarter', 2026, 2)],
    ['first quarter of 2026', d('quarter', 2026, 1)],
    ['2nd quarter 2026', d('quarter', 2026, 2)],
    ['1. kvartal i 2026', d('quarter', 2026, 1)],
    // halves
    ['H1 2025', d('half', 2025, 1)],
    ['H1-2025', d('half', 2025, 1)],
    ['h2 2025', d('half', 2025, 2)],
    ['2025-H2', d('half', 2025, 2)],
    ['1. halvår 2025', d('half', 2025, 1)],
    ['2. halvår 2025', d('half', 2025, 2)],
    ['første halvår 2025', d('half', 2025, 1)],
    ['andet halvår 2025', d('half', 2025, 2)],
    ['första halvåret 2025', d('half', 2025, 1)],
    ['Andra halvåret 2025', d('half', 2025, 2)],
    ['halvår 1 2025', d('half', 2025, 1)],
    ['ultimo 1. halvår 2025', d('half', 2025, 1)],
    ['first half of 2025', d('half', 2025, 1)],
    ['second half-year 2025', d('half', 2025, 2)],
    // tertials
    ['T3 2026', d('tertial', 2026, 3)],
    ['T1-2026', d('tertial', 2026, 1)],
    ['2026-T2', d('tertial', 2026, 2)],
    ['1. tertial 2026', d('tertial', 2026, 1)],
    ['tertial 2 2026', d('tertial', 2026, 2)],
    ['andra tertialet 2026', d('tertial', 2026, 2)],
    // years
    ['2025', d('year', 2025)],
    ['ultimo 2025', d('year', 2025)],
    ['utgången av 2025', d('year', 2025)],
    ['udgangen af 2025', d('year', 2025)],
    ['end of 2025', d('year', 2025)],
    ['2000', d('year', 2000)],
    ['2100', d('year', 2100)],
    // months
    ['marts 2026', d('month', 2026, 3)],
    ['mars 2026', d('month', 2026, 3)],
    ['March 2026', d('month', 2026, 3)],
    ['ultimo marts 2026', d('month', 2026, 3)],
    ['slutet av augusti 2026', d('month', 2026, 8)],
    ['maj 2026', d('month', 2026, 5)],
    ['May 2026', d('month', 2026, 5)],
    ['okt. 2026', d('month', 2026, 10)],
    ['Sept 2026', d('month', 2026, 9)],
    ['2026-03', d('month', 2026, 3)],
    ['2026-3', d('month', 2026, 3)],
    ['03-2026', d('month', 2026, 3)],
    ['03.2026', d('month', 2026, 3)],
    ['03/2026', d('month', 2026, 3)],
    ['12.2026', d('month', 2026, 12)],
    // dates
    ['31.03.2025', d('date', 2025, 3, 31)],
    ['31-03-2025', d('date', 2025, 3, 31)],
    ['31/03/2025', d('date', 2025, 3, 31)],
    ['1.4.2025', d('date', 2025, 4, 1)],
    ['2025-03-31', d('date', 2025, 3, 31)],
    ['31. marts 2025', d('date', 2025, 3, 31)],
    ['31.marts 2025', d('date', 2025, 3, 31)],
    ['31 mars 2025', d('date', 2025, 3, 31)],
    ['den 31 mars 2025', d('date', 2025, 3, 31)],
    ['senest den 31. marts 2025', d('date', 2025, 3, 31)],
    ['senast 2025-03-31', d('date', 2025, 3, 31)],
    ['March 31, 2025', d('date', 2025, 3, 31)],
    ['March 31st 2025', d('date', 2025, 3, 31)],
    ['31 March 2025', d('date', 2025, 3, 31)],
    ['1st May 2025', d('date', 2025, 5, 1)],
    ['29.02.2024', d('date', 2024, 2, 29)],
    ['31.03.2025.', d('date', 2025, 3, 31)],
    ['Q1-2026.', d('quarter', 2026, 1)],
  ])('%j', (input, expected) => {
    expect(parseDeadline(input)).toEqual({ ok: true, value: expected });
  });
});

describe('parseDeadline rejects', () => {
  it.each([
    ['', 'empty'],
    ['   ', 'blank'],
    ['snart', 'vague word'],
    ['Afsluttet', 'status instead of a deadline'],
    ['Løbende', 'continuous'],
    ['når 2A og 2B er gennemført', 'condition'],
    ['31.02.2025', 'no 31 February'],
    ['29.02.2025', 'no leap day in 2025'],
    ['2025-02-29', 'no leap day in 2025 (ISO)'],
    ['31.04.2025', 'April has 30 days'],
    ['00.01.2025', 'day 0'],
    ['Q5 2026', 'quarter 5'],
    ['Q0 2026', 'quarter 0'],
    ['T4 2026', 'tertial 4'],
    ['H3 2025', 'half 3'],
    ['3. halvår 2025', 'third half'],
    ['5. kvartal 2025', 'fifth quarter'],
    ['2026-13', 'month 13'],
    ['13.2026', 'month 13, month first'],
    ['1999', 'year before 2000'],
    ['2101', 'year after 2100'],
    ['Q1 1999', 'quarter before 2000'],
    ['31.03.25', 'two-digit year'],
    ['Q1-26', 'two-digit year in a quarter'],
    ['Q1-Q2 2026', 'range'],
    ['Q4 2024 - Q2 2025', 'range of quarters'],
    ['primo 2026', 'start of a period'],
    ['inden Q1 2026', 'before a period starts'],
    ['ultimo', 'prefix only'],
    ['uge 12 2026', 'week'],
    ['31.03-2025', 'mixed separators'],
    ['marts', 'month without year'],
    ['2026-Q1-Q2', 'garbage after a quarter'],
  ])('%j (%s)', (input) => {
    const result = parseDeadline(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('deadline.invalid');
  });

  it('names the accepted forms with examples in every language', () => {
    const result = parseDeadline('snart');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message.da).toContain('»snart«');
    expect(result.error.message.da).toContain('Q1-2026');
    expect(result.error.message.da).toContain('1. halvår 2026');
    expect(result.error.message.da).toContain('31.03.2026');
    expect(result.error.message.sv).toContain('första halvåret 2026');
    expect(result.error.message.sv).toContain('2026-03-31');
    expect(result.error.message.en).toContain('H1 2026');
    expect(result.error.message.en).toContain('is not a valid deadline');
  });

  it.each([
    ['31.02.2025', 'er ikke en dato i kalenderen', 'är inte ett datum', 'is not a calendar date'],
    ['Q5 2026', '4 kvartaler', '4 kvartal', '4 quarters'],
    ['1999', 'mellem 2000 og 2100', 'mellan 2000 och 2100', 'between 2000 and 2100'],
    ['', 'Fristen er tom', 'Tidpunkten saknas', 'The deadline is empty'],
  ])('explains why %j is wrong', (input, da, sv, en) => {
    const result = parseDeadline(input);
    if (result.ok) throw new Error('expected an error');
    expect(result.error.message.da).toContain(da);
    expect(result.error.message.sv).toContain(sv);
    expect(result.error.message.en).toContain(en);
  });

  it('clips a long input in the message', () => {
    const result = parseDeadline('Fristen fastsættes, når 2A og 2B er gennemført og evalueret af direktionen');
    if (result.ok) throw new Error('expected an error');
    expect(result.error.message.da).toContain('…«');
    expect(result.error.message.da).not.toContain('direktionen');
  });
});

describe('lastDay', () => {
  it.each<[string, string]>([
    ['Q1-2026', '2026-03-31'],
    ['Q2-2025', '2025-06-30'],
    ['Q3 2025', '2025-09-30'],
    ['Q4 2025', '2025-12-31'],
    ['T1 2026', '2026-04-30'],
    ['T2 2026', '2026-08-31'],
    ['T3 2026', '2026-12-31'],
    ['H1 2025', '2025-06-30'],
    ['H2 2025', '2025-12-31'],
    ['2025', '2025-12-31'],
    ['februar 2024', '2024-02-29'],
    ['februar 2025', '2025-02-28'],
    ['februar 2100', '2100-02-28'],
    ['februar 2000', '2000-02-29'],
    ['april 2026', '2026-04-30'],
    ['december 2026', '2026-12-31'],
    ['1.4.2025', '2025-04-01'],
  ])('%s → %s', (input, expected) => {
    expect(lastDay(parsed(input))).toBe(expected);
  });

  it('rejects a period deadline without its part', () => {
    expect(() => lastDay(d('quarter', 2026))).toThrow(RangeError);
  });
});

describe('formatDeadline', () => {
  it.each<[string, string, string, string]>([
    // input, da, sv, en
    ['2026-03-31', '31.03.2026', '2026-03-31', '2026-03-31'],
    ['2026-03', 'marts 2026', 'mars 2026', 'March 2026'],
    ['2026-08', 'august 2026', 'augusti 2026', 'August 2026'],
    ['2026-Q1', 'Q1-2026', 'Q1 2026', 'Q1 2026'],
    ['2026-T1', '1. tertial 2026', 'T1 2026', 'T1 2026'],
    ['2025-H1', '1. halvår 2025', 'första halvåret 2025', 'H1 2025'],
    ['2025-H2', '2. halvår 2025', 'andra halvåret 2025', 'H2 2025'],
    ['2025', '2025', '2025', '2025'],
  ])('%s → da %j, sv %j, en %j', (input, da, sv, en) => {
    const deadline = parsed(input);
    expect(formatDeadline(deadline, 'da')).toBe(da);
    expect(formatDeadline(deadline, 'sv')).toBe(sv);
    expect(formatDeadline(deadline, 'en')).toBe(en);
  });
});

describe('canonicalDeadline', () => {
  it.each<[string, string]>([
    ['31.03.2026', '2026-03-31'],
    ['1.4.2026', '2026-04-01'],
    ['marts 2026', '2026-03'],
    ['Q1-2026', '2026-Q1'],
    ['1:a kvartalet 2026', '2026-Q1'],
    ['1. tertial 2026', '2026-T1'],
    ['första halvåret 2026', '2026-H1'],
    ['ultimo 2025', '2025'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalDeadline(parsed(input))).toBe(expected);
  });
});

describe('compareDeadlines', () => {
  it.each<[string, string, number]>([
    ['Q1-2026', 'Q2-2026', -1],
    ['Q2-2026', 'Q1-2026', 1],
    ['Q1-2026', 'Q1 2026', 0],
    ['31.12.2025', 'december 2025', -1],
    ['december 2025', 'Q4-2025', -1],
    ['Q4-2025', 'T3 2025', -1],
    ['T3 2025', 'H2 2025', -1],
    ['H2 2025', '2025', -1],
    ['2025', '31.12.2025', 1],
    ['H1 2025', 'Q2 2025', 1],
    ['T1 2026', 'april 2026', 1],
    ['2025', 'Q1-2026', -1],
  ])('%s vs %s → %i', (a, b, expected) => {
    expect(compareDeadlines(parsed(a), parsed(b))).toBe(expected);
  });

  it('sorts the deadlines of a plan', () => {
    const inputs = ['2026', 'Q1-2026', '31.03.2026', 'H1 2025', 'T1 2026', 'marts 2026', '2025-06-30'];
    const sorted = inputs.map(parsed).sort(compareDeadlines).map(canonicalDeadline);
    expect(sorted).toEqual(['2025-06-30', '2025-H1', '2026-03-31', '2026-03', '2026-Q1', '2026-T1', '2026']);
  });
});

describe('daysBetween and slippageDays', () => {
  it.each<[string, string, number]>([
    ['2025-03-31', '2025-03-31', 0],
    ['2025-03-31', '2025-04-01', 1],
    ['2025-04-01', '2025-03-31', -1],
    ['2024-02-28', '2024-03-01', 2],
    ['2025-02-28', '2025-03-01', 1],
    ['2025-01-01', '2026-01-01', 365],
    ['2024-01-01', '2025-01-01', 366],
    ['2025-03-29', '2025-03-31', 2], // across the start of daylight saving time
  ])('%s → %s = %i', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });

  it.each(['2025-3-31', '31.03.2025', '2025-02-30', '', '2025-13-01'])('rejects %j', (bad) => {
    expect(() => daysBetween(bad, '2025-01-01')).toThrow(RangeError);
  });

  it.each<[string, string, number]>([
    ['Q1-2026', 'Q2-2026', 91],
    ['Q2-2026', 'Q1-2026', -91],
    ['H1 2025', '2. halvår 2025', 184],
    ['31.03.2026', 'Q1-2026', 0],
    ['2025', 'Q1-2026', 90],
    ['T1 2026', 'T3 2026', 245],
  ])('slippage %s → %s = %i days', (original, revised, expected) => {
    expect(slippageDays(parsed(original), parsed(revised))).toBe(expected);
  });
});

describe('isOverdue', () => {
  it.each<[string, string, boolean]>([
    ['Q1-2026', '2026-03-31', false],
    ['Q1-2026', '2026-04-01', true],
    ['Q1-2026', '2025-12-31', false],
    ['31.03.2026', '2026-04-01', true],
    ['2025', '2025-12-31', false],
    ['2025', '2026-01-01', true],
    ['februar 2024', '2024-02-29', false],
  ])('%s on %s → %s', (deadline, today, expected) => {
    expect(isOverdue(parsed(deadline), today)).toBe(expected);
  });

  it('rejects a malformed today', () => {
    expect(() => isOverdue(parsed('Q1-2026'), '2026-4-1')).toThrow(RangeError);
  });
});

/** Any valid deadline. */
const deadlineArb: fc.Arbitrary<Deadline> = fc.oneof(
  fc.integer({ min: 2000, max: 2100 }).map((year) => d('year', year)),
  fc.tuple(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 12 })).map(([y, p]) => d('month', y, p)),
  fc.tuple(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 4 })).map(([y, p]) => d('quarter', y, p)),
  fc.tuple(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 3 })).map(([y, p]) => d('tertial', y, p)),
  fc.tuple(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 2 })).map(([y, p]) => d('half', y, p)),
  fc
    .date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2100, 11, 31)), noInvalidDate: true })
    .map((date) => d('date', date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())),
);

describe('properties', () => {
  it('generates every precision', () => {
    const seen = new Set(fc.sample(deadlineArb, 500).map((x) => x.precision));
    expect([...seen].sort()).toEqual([...DEADLINE_PRECISIONS].sort());
  });

  it('parses what it formats, in every locale and canonically', () => {
    fc.assert(
      fc.property(deadlineArb, (deadline) => {
        for (const locale of LOCALES) {
          expect(parseDeadline(formatDeadline(deadline, locale))).toEqual({ ok: true, value: deadline });
        }
        expect(parseDeadline(canonicalDeadline(deadline))).toEqual({ ok: true, value: deadline });
        expect(parseDeadline(canonicalDeadline(deadline).toLowerCase())).toEqual({ ok: true, value: deadline });
      }),
    );
  });

  it('keeps the last day inside the deadline year and never before the period', () => {
    fc.assert(
      fc.property(deadlineArb, (deadline) => {
        const last = lastDay(deadline);
        expect(last).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(last.slice(0, 4)).toBe(String(deadline.year));
        expect(daysBetween(last, last)).toBe(0);
      }),
    );
  });

  it('orders totally: antisymmetric, 0 only for equal deadlines, consistent with the last day', () => {
    fc.assert(
      fc.property(deadlineArb, deadlineArb, (a, b) => {
        const ab = compareDeadlines(a, b);
        // === rather than toBe: for equal deadlines -0 and 0 are the same answer.
        expect(compareDeadlines(b, a) === -ab).toBe(true);
        expect(ab === 0).toBe(canonicalDeadline(a) === canonicalDeadline(b));
        if (lastDay(a) < lastDay(b)) expect(ab).toBe(-1);
        expect(Math.sign(slippageDays(a, b))).toBe(Math.sign(lastDay(b).localeCompare(lastDay(a))));
      }),
    );
  });

  it('sorts by last day, whatever the input order', () => {
    fc.assert(
      fc.property(fc.array(deadlineArb, { maxLength: 30 }), (deadlines) => {
        const sorted = [...deadlines].sort(compareDeadlines);
        for (let i = 1; i < sorted.length; i++) {
          expect(lastDay(sorted[i - 1]!) <= lastDay(sorted[i]!)).toBe(true);
          expect(compareDeadlines(sorted[i - 1]!, sorted[i]!)).toBeLessThanOrEqual(0);
        }
        const reversed = [...deadlines].reverse().sort(compareDeadlines);
        expect(reversed.map(canonicalDeadline)).toEqual(sorted.map(canonicalDeadline));
      }),
    );
  });

  it('is transitive', () => {
    fc.assert(
      fc.property(deadlineArb, deadlineArb, deadlineArb, (a, b, c) => {
        if (compareDeadlines(a, b) <= 0 && compareDeadlines(b, c) <= 0) {
          expect(compareDeadlines(a, c)).toBeLessThanOrEqual(0);
        }
      }),
    );
  });

  it('never throws on arbitrary or near-miss text, and what it accepts is stable', () => {
    const token = fc.constantFrom(
      'Q',
      'H',
      'T',
      '1',
      '2',
      '5',
      '13',
      '31',
      '.',
      '-',
      '/',
      ':a',
      ' ',
      '2026',
      '1999',
      'kvartal',
      'halvår',
      'tertial',
      'marts',
      'mars',
      'March',
      'ultimo',
      'den',
      'af',
      'første',
    );
    const nearMiss = fc.array(token, { maxLength: 6 }).map((tokens) => tokens.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 40 }), nearMiss), (text) => {
        const result = parseDeadline(text);
        if (result.ok) expect(parseDeadline(canonicalDeadline(result.value))).toEqual(result);
      }),
    );
  });
});
