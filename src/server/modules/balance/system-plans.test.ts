import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestContext, seedMunicipality, seedUser, type SeededMunicipality, type TestContext } from '../../../test/app.js';
import { kr, tableSnapshot } from '../../../test/kit.js';

let ctx: TestContext;
let m: SeededMunicipality;
let central: ReturnType<typeof client>;

/** The tables a system plan writes, and the audit trail: equal snapshots mean nothing changed. */
const snapshot = () =>
  tableSnapshot(ctx.engine, ['action_plans', 'measures', 'deadline_revisions', 'system_reconciliations', 'audit_entries', 'change_log', 'audit_heads']);

const record = async (system: string, differenceOre: number) => {
  const res = await central.post('/api/v1/system-reconciliations', {
    system,
    target: 'debtorSystem',
    period: '2024-12',
    departmentId: m.departments.BIF,
    differenceOre,
    explanation: 'Betalinger ikke overført',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; actionPlan: unknown };
};

beforeAll(async () => {
  ctx = await createTestContext();
  m = await seedMunicipality(ctx.engine, { slug: 'sysplans-test', departments: ['ØKF', 'BIF'] });
  central = client(ctx.app, m.userId);
});
afterAll(() => ctx.close());

describe('POST /system-reconciliations/{id}/action-plan', () => {
  it('creates the plan for the system owner’s department, with the difference as its subject, and lists it on the entry', async () => {
    const entry = await record('KY', kr(-30_000));
    expect(entry.actionPlan).toBeNull();
    const res = await central.post(`/api/v1/system-reconciliations/${entry.id}/action-plan`, { responsible: 'BIF Økonomi', deadline: '30.06.2025' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      subjectKind: 'systemReconciliation',
      findingId: null,
      account: null,
      systemReconciliation: { id: entry.id, system: 'KY', target: 'debtorSystem', period: '2024-12', differenceOre: kr(-30_000) },
      departmentId: m.departments.BIF,
      problem: 'Betalinger ikke overført',
      extent: expect.stringContaining('KY'),
      state: 'draft',
    });
    expect(res.body.measures).toHaveLength(1);
    expect(res.body.measures[0]).toMatchObject({ number: '1', responsiblePerson: 'BIF Økonomi' });
    const [listed] = (await central.get('/api/v1/system-reconciliations?system=KY')).body;
    expect(listed.actionPlan).toEqual({ id: res.body.id, state: 'draft', deadline: expect.any(String) });
    expect((await central.get(`/api/v1/plans/${res.body.id}`)).body.systemReconciliation.id).toBe(entry.id);
    // The guidance check holds the plan to the general rules only: a measure with a deadline and a responsible is enough.
    const check = await central.get(`/api/v1/plans/${res.body.id}/check`);
    expect(check.status, JSON.stringify(check.body)).toBe(200);
    expect(check.body.breaches.filter((b: { severity: string }) => b.severity === 'error')).toEqual([]);
    // The matching engine's next figure updates the entry; the plan stays with it.
    const again = await central.post('/api/v1/system-reconciliations', {
      system: 'KY',
      target: 'debtorSystem',
      period: '2024-12',
      departmentId: m.departments.BIF,
      differenceOre: kr(-1_000),
    });
    expect(again.body.actionPlan?.id).toBe(res.body.id);
  });

  it('refuses a second plan (409), an entry without a difference and a bad deadline (422), other departments (403) and readers (404), changing nothing', async () => {
    const ky = (await central.get('/api/v1/system-reconciliations?system=KY')).body[0].id as string;
    const zero = await record('SAPA', 0);
    const open = await record('OPUS', kr(12_500));
    const okf = await seedUser(ctx.engine, m.id, {
      email: 'okf@sysplans.example',
      roles: [{ role: 'departmentCoordinator', departmentId: m.departments['ØKF'] }],
    });
    const reader = await seedUser(ctx.engine, m.id, { email: 'reader@sysplans.example', roles: [{ role: 'reader' }] });
    const before = await snapshot();
    const body = { responsible: 'BIF Økonomi', deadline: '30.06.2025' };
    const second = await central.post(`/api/v1/system-reconciliations/${ky}/action-plan`, body);
    expect(second.status).toBe(409);
    const none = await central.post(`/api/v1/system-reconciliations/${zero.id}/action-plan`, body);
    expect(none.status).toBe(422);
    expect(none.body.errors).toEqual([expect.objectContaining({ field: 'systemReconciliation.differenceOre', code: 'actionPlan.notNeeded' })]);
    const bad = await central.post(`/api/v1/system-reconciliations/${open.id}/action-plan`, { responsible: 'BIF Økonomi', deadline: 'når vi får tid' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('body.deadline');
    expect((await client(ctx.app, okf).post(`/api/v1/system-reconciliations/${open.id}/action-plan`, body)).status).toBe(403);
    expect((await client(ctx.app, reader).post(`/api/v1/system-reconciliations/${open.id}/action-plan`, body)).status).toBe(404);
    expect((await central.post(`/api/v1/system-reconciliations/00000000-0000-4000-8000-000000000000/action-plan`, body)).status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });
});
