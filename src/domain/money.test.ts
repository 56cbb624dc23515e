import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOCALES } from './i18n.js';
import { divideRounded, formatAmount, kronerToOre, parseAmount, roundHalfAwayFromZero, sumOre, toKroner, toThousands, type AmountFormat } from './money.js';

function ore(input: string, format: AmountFormat): number {
  const r = parseAmount(input, format);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(input)} to parse as ${format}: ${r.error.message.en}`);
  return r.value;
}

function errorCode(input: string, format: AmountFormat): string {
  const r = parseAmount(input, format);
  if (r.ok) throw new Error(`expected ${JSON.stringify(input)} to be refused as ${format}, got ${r.value}`);
  return r.error.code;
}

describe('parseAmount', () => {
  it.each<[string, number]>([
    ['1.234,56', 123_456],
    ['-598.124', -59_812_400],
    ['1234,5', 123_450],
    ['0,07', 7],
    ['0', 0],
    ['-0', 0],
    ['+12', 1_200],
    ['1.234', 123_400],
    ['12.345.678,9', 1_234_567_890],
    ['  2.412  ', 241_200],
    ['\u22121,5', -150],
  ])('da %j → %i øre', (input, expected) => {
    expect(ore(input, 'da')).toBe(expected);
  });

  it.each<[string, number]>([
    ['1,234.56', 123_456],
    ['-598,124', -59_812_400],
    ['1234.5', 123_450],
    ['0.07', 7],
    ['1,234', 123_400],
  ])('en %j → %i øre', (input, expected) => {
    expect(ore(input, 'en')).toBe(expected);
  });

  it.each<[string, AmountFormat, string]>([
    ['', 'da', 'amount.empty'],
    ['   ', 'en', 'amount.empty'],
    ['1,234.56', 'da', 'amount.otherFormat'],
    ['1.234,56', 'en', 'amount.otherFormat'],
    ['12.34', 'da', 'amount.otherFormat'],
    ['1,234', 'da', 'amount.otherFormat'],
    ['1.234', 'en', 'amount.otherFormat'],
    ['1,2,3', 'da', 'amount.invalid'],
    ['1.2.3', 'en', 'amount.invalid'],
    ['1,2,3', 'en', 'amount.invalid'],
    ['1,23,45', 'da', 'amount.invalid'],
    ['12.34.567', 'da', 'amount.invalid'],
    ['1234.567,5', 'da', 'amount.invalid'],
    ['1.23,4', 'da', 'amount.invalid'],
    ['1,2345', 'da', 'amount.tooManyDecimals'],
    ['1,234', 'da', 'amount.otherFormat'],
    ['0.125', 'en', 'amount.tooManyDecimals'],
    ['NaN', 'da', 'amount.invalid'],
    ['Infinity', 'en', 'amount.invalid'],
    ['1e5', 'en', 'amount.invalid'],
    ['12 kr', 'da', 'amount.invalid'],
    ['--5', 'da', 'amount.invalid'],
    [',5', 'da', 'amount.invalid'],
    ['5,', 'da', 'amount.invalid'],
    ['90071992547409,92', 'da', 'amount.tooLarge'],
    ['99999999999999999999', 'en', 'amount.tooLarge'],
  ])('refuses %j under %s (%s)', (input, format, code) => {
    expect(errorCode(input, format)).toBe(code);
  });

  it('accepts the largest safe amount and refuses one øre more', () => {
    expect(ore('90071992547409,91', 'da')).toBe(Number.MAX_SAFE_INTEGER);
    expect(ore('-90,071,992,547,409.91', 'en')).toBe(-Number.MAX_SAFE_INTEGER);
  });

  it('says which format it expects, in every language', () => {
    const r = parseAmount('1,234.56', 'da');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message.da).toContain('1.234,56');
    expect(r.error.message.en).toContain('Danish format');
    expect(r.error.message.sv).toContain('danskt format');
    const e = parseAmount('1.234,56', 'en');
    if (e.ok) throw new Error('expected a refusal');
    expect(e.error.message.en).toContain('English format');
    expect(e.error.message.da).toContain('1,234.56');
  });

  const safeOre = fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });

  it('round-trips every formatted amount (da and en, with øre)', () => {
    fc.assert(
      fc.property(safeOre, fc.constantFrom<AmountFormat>('da', 'en'), (value, format) => {
        expect(ore(formatAmount(value, format, 'kr', { decimals: 2 }), format)).toBe(value);
      }),
    );
  });

  it('round-trips whole kroner without grouping and without decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom<AmountFormat>('da', 'en'), (kr, format) => {
        expect(ore(String(kr), format)).toBe(kr === 0 ? 0 : kr * 100);
      }),
    );
  });

  it('never reads a grouped amount of one format as a different number in the other', () => {
    fc.assert(
      fc.property(safeOre, (value) => {
        for (const [from, to] of [
          ['da', 'en'],
          ['en', 'da'],
        ] as const) {
          const text = formatAmount(value, from, 'kr', { decimals: 2 });
          const other = parseAmount(text, to);
          // Either refused, or (only possible without separators) the same value.
          if (other.ok) expect(other.value).toBe(value);
        }
      }),
    );
  });
});

describe('rounding', () => {
  it('rounds halves away from zero, unlike Math.round', () => {
    expect(Math.round(-1.5)).toBe(-1);
    expect(roundHalfAwayFromZero(-1.5)).toBe(-2);
    expect(roundHalfAwayFromZero(1.5)).toBe(2);
    expect(roundHalfAwayFromZero(2.5)).toBe(3);
    expect(roundHalfAwayFromZero(-2.4)).toBe(-2);
    expect(Object.is(roundHalfAwayFromZero(-0.4), 0)).toBe(true);
    expect(() => roundHalfAwayFromZero(Number.NaN)).toThrow(RangeError);
  });

  it('toThousands: -1,500 kr → -2 t.kr., 1,499.99 kr → 1, -1,499.99 kr → -1', () => {
    expect(toThousands(-150_000)).toBe(-2);
    expect(toThousands(150_000)).toBe(2);
    expect(toThousands(149_999)).toBe(1);
    expect(toThousands(-149_999)).toBe(-1);
    expect(toThousands(-59_812_400)).toBe(-598);
    expect(toThousands(1_494_800)).toBe(15);
    expect(toThousands(49_999)).toBe(0);
    expect(Object.is(toThousands(-49_999), 0)).toBe(true);
    expect(toKroner(-50)).toBe(-1);
    expect(toKroner(49)).toBe(0);
  });

  it('is symmetric in sign', () => {
    fc.assert(
      fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (v) => {
        const t = toThousands(v);
        const k = toKroner(v);
        expect(toThousands(-v)).toBe(t === 0 ? 0 : -t);
        expect(toKroner(-v)).toBe(k === 0 ? 0 : -k);
      }),
    );
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (x) => {
        const a = roundHalfAwayFromZero(x);
        const b = roundHalfAwayFromZero(-x);
        expect(a === 0 ? 0 : -a).toBe(b);
      }),
    );
  });

  it('divideRounded is within half a unit and agrees with exact BigInt arithmetic', () => {
    fc.assert(
      fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 1, max: 10_000_000 }), (n, d) => {
        const q = divideRounded(n, d);
        const abs = BigInt(Math.abs(n));
        const big = BigInt(d);
        const expectedMagnitude = (abs * 2n + big) / (2n * big);
        expect(BigInt(Math.abs(q))).toBe(expectedMagnitude);
        if (q !== 0) expect(Math.sign(q)).toBe(Math.sign(n));
      }),
    );
  });

  it('sumOre refuses fractions and overflow', () => {
    expect(sumOre([1, 2, -3])).toBe(0);
    expect(() => sumOre([0.5])).toThrow(RangeError);
    expect(() => sumOre([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
    expect(kronerToOre(-598_124)).toBe(-59_812_400);
  });
});

describe('formatAmount', () => {
  it('prints the reports’ forms', () => {
    expect(formatAmount(241_200_000, 'da', 't.kr.')).toBe('2.412');
    expect(formatAmount(-59_812_400, 'da', 'kr')).toBe('-598.124');
    expect(formatAmount(241_200_000, 'sv', 't.kr.')).toBe('2\u00a0412');
    expect(formatAmount(241_200_000, 'en', 't.kr.')).toBe('2,412');
    expect(formatAmount(-150_000, 'da', 't.kr.')).toBe('-2');
    expect(formatAmount(-49_999, 'en', 't.kr.')).toBe('0');
    expect(formatAmount(123_456, 'da', 'kr', { decimals: 2 })).toBe('1.234,56');
    expect(formatAmount(-7, 'en', 'kr', { decimals: 2 })).toBe('-0.07');
    expect(formatAmount(1_667_122_500_000, 'da', 't.kr.')).toBe('16.671.225');
  });

  it('is the rounded value with the locale’s grouping in every locale', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), fc.constantFrom(...LOCALES), (v, locale) => {
        const printed = formatAmount(v, locale, 't.kr.');
        const digits = printed.replace(/[.,\u00a0]/g, '');
        expect(Number(digits)).toBe(toThousands(v) === 0 ? 0 : toThousands(v));
      }),
    );
  });

  it('refuses non-integer øre', () => {
    expect(() => formatAmount(1.5, 'da', 'kr')).toThrow(RangeError);
  });
});
