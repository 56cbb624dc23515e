import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestContext, seedMunicipality, type SeededMunicipality, type TestContext } from '../../../test/app.js';
import { actionPlans, measures, userRoles, users } from '../../db/schema/index.js';

let ctx: TestContext;
let m: SeededMunicipality;
let other: SeededMunicipality;
let api: ReturnType<typeof client>;
let colleague: ReturnType<typeof client>;
let findingId: string;
let planId: string;
let measureId: string;

async function counts() {
  const res = await ctx.engine.db.execute(
    `select (select count(*)::int from comments) n, (select count(*)::int from change_log) c, (select string_agg(body || version, '|' order by id) from comments) b`,
  );
  return (res as unknown as { rows: unknown[] }).rows[0];
}

beforeAll(async () => {
  ctx = await createTestContext();
  m = await seedMunicipality(ctx.engine, { slug: 'comments-test' });
  other = await seedMunicipality(ctx.engine, { slug: 'comments-other' });
  api = client(ctx.app, m.userId);
  const [second] = await ctx.engine.db.insert(users).values({ municipalityId: m.id, name: 'Anne Revisor', email: 'anne@comments-test.example' }).returning();
  await ctx.engine.db.insert(userRoles).values({ municipalityId: m.id, userId: second!.id, role: 'auditor' });
  colleague = client(ctx.app, second!.id);
  const report = await api.post('/api/v1/reports', { title: 'Revisionsberetning 2024', auditor: 'Revisor', year: 2024, kind: 'annualAccounts' });
  findingId = (await api.post(`/api/v1/reports/${report.body.id}/findings`, { number: 1, title: 'Ibrugtagningstilladelser', departments: 'ALL' })).body.id;
  // The plans module owns plans and measures; their rows are inserted directly here.
  const [plan] = await ctx.engine.db
    .insert(actionPlans)
    .values({ municipalityId: m.id, subjectKind: 'finding', findingId, departmentId: m.departments.BUF! })
    .returning();
  const [measure] = await ctx.engine.db
    .insert(measures)
    .values({ municipalityId: m.id, planId: plan!.id, position: 1, number: '1', title: 'Vurder gamle systemer' })
    .returning();
  planId = plan!.id;
  measureId = measure!.id;
});
afterAll(() => ctx.close());

describe('comments', () => {
  it('adds comments to findings, plans and measures and lists them oldest first with the author', async () => {
    for (const [path, kind, id] of [
      ['findings', 'finding', findingId],
      ['plans', 'plan', planId],
      ['measures', 'measure', measureId],
    ] as const) {
      const first = await api.post(`/api/v1/${path}/${id}/comments`, { body: `  Første kommentar til ${kind}  ` });
      expect(first.status).toBe(201);
      expect(first.headers.etag).toBe('"1"');
      expect(first.body).toMatchObject({
        target: { kind, id },
        body: `Første kommentar til ${kind}`,
        createdBy: m.userId,
        authorName: 'Test Bruger',
        version: 1,
      });
      const second = await colleague.post(`/api/v1/${path}/${id}/comments`, { body: 'Svar fra revisor' });
      const list = await api.get(`/api/v1/${path}/${id}/comments`);
      expect(list.status).toBe(200);
      expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([first.body.id, second.body.id]);
      expect(list.body.items[1].authorName).toBe('Anne Revisor');
    }
  });

  it('lets only the author edit a comment, with If-Match', async () => {
    const c = await api.post(`/api/v1/findings/${findingId}/comments`, { body: 'Udkast' });
    const before = await counts();
    const foreign = await colleague.patch(`/api/v1/comments/${c.body.id}`, { body: 'Overskrevet' }, c.headers.etag as string);
    expect(foreign.status).toBe(403);
    expect(foreign.body.errors[0].code).toBe('comment.notAuthor');
    expect((await api.patch(`/api/v1/comments/${c.body.id}`, { body: 'Uden version' })).status).toBe(428);
    expect(await counts()).toEqual(before);

    const ok = await api.patch(`/api/v1/comments/${c.body.id}`, { body: 'Rettet' }, c.headers.etag as string);
    expect(ok.status).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    expect(ok.body).toMatchObject({ body: 'Rettet', version: 2 });
    const stale = await api.patch(`/api/v1/comments/${c.body.id}`, { body: 'Gammel' }, c.headers.etag as string);
    expect(stale.status).toBe(409);
    expect(stale.body.current.body).toBe('Rettet');
  });

  it('lets only the author delete a comment', async () => {
    const c = await api.post(`/api/v1/measures/${measureId}/comments`, { body: 'Slettes' });
    const before = await counts();
    expect((await colleague.delete(`/api/v1/comments/${c.body.id}`, 1)).status).toBe(403);
    expect((await api.delete(`/api/v1/comments/${c.body.id}`)).status).toBe(428);
    expect((await api.delete(`/api/v1/comments/${c.body.id}`, 7)).status).toBe(409);
    expect(await counts()).toEqual(before);
    expect((await api.delete(`/api/v1/comments/${c.body.id}`, 1)).status).toBe(204);
    expect((await api.get(`/api/v1/measures/${measureId}/comments`)).body.items.map((x: { id: string }) => x.id)).not.toContain(c.body.id);
  });

  it('rejects empty and too long bodies and unknown targets, leaving the database unchanged', async () => {
    const before = await counts();
    for (const body of [{ body: '   ' }, { body: 'x'.repeat(5001) }, {}]) {
      const res = await api.post(`/api/v1/findings/${findingId}/comments`, body);
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('body.body');
    }
    expect((await api.post(`/api/v1/plans/${crypto.randomUUID()}/comments`, { body: 'Hej' })).status).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it("answers 404 for another municipality's targets and comments", async () => {
    const c = await api.post(`/api/v1/plans/${planId}/comments`, { body: 'Intern' });
    const before = await counts();
    const stranger = client(ctx.app, other.userId);
    expect((await stranger.get(`/api/v1/plans/${planId}/comments`)).status).toBe(404);
    expect((await stranger.post(`/api/v1/findings/${findingId}/comments`, { body: 'Hej' })).status).toBe(404);
    expect((await stranger.patch(`/api/v1/comments/${c.body.id}`, { body: 'Hej' }, 1)).status).toBe(404);
    expect((await stranger.delete(`/api/v1/comments/${c.body.id}`, 1)).status).toBe(404);
    expect(await counts()).toEqual(before);
  });
});
