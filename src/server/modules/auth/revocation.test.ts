import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/engine.js';
import { createTestContext, issueTestToken, seedMunicipality, seedUser, type SeededMunicipality, type TestContext } from '../../../test/app.js';
import { SESSION_COOKIE } from '../../http/actor.js';
import { sha256 } from './secrets.js';
import { provisionUser } from './sso/provision.js';
import type { CodedGrant } from './sso/grants.js';
import { tableSnapshot } from '../../../test/kit.js';

/**
 * A user's API tokens end with the credentials and roles they were made under: a password change
 * or reset, sign-out everywhere, deactivation, a removed role (by an administrator or by the
 * identity provider). Each revocation is in the audit entry of the command that caused it. The
 * password and sign-out-everywhere themselves are refused to a token.
 */
let ctx: TestContext;
let m: SeededMunicipality;
const password = 'nøglen-følger-adgangskoden';
let n = 0;

interface Browser {
  cookie: string;
  csrf: string;
}

async function call(
  who: Browser | string | null,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const auth =
    typeof who === 'string' ? { authorization: `Bearer ${who}` } : who ? { cookie: `${SESSION_COOKIE}=${who.cookie}`, 'x-csrf-token': who.csrf } : {};
  const res = await ctx.app.inject({
    method,
    url,
    headers: { ...auth, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
  return { status: res.statusCode, body: res.body ? (JSON.parse(res.body) as any) : null, headers: res.headers };
}

const admin = () => issueTestToken(ctx.engine.db, m.userId);

/** A user with a password, a browser session and two tokens. */
async function person(roles: { role: 'reader' | 'auditor' | 'measureOwner' | 'centralCoordinator'; departmentId?: string }[] = [{ role: 'auditor' }]) {
  const email = `person${++n}@nogler.example`;
  const id = await seedUser(ctx.engine, m.id, { email, roles });
  expect((await call(await admin(), 'PUT', `/api/v1/users/${id}/password`, { password })).status).toBe(204);
  const login = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ email, password }),
  });
  expect(login.statusCode).toBe(200);
  const browser = { cookie: login.cookies.find((c) => c.name === SESSION_COOKIE)!.value, csrf: login.json().csrfToken as string };
  // One token made the way an integration gets one (from the session), one inserted directly.
  const made = await call(browser, 'POST', '/api/v1/tokens', { name: 'ESDH', scopes: ['read', 'write'], expiresInDays: 30 });
  expect(made.status).toBe(201);
  const tokens = [made.body.token as string, await issueTestToken(ctx.engine.db, id, ['read'])];
  for (const t of tokens) expect(await works(t)).toBe(200);
  return { id, email, browser, tokens };
}

const works = async (token: string) => (await call(token, 'GET', '/api/v1/auth/session')).status;

/** The revocations recorded for these tokens: the reason, and the command (audit entry) that carried them. */
async function revocations(tokens: string[]) {
  const hashes = tokens.map(sha256);
  return queryRows<{ reason: string; entry: string; revokedAt: string | null }>(
    ctx.engine.db,
    sql`select c.after->>'reason' as reason, e.resource || ':' || e.action as entry, c.after->>'revokedAt' as "revokedAt"
          from api_tokens t join change_log c on c.municipality_id = t.municipality_id and c.resource_id = t.id and c.resource = 'apiToken' and c.action = 'revoke'
          join audit_entries e on e.municipality_id = c.municipality_id and e.seq = c.audit_seq
         where t.token_hash in (${sql.join(
           hashes.map((h) => sql`${h}`),
           sql`, `,
         )}) order by c.seq`,
  );
}

