import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestContext, seedMunicipality, seedUser, type SeededMunicipality, type TestContext } from '../../../test/app.js';
import { actionPlans, auditReports, departments, findingDepartments, findings, measures } from '../../db/schema/index.js';

let ctx: TestContext;
let m: SeededMunicipality;
let api: ReturnType<typeof client>;
const ids: Record<string, string> = {};

type State = 'assigned' | 'planDrafted' | 'planApproved' | 'inProgress' | 'closed';

/**
 * The data set: SOF moved under BUF's committee, so U-BUF aggregates two departments.
 *   2025 F1 red    BUF inProgress, SOF planApproved   BUF plan (approved): a 2020-Q1, b 2099-Q4, c 2020-Q2; SOF plan (draft): d
 *   2025 F2 yellow BUF closed
 *   2025 F3 –      ØKF assigned, BUF planDrafted       ØKF plan (approved): e 2099-Q1
 *   2024 F4 green  ØKF inProgress                      ØKF plan (approved): g 2020-Q1
 * Round 1: BUF submits a delayed to 31.12.2020 (+275 days), b on track, c completed; ØKF leaves e on track in a draft.
 * Round 2: BUF submits a delayed to Q1-2021 (+90), b delayed to H1-2100 (+181).
 */
beforeAll(async () => {
  ctx = await createTestContext();
  m = await seedMunicipality(ctx.engine, { slug: 'overview-test', departments: ['ØKF', 'BUF', 'SOF'] });
  api = client(ctx.app, m.userId);
  const db = ctx.engine.db;
  const mid = m.id;
  await db.update(departments).set({ committeeId: m.committees['U-BUF'] }).where(eq(departments.id, m.departments.SOF!));

  const report = async (year: number) =>
    (
      await db
        .insert(auditReports)
        .values({ municipalityId: mid, title: `Beretning ${year}`, auditor: 'Revision', year, kind: 'annualAccounts' })
        .returning()
    )[0]!.id;
  const [r2025, r2024] = [await report(2025), await report(2024)];
  const finding = async (reportId: string, number: number, grade: 'red' | 'yellow' | 'green' | null, parts: [string, State][]) => {
    const [f] = await db
      .insert(findings)
      .values({ municipalityId: mid, reportId, number, title: `Bemærkning ${number}`, grade })
      .returning();
    await db
      .insert(findingDepartments)
      .values(parts.map(([code, state]) => ({ municipalityId: mid, findingId: f!.id, departmentId: m.departments[code]!, state })));
    return f!.id;
  };
  const plan = async (findingId: string, code: string, state: 'draft' | 'approved', list: [string, string, string][]) => {
    const [p] = await db
      .insert(actionPlans)
      .values({ municipalityId: mid, subjectKind: 'finding', findingId, departmentId: m.departments[code]!, state })
      .returning();
    const rows = await db
      .insert(measures)
      .values(
        list.map(([, deadline, deadlineDue], i) => ({
          municipalityId: mid,
          planId: p!.id,
          position: i + 1,
          number: String(i + 1),
          title: `Tiltag ${i + 1}`,
          deadline,
          deadlineDue,
        })),
      )
      .returning();
    for (const [i, [key]] of list.entries()) ids[key] = rows.find((r) => r.position === i + 1)!.id;
  };
  const f1 = await finding(r2025, 1, 'red', [
    ['BUF', 'inProgress'],
    ['SOF', 'planApproved'],
  ]);
  await finding(r2025, 2, 'yellow', [['BUF', 'closed']]);
  const f3 = await finding(r2025, 3, null, [
    ['ØKF', 'assigned'],
    ['BUF', 'planDrafted'],
  ]);
  const f4 = await finding(r2024, 4, 'green', [['ØKF', 'inProgress']]);
  await plan(f1, 'BUF', 'approved', [
    ['a', '2020-Q1', '2020-03-31'],
    ['b', '2099-Q4', '2099-12-31'],
    ['c', '2020-Q2', '2020-06-30'],
  ]);
  await plan(f1, 'SOF', 'draft', [['d', '2020-Q1', '2020-03-31']]);
  await plan(f3, 'ØKF', 'approved', [['e', '2099-Q1', '2099-03-31']]);
  await plan(f4, 'ØKF', 'approved', [['g', '2020-Q1', '2020-03-31']]);

  const put = async (roundId: string, code: string, key: string, body: object) => {
    const res = await api.put(`/api/v1/rounds/${roundId}/departments/${m.departments[code]}/measures/${ids[key]}`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };
  const submit = async (roundId: string, code: string) => {
    const view = await api.get(`/api/v1/rounds/${roundId}/departments/${m.departments[code]}`);
    const res = await api.post(`/api/v1/submissions/${view.body.submission.id}/submit`, undefined, { 'if-match': `"${view.body.submission.version}"` });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };
  await api.post('/api/v1/rounds', { name: 'Handleplan april 2025', kind: 'plan', opensOn: '2025-04-01', dueOn: '2025-06-01' });
  const round1 = (await api.post('/api/v1/rounds', { name: 'Status august 2025', opensOn: '2025-08-01', dueOn: '2025-09-01' })).body.id;
  await put(round1, 'BUF', 'a', { status: 'delayed', reason: 'Mangler it-system', newDeadline: '31.12.2020' });
  await put(round1, 'BUF', 'b', { status: 'onTrack' });
  await put(round1, 'BUF', 'c', { status: 'completed', selfCheckResult: 'Stikprøve uden fejl' });
  await submit(round1, 'BUF');
  await put(round1, 'ØKF', 'e', { status: 'onTrack' });
  const round2 = (await api.post('/api/v1/rounds', { name: 'Status februar 2026', opensOn: '2026-02-01', dueOn: '2026-03-01' })).body.id;
  await put(round2, 'BUF', 'a', { status: 'delayed', reason: 'Stadig forsinket', newDeadline: 'Q1-2021' });
  await put(round2, 'BUF', 'b', { status: 'delayed', reason: 'Ny lovgivning', newDeadline: '1. halvår 2100' });
  await submit(round2, 'BUF');
  ids.round1 = round1;
  ids.round2 = round2;
  ids.f1 = f1;
});
afterAll(() => ctx.close());

const zeroStates = { received: 0, assigned: 0, planDrafted: 0, planApproved: 0, inProgress: 0, closureProposed: 0, closed: 0, carriedOver: 0 };
const zeroGrades = { red: 0, yellow: 0, green: 0, none: 0 };
const zeroMeasures = { onTrack: 0, delayed: 0, postponed: 0, completed: 0, cancelled: 0, noStatus: 0, overdue: 0 };

function figures(row: { findings: unknown; measures: unknown; averageSlippageDays: number | null }) {
  return { findings: row.findings, measures: row.measures, slip: row.averageSlippageDays };
}
const byCode = (rows: { code: string }[]) => Object.fromEntries(rows.map((r) => [r.code, figures(r as never)]));

const buf = {
  findings: { byState: { ...zeroStates, planDrafted: 1, inProgress: 1, closed: 1 }, byGrade: { ...zeroGrades, red: 1, yellow: 1, none: 1 } },
  measures: { ...zeroMeasures, delayed: 2, completed: 1, overdue: 1 },
  slip: 273,
};
const sof = { findings: { byState: { ...zeroStates, planApproved: 1 }, byGrade: { ...zeroGrades, red: 1 } }, measures: zeroMeasures, slip: null };
const okf = {
  findings: { byState: { ...zeroStates, assigned: 1, inProgress: 1 }, byGrade: { ...zeroGrades, green: 1, none: 1 } },
  measures: { ...zeroMeasures, noStatus: 2, overdue: 1 },
  slip: null,
};
const committeeBuf = {
  findings: { byState: { ...zeroStates, planDrafted: 1, planApproved: 1, inProgress: 1, closed: 1 }, byGrade: { ...zeroGrades, red: 1, yellow: 1, none: 1 } },
  measures: buf.measures,
  slip: 273,
};

describe('overview', () => {
  it('counts findings and measures per department, committee and in total', async () => {
    const res = await api.get('/api/v1/overview');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(byCode(res.body.departments)).toEqual({ BUF: buf, SOF: sof, ØKF: okf });
    expect(byCode(res.body.committees)).toEqual({
      'U-BUF': committeeBuf,
      'U-ØKF': okf,
      'U-SOF': { findings: { byState: zeroStates, byGrade: zeroGrades }, measures: zeroMeasures, slip: null },
    });
    expect(res.body.total).toMatchObject({ id: null, code: null, name: 'I alt' });
    expect(figures(res.body.total)).toEqual({
      findings: {
        byState: { ...zeroStates, assigned: 1, planDrafted: 1, planApproved: 1, inProgress: 2, closed: 1 },
        byGrade: { red: 1, yellow: 1, green: 1, none: 1 },
      },
      measures: { ...zeroMeasures, delayed: 2, completed: 1, noStatus: 2, overdue: 2 },
      slip: 273,
    });
  });

  it('filters by report year and by committee', async () => {
    const year = await api.get('/api/v1/overview?year=2025');
    expect(byCode(year.body.departments).ØKF).toEqual({
      findings: { byState: { ...zeroStates, assigned: 1 }, byGrade: { ...zeroGrades, none: 1 } },
      measures: { ...zeroMeasures, noStatus: 1 },
      slip: null,
    });
    expect(figures(year.body.total).measures).toEqual({ ...zeroMeasures, delayed: 2, completed: 1, noStatus: 1, overdue: 1 });

    const committee = await api.get(`/api/v1/overview?committeeId=${m.committees['U-BUF']}`);
    expect(byCode(committee.body.departments)).toEqual({ BUF: buf, SOF: sof });
    expect(byCode(committee.body.committees)).toEqual({ 'U-BUF': committeeBuf });
    expect(figures(committee.body.total)).toEqual(committeeBuf);
  });

  it('links every count to a findings list that agrees with it (same rule for overdue, postponed and no status)', async () => {
    const numbers = async (query: string) => {
      const res = await api.get(`/api/v1/findings?${query}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return (res.body.items as { number: number }[]).map((f) => f.number).sort();
    };
    const overview = (await api.get('/api/v1/overview')).body;
    const rows = [
      ...overview.departments.map((r: { id: string }) => ({ row: r, filter: `departmentId=${r.id}` })),
      ...overview.committees.map((r: { id: string }) => ({ row: r, filter: `committeeId=${r.id}` })),
      { row: overview.total, filter: '' },
    ];
    for (const { row, filter } of rows) {
      for (const [status, count] of Object.entries(row.measures as Record<string, number>)) {
        const list = await numbers(`${filter}&measureStatus=${status}`);
        expect(list.length > 0, `${row.code} ${status}`).toBe(count > 0);
      }
      for (const [state, count] of Object.entries(row.findings.byState as Record<string, number>)) {
        const list = await numbers(`${filter}&state=${state}`);
        expect(list.length, `${row.code} ${state}`).toBe(count);
      }
    }
    const d = m.departments;
    expect(await numbers(`departmentId=${d.BUF}&measureStatus=overdue`)).toEqual([1]);
    expect(await numbers(`departmentId=${d.ØKF}&measureStatus=overdue`)).toEqual([4]);
    expect(await numbers('measureStatus=overdue')).toEqual([1, 4]);
    expect(await numbers('overdue=true')).toEqual([1, 4]);
    expect(await numbers('overdue=false')).toEqual([2, 3]);
    expect(await numbers(`departmentId=${d.ØKF}&measureStatus=noStatus`)).toEqual([3, 4]);
    // F1's SOF part is planApproved under U-BUF; its plan is a draft, so no measure of it counts
    expect(await numbers(`committeeId=${m.committees['U-BUF']}&state=planApproved`)).toEqual([1]);
    expect(await numbers(`departmentId=${d.SOF}&measureStatus=noStatus`)).toEqual([]);
    expect(await numbers(`committeeId=${m.committees['U-BUF']}&measureStatus=completed&year=2024`)).toEqual([]);
    // the export takes the same filters
    const csv = await api.get(`/api/v1/findings/export?format=csv&measureStatus=overdue&departmentId=${d.ØKF}`);
    expect(csv.status).toBe(200);
    expect(String(csv.body)).toContain('Bemærkning 4');
    expect(String(csv.body)).not.toContain('Bemærkning 1');
  });

  it('shows the deadline slippage each status round caused', async () => {
    const res = await api.get('/api/v1/overview/slippage');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { roundId: ids.round1, name: 'Status august 2025', opensOn: '2025-08-01', delayedCount: 1, averageSlippageDays: 275 },
      { roundId: ids.round2, name: 'Status februar 2026', opensOn: '2026-02-01', delayedCount: 2, averageSlippageDays: 135.5 },
    ]);
  });

  it("leaves a confidential finding's slippage out of what a reader sees", async () => {
    const readerId = await seedUser(ctx.engine, m.id, { email: 'laeser@overview-test.example', roles: [{ role: 'reader' }] });
    const reader = client(ctx.app, readerId);
    await ctx.engine.db.update(findings).set({ confidential: true, confidentialBasis: 'Offentlighedsloven § 30' }).where(eq(findings.id, ids.f1!));
    try {
      expect((await reader.get('/api/v1/overview/slippage')).body.items).toEqual([
        { roundId: ids.round1, name: 'Status august 2025', opensOn: '2025-08-01', delayedCount: 0, averageSlippageDays: null },
        { roundId: ids.round2, name: 'Status februar 2026', opensOn: '2026-02-01', delayedCount: 0, averageSlippageDays: null },
      ]);
      // Staff still see it.
      expect((await api.get('/api/v1/overview/slippage')).body.items.map((i: { delayedCount: number }) => i.delayedCount)).toEqual([1, 2]);
    } finally {
      await ctx.engine.db.update(findings).set({ confidential: false, confidentialBasis: null }).where(eq(findings.id, ids.f1!));
    }
  });

  it("shows another municipality nothing of this one's data", async () => {
    const other = await seedMunicipality(ctx.engine, { slug: 'overview-other', departments: ['KFF'] });
    const stranger = client(ctx.app, other.userId);
    expect((await stranger.get(`/api/v1/overview?committeeId=${m.committees['U-BUF']}`)).status).toBe(404);
    const own = await stranger.get('/api/v1/overview');
    expect(own.body.departments.map((d: { code: string }) => d.code)).toEqual(['KFF']);
    expect(figures(own.body.total)).toEqual({ findings: { byState: zeroStates, byGrade: zeroGrades }, measures: zeroMeasures, slip: null });
    expect((await stranger.get('/api/v1/overview/slippage')).body.items).toEqual([]);
  });

  it('counts a postponed measure as postponed, neither overdue nor on track', async () => {
    // ØKF answers g (deadline Q1-2020, long past) as postponed in round 2: waiting for an outside event.
    const db = ctx.engine.db;
    const rows = (await db.execute(
      sql`insert into round_submissions (municipality_id, round_id, department_id, state, submitted_at) values (${m.id}, ${ids.round2}, ${m.departments.ØKF}, 'submitted', now()) returning id`,
    )) as unknown as { rows: { id: string }[] };
    const submissionId = rows.rows[0]!.id;
    await db.execute(
      sql`insert into status_entries (municipality_id, submission_id, measure_id, status, reason) values (${m.id}, ${submissionId}, ${ids.g}, 'postponed', 'Afventer ny bekendtgørelse')`,
    );
    try {
      const res = await api.get('/api/v1/overview');
      expect(byCode(res.body.departments).ØKF!.measures).toEqual({ ...zeroMeasures, postponed: 1, noStatus: 1, overdue: 0 });
      expect(figures(res.body.total).measures).toEqual({ ...zeroMeasures, delayed: 2, completed: 1, postponed: 1, noStatus: 1, overdue: 1 });
      // the list behind the figures follows: F4 is no longer overdue, and is listed as postponed
      const list = async (q: string) => ((await api.get(`/api/v1/findings?${q}`)).body.items as { number: number }[]).map((f) => f.number).sort();
      expect(await list('measureStatus=overdue')).toEqual([1]);
      expect(await list('measureStatus=postponed')).toEqual([4]);
    } finally {
      await db.execute(sql`delete from round_submissions where id = ${submissionId}`);
    }
  });
});
