import { describe, expect, it } from 'vitest';
import { editable, kr, krOre, readAmount } from './money';

describe('balance amounts in the browser', () => {
  it('shows øre as whole kroner per locale', () => {
    expect(kr(-59_812_400, 'da')).toBe('-598.124');
    expect(kr(-59_812_400, 'sv')).toBe('-598\u00a0124');
    expect(kr(-59_812_400, 'en')).toBe('-598,124');
    expect(krOre(123_456, 'da')).toBe('1.234,56');
  });

  it('reads amounts typed the reader’s way into øre, never rounding', () => {
    expect(readAmount('1.234,56', 'da')).toEqual({ ok: true, value: 123_456 });
    expect(readAmount('-598.124', 'da')).toEqual({ ok: true, value: -59_812_400 });
    expect(readAmount('1 234,56', 'sv')).toEqual({ ok: true, value: 123_456 });
    expect(readAmount('1\u00a0234\u00a0567,8', 'sv')).toEqual({ ok: true, value: 123_456_780 });
    expect(readAmount('1.234,56', 'sv')).toEqual({ ok: true, value: 123_456 });
    expect(readAmount('1,234.56', 'en')).toEqual({ ok: true, value: 123_456 });
    expect(readAmount('1,234.56', 'da').ok).toBe(false);
    expect(readAmount('12 34', 'sv').ok).toBe(false);
    expect(readAmount('1,234', 'da').ok).toBe(false);
    expect(readAmount('0,005', 'da').ok).toBe(false);
  });

  it('puts a saved amount back into the form as it would be typed', () => {
    for (const lang of ['da', 'sv', 'en'] as const) {
      for (const ore of [0, 7, -1, 123_456, -59_812_400]) expect(readAmount(editable(ore, lang), lang)).toEqual({ ok: true, value: ore });
    }
  });
});
