/**
 * The annual balance report as PDF, DOCX and XLSX through the API, read back: pdftotext for the
 * PDF, the DOCX and XLSX XML unzipped with fflate, the workbook's cell types with exceljs. On the
 * Copenhagen demo and on the BIF accounts of bif-balance-2024.json created through the API, whose
 * committee table (t.kr.) is 15 / -25 / -591, total -601 in every format.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import bif from '../../../domain/fixtures/bif-balance-2024.json' with { type: 'json' };
import { bifRegisterItems } from './test-fixtures.js';
import { queryRows } from '../../db/engine.js';
import { seedDemo } from '../../demo/seed.js';
import { renderBalanceReport } from '../../documents/balance/index.js';
import type { BalanceReportDocument } from '../../documents/balance/model.js';
import { documentLabels } from '../../i18n/documents/index.js';
import { authHeaders, client, createTestContext, seedMunicipality, type SeededMunicipality, type TestContext } from '../../../test/app.js';
import { kr } from '../../../test/kit.js';

const hasPoppler = spawnSync('pdftotext', ['-v']).status === 0;
if (!hasPoppler) console.warn('balance-report documents.test.ts: PDF text checks SKIPPED – poppler-utils (pdftotext) is not installed.');
const OUT = path.resolve('test-results/documents/balance');

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
  await seedDemo(ctx.engine, { only: ['kobenhavn'] });
  fs.mkdirSync(OUT, { recursive: true });
});
afterAll(() => ctx?.close());

async function fetchDoc(userId: string, url: string) {
  return ctx.app.inject({ method: 'GET', url, headers: await authHeaders(ctx.app, userId) });
}

/** pdftotext -layout of a PDF: one string per page. */
function pdfPages(name: string, bytes: Buffer): string[] {
  const file = path.join(OUT, `${name}.pdf`);
  fs.writeFileSync(file, bytes);
  const r = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.split('\f').slice(0, -1);
}

