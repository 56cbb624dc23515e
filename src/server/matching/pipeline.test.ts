import { maskCpr } from '../../domain/cpr.js';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultRules } from '../../domain/matching/rules.js';
import { SourceError } from './errors.js';
import { periodDays, runMatching, runMatchingInWorker, type MatchingInput, type MatchingOutcome } from './pipeline.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilsyn-pipeline-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const leftCsv =
  'Sag;CPR;Dato;Beløb;Tekst\r\n' +
  'S1;010190-1234;05-01-2026;100,00;a\r\n' +
  'S2;020290-2345;10-01-2026;50,00;b\r\n' +
  'S3;030390-3456;31-01-2026;75,00;c\r\n' +
  'S4;040490-4567;15-01-2026;12,34;"tekst; med semikolon"\r\n';
const rightCsv =
  'Case,Person,Date,Amount,Note\n' +
  'S1,0101901234,2026-01-05,100.00,x\n' +
  'S2,020290-2345,2026-01-10,20.00,y\n' +
  'S2,020290-2345,2026-01-11,30.00,z\n' +
  'S9,090990-9999,2026-01-20,5.00,w\n' +
  'S7,070770-7777,2026-01-02,40.00,from december';

function input(name: string, over: Partial<MatchingInput> = {}): MatchingInput {
  const d = path.join(dir, name);
  fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(path.join(d, 'left.csv'), leftCsv);
  fs.writeFileSync(path.join(d, 'right.csv'), rightCsv);
  return {
    left: { path: path.join(d, 'left.csv'), config: { columns: { amount: 'Beløb', date: 'Dato', caseId: 'Sag', cpr: 'CPR', text: 'Tekst' } } },
    right: {
      path: path.join(d, 'right.csv'),
      config: {
        delimiter: ',',
        decimal: '.',
        dateFormat: 'yyyy-mm-dd',
        columns: { amount: 'Amount', date: 'Date', caseId: 'Case', cpr: 'Person', text: 'Note' },
      },
    },
    rules: defaultRules,
    period: '2026-01',
    hashKey: randomBytes(32),
    outDir: path.join(d, 'out'),
    carried: {
      left: [{ amountOre: 4000, date: '2025-12-30', caseId: 'S7', cpr: '070770-7777', account: null, text: 'carried' }],
      right: [],
    },
    ...over,
  };
}

function strip(o: MatchingOutcome) {
  return { ...o, summary: { ...o.summary, ms: null, passes: o.summary.passes.map((p) => ({ ...p, ms: null })) }, files: null };
}

