import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestContext, seedMunicipality, type SeededMunicipality, type TestContext } from '../../../test/app.js';
import { tableSnapshot } from '../../../test/kit.js';
import { PLAN_TABLES } from '../../../test/tables.js';
import { renumber } from './numbering.js';
import { createFinding } from './test-fixtures.js';

let ctx: TestContext;
let m: SeededMunicipality;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  ctx = await createTestContext();
  m = await seedMunicipality(ctx.engine, { slug: 'plans-test', departments: ['ØKF', 'BUF', 'SOF'] });
  api = client(ctx.app, m.userId);
});
afterAll(() => ctx.close());

/** Every row of the plan tables and the audit trail: equal snapshots mean a refused request changed nothing. */
const snapshot = () => tableSnapshot(ctx.engine, PLAN_TABLES);
const fields = (res: { body: { errors?: { field: string }[] } }) => (res.body.errors ?? []).map((e) => e.field);

async function partState(findingId: string, code: string): Promise<string> {
  const f = await api.get(`/api/v1/findings/${findingId}`);
  return f.body.departments.find((d: { code: string }) => d.code === code).state;
}

describe('plans', () => {
  it('creates a plan with measures, reads it back with ETag, and moves the department part to planDrafted', async () => {
    const { finding } = await createFinding(api, { year: 2024, departments: [m.departments.BUF!, m.departments.SOF!] });
    const res = await api.post(`/api/v1/findings/${finding.id}/plans`, {
      departmentId: m.departments.BUF,
      problem: 'Systemer uden tilladelse.',
      overallDeadline: '2. halvår 2026',
      measures: [
        { number: '1', title: 'Kortlæg systemer', deadline: 'Q1-2026', followUpPoint: 'Stikprøve', recommendationIds: [finding.recommendations[0]!.id] },
        { number: '2', title: 'Eskalér', deadline: '' },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toMatchObject({
      subjectKind: 'finding',
      finding: { id: finding.id, number: 1, reportYear: 2024, confidential: false },
      departmentCode: 'BUF',
      crossCutting: false,
      state: 'draft',
      overallDeadline: { text: '2026-H2', display: '2. halvår 2026', precision: 'half', due: '2026-12-31' },
    });
    expect(res.body.measures.map((x: { number: string; position: number }) => [x.number, x.position])).toEqual([
      ['1', 1],
      ['2', 2],
    ]);
    expect(res.body.measures[0].deadline).toEqual({ text: '2026-Q1', display: 'Q1-2026', precision: 'quarter', due: '2026-03-31' });
    expect(res.body.measures[1].deadline).toBeNull();
    expect(res.body.measures[0].recommendationIds).toEqual([finding.recommendations[0]!.id]);
    expect(await partState(finding.id, 'BUF')).toBe('planDrafted');
    expect(await partState(finding.id, 'SOF')).toBe('assigned');

    const got = await api.get(`/api/v1/plans/${res.body.id}`);
    expect(got.status).toBe(200);
    expect(got.headers.etag).toBe('"1"');
    expect(got.body).toEqual(res.body);
    const english = await api.get(`/api/v1/plans/${res.body.id}`, { 'accept-language': 'en' });
    expect(english.body.overallDeadline.display).toBe('H2 2026');

    const list = await api.get(`/api/v1/plans?findingId=${finding.id}&state=draft`);
    expect(list.body.total).toBe(1);
    expect((await api.get(`/api/v1/plans?findingId=${finding.id}&departmentId=${m.departments.SOF}`)).body.total).toBe(0);

    const measureRevisions = await api.get(`/api/v1/measures/${res.body.measures[0].id}`);
    expect(measureRevisions.body.deadlineHistory.map((h: { source: string }) => h.source)).toEqual(['original']);
  });

  it('rejects a plan for an unaffected department, a duplicate plan and bad input, leaving the database unchanged', async () => {
    const { finding } = await createFinding(api, { year: 2023, departments: [m.departments.BUF!] });
    const first = await api.post(`/api/v1/findings/${finding.id}/plans`, { departmentId: m.departments.BUF });
    expect(first.status).toBe(201);
    const before = await snapshot();
    const cases: [unknown, number, string][] = [
      [{ departmentId: m.departments.SOF }, 422, 'body.departmentId'],
      [{ departmentId: m.departments.BUF }, 409, 'body.departmentId'],
      [
        {
          departmentId: m.departments.SOF,
          crossCutting: true,
          measures: [
            { number: '1', title: 'a' },
            { number: '1', title: 'b' },
          ],
        },
        422,
        'body.measures.1.number',
      ],
      [{ departmentId: m.departments.SOF, crossCutting: true, overallDeadline: 'snart' }, 422, 'body.overallDeadline'],
      [{ departmentId: m.departments.SOF, crossCutting: true, measures: [{ number: '1', title: 'a', deadline: 'Q5-2026' }] }, 422, 'body.measures.0.deadline'],
      [
        {
          departmentId: m.departments.SOF,
          crossCutting: true,
          measures: [{ number: '1', title: 'a', recommendationIds: [finding.recommendations[0]!.id, '00000000-0000-4000-8000-000000000000'] }],
        },
        422,
        'body.measures.0.recommendationIds.1',
      ],
      [{ departmentId: m.departments.SOF, measures: [{ number: '12345678901', title: 'a' }] }, 400, 'body.measures.0.number'],
    ];
    for (const [body, status, field] of cases) {
      const res = await api.post(`/api/v1/findings/${finding.id}/plans`, body);
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(fields(res)).toContain(field);
    }
    expect((await api.post(`/api/v1/findings/00000000-0000-4000-8000-000000000000/plans`, { departmentId: m.departments.BUF })).status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it('allows a cross-cutting plan coordinated by any department and advances every part', async () => {
    const { finding } = await createFinding(api, { year: 2022, departments: [m.departments.BUF!, m.departments.SOF!] });
    const res = await api.post(`/api/v1/findings/${finding.id}/plans`, { departmentId: m.departments.ØKF, crossCutting: true });
    expect(res.status).toBe(201);
    expect(res.body.departmentCode).toBe('ØKF');
    expect(await partState(finding.id, 'BUF')).toBe('planDrafted');
    expect(await partState(finding.id, 'SOF')).toBe('planDrafted');
  });

  it('updates and deletes with If-Match: 428 without, 409 with the current plan when stale', async () => {
    const { finding } = await createFinding(api, { year: 2021, departments: [m.departments.BUF!, m.departments.SOF!] });
    const plan = (await api.post(`/api/v1/findings/${finding.id}/plans`, { departmentId: m.departments.BUF })).body;
    expect((await api.patch(`/api/v1/plans/${plan.id}`, { problem: 'x' })).status).toBe(428);
    const ok = await api.patch(`/api/v1/plans/${plan.id}`, { problem: 'Nyt problem', overallDeadline: '31.12.2026', departmentId: m.departments.SOF }, 1);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    expect(ok.body).toMatchObject({ problem: 'Nyt problem', departmentCode: 'SOF', overallDeadline: { text: '2026-12-31', display: '31.12.2026' } });
    expect(await partState(finding.id, 'SOF')).toBe('planDrafted');
    expect(await partState(finding.id, 'BUF')).toBe('assigned');

    const before = await snapshot();
    const stale = await api.patch(`/api/v1/plans/${plan.id}`, { problem: 'Gammelt' }, 1);
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(2);
    expect(stale.body.current.problem).toBe('Nyt problem');
    const badDeadline = await api.patch(`/api/v1/plans/${plan.id}`, { overallDeadline: 'Q1-26' }, 2);
    expect(badDeadline.status).toBe(422);
    expect(fields(badDeadline)).toEqual(['body.overallDeadline']);
    expect((await api.delete(`/api/v1/plans/${plan.id}`)).status).toBe(428);
    expect((await api.delete(`/api/v1/plans/${plan.id}`, 1)).status).toBe(409);
    expect(await snapshot()).toEqual(before);

    expect((await api.delete(`/api/v1/plans/${plan.id}`, 2)).status).toBe(204);
    expect((await api.get(`/api/v1/plans/${plan.id}`)).status).toBe(404);
    expect(await partState(finding.id, 'SOF')).toBe('assigned');
  });
});

describe('measures', () => {
  let planId: string;
  let finding: { id: string; recommendations: { id: string; number: number }[] };

  beforeAll(async () => {
    finding = (await createFinding(api, { year: 2020, departments: [m.departments.BUF!], recommendations: ['a', 'b', 'c'] })).finding;
    planId = (await api.post(`/api/v1/findings/${finding.id}/plans`, { departmentId: m.departments.BUF })).body.id;
  });

  it('adds measures last by default or at a position, and refuses a duplicate number', async () => {
    const one = await api.post(`/api/v1/plans/${planId}/measures`, { number: '1', title: 'Første' });
    expect(one.status).toBe(201);
    expect(one.headers.etag).toBe('"1"');
    const three = await api.post(`/api/v1/plans/${planId}/measures`, { number: '3', title: 'Tredje', recommendationIds: [finding.recommendations[2]!.id] });
    const two = await api.post(`/api/v1/plans/${planId}/measures`, { number: '2A', title: 'Anden', position: 2 });
    expect(two.body.position).toBe(2);
    const plan = await api.get(`/api/v1/plans/${planId}`);
    expect(plan.body.measures.map((x: { number: string }) => x.number)).toEqual(['1', '2A', '3']);
    expect(plan.body.measures.map((x: { position: number }) => x.position)).toEqual([1, 2, 3]);
    expect(plan.body.version).toBe(1); // measure writes bump nothing else
    expect(three.body.recommendationIds).toEqual([finding.recommendations[2]!.id]);

    const before = await snapshot();
    const dup = await api.post(`/api/v1/plans/${planId}/measures`, { number: '2A', title: 'Igen' });
    expect(dup.status).toBe(409);
    expect(fields(dup)).toEqual(['body.number']);
    const renamed = await api.patch(`/api/v1/measures/${one.body.id}`, { number: '3' }, 1);
    expect(renamed.status).toBe(409);
    expect(fields(renamed)).toEqual(['body.number']);
    expect(await snapshot()).toEqual(before);
  });

  it('rejects an unparseable deadline with the accepted forms, naming body.deadline, and changes nothing', async () => {
    const before = await snapshot();
    const res = await api.post(`/api/v1/plans/${planId}/measures`, { number: '9', title: 'Uden dato', deadline: 'når 2A er færdig' });
    expect(res.status).toBe(422);
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0]).toMatchObject({ field: 'body.deadline', code: 'deadline.invalid' });
    expect(res.body.errors[0].message).toContain('Q1-2026');
    const measure = (await api.get(`/api/v1/plans/${planId}`)).body.measures[0];
    const patch = await api.patch(`/api/v1/measures/${measure.id}`, { deadline: '31.02.2026' }, measure.version);
    expect(patch.status).toBe(422);
    expect(fields(patch)).toEqual(['body.deadline']);
    expect(await snapshot()).toEqual(before);
  });

  it('only links recommendations of the plan’s own finding', async () => {
    const other = (await createFinding(api, { year: 2019, departments: [m.departments.BUF!] })).finding;
    const before = await snapshot();
    const res = await api.post(`/api/v1/plans/${planId}/measures`, {
      number: '7',
      title: 'x',
      recommendationIds: [finding.recommendations[0]!.id, other.recommendations[0]!.id],
    });
    expect(res.status).toBe(422);
    expect(fields(res)).toEqual(['body.recommendationIds.1']);
    expect(await snapshot()).toEqual(before);

    const measure = (await api.get(`/api/v1/plans/${planId}`)).body.measures[0];
    const linked = await api.patch(
      `/api/v1/measures/${measure.id}`,
      { recommendationIds: [finding.recommendations[1]!.id, finding.recommendations[0]!.id] },
      measure.version,
    );
    expect(linked.status).toBe(200);
    expect(linked.body.recommendationIds).toEqual([finding.recommendations[0]!.id, finding.recommendations[1]!.id]);
  });

  it('keeps a deadline history with the reason of each change and derives the slippage', async () => {
    const created = await api.post(`/api/v1/plans/${planId}/measures`, { number: '4', title: 'Frist', deadline: 'Q1-2026' });
    const moved = await api.patch(
      `/api/v1/measures/${created.body.id}`,
      { deadline: 'Q2 2026', deadlineChangeReason: 'Leverandøren er forsinket' },
      created.body.version,
    );
    expect(moved.status).toBe(200);
    expect(moved.body.version).toBe(created.body.version + 1);
    const titleOnly = await api.patch(`/api/v1/measures/${created.body.id}`, { title: 'Frist 2' }, moved.body.version);
    expect(titleOnly.status).toBe(200);
    const detail = await api.get(`/api/v1/measures/${created.body.id}`);
    expect(detail.headers.etag).toBe(`"${titleOnly.body.version}"`);
    expect(
      detail.body.deadlineHistory.map((h: { source: string; reason: string | null; deadline: { text: string } }) => [h.source, h.deadline.text, h.reason]),
    ).toEqual([
      ['original', '2026-Q1', null],
      ['edit', '2026-Q2', 'Leverandøren er forsinket'],
    ]);
    expect(detail.body.slippageDays).toBe(91);
    expect(detail.body.statuses).toEqual([]);
    const cleared = await api.patch(`/api/v1/measures/${created.body.id}`, { deadline: null }, titleOnly.body.version);
    expect(cleared.body.deadline).toBeNull();
    expect((await api.get(`/api/v1/measures/${created.body.id}`)).body.slippageDays).toBeNull();
  });

  it('deletes a measure with If-Match and closes the gap in positions', async () => {
    const plan = (await api.get(`/api/v1/plans/${planId}`)).body;
    const second = plan.measures[1];
    expect((await api.delete(`/api/v1/measures/${second.id}`)).status).toBe(428);
    expect((await api.delete(`/api/v1/measures/${second.id}`, second.version + 1)).status).toBe(409);
    expect((await api.delete(`/api/v1/measures/${second.id}`, second.version)).status).toBe(204);
    const after = (await api.get(`/api/v1/plans/${planId}`)).body;
    expect(after.measures.map((x: { position: number }) => x.position)).toEqual(plan.measures.slice(1).map((_: unknown, i: number) => i + 1));
    expect((await api.get(`/api/v1/measures/${second.id}`)).status).toBe(404);
  });
});

describe('measure order', () => {
  it.each([
    { numbers: ['1', '2A', '2B', '3'], expected: ['1', '2A', '2B', '3'] },
    { numbers: ['2A', '2B', '1', '3'], expected: ['1A', '1B', '2', '3'] },
    { numbers: ['3', '1', '2'], expected: ['1', '2', '3'] },
    { numbers: ['2A', '1', '2B'], expected: ['1A', '2', '3B'] },
    { numbers: ['5a', '5b', '7', 'X'], expected: ['1a', '1b', '2', '3'] },
    { numbers: [], expected: [] },
  ])('renumbers $numbers as $expected', ({ numbers, expected }) => {
    expect(renumber(numbers)).toEqual(expected);
  });

  it('reorders and renumbers through the API with the plan ETag, without tripping the unique number index', async () => {
    const { finding } = await createFinding(api, { year: 2018, departments: [m.departments.BUF!] });
    const plan = (
      await api.post(`/api/v1/findings/${finding.id}/plans`, {
        departmentId: m.departments.BUF,
        measures: ['1', '2A', '2B', '3'].map((number) => ({ number, title: `Tiltag ${number}` })),
      })
    ).body;
    const byNumber = (n: string) => plan.measures.find((x: { number: string }) => x.number === n).id;
    const order = [byNumber('2A'), byNumber('2B'), byNumber('1'), byNumber('3')];

    expect((await api.put(`/api/v1/plans/${plan.id}/measure-order`, { measureIds: order })).status).toBe(428);
    const before = await snapshot();
    const missing = await api.put(`/api/v1/plans/${plan.id}/measure-order`, { measureIds: order.slice(1) }, plan.version);
    expect(missing.status).toBe(422);
    expect(fields(missing)).toEqual(['body.measureIds']);
    expect(await snapshot()).toEqual(before);

    const moved = await api.put(`/api/v1/plans/${plan.id}/measure-order`, { measureIds: order }, plan.version);
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.version).toBe(plan.version + 1);
    expect(moved.body.measures.map((x: { number: string }) => x.number)).toEqual(['2A', '2B', '1', '3']);

    const renumbered = await api.put(`/api/v1/plans/${plan.id}/measure-order`, { measureIds: order, renumber: true }, moved.body.version);
    expect(renumbered.status, JSON.stringify(renumbered.body)).toBe(200);
    expect(renumbered.body.measures.map((x: { number: string; title: string }) => [x.number, x.title])).toEqual([
      ['1A', 'Tiltag 2A'],
      ['1B', 'Tiltag 2B'],
      ['2', 'Tiltag 1'],
      ['3', 'Tiltag 3'],
    ]);
    // Swapping "1" and "2": the plain case that would collide without temporary numbers
    const swap = [order[2], order[0], order[1], order[3]];
    const swapped = await api.put(`/api/v1/plans/${plan.id}/measure-order`, { measureIds: swap, renumber: true }, renumbered.body.version);
    expect(swapped.body.measures.map((x: { number: string }) => x.number)).toEqual(['1', '2A', '2B', '3']);
    const stale = await api.put(`/api/v1/plans/${plan.id}/measure-order`, { measureIds: order }, plan.version);
    expect(stale.status).toBe(409);
  });
});

describe('tenant isolation', () => {
  it('answers 404 to another municipality for plans and measures', async () => {
    const { finding } = await createFinding(api, { year: 2017, departments: [m.departments.BUF!] });
    const plan = (await api.post(`/api/v1/findings/${finding.id}/plans`, { departmentId: m.departments.BUF, measures: [{ number: '1', title: 'x' }] })).body;
    const other = await seedMunicipality(ctx.engine, { slug: 'plans-other', departments: ['BUF'] });
    const them = client(ctx.app, other.userId);
    const before = await snapshot();
    expect((await them.get(`/api/v1/plans/${plan.id}`)).status).toBe(404);
    expect((await them.get(`/api/v1/measures/${plan.measures[0].id}`)).status).toBe(404);
    expect((await them.get(`/api/v1/plans/${plan.id}/check`)).status).toBe(404);
    expect((await them.patch(`/api/v1/plans/${plan.id}`, { problem: 'x' }, plan.version)).status).toBe(404);
    expect((await them.post(`/api/v1/plans/${plan.id}/measures`, { number: '2', title: 'x' })).status).toBe(404);
    expect((await them.post(`/api/v1/findings/${finding.id}/plans`, { departmentId: other.departments.BUF })).status).toBe(404);
    expect((await them.get('/api/v1/plans')).body.total).toBe(0);
    expect(await snapshot()).toEqual(before);
  });
});
