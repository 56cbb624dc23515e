import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../clock.js';
import { queryRows } from '../../db/engine.js';
import { client, createTestContext, seedMunicipality, seedUser, type SeededMunicipality, type TestContext } from '../../../test/app.js';
import { tableSnapshot } from '../../../test/kit.js';
import { createFinding } from '../plans/test-fixtures.js';

/**
 * Issue 13 §2: a round answers the revision of each plan that was approved when the round opened.
 * Approving a later revision while the round is open changes neither the measures the round shows
 * nor the ones it accepts answers for; the next round answers the later revision. A plan first
 * approved while a round is open joins it at that approval.
 */

let ctx: TestContext;
let m: SeededMunicipality;
let central: ReturnType<typeof client>;
let coordinator: ReturnType<typeof client>;

beforeAll(async () => {
  // The municipality's today: before the plans' 2030 deadlines, so "on track" is allowed
  ctx = await createTestContext({ config: { clock: fixedClock('2026-03-02T08:00:00Z') } });
  m = await seedMunicipality(ctx.engine, { slug: 'round-revisions', departments: ['ØKF', 'BUF'] });
  central = client(ctx.app, await seedUser(ctx.engine, m.id, { name: 'Mette Central', email: 'central@rr.example', roles: [{ role: 'centralCoordinator' }] }));
  coordinator = client(
    ctx.app,
    await seedUser(ctx.engine, m.id, {
      name: 'Jonas Koordinator',
      email: 'coord@rr.example',
      roles: [{ role: 'departmentCoordinator', departmentId: m.departments.BUF! }],
    }),
  );
});
afterAll(() => ctx.close());

const ifMatch = (v: number) => ({ 'if-match': `"${v}"` });
const admin = () => client(ctx.app, m.userId);

/** Every row a refused status entry could touch, and the audit trail. */
const snapshot = () =>
  tableSnapshot(ctx.engine, [
    'round_submissions',
    'status_entries',
    'round_plan_revisions',
    'measures',
    'deadline_revisions',
    'action_plans',
    'plan_revisions',
    'change_log',
    'audit_entries',
    'audit_heads',
  ]);

