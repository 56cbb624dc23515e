import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestContext, seedMunicipality, type SeededMunicipality, type TestContext } from '../../../test/app.js';
import { actionPlans, auditReports, findingDepartments, findings, measures } from '../../db/schema/index.js';

let ctx: TestContext;
let m: SeededMunicipality;
let api: ReturnType<typeof client>;
const year = { n: 2024 };

beforeAll(async () => {
  ctx = await createTestContext();
  m = await seedMunicipality(ctx.engine, { slug: 'followup-test', departments: ['ØKF', 'BUF', 'SOF'] });
  api = client(ctx.app, m.userId);
});
afterAll(() => ctx.close());

/** One report per call, so finding numbers never collide between tests. */
async function seedReport() {
  const [r] = await ctx.engine.db.insert(auditReports).values({ municipalityId: m.id, title: `Beretning ${year.n}`, auditor: 'Revision', year: year.n++, kind: 'annualAccounts' }).returning();
  return r!.id;
}

async function seedFinding(reportId: string, number: number, departmentCodes: string[]) {
  const [f] = await ctx.engine.db.insert(findings).values({ municipalityId: m.id, reportId, number, title: `Bemærkning ${number}` }).returning();
  await ctx.engine.db
    .insert(findingDepartments)
    .values(departmentCodes.map((code) => ({ municipalityId: m.id, findingId: f!.id, departmentId: m.departments[code]!, state: 'planApproved' as const })));
  return f!.id;
}

/** A plan with measures numbered 1..n, each with a quarter deadline. */
async function seedPlan(findingId: string, departmentCode: string, state: 'draft' | 'approved', deadlines: [string, string][]) {
  const [p] = await ctx.engine.db.insert(actionPlans).values({ municipalityId: m.id, subjectKind: 'finding', findingId, departmentId: m.departments[departmentCode]!, state }).returning();
  const rows = await ctx.engine.db
    .insert(measures)
    .values(deadlines.map(([deadline, deadlineDue], i) => ({ municipalityId: m.id, planId: p!.id, position: i + 1, number: String(i + 1), title: `Tiltag ${i + 1}`, deadline, deadlineDue })))
    .returning();
  return rows.sort((a, b) => a.position - b.position).map((r) => r.id);
}

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
    (select count(*)::int from change_log) c`);
  return (res as unknown as { rows: unknown[] }).rows[0];
}

const entryUrl = (roundId: string, dep: string, measureId: string) => `/api/v1/rounds/${roundId}/departments/${m.departments[dep]}/measures/${measureId}`;
const fields = (body: { errors: { field: string; code: string }[] }) => body.errors.map((e) => ({ field: e.field, code: e.code }));

describe('follow-up rounds', () => {
  it('runs a submission from draft through return and resubmission to accepted', async () => {
    const reportId = await seedReport();
    const finding = await seedFinding(reportId, 1, ['BUF']);
    const [m1, m2, m3] = await seedPlan(finding, 'BUF', 'approved', [['2025-Q4', '2025-12-31'], ['2025-Q4', '2025-12-31'], ['2025-H2', '2025-12-31']]);
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
    expect(view.body.measures.map((x: { number: string; findingNumber: number }) => [x.findingNumber, x.number])).toEqual([[1, '1'], [1, '2'], [1, '3']]);
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
    expect(blocked.body.errors[2].message).toBe('Bemærkning 1: Tiltag 3 mangler status.');
    expect(await snapshot()).toEqual(before);

    // Updating an existing entry needs its version
    expect((await api.put(entryUrl(round.id, 'BUF', m2!), { status: 'delayed', reason: 'x' })).status).toBe(428);
    const badDate = await api.put(entryUrl(round.id, 'BUF', m2!), { status: 'delayed', reason: 'x', newDeadline: 'snart' }, 1);
    expect(badDate.status).toBe(422);
    expect(badDate.body.errors[0].field).toBe('body.newDeadline');
    const fixed = await api.put(entryUrl(round.id, 'BUF', m2!), { status: 'delayed', reason: 'Leverandøren er forsinket', newDeadline: '2. kvartal 2026' }, 1);
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({ status: 'delayed', version: 2, newDeadline: { text: '2026-Q2', display: 'Q2-2026', precision: 'quarter', due: '2026-06-30' } });
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
      (await ctx.engine.db.execute(`select source, deadline, deadline_due::text as due, reason, status_entry_id from deadline_revisions where measure_id = '${m2}' order by created_at, source <> 'original'`) as unknown as { rows: Record<string, unknown>[] }).rows;
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
    expect((await api.put(`/api/v1/rounds/${round.id}/departments/00000000-0000-4000-8000-000000000000/measures/${bufMeasure}`, { status: 'onTrack' })).status).toBe(404);
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
});
