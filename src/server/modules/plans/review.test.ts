import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../clock.js';
import { queryRows } from '../../db/engine.js';
import { client, createTestContext, seedMunicipality, seedUser, type SeededMunicipality, type TestContext } from '../../../test/app.js';
import { tableSnapshot } from '../../../test/kit.js';
import { PLAN_TABLES } from '../../../test/tables.js';
import { approvedMeasureSql, approvedMeasuresOf, compareSnapshots, type PlanSnapshot } from './revisions.js';
import { createFinding } from './test-fixtures.js';

/**
 * The review rules of issue 13: approval only of a submitted plan without open guidance errors
 * (central coordination may override, with a reason), an approved plan locked until revised,
 * revisions kept and compared with measures keeping their identity, readers seeing the approved
 * revision, the measure owner picker, and answer documents reviewed like plans. Every refusal
 * leaves the database and the audit trail exactly as they were.
 */

let ctx: TestContext;
let m: SeededMunicipality;
let admin: ReturnType<typeof client>;
let central: ReturnType<typeof client>;
let coordinator: ReturnType<typeof client>;
let reader: ReturnType<typeof client>;
let ownerId: string;
let outsiderId: string;

beforeAll(async () => {
  // The municipality's today: after the 2020 deadlines, before the 2030 ones
  ctx = await createTestContext({ config: { clock: fixedClock('2026-03-02T08:00:00Z') } });
  m = await seedMunicipality(ctx.engine, { slug: 'review-test', departments: ['ØKF', 'BUF', 'SOF'] });
  admin = client(ctx.app, m.userId);
  const mid = m.id;
  central = client(
    ctx.app,
    await seedUser(ctx.engine, mid, { name: 'Mette Central', email: 'central@review.example', roles: [{ role: 'centralCoordinator' }] }),
  );
  coordinator = client(
    ctx.app,
    await seedUser(ctx.engine, mid, {
      name: 'Jonas Koordinator',
      email: 'coord@review.example',
      roles: [{ role: 'departmentCoordinator', departmentId: m.departments.BUF! }],
    }),
  );
  reader = client(ctx.app, await seedUser(ctx.engine, mid, { name: 'Amira Læser', email: 'reader@review.example', roles: [{ role: 'reader' }] }));
  ownerId = await seedUser(ctx.engine, mid, {
    name: 'Sofie Ejer',
    email: 'owner@review.example',
    roles: [{ role: 'measureOwner', departmentId: m.departments.BUF! }],
  });
  outsiderId = await seedUser(ctx.engine, mid, {
    name: 'Ole Udenfor',
    email: 'sof@review.example',
    roles: [{ role: 'measureOwner', departmentId: m.departments.SOF! }],
  });
});
afterAll(() => ctx.close());

const snapshot = () => tableSnapshot(ctx.engine, PLAN_TABLES);
const ifMatch = (v: number) => ({ 'if-match': `"${v}"` });
const codes = (res: { body: { errors?: { code: string }[] } }) => (res.body.errors ?? []).map((e) => e.code);

