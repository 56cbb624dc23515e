import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../clock.js';
import type { Actor } from '../../context.js';
import { client, createTestContext, seedMunicipality, seedUser, type SeededMunicipality, type TestContext } from '../../../test/app.js';
import { createFinding } from './test-fixtures.js';

/**
 * Issue 13 §2: while a new revision of an approved plan is written, every reader shows the
 * approved revision: the overview, the findings list (its overdue filter, also behind the export)
 * and a finding's detail, search, the tasks, a measure's detail with its deadline history, and the
 * follow-up report. The draft changes a measure's title and deadline, adds a measure and deletes one.
 */

let ctx: TestContext;
let m: SeededMunicipality;
let central: ReturnType<typeof client>;
let coordinator: ReturnType<typeof client>;
let reader: ReturnType<typeof client>;
let owner: ReturnType<typeof client>;
let readerActor: Actor;
let ownerId: string;

const today = '2026-03-02';
beforeAll(async () => {
  ctx = await createTestContext({ config: { clock: fixedClock(`${today}T08:00:00Z`) } });
  m = await seedMunicipality(ctx.engine, { slug: 'approved-readers', departments: ['ØKF', 'BUF'] });
  central = client(ctx.app, await seedUser(ctx.engine, m.id, { name: 'Mette Central', email: 'central@ar.example', roles: [{ role: 'centralCoordinator' }] }));
  coordinator = client(
    ctx.app,
    await seedUser(ctx.engine, m.id, {
      name: 'Jonas Koordinator',
      email: 'coord@ar.example',
      roles: [{ role: 'departmentCoordinator', departmentId: m.departments.BUF! }],
    }),
  );
  const readerId = await seedUser(ctx.engine, m.id, { name: 'Amira Læser', email: 'reader@ar.example', roles: [{ role: 'reader' }] });
  reader = client(ctx.app, readerId);
  readerActor = { ...m.actor, userId: readerId, roles: [{ role: 'reader', departmentId: null }], today };
  ownerId = await seedUser(ctx.engine, m.id, {
    name: 'Sofie Ejer',
    email: 'owner@ar.example',
    roles: [{ role: 'measureOwner', departmentId: m.departments.BUF! }],
  });
  owner = client(ctx.app, ownerId);
});
afterAll(() => ctx.close());

const ifMatch = (v: number) => ({ 'if-match': `"${v}"` });
const ok = <T extends { status: number; body: unknown }>(res: T, status = 200): T => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res;
};