describe('matching pipeline', () => {
  it('periods', () => {
    expect(periodDays('2024-02').last - periodDays('2024-02').first).toBe(28);
    expect(() => periodDays('2024-13')).toThrow();
  });

  it('masks CPR numbers', () => {
    expect(maskCpr('010190-1234')).toBe('010190-****');
    expect(maskCpr(' 0101901234 ')).toBe('010190-****');
    expect(maskCpr('12')).toBe('******-****');
  });

  let inThread: MatchingOutcome;
  it('matches, classifies and writes the results files (in this thread)', async () => {
    const inp = input('a', { readInWorkers: false, chunkSize: 7 });
    const o = (inThread = await runMatching(inp));
    const s = o.summary;
    expect(s.left.rows).toBe(5); // 4 + 1 carried
    expect(s.left.carried).toBe(1);
    expect(s.right.rows).toBe(5);
    expect(s.left.matched).toEqual({ rows: 2, amountOre: 14000 });
    expect(s.right.matched).toEqual({ rows: 2, amountOre: 14000 });
    expect(s.left.suggested).toEqual({ rows: 1, amountOre: 5000 });
    expect(s.right.suggested).toEqual({ rows: 2, amountOre: 5000 });
    expect(s.left.timing).toEqual({ rows: 1, amountOre: 7500 });
    expect(s.left.unmatched).toEqual({ rows: 1, amountOre: 1234 });
    expect(s.right.unmatched).toEqual({ rows: 1, amountOre: 500 });
    expect(s.differenceOre).toBe(734);

    const byLine = (side: string, line: number) => o.items.find((i) => i.side === side && i.line === line);
    expect(byLine('left', 5)).toMatchObject({
      state: 'unmatched',
      amountOre: 1234,
      date: '2026-01-15',
      caseId: 'S4',
      cpr: '040490-4567',
      text: 'tekst; med semikolon',
      carried: false,
    });
    expect(byLine('left', 4)).toMatchObject({ state: 'timing', caseId: 'S3', date: '2026-01-31' });
    expect(byLine('left', 3)?.state).toBe('suggested');
    expect(byLine('left', 3)?.group).toBeGreaterThan(0);
    expect(o.items.filter((i) => i.side === 'right' && i.state === 'suggested').map((i) => i.group)).toEqual([
      byLine('left', 3)?.group,
      byLine('left', 3)?.group,
    ]);
    expect(byLine('right', 5)).toMatchObject({ state: 'unmatched', caseId: 'S9', cpr: '090990-9999', amountOre: 500, text: 'w' });
    expect(o.items).toHaveLength(6);
    expect(o.items.some((i) => i.carried)).toBe(false); // the carried item was matched

    const matched = fs.readFileSync(o.files.matched, 'utf8');
    expect(matched.split('\n')[0]).toBe('group;pass;state;side;line;amount_ore;date');
    expect(matched).toContain(';exact;matched;left;2;10000;2026-01-05');
    expect(matched).toContain(';exact;matched;right;2;10000;2026-01-05');
    expect(matched).toContain(';exact;matched;left;0;4000;2025-12-30'); // carried row
    expect(matched).toContain(';split;suggested;right;4;3000;2026-01-11');
    expect(matched).not.toMatch(/\d{6}-?\d{4}/);

    const ul = fs.readFileSync(o.files.unmatchedLeft, 'utf8');
    expect(ul.split('\n')[0]).toBe('status;line;Sag;CPR;Dato;Beløb;Tekst');
    expect(ul).toContain('unmatched;5;S4;040490-****;15-01-2026;12,34;"tekst; med semikolon"\n');
    expect(ul).toContain('timing;4;S3;030390-****;31-01-2026;75,00;c\n');
    expect(ul).not.toMatch(/\d{6}-?\d{4}/);
    const ur = fs.readFileSync(o.files.unmatchedRight, 'utf8');
    expect(ur).toContain('unmatched,5,S9,090990-****,2026-01-20,5.00,w\n');
    expect(ur).not.toMatch(/\d{6}-?\d{4}/);
  });

  it('a carried item that stays unmatched is returned and written from its fields', async () => {
    const o = await runMatching(
      input('carried', {
        readInWorkers: false,
        carried: { left: [], right: [{ amountOre: -999, date: null, caseId: 'S8', cpr: '080880-8888', account: '4000', text: 'gammel' }] },
      }),
    );
    const it = o.items.find((i) => i.carried);
    expect(it).toMatchObject({ side: 'right', line: 0, state: 'unmatched', amountOre: -999, cpr: '080880-8888', caseId: 'S8', text: 'gammel', date: null });
    const ur = fs.readFileSync(o.files.unmatchedRight, 'utf8');
    expect(ur).toContain('unmatched+carried,,S8,080880-****,,-9.99,gammel\n');
  });

  it('reads an XLSX side and writes its unmatched rows as CSV lines', async () => {
    const inp = input('xlsx', { readInWorkers: false });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Ark1');
    for (const line of leftCsv.trim().split('\r\n')) {
      const cells: (string | number)[] = line.split(/;(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((c) => c.replace(/^"|"$/g, ''));
      ws.addRow(cells);
    }
    const xlsx = path.join(dir, 'xlsx', 'left.xlsx');
    await wb.xlsx.writeFile(xlsx);
    inp.left = { path: xlsx, config: { ...inp.left.config, format: 'xlsx' } };
    const o = await runMatching(inp);
    const noBytes = (x: MatchingOutcome) => ({ ...strip(x).summary, left: { ...x.summary.left, bytes: null } });
    expect(noBytes(o)).toEqual(noBytes(inThread));
    expect(o.summary.left.bytes).toBe(fs.statSync(xlsx).size);
    expect(o.items.find((i) => i.side === 'left' && i.line === 5)).toMatchObject({ state: 'unmatched', cpr: '040490-4567', text: 'tekst; med semikolon' });
    const ul = fs.readFileSync(o.files.unmatchedLeft, 'utf8');
    expect(ul).toContain('unmatched;5;S4;040490-****;15-01-2026;12,34;"tekst; med semikolon"\n');
    expect(ul).not.toMatch(/\d{6}-?\d{4}/);
  });

  it('defuses a cell a spreadsheet would run as a formula in the results files; a negative amount stays a number', async () => {
    const formulaCsv =
      'Sag;CPR;Dato;Beløb;=Tekst\r\n' +
      'S4;040490-4567;15-01-2026;-1.234,50;=2+2\r\n' +
      'S5;050590-5678;16-01-2026;12,00;"@SUM(A1); ""x"""\r\n' +
      'S6;060690-6789;17-01-2026;13,00;almindelig tekst\r\n';
    for (const format of ['csv', 'xlsx'] as const) {
      const inp = input(`formula-${format}`, { readInWorkers: false, carried: { left: [], right: [] } });
      let file = path.join(dir, `formula-${format}`, 'left.csv');
      fs.writeFileSync(file, formulaCsv);
      if (format === 'xlsx') {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet('Ark1');
        ws.addRow(['Sag', 'CPR', 'Dato', 'Beløb', '=Tekst']);
        ws.addRow(['S4', '040490-4567', '15-01-2026', '-1.234,50', '=2+2']);
        ws.addRow(['S5', '050590-5678', '16-01-2026', '12,00', '@SUM(A1); "x"']);
        ws.addRow(['S6', '060690-6789', '17-01-2026', '13,00', 'almindelig tekst']);
        file = path.join(dir, `formula-${format}`, 'left.xlsx');
        await wb.xlsx.writeFile(file);
      }
      inp.left = { path: file, config: { ...inp.left.config, format, columns: { ...inp.left.config.columns, text: '=Tekst' } } };
      const o = await runMatching(inp);
      const ul = fs.readFileSync(o.files.unmatchedLeft, 'utf8');
      expect(ul.split('\n')[0], format).toBe("status;line;Sag;CPR;Dato;Beløb;'=Tekst");
      expect(ul, format).toContain("unmatched;2;S4;040490-****;15-01-2026;-1.234,50;'=2+2\n");
      expect(ul, format).toContain(`unmatched;3;S5;050590-****;16-01-2026;12,00;"'@SUM(A1); ""x"""\n`);
      expect(ul, format).toContain('unmatched;4;S6;060690-****;17-01-2026;13,00;almindelig tekst\n');
      // the items keep the text as it was given; only the file defuses it
      expect(o.items.find((i) => i.side === 'left' && i.line === 2)?.text, format).toBe('=2+2');
    }
  });

  it('a Windows-1252 side: keys hash like UTF-8, CPR with or without dash, item text decoded', async () => {
    const inp = input('cp1252', { readInWorkers: false, rules: { ...defaultRules, key: ['cpr', 'caseId'], groupKey: ['cpr'] } });
    fs.writeFileSync(inp.left.path, Buffer.from(leftCsv.replace('tekst; med semikolon', 'Søren Æbelø'), 'latin1'));
    inp.left.config = { ...inp.left.config, encoding: 'windows-1252' };
    const o = await runMatching(inp);
    expect(o.summary.left.matched.rows).toBe(2); // S1 (dash on one side only) and the carried S7
    expect(o.items.find((i) => i.side === 'left' && i.line === 5)?.text).toBe('Søren Æbelø');
    expect(fs.readFileSync(o.files.unmatchedLeft).includes(Buffer.from('Søren Æbelø', 'latin1'))).toBe(true);
  });

  it('leaves no results files when a run fails', async () => {
    const inp = input('fail', { readInWorkers: false });
    fs.appendFileSync(inp.right.path, '\nS5,1,2026-01-05,abc,x\n');
    await expect(runMatching(inp)).rejects.toThrow(/abc/);
    expect(fs.existsSync(inp.outDir) ? fs.readdirSync(inp.outDir) : []).toEqual([]);
  });

  it('reads the sides in worker threads with the same outcome', async () => {
    const progress: string[] = [];
    const o = await runMatching(input('b', { onProgress: (p) => progress.push(p.phase) }));
    expect(strip(o)).toEqual(strip(inThread));
    expect(progress).toContain('read');
    expect(progress).toContain('write');
  });

  it('runs the whole pipeline in a worker thread with progress', async () => {
    const progress: string[] = [];
    const o = await runMatchingInWorker(input('c', { onProgress: (p) => progress.push(p.phase) }));
    expect(strip(o)).toEqual(strip(inThread));
    expect(new Set(progress)).toEqual(new Set(['read', 'match', 'write']));
    expect(fs.existsSync(o.files.matched)).toBe(true);
  });

  it('reports a bad source from the worker as a SourceError', async () => {
    const inp = input('d');
    fs.writeFileSync(inp.right.path, rightCsv.replaceAll(',', ';'));
    const e = await runMatchingInWorker(inp).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SourceError);
    expect((e as SourceError).code).toBe('wrong_delimiter');
    const e2 = await runMatching(inp).catch((x: unknown) => x);
    expect((e2 as SourceError).code).toBe('wrong_delimiter');
  });

  it('can be cancelled', async () => {
    const ac = new AbortController();
    const p = runMatchingInWorker(input('e', { signal: ac.signal }));
    ac.abort();
    const e = await p.catch((x: unknown) => x);
    expect((e as SourceError).code).toBe('aborted');
    const ac2 = new AbortController();
    ac2.abort();
    expect(((await runMatching(input('f', { signal: ac2.signal })).catch((x: unknown) => x)) as SourceError).code).toBe('aborted');
  });
});

describe('matching pipeline from the compiled build', () => {
  // npm test builds dist/ first; the worker files must resolve as .js there (no tsx)
  const built = path.resolve(import.meta.dirname, '../../../dist/server/matching/pipeline.js');
  it.skipIf(!fs.existsSync(built))('runs in a worker thread from dist/', async () => {
    const mod = (await import(built)) as typeof import('./pipeline.js');
    const o = await mod.runMatchingInWorker(input('dist'));
    expect(o.summary.left.matched.rows).toBe(2);
    expect(o.summary.differenceOre).toBe(734);
  });
});
