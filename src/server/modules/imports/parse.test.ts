import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../domain/i18n.js';
import { messages } from '../../i18n/messages.js';
import {
  boolValue,
  choiceOptions,
  choiceValue,
  columnOfHeader,
  columnText,
  headerText,
  isAllWord,
  normalizeWord,
  sheetName,
  sheetOfName,
  sheets,
} from './columns.js';
import { checkFile, zipEntries } from './file.js';
import { columnLetter } from './parse.js';

describe('the layout', () => {
  it('has no header that means two columns of one sheet, in any language', () => {
    for (const sheet of sheets) {
      const seen = new Map<string, string>();
      for (const c of sheet.columns) {
        for (const l of LOCALES) {
          const header = columnText(sheet, c, 'header', l);
          const word = normalizeWord(header);
          expect(seen.get(word) ?? c.key, `${sheet.key}: "${header}"`).toBe(c.key);
          seen.set(word, c.key);
          expect(columnOfHeader(sheet, headerText(sheet, c, l))?.column.key).toBe(c.key);
        }
      }
      for (const l of LOCALES) {
        const name = sheetName(sheet, l);
        expect(sheetOfName(name)?.key).toBe(sheet.key);
        // Excel's limits on sheet names
        expect(name.length).toBeLessThanOrEqual(31);
        expect(name).not.toMatch(/[[\]:*?/\\]/);
      }
    }
  });

  it('finds every text of every column in the catalogue, and the catalogue has none that no column uses', () => {
    const used = new Set(['importsColumns.instructions.name']);
    for (const sheet of sheets) {
      used.add(`importsColumns.${sheet.key}.name`).add(`importsColumns.${sheet.key}.rowIs`);
      for (const c of sheet.columns) for (const text of ['header', 'help', 'example'] as const) used.add(`importsColumns.${sheet.key}.${c.key}.${text}`);
    }
    const entries = Object.keys(messages).filter((code) => code.startsWith('importsColumns.') && !/^importsColumns\.(choice|words)\./.test(code));
    expect(entries.sort()).toEqual([...used].sort());
  });

  it('reads the choice and yes/no words of every language', () => {
    expect(choiceValue('grade', 'Rød')).toBe('red');
    expect(choiceValue('grade', 'röd')).toBe('red');
    expect(choiceValue('grade', ' Less  significant ')).toBe('green');
    expect(choiceValue('grade', 'lilla')).toBeNull();
    expect(choiceValue('reportKind', 'Løbende revision')).toBe('ongoingAudit');
    expect(choiceValue('reportKind', 'review')).toBe('review');
    // a word as the template's drop-down writes it with a synonym in brackets
    expect(choiceValue('grade', 'Gul (Væsentlig)')).toBe('yellow');
    expect(choiceOptions('grade', 'sv')).toEqual(['röd', 'gul', 'grön']);
    expect(choiceOptions('reportKind', 'en')).toEqual(['annual accounts', 'ongoing audit', 'review']);
    expect([isAllWord('Alla förvaltningar'), isAllWord('ALL'), isAllWord('BUF')]).toEqual([true, true, false]);
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
