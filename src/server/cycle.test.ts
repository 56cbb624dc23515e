import type { Clock } from './clock.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeaders, client, createTestContext, seedMunicipality, type SeededMunicipality, type TestContext } from '../test/app.js';
import { multipart } from '../test/kit.js';

/**
 * One whole year of the loop over HTTP, as users drive it: report → finding → plans for two
 * departments → measures → approval at a meeting → two follow-up rounds (a delay, a completion
 * with evidence, a submission returned and resubmitted) → one department's part closed by the
 * auditor while the other's is carried into next year. Then history, slippage and the overview.
 */
let ctx: TestContext;
let m: SeededMunicipality;
let api: ReturnType<typeof client>;

/** The story's dates: each round is answered in its own month ("on track" is refused once a deadline has passed). */
const time = { now: '2025-08-15T10:00:00Z' };
const clock: Clock = { now: () => new Date(time.now) };

beforeAll(async () => {
  ctx = await createTestContext({ config: { clock } });
  m = await seedMunicipality(ctx.engine, { slug: 'cycle', departments: ['ØKF', 'BUF', 'SOF'] });
  api = client(ctx.app, m.userId);
});
afterAll(() => ctx.close());

function ok<T>(res: { status: number; body: T }, status = 200): T {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

describe('the follow-up loop over HTTP', () => {
  it('runs a finding from report to closure and carry-over', async () => {
    const BUF = m.departments.BUF!;
    const SOF = m.departments.SOF!;
    const report = ok(
      await api.post('/api/v1/reports', {
        title: 'Revisionsberetning 2024',
        auditor: 'Ekstern revision',
        year: 2024,
        kind: 'annualAccounts',
        caseNumber: '2025-0001',
      }),
      201,
    );
    const nextReport = ok(
      await api.post('/api/v1/reports', { title: 'Revisionsberetning 2025', auditor: 'Ekstern revision', year: 2025, kind: 'annualAccounts' }),
      201,
    );
    const finding = ok(
      await api.post(`/api/v1/reports/${report.id}/findings`, {
        number: 6,
        title: 'Godkendelse af indkøb',
        observations: 'Varemodtagelse godkendes uden viden om indkøbet.',
        grade: 'yellow',
        departments: [BUF, SOF],
        recommendations: ['Følg reglerne for varemodtagelse', 'Brug stedfortræderrollen efter linjeledelsen'],
      }),
      201,
    );
    const [rec1, rec2] = finding.recommendations;

    const measureInputs = (prefix: string) => [
      { number: '1', title: `${prefix} EAN-struktur`, deadline: 'Q4-2025', followUpPoint: 'Månedlig overvågning', recommendationIds: [rec1.id] },
      { number: '2', title: `${prefix} Roller og rettigheder`, deadline: '31.12.2025', followUpPoint: 'Stikprøve af roller', recommendationIds: [rec2.id] },
    ];
    const bufPlan = ok(
      await api.post(`/api/v1/findings/${finding.id}/plans`, {
        departmentId: BUF,
        problem: 'Indkøb godkendes uden viden.',
        overallDeadline: '2026',
        measures: measureInputs('BUF'),
      }),
      201,
    );
    const sofPlan = ok(
      await api.post(`/api/v1/findings/${finding.id}/plans`, { departmentId: SOF, overallDeadline: '1. halvår 2026', measures: measureInputs('SOF') }),
      201,
    );
    // The test's 2025 deadlines lie before the real clock's today: leave out the past-deadline warnings
    const undated = (b: { code: string }) => b.code !== 'measure.deadlinePassed' && b.code !== 'plan.overallDeadlinePassed';
    expect(ok(await api.get(`/api/v1/plans/${bufPlan.id}/check`)).breaches.filter(undated)).toEqual([]);

    const meeting = ok(
      await api.post('/api/v1/meetings', {
        body: 'Børne- og Ungdomsudvalget',
        heldOn: '2025-08-20',
        agendaItem: 'Punkt 6',
        committeeId: m.committees['U-BUF'],
      }),
      201,
    );
    for (const plan of [bufPlan, sofPlan]) {
      const submitted = await api.post(`/api/v1/plans/${plan.id}/submit`, {}, { 'if-match': `"${plan.version}"` });
      const current = ok(submitted);
      ok(await api.post(`/api/v1/plans/${plan.id}/approvals`, { approvedOn: '2025-08-20', meetingId: meeting.id }, { 'if-match': `"${current.version}"` }));
    }
    const approvedFinding = ok(await api.get(`/api/v1/findings/${finding.id}`));
    expect(approvedFinding.departments.map((d: { state: string }) => d.state)).toEqual(['planApproved', 'planApproved']);

    // Round 1: BUF delays measure 1 and completes measure 2 with evidence; SOF is returned once.
    const round1 = ok(await api.post('/api/v1/rounds', { name: 'Status august 2025', opensOn: '2025-08-01', dueOn: '2025-08-29' }), 201);
    const bufMeasures = bufPlan.measures;
    const sofMeasures = sofPlan.measures;
    ok(
      await api.put(`/api/v1/rounds/${round1.id}/departments/${BUF}/measures/${bufMeasures[0].id}`, {
        status: 'delayed',
        reason: 'Leverandøren er forsinket',
        newDeadline: 'Q2-2026',
      }),
    );
    const done = ok(
      await api.put(`/api/v1/rounds/${round1.id}/departments/${BUF}/measures/${bufMeasures[1].id}`, {
        status: 'completed',
        selfCheckResult: 'Stikprøve af 40 roller: ingen fejl',
      }),
    );
    const upload = multipart(
      { file: { filename: 'stikprove.pdf', type: 'application/pdf', content: Buffer.from('%PDF-1.4\n% stikprøve\n%%EOF\n') } },
      '----tilsyn-cycle-boundary',
    );
    const ev = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/status-entries/${done.id}/evidence`,
      headers: { ...(await authHeaders(ctx.app, m.userId)), 'content-type': upload.contentType },
      payload: upload.payload,
    });
    expect(ev.statusCode, ev.body).toBe(201);

    const bufView = ok(await api.get(`/api/v1/rounds/${round1.id}/departments/${BUF}`));
    expect(bufView.progress).toEqual({ answered: 2, total: 2 });
    ok(await api.post(`/api/v1/submissions/${bufView.submission.id}/submit`, {}, { 'if-match': `"${bufView.submission.version}"` }));

    for (const measure of sofMeasures)
      ok(await api.put(`/api/v1/rounds/${round1.id}/departments/${SOF}/measures/${measure.id}`, { status: 'onTrack', note: 'Planlagt' }));
    let sofView = ok(await api.get(`/api/v1/rounds/${round1.id}/departments/${SOF}`));
    let sub = ok(await api.post(`/api/v1/submissions/${sofView.submission.id}/submit`, {}, { 'if-match': `"${sofView.submission.version}"` }));
    sub = ok(await api.post(`/api/v1/submissions/${sub.id}/return`, { reason: 'Beskriv fremdriften konkret' }, { 'if-match': `"${sub.version}"` }));
    expect(sub.state).toBe('returned');
    sofView = ok(await api.get(`/api/v1/rounds/${round1.id}/departments/${SOF}`));
    const entry = sofView.measures[0].entry;
    ok(
      await api.put(
        `/api/v1/rounds/${round1.id}/departments/${SOF}/measures/${sofMeasures[0].id}`,
        { status: 'onTrack', note: 'EAN-numre tildelt 300 af 700 enheder' },
        entry.version,
      ),
    );
    sub = ok(await api.post(`/api/v1/submissions/${sub.id}/submit`, {}, { 'if-match': `"${sub.version}"` }));
    sub = ok(await api.post(`/api/v1/submissions/${sub.id}/accept`, {}, { 'if-match': `"${sub.version}"` }));
    expect(sub.state).toBe('accepted');
    const locked = await api.put(
      `/api/v1/rounds/${round1.id}/departments/${SOF}/measures/${sofMeasures[0].id}`,
      { status: 'completed', selfCheckResult: 'x' },
      2,
    );
    expect(locked.status).toBe(409);

    // Round 2: BUF completes the delayed measure; SOF's measure 1 waits for new regulations (its Q4-2025 deadline has passed); SOF delays its measure 2.
    time.now = '2026-02-10T10:00:00Z';
    const round2 = ok(await api.post('/api/v1/rounds', { name: 'Status februar 2026', opensOn: '2026-02-01', dueOn: '2026-02-27' }), 201);
    const bufView2 = ok(await api.get(`/api/v1/rounds/${round2.id}/departments/${BUF}`));
    expect(bufView2.progress.total).toBe(1); // the completed measure is no longer in the round
    ok(
      await api.put(`/api/v1/rounds/${round2.id}/departments/${BUF}/measures/${bufMeasures[0].id}`, {
        status: 'completed',
        selfCheckResult: 'Alle enheder har EAN',
      }),
    );
    const bufSub2 = ok(await api.get(`/api/v1/rounds/${round2.id}/departments/${BUF}`)).submission;
    ok(await api.post(`/api/v1/submissions/${bufSub2.id}/submit`, {}, { 'if-match': `"${bufSub2.version}"` }));
    ok(
      await api.put(`/api/v1/rounds/${round2.id}/departments/${SOF}/measures/${sofMeasures[0].id}`, {
        status: 'postponed',
        reason: 'Afventer den nye bekendtgørelse',
        note: 'Fortsætter',
      }),
    );
    ok(
      await api.put(`/api/v1/rounds/${round2.id}/departments/${SOF}/measures/${sofMeasures[1].id}`, {
        status: 'delayed',
        reason: 'Nyt system først i efteråret',
        newDeadline: 'T3 2026',
      }),
    );
    const sofSub2 = ok(await api.get(`/api/v1/rounds/${round2.id}/departments/${SOF}`)).submission;
    ok(await api.post(`/api/v1/submissions/${sofSub2.id}/submit`, {}, { 'if-match': `"${sofSub2.version}"` }));

    // BUF's part is closed by the auditor; SOF's is carried into the 2025 report.
    let parts = ok(await api.get(`/api/v1/findings/${finding.id}`)).departments;
    const bufPart = parts.find((p: { departmentId: string }) => p.departmentId === BUF);
    expect(bufPart.state).toBe('inProgress');
    const proposed = ok(
      await api.put(`/api/v1/findings/${finding.id}/departments/${BUF}/state`, { state: 'closureProposed', note: 'Alle tiltag gennemført' }, bufPart.version),
    );
    ok(await api.put(`/api/v1/findings/${finding.id}/departments/${BUF}/state`, { state: 'closed', note: 'Verificeret af revisionen' }, proposed.version));
    const carried = ok(await api.post(`/api/v1/findings/${finding.id}/carry-over`, { reportId: nextReport.id }), 201);
    expect(carried.previousFindingId).toBe(finding.id);
    expect(carried.departments.map((d: { departmentId: string }) => d.departmentId)).toEqual([SOF]);
    parts = ok(await api.get(`/api/v1/findings/${finding.id}`)).departments;
    expect(Object.fromEntries(parts.map((p: { code: string; state: string }) => [p.code, p.state]))).toEqual({ BUF: 'closed', SOF: 'carriedOver' });

    // The carried plan brings SOF's open measures with their deadline history.
    const carriedDetail = ok(await api.get(`/api/v1/findings/${carried.id}`));
    expect(carriedDetail.earlierYears.map((f: { id: string }) => f.id)).toEqual([finding.id]);
    const newPlan = ok(await api.get(`/api/v1/plans/${carriedDetail.plans[0].id}`));
    expect(newPlan.measures.map((x: { number: string }) => x.number)).toEqual(['1', '2']);
    const carriedMeasure = ok(await api.get(`/api/v1/measures/${newPlan.measures[1].id}`));
    expect(carriedMeasure.deadlineHistory.map((h: { source: string; deadline: { text: string } }) => [h.source, h.deadline.text])).toEqual([
      ['original', '2025-12-31'],
      ['statusEntry', '2026-T3'],
      ['carryOver', '2026-T3'],
    ]);

    // Slippage: BUF measure 1 moved from Q4-2025 (31 Dec 2025) to Q2-2026 (30 Jun 2026) = 181 days.
    const slipped = ok(await api.get(`/api/v1/measures/${bufMeasures[0].id}`));
    expect(slipped.slippageDays).toBe(181);
    expect(slipped.statuses.map((s: { status: string }) => s.status)).toEqual(['delayed', 'completed']);

    // History: the finding's change log covers the finding, its plans, measures and statuses.
    const history = ok(await api.get(`/api/v1/findings/${finding.id}/history?limit=500`));
    const resources = new Set(history.items.map((h: { resource: string }) => h.resource));
    for (const r of ['finding', 'plan', 'measure', 'statusEntry', 'findingDepartment']) expect(resources, r).toContain(r);

    // Overview figures per department.
    const overview = ok(await api.get('/api/v1/overview'));
    const row = (code: string) => overview.departments.find((d: { code: string }) => d.code === code);
    expect(row('BUF').findings.byState.closed).toBe(1);
    expect(row('BUF').measures).toMatchObject({ completed: 2, delayed: 0 });
    expect(row('BUF').averageSlippageDays).toBe(90.5);
  });
});
