import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../../cli/commands/check.js';
import { client, createTestContext, seedMunicipality, type SeededMunicipality, type TestContext } from '../../../test/app.js';
import { tableSnapshot } from '../../../test/kit.js';
import { PLAN_TABLES } from '../../../test/tables.js';
import { followUpRounds, roundSubmissions, statusEntries } from '../../db/schema/index.js';
import { fixedClock } from '../../clock.js';
import { createFinding } from './test-fixtures.js';

let ctx: TestContext;
let m: SeededMunicipality;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  // Deadlines are compared with the municipality's today: fix it before the plans' 2026 deadlines
  ctx = await createTestContext({ config: { clock: fixedClock('2025-03-01T09:00:00Z') } });
  m = await seedMunicipality(ctx.engine, { slug: 'guidance-test', departments: ['ØKF', 'BUF'] });
  api = client(ctx.app, m.userId);
});
afterAll(() => ctx.close());

/** Every row of the plan tables and the audit trail: equal snapshots mean a refused request changed nothing. */
const snapshot = () => tableSnapshot(ctx.engine, PLAN_TABLES);
type BreachT = { code: string; measureNumber: string | null; field: string; accepted: { reason: string } | null; message: string; severity: string };
const codes = (res: { body: { breaches: BreachT[] } }) => res.body.breaches.map((b) => b.code);

/** A plan with one measure that has no deadline and no follow-up point, covering the finding's only recommendation. */
async function incompletePlan(year: number) {
  const { finding } = await createFinding(api, { year, departments: [m.departments.BUF!], recommendations: ['Vurder alle systemer'] });
  const plan = await api.post(`/api/v1/findings/${finding.id}/plans`, {
    departmentId: m.departments.BUF,
    overallDeadline: 'Q4-2026',
    measures: [{ number: '1', title: 'Kortlæg systemer', recommendationIds: [finding.recommendations[0]!.id] }],
  });
  expect(plan.status).toBe(201);
  return { finding, plan: plan.body };
}

