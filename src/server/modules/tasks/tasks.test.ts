import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestContext, seedMunicipality, seedUser, type SeededMunicipality, type TestContext } from '../../../test/app.js';
import { fixedClock } from '../../clock.js';
import { findingDepartments, measures } from '../../db/schema/index.js';

/**
 * One municipality on 20 August 2025 (Copenhagen time), with a user per role and findings in
 * every state a task comes from:
 *   F1 BUF+SOF  BUF plan approved 10.08.2025 (measures 1: 31.03.2025, owned; 2: Q4-2026, owned); SOF plan requested, due 15.09.2025
 *   F2 BUF      confidential, plan submitted
 *   F3 BUF      plan submitted and returned
 *   F4 SOF      plan requested, due 01.06.2025 (overdue)
 *   F5 BUF      closure proposed
 *   F6 BUF      confidential, plan approved 12.08.2025, its one measure completed in "Status februar 2025" (closed)
 * "Status august 2025" is open, due 01.09.2025; BUF answers F1's two measures in it.
 */
let ctx: TestContext;
let m: SeededMunicipality;
let admin: ReturnType<typeof client>;
const users: Record<string, string> = {};
const ids: Record<string, string> = {};

const as = (name: string) => client(ctx.app, users[name]!);
type TaskT = {
  kind: string;
  key: string;
  finding: { number: number; title: string } | null;
  department: { code: string } | null;
  dueOn: string | null;
  overdue: boolean;
  path: string;
};
async function tasksOf(name: string): Promise<TaskT[]> {
  const res = await as(name).get('/api/v1/me/tasks');
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.today).toBe('2025-08-20');
  return res.body.items;
}
const summary = (tasks: TaskT[]) =>
  tasks.map((t) => [t.kind, t.finding ? `F${t.finding.number}` : null, t.department?.code ?? null, t.dueOn, t.overdue, t.path]);

