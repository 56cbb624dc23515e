import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeaders, client, createTestContext, seedMunicipality, type SeededMunicipality, type TestContext } from '../../../test/app.js';
import { multipart } from '../../../test/kit.js';
import { actionPlans, followUpRounds, measures, roundSubmissions, statusEntries } from '../../db/schema/index.js';
import { runCommand } from '../../unit-of-work.js';

let ctx: TestContext;
let m: SeededMunicipality;
let other: SeededMunicipality;
let api: ReturnType<typeof client>;

interface Entry {
  seq: number;
  at: string;
  userId: string | null;
  userName: string | null;
  resource: string;
  resourceId: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

async function newFinding(number: number, title: string) {
  const report = await api.post('/api/v1/reports', { title: `Beretning ${number}`, auditor: 'Revisor', year: 2024, kind: 'annualAccounts' });
  return (await api.post(`/api/v1/reports/${report.body.id}/findings`, { number, title, departments: 'ALL' })).body as { id: string; version: number };
}

/**
 * A plan with one measure and a status entry, written the way the plans and follow-up modules do:
 * in one command that records its changes (their HTTP APIs belong to other modules).
 */
async function newPlanTree(findingId: string) {
  return runCommand(ctx.engine.db, m.actor, async (tx, changes) => {
    const mid = m.id;
    const [plan] = await tx
      .insert(actionPlans)
      .values({ municipalityId: mid, subjectKind: 'finding', findingId, departmentId: m.departments.BUF! })
      .returning();
    await changes.record({ resource: 'plan', resourceId: plan!.id, action: 'create', after: plan });
    const [measure] = await tx
      .insert(measures)
      .values({ municipalityId: mid, planId: plan!.id, position: 1, number: '1', title: 'Afstem kontiene' })
      .returning();
    await changes.record({ resource: 'measure', resourceId: measure!.id, action: 'create', after: measure });
    const [round] = await tx
      .insert(followUpRounds)
      .values({ municipalityId: mid, name: `Status ${findingId}`, opensOn: '2025-08-01', dueOn: '2025-08-31' })
      .returning();
    const [submission] = await tx.insert(roundSubmissions).values({ municipalityId: mid, roundId: round!.id, departmentId: m.departments.BUF! }).returning();
    const [entry] = await tx
      .insert(statusEntries)
      .values({ municipalityId: mid, submissionId: submission!.id, measureId: measure!.id, status: 'onTrack' })
      .returning();
    await changes.record({ resource: 'statusEntry', resourceId: entry!.id, action: 'create', after: entry });
    return { planId: plan!.id, measureId: measure!.id, statusEntryId: entry!.id };
  });
}

async function uploadPdf(path: string) {
  const body = multipart({ file: { filename: 'bilag.pdf', type: 'application/pdf', content: '%PDF-1.7\nhemmeligt indhold\n' } });
  const res = await ctx.app.inject({
    method: 'POST',
    url: `/api/v1/${path}/evidence`,
    payload: body.payload,
    headers: { ...body.headers, ...(await authHeaders(ctx.app, m.userId)) },
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string };
}

beforeAll(async () => {
  ctx = await createTestContext();
  m = await seedMunicipality(ctx.engine, { slug: 'history-test' });
  other = await seedMunicipality(ctx.engine, { slug: 'history-other' });
  api = client(ctx.app, m.userId);
});
afterAll(() => ctx.close());

describe('history', () => {
  it('lists changes newest first with who made them and the state before and after', async () => {
    const finding = await newFinding(1, 'Første titel');
    await api.patch(`/api/v1/findings/${finding.id}`, { title: 'Anden titel' }, finding.version);
    await api.patch(`/api/v1/findings/${finding.id}`, { title: 'Tredje titel' }, finding.version + 1);

    const res = await api.get<{ items: Entry[]; total: number }>(`/api/v1/history?resource=finding&resourceId=${finding.id}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(3);
    expect(res.body.items.map((e) => [e.action, e.before?.title ?? null, e.after?.title ?? null])).toEqual([
      ['update', 'Anden titel', 'Tredje titel'],
      ['update', 'Første titel', 'Anden titel'],
      ['create', null, 'Første titel'],
    ]);
    const seqs = res.body.items.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(res.body.items[0]).toMatchObject({ userId: m.userId, userName: 'Test Bruger', resource: 'finding', resourceId: finding.id });
    expect(Date.parse(res.body.items[0]!.at)).not.toBeNaN();

    const paged = await api.get<{ items: Entry[]; total: number; limit: number; offset: number }>(`/api/v1/history?resourceId=${finding.id}&limit=1&offset=1`);
    expect(paged.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(paged.body.items.map((e) => e.seq)).toEqual([seqs[1]]);
  });

  it("collects a finding's history with everything under it, deleted children included, and nothing else", async () => {
    const finding = await newFinding(2, 'Balancekonti');
    const unrelated = await newFinding(3, 'Andet emne');
    const tree = await newPlanTree(finding.id);
    await newPlanTree(unrelated.id);
    await api.put(`/api/v1/findings/${finding.id}/council-decision`, { text: 'Borgerrepræsentationen tager bemærkningen til efterretning' });
    const planComment = await api.post(`/api/v1/plans/${tree.planId}/comments`, { body: 'Planen mangler opfølgningspunkter' });
    await api.delete(`/api/v1/comments/${planComment.body.id}`, 1);
    const evidence = await uploadPdf(`status-entries/${tree.statusEntryId}`);
    await api.post(`/api/v1/measures/${tree.measureId}/comments`, { body: 'Tiltaget er konkret' });
    await api.post(`/api/v1/findings/${unrelated.id}/comments`, { body: 'Hører ikke med' });

    const res = await api.get<{ items: Entry[]; total: number }>(`/api/v1/findings/${finding.id}/history`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((e) => `${e.resource}:${e.action}`)).toEqual([
      'comment:create',
      'evidence:create',
      'comment:delete',
      'comment:create',
      'councilDecision:create',
      'statusEntry:create',
      'measure:create',
      'plan:create',
      'finding:create',
    ]);
    expect(res.body.total).toBe(9);
    const upload = res.body.items.find((e) => e.resource === 'evidence')!;
    expect(upload.resourceId).toBe(evidence.id);
    expect(upload.after).toMatchObject({ fileName: 'bilag.pdf', contentType: 'application/pdf' });
    expect(JSON.stringify(upload)).not.toMatch(/hemmeligt|"content"/);

    const page2 = await api.get<{ items: Entry[]; total: number }>(`/api/v1/findings/${finding.id}/history?limit=4&offset=4`);
    expect(page2.body.total).toBe(9);
    expect(page2.body.items.map((e) => e.seq)).toEqual(res.body.items.slice(4, 8).map((e) => e.seq));
    const beyond = await api.get<{ items: Entry[]; total: number }>(`/api/v1/findings/${finding.id}/history?offset=50`);
    expect(beyond.body).toMatchObject({ items: [], total: 9 });
  });

  it("keeps each municipality's history to itself", async () => {
    const finding = await newFinding(4, 'Fortroligt');
    const stranger = client(ctx.app, other.userId);
    expect((await stranger.get(`/api/v1/findings/${finding.id}/history`)).status).toBe(404);
    expect((await api.get(`/api/v1/findings/${crypto.randomUUID()}/history`)).status).toBe(404);
    const theirs = await stranger.get<{ items: Entry[]; total: number }>(`/api/v1/history?resourceId=${finding.id}`);
    expect(theirs.body).toMatchObject({ items: [], total: 0 });
  });

  it('rejects bad paging and filters', async () => {
    for (const url of ['/api/v1/history?limit=0', '/api/v1/history?resourceId=nope', '/api/v1/history?offset=-1']) {
      expect((await api.get(url)).status).toBe(400);
    }
  });
});
