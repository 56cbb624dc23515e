import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { hashKeyFrom } from '../../domain/matching/hash.js';
import { daysFromCivil } from './bytes.js';
import { bufferInput as memInput, readCsv } from './csv-reader.js';
import { SourceError } from './errors.js';
import { parseSourceConfig } from './source-config.js';
import { readXlsx, readXlsxRows } from './xlsx-reader.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilsyn-xlsx-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const hashKey = hashKeyFrom(randomBytes(32));
const columns = { amount: 'Beløb', date: 'Dato', caseId: 'Sag', cpr: 'CPR', text: 'Tekst' };
const opts = { keyFields: ['caseId', 'cpr'] as const, groupFields: ['cpr'] as const, hashKey };

async function workbook(name: string, rows: unknown[][], sheet = 'Udtræk'): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Forside').addRow(['ikke denne']);
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

describe('xlsx reader', () => {
  it('reads numbers, date cells, text amounts and dates, and hashes keys like the CSV reader', async () => {
    const file = await workbook('a.xlsx', [
      [],
      ['Sag', 'CPR', 'Dato', 'Beløb', 'Tekst'],
      ['S1', '010190-1234', new Date(Date.UTC(2026, 0, 31)), 1234.56, 'a'],
      ['S2', '0202902345', '15-01-2026', '-10,50', 'b'],
      [],
      ['S3', '030390-3456', 46037, 7, 'serial date'],
    ]);
    const config = parseSourceConfig({ format: 'xlsx', sheet: 'udtræk', columns });
    const r = await readXlsx(file, config, { ...opts, keyFields: [...opts.keyFields], groupFields: [...opts.groupFields] });
    expect(r.columns.n).toBe(3);
    expect(Array.from(r.columns.amount.subarray(0, 3))).toEqual([123456, -1050, 700]);
    expect(Array.from(r.columns.day.subarray(0, 3))).toEqual([daysFromCivil(2026, 1, 31), daysFromCivil(2026, 1, 15), 46037 - 25569]);
    expect(Array.from(r.columns.line.subarray(0, 3))).toEqual([3, 4, 6]);
    expect(Array.from(r.offset.subarray(0, 3))).toEqual([3, 4, 6]);
    // same keys as a CSV with the same values
    const csv = readCsv(
      memInput(Buffer.from('Sag;CPR;Dato;Beløb;Tekst\nS1;010190-1234;31-01-2026;1;a\nS2;020290-2345;15-01-2026;1;b\n')),
      parseSourceConfig({ columns }),
      { ...opts, keyFields: [...opts.keyFields], groupFields: [...opts.groupFields] },
    );
    expect(r.columns.keyLo[0]).toBe(csv.columns.keyLo[0]);
    expect(r.columns.keyHi[1]).toBe(csv.columns.keyHi[1]);
    const rows = await readXlsxRows(file, config, new Set([4, 6]));
    expect(rows.get(4)).toEqual(['S2', '0202902345', '15-01-2026', '-10,50', 'b']);
    expect(rows.get(6)?.[4]).toBe('serial date');
  });

  it('errors: missing sheet, missing column, bad amount with row number, not a workbook', async () => {
    const file = await workbook('b.xlsx', [
      ['Sag', 'CPR', 'Dato', 'Beløb', 'Tekst'],
      ['S1', '1', '01-01-2026', 1.234, 'x'],
    ]);
    const o = { ...opts, keyFields: [...opts.keyFields], groupFields: [...opts.groupFields] };
    const err = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: unknown) => e as SourceError,
      );
    expect((await err(readXlsx(file, parseSourceConfig({ format: 'xlsx', sheet: 'Nope', columns }), o)))?.code).toBe('sheet_not_found');
    const e = await err(readXlsx(file, parseSourceConfig({ format: 'xlsx', sheet: 'Udtræk', columns }), o));
    expect(e?.code).toBe('bad_amount');
    expect(e?.line).toBe(2);
    expect((await err(readXlsx(file, parseSourceConfig({ format: 'xlsx', sheet: 'Udtræk', columns: { ...columns, amount: 'Beløb DKK' } }), o)))?.code).toBe(
      'missing_column',
    );
    const notXlsx = path.join(dir, 'c.xlsx');
    fs.writeFileSync(notXlsx, 'Sag;CPR\n');
    expect((await err(readXlsx(notXlsx, parseSourceConfig({ format: 'xlsx', columns }), o)))?.code).toBe('bad_xlsx');
  });
});
