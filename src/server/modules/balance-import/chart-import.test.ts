import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/engine.js';
import { authHeaders, client, createTestContext, seedMunicipality, type SeededMunicipality, type TestContext } from '../../../test/app.js';
import { tableSnapshot } from '../../../test/kit.js';
import { uploadFile } from '../imports/test-fixtures.js';
import { COLUMNS, headerText, IMPORT_KINDS } from './columns.js';

/** The chart-of-accounts imports (imFunctions, accounts) and the templates of every balance import. */

let ctx: TestContext;
let m: SeededMunicipality;
let api: ReturnType<typeof client>;

type CellValue = string | number | null;

const csv = (rows: CellValue[][]) => Buffer.from(rows.map((r) => r.map((v) => (v === null ? '' : String(v))).join(';')).join('\r\n') + '\r\n', 'utf8');

async function xlsx(rows: CellValue[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Ark1');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const send = (kind: string, bytes: Buffer, dryRun: boolean, name = `${kind}.csv`) =>
  uploadFile(ctx.app, m.userId, `/api/v1/balance-imports/${kind}?dryRun=${dryRun}`, bytes, name);

/** The chart, the accounts and the audit trail: equal snapshots mean nothing changed. */
const snapshot = () => tableSnapshot(ctx.engine, ['im_functions', 'balance_accounts', 'audit_entries', 'change_log', 'audit_heads']);
const count = async (table: string) => (await queryRows<{ n: number }>(ctx.engine.db, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]!.n;

const F = ['Kode', 'Navn', 'Balanceside'];
const A = ['Kontonummer', 'Kontonavn', 'IM-funktion', 'Forvaltning', 'Afstemmes af'];

beforeAll(async () => {
  ctx = await createTestContext();
  m = await seedMunicipality(ctx.engine, { slug: 'chart-import', departments: ['BIF', 'SOF'] });
  api = client(ctx.app, m.userId);
  expect((await api.post('/api/v1/im-functions/starter', {})).status).toBe(200);
});
afterAll(() => ctx?.close());

describe('chart of accounts import', () => {
  it('adds a group and its functions, updates by code and reports each row; the same file again changes nothing', async () => {
    const file = csv([
      F,
      ['9.55', 'Langfristet gæld', 'passiv'],
      ['9.55.61', 'Selvejende institutioner med overenskomst', 'passiv'],
      ['9.55.63', 'Stat og hypotekbank', 'liability'],
      ['9.28.14', 'Tilgodehavender i betalingskontrol', 'aktiv'],
      ['9.28.15', 'Andre tilgodehavender (kortfristede)', 'aktiv'],
    ]);
    const before = await snapshot();
    const dry = await send('imFunctions', file, true);
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body.errors).toEqual([]);
    expect(dry.body.rows).toEqual([
      { row: 2, key: '9.55', action: 'create' },
      { row: 3, key: '9.55.61', action: 'create' },
      { row: 4, key: '9.55.63', action: 'create' },
      { row: 5, key: '9.28.14', action: 'unchanged' },
      { row: 6, key: '9.28.15', action: 'update' },
    ]);
    expect(dry.body.counts).toMatchObject({ create: 3, update: 1, unchanged: 1 });
    expect(await snapshot()).toEqual(before);

    const functions = await count('im_functions');
    const audits = await count('audit_entries');
    const res = await send('imFunctions', file, false);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.applied).toBe(true);
    expect(await count('im_functions')).toBe(functions + 3);
    expect(await count('audit_entries')).toBe(audits + 1);
    const chart = (await api.get('/api/v1/im-functions')).body as {
      id: string;
      code: string;
      name: string;
      side: string;
      level: string;
      parentId: string | null;
    }[];
    const byCode = new Map(chart.map((f) => [f.code, f]));
    expect(byCode.get('9.55.61')).toMatchObject({ level: 'function', side: 'liability', parentId: byCode.get('9.55')!.id });
    expect(byCode.get('9.55')).toMatchObject({ level: 'group', parentId: byCode.get('9')!.id });
    expect(byCode.get('9.28.15')!.name).toBe('Andre tilgodehavender (kortfristede)');

    const again = await send('imFunctions', file, false);
    expect(again.body.counts).toMatchObject({ create: 0, update: 0, unchanged: 5 });
    expect(await count('im_functions')).toBe(functions + 3);
    expect(await count('audit_entries')).toBe(audits + 1);
  });

  it('imports accounts (XLSX), updates them by number on a second import instead of duplicating', async () => {
    const rows: CellValue[][] = [
      A,
      [91403000, 'Debitorer, betalingskontrol', '9.28.14', 'BIF', 'forvaltning'],
      ['95600016', 'Mellemregning', '9.52.59', 'SOF', 'central'],
    ];
    const first = await send('accounts', await xlsx(rows), false, 'konti.xlsx');
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.rows).toEqual([
      { row: 2, key: '91403000', action: 'create' },
      { row: 3, key: '95600016', action: 'create' },
    ]);
    rows[2] = ['95600016', 'Mellemregning, SOF', '9.52.59', 'SOF', 'centralService'];
    const dry = await send('accounts', await xlsx(rows), true, 'konti.xlsx');
    expect(dry.body.rows.map((r: any) => r.action)).toEqual(['unchanged', 'update']);
    const second = await send('accounts', await xlsx(rows), false, 'konti.xlsx');
    expect(second.status).toBe(200);
    expect(await count('balance_accounts')).toBe(2);
    const list = (await api.get('/api/v1/balance-accounts?limit=100')).body.items;
    expect(list.find((a: any) => a.number === '95600016')).toMatchObject({
      name: 'Mellemregning, SOF',
      reconciler: 'centralService',
      imFunction: { code: '9.52.59' },
    });
  });
});

