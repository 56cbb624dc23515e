import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestContext, seedMunicipality, type SeededMunicipality, type TestContext } from '../../../test/app.js';

let ctx: TestContext;
let m: SeededMunicipality;
let api: ReturnType<typeof client>;

/** Three accounts: two reconciled with different amounts, one never reconciled. */
beforeAll(async () => {
  ctx = await createTestContext();
  m = await seedMunicipality(ctx.engine, { slug: 'balance-sort', departments: ['ØKF', 'BIF'] });
  api = client(ctx.app, m.userId);
  await api.post('/api/v1/im-functions/starter', {});
  const account = async (number: string, name: string, imFunction: string, department: 'ØKF' | 'BIF') => {
    const res = await api.post('/api/v1/balance-accounts', { number, name, imFunction, departmentId: m.departments[department], reconciler: 'department' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };
  const reconcile = async (id: string, period: string, amountOre: number) => {
    const res = await api.post(`/api/v1/balance-accounts/${id}/reconciliations`, {
      period,
      ledgerBalanceOre: amountOre,
      category: 2,
      subReason: 'notBookedInNewPeriod',
      items: [{ text: 'Ikke bogført', amountOre, originDate: '2023-01-31' }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  };
  const restance = await account('91403000', 'Restancekonto', '9.28.14', 'BIF');
  const kasse = await account('92201001', 'Kasse', '9.22.01', 'ØKF');
  await account('90501000', 'Åbningsbalance', '9.22.05', 'ØKF');
  await reconcile(restance, '2024-12', 500_000);
  await reconcile(kasse, '2024-11', 1_200_000);
});
afterAll(() => ctx.close());

const numbers = async (q: string) => {
  const res = await api.get(`/api/v1/balance-accounts${q}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items.map((a: { number: string }) => a.number);
};

describe('the balance account list, sorted', () => {
  it('is by account number without a sort, and by the column asked for, both ways', async () => {
    expect(await numbers('')).toEqual(['90501000', '91403000', '92201001']);
    expect(await numbers('?sort=-number')).toEqual(['92201001', '91403000', '90501000']);
    // Danish collation: Å after Z
    expect(await numbers('?sort=name')).toEqual(['92201001', '91403000', '90501000']);
    expect(await numbers('?sort=department')).toEqual(['91403000', '90501000', '92201001']);
  });

  it('puts accounts without a reconciliation last whichever way an amount or period is sorted', async () => {
    expect(await numbers('?sort=followUp')).toEqual(['91403000', '92201001', '90501000']);
    expect(await numbers('?sort=-followUp')).toEqual(['92201001', '91403000', '90501000']);
    expect(await numbers('?sort=-period')).toEqual(['91403000', '92201001', '90501000']);
  });

  it('sorts before paging, so the second page continues the first', async () => {
    expect(await numbers('?sort=-followUp&limit=1&offset=0')).toEqual(['92201001']);
    expect(await numbers('?sort=-followUp&limit=1&offset=1')).toEqual(['91403000']);
  });

  it('refuses a column it cannot sort by, naming the parameter', async () => {
    const res = await api.get('/api/v1/balance-accounts?sort=secret');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('sort');
  });
});
