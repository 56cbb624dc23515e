import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32, createInflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { hashKeyFrom } from '../../domain/matching/hash.js';
import { parseSourceConfig } from '../matching/source-config.js';
import { readXlsx, readXlsxRows } from '../matching/xlsx-reader.js';
import { loadCheckedWorkbook, refusalProblem } from './safe-workbook.js';
import { bombs, entriesOf, gibOfZeros, zipOf } from './test-fixtures.js';
import { checkWorkbookBuffer, checkWorkbookFile, WORKBOOK_LIMITS, WorkbookRefused, type WorkbookLimits } from './zip-guard.js';

/**
 * The zip guard on its own: real workbooks pass and read the same through the re-packed archive;
 * every generated bomb is refused with the code of the limit it breaks, before its bytes are
 * inflated past that limit.
 */

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilsyn-zip-guard-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function workbook(rows: unknown[][], sheet = 'Ark1'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function refusal(p: Promise<unknown>): Promise<WorkbookRefused> {
  try {
    await p;
  } catch (err) {
    if (err instanceof WorkbookRefused) return err;
    throw err;
  }
  throw new Error('the workbook was not refused');
}

const bombList = bombs(
  await workbook([
    ['Konto', 'Saldo'],
    [1, 2],
  ]),
);

const limits = (over: Partial<WorkbookLimits>): WorkbookLimits => ({ ...WORKBOOK_LIMITS, ...over });

describe('zip guard', () => {
  it('passes a real workbook and exceljs reads the same values from the checked entries', async () => {
    const rows = [
      ['Konto', 'Periode', 'Saldo', 'Dato', 'Tekst'],
      [12345678, '2025-01', 1234.56, new Date(Date.UTC(2025, 0, 31)), 'Æble & <pære>'],
      [87654321, '2025-02', -0.5, new Date(Date.UTC(2025, 1, 28)), 'smørrebrød'],
    ];
    const bytes = await workbook(rows);
    const checked = await checkWorkbookBuffer(bytes);
    expect(checked.stats.cells).toBe(15);
    expect(checked.stats.rows).toBe(3);
    const files = entriesOf(bytes).filter((e) => !e.name.endsWith('/')); // folder entries are dropped
    expect(checked.stats.entries).toBe(files.length);
    expect(checked.stats.unpackedBytes).toBe(files.reduce((n, e) => n + e.data!.length, 0));
    // stored, not compressed: exactly the unpacked bytes plus headers
    expect(checked.bytes.length).toBeGreaterThan(checked.stats.unpackedBytes);
    const wb = await loadCheckedWorkbook(bytes);
    const ws = wb.getWorksheet('Ark1')!;
    expect(ws.getRow(2).values).toEqual([undefined, ...rows[1]!]);
    expect(ws.getRow(3).getCell(5).value).toBe('smørrebrød');
  });

  it('re-packs worksheets last, so a streaming reader has the shared strings first', async () => {
    const bytes = await workbook([['a'], ['b']]);
    const names = entriesOf((await checkWorkbookBuffer(bytes)).bytes).map((e) => e.name);
    expect(names.at(-1)).toBe('xl/worksheets/sheet1.xml');
    expect(names).toContain('xl/sharedStrings.xml');
    expect(names.indexOf('xl/sharedStrings.xml')).toBeLessThan(names.indexOf('xl/worksheets/sheet1.xml'));
  });

  it('writes a checked copy of a file that the matching XLSX reader reads (its central-directory sheet list included)', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Forside').addRow(['ikke denne']);
    const ws = wb.addWorksheet('Udtræk');
    ws.addRow(['Sag', 'Dato', 'Beløb']);
    ws.addRow(['S1', '05-11-2024', 12.5]);
    ws.addRow(['S2', '06-11-2024', -3]);
    const file = path.join(dir, 'extract.xlsx');
    await wb.xlsx.writeFile(file);
    const target = path.join(dir, 'extract.checked.xlsx');
    const stats = await checkWorkbookFile(file, target);
    expect(stats.cells).toBe(10);
    const config = parseSourceConfig({ format: 'xlsx', sheet: 'Udtræk', columns: { amount: 'Beløb', date: 'Dato', caseId: 'Sag' } });
    const read = await readXlsx(target, config, { keyFields: ['caseId'], groupFields: ['caseId'], hashKey: hashKeyFrom(randomBytes(32)) });
    expect(Array.from(read.columns.amount.subarray(0, read.columns.n))).toEqual([1250, -300]);
    expect((await readXlsxRows(target, config, new Set([3]))).get(3)).toEqual(['S2', '06-11-2024', '-3']);
  });

  it('removes the checked copy of a refused file', async () => {
    const file = path.join(dir, 'bomb.xlsx');
    fs.writeFileSync(file, bombs(await workbook([['a']]))[1]!.bytes);
    const target = path.join(dir, 'bomb.checked.xlsx');
    expect((await refusal(checkWorkbookFile(file, target))).code).toBe('xlsx.sizeMismatch');
    expect(fs.existsSync(target)).toBe(false);
  });

  it('the generated GiB of zeros really is 2^30 zeros in about a megabyte', async () => {
    const gib = gibOfZeros();
    expect(gib.bytes.length).toBeLessThan(1.1 * 1024 * 1024);
    // counted here without keeping the bytes (the guard never inflates this much)
    let size = 0;
    let crc = 0;
    let nonZero = 0;
    await pipeline(Readable.from([gib.bytes]), createInflateRaw(), async (out: AsyncIterable<Buffer>) => {
      for await (const chunk of out) {
        size += chunk.length;
        crc = crc32(chunk, crc);
        if (chunk.some((b) => b !== 0)) nonZero++;
      }
    });
    expect({ size, crc, nonZero }).toEqual({ size: 2 ** 30, crc: gib.crc, nonZero: 0 });
  }, 60_000);

  for (const bomb of bombList) {
    it(`refuses ${bomb.name}: ${bomb.status} ${bomb.code}`, async () => {
      const started = performance.now();
      const err = await refusal(checkWorkbookBuffer(bomb.bytes));
      expect(err.code).toBe(bomb.code);
      expect(err.status).toBe(bomb.status);
      // refused early: none of them costs the time of inflating a GiB
      expect(performance.now() - started).toBeLessThan(5_000);
    });
  }

  it('stops at the unpacked limit whatever is declared: the count, not the declaration, decides', async () => {
    const data = Buffer.alloc(300_000, 0x41);
    // honest declarations over the limit: refused before inflating
    expect((await refusal(checkWorkbookBuffer(zipOf([{ name: 'a.bin', data }]), limits({ maxUnpackedBytes: 200_000 })))).code).toBe('xlsx.unpackedTooLarge');
    // declared under the limit, real bytes over it: refused by the count, with the entry named
    const lying = await refusal(checkWorkbookBuffer(zipOf([{ name: 'a.bin', data, declaredSize: 100_000 }]), limits({ maxUnpackedBytes: 200_000 })));
    expect(lying.code).toBe('xlsx.sizeMismatch');
    expect(lying.entry).toBe('a.bin');
    // declared larger than real: the entry is damaged, not accepted
    expect((await refusal(checkWorkbookBuffer(zipOf([{ name: 'a.bin', data, declaredSize: 300_001 }])))).code).toBe('xlsx.sizeMismatch');
    // a wrong checksum
    const ok = zipOf([{ name: 'a.bin', data }]);
    const bad = Buffer.from(ok);
    bad.writeUInt32LE((bad.readUInt32LE(bad.length - 22 - 46 - 5 + 16) ^ 1) >>> 0, bad.length - 22 - 46 - 5 + 16);
    expect((await refusal(checkWorkbookBuffer(bad))).code).toBe('xlsx.damaged');
  });

  it('counts cells, rows, shared strings and elements across all parts, and nesting per part', async () => {
    const bytes = await workbook([
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
    ]);
    expect((await refusal(checkWorkbookBuffer(bytes, limits({ maxCells: 5 })))).code).toBe('xlsx.tooManyCells');
    expect((await refusal(checkWorkbookBuffer(bytes, limits({ maxRows: 1 })))).code).toBe('xlsx.tooManyRows');
    expect((await refusal(checkWorkbookBuffer(bytes, limits({ maxSharedStrings: 5 })))).code).toBe('xlsx.tooManyStrings');
    expect((await refusal(checkWorkbookBuffer(bytes, limits({ maxElements: 20 })))).code).toBe('xlsx.tooManyElements');
    expect((await refusal(checkWorkbookBuffer(bytes, limits({ maxDepth: 3 })))).code).toBe('xlsx.tooDeep');
    expect((await refusal(checkWorkbookBuffer(bytes, limits({ maxEntries: 3 })))).code).toBe('xlsx.tooManyEntries');
    await expect(checkWorkbookBuffer(bytes, limits({ maxCells: 6, maxRows: 2, maxSharedStrings: 6 }))).resolves.toBeTruthy();
  });

  it('finds a declaration split across chunks, in any part, and lets comments, CDATA and instructions pass', async () => {
    const pad = ' '.repeat(64 * 1024 - 3 - 21); // "<!D" ends the first 64 KiB chunk, "OCTYPE" starts the next
    const doc = (xml: string | Buffer) => zipOf([{ name: 'xl/workbook.xml', data: typeof xml === 'string' ? Buffer.from(xml) : xml }]);
    expect((await refusal(checkWorkbookBuffer(doc(`<?xml version="1.0"?>${pad}<!DOCTYPE x [<!ENTITY a "b">]><x/>`)))).code).toBe('xlsx.entityDeclaration');
    expect((await refusal(checkWorkbookBuffer(doc('<x><!ENTITY a "b"></x>')))).code).toBe('xlsx.entityDeclaration');
    expect((await refusal(checkWorkbookBuffer(zipOf([{ name: '_rels/.rels', data: Buffer.from('<!DOCTYPE r SYSTEM "http://x/r.dtd"><r/>') }])))).code).toBe(
      'xlsx.entityDeclaration',
    );
    // UTF-16 would hide a DOCTYPE from a byte scan
    expect((await refusal(checkWorkbookBuffer(doc(Buffer.from('\ufeff<!DOCTYPE x><x/>', 'utf16le'))))).code).toBe('xlsx.notUtf8');
    const fine = await checkWorkbookBuffer(
      doc(`<?xml version="1.0"?><!-- <!DOCTYPE no> --><x a="<!DOCTYPE" b='>'><![CDATA[<!ENTITY no> <c>]]><?pi <!DOCTYPE ?><c/><c></c></x>`),
    );
    expect(fine.stats.cells).toBe(2);
    expect(fine.stats.elements).toBe(3);
  });

  it('refuses what is not a plain archive: encrypted entries, other methods, cut-off and empty files', async () => {
    const ok = zipOf([{ name: 'a.xml', data: Buffer.from('<a/>') }]);
    const encrypted = Buffer.from(ok);
    encrypted.writeUInt16LE(0x801, ok.length - 22 - 46 - 5 + 8);
    expect((await refusal(checkWorkbookBuffer(encrypted))).code).toBe('xlsx.damaged');
    const bzip = Buffer.from(ok);
    bzip.writeUInt16LE(12, ok.length - 22 - 46 - 5 + 10);
    expect((await refusal(checkWorkbookBuffer(bzip))).code).toBe('xlsx.damaged');
    expect((await refusal(checkWorkbookBuffer(ok.subarray(0, ok.length - 1)))).code).toBe('xlsx.damaged');
    expect((await refusal(checkWorkbookBuffer(Buffer.alloc(0)))).code).toBe('xlsx.damaged');
    expect((await refusal(checkWorkbookBuffer(Buffer.from('PK\u0003\u0004 not really')))).code).toBe('xlsx.damaged');
  });

  it('names the limit in the problem, in the reader’s language', async () => {
    const err = await refusal(checkWorkbookBuffer(bombList[0]!.bytes));
    const p = refusalProblem(err, 'da', { field: 'file' });
    expect(p.status).toBe(413);
    expect(p.code).toBe('payloadTooLarge');
    expect(p.errors[0]).toMatchObject({ field: 'file', code: 'xlsx.unpackedTooLarge', limit: 100 * 1024 * 1024 });
    expect(p.errors[0]!.message).toMatch(/højst 100 MB/);
    expect(p.detailText('sv')).toMatch(/högst 100 MB/);
    expect(p.detailText('en')).toMatch(/at most 100 MB/);
    const deep = refusalProblem(new WorkbookRefused('xlsx.tooManyCells', 1_000_000), 'da', { field: 'body.left' });
    expect(deep.status).toBe(413);
    expect(deep.errors[0]!.message).toContain('1.000.000');
  });
});
