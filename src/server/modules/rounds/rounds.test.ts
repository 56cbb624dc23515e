import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestContext, seedMunicipality, seedUser, type SeededMunicipality, type TestContext } from '../../../test/app.js';
import type { Clock } from '../../clock.js';
import { actionPlans, auditReports, departments, findingDepartments, findings, guidanceAcceptances, measures } from '../../db/schema/index.js';

let ctx: TestContext;
let m: SeededMunicipality;
let api: ReturnType<typeof client>;
const year = { n: 2024 };

/** The server's clock, injected: a test sets the instant it needs ("today" is Copenhagen's date then). */
const time = { now: '2025-08-15T10:00:00Z' };
const clock: Clock = { now: () => new Date(time.now) };

beforeAll(async () => {
  ctx = await createTestContext({ config: { clock } });
  m = await seedMunicipality(ctx.engine, { slug: 'followup-test', departments: ['ØKF', 'BUF', 'SOF'] });
  api = client(ctx.app, m.userId);
});
afterAll(() => ctx.close());

/** One report per call, so finding numbers never collide between tests. */
async function seedReport() {
  const [r] = await ctx.engine.db
    .insert(auditReports)
    .values({ municipalityId: m.id, title: `Beretning ${year.n}`, auditor: 'Revision', year: year.n++, kind: 'annualAccounts' })
    .returning();
  return r!.id;
}

async function seedFinding(reportId: string, number: number, departmentCodes: string[]) {
  const [f] = await ctx.engine.db
    .insert(findings)
    .values({ municipalityId: m.id, reportId, number, title: `Bemærkning ${number}` })
    .returning();
  await ctx.engine.db
    .insert(findingDepartments)
    .values(departmentCodes.map((code) => ({ municipalityId: m.id, findingId: f!.id, departmentId: m.departments[code]!, state: 'planApproved' as const })));
  return f!.id;
}

/** A plan with measures numbered 1..n, each with a quarter deadline. */
async function seedPlan(
  findingId: string,
  departmentCode: string,
  state: 'draft' | 'approved',
  deadlines: [string, string][],
  ownerUserId: string | null = null,
) {
  const [p] = await ctx.engine.db
    .insert(actionPlans)
    .values({ municipalityId: m.id, subjectKind: 'finding', findingId, departmentId: m.departments[departmentCode]!, state })
    .returning();
  const rows = await ctx.engine.db
    .insert(measures)
    .values(
      deadlines.map(([deadline, deadlineDue], i) => ({
        municipalityId: m.id,
        planId: p!.id,
        position: i + 1,
        number: String(i + 1),
        title: `Tiltag ${i + 1}`,
        deadline,
        deadlineDue,
        ownerUserId,
      })),
    )
    .returning();
  return rows.sort((a, b) => a.position - b.position).map((r) => r.id);
}

/** A department of its own for one test: a round asks every department about all its approved plans. */
async function seedDepartment(code: string) {
  const [d] = await ctx.engine.db
    .insert(departments)
    .values({ municipalityId: m.id, code, name: `Forvaltning ${code}` })
    .returning();
  m.departments[code] = d!.id;
  return code;
}

const planOf = async (measureId: string) =>
  ((await ctx.engine.db.execute(`select plan_id from measures where id = '${measureId}'`)) as unknown as { rows: { plan_id: string }[] }).rows[0]!.plan_id;

async function createRound(name: string, opensOn: string, kind: 'status' | 'plan' = 'status') {
  const res = await api.post('/api/v1/rounds', { name, kind, opensOn, dueOn: opensOn.replace(/-\d\d$/, '-28') });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number };
}

/** Everything a refused write could have touched. */
async function snapshot() {
  const res = await ctx.engine.db.execute(`select
    (select coalesce(json_agg(json_build_object('id', id, 'state', state, 'v', version) order by id), '[]') from round_submissions) s,
    (select coalesce(json_agg(json_build_object('id', id, 'status', status, 'v', version) order by id), '[]') from status_entries) e,
    (select coalesce(json_agg(json_build_object('id', id, 'd', deadline, 'v', version) order by id), '[]') from measures) m,
    (select coalesce(json_agg(json_build_object('id', id, 'state', state, 'v', version) order by id), '[]') from follow_up_rounds) r,
    (select count(*)::int from deadline_revisions) dr,
    (select count(*)::int from guidance_acceptances) ga,
    (select count(*)::int from change_log) c,
    (select count(*)::int from audit_entries) a`);
  return (res as unknown as { rows: unknown[] }).rows[0];
}

const entryUrl = (roundId: string, dep: string, measureId: string) => `/api/v1/rounds/${roundId}/departments/${m.departments[dep]}/measures/${measureId}`;
const fields = (body: { errors: { field: string; code: string }[] }) => body.errors.map((e) => ({ field: e.field, code: e.code }));

