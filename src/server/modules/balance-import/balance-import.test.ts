import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import bif from '../../../domain/fixtures/bif-balance-2024.json' with { type: 'json' };
import { kronerToOre } from '../../../domain/money.js';
import { verifyMunicipalityChain } from '../../audit/verify.js';
import { queryRows } from '../../db/engine.js';
import { authHeaders, client, createTestContext, seedMunicipality, type SeededMunicipality, type TestContext } from '../../../test/app.js';
import { multipart, tableSnapshot } from '../../../test/kit.js';

let ctx: TestContext;
let m: SeededMunicipality;
let api: ReturnType<typeof client>;

type CellValue = string | number | Date | null;

/** A CSV file as Danish Excel writes it: `;` between fields, quotes where needed, CRLF. */
function csv(rows: CellValue[][]): Buffer {
  const field = (v: CellValue) => {
    const s = v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
    return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return Buffer.from(rows.map((r) => r.map(field).join(';')).join('\r\n') + '\r\n', 'utf8');
}

async function xlsx(rows: CellValue[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Ark1');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(app: FastifyInstance, userId: string, url: string, bytes: Buffer, fileName: string) {
  const form = multipart({ file: { filename: fileName, type: 'application/octet-stream', content: bytes } });
  const res = await app.inject({ method: 'POST', url, headers: { ...(await authHeaders(app, userId)), ...form.headers }, payload: form.payload });
  const body = /json/.test(String(res.headers['content-type'])) ? JSON.parse(res.body) : res.body;
  return { status: res.statusCode, body, headers: res.headers };
}

const importUrl = (kind: string, dryRun: boolean, amountFormat = 'da') => `/api/v1/balance-imports/${kind}?dryRun=${dryRun}&amountFormat=${amountFormat}`;
const send = (kind: string, bytes: Buffer, opts: { dryRun?: boolean; amountFormat?: string; name?: string } = {}) =>
  upload(ctx.app, m.userId, importUrl(kind, opts.dryRun ?? false, opts.amountFormat ?? 'da'), bytes, opts.name ?? `${kind}.csv`);

/** Every row of the tables the balance imports write, and the audit trail: equal snapshots mean nothing changed. */
const snapshot = () =>
  tableSnapshot(ctx.engine, ['account_reconciliations', 'account_activity', 'balance_adjustments', 'audit_entries', 'change_log', 'audit_heads']);
const auditCount = async () => (await queryRows<{ n: number }>(ctx.engine.db, sql`select count(*)::int as n from audit_entries`))[0]!.n;

/** Kroner (possibly negative) in the Danish format with øre: -598124 → "-598.124,00". */
const da = (kr: number) => {
  const s = Math.abs(kr)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${kr < 0 ? '-' : ''}${s},00`;
};
/** The same in the English format: 29374000 → "29,374,000.00". */
const en = (kr: number) => {
  const s = Math.abs(kr)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${kr < 0 ? '-' : ''}${s}.00`;
};

function asFixtureTable(table: { rows: any[]; total: any }) {
  const f = (t: any) => ({
    accounts: t.accounts,
    total: t.followUpTotal,
    category2: t.category2,
    category3: t.category3,
    olderAccounts: t.olderAccounts,
    olderCategory2: t.olderCategory2,
    olderCategory3: t.olderCategory3,
  });
  return { rows: table.rows.map((r) => ({ im: r.im, name: r.name, ...f(r.tkr) })), total: f(table.total.tkr) };
}

/**
 * The reconciliation log of the BIF accounts, open items only: an item partly older than one year
 * is two rows (the old part dated 2023, the rest 2024), so the register computes the older part.
 */
function reconciliationLog(): CellValue[][] {
  const rows: CellValue[][] = [['Konto', 'Periode', 'Kategori', 'Underårsag', 'Tekst', 'Beløb', 'Opstået', 'Reference']];
  for (const a of bif.accounts) {
    const period = a.account === '95900027' ? '2024-13' : '2024-12';
    a.items.forEach((i, n) => {
      const older = 'olderKr' in i && typeof i.olderKr === 'number' ? i.olderKr : 0;
      const row = (kr: number, date: string, text: string): CellValue[] => [
        a.account,
        period,
        a.category,
        'notBookedInNewPeriod',
        text,
        da(kr),
        date,
        `REF-${a.account}-${n}`,
      ];
      if (older === 0) rows.push(row(i.amountKr, '2024-11-30', 'Åben post; "ny"'));
      else if (older === i.amountKr) rows.push(row(i.amountKr, '2023-06-30', 'Gammel post'));
      else {
        rows.push(row(older, '2023-09-30', 'Delvis gammel post (gammel del)'));
        rows.push(row(i.amountKr - older, '2024-05-31', 'Delvis gammel post (ny del)'));
      }
    });
  }
  return rows;
}

/** Section 3 of the fixture (t.kr. as printed) as the adjustments file: amounts in whole kroner, English format. */
function writeOffRows(): CellValue[][] {
  const rows: CellValue[][] = [['Year', 'Section', 'Write-off kind', 'Department', 'IM function', 'Function name', 'Appropriation', 'Text', 'Amount']];
  const w = bif.writeOffsTkr;
  for (const [kind, list] of [
    ['operations', w.operations],
    ['balanceOnly', w.balanceOnly],
    ['other', w.other],
  ] as const) {
    for (const r of list as { im: string; name: string; appropriation?: string; amount: number }[]) {
      rows.push([2024, '3', kind, 'BIF', r.im, r.name, r.appropriation ?? null, null, en(r.amount * 1000)]);
    }
  }
  rows.push([2024, '4', null, 'BIF', '5.57.73', null, null, 'Periodisering uden bilag', en(12_345)]);
  rows.push([2024, '5', null, 'BIF', '9.75.99', null, null, 'Regulering af egenkapital', en(-250_000)]);
  return rows;
}

beforeAll(async () => {
  ctx = await createTestContext();
  m = await seedMunicipality(ctx.engine, { slug: 'balance-import', departments: ['BIF', 'SOF'] });
  api = client(ctx.app, m.userId);
  expect((await api.post('/api/v1/im-functions/starter', {})).status).toBe(200);
  for (const a of bif.accounts) {
    const res = await api.post('/api/v1/balance-accounts', {
      number: a.account,
      name: a.name,
      imFunction: a.im,
      departmentId: m.departments.BIF,
      reconciler: 'department',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
});
afterAll(() => ctx?.close());

describe('the BIF figures through the public import (bif-balance-2024.json)', () => {
  it('a dry run of the reconciliation log writes nothing and says what it would do', async () => {
    const before = await snapshot();
    const res = await send('reconciliationLog', csv(reconciliationLog()), { dryRun: true });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ kind: 'reconciliationLog', dryRun: true, applied: false, fileFormat: 'csv', amountFormat: 'da', errors: [] });
    expect(res.body.counts).toMatchObject({ create: 6, update: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it('imports the log (CSV), the ledger balances (XLSX) and the write-offs (CSV, English format), each as one audit entry', async () => {
    let audits = await auditCount();
    const log = await send('reconciliationLog', csv(reconciliationLog()));
    expect(log.status, JSON.stringify(log.body)).toBe(200);
    expect(log.body).toMatchObject({ applied: true, counts: { create: 6 } });
    expect(await auditCount()).toBe(++audits);

    const balances: CellValue[][] = [['Account', 'Period', 'Balance']];
    for (const a of bif.accounts)
      balances.push([Number(a.account), a.account === '95900027' ? '2024-13' : '2024-12', a.items.reduce((s, i) => s + i.amountKr, 0)]);
    const ledger = await send('ledgerBalances', await xlsx(balances), { name: 'saldi.xlsx' });
    expect(ledger.status, JSON.stringify(ledger.body)).toBe(200);
    expect(ledger.body).toMatchObject({ fileFormat: 'xlsx', applied: true, counts: { update: 6, unchanged: 0 } });
    expect(await auditCount()).toBe(++audits);

    const adj = await send('adjustments', csv(writeOffRows()), { amountFormat: 'en' });
    expect(adj.status, JSON.stringify(adj.body)).toBe(200);
    expect(adj.body.counts).toMatchObject({ create: 15, replaced: 0 });
    expect(await auditCount()).toBe(audits + 1);
    // importing the same file again replaces the year's rows instead of adding to them
    const again = await send('adjustments', csv(writeOffRows()), { amountFormat: 'en' });
    expect(again.body.counts).toMatchObject({ create: 15, replaced: 15 });
    // and the same log again changes nothing
    const same = await send('reconciliationLog', csv(reconciliationLog()));
    expect(same.body.counts).toMatchObject({ create: 0, update: 0, unchanged: 6 });
  });

  it("reports exactly the fixture's committee table and the section 3 totals 168, 29,374 and 3,245 t.kr.", async () => {
    const res = await api.get('/api/v1/balance-report?year=2024&committee=U-BIF');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const { unit, ...expected } = bif.expectedCommitteeTable;
    expect(unit).toBe('tkr');
    expect(asFixtureTable(res.body.section2[0].table)).toEqual(expected);
    expect(res.body.omittedSections).toEqual([]);
    expect(res.body.section3).toHaveLength(1);
    const w = res.body.section3[0].writeOffs;
    expect(res.body.section3[0].committee.code).toBe('U-BIF');
    expect([w.operations.total.tkr.amount, w.balanceOnly.total.tkr.amount, w.other.total.tkr.amount]).toEqual([168, 29_374, 3_245]);
    expect(w.operations.total.ore.amount).toBe(kronerToOre(168_000));
    const printed = (k: 'operations' | 'balanceOnly' | 'other') =>
      w[k].rows.map((r: any) => ({ im: r.im, name: r.imName, ...(r.appropriation ? { appropriation: r.appropriation } : {}), amount: r.amount.tkr.amount }));
    expect(printed('operations')).toEqual(bif.writeOffsTkr.operations);
    expect(printed('balanceOnly')).toEqual(bif.writeOffsTkr.balanceOnly);
    expect(printed('other')).toEqual(bif.writeOffsTkr.other);
    expect(res.body.section4).toEqual([
      expect.objectContaining({ committee: expect.objectContaining({ code: 'U-BIF' }), total: { ore: { amount: 1_234_500 }, tkr: { amount: 12 } } }),
    ]);
    expect(res.body.section4[0].rows[0]).toMatchObject({ department: { code: 'BIF' }, im: '5.57.73', text: 'Periodisering uden bilag' });
    expect(res.body.section5[0]).toMatchObject({ total: { ore: { amount: -25_000_000 }, tkr: { amount: -250 } } });
    expect(res.body.section5[0].rows[0]).toMatchObject({ im: '9.75.99', imName: expect.any(String) });
    // another committee sees none of it
    const sof = (await api.get('/api/v1/balance-report?year=2024&committee=U-SOF')).body;
    expect([sof.section3, sof.section4, sof.section5]).toEqual([[], [], []]);
  });

  it('imports account activity (XLSX) and updates it on a second import', async () => {
    const rows: CellValue[][] = [
      ['Konto', 'Måned', 'Antal posteringer', 'Volumen'],
      ['91403000', '2024-11', 412, '1.234.567,89'],
      ['91403000', '2024-12', 388, 998_877.5],
    ];
    const first = await send('activity', await xlsx(rows), { name: 'aktivitet.xlsx' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.counts).toMatchObject({ create: 2 });
    const stored = await queryRows<{ month: string; transaction_count: number; volume_ore: string }>(
      ctx.engine.db,
      sql`select month, transaction_count, volume_ore::text from account_activity order by month`,
    );
    expect(stored.map((r) => [r.month, r.transaction_count, r.volume_ore])).toEqual([
      ['2024-11', 412, '123456789'],
      ['2024-12', 388, '99887750'],
    ]);
    rows[2]![2] = 400;
    const second = await send('activity', await xlsx(rows), { name: 'aktivitet.xlsx' });
    expect(second.body.counts).toMatchObject({ create: 0, update: 1, unchanged: 1 });
  });

  it('a changed ledger balance de-certifies a signed-off reconciliation', async () => {
    const accounts = (await api.get('/api/v1/balance-accounts?limit=100')).body.items;
    const acc = accounts.find((a: any) => a.number === '95600016');
    const [rec] = (await api.get(`/api/v1/balance-accounts/${acc.id}/reconciliations`)).body;
    const signed = await api.post(`/api/v1/reconciliations/${rec.id}/sign-off`, {}, { 'if-match': `"${rec.version}"` });
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    // the log cannot change a signed-off reconciliation
    const log = reconciliationLog().map((r) => (r[0] === '95600016' ? [...r.slice(0, 5), da(-13_000), ...r.slice(6)] : r));
    const locked = await send('reconciliationLog', csv(log));
    expect(locked.status).toBe(422);
    expect(locked.body.errors.map((e: any) => e.code)).toContain('reconciliation.locked');
    const res = await send(
      'ledgerBalances',
      csv([
        ['Konto', 'Periode', 'Saldo'],
        ['95600016', '2024-12', '-13.372,00'],
      ]),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await api.get(`/api/v1/reconciliations/${rec.id}`)).body).toMatchObject({ status: 'open', ledgerBalanceOre: -1_337_200 });
    await send(
      'ledgerBalances',
      csv([
        ['Konto', 'Periode', 'Saldo'],
        ['95600016', '2024-12', '-13.371,00'],
      ]),
    );
  });
});

describe('bad input names the row and column and writes nothing', () => {
  const L = ['Konto', 'Periode', 'Saldo'];
  const R = ['Konto', 'Periode', 'Kategori', 'Underårsag', 'Tekst', 'Beløb', 'Opstået', 'Reference'];
  const A = ['År', 'Afsnit', 'Afskrivningstype', 'Forvaltning', 'IM-funktion', 'Funktionsnavn', 'Bevilling', 'Tekst', 'Beløb'];
  const T = ['Konto', 'Måned', 'Antal posteringer', 'Volumen'];
  const cases: { name: string; kind: string; file: () => Buffer | Promise<Buffer>; amountFormat?: string; code: string; field: string }[] = [
    { name: 'account number not 8 digits', kind: 'ledgerBalances', file: () => csv([L, ['9140300', '2024-12', '1,00']]), code: 'account.format', field: 'A2' },
    { name: 'unknown account', kind: 'ledgerBalances', file: () => csv([L, ['12345678', '2024-12', '1,00']]), code: 'account.unknown', field: 'A2' },
    { name: 'two decimal separators', kind: 'ledgerBalances', file: () => csv([L, ['91403000', '2024-12', '1,234,56']]), code: 'amount.invalid', field: 'C2' },
    {
      name: '1,234.56 in a Danish file',
      kind: 'ledgerBalances',
      file: () => csv([L, ['91403000', '2024-12', '1,234.56']]),
      code: 'amount.otherFormat',
      field: 'C2',
    },
    {
      name: '1.234,56 in an English file',
      kind: 'ledgerBalances',
      amountFormat: 'en',
      file: () => csv([L, ['91403000', '2024-12', '1.234,56']]),
      code: 'amount.otherFormat',
      field: 'C2',
    },
    { name: 'three decimals', kind: 'ledgerBalances', file: () => csv([L, ['91403000', '2024-12', '12,345']]), code: 'amount.otherFormat', field: 'C2' },
    {
      name: 'a fraction of an øre in a number cell',
      kind: 'ledgerBalances',
      file: () => xlsx([L, ['91403000', '2024-12', 1.234]]),
      code: 'amount.numberFraction',
      field: 'C2',
    },
    { name: 'period in the future', kind: 'ledgerBalances', file: () => csv([L, ['91403000', '2099-01', '1,00']]), code: 'period.future', field: 'B2' },
    { name: 'period not a period', kind: 'ledgerBalances', file: () => csv([L, ['91403000', '2024-14', '1,00']]), code: 'period.invalid', field: 'B2' },
    {
      name: 'no reconciliation for the period',
      kind: 'ledgerBalances',
      file: () => csv([L, ['91403000', '2024-06', '1,00']]),
      code: 'reconciliation.missing',
      field: 'B2',
    },
    {
      name: 'the same account and period twice',
      kind: 'ledgerBalances',
      file: () => csv([L, ['91403000', '2024-12', '1,00'], ['91403000', '2024-12', '2,00']]),
      code: 'row.duplicate',
      field: 'B3',
    },
    {
      name: 'a date in a text cell',
      kind: 'reconciliationLog',
      file: () => xlsx([R, ['91403000', '2024-12', 2, 'notBookedInNewPeriod', new Date('2024-01-05T00:00:00Z'), '1,00', '2024-11-30', null]]),
      code: 'cell.dateInText',
      field: 'E2',
    },
    {
      name: 'a date in the amount column',
      kind: 'ledgerBalances',
      file: () => xlsx([L, ['91403000', '2024-12', new Date('2024-01-05T00:00:00Z')]]),
      code: 'cell.dateInText',
      field: 'C2',
    },
    {
      name: 'a total column',
      kind: 'reconciliationLog',
      file: () =>
        csv([
          [...R, 'I alt'],
          ['91403000', '2024-12', 2, 'notBookedInNewPeriod', 'Post', '1,00', '2024-11-30', null, '1,00'],
        ]),
      code: 'column.total',
      field: 'I1',
    },
    {
      name: 'a missing column',
      kind: 'reconciliationLog',
      file: () =>
        csv([
          ['Konto', 'Periode', 'Kategori'],
          ['91403000', '2024-12', 2],
        ]),
      code: 'column.missing',
      field: 'file',
    },
    {
      name: 'an unknown column',
      kind: 'ledgerBalances',
      file: () =>
        csv([
          [...L, 'Farve'],
          ['91403000', '2024-12', '1,00', 'blå'],
        ]),
      code: 'column.unknown',
      field: 'D1',
    },
    {
      name: 'items in category 1',
      kind: 'reconciliationLog',
      file: () => csv([R, ['91403000', '2024-12', 1, 'noRemarks', 'Post', '1,00', '2024-11-30', null]]),
      code: 'items.notAllowedInCategory1',
      field: 'C2',
    },
    {
      name: 'a sub-reason of another category',
      kind: 'reconciliationLog',
      file: () => csv([R, ['91403000', '2024-12', 2, 'noRemarks', 'Post', '1,00', '2024-11-30', null]]),
      code: 'subReason.invalid',
      field: 'D2',
    },
    {
      name: 'category 4',
      kind: 'reconciliationLog',
      file: () => csv([R, ['91403000', '2024-12', 4, 'noRemarks', null, null, null, null]]),
      code: 'category.invalid',
      field: 'C2',
    },
    {
      name: 'an item without an amount',
      kind: 'reconciliationLog',
      file: () => csv([R, ['91403000', '2024-12', 2, 'notBookedInNewPeriod', 'Post', null, '2024-11-30', null]]),
      code: 'item.incomplete',
      field: 'F2',
    },
    {
      name: 'a date not ISO',
      kind: 'reconciliationLog',
      file: () => csv([R, ['91403000', '2024-12', 2, 'notBookedInNewPeriod', 'Post', '1,00', '30-11-2024', null]]),
      code: 'date.invalid',
      field: 'G2',
    },
    {
      name: 'an item after the period end',
      kind: 'reconciliationLog',
      file: () => csv([R, ['91403000', '2024-12', 2, 'notBookedInNewPeriod', 'Post', '1,00', '2025-01-15', null]]),
      code: 'item.originAfterPeriodEnd',
      field: 'G2',
    },
    {
      name: 'unknown IM function',
      kind: 'adjustments',
      file: () => csv([A, [2024, '3', 'drift', 'BIF', '9.99.99', null, null, null, '1,00']]),
      code: 'im.unknown',
      field: 'E2',
    },
    {
      name: 'IM function in another form',
      kind: 'adjustments',
      file: () => csv([A, [2024, '3', 'drift', 'BIF', '55773', null, null, null, '1,00']]),
      code: 'im.unknown',
      field: 'E2',
    },
    {
      name: 'unknown department',
      kind: 'adjustments',
      file: () => csv([A, [2024, '3', 'drift', 'XYZ', '5.57.73', null, null, null, '1,00']]),
      code: 'department.unknown',
      field: 'D2',
    },
    {
      name: 'a write-off without its kind',
      kind: 'adjustments',
      file: () => csv([A, [2024, '3', null, 'BIF', '5.57.73', null, null, null, '1,00']]),
      code: 'writeOffKind.missing',
      field: 'C2',
    },
    {
      name: 'a kind on an equity movement',
      kind: 'adjustments',
      file: () => csv([A, [2024, '5', 'drift', 'BIF', '9.75.99', null, null, null, '1,00']]),
      code: 'writeOffKind.notWriteOff',
      field: 'C2',
    },
    {
      name: 'section 6',
      kind: 'adjustments',
      file: () => csv([A, [2024, '6', null, 'BIF', '5.57.73', null, null, null, '1,00']]),
      code: 'section.invalid',
      field: 'B2',
    },
    {
      name: 'a year in the future',
      kind: 'adjustments',
      file: () => csv([A, [2099, '4', null, 'BIF', '5.57.73', null, null, null, '1,00']]),
      code: 'year.future',
      field: 'A2',
    },
    { name: 'a negative transaction count', kind: 'activity', file: () => csv([T, ['91403000', '2024-10', '-3', '1,00']]), code: 'count.invalid', field: 'C2' },
    {
      name: 'the supplementary period as a month',
      kind: 'activity',
      file: () => csv([T, ['91403000', '2024-13', '3', '1,00']]),
      code: 'month.invalid',
      field: 'B2',
    },
    { name: 'an empty file', kind: 'ledgerBalances', file: () => Buffer.alloc(0), code: 'file.empty', field: 'file' },
    { name: 'a PDF', kind: 'ledgerBalances', file: () => Buffer.from('%PDF-1.7\n\u0000\u0001binary'), code: 'file.notSpreadsheet', field: 'file' },
    {
      name: 'a quote never closed',
      kind: 'ledgerBalances',
      file: () => Buffer.from('Konto;Periode;Saldo\r\n"91403000;2024-12;1,00\r\n'),
      code: 'file.unclosedQuote',
      field: 'file',
    },
    {
      name: 'a CSV cell with U+0000',
      kind: 'reconciliationLog',
      file: () => Buffer.from('Konto;Periode;Kategori;Underårsag\r\n1000;2024-01;1;a\u0000b\r\n'),
      code: 'file.nul',
      field: 'file',
    },
    {
      name: 'Latin-1 instead of UTF-8',
      kind: 'reconciliationLog',
      file: () => Buffer.from('Konto;Periode;Kategori;Underårsag\r\n', 'latin1'),
      code: 'file.notUtf8',
      field: 'file',
    },
    { name: 'headers only', kind: 'ledgerBalances', file: () => csv([L]), code: 'file.noRows', field: 'file' },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const before = await snapshot();
      const bytes = await c.file();
      const dry = await send(c.kind, bytes, { dryRun: true, amountFormat: c.amountFormat ?? 'da' });
      expect(dry.status, JSON.stringify(dry.body)).toBe(200);
      expect(
        dry.body.errors.map((e: any) => [e.code, e.field]),
        JSON.stringify(dry.body.errors),
      ).toContainEqual([c.code, c.field]);
      const res = await send(c.kind, bytes, { amountFormat: c.amountFormat ?? 'da' });
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body.errors.map((e: any) => e.code)).toContain(c.code);
      expect(res.body.errors.every((e: any) => typeof e.message === 'string' && e.message.length > 0)).toBe(true);
      expect(await snapshot()).toEqual(before);
    });
  }

  it('names every problem of a file in one pass, in the caller’s language', async () => {
    const file = csv([L, ['9140300', '2099-01', '1,234.56'], ['12345678', '2024-12', 'kr']]);
    const res = await send('ledgerBalances', file, { dryRun: true });
    expect(res.body.errors.map((e: any) => e.field)).toEqual(['A2', 'B2', 'C2', 'A3', 'C3']);
    expect(res.body.errors[0].message).toMatch(/8 cifre/);
  });

  it('refuses an unknown kind, a missing file and a wrong amount format by name', async () => {
    const kind = await send('everything', csv([L]));
    expect(kind.status).toBe(400);
    expect(kind.body.errors.map((e: any) => e.field)).toContain('params.kind');
    const format = await upload(ctx.app, m.userId, '/api/v1/balance-imports/ledgerBalances?amountFormat=fr', csv([L]), 'x.csv');
    expect(format.status).toBe(400);
    expect(format.body.errors.map((e: any) => e.field)).toContain('querystring.amountFormat');
    const noFile = await api.post('/api/v1/balance-imports/ledgerBalances?dryRun=true', {});
    expect([400, 415]).toContain(noFile.status);
  });
});

describe('an import past one statement of 1,000 rows', () => {
  // 6 accounts × 204 months: the writes and the audit entry's changes span two chunks each
  const months = Array.from({ length: 204 }, (_, k) => `${2008 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`);
  const R = ['Konto', 'Periode', 'Kategori', 'Underårsag', 'Tekst', 'Beløb', 'Opstået'];
  /** Per reconciliation an item from 2000 of `oldKr(k)` kroner and one of -50 kroner from the period's first day. */
  const logFile = (oldKr: (k: number) => number) => {
    const rows: CellValue[][] = [R];
    for (const a of bif.accounts) {
      months.forEach((p, k) => {
        rows.push([a.account, p, 2, 'notBookedInNewPeriod', 'Gammel post', da(oldKr(k)), '2000-01-31']);
        rows.push([a.account, p, 2, 'notBookedInNewPeriod', 'Ny post', da(-50), `${p}-01`]);
      });
    }
    return csv(rows);
  };
  type Stored = {
    account: string;
    period: string;
    ledger: string;
    follow_up: string;
    older: string;
    gross: string;
    version: number;
    status: string;
    id: string;
  };
  const stored = (mid: string) =>
    queryRows<Stored>(
      ctx.engine.db,
      sql`select a.number as account, r.period, r.ledger_balance_ore::text as ledger, r.follow_up_ore::text as follow_up, r.older_than_one_year_ore::text as older, r.gross_ore::text as gross, r.version, r.status, r.id::text as id
          from account_reconciliations r join balance_accounts a on a.municipality_id = r.municipality_id and a.id = r.account_id where r.municipality_id = ${mid} order by a.number, r.period`,
    );
  /** The newest audit entry's change count as written and its change-log rows per action. */
  const lastEntry = async (mid: string) => {
    const [e] = await queryRows<{ seq: number; change_count: number }>(
      ctx.engine.db,
      sql`select seq::int as seq, change_count from audit_entries where municipality_id = ${mid} order by seq desc limit 1`,
    );
    const actions = await queryRows<{ action: string; n: number }>(
      ctx.engine.db,
      sql`select action, count(*)::int as n from change_log where municipality_id = ${mid} and audit_seq = ${e!.seq} group by action order by action`,
    );
    return { seq: e!.seq, changeCount: e!.change_count, actions: Object.fromEntries(actions.map((a) => [a.action, a.n])) };
  };

  it('creates, updates and de-certifies 1,224 reconciliations as one audit entry each, with the amounts of every row', async () => {
    const m2 = await seedMunicipality(ctx.engine, { slug: 'balance-import-chunks', departments: ['BIF'] });
    const api2 = client(ctx.app, m2.userId);
    expect((await api2.post('/api/v1/im-functions/starter', {})).status).toBe(200);
    for (const a of bif.accounts)
      expect(
        (
          await api2.post('/api/v1/balance-accounts', {
            number: a.account,
            name: a.name,
            imFunction: a.im,
            departmentId: m2.departments.BIF,
            reconciler: 'department',
          })
        ).status,
      ).toBe(201);
    const send2 = (kind: string, bytes: Buffer) => upload(ctx.app, m2.userId, importUrl(kind, false), bytes, `${kind}.csv`);
    const n = bif.accounts.length * months.length;

    const created = await send2(
      'reconciliationLog',
      logFile((k) => k + 1),
    );
    expect(created.status, JSON.stringify(created.body).slice(0, 2000)).toBe(200);
    expect(created.body.counts).toMatchObject({ create: n, update: 0 });
    expect(await lastEntry(m2.id)).toMatchObject({ changeCount: n, actions: { create: n } });
    const first = await stored(m2.id);
    expect(first).toHaveLength(n);
    first.forEach((r, i) => {
      const k = i % months.length;
      expect([r.period, r.ledger, r.follow_up, r.older, r.gross]).toEqual([
        months[k],
        '0',
        String((k + 1) * 100 - 5000),
        String((k + 1) * 100),
        String((k + 1) * 100 + 5000),
      ]);
    });

    // every reconciliation's old item changes: 1,224 updates, each at its version
    const updated = await send2(
      'reconciliationLog',
      logFile((k) => 1000 + k),
    );
    expect(updated.status, JSON.stringify(updated.body).slice(0, 2000)).toBe(200);
    expect(updated.body.counts).toMatchObject({ create: 0, update: n, unchanged: 0 });
    expect(await lastEntry(m2.id)).toMatchObject({ changeCount: n, actions: { update: n } });
    const second = await stored(m2.id);
    second.forEach((r, i) => {
      const k = i % months.length;
      expect([r.id, r.follow_up, r.older, r.gross, r.version]).toEqual([
        first[i]!.id,
        String((1000 + k) * 100 - 5000),
        String((1000 + k) * 100),
        String((1000 + k) * 100 + 5000),
        first[i]!.version + 1,
      ]);
    });

    // a signed-off reconciliation in the second chunk is reopened by its changed ledger balance
    const last = second[second.length - 1]!;
    const signed = await api2.post(`/api/v1/reconciliations/${last.id}/sign-off`, {}, { 'if-match': `"${last.version}"` });
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    const ledger: CellValue[][] = [['Konto', 'Periode', 'Saldo']];
    for (const a of bif.accounts) months.forEach((p, k) => ledger.push([a.account, p, da(k + 1)]));
    const balances = await send2('ledgerBalances', csv(ledger));
    expect(balances.status, JSON.stringify(balances.body).slice(0, 2000)).toBe(200);
    expect(balances.body.counts).toMatchObject({ update: n, unchanged: 0 });
    expect(await lastEntry(m2.id)).toMatchObject({ changeCount: n + 1, actions: { update: n, decertify: 1 } });
    const third = await stored(m2.id);
    third.forEach((r, i) => {
      const k = i % months.length;
      expect([r.ledger, r.follow_up, r.status]).toEqual([String((k + 1) * 100), second[i]!.follow_up, 'open']);
    });
    expect((await api2.get(`/api/v1/reconciliations/${last.id}`)).body).toMatchObject({ status: 'open', preparedBy: null, approvedBy: null });
    // the entries whose change log was written in chunks still hash to the chain
    expect(await verifyMunicipalityChain(ctx.engine.db, { id: m2.id, slug: 'balance-import-chunks' })).toMatchObject({ ok: true, firstBroken: null });
  });
});
