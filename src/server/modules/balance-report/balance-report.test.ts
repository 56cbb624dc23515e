import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import bif from '../../../domain/fixtures/bif-balance-2024.json' with { type: 'json' };
import { kronerToOre } from '../../../domain/money.js';
import { bifRegisterItems } from './test-fixtures.js';
import { queryRows } from '../../db/engine.js';
import { seedDemo } from '../../demo/seed.js';
import { client, createTestContext, seedMunicipality, type SeededMunicipality, type TestContext } from '../../../test/app.js';
import { kr } from '../../../test/kit.js';

let ctx: TestContext;
const fields = (res: { body: { errors?: { field: string }[] } }) => (res.body.errors ?? []).map((e) => e.field);

/** The committee table as the fixture prints it (t.kr.). */
function asFixtureTable(table: { rows: any[]; total: any }) {
  return {
    rows: table.rows.map((r) => ({
      im: r.im,
      name: r.name,
      accounts: r.tkr.accounts,
      total: r.tkr.followUpTotal,
      category2: r.tkr.category2,
      category3: r.tkr.category3,
      olderAccounts: r.tkr.olderAccounts,
      olderCategory2: r.tkr.olderCategory2,
      olderCategory3: r.tkr.olderCategory3,
    })),
    total: {
      accounts: table.total.tkr.accounts,
      total: table.total.tkr.followUpTotal,
      category2: table.total.tkr.category2,
      category3: table.total.tkr.category3,
      olderAccounts: table.total.tkr.olderAccounts,
      olderCategory2: table.total.tkr.olderCategory2,
      olderCategory3: table.total.tkr.olderCategory3,
    },
  };
}

beforeAll(async () => {
  ctx = await createTestContext();
  await seedDemo(ctx.engine, { only: ['kobenhavn'] });
});
afterAll(() => ctx?.close());

