import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { authHeaders, client, createTestContext, seedMunicipality, seedUser, type SeededMunicipality, type TestContext } from '../../../test/app.js';
import { runCheck } from '../../../cli/commands/check.js';
import { settableClock } from '../../clock.js';
import { kr, tableSnapshot } from '../../../test/kit.js';

let ctx: TestContext;
let m: SeededMunicipality;
let central: ReturnType<typeof client>;
let accountId: string;
let december: { id: string };

// The app's injected clock: tests that depend on "today" set it; the others run on the real date.
const clock = settableClock();
const undated = (b: { code: string }) => b.code !== 'measure.deadlinePassed' && b.code !== 'plan.overallDeadlinePassed';
afterEach(() => {
  clock.set(new Date());
});

/** Every row of the tables an account plan writes, and the audit trail: equal snapshots mean nothing changed. */
const snapshot = () =>
  tableSnapshot(ctx.engine, ['action_plans', 'measures', 'deadline_revisions', 'account_reconciliations', 'audit_entries', 'change_log', 'audit_heads']);

const reconcile = async (api: ReturnType<typeof client>, account: string, period: string, category: 1 | 2 | 3, amountKr = 0, consequence?: string) => {
  const res = await api.post(`/api/v1/balance-accounts/${account}/reconciliations`, {
    period,
    ledgerBalanceOre: kr(100_000),
    category,
    subReason: category === 1 ? 'noRemarks' : category === 2 ? 'notBookedInNewPeriod' : 'differenceUnspecified',
    items: category === 1 ? [] : [{ text: 'Uafklaret post', amountOre: kr(amountKr), originDate: '2024-10-31' }],
    ...(consequence ? { consequence } : {}),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; needs: { code: string }[]; actionPlans: unknown[] };
};

beforeAll(async () => {
  ctx = await createTestContext({ config: { clock } });
  m = await seedMunicipality(ctx.engine, { slug: 'acctplans-test', departments: ['ØKF', 'BIF'] });
  central = client(ctx.app, m.userId);
  expect((await central.post('/api/v1/im-functions/starter', {})).status).toBe(200);
  const res = await central.post('/api/v1/balance-accounts', {
    number: '91403000',
    name: 'Restancekonto',
    imFunction: '9.28.14',
    departmentId: m.departments.BIF,
    reconciler: 'department',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  accountId = res.body.id;
  // −5,981 kr: far above the 1,000 kr threshold in absolute value, and no consequence yet
  december = await reconcile(central, accountId, '2024-12', 3, -5_981);
});
afterAll(() => ctx.close());

describe('POST /reconciliations/{id}/action-plan', () => {
  it('is refused to roles that do not write the department’s plans (403), and changes nothing', async () => {
    const before = await snapshot();
    const others = [
      await seedUser(ctx.engine, m.id, { email: 'auditor@acct.example', roles: [{ role: 'auditor' }] }),
      await seedUser(ctx.engine, m.id, { email: 'okf@acct.example', roles: [{ role: 'departmentCoordinator', departmentId: m.departments['ØKF'] }] }),
      await seedUser(ctx.engine, m.id, { email: 'owner@acct.example', roles: [{ role: 'measureOwner', departmentId: m.departments.BIF }] }),
    ];
    for (const id of others) {
      const res = await client(ctx.app, id).post(`/api/v1/reconciliations/${december.id}/action-plan`, { responsible: 'BIF Økonomi', deadline: '31.03.2025' });
      expect(res.status, JSON.stringify(res.body)).toBe(403);
    }
    // Readers do not see the register at all
    const reader = await seedUser(ctx.engine, m.id, { email: 'reader@acct.example', roles: [{ role: 'reader' }] });
    expect((await client(ctx.app, reader).post(`/api/v1/reconciliations/${december.id}/action-plan`, { responsible: 'X', deadline: '2025' })).status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses bad input naming the field, and a category 1 account (422), with the database and the audit trail unchanged', async () => {
    const other = (
      await central.post('/api/v1/balance-accounts', {
        number: '95259000',
        name: 'Mellemregning',
        imFunction: '9.52.59',
        departmentId: m.departments.BIF,
        reconciler: 'centralService',
      })
    ).body.id as string;
    const fine = await reconcile(central, other, '2024-12', 1);
    const before = await snapshot();
    const cat1 = await central.post(`/api/v1/reconciliations/${fine.id}/action-plan`, { responsible: 'BIF Økonomi', deadline: '31.03.2025' });
    expect(cat1.status).toBe(422);
    expect(cat1.body.errors).toEqual([expect.objectContaining({ field: 'reconciliation.category', code: 'actionPlan.notNeeded' })]);
    const badDeadline = await central.post(`/api/v1/reconciliations/${december.id}/action-plan`, { responsible: 'BIF Økonomi', deadline: 'når vi får tid' });
    expect(badDeadline.status).toBe(422);
    expect(badDeadline.body.errors[0].field).toBe('body.deadline');
    const missing = await central.post(`/api/v1/reconciliations/${december.id}/action-plan`, { deadline: '31.03.2025' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toContain('body.responsible');
    expect(
      (await central.post(`/api/v1/reconciliations/00000000-0000-4000-8000-000000000000/action-plan`, { responsible: 'X', deadline: '2025' })).status,
    ).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  let planId: string;
  it('creates the plan for the account’s department (by its coordinator) with target, deadline and a first measure; the plan editor reads it', async () => {
    const bif = await seedUser(ctx.engine, m.id, { email: 'bif@acct.example', roles: [{ role: 'departmentCoordinator', departmentId: m.departments.BIF }] });
    const res = await client(ctx.app, bif).post(`/api/v1/reconciliations/${december.id}/action-plan`, {
      responsible: 'BIF Økonomi, Lise Holm',
      deadline: '31.03.2025',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    planId = res.body.id;
    expect(res.body).toMatchObject({
      subjectKind: 'accountReconciliation',
      findingId: null,
      finding: null,
      account: {
        id: accountId,
        number: '91403000',
        name: 'Restancekonto',
        reconciliationId: december.id,
        period: '2024-12',
        // What the editor's live guidance check needs of the account
        check: { category: 3, followUpOre: kr(-5_981), thresholdOre: 100_000, consequence: null },
      },
      departmentId: m.departments.BIF,
      extent: 'Kontoen er tilbage i kategori 1 senest 31.03.2025',
      overallDeadline: { text: '2025-03-31', due: '2025-03-31' },
      state: 'draft',
    });
    expect(res.body.measures).toEqual([
      expect.objectContaining({ number: '1', responsiblePerson: 'BIF Økonomi, Lise Holm', deadline: expect.objectContaining({ due: '2025-03-31' }) }),
    ]);
    expect((await central.get(`/api/v1/plans/${planId}`)).body.account.number).toBe('91403000');
    const audit = await central.get(`/api/v1/audit?resource=plan&resourceId=${planId}`);
    expect(audit.body.items.length).toBe(1);
  });

  it('the guidance check knows the account rules and agrees with the reconciliation’s needs', async () => {
    const check = await central.get(`/api/v1/plans/${planId}/check`);
    expect(check.status).toBe(200);
    // The consequence description is missing on the −5,981 kr reconciliation: both views say so
    // The test's 2025 deadlines lie before the real clock's today: past-deadline warnings are left out
    expect(check.body.breaches.filter(undated).map((b: { code: string }) => b.code)).toEqual(['account.consequenceMissing']);
    const r = await central.get(`/api/v1/reconciliations/${december.id}`);
    expect(r.body.needs.map((n: { code: string }) => n.code)).toEqual(['consequenceMissing']);
    const submit = await central.post(`/api/v1/plans/${planId}/submit`, {}, { 'if-match': '"1"' });
    expect(submit.status).toBe(422);
    expect(submit.body.errors[0]).toMatchObject({ code: 'account.consequenceMissing' });
    const patched = await central.patch(
      `/api/v1/reconciliations/${december.id}`,
      { consequence: 'Tilgodehavender er overvurderet med 5.981 kr.' },
      r.body.version,
    );
    expect(patched.status).toBe(200);
    expect(patched.body.needs).toEqual([]);
    expect((await central.get(`/api/v1/plans/${planId}/check`)).body.breaches.filter(undated)).toEqual([]);
    // A measure without anyone responsible is an error of an account plan
    const measure = await central.post(`/api/v1/plans/${planId}/measures`, {
      number: '2',
      title: 'Ret posteringen',
      deadline: 'februar 2025',
      followUpPoint: 'Næste afstemning',
    });
    expect(measure.status, JSON.stringify(measure.body)).toBe(201);
    const codes = (await central.get(`/api/v1/plans/${planId}/check`)).body.breaches.filter(undated).map((b: { code: string }) => b.code);
    expect(codes).toEqual(['measure.responsibleMissing']);
    // Recommendations do not exist for an account plan
    const bad = await central.post(`/api/v1/plans/${planId}/measures`, { number: '3', title: 'X', recommendationIds: [december.id] });
    expect(bad.status).toBe(422);
  });

  it('goes through the plans workflow: fixed department, submit and approval', async () => {
    const plan = (await central.get(`/api/v1/plans/${planId}`)).body;
    const moved = await central.patch(`/api/v1/plans/${planId}`, { departmentId: m.departments['ØKF'] }, plan.version);
    expect(moved.status).toBe(422);
    expect(moved.body.errors[0]).toMatchObject({ field: 'body.departmentId', code: 'plan.departmentFixed' });
    const second = plan.measures.find((x: { number: string }) => x.number === '2');
    expect((await central.patch(`/api/v1/measures/${second.id}`, { responsibleUnit: 'BIF Økonomi' }, second.version)).status).toBe(200);
    const current = (await central.get(`/api/v1/plans/${planId}`)).body;
    const submitted = await central.post(`/api/v1/plans/${planId}/submit`, {}, { 'if-match': `"${current.version}"` });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    const approved = await central.post(`/api/v1/plans/${planId}/approvals`, { approvedOn: '2025-01-20' }, { 'if-match': `"${submitted.body.version}"` });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.state).toBe('approved');
  });

  it('a second plan for the same open issue is a 409 and changes nothing, also from a later reconciliation of the same run', async () => {
    const january = await reconcile(central, accountId, '2025-01', 2, -5_981, 'Tilgodehavender er overvurderet.');
    expect(january.needs).toEqual([]);
    const before = await snapshot();
    for (const id of [december.id, january.id]) {
      const res = await central.post(`/api/v1/reconciliations/${id}/action-plan`, { responsible: 'BIF Økonomi', deadline: '30.06.2025' });
      expect(res.status).toBe(409);
      expect(res.body.errors[0]).toMatchObject({ field: 'reconciliation', code: 'plan.exists' });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('two simultaneous creates for the same account make one plan and one 409 (the account row is locked; real on PostgreSQL)', async () => {
    const other = (
      await central.post('/api/v1/balance-accounts', {
        number: '92818001',
        name: 'Samtidig',
        imFunction: '9.28.18',
        departmentId: m.departments.BIF,
        reconciler: 'department',
      })
    ).body.id as string;
    const r = await reconcile(central, other, '2024-12', 2, 10);
    const results = await Promise.all([0, 1].map(() => central.post(`/api/v1/reconciliations/${r.id}/action-plan`, { responsible: 'BIF', deadline: '2025' })));
    expect(results.map((x) => x.status).sort()).toEqual([201, 409]);
  });

  it("shows the plan on the account with its progress: not yet, overdue from the day after the deadline in the municipality's time zone, reached with the period", async () => {
    // 23:59 in Copenhagen on the deadline: not overdue yet
    clock.set('2025-03-31T21:59:00Z');
    let account = (await central.get(`/api/v1/balance-accounts/${accountId}`)).body;
    expect(account.actionPlans).toEqual([
      {
        id: planId,
        state: 'approved',
        subjectPeriod: '2024-12',
        deadline: expect.objectContaining({ due: '2025-03-31', display: '31.03.2025' }),
        progress: { status: 'notYet' },
        overdue: false,
      },
    ]);
    expect(account.overdue).toBe(false);
    // 00:01 on 1 April in Copenhagen, still 31 March in UTC: the municipality's date decides
    clock.set('2025-03-31T22:01:00Z');
    account = (await central.get(`/api/v1/balance-accounts/${accountId}`)).body;
    expect(account.actionPlans[0].progress).toEqual({ status: 'overdue' });
    expect(account.overdue).toBe(true);
    const overdueList = (await central.get('/api/v1/balance-accounts?overdue=true')).body;
    expect(overdueList.items.map((a: { number: string }) => a.number)).toEqual(['91403000']);
    expect((await central.get('/api/v1/balance-accounts?overdue=false')).body.items.map((a: { number: string }) => a.number)).toEqual(['92818001', '95259000']);
    // The list carries what each account needs, so the web list needs no request per row
    const list = (await central.get('/api/v1/balance-accounts')).body.items as { number: string; needs: unknown[]; actionPlans: unknown[] }[];
    expect(list.find((a) => a.number === '91403000')).toMatchObject({ needs: [], overdue: true });

    await reconcile(central, accountId, '2025-03', 1);
    account = (await central.get(`/api/v1/balance-accounts/${accountId}`)).body;
    expect(account.actionPlans[0].progress).toEqual({ status: 'reached', period: '2025-03', date: '2025-03-31', onTime: true });
    expect(account.overdue).toBe(false);
    expect((await central.get('/api/v1/balance-accounts?overdue=true')).body.total).toBe(0);
  });

  it('a relapse to category 2 after the plan reached category 1 is a new issue: it needs, and may get, a new plan', async () => {
    clock.set('2025-07-01T12:00:00Z');
    const june = await reconcile(central, accountId, '2025-06', 2, 500);
    expect(june.needs.map((n) => n.code)).toEqual(['actionPlanMissing']);
    const res = await central.post(`/api/v1/reconciliations/${june.id}/action-plan`, {
      responsible: 'BIF Økonomi',
      deadline: 'Q3-2025',
      target: 'Kategori 1 igen senest 30.09.2025',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.extent).toBe('Kategori 1 igen senest 30.09.2025');
    expect((await central.get(`/api/v1/reconciliations/${june.id}`)).body.needs).toEqual([]);
    const account = (await central.get(`/api/v1/balance-accounts/${accountId}`)).body;
    expect(account.actionPlans.map((p: { subjectPeriod: string; progress: { status: string } }) => [p.subjectPeriod, p.progress.status])).toEqual([
      ['2024-12', 'reached'],
      ['2025-06', 'notYet'],
    ]);
  });

  it('the annual balance report lists each plan of a section 2 account with its progress', async () => {
    clock.set('2025-07-01T12:00:00Z');
    const report = await central.get('/api/v1/balance-report?year=2024');
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    const rows = (report.body.section2 as { accounts: { account: string; actionPlans: unknown[] }[] }[]).flatMap((s) => s.accounts);
    expect(rows.find((a) => a.account === '91403000')!.actionPlans).toEqual([
      expect.objectContaining({ deadline: '2025-03-31', progress: 'reached', reachedPeriod: '2025-03' }),
      expect.objectContaining({ deadline: '2025-Q3', progress: 'notYet', reachedPeriod: null }),
    ]);
    // The document prints each plan's state, deadline and progress in words, never its id.
    const docx = await ctx.app.inject({ method: 'GET', url: '/api/v1/balance-report.docx?year=2024&lang=da', headers: await authHeaders(ctx.app, m.userId) });
    expect(docx.statusCode).toBe(200);
    const xml = strFromU8(unzipSync(new Uint8Array(docx.rawPayload))['word/document.xml']!);
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(' ');
    expect(text).toContain('kategori 1 i 2025-03');
    expect(text).toMatch(/Kladde, frist [^:]*2025: ikke i kategori 1 endnu/);
    for (const plan of rows.find((a) => a.account === '91403000')!.actionPlans as { id: string }[]) expect(text).not.toContain(plan.id);
  });

  it('tilsyn check runs the guidance check over the account plans too', async () => {
    const account = (await central.get('/api/v1/balance-accounts?imFunction=9.28.18')).body.items.find((a: { number: string }) => a.number === '92818001');
    const plan = (await central.get(`/api/v1/plans/${account.actionPlans[0].id}`)).body;
    expect((await central.patch(`/api/v1/plans/${plan.id}`, { extent: 'Kontoen skal ryddes op' }, plan.version)).status).toBe(200);
    const text = await runCheck(ctx.engine.db, { municipality: 'acctplans-test', json: false, locale: 'en' });
    expect(text.output.split('\n')).toEqual([
      "92818001 Samtidig · 2024-12 · BIF · error account.targetMissing: The action plan's target must say that the account is back in category 1, and by when (the overall deadline).",
    ]);
    expect(text.blockingCount).toBe(1);
    const json = JSON.parse((await runCheck(ctx.engine.db, { municipality: 'acctplans-test', json: true })).output);
    expect(json.municipalities[0].plans.map((p: { account: { number: string; period: string } }) => `${p.account.number} ${p.account.period}`)).toEqual([
      '91403000 2024-12',
      '91403000 2025-06',
      '92818001 2024-12',
    ]);
  });
});

describe('the injected clock', () => {
  it('stamps a sign-off, an approval and the balance report’s date with its time, not the system’s', async () => {
    const reviewerId = await seedUser(ctx.engine, m.id, { email: 'revisor@acctplans.example', roles: [{ role: 'auditor' }] });
    const account = await central.post('/api/v1/balance-accounts', {
      number: '91403009',
      name: 'Urkonto',
      imFunction: '9.28.14',
      departmentId: m.departments.BIF,
      reconciler: 'department',
    });
    expect(account.status, JSON.stringify(account.body)).toBe(201);
    // 23:30 UTC is already the next day in Copenhagen: the document is dated by the municipality's day
    clock.set('2025-02-03T23:30:00Z');
    const rec = await reconcile(central, account.body.id, '2025-01', 1);
    const signed = await central.post(`/api/v1/reconciliations/${rec.id}/sign-off`, {}, { 'if-match': '"1"' });
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    expect(signed.body.preparedAt).toBe('2025-02-03T23:30:00.000Z');
    const docx = await ctx.app.inject({ method: 'GET', url: '/api/v1/balance-report.docx?year=2024&lang=da', headers: await authHeaders(ctx.app, m.userId) });
    expect(docx.statusCode).toBe(200);
    const xml = strFromU8(unzipSync(new Uint8Array(docx.rawPayload))['word/document.xml']!);
    expect(xml).toContain('04.02.2025');
    clock.set('2025-02-05T08:00:00Z');
    const approved = await client(ctx.app, reviewerId).post(`/api/v1/reconciliations/${rec.id}/approve`, {}, { 'if-match': '"2"' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.approvedAt).toBe('2025-02-05T08:00:00.000Z');
  });
});