describe('follow-up rounds', () => {
  it('runs a submission from draft through return and resubmission to accepted', async () => {
    const reportId = await seedReport();
    const finding = await seedFinding(reportId, 1, ['BUF']);
    const [m1, m2, m3] = await seedPlan(finding, 'BUF', 'approved', [
      ['2025-Q4', '2025-12-31'],
      ['2025-Q4', '2025-12-31'],
      ['2025-H2', '2025-12-31'],
    ]);
    const round = await createRound('Status august 2025', '2025-08-01');

    const detail = await api.get(`/api/v1/rounds/${round.id}`);
    expect(detail.body.departments).toEqual([
      { departmentId: m.departments.BUF, code: 'BUF', name: 'Forvaltning BUF', submissionId: null, state: 'notStarted', answered: 0, total: 3 },
    ]);

    const first = await api.put(entryUrl(round.id, 'BUF', m1!), { status: 'onTrack', note: 'Går efter planen' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.headers.etag).toBe('"1"');
    const delayed = await api.put(entryUrl(round.id, 'BUF', m2!), { status: 'delayed' });
    expect(delayed.status).toBe(200);

    const view = await api.get(`/api/v1/rounds/${round.id}/departments/${m.departments.BUF}`);
    expect(view.status).toBe(200);
    expect(view.body.progress).toEqual({ answered: 2, total: 3 });
    expect(view.body.submission.state).toBe('draft');
    expect(view.body.measures.map((x: { number: string; findingNumber: number }) => [x.findingNumber, x.number])).toEqual([
      [1, '1'],
      [1, '2'],
      [1, '3'],
    ]);
    expect(view.body.measures[0].deadline).toEqual({ text: '2025-Q4', display: 'Q4-2025', precision: 'quarter', due: '2025-12-31' });
    expect(view.body.measures[2].entry).toBeNull();
    const submissionId: string = view.body.submission.id;
    const submissionUrl = `/api/v1/submissions/${submissionId}`;

    // Incomplete: one measure unanswered, one delayed without reason and date
    let before = await snapshot();
    const blocked = await api.post(`${submissionUrl}/submit`, undefined, { 'if-match': '"1"' });
    expect(blocked.status).toBe(422);
    expect(fields(blocked.body)).toEqual([
      { field: 'measures.2.reason', code: 'status.reasonMissing' },
      { field: 'measures.2.newDeadline', code: 'status.newDeadlineMissing' },
      { field: 'measures.3', code: 'statusEntry.missing' },
    ]);
    expect(blocked.body.errors[2].message).toBe('Bemærkning 1 (2024): Tiltag 3 mangler status.');
    expect(blocked.body.errors[2].params).toEqual({ measureId: m3, measureNumber: '3', findingNumber: 1, findingYear: 2024 });
    expect(await snapshot()).toEqual(before);

    // Updating an existing entry needs its version
    expect((await api.put(entryUrl(round.id, 'BUF', m2!), { status: 'delayed', reason: 'x' })).status).toBe(428);
    const badDate = await api.put(entryUrl(round.id, 'BUF', m2!), { status: 'delayed', reason: 'x', newDeadline: 'snart' }, 1);
    expect(badDate.status).toBe(422);
    expect(badDate.body.errors[0].field).toBe('body.newDeadline');
    const fixed = await api.put(entryUrl(round.id, 'BUF', m2!), { status: 'delayed', reason: 'Leverandøren er forsinket', newDeadline: '2. kvartal 2026' }, 1);
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({
      status: 'delayed',
      version: 2,
      newDeadline: { text: '2026-Q2', display: 'Q2-2026', precision: 'quarter', due: '2026-06-30' },
    });
    const stale = await api.put(entryUrl(round.id, 'BUF', m2!), { status: 'onTrack' }, 1);
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(2);
    await api.put(entryUrl(round.id, 'BUF', m3!), { status: 'completed' });
    const noSelfCheck = await api.post(`${submissionUrl}/submit`, undefined, { 'if-match': '"1"' });
    expect(fields(noSelfCheck.body)).toEqual([{ field: 'measures.3.selfCheckResult', code: 'status.selfCheckMissing' }]);
    await api.put(entryUrl(round.id, 'BUF', m3!), { status: 'completed', selfCheckResult: 'Stikprøve af 20 sager viste ingen fejl' }, 1);

    expect((await api.post(`${submissionUrl}/submit`, undefined, { 'if-match': '"7"' })).status).toBe(409);
    const submitted = await api.post(`${submissionUrl}/submit`, undefined, { 'if-match': '"1"' });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.state).toBe('submitted');
    expect(submitted.body.submittedAt).toEqual(expect.any(String));

    // The delayed measure's new date became its deadline, with its history
    const revisions = async () =>
      (
        (await ctx.engine.db.execute(
          `select source, deadline, deadline_due::text as due, reason, status_entry_id from deadline_revisions where measure_id = '${m2}' order by created_at, source <> 'original'`,
        )) as unknown as { rows: Record<string, unknown>[] }
      ).rows;
    expect(await revisions()).toEqual([
      { source: 'original', deadline: '2025-Q4', due: '2025-12-31', reason: null, status_entry_id: null },
      { source: 'statusEntry', deadline: '2026-Q2', due: '2026-06-30', reason: 'Leverandøren er forsinket', status_entry_id: fixed.body.id },
    ]);
    const afterSubmit = await api.get(`/api/v1/rounds/${round.id}/departments/${m.departments.BUF}`);
    expect(afterSubmit.body.measures[1].deadline.text).toBe('2026-Q2');
    const finding1 = await api.get(`/api/v1/findings/${finding}`);
    expect(finding1.body.departments[0].state).toBe('inProgress');

    // Submitted: locked until returned
    before = await snapshot();
    const locked = await api.put(entryUrl(round.id, 'BUF', m1!), { status: 'onTrack', note: 'Ændret' }, 1);
    expect(locked.status).toBe(409);
    expect(locked.body.errors[0].code).toBe('submission.locked');
    expect((await api.post(`${submissionUrl}/accept`, undefined, { 'if-match': '"1"' })).status).toBe(409);
    expect((await api.post(`${submissionUrl}/return`, {}, { 'if-match': '"2"' })).status).toBe(400);
    expect(await snapshot()).toEqual(before);

    const returned = await api.post(`${submissionUrl}/return`, { reason: 'Uddyb tiltag 1' }, { 'if-match': '"2"' });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ state: 'returned', returnReason: 'Uddyb tiltag 1', version: 3 });
    expect((await api.put(entryUrl(round.id, 'BUF', m1!), { status: 'onTrack', note: 'Uddybet' }, 1)).status).toBe(200);
    const resubmitted = await api.post(`${submissionUrl}/submit`, undefined, { 'if-match': '"3"' });
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body.returnReason).toBeNull();
    expect(await revisions()).toHaveLength(2);

    const accepted = await api.post(`${submissionUrl}/accept`, undefined, { 'if-match': '"4"' });
    expect(accepted.body).toMatchObject({ state: 'accepted', version: 5 });
    expect((await api.get(submissionUrl)).headers.etag).toBe('"5"');
    before = await snapshot();
    const readOnly = await api.put(entryUrl(round.id, 'BUF', m1!), { status: 'delayed' }, 2);
    expect(readOnly.status).toBe(409);
    expect(readOnly.body.errors[0].code).toBe('submission.locked');
    expect((await api.post(`${submissionUrl}/return`, { reason: 'Igen' }, { 'if-match': '"5"' })).status).toBe(409);
    expect((await api.post(`${submissionUrl}/submit`, undefined, { 'if-match': '"5"' })).status).toBe(409);
    expect(await snapshot()).toEqual(before);

    // The next round leaves out the measure completed in this one
    const next = await createRound('Status februar 2026', '2026-02-01');
    const nextView = await api.get(`/api/v1/rounds/${next.id}/departments/${m.departments.BUF}`);
    expect(nextView.body.measures.map((x: { measureId: string }) => x.measureId)).toEqual([m1, m2]);
    expect(nextView.body.measures[1].deadline.text).toBe('2026-Q2');
    const finished = await api.put(entryUrl(next.id, 'BUF', m3!), { status: 'onTrack' });
    expect(finished.status).toBe(422);
    await api.post(`/api/v1/rounds/${next.id}/close`, undefined, { 'if-match': '"1"' });
  });

  it("refuses a measure outside the department's round and leaves the database unchanged", async () => {
    const reportId = await seedReport();
    const shared = await seedFinding(reportId, 1, ['BUF', 'ØKF']);
    const [bufMeasure] = await seedPlan(shared, 'BUF', 'approved', [['2026-Q1', '2026-03-31']]);
    const [okfMeasure] = await seedPlan(shared, 'ØKF', 'approved', [['2026-Q1', '2026-03-31']]);
    const [draftMeasure] = await seedPlan(await seedFinding(reportId, 2, ['BUF']), 'BUF', 'draft', [['2026-Q1', '2026-03-31']]);
    const round = await createRound('Status marts 2026', '2026-03-01');
    const before = await snapshot();
    for (const measureId of [okfMeasure!, draftMeasure!, '00000000-0000-4000-8000-000000000000']) {
      const res = await api.put(entryUrl(round.id, 'BUF', measureId), { status: 'onTrack' });
      expect(res.status).toBe(422);
      expect(fields(res.body)).toEqual([{ field: 'params.measureId', code: 'statusEntry.measureOutsideRound' }]);
    }
    expect(
      (await api.put(`/api/v1/rounds/${round.id}/departments/00000000-0000-4000-8000-000000000000/measures/${bufMeasure}`, { status: 'onTrack' })).status,
    ).toBe(404);
    expect(await snapshot()).toEqual(before);
    expect((await api.put(entryUrl(round.id, 'BUF', bufMeasure!), { status: 'onTrack' })).status).toBe(200);
    await api.post(`/api/v1/rounds/${round.id}/close`, undefined, { 'if-match': '"1"' });
  });

  it('refuses status entries in a plan round and every write in a closed round', async () => {
    const reportId = await seedReport();
    const [measure] = await seedPlan(await seedFinding(reportId, 1, ['SOF']), 'SOF', 'approved', [['2026-Q3', '2026-09-30']]);
    const planRound = await createRound('Handleplan april 2026', '2026-04-01', 'plan');
    let before = await snapshot();
    const refused = await api.put(entryUrl(planRound.id, 'SOF', measure!), { status: 'onTrack' });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].code).toBe('round.noStatusEntries');
    expect(await snapshot()).toEqual(before);

    const round = await createRound('Status maj 2026', '2026-05-01');
    await api.put(entryUrl(round.id, 'SOF', measure!), { status: 'onTrack' });
    const submission = (await api.get(`/api/v1/rounds/${round.id}`)).body.departments.find((d: { code: string }) => d.code === 'SOF');
    expect(submission).toMatchObject({ code: 'SOF', state: 'draft', answered: 1, total: 1 });
    const closed = await api.post(`/api/v1/rounds/${round.id}/close`, undefined, { 'if-match': '"1"' });
    expect(closed.body).toMatchObject({ state: 'closed', version: 2 });
    before = await snapshot();
    const writes = [
      api.put(entryUrl(round.id, 'SOF', measure!), { status: 'delayed' }, 1),
      api.patch(`/api/v1/rounds/${round.id}`, { name: 'Ny' }, 2),
      api.post(`/api/v1/rounds/${round.id}/close`, undefined, { 'if-match': '"2"' }),
      api.post(`/api/v1/submissions/${submission.submissionId}/submit`, undefined, { 'if-match': '"1"' }),
    ];
    for (const res of await Promise.all(writes)) {
      expect(res.status).toBe(409);
      expect(res.body.errors[0].code).toBe('round.closed');
    }
    expect(await snapshot()).toEqual(before);
    await api.post(`/api/v1/rounds/${planRound.id}/close`, undefined, { 'if-match': '"1"' });
  });

  it('validates round dates and names, and updates a round with If-Match', async () => {
    const before = await snapshot();
    const bad = await api.post('/api/v1/rounds', { name: 'Forkert', opensOn: '2026-08-01', dueOn: '2026-07-01' });
    expect(bad.status).toBe(422);
    expect(fields(bad.body)).toEqual([{ field: 'body.dueOn', code: 'round.dueBeforeOpens' }]);
    expect((await api.post('/api/v1/rounds', { name: 'Status august 2025', opensOn: '2026-08-01', dueOn: '2026-09-01' })).status).toBe(409);
    expect((await api.post('/api/v1/rounds', { name: 'X', opensOn: 'august', dueOn: '2026-09-01' })).status).toBe(400);
    expect(await snapshot()).toEqual(before);

    const round = await createRound('Status august 2026', '2026-08-01');
    expect((await api.patch(`/api/v1/rounds/${round.id}`, { dueOn: '2026-07-01' }, 1)).body.errors[0].field).toBe('body.dueOn');
    expect((await api.patch(`/api/v1/rounds/${round.id}`, { dueOn: '2026-09-15' })).status).toBe(428);
    const ok = await api.patch(`/api/v1/rounds/${round.id}`, { dueOn: '2026-09-15' }, 1);
    expect(ok.body).toMatchObject({ dueOn: '2026-09-15', version: 2, kind: 'status', state: 'open' });
    const list = await api.get('/api/v1/rounds');
    expect(list.body.items.map((r: { name: string }) => r.name)).toContain('Status august 2026');
  });

  it("answers another municipality's ids with 404", async () => {
    const reportId = await seedReport();
    const [measure] = await seedPlan(await seedFinding(reportId, 1, ['ØKF']), 'ØKF', 'approved', [['2026-Q4', '2026-12-31']]);
    const round = await createRound('Status oktober 2026', '2026-10-01');
    await api.put(entryUrl(round.id, 'ØKF', measure!), { status: 'onTrack' });
    const departments: { code: string; submissionId: string }[] = (await api.get(`/api/v1/rounds/${round.id}`)).body.departments;
    const submissionId = departments.find((d) => d.code === 'ØKF')!.submissionId;

    const other = await seedMunicipality(ctx.engine, { slug: 'followup-other', departments: ['ØKF'] });
    const stranger = client(ctx.app, other.userId);
    const before = await snapshot();
    expect((await stranger.get('/api/v1/rounds')).body.items).toEqual([]);
    expect((await stranger.get(`/api/v1/rounds/${round.id}`)).status).toBe(404);
    expect((await stranger.get(`/api/v1/rounds/${round.id}/departments/${m.departments['ØKF']}`)).status).toBe(404);
    expect((await stranger.get(`/api/v1/submissions/${submissionId}`)).status).toBe(404);
    expect((await stranger.put(`/api/v1/rounds/${round.id}/departments/${m.departments['ØKF']}/measures/${measure}`, { status: 'onTrack' })).status).toBe(404);
    expect((await stranger.post(`/api/v1/submissions/${submissionId}/submit`, undefined, { 'if-match': '"1"' })).status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });
  it('takes a postponed status with what it waits for and no new date, submits it, and asks for it again next round', async () => {
    time.now = '2026-05-10T10:00:00Z';
    const reportId = await seedReport();
    const dep = await seedDepartment('UDS');
    const finding = await seedFinding(reportId, 1, [dep]);
    const [waiting, done] = await seedPlan(finding, dep, 'approved', [
      ['2026-Q2', '2026-06-30'],
      ['2026-Q2', '2026-06-30'],
    ]);
    const round = await createRound('Status maj 2026 (udskudt)', '2026-05-01');

    // A new date given with a postponed status is not kept: the date is not known yet
    const saved = await api.put(entryUrl(round.id, dep, waiting!), { status: 'postponed', newDeadline: 'Q4-2026' });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ status: 'postponed', reason: null, newDeadline: null });
    await api.put(entryUrl(round.id, dep, done!), { status: 'completed', selfCheckResult: 'Stikprøve uden fejl' });
    const view = await api.get(`/api/v1/rounds/${round.id}/departments/${m.departments[dep]}`);
    const submissionUrl = `/api/v1/submissions/${view.body.submission.id}`;

    const before = await snapshot();
    const blocked = await api.post(`${submissionUrl}/submit`, undefined, { 'if-match': '"1"' });
    expect(blocked.status).toBe(422);
    expect(fields(blocked.body)).toEqual([{ field: 'measures.1.reason', code: 'status.postponeReasonMissing' }]);
    expect(blocked.body.errors[0].message).toBe('Bemærkning 1 (' + (year.n - 1) + '): Tiltag 1 er udskudt, men det er ikke angivet, hvad den venter på.');
    expect(await snapshot()).toEqual(before);

    const reason = 'Bekendtgørelsen om den nye ordning er ikke udstedt endnu.';
    const fixed = await api.put(entryUrl(round.id, dep, waiting!), { status: 'postponed', reason }, 1);
    expect(fixed.body).toMatchObject({ status: 'postponed', reason, newDeadline: null });
    const submitted = await api.post(`${submissionUrl}/submit`, undefined, { 'if-match': '"1"' });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    // No new date: the deadline stays, with no revision
    expect(
      (
        (await ctx.engine.db.execute(`select count(*)::int as n from deadline_revisions where measure_id = '${waiting}'`)) as unknown as {
          rows: { n: number }[];
        }
      ).rows[0]!.n,
    ).toBe(0);
    await api.post(`${submissionUrl}/accept`, undefined, { 'if-match': '"2"' });

    // Postponed does not finish a measure: the next round asks about it again, the completed one not
    const next = await createRound('Status juni 2026 (udskudt)', '2026-06-01');
    const nextView = await api.get(`/api/v1/rounds/${next.id}/departments/${m.departments[dep]}`);
    expect(nextView.body.measures.map((x: { measureId: string }) => x.measureId)).toEqual([waiting]);
    // Neither overdue nor on track, even after its deadline
    time.now = '2026-08-01T10:00:00Z';
    const again = await api.put(entryUrl(next.id, dep, waiting!), { status: 'postponed', reason });
    expect(again.status).toBe(200);
    const later = await api.get(`/api/v1/rounds/${next.id}/departments/${m.departments[dep]}`);
    expect(later.body.measures[0]).toMatchObject({ overdue: false, allowedStatuses: ['delayed', 'completed', 'cancelled', 'postponed'] });
    await api.post(`/api/v1/rounds/${next.id}/close`, undefined, { 'if-match': '"1"' });
    await api.post(`/api/v1/rounds/${round.id}/close`, undefined, { 'if-match': '"1"' });
  });

  it('takes "uppskjuten" in a Swedish municipality, with the Swedish words in the refusal', async () => {
    time.now = '2026-05-10T10:00:00Z';
    const se = await seedMunicipality(ctx.engine, { slug: 'followup-se', language: 'sv', departments: ['SK'] });
    const seApi = client(ctx.app, se.userId);
    const [r] = await ctx.engine.db
      .insert(auditReports)
      .values({ municipalityId: se.id, title: 'Granskning 2025', auditor: 'Revisorerna', year: 2025, kind: 'annualAccounts' })
      .returning();
    const [f] = await ctx.engine.db.insert(findings).values({ municipalityId: se.id, reportId: r!.id, number: 4, title: 'Intern kontroll' }).returning();
    await ctx.engine.db.insert(findingDepartments).values({ municipalityId: se.id, findingId: f!.id, departmentId: se.departments.SK!, state: 'planApproved' });
    const [p] = await ctx.engine.db
      .insert(actionPlans)
      .values({ municipalityId: se.id, subjectKind: 'finding', findingId: f!.id, departmentId: se.departments.SK!, state: 'approved' })
      .returning();
    const [measure] = await ctx.engine.db
      .insert(measures)
      .values({ municipalityId: se.id, planId: p!.id, position: 1, number: '1', title: 'Ny rutin', deadline: '2026-Q4', deadlineDue: '2026-12-31' })
      .returning();
    const round = (await seApi.post('/api/v1/rounds', { name: 'Uppföljning maj 2026', opensOn: '2026-05-01', dueOn: '2026-05-31' })).body as { id: string };
    const url = `/api/v1/rounds/${round.id}/departments/${se.departments.SK}/measures/${measure!.id}`;

    expect((await seApi.put(url, { status: 'postponed' })).status).toBe(200);
    const view = await seApi.get(`/api/v1/rounds/${round.id}/departments/${se.departments.SK}`);
    const blocked = await seApi.post(`/api/v1/submissions/${view.body.submission.id}/submit`, undefined, { 'if-match': '"1"' });
    expect(blocked.status).toBe(422);
    expect(blocked.body.errors.map((e: { message: string }) => e.message)).toEqual([
      'Iakttagelse 4 (2025): Åtgärd 1 är uppskjuten men det är inte angivet vad den väntar på.',
    ]);
    await seApi.put(url, { status: 'postponed', reason: 'Föreskrifterna från myndigheten har inte kommit ännu.' }, 1);
    const submitted = await seApi.post(`/api/v1/submissions/${view.body.submission.id}/submit`, undefined, { 'if-match': '"1"' });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.state).toBe('submitted');
  });

  it('refuses "on track" once the deadline has passed (the municipality\'s date), on save and on submit, and leaves the database unchanged', async () => {
    const reportId = await seedReport();
    const findingYear = year.n - 1;
    const dep = await seedDepartment('FRI');
    const finding = await seedFinding(reportId, 2, [dep]);
    const [late, fine] = await seedPlan(finding, dep, 'approved', [
      ['2026-Q1', '2026-03-31'],
      ['2026-Q4', '2026-12-31'],
    ]);
    const round = await createRound('Status marts 2026 (frist)', '2026-03-01');
    const view = () => api.get(`/api/v1/rounds/${round.id}/departments/${m.departments[dep]}`);

    // 23:30 in Copenhagen on the last day: still on track
    time.now = '2026-03-31T21:30:00Z';
    expect((await view()).body.measures[0]).toMatchObject({ overdue: false, allowedStatuses: ['onTrack', 'delayed', 'completed', 'cancelled', 'postponed'] });
    const onTime = await api.put(entryUrl(round.id, dep, late!), { status: 'onTrack' });
    expect(onTime.status, JSON.stringify(onTime.body)).toBe(200);
    await api.put(entryUrl(round.id, dep, fine!), { status: 'onTrack' });

    // 00:30 in Copenhagen on 1 April (still 31 March in UTC): the deadline has passed
    time.now = '2026-03-31T22:30:00Z';
    const after = (await view()).body;
    expect(after.measures[0]).toMatchObject({ overdue: true, allowedStatuses: ['delayed', 'completed', 'cancelled', 'postponed'] });
    expect(after.measures[1]).toMatchObject({ overdue: false, allowedStatuses: ['onTrack', 'delayed', 'completed', 'cancelled', 'postponed'] });
    const before = await snapshot();
    const refused = await api.put(entryUrl(round.id, dep, late!), { status: 'onTrack', note: 'Stadig efter planen' }, 1);
    expect(refused.status).toBe(422);
    expect(fields(refused.body)).toEqual([{ field: 'body.status', code: 'status.onTrackAfterDeadline' }]);
    expect(refused.body.errors[0].message).toBe(
      'Fristen for tiltag 1 (Q1-2026) er overskredet, så det kan ikke meldes efter planen. Meld det forsinket med årsag og ny dato, afsluttet eller udskudt.',
    );
    expect(await snapshot()).toEqual(before);

    // The entry saved in time is caught on submit
    const submissionUrl = `/api/v1/submissions/${after.submission.id}`;
    const blocked = await api.post(`${submissionUrl}/submit`, undefined, { 'if-match': '"1"' });
    expect(blocked.status).toBe(422);
    expect(fields(blocked.body)).toEqual([{ field: 'measures.1.status', code: 'status.onTrackAfterDeadline' }]);
    expect(blocked.body.errors[0].message).toMatch(new RegExp(`^Bemærkning 2 \\(${findingYear}\\): Fristen for tiltag 1 \\(Q1-2026\\) er overskredet`));
    expect(blocked.body.errors[0].params).toEqual({ measureId: late, measureNumber: '1', findingNumber: 2, findingYear });
    expect(await snapshot()).toEqual(before);

    // Delayed with a reason and a new date: accepted, and the new date is no longer overdue
    const delayed = await api.put(entryUrl(round.id, dep, late!), { status: 'delayed', reason: 'Systemet blev leveret sent.', newDeadline: 'Q3-2026' }, 1);
    expect(delayed.status).toBe(200);
    expect((await view()).body.measures[0].overdue).toBe(false);
    const submitted = await api.post(`${submissionUrl}/submit`, undefined, { 'if-match': '"1"' });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    await api.post(`/api/v1/rounds/${round.id}/close`, undefined, { 'if-match': '"1"' });
    time.now = '2025-08-15T10:00:00Z';
  });

  it('honours a status error accepted on the plan with a reason when the round is submitted', async () => {
    time.now = '2026-05-10T10:00:00Z';
    const reportId = await seedReport();
    const dep = await seedDepartment('ACC');
    const finding = await seedFinding(reportId, 3, [dep]);
    const [undated, other] = await seedPlan(finding, dep, 'approved', [
      ['2026-Q2', '2026-06-30'],
      ['2026-Q2', '2026-06-30'],
    ]);
    const round = await createRound('Status maj 2026 (accept)', '2026-05-02');
    // Delayed without a new date: the new law's date is not known
    await api.put(entryUrl(round.id, dep, undated!), { status: 'delayed', reason: 'Afventer ny lov.' });
    await api.put(entryUrl(round.id, dep, other!), { status: 'delayed', reason: 'Afventer ny lov.' });
    const view = await api.get(`/api/v1/rounds/${round.id}/departments/${m.departments[dep]}`);
    const submissionUrl = `/api/v1/submissions/${view.body.submission.id}`;
    const blockedBoth = await api.post(`${submissionUrl}/submit`, undefined, { 'if-match': '"1"' });
    expect(fields(blockedBoth.body)).toEqual([
      { field: 'measures.1.newDeadline', code: 'status.newDeadlineMissing' },
      { field: 'measures.2.newDeadline', code: 'status.newDeadlineMissing' },
    ]);

    // The coordinator accepted the missing date of measure 1 with a reason (as the plan editor stores it)
    await ctx.engine.db.insert(guidanceAcceptances).values({
      municipalityId: m.id,
      planId: await planOf(undated!),
      code: 'status.newDeadlineMissing',
      measureId: undated!,
      field: 'newDeadline',
      reason: 'Datoen afhænger af Folketinget.',
      acceptedBy: m.userId,
    });
    const before = await snapshot();
    const blockedOne = await api.post(`${submissionUrl}/submit`, undefined, { 'if-match': '"1"' });
    expect(blockedOne.status).toBe(422);
    expect(fields(blockedOne.body)).toEqual([{ field: 'measures.2.newDeadline', code: 'status.newDeadlineMissing' }]);
    expect(await snapshot()).toEqual(before);

    await api.put(entryUrl(round.id, dep, other!), { status: 'delayed', reason: 'Afventer ny lov.', newDeadline: '2027' }, 1);
    const submitted = await api.post(`${submissionUrl}/submit`, undefined, { 'if-match': '"1"' });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    await api.post(`/api/v1/rounds/${round.id}/close`, undefined, { 'if-match': '"1"' });
    time.now = '2025-08-15T10:00:00Z';
  });

  it('offers each role exactly the submission commands the server accepts', async () => {
    time.now = '2026-05-10T10:00:00Z';
    const code = await seedDepartment('ROL');
    const dep = m.departments[code]!;
    const coordinatorId = await seedUser(ctx.engine, m.id, {
      email: 'koordinator-sof@followup.example',
      roles: [{ role: 'departmentCoordinator', departmentId: dep }],
    });
    const ownerId = await seedUser(ctx.engine, m.id, { email: 'ejer-sof@followup.example', roles: [{ role: 'measureOwner', departmentId: dep }] });
    const auditorId = await seedUser(ctx.engine, m.id, { email: 'revisor@followup.example', roles: [{ role: 'auditor' }] });
    const reportId = await seedReport();
    const [owned] = await seedPlan(await seedFinding(reportId, 1, [code]), code, 'approved', [['2026-Q4', '2026-12-31']], ownerId);
    const [notOwned] = await seedPlan(await seedFinding(reportId, 2, [code]), code, 'approved', [['2026-Q4', '2026-12-31']]);
    const round = await createRound('Status maj 2026 (roller)', '2026-05-03');
    const users = { central: api, coordinator: client(ctx.app, coordinatorId), owner: client(ctx.app, ownerId), auditor: client(ctx.app, auditorId) };
    type Who = keyof typeof users;
    const viewAs = async (who: Who) => (await users[who].get(`/api/v1/rounds/${round.id}/departments/${dep}`)).body;

    // Measures: the owner answers only its own, the coordinator both, the auditor none
    const answers = async (who: Who) =>
      (await viewAs(who)).measures.map((x: { measureId: string; mine: boolean; actions: { answer: boolean } }) => [
        x.measureId === owned,
        x.mine,
        x.actions.answer,
      ]);
    expect(await answers('owner')).toEqual([
      [true, true, true],
      [false, false, false],
    ]);
    expect(await answers('coordinator')).toEqual([
      [true, false, true],
      [false, false, true],
    ]);
    expect(await answers('auditor')).toEqual([
      [true, false, false],
      [false, false, false],
    ]);
    expect((await users.auditor.put(entryUrl(round.id, code, owned!), { status: 'onTrack' })).status).toBe(403);
    expect((await users.owner.put(entryUrl(round.id, code, notOwned!), { status: 'onTrack' })).status).toBe(403);
    expect((await users.owner.put(entryUrl(round.id, code, owned!), { status: 'onTrack' })).status).toBe(200);
    expect((await users.coordinator.put(entryUrl(round.id, code, notOwned!), { status: 'onTrack' })).status).toBe(200);

    const submissionId: string = (await viewAs('central')).submission.id;
    const commands = { submit: undefined, return: { reason: 'Uddyb' }, accept: undefined } as const;
    /** Every command offered is accepted, every one withheld is refused (and changes nothing). */
    async function walk(expected: Record<Who, Record<keyof typeof commands, boolean>>) {
      for (const who of Object.keys(users) as Who[]) {
        const view = await viewAs(who);
        const actions = view.submission.actions;
        expect(actions, who).toEqual(expected[who]);
        const fromApi = (await users[who].get(`/api/v1/submissions/${submissionId}`)).body.actions;
        expect(fromApi, who).toEqual(expected[who]);
        for (const command of Object.keys(commands) as (keyof typeof commands)[]) {
          if (actions[command]) continue;
          const before = await snapshot();
          const res = await users[who].post(`/api/v1/submissions/${submissionId}/${command}`, commands[command], {
            'if-match': `"${view.submission.version}"`,
          });
          expect([403, 409], `${who} ${command}`).toContain(res.status);
          expect(await snapshot()).toEqual(before);
        }
      }
    }
    const none = { submit: false, return: false, accept: false };
    await walk({ central: { ...none, submit: true }, coordinator: { ...none, submit: true }, owner: none, auditor: none });
    const submitted = await users.coordinator.post(`/api/v1/submissions/${submissionId}/submit`, undefined, { 'if-match': '"1"' });
    expect(submitted.body.actions).toEqual(none);
    await walk({ central: { submit: false, return: true, accept: true }, coordinator: none, owner: none, auditor: none });
    // Answers are locked while submitted
    expect((await viewAs('owner')).measures[0].actions.answer).toBe(false);
    const returned = await api.post(`/api/v1/submissions/${submissionId}/return`, { reason: 'Uddyb tiltag 1' }, { 'if-match': '"2"' });
    expect(returned.body).toMatchObject({ state: 'returned', returnReason: 'Uddyb tiltag 1', actions: { submit: true, return: false, accept: false } });
    // The department sees the comment
    expect((await viewAs('owner')).submission).toMatchObject({ state: 'returned', returnReason: 'Uddyb tiltag 1' });
    await walk({ central: { ...none, submit: true }, coordinator: { ...none, submit: true }, owner: none, auditor: none });
    await users.coordinator.post(`/api/v1/submissions/${submissionId}/submit`, undefined, { 'if-match': '"3"' });
    const accepted = await api.post(`/api/v1/submissions/${submissionId}/accept`, undefined, { 'if-match': '"4"' });
    expect(accepted.body).toMatchObject({ state: 'accepted', actions: none });
    await walk({ central: none, coordinator: none, owner: none, auditor: none });
    await api.post(`/api/v1/rounds/${round.id}/close`, undefined, { 'if-match': '"1"' });
    time.now = '2025-08-15T10:00:00Z';
  });
});