describe('bad chart input names the cell and writes nothing', () => {
  const cases: { name: string; kind: string; rows: CellValue[][]; code: string; field: string }[] = [
    {
      name: 'a function whose group is missing',
      kind: 'imFunctions',
      rows: [F, ['9.60.01', 'Uden gruppe', 'passiv']],
      code: 'imCode.parentMissing',
      field: 'A2',
    },
    { name: 'an IM code not of the balance', kind: 'imFunctions', rows: [F, ['5.57.73', 'Drift', 'aktiv']], code: 'imCode.invalid', field: 'A2' },
    { name: 'a side that is no side', kind: 'imFunctions', rows: [F, ['9.28.20', 'Ny', 'begge']], code: 'side.invalid', field: 'C2' },
    { name: 'a function on the other side than its group', kind: 'imFunctions', rows: [F, ['9.28.20', 'Ny', 'passiv']], code: 'side.mismatch', field: 'C2' },
    {
      name: 'a function on the other side than its group in the same file',
      kind: 'imFunctions',
      rows: [F, ['9.70', 'Ny gruppe', 'aktiv'], ['9.70.01', 'Ny', 'passiv']],
      code: 'side.mismatch',
      field: 'C3',
    },
    {
      name: 'a group turned to the side its functions are not on',
      kind: 'imFunctions',
      rows: [F, ['9.28', 'Kortfristede tilgodehavender i øvrigt', 'passiv']],
      code: 'side.mismatch',
      field: 'C2',
    },
    {
      name: 'the same code twice',
      kind: 'imFunctions',
      rows: [F, ['9.28.20', 'Ny', 'aktiv'], ['9.28.20', 'Ny igen', 'aktiv']],
      code: 'row.duplicate',
      field: 'A3',
    },
    {
      name: 'an unknown IM function',
      kind: 'accounts',
      rows: [A, ['91400001', 'Konto', '9.28.99', 'BIF', 'central']],
      code: 'imFunction.unknown',
      field: 'C2',
    },
    {
      name: 'a group instead of a function',
      kind: 'accounts',
      rows: [A, ['91400001', 'Konto', '9.28', 'BIF', 'central']],
      code: 'imFunction.unknown',
      field: 'C2',
    },
    {
      name: 'an account number of 7 digits',
      kind: 'accounts',
      rows: [A, ['9140000', 'Konto', '9.28.14', 'BIF', 'central']],
      code: 'account.format',
      field: 'A2',
    },
    {
      name: 'the same number twice',
      kind: 'accounts',
      rows: [A, ['91400001', 'Konto', '9.28.14', 'BIF', 'central'], ['91400001', 'Konto igen', '9.28.14', 'BIF', 'central']],
      code: 'row.duplicate',
      field: 'A3',
    },
    { name: 'an unknown department', kind: 'accounts', rows: [A, ['91400001', 'Konto', '9.28.14', 'XYZ', 'central']], code: 'department.unknown', field: 'D2' },
    { name: 'an unknown reconciler', kind: 'accounts', rows: [A, ['91400001', 'Konto', '9.28.14', 'BIF', 'revisor']], code: 'reconciler.invalid', field: 'E2' },
    { name: 'an account without a name', kind: 'accounts', rows: [A, ['91400001', null, '9.28.14', 'BIF', 'central']], code: 'cell.required', field: 'B2' },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const before = await snapshot();
      const dry = await send(c.kind, csv(c.rows), true);
      expect(dry.status, JSON.stringify(dry.body)).toBe(200);
      expect(
        dry.body.errors.map((e: any) => [e.code, e.field]),
        JSON.stringify(dry.body.errors),
      ).toContainEqual([c.code, c.field]);
      const res = await send(c.kind, csv(c.rows), false);
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body.errors.map((e: any) => [e.code, e.field])).toContainEqual([c.code, c.field]);
      expect(await snapshot()).toEqual(before);
    });
  }

  it('reads a group code Excel stored as a number (9.5) as 9.50', async () => {
    const res = await send(
      'imFunctions',
      await xlsx([F, [9.5, 'Kortfristet gæld til pengeinstitutter m.v.', 'passiv'], [9.22, 'Likvide aktiver', 'aktiv']]),
      true,
      'kontoplan.xlsx',
    );
    expect(res.body.errors).toEqual([]);
    expect(res.body.rows).toEqual([
      { row: 2, key: '9.50', action: 'unchanged' },
      { row: 3, key: '9.22', action: 'unchanged' },
    ]);
  });

  it('a function is accepted when its group comes later in the same file', async () => {
    const res = await send('imFunctions', csv([F, ['9.71.01', 'Funktion', 'passiv'], ['9.71', 'Gruppe', 'passiv']]), true);
    expect(res.body.errors).toEqual([]);
    expect(res.body.counts).toMatchObject({ create: 2 });
  });
});