async function meeting(body: string, heldOn: string, agendaItem: string) {
  const res = await api.post('/api/v1/meetings', { body, heldOn, agendaItem });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

describe('guidance check, acceptance and approval', () => {
  it('reports the exact breaches, accepts one with a reason, and blocks submission until the rest is fixed', async () => {
    const { finding, plan } = await incompletePlan(2024);
    const measureId = plan.measures[0].id;

    const check = await api.get(`/api/v1/plans/${plan.id}/check`);
    expect(check.status).toBe(200);
    expect(check.body.breaches.map((b: BreachT) => [b.code, b.measureNumber, b.field, b.severity])).toEqual([
      ['measure.deadlineMissing', '1', 'deadline', 'error'],
      ['measure.followUpPointMissing', '1', 'followUpPoint', 'error'],
    ]);
    expect(check.body.blocking).toBe(true);
    expect(check.body.breaches[0].message).toMatch(/^Tiltag 1 mangler en frist/);

    const blocked = await api.post(`/api/v1/plans/${plan.id}/submit`, {}, { 'if-match': '"1"' });
    expect(blocked.status).toBe(422);
    expect(blocked.body.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['measures.1.deadline', 'measure.deadlineMissing'],
      ['measures.1.followUpPoint', 'measure.followUpPointMissing'],
    ]);

    const before = await snapshot();
    const notABreach = await api.post(`/api/v1/plans/${plan.id}/acceptances`, { code: 'plan.overallDeadlineMissing', field: 'overallDeadline', reason: 'x' });
    expect(notABreach.status).toBe(422);
    const wrongMeasure = await api.post(`/api/v1/plans/${plan.id}/acceptances`, { code: 'measure.deadlineMissing', field: 'deadline', reason: 'x' });
    expect(wrongMeasure.status).toBe(422);
    const noReason = await api.post(`/api/v1/plans/${plan.id}/acceptances`, { code: 'measure.deadlineMissing', measureId, field: 'deadline', reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(await snapshot()).toEqual(before);

    const reason = 'Fristen fastsættes, når kortlægningen af leverandører er afsluttet';
    const accepted = await api.post(`/api/v1/plans/${plan.id}/acceptances`, { code: 'measure.deadlineMissing', measureId, field: 'deadline', reason });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    expect(accepted.body).toMatchObject({ code: 'measure.deadlineMissing', measureId, field: 'deadline', reason, acceptedBy: m.userId });
    const duplicate = await api.post(`/api/v1/plans/${plan.id}/acceptances`, { code: 'measure.deadlineMissing', measureId, field: 'deadline', reason });
    expect(duplicate.status).toBe(409);

    const afterAccept = await api.get(`/api/v1/plans/${plan.id}/check`);
    expect(codes(afterAccept)).toEqual(['measure.deadlineMissing', 'measure.followUpPointMissing']);
    expect(afterAccept.body.breaches[0].accepted).toMatchObject({ reason, acceptedBy: m.userId });
    expect(afterAccept.body.breaches[1].accepted).toBeNull();
    expect(afterAccept.body.blocking).toBe(true);
    const stillBlocked = await api.post(`/api/v1/plans/${plan.id}/submit`, {}, { 'if-match': '"1"' });
    expect(stillBlocked.body.errors.map((e: { field: string }) => e.field)).toEqual(['measures.1.followUpPoint']);
    expect((await api.get(`/api/v1/plans/${plan.id}`)).body.acceptances).toHaveLength(1);

    await api.patch(`/api/v1/measures/${measureId}`, { followUpPoint: 'Stikprøve på ti systemer i 2026' }, plan.measures[0].version);
    const clean = await api.get(`/api/v1/plans/${plan.id}/check`);
    expect(clean.body.blocking).toBe(false);
    expect((await api.post(`/api/v1/plans/${plan.id}/submit`, {})).status).toBe(428);
    const submitted = await api.post(`/api/v1/plans/${plan.id}/submit`, {}, { 'if-match': '"1"' });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.state).toBe('submitted');
    expect(submitted.headers.etag).toBe('"2"');

    // Submitted plans are locked
    const lockedBefore = await snapshot();
    const edit = await api.patch(`/api/v1/plans/${plan.id}`, { problem: 'x' }, 2);
    expect(edit.status).toBe(409);
    expect(edit.body.errors[0].code).toBe('plan.locked');
    expect((await api.post(`/api/v1/plans/${plan.id}/measures`, { number: '2', title: 'x' })).body.errors[0].code).toBe('plan.locked');
    expect(await snapshot()).toEqual(lockedBefore);

    const returned = await api.post(`/api/v1/plans/${plan.id}/return`, { reason: 'Uddyb tiltag 1' }, { 'if-match': '"2"' });
    expect(returned.body.state).toBe('draft');
    expect((await api.post(`/api/v1/plans/${plan.id}/return`, { reason: 'Igen' }, { 'if-match': '"3"' })).status).toBe(409);

    // Removing the acceptance makes the check block again
    const removed = await api.delete(`/api/v1/plans/${plan.id}/acceptances/${accepted.body.id}`);
    expect(removed.status).toBe(204);
    expect((await api.get(`/api/v1/plans/${plan.id}/check`)).body.blocking).toBe(true);
    expect((await api.delete(`/api/v1/plans/${plan.id}/acceptances/${accepted.body.id}`)).status).toBe(404);

    // Submitted again (the open point accepted anew), the committee's approval is recorded with its meeting
    expect((await api.post(`/api/v1/plans/${plan.id}/acceptances`, { code: 'measure.deadlineMissing', measureId, field: 'deadline', reason })).status).toBe(
      201,
    );
    expect((await api.post(`/api/v1/plans/${plan.id}/submit`, {}, { 'if-match': '"3"' })).status).toBe(200);
    const udvalg = await meeting('Børne- og Ungdomsudvalget', '2025-05-14', 'Punkt 7');
    const approvalBefore = await snapshot();
    const unknownMeeting = await api.post(
      `/api/v1/plans/${plan.id}/approvals`,
      { approvedOn: '2025-05-14', meetingId: '00000000-0000-4000-8000-000000000000' },
      { 'if-match': '"4"' },
    );
    expect(unknownMeeting.status).toBe(422);
    expect(unknownMeeting.body.errors[0].field).toBe('body.meetingId');
    expect(await snapshot()).toEqual(approvalBefore);
    const approved = await api.post(
      `/api/v1/plans/${plan.id}/approvals`,
      { approvedOn: '2025-05-14', meetingId: udvalg, note: 'Godkendt uden ændringer' },
      { 'if-match': '"4"' },
    );
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.state).toBe('approved');
    expect(approved.body.approvals).toEqual([
      {
        id: expect.any(String),
        approvedBy: m.userId,
        approvedByName: 'Test Bruger',
        approvedOn: '2025-05-14',
        meeting: { id: udvalg, body: 'Børne- og Ungdomsudvalget', heldOn: '2025-05-14', agendaItem: 'Punkt 7' },
        note: 'Godkendt uden ændringer',
        revision: 1,
        overrideReason: null,
      },
    ]);
    const part = (await api.get(`/api/v1/findings/${finding.id}`)).body.departments[0];
    expect(part.state).toBe('planApproved');
    // An approved plan is locked: a change means a new revision (review.test.ts)
    expect((await api.patch(`/api/v1/plans/${plan.id}`, { overallDeadline: '2027' }, 5)).body.errors[0].code).toBe('plan.approvedLocked');
  });

  it('does not let a readability warning be accepted', async () => {
    const { plan } = await incompletePlan(2023);
    const long =
      'Implementeringsforanstaltningerne vedrørende informationssikkerhedsstyringssystemet forudsætter ledelsesforankring, organisationsudvikling og kompetenceudviklingsinitiativer. '.repeat(
        3,
      );
    await api.patch(`/api/v1/plans/${plan.id}`, { problem: long }, plan.version);
    const check = await api.get(`/api/v1/plans/${plan.id}/check`);
    const warning = check.body.breaches.find((b: BreachT) => b.code === 'text.readability');
    expect(warning).toMatchObject({ severity: 'warning', field: 'problem' });
    const res = await api.post(`/api/v1/plans/${plan.id}/acceptances`, { code: 'text.readability', field: 'problem', reason: 'Fagsprog' });
    expect(res.status).toBe(422);
  });

  it('checks the status entries of the latest status round that has entries for the plan', async () => {
    const { plan } = await incompletePlan(2022);
    const measureId = plan.measures[0].id;
    const db = ctx.engine.db;
    const round = async (name: string, opensOn: string, status: 'delayed' | 'onTrack', state: 'draft' | 'submitted') => {
      const [r] = await db.insert(followUpRounds).values({ municipalityId: m.id, name, opensOn, dueOn: opensOn }).returning();
      const [s] = await db.insert(roundSubmissions).values({ municipalityId: m.id, roundId: r!.id, departmentId: m.departments.BUF!, state }).returning();
      await db.insert(statusEntries).values({ municipalityId: m.id, submissionId: s!.id, measureId, status });
    };
    await round('Status august 2025', '2025-08-01', 'delayed', 'submitted');
    // A newer round without entries for this plan does not count
    await db.insert(followUpRounds).values({ municipalityId: m.id, name: 'Status februar 2027', opensOn: '2027-02-01', dueOn: '2027-02-28' });
    const delayed = await api.get(`/api/v1/plans/${plan.id}/check`);
    expect(codes(delayed)).toEqual(['measure.deadlineMissing', 'measure.followUpPointMissing', 'status.reasonMissing', 'status.newDeadlineMissing']);

    await round('Status februar 2026', '2026-02-01', 'onTrack', 'draft');
    expect(codes(await api.get(`/api/v1/plans/${plan.id}/check`))).toEqual(['measure.deadlineMissing', 'measure.followUpPointMissing']);

    const detail = await api.get(`/api/v1/measures/${measureId}`);
    expect(detail.body.statuses.map((s: { roundName: string; status: string; submissionState: string }) => [s.roundName, s.status, s.submissionState])).toEqual(
      [
        ['Status august 2025', 'delayed', 'submitted'],
        ['Status februar 2026', 'onTrack', 'draft'],
      ],
    );
  });

  it('prints every breach of every plan for the CLI, as text and as JSON', async () => {
    const text = await runCheck(ctx.engine.db, { municipality: 'guidance-test', json: false });
    const lines = text.output.split('\n');
    expect(lines).toContain(
      '2022 Revisionsberetning · 1 Ibrugtagningstilladelser · BUF · error measure.deadlineMissing measure 1: Tiltag 1 mangler en frist. Angiv en dato, en måned, et kvartal, et halvår eller et år.',
    );
    expect(lines.length).toBeGreaterThanOrEqual(text.breachCount);
    const json = await runCheck(ctx.engine.db, { municipality: 'guidance-test', json: true, locale: 'en' });
    const parsed = JSON.parse(json.output);
    expect(parsed.municipalities.map((x: { slug: string }) => x.slug)).toEqual(['guidance-test']);
    const plans = parsed.municipalities[0].plans;
    expect(plans.map((p: { reportYear: number }) => p.reportYear)).toEqual([2022, 2023, 2024]);
    expect(plans[0]).toMatchObject({ findingNumber: 1, findingTitle: 'Ibrugtagningstilladelser', departmentCode: 'BUF', crossCutting: false, blocking: true });
    expect(plans[0].breaches[0].message).toBe('Measure 1 has no deadline. Enter a date, month, quarter, half-year or year.');
    expect(json.output).toBe(JSON.stringify(parsed, null, 2));
    await expect(runCheck(ctx.engine.db, { municipality: 'nowhere', json: true })).rejects.toThrow(/nowhere/);
  });
});

