import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/engine.js';
import { authHeaders, client, createTestContext, seedMunicipality, type SeededMunicipality, type TestContext } from '../../../test/app.js';
import { multipart, tableSnapshot } from '../../../test/kit.js';

/**
 * The risk model's stored side against a small history entered through the public API (nine
 * months, six accounts) whose figures are computed by hand below.
 *
 * | account        | balance (øre)                 | categories 2024-01..09          | activity / month         | finding |
 * |----------------|-------------------------------|----------------------------------|--------------------------|---------|
 * | A 91000001     | 1,000,000                     | all 1                            | none                     | –       |
 * | B 91000002     | 1,000,000,000 (10 mio. kr)    | 1, except 07: 2                  | none                     | –       |
 * | C 91000003     | 1,000,000,000                 | all 1                            | none                     | open    |
 * | D 91000004     | 1,000,000                     | 1, except 02: 2                  | 200 postings, 10 mio. kr | –       |
 * | E 91000005     | 01: 1e8, 02: 3e8, then 1e8    | 1, except 04: 3 and 09: 2        | none                     | –       |
 * | F 91000006     | 1,000,000                     | all 1, but no reconciliation 03  | none                     | –       |
 *
 * Default model: balance 20 pts at 10 mio. kr; postings 15 at 200/month; volume 15 at 20 mio. kr/month;
 * volatility 15 at 100 %; category history 15 at 4; known issues 20 at 1. Monthly from 40, quarterly from 20.
 *
 * Scores at 2024-05 (window 01..05):
 *   A: balance 0.001 × 20 = 0.02                                           → half-yearly
 *   B: balance 1 × 20 = 20                                                  → quarterly
 *   C: 20 + known issue 20 = 40                                             → monthly   (20, quarterly, without the finding)
 *   D: 0.02 + postings 15 + volume 0.5 × 15 = 7.5 + one category-2 month 0.25 × 15 = 3.75 = 26.27 → quarterly
 *      (without activity 0.02 + 3.75 = 3.77 → half-yearly)
 *   E: 04 is category 3 → does not take part; F: no reconciliation for 03 → does not take part.
 *
 * Back-test 2024-03..2024-05 (every account monthly before; next reconciliation = run month + 3 or 6):
 *   03: A ½y (next 09: cat 1), B q (06: cat 1), C monthly, E: balance 0.1×20 = 2 + volatility
 *       (mean change 2e8 ÷ mean balance 1.67e8 = 1.2 → 15) = 17 → ½y (09: cat 2, worse); D, F out.
 *       qualified 4, lowered 3, monthly 1, observed 3, worse 1
 *   04: A ½y (10: none), B q (07: cat 2, worse), C monthly; D, E, F out.
 *       qualified 3, lowered 2, monthly 1, observed 1, worse 1
 *   05: A ½y (11: none), B q (08: cat 1), C monthly, D q (08: cat 1); E, F out.
 *       qualified 4, lowered 3, monthly 1, observed 2, worse 0
 *   → 11 qualified assessments (3.67 per run), 5 distinct; lowered 8/11; stayed monthly 3/11; worse 2/6.
 */

let ctx: TestContext;
let m: SeededMunicipality;
let api: ReturnType<typeof client>;
const ids: Record<string, string> = {};
let findingId: string;

const MONTHS = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06', '2024-07', '2024-08', '2024-09'];
const ACCOUNTS: Record<string, { number: string; balance: (p: string) => number; category: (p: string) => 1 | 2 | 3 | null }> = {
  A: { number: '91000001', balance: () => 1_000_000, category: () => 1 },
  B: { number: '91000002', balance: () => 1_000_000_000, category: (p) => (p === '2024-07' ? 2 : 1) },
  C: { number: '91000003', balance: () => 1_000_000_000, category: () => 1 },
  D: { number: '91000004', balance: () => 1_000_000, category: (p) => (p === '2024-02' ? 2 : 1) },
  E: { number: '91000005', balance: (p) => (p === '2024-02' ? 300_000_000 : 100_000_000), category: (p) => (p === '2024-04' ? 3 : p === '2024-09' ? 2 : 1) },
  F: { number: '91000006', balance: () => 1_000_000, category: (p) => (p === '2024-03' ? null : 1) },
};
const SUB = { 1: 'noRemarks', 2: 'notBookedInNewPeriod', 3: 'differenceUnspecified' } as const;