/** A complete BUF plan (no guidance error) for a fresh finding with two recommendations. */
async function completePlan(year: number) {
  const { finding } = await createFinding(admin, { year, departments: [m.departments.BUF!], recommendations: ['Vurder alle systemer', 'Eskaler'] });
  const [r1, r2] = finding.recommendations;
  const res = await coordinator.post(`/api/v1/findings/${finding.id}/plans`, {
    departmentId: m.departments.BUF,
    problem: 'Systemer uden tilladelse.',
    overallDeadline: '2030',
    measures: [
      { number: '1', title: 'Kortlæg systemer', deadline: 'Q1-2030', followUpPoint: 'Stikprøve', recommendationIds: [r1!.id] },
      { number: '2', title: 'Eskalér', deadline: 'Q2-2030', followUpPoint: 'Direktionen følger op', recommendationIds: [r2!.id] },
    ],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { finding, plan: res.body };
}

async function meeting(heldOn = '2026-05-14') {
  const res = await admin.post('/api/v1/meetings', { body: 'Børne- og Ungdomsudvalget', heldOn, agendaItem: 'Punkt 7' });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function submitted(year: number) {
  const { finding, plan } = await completePlan(year);
  const res = await coordinator.post(`/api/v1/plans/${plan.id}/submit`, {}, ifMatch(plan.version));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { finding, plan: res.body };
}

async function approved(year: number) {
  const { finding, plan } = await submitted(year);
  const res = await central.post(`/api/v1/plans/${plan.id}/approvals`, { approvedOn: '2026-05-14', meetingId: await meeting() }, ifMatch(plan.version));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { finding, plan: res.body };
}

describe('approval rule', () => {
  it('approves only a submitted plan, and only central coordination; refusals change nothing', async () => {
    const { plan } = await completePlan(2040);
    expect(plan.actions).toEqual({ update: true, delete: true, submit: true, return: false, approve: false, revise: false });
    const before = await snapshot();
    const draft = await central.post(`/api/v1/plans/${plan.id}/approvals`, { approvedOn: '2026-05-14' }, ifMatch(plan.version));
    expect(draft.status).toBe(409);
    expect(codes(draft)).toEqual(['plan.notSubmitted']);
    const sent = (await coordinator.post(`/api/v1/plans/${plan.id}/submit`, {}, ifMatch(plan.version))).body;
    const afterSubmit = await snapshot();
    expect(afterSubmit).not.toEqual(before);
    expect((await coordinator.post(`/api/v1/plans/${plan.id}/approvals`, { approvedOn: '2026-05-14' }, ifMatch(sent.version))).status).toBe(403);
    expect((await reader.post(`/api/v1/plans/${plan.id}/approvals`, { approvedOn: '2026-05-14' }, ifMatch(sent.version))).status).toBe(404);
    const override = await central.post(
      `/api/v1/plans/${plan.id}/approvals`,
      { approvedOn: '2026-05-14', overrideReason: 'Intet at tilsidesætte' },
      ifMatch(sent.version),
    );
    expect(override.status).toBe(422);
    expect(override.body.errors[0]).toMatchObject({ field: 'body.overrideReason', code: 'approval.nothingToOverride' });
    expect(await snapshot()).toEqual(afterSubmit);

    const seenByCentral = (await central.get(`/api/v1/plans/${plan.id}`)).body;
    expect(seenByCentral.actions).toEqual({ update: false, delete: false, submit: false, return: true, approve: true, revise: false });
    expect((await coordinator.get(`/api/v1/plans/${plan.id}`)).body.actions).toEqual({
      update: false,
      delete: false,
      submit: false,
      return: false,
      approve: false,
      revise: false,
    });
  });

  it('refuses approval with open guidance errors (422 listing them) unless central coordination overrides with a reason, kept on the approval and in the audit trail', async () => {
    const { finding, plan } = await submitted(2041);
    // The auditor adds a recommendation after submission: no measure addresses it
    const f = (await admin.get(`/api/v1/findings/${finding.id}`)).body;
    const patched = await admin.patch(
      `/api/v1/findings/${finding.id}`,
      { recommendations: [...f.recommendations.map((r: { text: string }) => r.text), 'Ny anbefaling'] },
      f.version,
    );
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const check = (await central.get(`/api/v1/plans/${plan.id}/check`)).body;
    expect(check.blocking).toBe(true);

    const before = await snapshot();
    const refused = await central.post(`/api/v1/plans/${plan.id}/approvals`, { approvedOn: '2026-05-14' }, ifMatch(plan.version));
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      { field: 'recommendations.3', code: 'recommendation.uncovered', message: 'Anbefaling 3 er ikke dækket af noget tiltag.' },
    ]);
    expect(await snapshot()).toEqual(before);

    const reason = 'Udvalget godkender planen nu; anbefaling 3 besvares i næste revision';
    const ok = await central.post(
      `/api/v1/plans/${plan.id}/approvals`,
      { approvedOn: '2026-05-14', note: 'Godkendt', overrideReason: reason },
      ifMatch(plan.version),
    );
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.state).toBe('approved');
    expect(ok.body.approvals).toEqual([expect.objectContaining({ approvedByName: 'Mette Central', revision: 1, overrideReason: reason, note: 'Godkendt' })]);
    const [entry] = await queryRows<{ after: { overrideReason: string; overridden: string[] } }>(
      ctx.engine.db,
      sql`select after from change_log where municipality_id = ${m.id} and resource = 'plan' and resource_id = ${plan.id} and action = 'approve'`,
    );
    expect(entry!.after.overrideReason).toBe(reason);
    expect(entry!.after.overridden).toEqual(['recommendation.uncovered']);
  });

  it('requires a comment to return a plan, and shows it to the department on its draft', async () => {
    const { plan } = await submitted(2042);
    const before = await snapshot();
    const noComment = await central.post(`/api/v1/plans/${plan.id}/return`, {}, ifMatch(plan.version));
    expect(noComment.status).toBe(400);
    expect(noComment.body.errors[0].field).toBe('body.reason');
    expect((await central.post(`/api/v1/plans/${plan.id}/return`, { reason: '  ' }, ifMatch(plan.version))).status).toBe(400);
    expect((await coordinator.post(`/api/v1/plans/${plan.id}/return`, { reason: 'Egen retur' }, ifMatch(plan.version))).status).toBe(403);
    expect(await snapshot()).toEqual(before);
    const returned = await central.post(`/api/v1/plans/${plan.id}/return`, { reason: 'Tiltag 2 skal have en konkret frist' }, ifMatch(plan.version));
    expect(returned.status).toBe(200);
    const seen = (await coordinator.get(`/api/v1/plans/${plan.id}`)).body;
    expect(seen.state).toBe('draft');
    expect(seen.returnComment).toMatchObject({ comment: 'Tiltag 2 skal have en konkret frist', byName: 'Mette Central' });
    expect(seen.actions.submit).toBe(true);
  });
});