describe('answer documents', () => {
  it('creates and replaces the yttrande with its decision plan in order, guarded by If-Match', async () => {
    const { plan } = await incompletePlan(2021);
    const au = await meeting('Kommunstyrelsens arbetsutskott', '2025-03-03', '§ 12');
    const ks = await meeting('Kommunstyrelsen', '2025-03-17', '§ 40');
    const url = `/api/v1/plans/${plan.id}/answers/yttrande`;
    const body = { dueDate: '2025-03-31', decisionPlan: [au, ks], recipients: ['Revisorskollegiet'], responsibleOfficials: ['Anna Andersson'] };

    const before = await snapshot();
    const bad = await api.put(url, { ...body, decisionPlan: [au, '00000000-0000-4000-8000-000000000000'] });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('body.decisionPlan.1');
    expect((await api.put(`/api/v1/plans/${plan.id}/answers/letter`, body)).status).toBe(400);
    expect(await snapshot()).toEqual(before);

    const created = await api.put(url, body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body).toMatchObject({
      kind: 'yttrande',
      dueDate: '2025-03-31',
      recipients: ['Revisorskollegiet'],
      responsibleOfficials: ['Anna Andersson'],
      sentOn: null,
      decisionPlan: [
        { id: au, body: 'Kommunstyrelsens arbetsutskott', heldOn: '2025-03-03', agendaItem: '§ 12' },
        { id: ks, body: 'Kommunstyrelsen', heldOn: '2025-03-17', agendaItem: '§ 40' },
      ],
    });

    expect((await api.put(url, { ...body, sentOn: '2025-03-20' })).status).toBe(428);
    const updated = await api.put(url, { ...body, decisionPlan: [ks, au], sentOn: '2025-03-20' }, 1);
    expect(updated.status).toBe(200);
    expect(updated.body.version).toBe(2);
    expect(updated.body.decisionPlan.map((x: { id: string }) => x.id)).toEqual([ks, au]);
    const stale = await api.put(url, body, 1);
    expect(stale.status).toBe(409);
    expect(stale.body.current.sentOn).toBe('2025-03-20');

    const got = await api.get(`/api/v1/plans/${plan.id}`);
    expect(got.body.answers).toEqual([updated.body]);
  });
});

