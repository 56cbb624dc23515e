import { describe, expect, it } from 'vitest';
import { csvCell, defuseFormula, isFormulaLike, mayStartFormula } from './csv.js';

describe('csv cells', () => {
  it('defuses what a spreadsheet runs as a formula, and quotes what needs it', () => {
    expect(csvCell('=2+2', ';')).toBe("'=2+2");
    expect(csvCell('@SUM(A1)', ';')).toBe("'@SUM(A1)");
    expect(csvCell('+cmd|x', ';')).toBe("'+cmd|x");
    expect(csvCell('-2+3', ';')).toBe("'-2+3");
    expect(csvCell('\t=1', ';')).toBe("'\t=1");
    expect(csvCell('\r=1', ';')).toBe(`"'\r=1"`);
    expect(csvCell('=HYPERLINK("http://x")', ';')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('a;b', ';')).toBe('"a;b"');
    expect(csvCell('a;b', ',')).toBe('a;b');
    expect(csvCell(null, ';')).toBe('');
    expect(csvCell({ a: 1 }, ',')).toBe('"{""a"":1}"');
  });

  it('leaves a number a number: negative amounts, Danish and English decimals, a phone number', () => {
    for (const n of ['-1.234,50', '-1234.50', '+45 12 34 56 78', '-5', '42', '1.234,50']) {
      expect(isFormulaLike(n), n).toBe(false);
      expect(csvCell(n, ';'), n).toBe(n);
    }
    expect(csvCell(-12, ';')).toBe('-12');
    expect(defuseFormula('-')).toBe("'-");
    expect(defuseFormula('-1,5 kr')).toBe("'-1,5 kr");
  });

  it('names the bytes a formula can start with', () => {
    expect([...'=+-@\t\r'].every((c) => mayStartFormula(c.charCodeAt(0)))).toBe(true);
    expect([...'a1 "\''].some((c) => mayStartFormula(c.charCodeAt(0)))).toBe(false);
    expect(mayStartFormula(undefined)).toBe(false);
  });
});