describe('readers while a new revision is written', () => {
  it('show the approved revision everywhere: overview, findings, search, tasks, measure detail and the follow-up report', async () => {
    const admin = client(ctx.app, m.userId);
    const { finding } = await createFinding(admin, { year: 2060, departments: [m.departments.BUF!], recommendations: ['Vurder', 'Eskaler'] });
    const [r1, r2] = finding.recommendations;
    const created = ok(
      await coordinator.post(`/api/v1/findings/${finding.id}/plans`, {
        departmentId: m.departments.BUF,
        problem: 'Systemer uden tilladelse.',
        overallDeadline: '2030',
        measures: [
          { number: '1', title: 'Kortlæg systemer', deadline: 'Q1-2030', followUpPoint: 'Stikprøve', recommendationIds: [r1!.id], ownerUserId: ownerId },
          { number: '2', title: 'Eskalér', deadline: 'Q2-2030', followUpPoint: 'Direktionen', recommendationIds: [r2!.id], ownerUserId: ownerId },
        ],
      }),
      201,
    ).body;
    const sent = ok(await coordinator.post(`/api/v1/plans/${created.id}/submit`, {}, ifMatch(created.version))).body;
    const plan = ok(await central.post(`/api/v1/plans/${created.id}/approvals`, { approvedOn: '2026-02-20' }, ifMatch(sent.version))).body;
    const [m1, m2] = plan.measures as { id: string; version: number }[];
    const round = ok(await central.post('/api/v1/rounds', { name: 'Status marts 2026', opensOn: '2026-03-01', dueOn: '2026-03-31' }), 201).body;

    // The draft of revision 2: a new title and a past deadline for measure 1, measure 2 deleted, a new measure, a new problem text
    const revised = ok(await coordinator.post(`/api/v1/plans/${plan.id}/revise`, {}, ifMatch(plan.version))).body;
    ok(await coordinator.patch(`/api/v1/plans/${plan.id}`, { problem: 'Zebrastribe i udkastet.' }, revised.version));
    ok(await coordinator.patch(`/api/v1/measures/${m1!.id}`, { title: 'Zebrastribe', deadline: 'Q4-2025', deadlineChangeReason: 'Udkast' }, m1!.version));
    expect((await coordinator.delete(`/api/v1/measures/${m2!.id}`, m2!.version)).status).toBe(204);
    const m3 = ok(
      await coordinator.post(`/api/v1/plans/${plan.id}/measures`, {
        number: '2',
        title: 'Kvantespring',
        deadline: 'Q4-2030',
        followUpPoint: 'Kvartalsvis',
        recommendationIds: [r2!.id],
        ownerUserId: ownerId,
      }),
      201,
    ).body;

    // Overview: the approved revision's two measures, none overdue (the draft's past deadline is not in force)
    for (const api of [reader, central]) {
      const overview = ok(await api.get('/api/v1/overview?year=2060')).body;
      const buf = overview.departments.find((d: { code: string }) => d.code === 'BUF');
      expect(buf.measures).toMatchObject({ noStatus: 2, overdue: 0 });
    }

    // Findings list (and its export): not overdue by the draft's deadline
    expect(ok(await reader.get('/api/v1/findings?year=2060&overdue=true')).body.items).toEqual([]);
    expect(ok(await reader.get('/api/v1/findings?year=2060&overdue=false')).body.items.map((f: { id: string }) => f.id)).toEqual([finding.id]);
    const exported = ok(await reader.get('/api/v1/findings/export?year=2060&overdue=true&format=csv')).body as string;
    expect(exported).not.toContain('Ibrugtagningstilladelser');

    // Finding detail: the reader sees the approved plan with its two measures; staff see the draft
    const readDetail = ok(await reader.get(`/api/v1/findings/${finding.id}`)).body;
    expect(readDetail.plans).toEqual([
      { id: plan.id, departmentId: m.departments.BUF, crossCutting: false, state: 'approved', overallDeadline: '2030', measureCount: 2 },
    ]);
    const staffDetail = ok(await coordinator.get(`/api/v1/findings/${finding.id}`)).body;
    expect(staffDetail.plans).toEqual([expect.objectContaining({ id: plan.id, state: 'draft', measureCount: 2 })]);

    // Search: the reader finds the approved texts, not the draft's
    const hits = async (api: typeof reader, q: string) =>
      (ok(await api.get(`/api/v1/search?q=${encodeURIComponent(q)}`)).body.items as { kind: string; id: string }[]).filter(
        (h) => h.kind === 'measure' || h.kind === 'plan',
      );
    expect(await hits(reader, 'Zebrastribe')).toEqual([]);
    expect(await hits(reader, 'Kvantespring')).toEqual([]);
    expect((await hits(reader, 'Eskalér')).map((h) => [h.kind, h.id])).toEqual([['measure', m2!.id]]);
    expect((await hits(reader, 'tilladelse')).map((h) => [h.kind, h.id])).toEqual([['plan', plan.id]]);
    // Staff search the plan as it stands
    expect((await hits(coordinator, 'Zebrastribe')).map((h) => h.kind).sort()).toEqual(['measure', 'plan']);

    // Tasks: the owner answers the approved measures in the round, with their approved titles
    const tasks = ok(await owner.get('/api/v1/me/tasks')).body.items as {
      kind: string;
      measure: { id: string; title: string } | null;
      round: { id: string } | null;
    }[];
    expect(
      tasks
        .filter((t) => t.kind === 'measureToAnswer')
        .map((t) => [t.measure!.id, t.measure!.title, t.round!.id])
        .sort((a, b) => a[1]!.localeCompare(b[1]!)),
    ).toEqual([
      [m2!.id, 'Eskalér', round.id],
      [m1!.id, 'Kortlæg systemer', round.id],
    ]);
    expect(tasks.some((t) => t.kind === 'measureOverdue')).toBe(false);

    // Measure detail: approved values and history for the reader; the draft's measure does not exist for them
    const detail = ok(await reader.get(`/api/v1/measures/${m1!.id}`)).body;
    expect(detail).toMatchObject({ title: 'Kortlæg systemer', deadline: { text: '2030-Q1' } });
    expect(detail.deadlineHistory.map((h: { source: string }) => h.source)).not.toContain('edit');
    expect((await reader.get(`/api/v1/measures/${m3.id}`)).status).toBe(404);
    expect(ok(await coordinator.get(`/api/v1/measures/${m1!.id}`)).body).toMatchObject({ title: 'Zebrastribe', deadline: { text: '2025-Q4' } });

    // The plan itself, and the follow-up report the reader may print
    const asRead = ok(await reader.get(`/api/v1/plans/${plan.id}`)).body;
    expect(asRead).toMatchObject({ state: 'approved', revision: 1, problem: 'Systemer uden tilladelse.' });
    expect(asRead.measures.map((x: { title: string }) => x.title)).toEqual(['Kortlæg systemer', 'Eskalér']);
    const report = JSON.stringify(
      await ctx.app.services.documents.followUpReport(readerActor, round.id, { kind: 'municipality' }, { edition: 'public', today }),
    );
    expect(report).toContain('Kortlæg systemer');
    expect(report).toContain('Eskalér');
    expect(report).not.toContain('Zebrastribe');
    expect(report).not.toContain('Kvantespring');
  });
});