describe('the server clock', () => {
  it("dates a plan's return and its finding part's state change by the injected clock, not the system's", async () => {
    const at = '2026-03-02T08:00:00.000Z';
    const { finding, plan } = await submitted(2049);
    const returned = await central.post(`/api/v1/plans/${plan.id}/return`, { reason: 'Tiltag 1 mangler en ansvarlig' }, ifMatch(plan.version));
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    expect((await coordinator.get(`/api/v1/plans/${plan.id}`)).body.returnComment.at).toBe(at);
    const parts = (await admin.get(`/api/v1/findings/${finding.id}`)).body.departments;
    expect(parts.map((p: { state: string; stateChangedAt: string }) => [p.state, p.stateChangedAt])).toEqual([['planDrafted', at]]);
  });
});

describe('an approved plan is locked', () => {
  it('refuses every change to the plan and its measures with 409 plan.approvedLocked, leaving everything unchanged', async () => {
    const { finding, plan: draft } = await completePlan(2043);
    // An acceptance that exists when the plan is approved (to try to delete it afterwards)
    const added = await coordinator.post(`/api/v1/plans/${draft.id}/measures`, { number: '3', title: 'Uden frist', followUpPoint: 'Senere' });
    const accepted = await coordinator.post(`/api/v1/plans/${draft.id}/acceptances`, {
      code: 'measure.deadlineMissing',
      measureId: added.body.id,
      field: 'deadline',
      reason: 'Fristen sættes, når 1 og 2 er færdige',
    });
    expect(accepted.status).toBe(201);
    const sent = await coordinator.post(`/api/v1/plans/${draft.id}/submit`, {}, ifMatch(draft.version));
    const plan = (await central.post(`/api/v1/plans/${draft.id}/approvals`, { approvedOn: '2026-05-14' }, ifMatch(sent.body.version))).body;
    expect(plan.state).toBe('approved');
    expect(plan.actions).toMatchObject({ update: false, revise: true });
    const [m1, m2] = plan.measures;
    const before = await snapshot();
    const attempts = [
      await coordinator.patch(`/api/v1/plans/${plan.id}`, { problem: 'Ændret' }, plan.version),
      await coordinator.post(`/api/v1/plans/${plan.id}/measures`, { number: '9', title: 'Nyt' }),
      await coordinator.patch(`/api/v1/measures/${m1.id}`, { title: 'Ændret' }, m1.version),
      await coordinator.patch(`/api/v1/measures/${m1.id}`, { ownerUserId: ownerId }, m1.version),
      await coordinator.delete(`/api/v1/measures/${m2.id}`, m2.version),
      await coordinator.put(`/api/v1/plans/${plan.id}/measure-order`, { measureIds: [m2.id, m1.id, plan.measures[2].id] }, plan.version),
      await coordinator.post(`/api/v1/plans/${plan.id}/acceptances`, { code: 'measure.deadlineMissing', measureId: m1.id, field: 'deadline', reason: 'x' }),
      await coordinator.delete(`/api/v1/plans/${plan.id}/acceptances/${accepted.body.id}`),
      await coordinator.post(`/api/v1/plans/${plan.id}/submit`, {}, ifMatch(plan.version)),
      // Central coordination is held to the same lock
      await central.patch(`/api/v1/plans/${plan.id}`, { overallDeadline: '2031' }, plan.version),
    ];
    for (const res of attempts) {
      expect(res.status, JSON.stringify(res.body)).toBe(409);
      expect(res.body.code).toBe('plan.approvedLocked');
      expect(codes(res)).toEqual(['plan.approvedLocked']);
    }
    expect((await coordinator.delete(`/api/v1/plans/${plan.id}`, plan.version)).body.errors[0].code).toBe('plan.notDraft');
    expect(await snapshot()).toEqual(before);
    expect((await admin.get(`/api/v1/findings/${finding.id}`)).body.departments[0].state).toBe('planApproved');
  });
});