const unzip = (buf: Buffer) => Object.fromEntries(Object.entries(unzipSync(new Uint8Array(buf))).map(([k, v]) => [k, strFromU8(v)]));
const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The DOCX's table rows as lists of cell texts. */
function docxRows(buf: Buffer): string[][] {
  const xml = unzip(buf)['word/document.xml']!;
  return [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((tr) =>
    [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((tc) => decode([...tc[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''))),
  );
}

const docxText = (buf: Buffer) => decode([...unzip(buf)['word/document.xml']!.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(' '));

/** A text line of the PDF that starts with `first`, split on runs of spaces. */
function pdfRow(pages: string[], first: string, from = 0): string[] {
  const lines = pages
    .slice(from)
    .join('\n')
    .split('\n')
    .map((x) => x.trim());
  const line = lines.find((x) => x.startsWith(`${first} `));
  expect(line, `a line starting with ${first}`).toBeDefined();
  return line!
    .split(/\s{2,}|\s(?=-?\d)/)
    .map((x) => x.trim())
    .filter(Boolean);
}

async function workbook(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

/** A sheet's rows as objects keyed by the header row. */
function sheetRows(ws: ExcelJS.Worksheet): { cells: Record<string, ExcelJS.Cell>; values: Record<string, unknown> }[] {
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const out: { cells: Record<string, ExcelJS.Cell>; values: Record<string, unknown> }[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: Record<string, ExcelJS.Cell> = {};
    const values: Record<string, unknown> = {};
    header.forEach((h, i) => {
      cells[h] = row.getCell(i + 1);
      values[h] = row.getCell(i + 1).value;
    });
    out.push({ cells, values });
  }
  return out;
}

describe("the demo municipality's balance report documents (København 2024)", () => {
  let staffId: string;
  let readerId: string;
  beforeAll(async () => {
    const users = await queryRows<{ id: string; email: string }>(ctx.engine.db, sql`select id, email from users`);
    const byEmail = new Map(users.map((u) => [u.email, u.id]));
    staffId = byEmail.get('mette.lindholm@kk.example')!;
    readerId = byEmail.get('amira.jensen@kk.example')!;
  });

  it('serves the three formats with their type, file name and language', async () => {
    for (const [format, mime, magic] of [
      ['pdf', 'application/pdf', '%PDF'],
      ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'PK\u0003\u0004'],
      ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'PK\u0003\u0004'],
    ] as const) {
      const res = await fetchDoc(staffId, `/api/v1/balance-report.${format}?year=2024`);
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      expect(res.headers['content-type']).toContain(mime);
      expect(res.headers['content-disposition']).toContain(`filename="balancerapport-2024.${format}"`);
      expect(res.headers['content-language']).toBe('da');
      expect(res.rawPayload.subarray(0, 4).toString('latin1')).toBe(magic);
    }
  });

  it.runIf(hasPoppler)('PDF: cover, table 1.1, categories, older than one year, committee sections, page numbers', async () => {
    const res = await fetchDoc(staffId, '/api/v1/balance-report.pdf?year=2024');
    const pages = pdfPages('demo-da', res.rawPayload);
    const all = pages.join('\n');
    expect(pages[0]).toContain('Balancerapport 2024');
    expect(pages[0]).toContain('Hele kommunen');
    expect(pages[0]).toContain('31.12.2024');
    for (const [i, p] of pages.entries()) expect(p).toContain(`Side ${i + 1} af ${pages.length}`);
    expect(all).toContain('Tabel 1.1');
    // 9.28.14: balance 1.512 t.kr., to follow up 15, older than one year 30 (da grouping)
    const row = pdfRow(pages, '9.28.14');
    expect(row).toEqual(expect.arrayContaining(['1.512', '15', '30']));
    expect(pdfRow(pages, 'I alt')).toEqual(expect.arrayContaining(['29.080', '29.017']));
    expect(all).toContain('Kategorier sammenholdt med sidste år');
    expect(all).toContain('30.596');
    expect(all).toContain('Poster ældre end et år');
    expect(all).toContain('92818001');
    expect(all).toContain('Systemafstemninger');
  });

  it.runIf(hasPoppler)('PDF: numbers and texts in Swedish and English', async () => {
    const sv = pdfPages('demo-sv', (await fetchDoc(staffId, '/api/v1/balance-report.pdf?year=2024&lang=sv')).rawPayload).join('\n');
    expect(sv).toContain('Balansrapport 2024');
    expect(sv).toMatch(/1[\u00a0 ]512/);
    expect(sv).toContain('Sida 1 av');
    const en = pdfPages('demo-en', (await fetchDoc(staffId, '/api/v1/balance-report.pdf?year=2024&lang=en')).rawPayload).join('\n');
    expect(en).toContain('Balance report 2024');
    expect(en).toContain('1,512');
    expect(en).toContain('31 December 2024');
  });

  it('DOCX: the same figures, headings and page furniture', async () => {
    const res = await fetchDoc(staffId, '/api/v1/balance-report.docx?year=2024');
    fs.writeFileSync(path.join(OUT, 'demo-da.docx'), res.rawPayload);
    const files = unzip(res.rawPayload);
    const rows = docxRows(res.rawPayload);
    expect(rows.find((r) => r[0] === '9.28.14')).toEqual(expect.arrayContaining(['1.512', '15', '30']));
    expect(docxText(res.rawPayload)).toContain('Tabel 1.1');
    expect(files['word/document.xml']).toContain('w:val="Heading1"');
    const footers = Object.entries(files)
      .filter(([k]) => /^word\/footer\d*\.xml$/.test(k))
      .map(([, v]) => v)
      .join('');
    expect(footers).toContain('PAGE');
    expect(footers).toContain('NUMPAGES');
  });

  it('XLSX: typed number cells in t.kr. and øre, frozen and filtered headers', async () => {
    const res = await fetchDoc(staffId, '/api/v1/balance-report.xlsx?year=2024');
    fs.writeFileSync(path.join(OUT, 'demo-da.xlsx'), res.rawPayload);
    const wb = await workbook(res.rawPayload);
    const ws = wb.getWorksheet('Tabel 1.1')!;
    expect(ws).toBeDefined();
    const row = sheetRows(ws).find((r) => r.values['IM-funktion'] === '9.28.14')!;
    expect(row.values).toMatchObject({
      Saldo: 1_512,
      'Til opfølgning i alt': 15,
      '> 1 år, kategori 2': 30,
      'Saldo (øre)': kr(1_512_400),
      'Til opfølgning i alt (øre)': kr(14_948),
    });
    expect(row.cells.Saldo!.type).toBe(ExcelJS.ValueType.Number);
    for (const sheet of wb.worksheets) {
      expect(sheet.views[0], sheet.name).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter, sheet.name).toBeTruthy();
    }
    const xml = unzip(res.rawPayload);
    const sheetXml = Object.entries(xml)
      .filter(([k]) => k.startsWith('xl/worksheets/sheet'))
      .map(([, v]) => v);
    expect(sheetXml.every((x) => x.includes('<autoFilter'))).toBe(true);
    expect(sheetXml.every((x) => x.includes('state="frozen"'))).toBe(true);
    const accounts = sheetRows(wb.getWorksheet('Udvalgenes konti')!);
    expect(accounts.map((a) => a.values.Konto)).toContain('91403000');
  });

  it('is not for readers, and bad input names the field', async () => {
    for (const format of ['pdf', 'docx', 'xlsx']) expect((await fetchDoc(readerId, `/api/v1/balance-report.${format}?year=2024`)).statusCode).toBe(403);
    for (const [query, status, field] of [
      ['year=abc', 400, 'querystring.year'],
      ['', 400, 'querystring.year'],
      ['year=2024&lang=xx', 400, 'querystring.lang'],
      ['year=2024&committee=NOPE', 422, 'querystring.committee'],
    ] as const) {
      const res = await fetchDoc(staffId, `/api/v1/balance-report.pdf?${query}`);
      expect(res.statusCode, query).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(
        JSON.parse(res.body).errors.map((e: { field: string }) => e.field),
        query,
      ).toContain(field);
    }
  });
});

describe('the BIF committee table in every format (bif-balance-2024.json through the API)', () => {
  let m: SeededMunicipality;
  let api: ReturnType<typeof client>;
  const create = async (url: string, body: unknown) => {
    const res = await api.post(url, body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };

  // As balance-report.test.ts builds them (test-fixtures.ts), without its previous-year and YYYY-13 extras.
  beforeAll(async () => {
    m = await seedMunicipality(ctx.engine, { slug: 'balance-documents-bif', departments: ['BIF', 'SOF'] });
    api = client(ctx.app, m.userId);
    expect((await api.post('/api/v1/im-functions/starter', {})).status).toBe(200);
    for (const a of bif.accounts) {
      const account = await create('/api/v1/balance-accounts', {
        number: a.account,
        name: a.name,
        imFunction: a.im,
        departmentId: m.departments.BIF,
        reconciler: 'department',
      });
      const items = bifRegisterItems(a);
      const balance = items.reduce((s, i) => s + i.amountOre, 0);
      await create(`/api/v1/balance-accounts/${account.id}/reconciliations`, {
        period: '2024-12',
        ledgerBalanceOre: balance,
        category: a.category,
        subReason: 'notBookedInNewPeriod',
        items,
      });
    }
  });

  const expected: [string, string][] = [
    ['9.28.14', '15'],
    ['9.52.56', '-25'],
    ['9.52.59', '-591'],
  ];

  it.runIf(hasPoppler)('PDF', async () => {
    const res = await fetchDoc(m.userId, '/api/v1/balance-report.pdf?year=2024&committee=U-BIF');
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const pages = pdfPages('bif-da', res.rawPayload);
    expect(pages[0]).toContain('Udvalg: Udvalg for BIF (U-BIF)');
    const from = pages.findIndex((p) => p.includes('2. Udvalg for BIF (U-BIF)'));
    expect(from).toBeGreaterThan(0);
    for (const [im, total] of expected) expect(pdfRow(pages, im, from), im).toEqual(expect.arrayContaining([total]));
    expect(pdfRow(pages, 'I alt', from)).toEqual(expect.arrayContaining(['6', '-601', '30']));
    expect(pages.slice(from).join('\n')).toContain('Konti over væsentlighedsgrænsen');
  });

  it('DOCX', async () => {
    const res = await fetchDoc(m.userId, '/api/v1/balance-report.docx?year=2024&committee=U-BIF');
    expect(res.statusCode).toBe(200);
    fs.writeFileSync(path.join(OUT, 'bif-da.docx'), res.rawPayload);
    const rows = docxRows(res.rawPayload);
    // section 1 and the committee's table both hold the BIF rows (only BIF has accounts); the last of each is the committee's
    for (const [im, total] of expected) expect(rows.filter((r) => r[0] === im).at(-1), im).toEqual(expect.arrayContaining([total]));
    const totals = rows.filter((r) => r[0] === 'I alt');
    expect(totals.some((r) => r.includes('-601') && r.includes('6'))).toBe(true);
  });

  it('XLSX', async () => {
    const res = await fetchDoc(m.userId, '/api/v1/balance-report.xlsx?year=2024&committee=U-BIF');
    expect(res.statusCode).toBe(200);
    fs.writeFileSync(path.join(OUT, 'bif-da.xlsx'), res.rawPayload);
    const wb = await workbook(res.rawPayload);
    const rows = sheetRows(wb.getWorksheet('Udvalg')!);
    for (const [im, total] of expected) {
      const row = rows.find((r) => r.values.Udvalg === 'U-BIF' && r.values['IM-funktion'] === im)!;
      expect(row.values['Til opfølgning i alt'], im).toBe(Number(total));
      expect(row.cells['Til opfølgning i alt']!.type).toBe(ExcelJS.ValueType.Number);
    }
    const total = rows.find((r) => r.values.Udvalg === 'U-BIF' && r.values['IM-funktion'] === 'I alt')!;
    expect(total.values).toMatchObject({ 'Antal konti': 6, 'Til opfølgning i alt': -601, 'Kategori 2': -601, '> 1 år, kategori 2': 30 });
    const accounts = sheetRows(wb.getWorksheet('Udvalgenes konti')!);
    expect(accounts.map((a) => a.values.Konto)).toEqual(bif.accounts.map((a) => a.account));
  });
});

describe('sections 3–5, rendered from whatever the JSON holds', () => {
  it('prints their tables and totals (t.kr.) in every format, in the document’s language', async () => {
    const users = await queryRows<{ id: string; email: string }>(ctx.engine.db, sql`select id, email from users where email = 'mette.lindholm@kk.example'`);
    const json = (await client(ctx.app, users[0]!.id).get('/api/v1/balance-report?year=2024')).body;
    const amount = (ore: number) => ({ ore: { amount: ore }, tkr: { amount: Math.round(ore / 100_000) } });
    const committee = { id: '00000000-0000-4000-8000-000000000001', code: 'BIU', name: 'Beskæftigelses- og Integrationsudvalget' };
    const kind = (rows: { im: string; imName: string; appropriation: string | null; amount: ReturnType<typeof amount> }[]) => ({
      rows,
      total: amount(rows.reduce((a, r) => a + r.amount.ore.amount, 0)),
    });
    const report = {
      ...json,
      section3: [
        {
          committee,
          writeOffs: {
            operations: kind([{ im: '9.28.14', imName: 'Tilgodehavender', appropriation: '5.57.72', amount: amount(123_456_700) }]),
            balanceOnly: kind([]),
            other: kind([]),
          },
        },
      ],
      section4: [
        {
          committee,
          rows: [
            {
              department: { id: committee.id, code: 'BIF', name: 'Beskæftigelses- og Integrationsforvaltningen' },
              im: '9.52.56',
              imName: null,
              appropriation: null,
              text: 'Periodisering uden bilag',
              amount: amount(-4_567_800),
            },
          ],
          total: amount(-4_567_800),
        },
      ],
      section5: [],
      omittedSections: [],
    };
    const doc: BalanceReportDocument = {
      kind: 'balanceReport',
      meta: {
        municipality: 'Københavns Kommune',
        locale: 'da',
        vocabulary: 'DK',
        edition: 'public',
        generatedOn: '2025-03-31',
        title: 'Balancerapport 2024',
        labels: documentLabels('da', 'DK'),
      },
      committee: null,
      report,
    };
    if (hasPoppler) {
      const text = pdfPages('generic-da', await renderBalanceReport(doc, 'pdf')).join('\n');
      expect(text).toContain('Afsnit 3 – Afskrivninger');
      expect(text).toContain('Over driften');
      expect(text).toContain('1.235');
      expect(text).toContain('Periodisering uden bilag');
      expect(text).toContain('-46');
      expect(text).toContain('Afsnit 5 – Bevægelser direkte på egenkapitalen');
    }
    const docx = docxText(await renderBalanceReport(doc, 'docx'));
    expect(docx).toContain('Afsnit 4 – Periodiseringer uden dokumentation');
    expect(docx).toContain('1.235');
    expect(docx).toContain('-46');
    const wb = await workbook(await renderBalanceReport(doc, 'xlsx'));
    const s3 = wb.worksheets.find((w) => w.name.startsWith('Afsnit 3'))!;
    const rows = sheetRows(s3);
    const op = rows.find((r) => r.values['IM-funktion'] === '9.28.14')!;
    expect(op.values).toMatchObject({
      Del: 'Beskæftigelses- og Integrationsudvalget (BIU) – Afskrivninger – Over driften',
      Beløb: 1_235,
      'Beløb (øre)': 123_456_700,
    });
    expect(op.cells.Beløb!.type).toBe(ExcelJS.ValueType.Number);
    const s4 = sheetRows(wb.worksheets.find((w) => w.name.startsWith('Afsnit 4'))!);
    expect(s4.find((r) => r.values.Tekst === 'Periodisering uden bilag')!.values).toMatchObject({
      Beløb: -46,
      Forvaltning: 'Beskæftigelses- og Integrationsforvaltningen (BIF)',
    });
  });
});
