import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/engine.js';
import { client, createTestContext, seedMunicipality, seedUser, type SeededMunicipality, type TestContext } from '../../../test/app.js';
import { kr } from '../../../test/kit.js';

let ctx: TestContext;
let m: SeededMunicipality;
let api: ReturnType<typeof client>;
let reviewer: ReturnType<typeof client>;
let accountId: string;

const fields = (res: { body: { errors?: { field: string }[] } }) => (res.body.errors ?? []).map((e) => e.field);

/** Account 91403000 of the employment department at 31.12.2024 (the municipality's 2024 report). */
const items = [
  { text: 'Kreditnota ikke driftsbogført', amountOre: kr(43_459), originDate: '2023-06-30' },
  {
    text: 'Tilbagebetaling af for meget indbetalt',
    amountOre: kr(-28_511),
    originDate: '2023-09-30',
    parts: [
      { amountOre: kr(-13_544), originDate: '2023-09-30' },
      { amountOre: kr(-14_967), originDate: '2024-05-31' },
    ],
  },
];

beforeAll(async () => {
  ctx = await createTestContext();
  m = await seedMunicipality(ctx.engine, { slug: 'balance-test', departments: ['ØKF', 'BIF'] });
  api = client(ctx.app, m.userId);
  const reviewerId = await seedUser(ctx.engine, m.id, { email: 'revisor@balance.example', roles: [{ role: 'auditor' }] });
  reviewer = client(ctx.app, reviewerId);
  expect((await api.post('/api/v1/im-functions/starter', {})).body.created).toBeGreaterThan(40);
  const res = await api.post('/api/v1/balance-accounts', {
    number: '91403000',
    name: 'Restancekonto',
    imFunction: '9.28.14',
    departmentId: m.departments.BIF,
    reconciler: 'department',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  accountId = res.body.id;
});
afterAll(() => ctx.close());

describe('chart of accounts', () => {
  it('loads the starter chart once, with main account, groups and functions linked', async () => {
    expect((await api.post('/api/v1/im-functions/starter', {})).body.created).toBe(0);
    const list = (await api.get('/api/v1/im-functions')).body as { id: string; code: string; level: string; parentId: string | null; side: string }[];
    const byCode = new Map(list.map((f) => [f.code, f]));
    expect(byCode.get('9')!.level).toBe('mainAccount');
    expect(byCode.get('9.28.14')).toMatchObject({ level: 'function', side: 'asset', parentId: byCode.get('9.28')!.id });
    expect(byCode.get('9.28')!.parentId).toBe(byCode.get('9')!.id);
    expect(byCode.get('9.52.59')!.side).toBe('liability');
    expect(byCode.has('9.75.99')).toBe(true);
  });
});

describe('reconciliations', () => {
  it('computes the amounts from the items (per item, with parts) and never takes them from the client', async () => {
    const res = await api.post(`/api/v1/balance-accounts/${accountId}/reconciliations`, {
      period: '2024-12',
      ledgerBalanceOre: kr(1_512_400),
      category: 2,
      subReason: 'notBookedInNewPeriod',
      items,
      followUpOre: 1,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toMatchObject({
      periodEnd: '2024-12-31',
      year: 2024,
      supplementary: false,
      followUpOre: kr(14_948),
      olderThanOneYearOre: kr(29_915),
      grossOre: kr(71_970),
      status: 'open',
    });
    expect(res.body.items.map((i: { olderThanOneYearOre: number }) => i.olderThanOneYearOre)).toEqual([kr(43_459), kr(-13_544)]);
    // Category 2 above 1,000 kr: needs an action plan and a consequence description.
    expect(res.body.needs.map((n: { code: string }) => n.code)).toEqual(['actionPlanMissing', 'consequenceMissing']);
    const patched = await api.patch(`/api/v1/reconciliations/${res.body.id}`, { consequence: 'Balancen viser et mellemværende, som ikke findes.' }, 1);
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.needs.map((n: { code: string }) => n.code)).toEqual(['actionPlanMissing']);
    // An action plan with the reconciliation as subject satisfies the plan requirement.
    await ctx.engine.db.execute(
      sql`insert into action_plans (municipality_id, subject_kind, account_reconciliation_id, department_id) values (${m.id}, 'accountReconciliation', ${res.body.id}, ${m.departments.BIF})`,
    );
    const withPlan = await api.get(`/api/v1/reconciliations/${res.body.id}`);
    expect(withPlan.body.needs).toEqual([]);
    expect(withPlan.body.actionPlanIds).toHaveLength(1);
  });

  it('takes the supplementary period 2024-13 into year 2024 with period end 31 December', async () => {
    const res = await api.post(`/api/v1/balance-accounts/${accountId}/reconciliations`, {
      period: '2024-13',
      ledgerBalanceOre: 0,
      category: 1,
      subReason: 'noRemarks',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ periodEnd: '2024-12-31', year: 2024, supplementary: true, followUpOre: 0, needs: [] });
    const list = await api.get(`/api/v1/balance-accounts/${accountId}/reconciliations`);
    expect(list.body.map((r: { period: string }) => r.period)).toEqual(['2024-13', '2024-12']);
  });

  it('separates preparer and reviewer, and de-certifies on a changed ledger balance (recorded in the audit trail)', async () => {
    const created = await api.post(`/api/v1/balance-accounts/${accountId}/reconciliations`, {
      period: '2025-01',
      ledgerBalanceOre: kr(100),
      category: 1,
      subReason: 'noRemarks',
    });
    const id = created.body.id;
    const signed = await api.post(`/api/v1/reconciliations/${id}/sign-off`, {}, { 'if-match': '"1"' });
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    expect(signed.body).toMatchObject({ status: 'signedOff', preparedBy: m.userId });
    const own = await api.post(`/api/v1/reconciliations/${id}/approve`, {}, { 'if-match': '"2"' });
    expect(own.status).toBe(403);
    expect(own.body.errors[0]).toMatchObject({ field: 'preparedBy', code: 'reconciliation.segregation' });
    // Content is locked once signed off.
    expect((await api.patch(`/api/v1/reconciliations/${id}`, { note: 'x' }, 2)).status).toBe(409);
    const approved = await reviewer.post(`/api/v1/reconciliations/${id}/approve`, {}, { 'if-match': '"2"' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.status).toBe('approved');
    // Same balance: nothing happens to the approval.
    const same = await api.patch(`/api/v1/reconciliations/${id}`, { ledgerBalanceOre: kr(100) }, 3);
    expect(same.body.status).toBe('approved');
    const changed = await api.patch(`/api/v1/reconciliations/${id}`, { ledgerBalanceOre: kr(101) }, 4);
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ status: 'open', preparedBy: null, approvedBy: null, ledgerBalanceOre: kr(101) });
    const log = await queryRows<{ action: string }>(
      ctx.engine.db,
      sql`select action from change_log where resource = 'reconciliation' and resource_id = ${id} order by seq`,
    );
    expect(log.map((l) => l.action)).toEqual(['create', 'signOff', 'approve', 'update', 'decertify', 'update']);
  });

  it('filters accounts by category, IM function, department and older-than-one-year', async () => {
    const other = await api.post('/api/v1/balance-accounts', {
      number: '92201001',
      name: 'Kasse',
      imFunction: '9.22.01',
      departmentId: m.departments['ØKF'],
      reconciler: 'centralService',
    });
    expect(other.status).toBe(201);
    const numbers = async (q: string) => (await api.get(`/api/v1/balance-accounts${q}`)).body.items.map((a: { number: string }) => a.number);
    expect(await numbers('')).toEqual(['91403000', '92201001']);
    expect(await numbers('?imFunction=9.28')).toEqual(['91403000']);
    expect(await numbers(`?departmentId=${m.departments['ØKF']}`)).toEqual(['92201001']);
    expect(await numbers('?category=2&period=2024-12')).toEqual(['91403000']);
    expect(await numbers('?category=1')).toEqual(['91403000']);
    expect(await numbers('?olderThanOneYear=true&period=2024-12')).toEqual(['91403000']);
    expect(await numbers('?olderThanOneYear=false&period=2024-12')).toEqual(['92201001']);
    const account = await api.get(`/api/v1/balance-accounts/${accountId}`);
    expect(account.body).toMatchObject({ imFunction: { code: '9.28.14' }, department: { code: 'BIF' }, latest: { period: '2025-01', category: 1 } });
  });
});

describe('system reconciliations', () => {
  it('records a difference, and a second record for the same system, target and month updates it', async () => {
    const first = await api.post('/api/v1/system-reconciliations', {
      system: 'KY',
      target: 'debtorSystem',
      period: '2024-12',
      departmentId: m.departments.BIF,
      differenceOre: kr(30_000),
      explanation: 'Systemdifference',
      deadline: '2025-06-30',
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const again = await api.post('/api/v1/system-reconciliations', {
      system: 'KY',
      target: 'debtorSystem',
      period: '2024-12',
      departmentId: m.departments.BIF,
      differenceOre: kr(29_000),
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, differenceOre: kr(29_000), explanation: 'Systemdifference', version: 2 });
    expect((await api.get('/api/v1/system-reconciliations?period=2024-12')).body).toHaveLength(1);
  });
});

describe('bad input is refused, naming the field, and writes nothing', () => {
  const count = async () =>
    (
      await queryRows<{ n: number }>(
        ctx.engine.db,
        sql`select (select count(*) from balance_accounts) + (select count(*) from account_reconciliations) + (select count(*) from change_log) as n`,
      )
    )[0]!.n;
  const cases: [string, () => Promise<{ status: number; body: any }>, number, string][] = [
    [
      'unknown IM function',
      () =>
        api.post('/api/v1/balance-accounts', {
          number: '91111111',
          name: 'X',
          imFunction: '9.99.99',
          departmentId: m.departments.BIF,
          reconciler: 'department',
        }),
      422,
      'body.imFunction',
    ],
    [
      'account number not 8 digits',
      () =>
        api.post('/api/v1/balance-accounts', {
          number: '9140300',
          name: 'X',
          imFunction: '9.28.14',
          departmentId: m.departments.BIF,
          reconciler: 'department',
        }),
      400,
      'body.number',
    ],
    [
      'duplicate account number',
      () =>
        api.post('/api/v1/balance-accounts', {
          number: '91403000',
          name: 'X',
          imFunction: '9.28.14',
          departmentId: m.departments.BIF,
          reconciler: 'department',
        }),
      409,
      'body.number',
    ],
    [
      'period in the future',
      () => api.post(`/api/v1/balance-accounts/${accountId}/reconciliations`, { period: '2099-01', ledgerBalanceOre: 0, category: 1, subReason: 'noRemarks' }),
      422,
      'body.period',
    ],
    [
      'amount not an integer øre',
      () =>
        api.post(`/api/v1/balance-accounts/${accountId}/reconciliations`, {
          period: '2024-11',
          ledgerBalanceOre: 0,
          category: 2,
          subReason: 'notBookedInNewPeriod',
          items: [{ text: 'x', amountOre: 12.5, originDate: '2024-01-01' }],
        }),
      400,
      'body.items.0.amountOre',
    ],
    [
      'ledger balance not an integer øre',
      () =>
        api.post(`/api/v1/balance-accounts/${accountId}/reconciliations`, { period: '2024-11', ledgerBalanceOre: 1.5, category: 1, subReason: 'noRemarks' }),
      400,
      'body.ledgerBalanceOre',
    ],
    [
      'sub-reason of another category',
      () =>
        api.post(`/api/v1/balance-accounts/${accountId}/reconciliations`, {
          period: '2024-11',
          ledgerBalanceOre: 0,
          category: 1,
          subReason: 'documentationMissing',
        }),
      422,
      'body.subReason',
    ],
    [
      'parts that do not sum to the item',
      () =>
        api.post(`/api/v1/balance-accounts/${accountId}/reconciliations`, {
          period: '2024-11',
          ledgerBalanceOre: 0,
          category: 2,
          subReason: 'notBookedInNewPeriod',
          items: [{ text: 'x', amountOre: 10, originDate: '2024-01-01', parts: [{ amountOre: 4, originDate: '2024-01-01' }] }],
        }),
      422,
      'body.items.0.parts',
    ],
    [
      'item dated after the period end',
      () =>
        api.post(`/api/v1/balance-accounts/${accountId}/reconciliations`, {
          period: '2024-11',
          ledgerBalanceOre: 0,
          category: 2,
          subReason: 'notBookedInNewPeriod',
          items: [{ text: 'x', amountOre: 10, originDate: '2024-12-01' }],
        }),
      422,
      'body.items.0.originDate',
    ],
  ];
  for (const [name, call, status, field] of cases) {
    it(name, async () => {
      const before = await count();
      const res = await call();
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(fields(res)).toContain(field);
      expect(await count()).toBe(before);
    });
  }

  it("another municipality's account answers 404", async () => {
    const other = await seedMunicipality(ctx.engine, { slug: 'balance-other', departments: ['BIF'] });
    const otherApi = client(ctx.app, other.userId);
    expect((await otherApi.get(`/api/v1/balance-accounts/${accountId}`)).status).toBe(404);
    expect(
      (
        await otherApi.post(`/api/v1/balance-accounts/${accountId}/reconciliations`, {
          period: '2024-10',
          ledgerBalanceOre: 0,
          category: 1,
          subReason: 'noRemarks',
        })
      ).status,
    ).toBe(404);
  });
});