describe('revisions', () => {
  it('carries the approved revision into next year, not the revision being written', async () => {
    const { finding, plan } = await approved(2045);
    const revised = (await coordinator.post(`/api/v1/plans/${plan.id}/revise`, {}, ifMatch(plan.version))).body;
    const first = revised.measures[0];
    expect((await coordinator.patch(`/api/v1/measures/${first.id}`, { title: 'Kun i kladden' }, first.version)).status).toBe(200);
    expect((await coordinator.post(`/api/v1/plans/${plan.id}/measures`, { number: '9', title: 'Nyt i kladden' })).status).toBe(201);
    const next = (await admin.post('/api/v1/reports', { title: 'Beretning 2046', auditor: 'Revision', year: 2046, kind: 'annualAccounts' })).body;
    const res = await central.post(`/api/v1/findings/${finding.id}/carry-over`, { reportId: next.id });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const copy = (await central.get(`/api/v1/plans/${res.body.plans[0].id}`)).body;
    const shown = (x: { number: string; title: string; recommendationIds: string[] }) => [x.number, x.title, x.recommendationIds.length];
    expect(copy.measures.map(shown)).toEqual(plan.measures.map(shown));
    expect(copy.measures.map((x: { carriedFromMeasureId: string }) => x.carriedFromMeasureId)).toEqual(plan.measures.map((x: { id: string }) => x.id));
    expect(copy.problem).toBe(plan.problem);
  });

  it('revise → edit → submit → approve: the approved revision stays what readers and documents see, measures keep their identity, and the revisions compare field by field', async () => {
    const { finding, plan } = await approved(2044);
    const [m1, m2] = plan.measures;
    expect(plan).toMatchObject({ revision: 1, approvedRevision: 1, view: 'working' });

    // Refusals first: nothing changes
    const before = await snapshot();
    expect((await reader.post(`/api/v1/plans/${plan.id}/revise`, {}, ifMatch(plan.version))).status).toBe(403);
    expect((await coordinator.post(`/api/v1/plans/${plan.id}/revise`, {}, ifMatch(plan.version - 1))).status).toBe(409);
    expect((await coordinator.post(`/api/v1/plans/${plan.id}/revise`, {})).status).toBe(428);
    expect(await snapshot()).toEqual(before);

    const revised = await coordinator.post(`/api/v1/plans/${plan.id}/revise`, {}, ifMatch(plan.version));
    expect(revised.status, JSON.stringify(revised.body)).toBe(200);
    expect(revised.body).toMatchObject({ state: 'draft', revision: 2, approvedRevision: 1, view: 'working' });
    expect(revised.body.actions).toMatchObject({ update: true, submit: true, delete: false, revise: false });
    const again = await coordinator.post(`/api/v1/plans/${plan.id}/revise`, {}, ifMatch(revised.body.version));
    expect(codes(again)).toEqual(['plan.notApproved']);
    const noDelete = await coordinator.delete(`/api/v1/plans/${plan.id}`, revised.body.version);
    expect(codes(noDelete)).toEqual(['plan.hasApprovedRevision']);

    // The draft changes: a field, a measure edited, one removed, one added
    const edited = await coordinator.patch(`/api/v1/plans/${plan.id}`, { problem: 'Systemer uden tilladelse, også i institutionerne.' }, revised.body.version);
    expect(edited.status).toBe(200);
    const m1edit = await coordinator.patch(
      `/api/v1/measures/${m1.id}`,
      { title: 'Kortlæg alle systemer', deadline: 'Q3-2030', deadlineChangeReason: 'Flere systemer' },
      m1.version,
    );
    expect(m1edit.status, JSON.stringify(m1edit.body)).toBe(200);
    expect((await coordinator.delete(`/api/v1/measures/${m2.id}`, m2.version)).status).toBe(204);
    const m3 = await coordinator.post(`/api/v1/plans/${plan.id}/measures`, {
      number: '2',
      title: 'Ny eskalering',
      deadline: 'Q4-2030',
      followUpPoint: 'Kvartalsvis',
      recommendationIds: [finding.recommendations[1]!.id],
    });
    expect(m3.status, JSON.stringify(m3.body)).toBe(201);

    // Staff who may edit see the draft; the reader sees revision 1 as approved
    const working = (await coordinator.get(`/api/v1/plans/${plan.id}`)).body;
    expect(working.measures.map((x: { id: string; title: string }) => [x.id, x.title])).toEqual([
      [m1.id, 'Kortlæg alle systemer'],
      [m3.body.id, 'Ny eskalering'],
    ]);
    const asRead = await reader.get(`/api/v1/plans/${plan.id}`);
    expect(asRead.status).toBe(200);
    expect(asRead.body).toMatchObject({ view: 'approved', state: 'approved', revision: 1, approvedRevision: 1, problem: 'Systemer uden tilladelse.' });
    expect(asRead.body.measures.map((x: { id: string; title: string; deadline: { text: string } }) => [x.id, x.title, x.deadline.text])).toEqual([
      [m1.id, 'Kortlæg systemer', '2030-Q1'],
      [m2.id, 'Eskalér', '2030-Q2'],
    ]);
    expect(asRead.body.actions).toEqual({ update: false, delete: false, submit: false, return: false, approve: false, revise: false });
    expect((await reader.get(`/api/v1/plans?findingId=${finding.id}`)).body.items.map((p: { revision: number }) => p.revision)).toEqual([1]);
    // The removed measure is kept with its history
    const removed = await admin.get(`/api/v1/measures/${m2.id}`);
    expect(removed.status).toBe(200);
    const [row] = await queryRows<{ removed_in_revision: number }>(ctx.engine.db, sql`select removed_in_revision from measures where id = ${m2.id}`);
    expect(row!.removed_in_revision).toBe(2);
    expect((await coordinator.patch(`/api/v1/measures/${m2.id}`, { title: 'x' }, removed.body.version)).body.errors[0].code).toBe('measure.removed');

    // Documents and rounds read the measures as approved
    const [planRow] = await queryRows<{ id: string; state: 'draft'; revision: number }>(
      ctx.engine.db,
      sql`select id, state, revision from action_plans where id = ${plan.id}`,
    );
    const asApproved = await approvedMeasuresOf(ctx.engine.db, m.id, [planRow!]);
    expect(asApproved.map((x) => [x.id, x.title, x.deadline])).toEqual([
      [m1.id, 'Kortlæg systemer', '2030-Q1'],
      [m2.id, 'Eskalér', '2030-Q2'],
    ]);
    expect(await approvedIdsBySql(plan.id)).toEqual([m1.id, m2.id].sort());

    // The comparison, field by field, by identity
    const compare = await coordinator.get(`/api/v1/plans/${plan.id}/revisions/compare?from=1&to=2`);
    expect(compare.status, JSON.stringify(compare.body)).toBe(200);
    expect(compare.body.plan).toEqual([{ field: 'problem', before: 'Systemer uden tilladelse.', after: 'Systemer uden tilladelse, også i institutionerne.' }]);
    expect(compare.body.measures).toEqual([
      {
        measureId: m1.id,
        number: '1',
        title: 'Kortlæg alle systemer',
        change: 'changed',
        fields: [
          { field: 'title', before: 'Kortlæg systemer', after: 'Kortlæg alle systemer' },
          { field: 'deadline', before: 'Q1-2030', after: 'Q3-2030' },
        ],
      },
      {
        measureId: m3.body.id,
        number: '2',
        title: 'Ny eskalering',
        change: 'added',
        fields: [
          { field: 'number', before: null, after: '2' },
          { field: 'title', before: null, after: 'Ny eskalering' },
          { field: 'deadline', before: null, after: 'Q4-2030' },
          { field: 'followUpPoint', before: null, after: 'Kvartalsvis' },
          { field: 'recommendationIds', before: null, after: '2' },
        ],
      },
      { measureId: m2.id, number: '2', title: 'Eskalér', change: 'removed', fields: [] },
    ]);
    // The reader may compare approved revisions only
    expect((await reader.get(`/api/v1/plans/${plan.id}/revisions/compare?from=1&to=2`)).status).toBe(422);

    // Submit and approve revision 2
    const current = (await coordinator.get(`/api/v1/plans/${plan.id}`)).body;
    const sent = await coordinator.post(`/api/v1/plans/${plan.id}/submit`, {}, ifMatch(current.version));
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect((await reader.get(`/api/v1/plans/${plan.id}`)).body.revision).toBe(1);
    const approved2 = await central.post(
      `/api/v1/plans/${plan.id}/approvals`,
      { approvedOn: '2026-11-20', meetingId: await meeting('2026-11-20') },
      ifMatch(sent.body.version),
    );
    expect(approved2.status, JSON.stringify(approved2.body)).toBe(200);
    expect(approved2.body).toMatchObject({ state: 'approved', revision: 2, approvedRevision: 2 });
    expect(approved2.body.approvals.map((a: { revision: number }) => a.revision)).toEqual([1, 2]);
    const read2 = (await reader.get(`/api/v1/plans/${plan.id}`)).body;
    expect(read2.measures.map((x: { id: string }) => x.id)).toEqual([m1.id, m3.body.id]);
    expect(await approvedIdsBySql(plan.id)).toEqual([m1.id, m3.body.id].sort());
    const history = await admin.get(`/api/v1/measures/${m1.id}`);
    expect(history.body.deadlineHistory.map((h: { source: string; deadline: { text: string } }) => [h.source, h.deadline.text])).toEqual([
      ['original', '2030-Q1'],
      ['edit', '2030-Q3'],
    ]);

    const revisions = (await reader.get(`/api/v1/plans/${plan.id}/revisions`)).body;
    expect(
      revisions.map((r: { number: number; state: string; current: boolean; measureCount: number; approval: { approvedOn: string } }) => [
        r.number,
        r.state,
        r.current,
        r.measureCount,
        r.approval.approvedOn,
      ]),
    ).toEqual([
      [1, 'approved', false, 2, '2026-05-14'],
      [2, 'approved', true, 2, '2026-11-20'],
    ]);
    expect((await reader.get(`/api/v1/plans/${plan.id}/revisions/compare?from=1&to=2`)).body.measures).toHaveLength(3);
  });

  it('keeps a plan approved before revisions were kept: revising snapshots it first', async () => {
    const { plan } = await completePlan(2045);
    // As the Excel import and the demo do: an approved plan without a kept revision
    await ctx.engine.db.execute(sql`update action_plans set state = 'approved' where id = ${plan.id}`);
    const fresh = (await coordinator.get(`/api/v1/plans/${plan.id}`)).body;
    expect((await coordinator.get(`/api/v1/plans/${plan.id}/revisions`)).body.map((r: { number: number; current: boolean }) => [r.number, r.current])).toEqual([
      [1, true],
    ]);
    const revised = await coordinator.post(`/api/v1/plans/${plan.id}/revise`, {}, ifMatch(fresh.version));
    expect(revised.status).toBe(200);
    await coordinator.patch(`/api/v1/plans/${plan.id}`, { problem: 'Ny tekst' }, revised.body.version);
    expect((await reader.get(`/api/v1/plans/${plan.id}`)).body.problem).toBe('Systemer uden tilladelse.');
    expect((await coordinator.get(`/api/v1/plans/${plan.id}/revisions/compare?from=1&to=2`)).body.plan).toEqual([
      { field: 'problem', before: 'Systemer uden tilladelse.', after: 'Ny tekst' },
    ]);
  });

  it('compares snapshots by measure identity (pure)', () => {
    const measure = (id: string, number: string, title: string, position: number) => ({
      id,
      position,
      number,
      title,
      text: null,
      responsibleUnit: null,
      responsiblePerson: null,
      ownerUserId: null,
      deadline: '2030-Q1',
      deadlineDue: '2030-03-31',
      followUpPoint: 'f',
      expectedEffect: null,
      recommendationIds: ['r1'],
    });
    const base: PlanSnapshot = {
      departmentId: 'd',
      crossCutting: false,
      problem: 'p',
      extent: null,
      overallDeadline: '2030',
      overallDeadlineDue: '2030-12-31',
      measures: [measure('a', '1', 'A', 1), measure('b', '2', 'B', 2)],
    };
    expect(compareSnapshots(base, base)).toEqual({ plan: [], measures: [] });
    // Renumbering two measures is a change of number and place, not a removal and an addition
    const swapped: PlanSnapshot = { ...base, measures: [measure('b', '1', 'B', 1), measure('a', '2', 'A', 2)] };
    expect(compareSnapshots(base, swapped).measures.map((x) => [x.measureId, x.change, x.fields.map((f) => f.field)])).toEqual([
      ['b', 'changed', ['number', 'position']],
      ['a', 'changed', ['number', 'position']],
    ]);
  });
});