async function expectRevoked(tokens: string[], reason: string, entry: string) {
  for (const t of tokens) expect(await works(t)).toBe(401);
  const rows = await revocations(tokens);
  expect(rows.map(({ reason, entry }) => ({ reason, entry }))).toEqual(tokens.map(() => ({ reason, entry })));
  for (const r of rows) expect(r.revokedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
}

/** Everything a refused call could have touched. */
const snapshot = () =>
  tableSnapshot(ctx.engine, ['users', 'user_roles', 'user_credentials', 'sessions', 'api_tokens', 'audit_entries', 'change_log', 'audit_heads']);

beforeAll(async () => {
  ctx = await createTestContext({ config: { loginRateLimit: 1000 } });
  m = await seedMunicipality(ctx.engine, { slug: 'nogler' });
});
afterAll(() => ctx.close());

describe('API tokens are revoked', () => {
  it('when the user changes the password (the session that changed it stays)', async () => {
    const p = await person();
    const bystander = await person();
    expect((await call(p.browser, 'POST', '/api/v1/auth/password', { currentPassword: password, newPassword: `${password}-ny` })).status).toBe(204);
    await expectRevoked(p.tokens, 'passwordChanged', 'user:setPassword');
    expect((await call(p.browser, 'GET', '/api/v1/account')).status).toBe(200);
    // Only the user's own tokens.
    for (const t of bystander.tokens) expect(await works(t)).toBe(200);
    const listed = await call(p.browser, 'GET', '/api/v1/tokens');
    expect(listed.body.items.map((t: { revokedAt: string | null }) => t.revokedAt !== null)).toEqual([true, true]);
  });

  it('when an administrator resets the password', async () => {
    const p = await person();
    expect((await call(await admin(), 'PUT', `/api/v1/users/${p.id}/password`, { password: `${password}-nulstillet` })).status).toBe(204);
    await expectRevoked(p.tokens, 'passwordReset', 'user:setPassword');
  });

  it('on sign-out everywhere', async () => {
    const p = await person();
    expect((await call(p.browser, 'POST', '/api/v1/auth/logout-everywhere')).status).toBe(204);
    await expectRevoked(p.tokens, 'signOutEverywhere', 'user:signOutEverywhere');
    expect((await call(p.browser, 'GET', '/api/v1/account')).status).toBe(401);
  });

  it('on deactivation, and they stay revoked when the user is activated again', async () => {
    const p = await person();
    const token = await admin();
    expect((await call(token, 'PATCH', `/api/v1/users/${p.id}`, { active: false }, { 'if-match': '"1"' })).status).toBe(200);
    await expectRevoked(p.tokens, 'deactivated', 'user:update');
    expect((await call(token, 'PATCH', `/api/v1/users/${p.id}`, { active: true }, { 'if-match': '"2"' })).status).toBe(200);
    for (const t of p.tokens) expect(await works(t)).toBe(401);
    // A change that is not a deactivation leaves the tokens alone.
    const q = await person();
    expect((await call(token, 'PATCH', `/api/v1/users/${q.id}`, { title: 'Revisor' }, { 'if-match': '"1"' })).status).toBe(200);
    for (const t of q.tokens) expect(await works(t)).toBe(200);
    expect(await revocations(q.tokens)).toEqual([]);
  });

  it('when an administrator removes a role (a department role moved counts), not when one is only added', async () => {
    const token = await admin();
    const added = await person([{ role: 'reader' }]);
    expect(
      (
        await call(token, 'PUT', `/api/v1/users/${added.id}/roles`, {
          items: [
            { role: 'reader', departmentId: null },
            { role: 'auditor', departmentId: null },
          ],
        })
      ).status,
    ).toBe(200);
    for (const t of added.tokens) expect(await works(t)).toBe(200);
    expect(await revocations(added.tokens)).toEqual([]);

    const removed = await person([{ role: 'reader' }, { role: 'auditor' }]);
    expect((await call(token, 'PUT', `/api/v1/users/${removed.id}/roles`, { items: [{ role: 'reader', departmentId: null }] })).status).toBe(200);
    await expectRevoked(removed.tokens, 'roleRemoved', 'user:setRoles');

    const moved = await person([{ role: 'measureOwner', departmentId: m.departments.BUF! }]);
    expect((await call(token, 'PUT', `/api/v1/users/${moved.id}/roles`, { items: [{ role: 'measureOwner', departmentId: m.departments.ØKF }] })).status).toBe(
      200,
    );
    await expectRevoked(moved.tokens, 'roleRemoved', 'user:setRoles');
  });

  it('when single sign-on replaces the roles with fewer, not when it brings the same ones', async () => {
    const identity = (grants: CodedGrant[]) => ({
      provider: 'oidc' as const,
      issuer: 'https://idp.nogler.example',
      subject: 'sso-1',
      email: 'sso@nogler.example',
      name: 'Sif SSO',
      grants,
    });
    const log = () => {};
    const userId = await provisionUser(
      ctx.engine.db,
      m.id,
      identity([
        { role: 'auditor', departmentCode: null },
        { role: 'reader', departmentCode: null },
      ]),
      log,
    );
    const tokens = [await issueTestToken(ctx.engine.db, userId), await issueTestToken(ctx.engine.db, userId, ['read'])];
    await provisionUser(
      ctx.engine.db,
      m.id,
      identity([
        { role: 'auditor', departmentCode: null },
        { role: 'reader', departmentCode: null },
      ]),
      log,
    );
    for (const t of tokens) expect(await works(t)).toBe(200);
    expect(await provisionUser(ctx.engine.db, m.id, identity([{ role: 'reader', departmentCode: null }]), log)).toBe(userId);
    await expectRevoked(tokens, 'ssoRoleRemoved', 'user:setRoles');
  });
});

describe('a token may not change the password or sign out everywhere', () => {
  it('answers 403 naming the token, and changes nothing', async () => {
    const p = await person();
    const [writeToken] = p.tokens;
    await works(writeToken!); // the token's last use is recorded before the snapshot
    const before = await snapshot();
    const change = await call(writeToken!, 'POST', '/api/v1/auth/password', { currentPassword: password, newPassword: `${password}-via-nøgle` });
    expect(change.status).toBe(403);
    expect(change.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(change.body.errors).toEqual([
      {
        field: 'header.authorization',
        code: 'token.notAllowed',
        message: 'En API-nøgle kan ikke skifte adgangskode eller logge ud overalt; log ind i en browser',
      },
    ]);
    const everywhere = await call(writeToken!, 'POST', '/api/v1/auth/logout-everywhere', undefined, { 'accept-language': 'en' });
    expect(everywhere.status).toBe(403);
    expect(everywhere.body.errors[0]).toMatchObject({ field: 'header.authorization', code: 'token.notAllowed' });
    expect(await snapshot()).toEqual(before);
    // The session may; the account page offers it only there.
    expect((await call(writeToken!, 'GET', '/api/v1/account')).body.actions).toMatchObject({ changePassword: false, signOutEverywhere: false });
    expect((await call(p.browser, 'GET', '/api/v1/account')).body.actions).toMatchObject({ changePassword: true, signOutEverywhere: true });
  });
});
