import { describe, expect, it } from 'vitest';
import { maskCpr, maskCprBytes, maskCprInText } from './cpr.js';

describe('CPR masking', () => {
  it('keeps the birth date part of a CPR field', () => {
    expect(maskCpr('0101901234')).toBe('010190-****');
    expect(maskCpr(' 010190-1234 ')).toBe('010190-****');
    expect(maskCpr('12345')).toBe('******-****');
    expect(maskCpr('  ')).toBe('');
  });

  it('masks CPR-shaped numbers inside a text and leaves other numbers alone', () => {
    expect(maskCprInText('Tilskud 0101901234 og 020280-2345, bilag 12345678901, konto 52010000, 030370 3456')).toBe(
      'Tilskud 010190-**** og 020280-****, bilag 12345678901, konto 52010000, 030370-****',
    );
  });

  it('masks the same numbers in bytes, in place, within the given range only', () => {
    const text = 'S1;0101901234;x 020280-2345 y;12345678901;030370 3456;0404604567';
    const b = Buffer.from(text, 'latin1');
    const end = text.lastIndexOf(';');
    maskCprBytes(b, 0, end);
    expect(b.toString('latin1')).toBe('S1;010190****;x 020280-**** y;12345678901;030370 ****;0404604567');
    // over the whole line nothing CPR-shaped is left
    const all = Buffer.from(text, 'latin1');
    maskCprBytes(all, 0, all.length);
    expect(all.toString('latin1')).not.toMatch(/(?<![0-9])[0-9]{6}[- ]?[0-9]{4}(?![0-9])/);
    expect(all.toString('latin1')).toContain('12345678901');
  });
});
