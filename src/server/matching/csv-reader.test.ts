import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashKeyFrom } from '../../domain/matching/hash.js';
import { NO_DAY, type KeyField } from '../../domain/matching/types.js';
import { daysFromCivil } from './bytes.js';
import { allocColumns, bufferInput, duplicateKeys, readCsv, type SideRead } from './csv-reader.js';
import { SourceError } from './errors.js';
import { parseSourceConfig, type SourceConfigInput } from './source-config.js';

const hashKey = hashKeyFrom(randomBytes(32));

const memInput = bufferInput;

const baseColumns = { amount: 'Beløb', date: 'Dato', caseId: 'Sag', cpr: 'CPR', text: 'Tekst' };

function read(
  csv: string | Uint8Array,
  config: Partial<SourceConfigInput> = {},
  opts: { chunkSize?: number; step?: number; keyFields?: KeyField[]; groupFields?: KeyField[] } = {},
): SideRead {
  const bytes = typeof csv === 'string' ? Buffer.from(csv, 'utf8') : csv;
  return readCsv(memInput(bytes, opts.step), parseSourceConfig({ columns: baseColumns, ...config }), {
    keyFields: opts.keyFields ?? ['caseId', 'cpr'],
    groupFields: opts.groupFields ?? ['cpr'],
    hashKey,
    chunkSize: opts.chunkSize,
  });
}

function err(f: () => unknown): SourceError {
  try {
    f();
  } catch (e) {
    if (e instanceof SourceError) return e;
    throw e;
  }
  throw new Error('expected a SourceError');
}

const amounts = (r: SideRead) => Array.from(r.columns.amount.subarray(0, r.columns.n));
const lines = (r: SideRead) => Array.from(r.columns.line.subarray(0, r.columns.n));
const keys = (r: SideRead) => Array.from({ length: r.columns.n }, (_, i) => `${r.columns.keyHi[i]}:${r.columns.keyLo[i]}`);

const simple = 'Sag;CPR;Dato;Beløb;Tekst\nS1;010190-1234;31-01-2026;1.234,56;Husleje\nS2;020290-2345;01-01-2026;-10;Tilbagebetaling\n';

