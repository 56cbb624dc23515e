import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestContext, seedMunicipality, type SeededMunicipality, type TestContext } from '../../../test/app.js';
import { tableSnapshot } from '../../../test/kit.js';
import { PLAN_TABLES } from '../../../test/tables.js';
import { findingDepartments, followUpRounds, roundSubmissions, statusEntries } from '../../db/schema/index.js';
import { createFinding } from './test-fixtures.js';

let ctx: TestContext;
let m: SeededMunicipality;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  ctx = await createTestContext();
  m = await seedMunicipality(ctx.engine, { slug: 'carry-test', departments: ['BUF', 'SOF'] });
  api = client(ctx.app, m.userId);
});
afterAll(() => ctx.close());

type MeasureT = { id: string; number: string; version: number };

describe('carry-over into next year', () => {
  it('repeats the finding for the open parts and brings the open measures along with their deadline history', async () => {
    const db = ctx.engine.db;
    const { finding } = await createFinding(api, { year: 2024, departments: [m.departments.BUF!, m.departments.SOF!], recommendations: ['Første', 'Anden'] });
    const [rec1, rec2] = finding.recommendations;
    const buf = (
      await api.post(`/api/v1/findings/${finding.id}/plans`, {
        departmentId: m.departments.BUF,
        problem: 'Manglende tilladelser',
        overallDeadline: '2026',
        measures: [
          { number: '1', title: 'Færdig', deadline: 'Q4-2024', recommendationIds: [rec1!.id] },
          { number: '2A', title: 'Forsinket', deadline: 'Q1-2025', followUpPoint: 'Stikprøve', recommendationIds: [rec2!.id] },
          { number: '2B', title: 'Færdig i kladde', deadline: 'Q2-2025' },
        ],
      })
    ).body;
    const sof = (await api.post(`/api/v1/findings/${finding.id}/plans`, { departmentId: m.departments.SOF, measures: [{ number: '1', title: 'SOF' }] })).body;
    const [done, delayed, draftDone] = buf.measures as MeasureT[];
    await api.patch(`/api/v1/measures/${delayed!.id}`, { deadline: 'Q3-2025', deadlineChangeReason: 'Ny leverandør' }, delayed!.version);

    // Status round: measure 1 completed in a submitted answer; 2B "completed" only in a draft answer
    const [round] = await db
      .insert(followUpRounds)
      .values({ municipalityId: m.id, name: 'Status august 2025', opensOn: '2025-08-01', dueOn: '2025-08-31' })
      .returning();
    const [submitted] = await db
      .insert(roundSubmissions)
      .values({ municipalityId: m.id, roundId: round!.id, departmentId: m.departments.BUF!, state: 'submitted' })
      .returning();
    const [round2] = await db
      .insert(followUpRounds)
      .values({ municipalityId: m.id, name: 'Status februar 2026', opensOn: '2026-02-01', dueOn: '2026-02-28' })
      .returning();
    const [draft] = await db
      .insert(roundSubmissions)
      .values({ municipalityId: m.id, roundId: round2!.id, departmentId: m.departments.BUF!, state: 'draft' })
      .returning();
    await db.insert(statusEntries).values([
      { municipalityId: m.id, submissionId: submitted!.id, measureId: done!.id, status: 'completed', selfCheckResult: 'OK' },
      { municipalityId: m.id, submissionId: submitted!.id, measureId: delayed!.id, status: 'delayed', reason: 'Leverandør', newDeadline: '2025-Q3' },
      { municipalityId: m.id, submissionId: draft!.id, measureId: draftDone!.id, status: 'completed' },
    ]);
    // SOF has closed its part: it is not carried
    await db
      .update(findingDepartments)
      .set({ state: 'closed' })
      .where(and(eq(findingDepartments.findingId, finding.id), eq(findingDepartments.departmentId, m.departments.SOF!)));

    const sameYear = (await api.post('/api/v1/reports', { title: 'Løbende revision', auditor: 'R', year: 2024, kind: 'ongoingAudit' })).body;
    const next = await createFinding(api, { year: 2025, title: 'Noget andet', departments: [m.departments.SOF!] });
    const before = await tableSnapshot(ctx.engine, PLAN_TABLES);
    const cases: [unknown, string][] = [
      [{ reportId: sameYear.id }, 'body.reportId'],
      [{ reportId: '00000000-0000-4000-8000-000000000000' }, 'body.reportId'],
      [{ reportId: next.reportId, departmentIds: [m.departments.SOF] }, 'body.departmentIds.0'],
    ];
    for (const [body, field] of cases) {
      const res = await api.post(`/api/v1/findings/${finding.id}/carry-over`, body);
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      expect(res.body.errors[0].field).toBe(field);
    }
    expect(await tableSnapshot(ctx.engine, PLAN_TABLES)).toEqual(before);

    const res = await api.post(`/api/v1/findings/${finding.id}/carry-over`, { reportId: next.reportId });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const carried = res.body;
    expect(carried).toMatchObject({
      reportId: next.reportId,
      reportYear: 2025,
      number: 2,
      title: 'Ibrugtagningstilladelser',
      previousFindingId: finding.id,
      repeatOfEarlierYears: true,
    });
    expect(carried.recommendations.map((r: { number: number; text: string }) => [r.number, r.text])).toEqual([
      [1, 'Første'],
      [2, 'Anden'],
    ]);
    expect(carried.departments.map((d: { code: string; state: string }) => [d.code, d.state])).toEqual([['BUF', 'planDrafted']]);
    expect(carried.earlierYears.map((f: { id: string }) => f.id)).toEqual([finding.id]);
    expect(carried.plans).toHaveLength(1);

    const old = (await api.get(`/api/v1/findings/${finding.id}`)).body;
    expect(old.departments.map((d: { code: string; state: string }) => [d.code, d.state])).toEqual([
      ['BUF', 'carriedOver'],
      ['SOF', 'closed'],
    ]);

    const plan = (await api.get(`/api/v1/plans/${carried.plans[0].id}`)).body;
    expect(plan).toMatchObject({
      state: 'draft',
      departmentId: m.departments.BUF,
      problem: 'Manglende tilladelser',
      overallDeadline: { text: '2026' },
      version: 1,
    });
    expect(
      plan.measures.map((x: { number: string; position: number; carriedFromMeasureId: string }) => [x.number, x.position, x.carriedFromMeasureId]),
    ).toEqual([
      ['2A', 1, delayed!.id],
      ['2B', 2, draftDone!.id],
    ]);
    expect(plan.measures[0].deadline.text).toBe('2025-Q3');
    expect(plan.measures[0].recommendationIds).toEqual([carried.recommendations[1].id]);

    const oldHistory = (await api.get(`/api/v1/measures/${delayed!.id}`)).body.deadlineHistory;
    const detail = (await api.get(`/api/v1/measures/${plan.measures[0].id}`)).body;
    expect(detail.deadlineHistory.slice(0, 2)).toEqual(oldHistory);
    expect(detail.deadlineHistory.map((h: { source: string; deadline: { text: string } }) => [h.source, h.deadline.text])).toEqual([
      ['original', '2025-Q1'],
      ['edit', '2025-Q3'],
      ['carryOver', '2025-Q3'],
    ]);
    expect(detail.slippageDays).toBe(183); // 31.03.2025 → 30.09.2025

    // The closed department's plan stays behind; nothing is left to carry
    expect((await api.get(`/api/v1/plans?findingId=${carried.id}`)).body.items.map((p: { id: string }) => p.id)).not.toContain(sof.id);
    const again = await api.post(`/api/v1/findings/${finding.id}/carry-over`, { reportId: next.reportId });
    expect(again.status).toBe(409);
    expect(again.body.errors[0].field).toBe('body.departmentIds');
  });
});
