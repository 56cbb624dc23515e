import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestContext, seedMunicipality, type SeededMunicipality, type TestContext } from '../../../test/app.js';

let ctx: TestContext;
let m: SeededMunicipality;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  ctx = await createTestContext();
  m = await seedMunicipality(ctx.engine, { slug: 'patch-defaults', departments: ['BUF'] });
  api = client(ctx.app, m.userId);
});
afterAll(() => ctx.close());

/** A PATCH changes the fields it names and nothing else: the create body's defaults do not apply. */
describe('a partial update', () => {
  it('keeps a finding’s observations and recommendations when only the confidentiality changes', async () => {
    const report = await api.post('/api/v1/reports', { title: 'R', auditor: 'A', year: 2024, kind: 'annualAccounts' });
    const f = await api.post(`/api/v1/reports/${report.body.id}/findings`, {
      number: 1,
      title: 'T',
      observations: 'Observeret.',
      recommendations: ['Gør noget'],
      departments: [m.departments.BUF],
    });
    const patched = await api.patch(
      `/api/v1/findings/${f.body.id}`,
      { confidential: true, confidentialBasis: 'offentlighedsloven § 30' },
      f.headers.etag as string,
    );
    expect(patched.status).toBe(200);
    expect(patched.body.confidential).toBe(true);
    expect(patched.body.observations).toBe('Observeret.');
    expect(patched.body.recommendations.map((r: { text: string }) => r.text)).toEqual(['Gør noget']);
  });

  it('keeps a deactivated user deactivated when the name changes', async () => {
    const u = await api.post('/api/v1/users', { name: 'Ida', email: 'ida@patch.example', active: false });
    const renamed = await api.patch(`/api/v1/users/${u.body.id}`, { name: 'Ida Holm' }, u.headers.etag as string);
    expect(renamed.status).toBe(200);
    expect(renamed.body.active).toBe(false);
  });
});