describe("the demo municipality's report (København 2024)", () => {
  let api: ReturnType<typeof client>;
  let reader: ReturnType<typeof client>;
  beforeAll(async () => {
    const users = await queryRows<{ id: string; email: string }>(ctx.engine.db, sql`select id, email from users`);
    const byEmail = new Map(users.map((u) => [u.email, u.id]));
    api = client(ctx.app, byEmail.get('mette.lindholm@kk.example')!);
    reader = client(ctx.app, byEmail.get('amira.jensen@kk.example')!);
  });

  it('computes section 1 from the five accounts', async () => {
    const res = await api.get('/api/v1/balance-report?year=2024');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const r = res.body;
    expect(r).toMatchObject({
      year: 2024,
      periodEnd: '2024-12-31',
      previousPeriodEnd: '2023-12-31',
      materialityThresholdOre: 100_000,
      accountsCounted: 5,
      accountsWithoutYearEnd: [],
    });
    expect(r.section1.table.rows.map((x: any) => x.im)).toEqual(['9.22.01', '9.28.14', '9.28.18', '9.52.56', '9.52.59']);
    const row = r.section1.table.rows.find((x: any) => x.im === '9.28.14');
    expect(row.name).toBe('Tilgodehavender i betalingskontrol');
    expect(row.ore).toMatchObject({
      accounts: 1,
      balance: kr(1_512_400),
      followUpTotal: kr(14_948),
      category2: kr(14_948),
      category1: kr(1_512_400 - 14_948),
      olderAccounts: 1,
      olderCategory2: kr(29_915),
    });
    expect(row.tkr).toMatchObject({ balance: 1_512, followUpTotal: 15, category2: 15, olderCategory2: 30 });
    expect(r.section1.table.total.tkr).toMatchObject({ accounts: 5, olderAccounts: 2, category3: 29_080, olderCategory3: 29_017 });
    const c = r.section1.categories;
    expect([c.current['1'].tkr, c.current['2'].tkr, c.current['3'].tkr, c.current.total.tkr]).toEqual([
      { accounts: 1, net: 11 },
      { accounts: 3, net: 1_505 },
      { accounts: 1, net: 29_080 },
      { accounts: 5, net: 30_596 },
    ]);
    expect(c.current['2'].ore.net).toBe(kr(1_512_400 - 13_371 + 5_567));
    expect(c.previous).toBeNull();
    expect(c.change).toBeNull();
    expect(c.responsibility).toEqual({ centralServiceAccounts: 1, departmentAccounts: 4 });
    expect(r.section1.olderThanOneYear.rows.map((x: any) => [x.account, x.department, x.category, x.amount.tkr.older])).toEqual([
      ['91403000', 'BIF', 2, 30],
      ['92818001', 'SOF', 3, 29_017],
    ]);
    expect(r.section1.olderThanOneYear.totals.category2).toEqual({ ore: { older: kr(29_915) }, tkr: { older: 30 } });
    // sections 3-5 come from the imported balance adjustments: the demo has none
    expect(r.omittedSections).toEqual([]);
    expect([r.section3, r.section4, r.section5]).toEqual([[], [], []]);
  });

  it('computes section 2 per committee, with materiality and the system reconciliations', async () => {
    const r = (await api.get('/api/v1/balance-report?year=2024')).body;
    expect(r.section2.map((s: any) => s.committee.code)).toEqual(['BIU', 'SOU']);
    const biu = r.section2[0];
    expect(biu.accounts.map((a: any) => [a.account, a.category, a.followUp.tkr.amount, a.needsActionPlan, a.needsConsequenceDescription])).toEqual([
      ['91403000', 2, 15, true, true],
      ['95600016', 2, -13, true, true],
      ['95900022', 2, 6, true, true],
    ]);
    expect(biu.accounts[0]).toMatchObject({ period: '2024-12', consequence: expect.stringMatching(/mellemværende/) });
    expect(biu.table.total.tkr).toMatchObject({ accounts: 3, followUpTotal: 7, olderAccounts: 1, olderCategory2: 30 });
    expect(biu.systemReconciliations.map((s: any) => [s.system, s.target, s.period, s.department.code, s.difference.tkr.amount])).toEqual([
      ['KY', 'debtorSystem', '2024-12', 'BIF', 30],
      ['KY', 'ledger', '2024-12', 'BIF', 0],
    ]);
    expect(r.section2[1].systemReconciliations).toEqual([]);
    const one = await api.get('/api/v1/balance-report?year=2024&committee=SOU');
    expect(one.body.section2.map((s: any) => s.committee.code)).toEqual(['SOU']);
    expect(one.body.section2[0].accounts[0]).toMatchObject({ account: '92818001', category: 3, followUp: { tkr: { amount: 29_080 } } });
  });

  it('a year without reconciliations lists every account as missing, and a committee without accounts gets an empty section', async () => {
    const r = (await api.get('/api/v1/balance-report?year=2022&committee=ØU')).body;
    expect(r.accountsCounted).toBe(0);
    expect(r.accountsWithoutYearEnd).toHaveLength(5);
    expect(r.section1.table.rows).toEqual([]);
    expect(r.section2).toHaveLength(1);
    expect(r.section2[0]).toMatchObject({ committee: { code: 'ØU' }, accounts: [], systemReconciliations: [] });
    expect(r.section2[0].table.total.ore.accounts).toBe(0);
  });

  it('speaks the caller’s language', async () => {
    for (const [lang, text] of [
      ['da', 'Ukendt udvalg X'],
      ['en', 'Unknown committee X'],
    ] as const) {
      const res = await api.get('/api/v1/balance-report?year=2024&committee=X', { 'accept-language': lang });
      expect(res.body.errors[0].message).toBe(text);
    }
    const bad = await api.get('/api/v1/balance-report?year=2024&committee=X', { 'accept-language': 'sv' });
    expect(bad.body.errors[0].message).toBe('Okänd nämnd X');
  });

  it('is not for readers', async () => {
    expect((await reader.get('/api/v1/balance-report?year=2024')).status).toBe(403);
  });
});

