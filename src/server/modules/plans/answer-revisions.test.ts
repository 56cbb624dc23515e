import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../clock.js';
import type { Actor } from '../../context.js';
import { client, createTestContext, seedMunicipality, seedUser, type SeededMunicipality, type TestContext } from '../../../test/app.js';
import { tableSnapshot } from '../../../test/kit.js';
import { PLAN_TABLES } from '../../../test/tables.js';
import { createFinding } from './test-fixtures.js';

/**
 * Issue 13 §2 for answer documents (yttrande): an approved answer is locked until revised;
 * revising keeps the approved revision (content and approval) as what readers and documents show
 * until the new one is approved; the revisions can be listed. Refusals change nothing.
 */

let ctx: TestContext;
let m: SeededMunicipality;
let central: ReturnType<typeof client>;
let coordinator: ReturnType<typeof client>;
let reader: ReturnType<typeof client>;
let readerActor: Actor;

const today = '2026-03-02';
beforeAll(async () => {
  ctx = await createTestContext({ config: { clock: fixedClock(`${today}T08:00:00Z`) } });
  m = await seedMunicipality(ctx.engine, { slug: 'answer-revisions', departments: ['ØKF', 'BUF'] });
  central = client(ctx.app, await seedUser(ctx.engine, m.id, { name: 'Mette Central', email: 'central@ans.example', roles: [{ role: 'centralCoordinator' }] }));
  coordinator = client(
    ctx.app,
    await seedUser(ctx.engine, m.id, {
      name: 'Jonas Koordinator',
      email: 'coord@ans.example',
      roles: [{ role: 'departmentCoordinator', departmentId: m.departments.BUF! }],
    }),
  );
  const readerId = await seedUser(ctx.engine, m.id, { name: 'Amira Læser', email: 'reader@ans.example', roles: [{ role: 'reader' }] });
  reader = client(ctx.app, readerId);
  readerActor = { ...m.actor, userId: readerId, roles: [{ role: 'reader', departmentId: null }], today };
});
afterAll(() => ctx.close());

const ifMatch = (v: number) => ({ 'if-match': `"${v}"` });
const ok = <T extends { status: number; body: unknown }>(res: T, status = 200): T => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res;
};
/** The plan tables, the audit trail and the kept answer revisions. */
const snapshot = () => tableSnapshot(ctx.engine, [...PLAN_TABLES, 'answer_revisions']);

async function meeting(heldOn: string) {
  return ok(await client(ctx.app, m.userId).post('/api/v1/meetings', { body: 'Kommunestyrelsen', heldOn, agendaItem: 'Punkt 3' }), 201).body.id as string;
}

/** An approved BUF plan (readers see it) of a fresh finding. */
async function approvedPlan(year: number) {
  const { finding } = await createFinding(client(ctx.app, m.userId), { year, departments: [m.departments.BUF!], recommendations: ['Vurder'] });
  const created = ok(
    await coordinator.post(`/api/v1/findings/${finding.id}/plans`, {
      departmentId: m.departments.BUF,
      problem: 'Systemer uden tilladelse.',
      overallDeadline: '2030',
      measures: [
        { number: '1', title: 'Kortlæg systemer', deadline: 'Q1-2030', followUpPoint: 'Stikprøve', recommendationIds: [finding.recommendations[0]!.id] },
      ],
    }),
    201,
  ).body;
  const sent = ok(await coordinator.post(`/api/v1/plans/${created.id}/submit`, {}, ifMatch(created.version))).body;
  return ok(await central.post(`/api/v1/plans/${created.id}/approvals`, { approvedOn: '2026-02-20' }, ifMatch(sent.version))).body as { id: string };
}

const revisionsOf = async (api: typeof reader, url: string) =>
  (
    ok(await api.get(`${url}/revisions`)).body as {
      number: number;
      state: string;
      current: boolean;
      recipients: string[];
      approval: { approvedOn: string; meeting: { id: string } | null } | null;
    }[]
  ).map((r) => [r.number, r.state, r.current, r.recipients, r.approval?.approvedOn ?? null]);