/** The measures the SQL rule for rounds counts as approved for the plan. */
async function approvedIdsBySql(planId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    ctx.engine.db,
    sql`select m.id from measures m join action_plans p on p.municipality_id = m.municipality_id and p.id = m.plan_id where p.id = ${planId} and ${approvedMeasureSql()} order by m.id`,
  );
  return rows.map((r) => r.id).sort();
}

describe('measure owner', () => {
  it("assigns a measure to a user of the plan's department and refuses anyone else", async () => {
    const { plan } = await completePlan(2046);
    const candidates = await coordinator.get(`/api/v1/plans/${plan.id}/owner-candidates`);
    expect(candidates.status).toBe(200);
    const names = candidates.body.map((u: { name: string }) => u.name);
    expect(names).toContain('Sofie Ejer');
    expect(names).toContain('Jonas Koordinator');
    expect(names).not.toContain('Ole Udenfor');
    expect((await reader.get(`/api/v1/plans/${plan.id}/owner-candidates`)).status).toBe(404);

    const measure = plan.measures[0];
    const before = await snapshot();
    for (const id of [outsiderId, '00000000-0000-4000-8000-000000000000']) {
      const res = await coordinator.patch(`/api/v1/measures/${measure.id}`, { ownerUserId: id }, measure.version);
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'body.ownerUserId', code: 'measure.ownerNotInDepartment' })]);
    }
    const created = await coordinator.post(`/api/v1/plans/${plan.id}/measures`, { number: '5', title: 'x', ownerUserId: outsiderId });
    expect(created.body.errors[0].field).toBe('body.ownerUserId');
    expect(await snapshot()).toEqual(before);

    const ok = await coordinator.patch(`/api/v1/measures/${measure.id}`, { ownerUserId: ownerId }, measure.version);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ ownerUserId: ownerId, ownerName: 'Sofie Ejer' });
    expect((await coordinator.get(`/api/v1/plans/${plan.id}`)).body.measures[0].ownerName).toBe('Sofie Ejer');
    const cleared = await coordinator.patch(`/api/v1/measures/${measure.id}`, { ownerUserId: null }, ok.body.version);
    expect(cleared.body.ownerUserId).toBeNull();
  });
});

