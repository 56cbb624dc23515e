import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestContext, seedMunicipality, seedUser, type SeededMunicipality, type TestContext } from '../../../test/app.js';

/**
 * Readers (politicians, the public) see approved plans of findings that are not confidential:
 * a confidential finding is invisible to them in lists, detail, search and the overview's
 * figures, and so are plans not yet approved. Staff see everything.
 */
let ctx: TestContext;
let m: SeededMunicipality;
let admin: ReturnType<typeof client>;
let reader: ReturnType<typeof client>;
let coordinator: ReturnType<typeof client>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  m = await seedMunicipality(ctx.engine, { slug: 'synlig', departments: ['ØKF', 'BUF'] });
  admin = client(ctx.app, m.userId);
  reader = client(ctx.app, await seedUser(ctx.engine, m.id, { email: 'politiker@synlig.example', roles: [{ role: 'reader' }] }));
  coordinator = client(
    ctx.app,
    await seedUser(ctx.engine, m.id, { email: 'koord@synlig.example', roles: [{ role: 'departmentCoordinator', departmentId: m.departments.BUF! }] }),
  );
  const report = await admin.post('/api/v1/reports', { title: 'Løbende revision 2025', auditor: 'Revisionen', year: 2025, kind: 'ongoingAudit' });
  const finding = (number: number, title: string, confidential: boolean) =>
    admin.post(`/api/v1/reports/${report.body.id}/findings`, {
      number,
      title,
      observations: `${title}: firewallregler gennemgås ikke`,
      confidential,
      confidentialBasis: confidential ? 'offentlighedsloven § 33' : null,
      departments: [m.departments.BUF],
      recommendations: ['Gennemgå firewallreglerne'],
    });
  ids.secret = (await finding(1, 'Netværkssegmentering', true)).body.id;
  ids.open = (await finding(2, 'Netværksdokumentation', false)).body.id;
  const plan = (findingId: string | undefined) =>
    admin.post(`/api/v1/findings/${findingId}/plans`, {
      departmentId: m.departments.BUF,
      problem: 'Firewallregler',
      measures: [{ number: '1', title: 'Gennemgå firewallregler', deadline: 'Q2-2026' }],
    });
  ids.secretPlan = (await plan(ids.secret)).body.id;
  ids.approvedPlan = (await plan(ids.open)).body.id;
  await ctx.engine.db.execute(sql`update action_plans set state = 'approved' where id in (${ids.secretPlan}, ${ids.approvedPlan})`);
  const draft = await admin.post(`/api/v1/reports/${report.body.id}/findings`, {
    number: 3,
    title: 'Logning',
    observations: 'Firewall-logning mangler',
    departments: [m.departments.BUF],
  });
  ids.draftPlan = (await plan(draft.body.id)).body.id;
});
afterAll(() => ctx.close());

describe('what a reader sees', () => {
  it('lists no confidential finding, even when asked for one', async () => {
    const all = await reader.get('/api/v1/findings');
    expect(all.body.items.map((f: { id: string }) => f.id)).not.toContain(ids.secret);
    expect(all.body.items.map((f: { id: string }) => f.id)).toContain(ids.open);
    expect((await reader.get('/api/v1/findings?confidential=true')).body.items).toEqual([]);
    expect((await admin.get('/api/v1/findings?confidential=true')).body.items.map((f: { id: string }) => f.id)).toEqual([ids.secret]);
  });

  it('answers 404 for a confidential finding and its plan, and for a plan not yet approved', async () => {
    expect((await reader.get(`/api/v1/findings/${ids.secret}`)).status).toBe(404);
    expect((await reader.get(`/api/v1/plans/${ids.secretPlan}`)).status).toBe(404);
    expect((await reader.get(`/api/v1/plans/${ids.draftPlan}`)).status).toBe(404);
    expect((await reader.get(`/api/v1/plans/${ids.approvedPlan}`)).status).toBe(200);
    expect((await coordinator.get(`/api/v1/findings/${ids.secret}`)).status).toBe(200);
    expect((await coordinator.get(`/api/v1/plans/${ids.draftPlan}`)).status).toBe(200);
  });

  it('lists only approved plans of open findings', async () => {
    const plans = (await reader.get('/api/v1/plans')).body.items.map((p: { id: string }) => p.id);
    expect(plans).toEqual([ids.approvedPlan]);
    expect((await admin.get('/api/v1/plans')).body.items).toHaveLength(3);
  });

  it('finds nothing confidential or unapproved in search', async () => {
    const hits = (await reader.get('/api/v1/search?q=firewallregler')).body.items as { findingId: string; planId: string | null }[];
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.filter((h) => h.findingId === ids.secret || h.planId === ids.draftPlan)).toEqual([]);
    const staff = (await admin.get('/api/v1/search?q=firewallregler')).body.items as { findingId: string }[];
    expect(staff.some((h) => h.findingId === ids.secret)).toBe(true);
  });

  it("leaves confidential findings out of the overview's figures", async () => {
    const total = async (api: typeof admin) => (await api.get('/api/v1/overview')).body.total.findings;
    const forReader = await total(reader);
    const forStaff = await total(admin);
    const sum = (f: Record<string, unknown>) => Object.values(f.byState as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(sum(forStaff) - sum(forReader)).toBe(1);
  });

  it('refuses internal material: comments, evidence, history, users', async () => {
    expect((await reader.get(`/api/v1/findings/${ids.open}/comments`)).status).toBe(403);
    expect((await reader.get(`/api/v1/findings/${ids.open}/evidence`)).status).toBe(403);
    expect((await reader.get('/api/v1/users')).status).toBe(403);
    expect((await reader.post(`/api/v1/findings/${ids.open}/comments`, { body: 'Spørgsmål' })).status).toBe(403);
  });
});