describe('answer-document revisions', () => {
  it('keep the approved answer what readers and documents show while a revision is written, and list the revisions', async () => {
    const plan = await approvedPlan(2070);
    const url = `/api/v1/plans/${plan.id}/answers/yttrande`;
    const created = ok(
      await coordinator.put(url, { recipients: ['Revisorerne'], responsibleOfficials: ['Jonas Koordinator'], dueDate: '2026-04-30' }),
      201,
    ).body;
    const sent = ok(await coordinator.post(`${url}/submit`, {}, ifMatch(created.version))).body;
    const ks = await meeting('2026-03-10');
    const approved = ok(
      await central.post(`${url}/approvals`, { approvedOn: '2026-03-10', meetingId: ks, note: 'Godkendt af KS' }, ifMatch(sent.version)),
    ).body;
    expect(approved).toMatchObject({ state: 'approved', revision: 1, approvedRevision: 1, view: 'working', actions: { revise: true, update: false } });
    expect(await revisionsOf(coordinator, url)).toEqual([[1, 'approved', true, ['Revisorerne'], '2026-03-10']]);

    // Locked: every edit is refused with 409 until revised, and nothing changes
    const before = await snapshot();
    const edit = await coordinator.put(url, { recipients: ['Andre'] }, approved.version);
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('answer.approvedLocked');
    expect((await central.put(url, { recipients: ['Andre'] }, approved.version)).body.code).toBe('answer.approvedLocked');
    expect((await coordinator.post(`${url}/submit`, {}, ifMatch(approved.version))).body.code).toBe('answer.approvedLocked');
    expect((await reader.post(`${url}/revise`, {}, ifMatch(approved.version))).status).toBe(403);
    expect((await coordinator.post(`${url}/revise`, {}, ifMatch(approved.version - 1))).status).toBe(409);
    expect(await snapshot()).toEqual(before);

    // Revision 2 in draft, with new content
    const revised = ok(await coordinator.post(`${url}/revise`, {}, ifMatch(approved.version))).body;
    expect(revised).toMatchObject({ state: 'draft', revision: 2, approvedRevision: 1, approval: null, actions: { update: true, revise: false } });
    const draft = ok(
      await coordinator.put(
        url,
        { recipients: ['Revisorerne', 'Økonomiudvalget'], responsibleOfficials: ['Mette Central'], dueDate: '2026-06-30' },
        revised.version,
      ),
    ).body;
    expect((await coordinator.post(`${url}/revise`, {}, ifMatch(draft.version))).body.errors[0].code).toBe('answer.wrongState');

    // Staff see the draft; the reader sees revision 1 as approved, with its approval
    const staffAnswer = ok(await coordinator.get(`/api/v1/plans/${plan.id}`)).body.answers[0];
    expect(staffAnswer).toMatchObject({
      state: 'draft',
      revision: 2,
      approvedRevision: 1,
      view: 'working',
      recipients: ['Revisorerne', 'Økonomiudvalget'],
      dueDate: '2026-06-30',
    });
    const readAnswer = ok(await reader.get(`/api/v1/plans/${plan.id}`)).body.answers[0];
    expect(readAnswer).toMatchObject({
      state: 'approved',
      revision: 1,
      approvedRevision: 1,
      view: 'approved',
      recipients: ['Revisorerne'],
      responsibleOfficials: ['Jonas Koordinator'],
      dueDate: '2026-04-30',
      returnComment: null,
      approval: { approvedOn: '2026-03-10', approvedByName: 'Mette Central', meeting: { id: ks }, note: 'Godkendt af KS' },
      actions: { update: false, submit: false, return: false, approve: false, revise: false },
    });

    // Documents print the approved revision, in both editions
    for (const [actor, edition] of [
      [readerActor, 'public'],
      [m.actor, 'internal'],
    ] as const) {
      const doc = await ctx.app.services.documents.answerDocument(actor, plan.id, 'yttrande', { edition, today });
      expect(doc).toMatchObject({ recipients: ['Revisorerne'], responsibleOfficials: ['Jonas Koordinator'], dueDate: '2026-04-30' });
    }

    // The revisions: staff see the one being written; the reader only the approved one
    expect(await revisionsOf(coordinator, url)).toEqual([
      [1, 'approved', true, ['Revisorerne'], '2026-03-10'],
      [2, 'draft', false, ['Revisorerne', 'Økonomiudvalget'], null],
    ]);
    expect(await revisionsOf(reader, url)).toEqual([[1, 'approved', true, ['Revisorerne'], '2026-03-10']]);

    // Revision 2 approved: now in force everywhere, revision 1 kept
    const resent = ok(await coordinator.post(`${url}/submit`, {}, ifMatch(draft.version))).body;
    ok(await central.post(`${url}/approvals`, { approvedOn: '2026-06-15' }, ifMatch(resent.version)));
    expect(await revisionsOf(reader, url)).toEqual([
      [1, 'approved', false, ['Revisorerne'], '2026-03-10'],
      [2, 'approved', true, ['Revisorerne', 'Økonomiudvalget'], '2026-06-15'],
    ]);
    expect(ok(await reader.get(`/api/v1/plans/${plan.id}`)).body.answers[0]).toMatchObject({
      state: 'approved',
      revision: 2,
      recipients: ['Revisorerne', 'Økonomiudvalget'],
      approval: { approvedOn: '2026-06-15' },
    });
    const doc = await ctx.app.services.documents.answerDocument(readerActor, plan.id, 'yttrande', { edition: 'public', today });
    expect(doc.recipients).toEqual(['Revisorerne', 'Økonomiudvalget']);

    // An unknown answer kind of the plan answers 404
    expect((await coordinator.get(`/api/v1/plans/${plan.id}/answers/reply/revisions`)).status).toBe(404);
  });
});