describe('the BIF committee table through the public API (bif-balance-2024.json)', () => {
  let m: SeededMunicipality;
  let api: ReturnType<typeof client>;

  const create = async (url: string, body: unknown) => {
    const res = await api.post(url, body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };

  beforeAll(async () => {
    m = await seedMunicipality(ctx.engine, { slug: 'balance-report-bif', departments: ['BIF', 'SOF'] });
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
      const body = { ledgerBalanceOre: balance, category: a.category, subReason: 'notBookedInNewPeriod', items };
      if (a.account === '95900027') {
        // December shows another figure; the supplementary period YYYY-13 is the year end
        await create(`/api/v1/balance-accounts/${account.id}/reconciliations`, {
          ...body,
          period: '2024-12',
          ledgerBalanceOre: kr(-1),
          items: [{ text: 'Foreløbig', amountOre: kr(-1), originDate: '2024-12-01' }],
        });
        await create(`/api/v1/balance-accounts/${account.id}/reconciliations`, { ...body, period: '2024-13' });
      } else {
        await create(`/api/v1/balance-accounts/${account.id}/reconciliations`, { ...body, period: '2024-12' });
      }
      if (a.account === '91403000') {
        await create(`/api/v1/balance-accounts/${account.id}/reconciliations`, {
          period: '2023-12',
          ledgerBalanceOre: kr(1_000_000),
          category: 1,
          subReason: 'noRemarks',
        });
      }
    }
    // another committee's category 3 account, which BIF's section must not show
    const sof = await create('/api/v1/balance-accounts', {
      number: '92818001',
      name: 'Mellemregning',
      imFunction: '9.28.18',
      departmentId: m.departments.SOF,
      reconciler: 'department',
    });
    await create(`/api/v1/balance-accounts/${sof.id}/reconciliations`, {
      period: '2024-12',
      ledgerBalanceOre: kr(2_000),
      category: 3,
      subReason: 'documentationMissing',
      items: [{ text: 'Udokumenteret', amountOre: kr(2_000), originDate: '2022-01-31' }],
    });
  });

  it("is exactly the fixture's expected committee table", async () => {
    const res = await api.get('/api/v1/balance-report?year=2024&committee=U-BIF');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.section2).toHaveLength(1);
    const section = res.body.section2[0];
    expect(section.committee).toMatchObject({ id: m.committees['U-BIF'], code: 'U-BIF' });
    const { unit, ...expected } = bif.expectedCommitteeTable;
    expect(unit).toBe('tkr');
    expect(asFixtureTable(section.table)).toEqual(expected);
    expect(section.accounts.map((a: any) => a.account)).toEqual(bif.accounts.map((a) => a.account));
    expect(section.accounts.find((a: any) => a.account === '95900027').period).toBe('2024-13');
    expect(section.accounts.every((a: any) => a.needsActionPlan && a.needsConsequenceDescription)).toBe(true);
    // the same section by the committee's id
    const byId = await api.get(`/api/v1/balance-report?year=2024&committee=${m.committees['U-BIF']}`);
    expect(byId.body.section2).toEqual(res.body.section2);
  });

  it('follows the municipality’s materiality threshold', async () => {
    const s = await api.get('/api/v1/balance-settings');
    expect((await api.put('/api/v1/balance-settings', { materialityThresholdOre: kronerToOre(5_568) }, s.body.version)).status).toBe(200);
    const r = (await api.get('/api/v1/balance-report?year=2024&committee=U-BIF')).body;
    expect(r.materialityThresholdOre).toBe(556_800);
    expect(r.section2[0].accounts.filter((a: any) => a.needsConsequenceDescription).map((a: any) => a.account)).toEqual([
      '91403000',
      '95600016',
      '95600017',
      '95900027',
    ]);
  });

  it("stays within the caller's municipality", async () => {
    const [u] = await queryRows<{ id: string }>(ctx.engine.db, sql`select id from users where email = 'mette.lindholm@kk.example'`);
    const demo = (await client(ctx.app, u!.id).get('/api/v1/balance-report?year=2024')).body;
    expect(demo.accountsCounted).toBe(5);
    expect(JSON.stringify(demo)).not.toContain('95900027');
    const own = (await api.get('/api/v1/balance-report?year=2024')).body;
    expect(own.accountsCounted).toBe(7);
    expect(JSON.stringify(own)).not.toContain('92201001');
  });

  it('compares the categories with the previous year and computes the change', async () => {
    const c = (await api.get('/api/v1/balance-report?year=2024')).body.section1.categories;
    expect(c.previous['1'].ore).toEqual({ accounts: 1, net: kr(1_000_000) });
    expect(c.previous.total.ore.accounts).toBe(1);
    expect(c.current['2'].ore.accounts).toBe(6);
    expect(c.current['3'].ore.accounts).toBe(1);
    expect(c.change['1'].ore).toEqual({ accounts: -1, net: kr(-1_000_000) });
    expect(c.change.total.ore).toEqual({ accounts: 6, net: c.current.total.ore.net - kr(1_000_000) });
    expect(c.change.total.tkr.net).toBe(Math.round(c.change.total.ore.net / 100_000));
  });
});

describe('bad input names the field', () => {
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    const m = await seedMunicipality(ctx.engine, { slug: 'balance-report-bad', departments: ['BIF'] });
    api = client(ctx.app, m.userId);
  });
  const cases: [string, string, number, string][] = [
    ['year missing', '/api/v1/balance-report', 400, 'querystring.year'],
    ['year not a year', '/api/v1/balance-report?year=twenty', 400, 'querystring.year'],
    ['year with decimals', '/api/v1/balance-report?year=2024.5', 400, 'querystring.year'],
    ['year out of range', '/api/v1/balance-report?year=0999', 400, 'querystring.year'],
    ['unknown committee', '/api/v1/balance-report?year=2024&committee=NOPE', 422, 'querystring.committee'],
    ['unknown committee id', '/api/v1/balance-report?year=2024&committee=00000000-0000-4000-8000-000000000000', 422, 'querystring.committee'],
  ];
  for (const [name, url, status, field] of cases) {
    it(name, async () => {
      const res = await api.get(url);
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(fields(res)).toContain(field);
    });
  }
});
