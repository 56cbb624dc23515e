import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/engine.js';
import { client, createTestContext, seedMunicipality, seedUser, type SeededMunicipality, type TestContext } from '../../../test/app.js';
import { tableSnapshot } from '../../../test/kit.js';

/** The municipality's settings: read by everyone signed in, changed by an administrator only, each refusal changing nothing. */
let ctx: TestContext;
let m: SeededMunicipality;
let admin: ReturnType<typeof client>;
let central: ReturnType<typeof client>;

const snapshot = () => tableSnapshot(ctx.engine, ['municipalities', 'audit_entries', 'change_log', 'audit_heads']);

beforeAll(async () => {
  ctx = await createTestContext();
  m = await seedMunicipality(ctx.engine, { slug: 'indstillinger' });
  admin = client(ctx.app, m.userId);
  central = client(ctx.app, await seedUser(ctx.engine, m.id, { email: 'central@indstillinger.example', roles: [{ role: 'centralCoordinator' }] }));
});
afterAll(() => ctx.close());

describe('municipality settings', () => {
  it('shows every setting with the actions the caller may take', async () => {
    const a = await admin.get('/api/v1/municipality');
    expect(a.status).toBe(200);
    expect(a.headers.etag).toBe('"1"');
    expect(a.body).toMatchObject({
      slug: 'indstillinger',
      language: 'da',
      vocabulary: 'DK',
      currency: 'DKK',
      timeZone: 'Europe/Copenhagen',
      personalDataRoles: ['admin', 'centralCoordinator', 'departmentCoordinator'],
      actions: { update: true },
    });
    expect((await central.get('/api/v1/municipality')).body.actions).toEqual({ update: false });
  });

  it('lets an administrator change name, language, vocabulary, currency, time zone and who may see personal data, audited', async () => {
    const before = await admin.get('/api/v1/municipality');
    const res = await admin.patch(
      '/api/v1/municipality',
      {
        name: 'Indstillingsby',
        language: 'sv',
        vocabulary: 'SE',
        currency: 'SEK',
        timeZone: 'Europe/Stockholm',
        personalDataRoles: ['centralCoordinator', 'auditor'],
      },
      before.headers.etag as string,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.headers.etag).toBe(`"${before.body.version + 1}"`);
    expect(res.body).toMatchObject({
      name: 'Indstillingsby',
      language: 'sv',
      vocabulary: 'SE',
      currency: 'SEK',
      timeZone: 'Europe/Stockholm',
      personalDataRoles: ['centralCoordinator', 'auditor'],
    });
    const [entry] = await queryRows<{ action: string; after: { timeZone: string } }>(
      ctx.engine.db,
      sql`select action, after from change_log where municipality_id = ${m.id} and resource = 'municipality' order by audit_seq desc limit 1`,
    );
    expect(entry).toMatchObject({ action: 'update', after: { timeZone: 'Europe/Stockholm' } });
    // The new zone and language reach the next request's actor: problem texts now come in Swedish.
    const refused = await central.patch('/api/v1/municipality', { name: 'X' }, res.body.version);
    expect(refused.body.title).toBe('Inte tillåtet');
    const back = await admin.patch(
      '/api/v1/municipality',
      { name: 'indstillinger kommune', language: 'da', vocabulary: 'DK', currency: 'DKK', timeZone: 'Europe/Copenhagen' },
      res.body.version,
    );
    expect(back.status).toBe(200);
  });

  it('refuses another role, an unknown time zone, a role that may never see personal data, a stale version and a missing If-Match, changing nothing', async () => {
    const current = await admin.get('/api/v1/municipality');
    const etag = current.headers.etag as string;
    const before = await snapshot();

    const forbidden = await central.patch('/api/v1/municipality', { name: 'Kuppet' }, etag);
    expect(forbidden.status).toBe(403);

    const zone = await admin.patch('/api/v1/municipality', { timeZone: 'Europe/Atlantis' }, etag);
    expect(zone.status).toBe(422);
    expect(zone.body.errors).toEqual([expect.objectContaining({ field: 'body.timeZone', code: 'timeZone.unknown' })]);
    expect((await admin.patch('/api/v1/municipality', { timeZone: 'CET-ish' }, etag)).status).toBe(422);

    const reader = await admin.patch('/api/v1/municipality', { personalDataRoles: ['admin', 'reader'] }, etag);
    expect(reader.status).toBe(400);
    expect(reader.body.errors[0].field).toBe('body.personalDataRoles.1');
    const twice = await admin.patch('/api/v1/municipality', { personalDataRoles: ['admin', 'admin'] }, etag);
    expect(twice.status).toBe(400);

    const stale = await admin.patch('/api/v1/municipality', { name: 'Gammel' }, current.body.version - 1);
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ version: current.body.version, name: current.body.name });

    expect((await admin.patch('/api/v1/municipality', { name: 'Uden version' })).status).toBe(428);
    expect(await snapshot()).toEqual(before);
  });
});