describe('Swedish vocabulary', () => {
  it('asks for the expected effect instead of a follow-up point, in Swedish', async () => {
    const se = await seedMunicipality(ctx.engine, { slug: 'exempelstad', language: 'sv', departments: ['KS'] });
    const sv = client(ctx.app, se.userId);
    const { finding } = await createFinding(sv, {
      year: 2024,
      title: 'Informationssäkerhet',
      departments: [se.departments.KS!],
      recommendations: ['Säkerställ behörigheter'],
    });
    const plan = await sv.post(`/api/v1/findings/${finding.id}/plans`, {
      departmentId: se.departments.KS,
      crossCutting: true,
      overallDeadline: 'första halvåret 2026',
      measures: [
        {
          number: '1',
          title: 'Inför behörighetsgranskning',
          deadline: 'mars 2026',
          followUpPoint: 'Kontroll',
          recommendationIds: [finding.recommendations[0]!.id],
        },
      ],
    });
    expect(plan.status).toBe(201);
    expect(plan.body.overallDeadline.display).toBe('första halvåret 2026');
    const check = await sv.get(`/api/v1/plans/${plan.body.id}/check`);
    expect(codes(check)).toEqual(['measure.expectedEffectMissing']);
    expect(check.body.breaches[0].message).toBe('Åtgärd 1 saknar förväntad effekt: vad ska åtgärden leda till?');
    await sv.patch(`/api/v1/measures/${plan.body.measures[0].id}`, { expectedEffect: 'Färre felaktiga behörigheter' }, 1);
    expect((await sv.get(`/api/v1/plans/${plan.body.id}/check`)).body).toEqual({ breaches: [], blocking: false });
  });
});