async function uploadCsv(url: string, text: string) {
  const body = multipart({ file: { filename: 'aktivitet.csv', type: 'text/csv', content: text } });
  const res = await ctx.app.inject({ method: 'POST', url, headers: { ...(await authHeaders(ctx.app, m.userId)), ...body.headers }, payload: body.payload });
  return { status: res.statusCode, body: JSON.parse(res.body) };
}

/** The risk tables, the accounts and the audit trail: equal snapshots mean nothing changed. */
const snapshot = () =>
  tableSnapshot(ctx.engine, [
    'risk_model_runs',
    'risk_model_results',
    'balance_account_findings',
    'balance_accounts',
    'audit_entries',
    'change_log',
    'audit_heads',
  ]);
const auditCount = async () =>
  (await queryRows<{ n: number }>(ctx.engine.db, sql`select count(*)::int as n from audit_entries where municipality_id = ${m.id}`))[0]!.n;

const byNumber = (items: any[]) => Object.fromEntries(Object.entries(ACCOUNTS).map(([k, a]) => [k, items.find((i) => i.accountNumber === a.number)]));

beforeAll(async () => {
  ctx = await createTestContext();
  m = await seedMunicipality(ctx.engine, { slug: 'risk', departments: ['ØKF', 'BUF'] });
  api = client(ctx.app, m.userId);
  expect((await api.post('/api/v1/im-functions/starter', {})).status).toBe(200);
  for (const [key, a] of Object.entries(ACCOUNTS)) {
    const res = await api.post('/api/v1/balance-accounts', {
      number: a.number,
      name: `Konto ${key}`,
      imFunction: '9.28.14',
      departmentId: m.departments.ØKF,
      reconciler: 'department',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.frequency).toBe('monthly');
    ids[key] = res.body.id;
    for (const period of MONTHS) {
      const category = a.category(period);
      if (category === null) continue;
      const items = category === 1 ? [] : [{ text: 'Åben post', amountOre: 12_345, originDate: `${period}-01` }];
      const r = await api.post(`/api/v1/balance-accounts/${res.body.id}/reconciliations`, {
        period,
        ledgerBalanceOre: a.balance(period),
        category,
        subReason: SUB[category],
        items,
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
  }
  const report = await api.post('/api/v1/reports', { title: 'Revisionsberetning 2024', auditor: 'Revisionen', year: 2024, kind: 'annualAccounts' });
  expect(report.status).toBe(201);
  const finding = await api.post(`/api/v1/reports/${report.body.id}/findings`, {
    number: 1,
    title: 'Mellemregningskonto ikke afstemt',
    observations: 'Kontoen er ikke afstemt rettidigt.',
    departments: [m.departments.ØKF],
    recommendations: ['Afstem kontoen månedligt'],
    confidential: false,
  });
  expect(finding.status, JSON.stringify(finding.body)).toBe(201);
  findingId = finding.body.id;
});
afterAll(() => ctx.close());

describe('risk model runs', () => {
  let first: any;
  let second: any;

  it('stores a run with its inputs and results, one audit entry', async () => {
    const before = await auditCount();
    const res = await api.post('/api/v1/risk-runs', { asOf: '2024-05' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    first = res.body;
    expect(first).toMatchObject({ asOf: '2024-05', state: 'draft', counts: { accounts: 6, qualified: 4, lowered: 4, stayedMonthly: 0, raised: 0 } });
    expect(await auditCount()).toBe(before + 1);
    const detail = await api.get(`/api/v1/risk-runs/${first.id}`);
    expect(detail.status).toBe(200);
    const r = byNumber(detail.body.results.items);
    expect([r.A.score, r.B.score, r.C.score, r.D.score]).toEqual([0.02, 20, 20, 3.77]);
    expect([r.A.proposedFrequency, r.B.proposedFrequency, r.C.proposedFrequency, r.D.proposedFrequency]).toEqual([
      'halfYearly',
      'quarterly',
      'quarterly',
      'halfYearly',
    ]);
    expect(r.E).toMatchObject({ qualified: false, score: null, proposedFrequency: 'monthly' });
    expect(r.F.reasons[0]).toContain('ingen afstemning for 2024-03');
    // the inputs are kept: F lacks March, D's months carry no activity yet
    expect(r.F.inputs.months.map((x: any) => x.period)).toEqual(['2024-01', '2024-02', '2024-04', '2024-05']);
    expect(r.D.inputs.months.every((x: any) => x.transactions === 0)).toBe(true);
  });

  it('reads account_activity and linked open findings: each changes the score', async () => {
    const rows = ['Konto;Måned;Antal posteringer;Volumen', ...MONTHS.map((p) => `${ACCOUNTS.D!.number};${p};200;10.000.000,00`)];
    const imp = await uploadCsv('/api/v1/balance-imports/activity?dryRun=false&amountFormat=da', rows.join('\r\n') + '\r\n');
    expect(imp.status, JSON.stringify(imp.body)).toBe(200);
    const link = await api.post(`/api/v1/balance-accounts/${ids.C}/findings/${findingId}`);
    expect(link.status).toBe(201);
    expect((await api.post(`/api/v1/balance-accounts/${ids.C}/findings/${findingId}`)).status).toBe(200);
    expect((await api.get(`/api/v1/balance-accounts/${ids.C}/findings`)).body).toMatchObject([{ findingId, number: 1 }]);
    // an unknown finding or account: 404, nothing written
    const unchanged = await snapshot();
    expect((await api.post(`/api/v1/balance-accounts/${ids.C}/findings/${ids.A}`)).status).toBe(404);
    expect((await api.post(`/api/v1/balance-accounts/${findingId}/findings/${findingId}`)).status).toBe(404);
    expect(await snapshot()).toEqual(unchanged);

    const res = await api.post('/api/v1/risk-runs', { asOf: '2024-05' });
    expect(res.status).toBe(201);
    second = res.body;
    expect(second.counts).toEqual({ accounts: 6, qualified: 4, lowered: 3, stayedMonthly: 1, raised: 0 });
    const r = byNumber((await api.get(`/api/v1/risk-runs/${second.id}`)).body.results.items);
    expect(r.C).toMatchObject({ score: 40, proposedFrequency: 'monthly', inputs: { knownIssues: 1, openFindingIds: [findingId] } });
    expect(r.C.components.find((c: any) => c.component === 'knownIssues')).toMatchObject({ measure: 1, points: 20 });
    expect(r.D).toMatchObject({ score: 26.27, proposedFrequency: 'quarterly' });
    expect(r.D.components.find((c: any) => c.component === 'transactions')).toMatchObject({ measure: 200, points: 15 });
    expect(r.D.components.find((c: any) => c.component === 'volume')).toMatchObject({ measure: 1_000_000_000, points: 7.5 });
    expect(r.C.reasons.at(-1)).toBe('Risikoscore 40 (månedlig fra 40, kvartalsvis fra 20): månedlig afstemning.');
  });

  it('filters and pages the results', async () => {
    const changed = await api.get(`/api/v1/risk-runs/${second.id}?filter=changed`);
    expect(changed.body.results.items.map((i: any) => i.accountNumber)).toEqual(['91000001', '91000002', '91000004']);
    const qualified = await api.get(`/api/v1/risk-runs/${second.id}?filter=qualified&limit=2&offset=2`);
    expect(qualified.body.results).toMatchObject({ total: 4, limit: 2, offset: 2 });
    expect(qualified.body.results.items.map((i: any) => i.accountNumber)).toEqual(['91000003', '91000004']);
    const list = await api.get('/api/v1/risk-runs');
    expect(list.body.map((x: any) => x.id)).toEqual([second.id, first.id]);
  });

  it('back-tests the stored history with the hand-computed figures', async () => {
    const res = await api.get('/api/v1/risk-backtest?from=2024-03&to=2024-05');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.runs).toEqual([
      { asOf: '2024-03', qualified: 4, lowered: 3, stayedMonthly: 1 },
      { asOf: '2024-04', qualified: 3, lowered: 2, stayedMonthly: 1 },
      { asOf: '2024-05', qualified: 4, lowered: 3, stayedMonthly: 1 },
    ]);
    expect(res.body).toMatchObject({ distinctQualified: 5, qualifiedAssessments: 11, lowered: 8, stayedMonthly: 3, loweredObserved: 6, loweredWorse: 2 });
    expect(res.body.qualifiedPerRun).toBeCloseTo(11 / 3, 10);
    expect(res.body.loweredShare).toBeCloseTo(8 / 11, 10);
    expect(res.body.stayedMonthlyShare).toBeCloseTo(3 / 11, 10);
    expect(res.body.worseShare).toBeCloseTo(2 / 6, 10);
    const reversed = await api.get('/api/v1/risk-backtest?from=2024-05&to=2024-03');
    expect(reversed.status).toBe(422);
    expect(reversed.body.errors[0].field).toBe('querystring.to');
  });

  it('refuses a bad model naming the field, and changes nothing', async () => {
    const before = await snapshot();
    const negative = await api.post('/api/v1/risk-runs', { asOf: '2024-05', model: { weights: { balance: -5 } } });
    expect(negative.status).toBe(400);
    expect(negative.body.errors.map((e: any) => e.field)).toEqual(['body.model.weights.balance']);
    const thresholds = await api.post('/api/v1/risk-runs', { asOf: '2024-05', model: { monthlyFrom: 10, quarterlyFrom: 30 } });
    expect(thresholds.status).toBe(422);
    expect(thresholds.body.errors.map((e: any) => e.field)).toEqual(['body.model.quarterlyFrom']);
    const future = await api.post('/api/v1/risk-runs', { asOf: '2199-01' });
    expect(future.status).toBe(422);
    expect(future.body.errors.map((e: any) => e.field)).toEqual(['body.asOf']);
    // past the dates the application deals in (1900–2199): refused by the schema
    const farFuture = await api.post('/api/v1/risk-runs', { asOf: '2999-01' });
    expect(farFuture.status).toBe(400);
    expect(farFuture.body.errors.map((e: any) => e.field)).toEqual(['body.asOf']);
    const unknown = await api.post('/api/v1/risk-runs', { asOf: '2024-05', model: { weights: { colour: 3 } } });
    expect(unknown.status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it('applies a run once, and never one older than the latest applied', async () => {
    const before = await auditCount();
    const applied = await api.post(`/api/v1/risk-runs/${second.id}/apply`);
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body).toMatchObject({ state: 'applied', appliedBy: m.userId });
    expect(await auditCount()).toBe(before + 1);
    const freq = Object.fromEntries(
      await Promise.all(Object.entries(ids).map(async ([k, id]) => [k, (await api.get(`/api/v1/balance-accounts/${id}`)).body.frequency])),
    );
    // only qualified accounts change; E and F keep theirs
    expect(freq).toEqual({ A: 'halfYearly', B: 'quarterly', C: 'monthly', D: 'quarterly', E: 'monthly', F: 'monthly' });

    const unchanged = await snapshot();
    const again = await api.post(`/api/v1/risk-runs/${second.id}/apply`);
    expect(again.status).toBe(409);
    expect(again.body.errors[0].code).toBe('riskRun.applied');
    const older = await api.post(`/api/v1/risk-runs/${first.id}/apply`);
    expect(older.status).toBe(409);
    expect(older.body.errors[0].code).toBe('riskRun.superseded');
    expect(await snapshot()).toEqual(unchanged);

    const april = await api.post('/api/v1/risk-runs', { asOf: '2024-04' });
    expect((await api.post(`/api/v1/risk-runs/${april.body.id}/apply`)).body.errors[0].code).toBe('riskRun.superseded');

    // a later run starts from the applied frequencies
    const june = await api.post('/api/v1/risk-runs', { asOf: '2024-06' });
    const r = byNumber((await api.get(`/api/v1/risk-runs/${june.body.id}`)).body.results.items);
    expect(r.A).toMatchObject({ previousFrequency: 'halfYearly', proposedFrequency: 'halfYearly' });
    // F lacked March, outside 04..06: it takes part now (0.02 points → half-yearly), the only one lowered
    expect(r.F).toMatchObject({ qualified: true, previousFrequency: 'monthly', proposedFrequency: 'halfYearly' });
    expect(june.body.counts).toMatchObject({ qualified: 5, lowered: 1 });
  });

  it('keeps the stored results immutable', async () => {
    await expect(ctx.engine.db.execute(sql`update risk_model_results set score = 99 where run_id = ${second.id}`)).rejects.toThrow();
    await expect(ctx.engine.db.execute(sql`update risk_model_runs set qualified = 99 where id = ${first.id}`)).rejects.toThrow();
    await expect(ctx.engine.db.execute(sql`update risk_model_runs set state = 'draft', applied_at = null where id = ${second.id}`)).rejects.toThrow();
  });

  it('no longer counts a closed finding, and unlinks', async () => {
    await ctx.engine.db.execute(sql`update finding_departments set state = 'closed' where finding_id = ${findingId}`);
    const closed = await api.post('/api/v1/risk-runs', { asOf: '2024-05' });
    expect(byNumber((await api.get(`/api/v1/risk-runs/${closed.body.id}?filter=qualified`)).body.results.items).C).toMatchObject({
      score: 20,
      inputs: { knownIssues: 0 },
    });
    expect((await api.delete(`/api/v1/balance-accounts/${ids.C}/findings/${findingId}`)).status).toBe(204);
    expect((await api.delete(`/api/v1/balance-accounts/${ids.C}/findings/${findingId}`)).status).toBe(404);
  });

  it('lists the due reconciliations of each account at its frequency', async () => {
    await ctx.engine.db.execute(
      sql`update account_reconciliations set status = 'approved', approved_by = ${m.userId}, approved_at = now() where account_id = ${ids.B} and period = '2024-03'`,
    );
    const res = await api.get(`/api/v1/reconciliation-calendar?from=2024-01&to=2024-12&department=${m.departments.ØKF}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const by = Object.fromEntries(res.body.accounts.map((a: any) => [a.number, a]));
    expect(by['91000001'].due.map((d: any) => [d.period, d.state])).toEqual([
      ['2024-06', 'overdue'],
      ['2024-12', 'overdue'],
    ]);
    expect(by['91000002'].due.map((d: any) => d.period)).toEqual(['2024-03', '2024-06', '2024-09', '2024-12']);
    expect(by['91000002'].due[0]).toMatchObject({ state: 'approved', status: 'approved', reconciledPeriod: '2024-03' });
    expect(by['91000002'].due[3]).toMatchObject({ reconciliationId: null, state: 'overdue' });
    expect(by['91000003'].due).toHaveLength(12);
    const other = await api.get(`/api/v1/reconciliation-calendar?from=2024-01&to=2024-12&department=${m.departments.BUF}`);
    expect(other.body.accounts).toEqual([]);
  });
});
