import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/engine.js';
import { client, createTestContext, seedMunicipality, seedUser, type TestContext } from '../../../test/app.js';
import { tableSnapshot } from '../../../test/kit.js';

/**
 * A municipality keeps an active administrator: the last one cannot remove its own admin role,
 * deactivate or delete itself, and nobody can take the last active one away (409 admin.last,
 * nothing changed). Two administrators demoting each other at once: one of them wins.
 */
let ctx: TestContext;

/** Everything a refused command could have touched, and the audit trail. */
const snapshot = () => tableSnapshot(ctx.engine, ['users', 'user_roles', 'api_tokens', 'audit_entries', 'change_log', 'audit_heads']);

const activeAdmins = async (mid: string) =>
  queryRows<{ id: string }>(
    ctx.engine.db,
    sql`select distinct u.id from users u join user_roles r on r.user_id = u.id and r.municipality_id = u.municipality_id where u.municipality_id = ${mid} and r.role = 'admin' and u.active`,
  );

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('the last active administrator', () => {
  it('cannot remove its own admin role, deactivate or delete itself: 409 admin.last, nothing changed', async () => {
    const m = await seedMunicipality(ctx.engine, { slug: 'sidste-admin' });
    const api = client(ctx.app, m.userId);
    const user = await api.get<{ version: number }>(`/api/v1/users/${m.userId}`);
    expect(user.status).toBe(200);
    const before = await snapshot();

    const demote = await api.put(`/api/v1/users/${m.userId}/roles`, { items: [{ role: 'auditor', departmentId: null }] });
    expect(demote.status).toBe(409);
    expect(demote.body.errors).toEqual([
      { field: 'body.items', code: 'admin.last', message: 'Kommunen skal have mindst én aktiv administrator. Giv en anden bruger rollen administrator først.' },
    ]);
    const deactivate = await api.patch(`/api/v1/users/${m.userId}`, { active: false }, user.body.version);
    expect(deactivate.status).toBe(409);
    expect(deactivate.body.errors[0]).toMatchObject({ field: 'body.active', code: 'admin.last' });
    const remove = await api.delete(`/api/v1/users/${m.userId}`, user.body.version);
    expect(remove.status).toBe(409);
    expect(remove.body.errors[0]).toMatchObject({ field: 'path.id', code: 'admin.last' });

    expect(await snapshot()).toEqual(before);
    // Other changes to the last administrator are fine.
    expect(
      (
        await api.put(`/api/v1/users/${m.userId}/roles`, {
          items: [
            { role: 'admin', departmentId: null },
            { role: 'reader', departmentId: null },
          ],
        })
      ).status,
    ).toBe(200);
  });

  it('counts only active administrators: with the other one deactivated, the last active one is still refused', async () => {
    const m = await seedMunicipality(ctx.engine, { slug: 'inaktiv-admin' });
    const other = await seedUser(ctx.engine, m.id, { email: 'anden@inaktiv-admin.example', roles: [{ role: 'admin' }] });
    const api = client(ctx.app, m.userId);
    expect((await api.patch(`/api/v1/users/${other}`, { active: false }, 1)).status).toBe(200);
    const before = await snapshot();
    const demote = await api.put(`/api/v1/users/${m.userId}/roles`, { items: [{ role: 'auditor', departmentId: null }] });
    expect(demote.status).toBe(409);
    expect(demote.body.errors[0].code).toBe('admin.last');
    expect(await snapshot()).toEqual(before);
    expect((await activeAdmins(m.id)).map((r) => r.id)).toEqual([m.userId]);
  });

  it('with another active administrator, steps down; that one is then the last', async () => {
    const m = await seedMunicipality(ctx.engine, { slug: 'to-admins' });
    const other = await seedUser(ctx.engine, m.id, { email: 'anden@to-admins.example', roles: [{ role: 'admin' }] });
    const first = client(ctx.app, m.userId);
    expect((await first.put(`/api/v1/users/${m.userId}/roles`, { items: [{ role: 'auditor', departmentId: null }] })).status).toBe(200);
    const second = client(ctx.app, other);
    const refused = await second.patch(`/api/v1/users/${other}`, { active: false }, 1);
    expect(refused.status).toBe(409);
    expect(refused.body.errors[0].code).toBe('admin.last');
    expect((await activeAdmins(m.id)).map((r) => r.id)).toEqual([other]);
  });

  it('two administrators demoting each other at the same moment: one succeeds, one is refused, one administrator is left', async () => {
    const m = await seedMunicipality(ctx.engine, { slug: 'kapløb' });
    const other = await seedUser(ctx.engine, m.id, { email: 'anden@kapløb.example', roles: [{ role: 'admin' }] });
    const a = client(ctx.app, m.userId);
    const b = client(ctx.app, other);
    // Resolve both tokens first, so the two commands are what races.
    await Promise.all([a.get('/api/v1/auth/session'), b.get('/api/v1/auth/session')]);
    const results = await Promise.all([
      a.put(`/api/v1/users/${other}/roles`, { items: [{ role: 'reader', departmentId: null }] }),
      b.put(`/api/v1/users/${m.userId}/roles`, { items: [{ role: 'reader', departmentId: null }] }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.errors[0].code).toBe('admin.last');
    expect(await activeAdmins(m.id)).toHaveLength(1);
  });
});
