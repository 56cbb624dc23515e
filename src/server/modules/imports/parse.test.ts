import { describe, expect, it } from 'vitest';
import { boolValue, choiceValue, columnOfHeader, headerText, normalizeWord, sheetOfName, sheets } from './columns.js';
import { checkFile, zipEntries } from './file.js';
import { columnLetter } from './parse.js';

describe('the layout', () => {
  it('has no header that means two columns of one sheet, in any language', () => {
    for (const sheet of sheets) {
      const seen = new Map<string, string>();
      for (const c of sheet.columns) {
        for (const l of ['da', 'sv', 'en'] as const) {
          const word = normalizeWord(c.header[l]);
          expect(seen.get(word) ?? c.key, `${sheet.key}: "${c.header[l]}"`).toBe(c.key);
          seen.set(word, c.key);
          expect(columnOfHeader(sheet, headerText(c, l))?.column.key).toBe(c.key);
        }
      }
      for (const l of ['da', 'sv', 'en'] as const) {
        expect(sheetOfName(sheet.name[l])?.key).toBe(sheet.key);
        // Excel's limits on sheet names
        expect(sheet.name[l].length).toBeLessThanOrEqual(31);
        expect(sheet.name[l]).not.toMatch(/[[\]:*?/\\]/);
      }
    }
  });

  it('reads the choice and yes/no words of every language', () => {
    expect(choiceValue('grade', 'Rød')).toBe('red');
    expect(choiceValue('grade', 'röd')).toBe('red');
    expect(choiceValue('grade', ' Less  significant ')).toBe('green');
    expect(choiceValue('grade', 'lilla')).toBeNull();
    expect(choiceValue('reportKind', 'Løbende revision')).toBe('ongoingAudit');
    expect(choiceValue('reportKind', 'review')).toBe('review');
    expect([boolValue('Ja'), boolValue('yes'), boolValue('X'), boolValue('nej'), boolValue('No'), boolValue('måske')]).toEqual([
      true,
      true,
      true,
      false,
      false,
      null,
    ]);
  });

  it('names columns as Excel does', () => {
    expect([1, 26, 27, 52, 53, 702, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});

describe('the file check', () => {
  it('tells the formats apart by their bytes', () => {
    expect(checkFile(Buffer.alloc(0))).toEqual({ code: 'import.empty' });
    expect(checkFile(Buffer.from('%PDF-1.4'))).toEqual({ code: 'import.notXlsx', seems: 'pdf' });
    expect(checkFile(Buffer.from('a;b;c\n1;2;3\n'))).toEqual({ code: 'import.notXlsx', seems: 'text' });
    expect(checkFile(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toEqual({ code: 'import.damaged' });
    expect(checkFile(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...Buffer.from('EncryptedPackage', 'utf16le')]))).toEqual({
      code: 'import.encrypted',
    });
    expect(checkFile(Buffer.alloc(11, 1), 10)).toEqual({ code: 'import.tooLarge', limitMb: 10 / (1024 * 1024) });
    expect(zipEntries(Buffer.alloc(100))).toBeNull();
  });
});