describe('templates of every balance import', () => {
  for (const kind of IMPORT_KINDS) {
    it(`${kind}: .xlsx with headers in the chosen language, examples and instructions; .csv with the same headers`, async () => {
      const res = await ctx.app.inject({ method: 'GET', url: `/api/v1/templates/balance/${kind}.xlsx?lang=sv`, headers: await authHeaders(ctx.app, m.userId) });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toContain(`${kind}.xlsx`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const [data, guide] = wb.worksheets;
      const headers = (data!.getRow(1).values as unknown[]).slice(1);
      expect(headers).toEqual(COLUMNS[kind].map((c) => headerText(c, 'sv')));
      expect(data!.rowCount).toBeGreaterThan(1);
      const guideText = guide!.getSheetValues().flat().join(' ');
      expect(guideText).toContain('1.234,56');
      expect(guideText).toContain('1,234.56');
      for (const c of COLUMNS[kind]) expect(guideText).toContain(headerText(c, 'sv'));

      const text = await ctx.app.inject({ method: 'GET', url: `/api/v1/templates/balance/${kind}.csv?lang=en`, headers: await authHeaders(ctx.app, m.userId) });
      expect(text.statusCode).toBe(200);
      expect(text.headers['content-type']).toMatch(/text\/csv/);
      expect(text.body.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(COLUMNS[kind].map((c) => headerText(c, 'en')).join(';'));
    });
  }

  it('the chart templates, as downloaded, pass a dry run', async () => {
    for (const [kind, format] of [
      ['imFunctions', 'xlsx'],
      ['accounts', 'csv'],
      ['accounts', 'xlsx'],
    ] as const) {
      const file = await ctx.app.inject({
        method: 'GET',
        url: `/api/v1/templates/balance/${kind}.${format}?lang=da`,
        headers: await authHeaders(ctx.app, m.userId),
      });
      const res = await send(kind, file.rawPayload, true, `t.${format}`);
      expect(res.body.errors, `${kind}.${format}`).toEqual([]);
    }
  });

  it('has no template of an unknown kind, and refuses an unknown language by name', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/templates/balance/everything.xlsx', headers: await authHeaders(ctx.app, m.userId) });
    expect(res.statusCode).toBe(404);
    const lang = await ctx.app.inject({ method: 'GET', url: '/api/v1/templates/balance/accounts.csv?lang=de', headers: await authHeaders(ctx.app, m.userId) });
    expect(lang.statusCode).toBe(400);
    expect(JSON.parse(lang.body).errors.map((e: any) => e.field)).toContain('querystring.lang');
  });
});