describe('csv reader', () => {
  it('reads amounts in øre, dates as days and line numbers', () => {
    const r = read(simple);
    expect(r.columns.n).toBe(2);
    expect(amounts(r)).toEqual([123456, -1000]);
    expect(Array.from(r.columns.day.subarray(0, 2))).toEqual([daysFromCivil(2026, 1, 31), daysFromCivil(2026, 1, 1)]);
    expect(lines(r)).toEqual([2, 3]);
    expect(r.header).toEqual(['Sag', 'CPR', 'Dato', 'Beløb', 'Tekst']);
    expect(r.offset[0]).toBe(simple.indexOf('S1') + 1); // 'ø' is two bytes in UTF-8
  });

  it('gives the same result for every chunk size and read size (records split across chunks)', () => {
    const big =
      simple + 'S3;"030390-3456";"15-01-2026";"7,5";"tekst med ; og\nlinjeskift og ""citat"""\r\nS4;040490-4567;02-01-2026;0,01;sidste linje uden linjeskift';
    const ref = read(big);
    expect(ref.columns.n).toBe(4);
    expect(lines(ref)).toEqual([2, 3, 4, 6]);
    for (const chunkSize of [4, 5, 7, 16, 33, 64]) {
      for (const step of [1, 3, 1000]) {
        const r = read(big, {}, { chunkSize, step });
        expect(amounts(r)).toEqual(amounts(ref));
        expect(lines(r)).toEqual(lines(ref));
        expect(keys(r)).toEqual(keys(ref));
        expect(Array.from(r.offset.subarray(0, 4))).toEqual(Array.from(ref.offset.subarray(0, 4)));
      }
    }
  });

  it('handles CRLF, a BOM, blank lines and a last line without a newline', () => {
    const crlf = '\uFEFF' + simple.replaceAll('\n', '\r\n').trimEnd() + '\r\n\r\n';
    const r = read(crlf);
    expect(amounts(r)).toEqual([123456, -1000]);
    expect(lines(r)).toEqual([2, 3]);
    expect(keys(r)).toEqual(keys(read(simple)));
    expect(amounts(read(simple.trimEnd()))).toEqual([123456, -1000]);
  });

  it('reads lone-CR line endings', () => {
    expect(amounts(read(simple.replaceAll('\n', '\r')))).toEqual([123456, -1000]);
  });

  it('hashes a Windows-1252 file like the same UTF-8 file, and a CPR with or without the dash alike', () => {
    const text = 'Sag;CPR;Dato;Beløb;Tekst\nSøren-Æble;010190-1234;31-01-2026;5;x\n';
    const utf8 = read(text);
    const cp = Buffer.from(text, 'latin1'); // ø, Æ are the same bytes in Windows-1252
    const r1252 = read(cp, { encoding: 'windows-1252' });
    expect(r1252.header[3]).toBe('Beløb');
    expect(keys(r1252)).toEqual(keys(utf8));
    expect(keys(read(text.replace('010190-1234', '0101901234')))).toEqual(keys(utf8));
    expect(keys(read(text.replace('010190-1234', '0101901235')))).not.toEqual(keys(utf8));
    // a UTF-8 BOM wins over a configured windows-1252
    expect(keys(read('\uFEFF' + text, { encoding: 'windows-1252' }))).toEqual(keys(utf8));
  });

  it('undoes doubled quotes and trims spaces before hashing keys', () => {
    const a = read('Sag;CPR;Dato;Beløb;Tekst\n"A""B";1;01-01-2026;1;x\n');
    const b = read('Sag;CPR;Dato;Beløb;Tekst\n  A"B ;1;01-01-2026;1;x\n');
    expect(keys(a)).toEqual(keys(b));
  });

  it('hashes the group key apart from the key', () => {
    const r = read('Sag;CPR;Dato;Beløb;Tekst\nS1;1;01-01-2026;1;x\nS2;1;01-01-2026;1;x\n');
    expect(r.columns.keyLo[0]).not.toBe(r.columns.keyLo[1]);
    expect(r.columns.groupLo[0]).toBe(r.columns.groupLo[1]);
    expect(r.columns.groupHi[0]).toBe(r.columns.groupHi[1]);
  });

  it.each([
    [{ delimiter: ',' as const, decimal: '.' as const }, 'Sag,CPR,Dato,Beløb,Tekst\nS1,1,31-01-2026,"1,234.50",x\n', 123450],
    [{ delimiter: '\t' as const }, 'Sag\tCPR\tDato\tBeløb\tTekst\nS1\t1\t31-01-2026\t12,5\tx\n', 1250],
    [{ delimiter: '|' as const }, 'Sag|CPR|Dato|Beløb|Tekst\nS1|1|31-01-2026|12,50-|x\n', -1250],
    [{ negate: true }, 'Sag;CPR;Dato;Beløb;Tekst\nS1;1;31-01-2026;+12;x\n', -1200],
  ])('format options %j', (config, csv, expected) => {
    expect(amounts(read(csv, config))).toEqual([expected]);
  });

  it.each([
    ['dd-mm-yyyy', '31-01-2026'],
    ['dd-mm-yyyy', '31-1-2026'],
    ['dd.mm.yyyy', '31.01.2026'],
    ['dd/mm/yyyy', '31/01/2026'],
    ['yyyy-mm-dd', '2026-01-31'],
    ['yyyy-mm-dd', '2026-01-31T00:00:00'],
    ['yyyymmdd', '20260131'],
  ] as const)('date format %s reads %s', (dateFormat, value) => {
    const r = read(`Sag;CPR;Dato;Beløb;Tekst\nS1;1;${value};1;x\n`, { dateFormat });
    expect(r.columns.day[0]).toBe(daysFromCivil(2026, 1, 31));
  });

  it('an empty date is no date', () => {
    expect(read('Sag;CPR;Dato;Beløb;Tekst\nS1;1;;1;x\n').columns.day[0]).toBe(NO_DAY);
  });

  it('matches header names case-insensitively and trimmed; unmapped columns may be missing', () => {
    const r = read(' sag ;cpr;DATO;beløb\nS1;1;01-01-2026;1\n', { columns: { amount: 'Beløb', date: 'Dato', caseId: 'Sag', cpr: 'CPR' } });
    expect(r.columns.n).toBe(1);
  });
});