describe('guidance: a deadline already past', () => {
  it("warns (without blocking) when a new plan's deadlines lie before the municipality's today", async () => {
    const { finding } = await createFinding(admin, { year: 2047, departments: [m.departments.BUF!], recommendations: ['Vurder'] });
    const plan = (
      await coordinator.post(`/api/v1/findings/${finding.id}/plans`, {
        departmentId: m.departments.BUF,
        overallDeadline: '2020',
        measures: [
          { number: '1', title: 'Gammel frist', deadline: 'Q1-2020', followUpPoint: 'Stikprøve', recommendationIds: [finding.recommendations[0]!.id] },
        ],
      })
    ).body;
    const check = (await coordinator.get(`/api/v1/plans/${plan.id}/check`, { 'accept-language': 'sv' })).body;
    expect(check.blocking).toBe(false);
    expect(check.breaches.map((b: { code: string; severity: string }) => [b.code, b.severity])).toEqual([
      ['plan.overallDeadlinePassed', 'warning'],
      ['measure.deadlinePassed', 'warning'],
    ]);
    expect(check.breaches[1].message).toBe('Tidpunkten för åtgärd 1 (Q1 2020) har redan passerats. Ange en tidpunkt efter i dag.');
    expect((await coordinator.post(`/api/v1/plans/${plan.id}/submit`, {}, ifMatch(plan.version))).status).toBe(200);
  });
});

