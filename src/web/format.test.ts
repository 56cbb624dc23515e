import { describe, expect, it } from 'vitest';
import { formatDay, formatNumber, parseDay } from './format';

describe("numbers and dates in the reader's format", () => {
  it('formats numbers the Danish and Swedish way', () => {
    expect(formatNumber(-598124, 'da')).toBe('-598.124');
    expect(formatNumber(-598124, 'sv').replace(/\s/g, ' ')).toBe('−598 124');
  });

  it('formats days as da 31.03.2025, sv 2025-03-31', () => {
    expect(formatDay('2025-03-31', 'da')).toBe('31.03.2025');
    expect(formatDay('2025-03-31', 'sv')).toBe('2025-03-31');
    expect(formatDay('2025-03-31', 'en')).toBe('31/03/2025');
  });

  it.each([
    ['31.03.2025', '2025-03-31'],
    ['1.4.2025', '2025-04-01'],
    ['31/03/2025', '2025-03-31'],
    ['2025-03-31', '2025-03-31'],
    [' 2025-3-1 ', '2025-03-01'],
    ['31.02.2025', null],
    ['2025-13-01', null],
    ['marts 2025', null],
    ['', null],
  ])('reads %j as %j', (text, iso) => {
    expect(parseDay(text)).toBe(iso);
  });

  it('reads back what it writes, in every language', () => {
    for (const lang of ['da', 'sv', 'en'] as const) expect(parseDay(formatDay('2026-11-25', lang))).toBe('2026-11-25');
  });
});
