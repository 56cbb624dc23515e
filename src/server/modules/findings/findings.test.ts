import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestContext, seedMunicipality, type SeededMunicipality, type TestContext } from '../../../test/app.js';

let ctx: TestContext;
let m: SeededMunicipality;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  ctx = await createTestContext();
  m = await seedMunicipality(ctx.engine, { slug: 'findings-test', departments: ['ØKF', 'BUF', 'SOF'] });
  api = client(ctx.app, m.userId);
});
afterAll(() => ctx.close());

async function tableCounts() {
  const rows = await ctx.engine.db.execute(
    `select (select count(*)::int from findings) f, (select count(*)::int from recommendations) r, (select count(*)::int from finding_departments) d, (select count(*)::int from change_log) c`,
  );
  return (rows as unknown as { rows: unknown[] }).rows[0];
}

describe('findings', () => {
  it('creates a report and a finding with recommendations and departments, then reads it back', async () => {
    const report = await api.post('/api/v1/reports', { title: 'Revisionsberetning 2024', auditor: 'Ekstern revision', year: 2024, kind: 'annualAccounts' });
    expect(report.status).toBe(201);
    const f = await api.post(`/api/v1/reports/${report.body.id}/findings`, {
      number: 1,
      title: 'Ibrugtagningstilladelser',
      observations: 'Systemer i drift uden tilladelse.',
      grade: 'yellow',
      departments: 'ALL',
      recommendations: ['Vurder gamle systemer', 'Eskaler ikke-godkendte systemer'],
    });
    expect(f.status).toBe(201);
    expect(f.headers.etag).toBe('"1"');
    expect(f.body.recommendations.map((r: { number: number }) => r.number)).toEqual([1, 2]);
    expect(f.body.departments.map((d: { code: string }) => d.code).sort()).toEqual(['BUF', 'SOF', 'ØKF']);
    expect(f.body.departments.every((d: { state: string }) => d.state === 'assigned')).toBe(true);

    const detail = await api.get(`/api/v1/findings/${f.body.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.report.year).toBe(2024);

    const list = await api.get('/api/v1/findings?year=2024&grade=yellow');
    expect(list.body.total).toBe(1);
    expect((await api.get('/api/v1/findings?grade=red')).body.total).toBe(0);
    expect((await api.get(`/api/v1/findings?departmentId=${m.departments.BUF}&state=assigned`)).body.total).toBe(1);
  });

  it('searches findings with Danish stemming', async () => {
    const report = await api.post('/api/v1/reports', { title: 'Løbende revision 2024', auditor: 'Ekstern revision', year: 2023, kind: 'ongoingAudit' });
    await api.post(`/api/v1/reports/${report.body.id}/findings`, {
      number: 1,
      title: 'Balancen',
      observations: 'Afstemningerne af balancekonti mangler dokumentation.',
      departments: 'ALL',
    });
    const hit = await api.get(`/api/v1/findings?q=${encodeURIComponent('afstemning')}`);
    expect(hit.body.items.map((f: { title: string }) => f.title)).toContain('Balancen');
  });

  it('requires If-Match to update and answers 409 with the current version when stale', async () => {
    const report = await api.post('/api/v1/reports', { title: 'R', auditor: 'A', year: 2022, kind: 'annualAccounts' });
    const f = await api.post(`/api/v1/reports/${report.body.id}/findings`, { number: 1, title: 'Første', departments: [m.departments.BUF] });
    expect((await api.patch(`/api/v1/findings/${f.body.id}`, { title: 'Ny' })).status).toBe(428);
    const ok = await api.patch(`/api/v1/findings/${f.body.id}`, { title: 'Ny' }, f.headers.etag as string);
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(2);
    const stale = await api.patch(`/api/v1/findings/${f.body.id}`, { title: 'Gammel' }, f.headers.etag as string);
    expect(stale.status).toBe(409);
    expect(stale.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(stale.body.currentVersion).toBe(2);
    expect(stale.body.current.title).toBe('Ny');
  });

  it('rejects bad input with a problem naming the field and leaves the database unchanged', async () => {
    const report = await api.post('/api/v1/reports', { title: 'R2', auditor: 'A', year: 2021, kind: 'annualAccounts' });
    const before = await tableCounts();
    const cases: [unknown, number, string][] = [
      [{ number: 'one', title: 'x', departments: 'ALL' }, 400, 'body.number'],
      [{ number: 1, title: 'x'.repeat(301), departments: 'ALL' }, 400, 'body.title'],
      [{ number: 1, title: 'x', departments: 'ALL', grade: 'purple' }, 400, 'body.grade'],
      [{ number: 1, title: 'x', departments: ['00000000-0000-4000-8000-000000000000'] }, 422, 'body.departments.0'],
      [{ number: 1, title: 'x', departments: 'ALL', confidential: true }, 422, 'body.confidentialBasis'],
    ];
    for (const [body, status, field] of cases) {
      const res = await api.post(`/api/v1/reports/${report.body.id}/findings`, body);
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    await api.post(`/api/v1/reports/${report.body.id}/findings`, { number: 7, title: 'x', departments: 'ALL' });
    const afterOne = await tableCounts();
    const dup = await api.post(`/api/v1/reports/${report.body.id}/findings`, { number: 7, title: 'y', departments: 'ALL', recommendations: ['a'] });
    expect(dup.status).toBe(409);
    expect(await tableCounts()).toEqual(afterOne);
    expect(before).not.toEqual(afterOne);
  });

  it('moves one department part through closure without touching the others', async () => {
    const report = await api.post('/api/v1/reports', { title: 'R3', auditor: 'A', year: 2020, kind: 'annualAccounts' });
    const f = await api.post(`/api/v1/reports/${report.body.id}/findings`, { number: 1, title: 'Delt', departments: [m.departments.BUF, m.departments.SOF] });
    const part = f.body.departments.find((d: { code: string }) => d.code === 'BUF');
    const bad = await api.put(`/api/v1/findings/${f.body.id}/departments/${m.departments.BUF}/state`, { state: 'closed' }, part.version);
    expect(bad.status).toBe(409);
    expect(bad.body.errors[0].field).toBe('body.state');
  });
});

describe('sorting the findings list', () => {
  it('sorts by grade (severity), title and number in both directions, and refuses an unknown key', async () => {
    const report = await api.post('/api/v1/reports', { title: 'Sortering 2025', auditor: 'Revisionen', year: 2025, kind: 'ongoingAudit' });
    const add = (number: number, title: string, grade: string | null) =>
      api.post(`/api/v1/reports/${report.body.id}/findings`, { number, title, grade, departments: [m.departments.BUF] });
    await add(1, 'Bogføring', 'green');
    await add(2, 'Adgange', null);
    await add(3, 'Certifikater', 'red');
    await add(4, 'Dokumentation', 'yellow');
    const list = async (sort: string) =>
      (await api.get(`/api/v1/findings?reportId=${report.body.id}&sort=${sort}`)).body.items.map((f: { number: number }) => f.number);
    expect(await list('grade')).toEqual([3, 4, 1, 2]);
    expect(await list('-grade')).toEqual([2, 1, 4, 3]);
    expect(await list('title')).toEqual([2, 1, 3, 4]);
    expect(await list('-number')).toEqual([4, 3, 2, 1]);
    const bad = await api.get(`/api/v1/findings?sort=colour`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('querystring.sort');
  });
});

describe('a finding with plans', () => {
  it("counts each plan's measures in the finding's detail", async () => {
    const report = await api.post('/api/v1/reports', { title: 'Tælling 2025', auditor: 'Revisionen', year: 2025, kind: 'ongoingAudit' });
    const f = await api.post(`/api/v1/reports/${report.body.id}/findings`, {
      number: 1,
      title: 'Tiltag tælles',
      departments: [m.departments.BUF, m.departments.SOF],
    });
    await api.post(`/api/v1/findings/${f.body.id}/plans`, {
      departmentId: m.departments.BUF,
      measures: [
        { number: '1', title: 'Et' },
        { number: '2', title: 'To' },
      ],
    });
    await api.post(`/api/v1/findings/${f.body.id}/plans`, { departmentId: m.departments.SOF, measures: [{ number: '1', title: 'Et' }] });
    const detail = await api.get(`/api/v1/findings/${f.body.id}`);
    const counts = Object.fromEntries(detail.body.plans.map((p: { departmentId: string; measureCount: number }) => [p.departmentId, p.measureCount]));
    expect(counts).toEqual({ [m.departments.BUF!]: 2, [m.departments.SOF!]: 1 });
  });
});