describe('answer documents', () => {
  it('go draft → submitted → returned with a comment → submitted → approved with the meeting, and are locked until revised', async () => {
    const { plan } = await completePlan(2048);
    const url = `/api/v1/plans/${plan.id}/answers/yttrande`;
    const created = await coordinator.put(url, { recipients: ['Revisorerna'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ state: 'draft', revision: 1, approval: null, actions: { update: true, submit: true, approve: false } });
    const sent = await coordinator.post(`${url}/submit`, {}, ifMatch(created.body.version));
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body.state).toBe('submitted');

    const before = await snapshot();
    const edit = await coordinator.put(url, { recipients: ['Andre'] }, sent.body.version);
    expect(codes(edit)).toEqual(['answer.locked']);
    expect((await coordinator.post(`${url}/approvals`, { approvedOn: '2026-06-01' }, ifMatch(sent.body.version))).status).toBe(403);
    expect((await central.post(`${url}/return`, {}, ifMatch(sent.body.version))).status).toBe(400);
    expect((await central.post(`${url}/submit`, {}, ifMatch(sent.body.version))).body.errors[0].code).toBe('answer.wrongState');
    expect(await snapshot()).toEqual(before);

    const returned = await central.post(`${url}/return`, { reason: 'Uddyb den forventede effekt' }, ifMatch(sent.body.version));
    expect(returned.body).toMatchObject({ state: 'draft', returnComment: 'Uddyb den forventede effekt' });
    const fixed = await coordinator.put(url, { recipients: ['Revisorerna', 'Kommunstyrelsen'] }, returned.body.version);
    expect(fixed.status).toBe(200);
    const resent = await coordinator.post(`${url}/submit`, {}, ifMatch(fixed.body.version));
    const ks = await meeting('2026-06-10');
    const approvedAnswer = await central.post(`${url}/approvals`, { approvedOn: '2026-06-10', meetingId: ks }, ifMatch(resent.body.version));
    expect(approvedAnswer.status, JSON.stringify(approvedAnswer.body)).toBe(200);
    expect(approvedAnswer.body).toMatchObject({
      state: 'approved',
      returnComment: null,
      approval: { approvedOn: '2026-06-10', approvedByName: 'Mette Central', meeting: { id: ks } },
      actions: { revise: true, update: false },
    });

    const lockedBefore = await snapshot();
    const locked = await coordinator.put(url, { recipients: ['Andre'] }, approvedAnswer.body.version);
    expect(locked.status).toBe(409);
    expect(locked.body.code).toBe('answer.approvedLocked');
    expect((await central.post(`${url}/approvals`, { approvedOn: '2026-06-10' }, ifMatch(approvedAnswer.body.version))).body.code).toBe(
      'answer.approvedLocked',
    );
    expect(await snapshot()).toEqual(lockedBefore);

    const revised = await coordinator.post(`${url}/revise`, {}, ifMatch(approvedAnswer.body.version));
    expect(revised.body).toMatchObject({ state: 'draft', revision: 2, approval: null });
    expect((await coordinator.put(url, { recipients: ['Revisorerna'] }, revised.body.version)).status).toBe(200);
  });
});