/** A BUF plan with two measures, submitted (not yet approved). */
async function submittedPlan(year: number, titles: [string, string]) {
  const { finding } = await createFinding(admin(), { year, departments: [m.departments.BUF!], recommendations: ['Vurder', 'Eskaler'] });
  const [r1, r2] = finding.recommendations;
  const created = await coordinator.post(`/api/v1/findings/${finding.id}/plans`, {
    departmentId: m.departments.BUF,
    problem: 'Systemer uden tilladelse.',
    overallDeadline: '2030',
    measures: [
      { number: '1', title: titles[0], deadline: 'Q1-2030', followUpPoint: 'Stikprøve', recommendationIds: [r1!.id] },
      { number: '2', title: titles[1], deadline: 'Q2-2030', followUpPoint: 'Direktionen', recommendationIds: [r2!.id] },
    ],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const sent = await coordinator.post(`/api/v1/plans/${created.body.id}/submit`, {}, ifMatch(created.body.version));
  expect(sent.status, JSON.stringify(sent.body)).toBe(200);
  return { finding, plan: sent.body };
}

async function approve(plan: { id: string; version: number }, on: string) {
  const res = await central.post(`/api/v1/plans/${plan.id}/approvals`, { approvedOn: on }, ifMatch(plan.version));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

async function openRound(name: string, opensOn: string, dueOn: string) {
  const res = await central.post('/api/v1/rounds', { name, opensOn, dueOn });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

const view = async (roundId: string) => {
  const res = await coordinator.get(`/api/v1/rounds/${roundId}/departments/${m.departments.BUF}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as {
    measures: { measureId: string; planId: string; number: string; title: string; deadline: { text: string } | null }[];
    submission: { id: string; version: number } | null;
  };
};
const shown = async (roundId: string, planIds: string[]) =>
  (await view(roundId)).measures.filter((x) => planIds.includes(x.planId)).map((x) => [x.measureId, x.number, x.title, x.deadline?.text ?? null]);
const entryUrl = (roundId: string, measureId: string) => `/api/v1/rounds/${roundId}/departments/${m.departments.BUF}/measures/${measureId}`;

/** The BUF plan of the year's finding as the round's follow-up report prints it. */
async function reported(roundId: string, year: number) {
  const doc = await ctx.app.services.documents.followUpReport(
    { ...m.actor, today: '2026-03-02' },
    roundId,
    { kind: 'department', id: m.departments.BUF! },
    { edition: 'internal', today: '2026-03-02' },
  );
  const plan = doc.findings.find((f) => f.report.year === year)?.plans[0];
  return plan && { approvedOn: plan.approvedOn, measures: plan.measures.map((x) => [x.number, x.title, x.recommendationNumbers]) };
}

describe('a round answers the revision approved when it opened', () => {
  it('keeps revision 1 in the open round after revision 2 is approved, refuses answers to what revision 2 added, and the next round answers revision 2', async () => {
    const { finding, plan: sent } = await submittedPlan(2050, ['Kortlæg systemer', 'Eskalér']);
    const plan = await approve(sent, '2026-02-20');
    const [m1, m2] = plan.measures as { id: string; version: number }[];
    // A second plan, submitted before the round opens and approved while it is open
    const { plan: late } = await submittedPlan(2051, ['Uddan brugerne', 'Følg op']);

    const round1 = await openRound('Status marts 2026', '2026-03-01', '2026-03-31');
    expect(await shown(round1, [plan.id])).toEqual([
      [m1!.id, '1', 'Kortlæg systemer', '2030-Q1'],
      [m2!.id, '2', 'Eskalér', '2030-Q2'],
    ]);
    expect(await shown(round1, [late.id])).toEqual([]);
    const lateApproved = await approve(late, '2026-03-03');
    // First approved while the round is open: the round answers it from that approval on
    expect((await shown(round1, [late.id])).map((x) => x[2])).toEqual(['Uddan brugerne', 'Følg op']);

    // Revision 2: measure 1 edited (title and deadline), measure 2 removed, measure 3 added
    const revised = await coordinator.post(`/api/v1/plans/${plan.id}/revise`, {}, ifMatch(plan.version));
    expect(revised.status, JSON.stringify(revised.body)).toBe(200);
    const edit = await coordinator.patch(
      `/api/v1/measures/${m1!.id}`,
      { title: 'Kortlæg alle systemer', deadline: 'Q3-2030', deadlineChangeReason: 'Flere systemer' },
      m1!.version,
    );
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    expect((await coordinator.delete(`/api/v1/measures/${m2!.id}`, m2!.version)).status).toBe(204);
    const added = await coordinator.post(`/api/v1/plans/${plan.id}/measures`, {
      number: '2',
      title: 'Ny eskalering',
      deadline: 'Q4-2030',
      followUpPoint: 'Kvartalsvis',
      recommendationIds: [finding.recommendations[1]!.id],
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const m3 = added.body.id as string;
    // While revision 2 is a draft, the round shows revision 1
    expect(await shown(round1, [plan.id])).toEqual([
      [m1!.id, '1', 'Kortlæg systemer', '2030-Q1'],
      [m2!.id, '2', 'Eskalér', '2030-Q2'],
    ]);
    const current = (await coordinator.get(`/api/v1/plans/${plan.id}`)).body;
    const resent = await coordinator.post(`/api/v1/plans/${plan.id}/submit`, {}, ifMatch(current.version));
    expect(resent.status, JSON.stringify(resent.body)).toBe(200);
    const approved2 = await approve(resent.body, '2026-03-10');
    expect(approved2).toMatchObject({ state: 'approved', revision: 2 });

    // Revision 2 approved: the open round still shows revision 1's measures as they were
    expect(await shown(round1, [plan.id])).toEqual([
      [m1!.id, '1', 'Kortlæg systemer', '2030-Q1'],
      [m2!.id, '2', 'Eskalér', '2030-Q2'],
    ]);
    expect((await central.get(`/api/v1/rounds/${round1}`)).body.departments).toEqual([expect.objectContaining({ code: 'BUF', total: 4, answered: 0 })]);

    // An answer to the measure revision 2 added is refused, and nothing changes
    const before = await snapshot();
    const refused = await coordinator.put(entryUrl(round1, m3), { status: 'onTrack' });
    expect(refused.status, JSON.stringify(refused.body)).toBe(422);
    expect(refused.body.errors).toEqual([
      {
        field: 'params.measureId',
        code: 'statusEntry.measureNotInRoundRevision',
        message:
          'Runden følger revision 1 af handleplanen, den der var godkendt, da runden startede, og tiltaget er ikke med i den. Næste runde følger den senere revision.',
        params: { revision: 1 },
      },
    ]);
    expect(await snapshot()).toEqual(before);

    // Revision 1's measures take answers, the one revision 2 removed included; the round submits
    const answers: [string, object][] = [
      [m1!.id, { status: 'delayed', reason: 'Leverandøren er forsinket', newDeadline: 'Q4-2031' }],
      [m2!.id, { status: 'completed', selfCheckResult: 'Stikprøve uden fejl' }],
      ...(lateApproved.measures as { id: string }[]).map((x): [string, object] => [x.id, { status: 'onTrack' }]),
    ];
    for (const [id, body] of answers) {
      const res = await coordinator.put(entryUrl(round1, id), body);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    const submission = (await view(round1)).submission!;
    const submitted = await coordinator.post(`/api/v1/submissions/${submission.id}/submit`, {}, ifMatch(submission.version));
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);

    // The next round answers revision 2: its measures and values, with the deadline the delay moved
    const round2 = await openRound('Status april 2026', '2026-04-01', '2026-04-30');
    expect(await shown(round2, [plan.id])).toEqual([
      [m1!.id, '1', 'Kortlæg alle systemer', '2031-Q4'],
      [m3, '2', 'Ny eskalering', '2030-Q4'],
    ]);
    // The follow-up reports agree: round 1's report prints revision 1 (its measures, texts, links and
    // approval), though revision 2 is the approved one now; round 2's prints revision 2
    expect(await reported(round1, 2050)).toEqual({
      approvedOn: '2026-02-20',
      measures: [
        ['1', 'Kortlæg systemer', [1]],
        ['2', 'Eskalér', [2]],
      ],
    });
    expect(await reported(round2, 2050)).toEqual({
      approvedOn: '2026-03-10',
      measures: [
        ['1', 'Kortlæg alle systemer', [1]],
        ['2', 'Ny eskalering', [2]],
      ],
    });
    const removedThere = await coordinator.put(entryUrl(round2, m2!.id), { status: 'onTrack' });
    expect(removedThere.body.errors[0]).toMatchObject({ code: 'statusEntry.measureNotInRoundRevision', params: { revision: 2 } });
    expect((await coordinator.put(entryUrl(round2, m3), { status: 'onTrack' })).status).toBe(200);

    // The pins: round 1 at revision 1 for both plans, round 2 at revision 2 (and 1 for the other plan)
    const pins = await queryRows<{ round: string; plan: string; revision: number }>(
      ctx.engine.db,
      sql`select r.name as round, case when rp.plan_id = ${plan.id} then 'first' else 'late' end as plan, rp.revision
          from round_plan_revisions rp join follow_up_rounds r on r.municipality_id = rp.municipality_id and r.id = rp.round_id
          where rp.municipality_id = ${m.id} and rp.plan_id in (${plan.id}, ${late.id}) order by r.opens_on, 2`,
    );
    expect(pins).toEqual([
      { round: 'Status marts 2026', plan: 'first', revision: 1 },
      { round: 'Status marts 2026', plan: 'late', revision: 1 },
      { round: 'Status april 2026', plan: 'first', revision: 2 },
      { round: 'Status april 2026', plan: 'late', revision: 1 },
    ]);
  });

  it('answers a plan approved before revisions were kept (no snapshot) from its rows, and pins a round opened while a revision is in draft at the approved one', async () => {
    const { plan: sent } = await submittedPlan(2052, ['Gammel plan', 'Andet tiltag']);
    // As the demo and older databases hold it: approved without a kept revision
    await ctx.engine.db.execute(sql`update action_plans set state = 'approved' where id = ${sent.id}`);
    const legacy = (await coordinator.get(`/api/v1/plans/${sent.id}`)).body;
    const roundA = await openRound('Status maj 2026', '2026-05-01', '2026-05-31');
    expect((await shown(roundA, [sent.id])).map((x) => x[2])).toEqual(['Gammel plan', 'Andet tiltag']);

    const revised = await coordinator.post(`/api/v1/plans/${sent.id}/revise`, {}, ifMatch(legacy.version));
    expect(revised.status, JSON.stringify(revised.body)).toBe(200);
    const [first] = revised.body.measures as { id: string; version: number }[];
    expect((await coordinator.patch(`/api/v1/measures/${first!.id}`, { title: 'Ny titel i udkast' }, first!.version)).status).toBe(200);
    const roundB = await openRound('Status juni 2026', '2026-06-01', '2026-06-30');
    for (const round of [roundA, roundB]) expect((await shown(round, [sent.id])).map((x) => x[2])).toEqual(['Gammel plan', 'Andet tiltag']);
    const [pin] = await queryRows<{ revision: number }>(
      ctx.engine.db,
      sql`select revision from round_plan_revisions where round_id = ${roundB} and plan_id = ${sent.id}`,
    );
    expect(pin!.revision).toBe(1);
  });
});