beforeAll(async () => {
  // 22:30 UTC on 19 August is already the 20th in Copenhagen: "today" is the municipality's date.
  ctx = await createTestContext({ config: { clock: fixedClock('2025-08-19T22:30:00Z') } });
  m = await seedMunicipality(ctx.engine, { slug: 'tasks-test', departments: ['BUF', 'SOF'] });
  admin = client(ctx.app, m.userId);
  const mid = m.id;
  const [BUF, SOF] = [m.departments.BUF!, m.departments.SOF!];
  users.central = await seedUser(ctx.engine, mid, { email: 'central@tasks.example', roles: [{ role: 'centralCoordinator' }] });
  users.coordBuf = await seedUser(ctx.engine, mid, { email: 'buf@tasks.example', roles: [{ role: 'departmentCoordinator', departmentId: BUF }] });
  users.coordSof = await seedUser(ctx.engine, mid, { email: 'sof@tasks.example', roles: [{ role: 'departmentCoordinator', departmentId: SOF }] });
  users.owner = await seedUser(ctx.engine, mid, { email: 'ejer@tasks.example', roles: [{ role: 'measureOwner', departmentId: BUF }] });
  users.auditor = await seedUser(ctx.engine, mid, { email: 'revisor@tasks.example', roles: [{ role: 'auditor' }] });
  users.reader = await seedUser(ctx.engine, mid, { email: 'laeser@tasks.example', roles: [{ role: 'reader' }] });

  const report = await admin.post('/api/v1/reports', {
    title: 'Revisionsberetning 2024',
    auditor: 'Revision A/S',
    year: 2025,
    kind: 'annualAccounts',
    receivedOn: '2025-08-01',
  });
  expect(report.status, JSON.stringify(report.body)).toBe(201);
  ids.report = report.body.id;
  const finding = async (number: number, title: string, departments: string[], confidential = false) => {
    const res = await admin.post(`/api/v1/reports/${ids.report}/findings`, {
      number,
      title,
      observations: 'Iagttagelser.',
      departments,
      recommendations: ['Ret forholdet'],
      ...(confidential ? { confidential: true, confidentialBasis: 'Offentlighedsloven § 33' } : {}),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; recommendations: { id: string }[] };
  };
  const plan = async (f: { id: string; recommendations: { id: string }[] }, departmentId: string, list: [string, string][]) => {
    const res = await admin.post(`/api/v1/findings/${f.id}/plans`, {
      departmentId,
      overallDeadline: 'Q4-2026',
      measures: list.map(([title, deadline], i) => ({
        number: String(i + 1),
        title,
        deadline,
        followUpPoint: 'Stikprøve',
        recommendationIds: [f.recommendations[0]!.id],
      })),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; measures: { id: string }[] };
  };
  const submit = async (planId: string) => {
    const res = await admin.post(`/api/v1/plans/${planId}/submit`, {}, { 'if-match': '"1"' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };
  const approve = async (planId: string, approvedOn: string) => {
    const current = await admin.get(`/api/v1/plans/${planId}`);
    const res = await admin.post(`/api/v1/plans/${planId}/approvals`, { approvedOn }, { 'if-match': `"${current.body.version}"` });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };
  const request = (findingId: string, departmentId: string, dueOn: string) =>
    ctx.engine.db
      .update(findingDepartments)
      .set({ planRequestedAt: new Date('2025-05-01T08:00:00Z'), planRequestedBy: users.central, planDueOn: dueOn })
      .where(and(eq(findingDepartments.findingId, findingId), eq(findingDepartments.departmentId, departmentId)));

  const f6 = await finding(6, 'Adgangsstyring i skolernes netværk', [BUF], true);
  const p6 = await plan(f6, BUF, [['Gennemgå adgange', '31.01.2025']]);
  await submit(p6.id);
  await approve(p6.id, '2025-01-15');
  const feb = (await admin.post('/api/v1/rounds', { name: 'Status februar 2025', opensOn: '2025-02-01', dueOn: '2025-03-01' })).body;
  expect(
    (
      await admin.put(`/api/v1/rounds/${feb.id}/departments/${BUF}/measures/${p6.measures[0]!.id}`, {
        status: 'completed',
        selfCheckResult: 'Alle adgange gennemgået',
      })
    ).status,
  ).toBe(200);
  const febView = await admin.get(`/api/v1/rounds/${feb.id}/departments/${BUF}`);
  expect(
    (await admin.post(`/api/v1/submissions/${febView.body.submission.id}/submit`, undefined, { 'if-match': `"${febView.body.submission.version}"` })).status,
  ).toBe(200);
  expect((await admin.post(`/api/v1/rounds/${feb.id}/close`, undefined, { 'if-match': `"${feb.version}"` })).status).toBe(200);
  // Approved again later (the committee's date): new to readers, but confidential.
  await ctx.engine.db.execute(`update plan_approvals set approved_on = '2025-08-12' where plan_id = '${p6.id}'`);

  const f1 = await finding(1, 'Ibrugtagningstilladelser', [BUF, SOF]);
  const p1 = await plan(f1, BUF, [
    ['Kortlæg systemer', '31.03.2025'],
    ['Indhent tilladelser', 'Q4-2026'],
  ]);
  await submit(p1.id);
  await approve(p1.id, '2025-08-10');
  await ctx.engine.db.update(measures).set({ ownerUserId: users.owner }).where(eq(measures.planId, p1.id));
  await request(f1.id, SOF, '2025-09-15');

  const f2 = await finding(2, 'Svage adgangskoder i skoleportalen', [BUF], true);
  const p2 = await plan(f2, BUF, [['Skift adgangskoder', 'Q1-2026']]);
  await submit(p2.id);

  const f3 = await finding(3, 'Manglende afstemning af mellemregninger', [BUF]);
  const p3 = await plan(f3, BUF, [['Afstem månedligt', 'Q1-2026']]);
  await submit(p3.id);
  expect((await admin.post(`/api/v1/plans/${p3.id}/return`, { reason: 'Uddyb tiltag 1' }, { 'if-match': '"2"' })).status).toBe(200);

  const f4 = await finding(4, 'Uafstemte tilgodehavender', [SOF]);
  await request(f4.id, SOF, '2025-06-01');

  const f5 = await finding(5, 'Kontrol med betalinger', [BUF]);
  await ctx.engine.db.update(findingDepartments).set({ state: 'closureProposed' }).where(eq(findingDepartments.findingId, f5.id));

  const aug = (await admin.post('/api/v1/rounds', { name: 'Status august 2025', opensOn: '2025-08-01', dueOn: '2025-09-01' })).body;
  Object.assign(ids, {
    f1: f1.id,
    f2: f2.id,
    f3: f3.id,
    f4: f4.id,
    f5: f5.id,
    f6: f6.id,
    p1: p1.id,
    p2: p2.id,
    p3: p3.id,
    p6: p6.id,
    aug: aug.id,
    m1: p1.measures[0]!.id,
    m2: p1.measures[1]!.id,
    BUF,
    SOF,
  });
});
afterAll(() => ctx.close());

describe('GET /me/tasks', () => {
  it("gives a department coordinator its returned plan and its department's round answer", async () => {
    expect(summary(await tasksOf('coordBuf'))).toEqual([
      ['roundAnswerDue', null, 'BUF', '2025-09-01', false, `/rounds/${ids.aug}/departments/${ids.BUF}`],
      ['planReturned', 'F3', 'BUF', null, false, `/plans/${ids.p3}`],
    ]);
    // Another department's coordinator: the plans requested from it, the overdue one first.
    expect(summary(await tasksOf('coordSof'))).toEqual([
      ['planRequested', 'F4', 'SOF', '2025-06-01', true, `/findings/${ids.f4}`],
      ['planRequested', 'F1', 'SOF', '2025-09-15', false, `/findings/${ids.f1}`],
    ]);
  });

  it('gives a measure owner the overdue measure and the measures to answer in the open round', async () => {
    const tasks = await tasksOf('owner');
    expect(tasks.map((t) => [t.kind, (t as unknown as { measure: { id: string } }).measure.id, t.dueOn, t.overdue])).toEqual([
      ['measureOverdue', ids.m1, '2025-03-31', true],
      ...[
        ['measureToAnswer', ids.m1, '2025-09-01', false],
        ['measureToAnswer', ids.m2, '2025-09-01', false],
      ].sort((a, b) => (`measureToAnswer:${ids.aug}:${a[1]}` < `measureToAnswer:${ids.aug}:${b[1]}` ? -1 : 1)),
    ]);
    expect(tasks[0]!.path).toBe(`/plans/${ids.p1}`);
    expect(tasks[1]!.path).toBe(`/rounds/${ids.aug}/departments/${ids.BUF}`);
  });

  it('gives central coordination the overdue plan request and the submitted plan (confidential titles included, it may see them)', async () => {
    const tasks = await tasksOf('central');
    expect(summary(tasks)).toEqual([
      ['planRequestOverdue', 'F4', 'SOF', '2025-06-01', true, `/findings/${ids.f4}`],
      ['planSubmitted', 'F2', 'BUF', null, false, `/plans/${ids.p2}`],
    ]);
    expect(tasks[1]!.finding!.title).toBe('Svage adgangskoder i skoleportalen');
  });

  it('gives an auditor the proposed closure and the part whose measures are all completed', async () => {
    expect(summary(await tasksOf('auditor'))).toEqual([
      ['closureProposed', 'F5', 'BUF', null, false, `/findings/${ids.f5}`],
      ['readyForClosure', 'F6', 'BUF', null, false, `/findings/${ids.f6}`],
    ]);
  });

  it('gives a reader the newly approved plan and the new report, and nothing of a confidential finding', async () => {
    const res = await as('reader').get('/api/v1/me/tasks');
    expect(summary(res.body.items)).toEqual([
      ['planApproved', 'F1', 'BUF', null, false, `/plans/${ids.p1}`],
      ['reportReceived', null, null, null, false, `/findings?reportId=${ids.report}`],
    ]);
    const text = JSON.stringify(res.body);
    for (const secret of ['Adgangsstyring i skolernes netværk', 'Svage adgangskoder', ids.f6!, ids.p6!, ids.f2!, ids.p2!]) expect(text).not.toContain(secret);
  });

  it('moves the round answer from the department to central coordination once submitted, and the owner has nothing left to answer', async () => {
    const coord = as('coordBuf');
    for (const [id, body] of [
      [ids.m1, { status: 'delayed', reason: 'Leverandøren er forsinket', newDeadline: '31.12.2025' }],
      [ids.m2, { status: 'onTrack' }],
    ] as const) {
      const res = await coord.put(`/api/v1/rounds/${ids.aug}/departments/${ids.BUF}/measures/${id}`, body);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    // Answered but not yet submitted: nothing left to answer, but the old deadline stands until the answer is submitted.
    expect((await tasksOf('owner')).map((t) => t.kind)).toEqual(['measureOverdue']);
    expect((await tasksOf('coordBuf')).map((t) => t.kind)).toEqual(['roundAnswerDue', 'planReturned']);
    const view = await coord.get(`/api/v1/rounds/${ids.aug}/departments/${ids.BUF}`);
    const submitted = await coord.post(`/api/v1/submissions/${view.body.submission.id}/submit`, undefined, { 'if-match': `"${view.body.submission.version}"` });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect((await tasksOf('coordBuf')).map((t) => t.kind)).toEqual(['planReturned']);
    expect(summary(await tasksOf('central'))).toContainEqual([
      'roundAnswerSubmitted',
      null,
      'BUF',
      '2025-09-01',
      false,
      `/rounds/${ids.aug}/departments/${ids.BUF}`,
    ]);
    // The delayed measure's new deadline (31.12.2025) is in the future: no longer overdue.
    expect(await tasksOf('owner')).toEqual([]);
  });

  it("shows another municipality's user nothing of this one, and refuses the signed-out", async () => {
    const other = await seedMunicipality(ctx.engine, { slug: 'tasks-other', departments: ['BUF'] });
    const stranger = client(
      ctx.app,
      await seedUser(ctx.engine, other.id, {
        email: 'central@other.example',
        roles: [{ role: 'centralCoordinator' }, { role: 'auditor' }, { role: 'reader' }, { role: 'departmentCoordinator' }, { role: 'measureOwner' }],
      }),
    );
    const res = await stranger.get('/api/v1/me/tasks');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/me/tasks' })).statusCode).toBe(401);
  });

  it('writes nothing: asking leaves the audit trail as it was', async () => {
    const count = async () =>
      ((await ctx.engine.db.execute('select count(*)::int as n from audit_entries')) as unknown as { rows: { n: number }[] }).rows[0]!.n;
    const before = await count();
    await tasksOf('central');
    await tasksOf('reader');
    expect(await count()).toBe(before);
  });
});