describe('csv reader errors', () => {
  it('wrong delimiter', () => {
    const e = err(() => read(simple.replaceAll(';', ',')));
    expect(e.code).toBe('wrong_delimiter');
    expect(e.line).toBe(1);
    expect(e.message).toContain("is the delimiter ';'?");
    expect(e.message).toContain("contains ','");
  });

  it('missing column names the column and lists the header', () => {
    const e = err(() => read(simple.replace('Beløb', 'Belob')));
    expect(e.code).toBe('missing_column');
    expect(e.message).toContain('"Beløb"');
    expect(e.message).toContain('"Belob"');
  });

  it('rules keyed on a field the source does not map', () => {
    const e = err(() => read(simple, {}, { keyFields: ['account'] }));
    expect(e.code).toBe('missing_key_column');
  });

  it('non-numeric amount names the line, column and value', () => {
    const e = err(() => read(simple + 'S3;1;01-01-2026;12 kr;x\n'));
    expect(e.code).toBe('bad_amount');
    expect(e.line).toBe(4);
    expect(e.column).toBe(4);
    expect(e.message).toContain('"12 kr"');
  });

  it.each([
    ['1,234', 123400],
    ['1.5', 150],
    ['1,234,567.89', 123456789],
    ['1.50000', 150],
  ])('accepts amount %s with decimal point', (v, ore) => {
    expect(amounts(read(`Sag;CPR;Dato;Beløb;Tekst\nS1;1;01-01-2026;"${v}";x\n`, { decimal: '.' }))).toEqual([ore]);
  });

  it.each(['1..0', '-', '1,2.3', '12,5', '1,2345', '1.234', '1.5e3', '1.001', ''])('rejects amount %s with decimal point', (v) => {
    expect(err(() => read(`Sag;CPR;Dato;Beløb;Tekst\nS1;1;01-01-2026;"${v}";x\n`, { decimal: '.' })).code).toBe('bad_amount');
  });

  it('never puts a CPR number in a message', () => {
    const e = err(() => read('Sag;CPR;Dato;Beløb;Tekst\nS1;1;01-01-2026;010190-1234;x\n'));
    expect(e.message).not.toContain('1234');
  });

  it('empty file, and header only', () => {
    expect(err(() => read('')).code).toBe('empty_file');
    expect(err(() => read('\uFEFF\r\n\n')).code).toBe('empty_file');
    const r = read('Sag;CPR;Dato;Beløb;Tekst\n');
    expect(r.columns.n).toBe(0);
    expect(r.warnings.map((w) => w.code)).toEqual(['no_rows']);
  });

  it.each(['32-01-2026', '29-02-2026', '2026-01-31', '31-01-26', 'i går'])('bad date %s', (v) => {
    const e = err(() => read(`Sag;CPR;Dato;Beløb;Tekst\nS1;1;01-01-2026;1;x\nS1;1;${v};1;x\n`));
    expect(e.code).toBe('bad_date');
    expect(e.line).toBe(3);
    expect(e.column).toBe(3);
  });

  it('too few columns on a line', () => {
    const e = err(() => read(simple + 'S3;1\n'));
    expect(e.code).toBe('too_few_columns');
    expect(e.line).toBe(4);
  });

  it('an unterminated quote and a stray character after a quote', () => {
    expect(err(() => read(simple + 'S3;"1;01-01-2026;1;x\n')).code).toBe('unterminated_quote');
    const e = err(() => read(simple + 'S3;"1"x;01-01-2026;1;x\n'));
    expect(e.code).toBe('bad_quote');
    expect(e.line).toBe(4);
  });

  it('UTF-16 is refused with a clear message', () => {
    const e = err(() => read(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(simple, 'utf16le')])));
    expect(e.code).toBe('unsupported_encoding');
  });

  it('duplicate keys are legal but warned about with their lines', () => {
    const r = read(simple + 'S1;010190-1234;15-01-2026;1234,56;igen\nS1;0101901234;16-01-2026;1234,56;og igen\n');
    expect(r.columns.n).toBe(4);
    const w = r.warnings.find((x) => x.code === 'duplicate_keys');
    expect(w?.count).toBe(2);
    expect(w?.lines).toEqual([4, 5]);
    expect(w?.message).toContain('line 4 repeats line 2');
  });
});

describe('duplicate keys', () => {
  it('counts and reports the first duplicates like a plain Map does (partitioned path)', () => {
    for (const n of [50, 100_000]) {
      const { columns: c } = allocColumns(n);
      c.n = n;
      let seed = 12345 + n;
      const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
      for (let i = 0; i < n; i++) {
        const k = rnd() % (n * 2);
        c.keyHi[i] = Math.imul(k, 0x9e3779b1) >>> 0;
        c.keyLo[i] = k;
        c.amount[i] = (rnd() % 3) * 100 - 100;
        c.line[i] = i + 2;
      }
      const seen = new Map<string, number>();
      const ref: Array<[number, number]> = [];
      for (let i = 0; i < n; i++) {
        const key = `${c.keyHi[i]}:${c.keyLo[i]}:${c.amount[i]}`;
        const j = seen.get(key);
        if (j === undefined) seen.set(key, i);
        else ref.push([i + 2, j + 2]);
      }
      const w = duplicateKeys(c);
      expect(w?.count).toBe(ref.length);
      expect(w?.lines).toEqual(ref.slice(0, 5).map(([i]) => i));
      expect(w?.message).toContain(
        ref
          .slice(0, 5)
          .map(([i, j]) => `line ${i} repeats line ${j}`)
          .join(', '),
      );
    }
  });
});
