import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/engine.js';
import { createTestContext, issueTestToken, seedMunicipality, seedUser, type SeededMunicipality, type TestContext } from '../../../test/app.js';
import { SESSION_COOKIE } from '../../http/actor.js';
import { totpCode } from './totp.js';
import { LOCKOUT_THRESHOLD } from './service.js';
import { passwordVerifications } from './secrets.js';

/** Local sign-in over HTTP: password, TOTP, sessions, CSRF, lockout, tokens and the security headers. */
let ctx: TestContext;
let m: SeededMunicipality;
let coordinatorId: string;
const password = 'korrekt-hest-batteri-hæfteklamme';

interface Browser {
  cookie: string | null;
  csrf: string | null;
}

async function call(
  browser: Browser | null,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await ctx.app.inject({
    method,
    url,
    headers: {
      ...(browser?.cookie ? { cookie: `${SESSION_COOKIE}=${browser.cookie}` } : {}),
      ...(browser?.csrf ? { 'x-csrf-token': browser.csrf } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
  const set = res.cookies.find((c) => c.name === SESSION_COOKIE);
  if (browser && set) browser.cookie = set.value || null;
  return { status: res.statusCode, body: res.body ? (JSON.parse(res.body) as any) : null, headers: res.headers, cookie: set };
}

async function signIn(email: string, pw: string, browser: Browser = { cookie: null, csrf: null }) {
  const res = await call(browser, 'POST', '/api/v1/auth/login', { email, password: pw });
  if (res.status === 200) browser.csrf = res.body.csrfToken;
  return { res, browser };
}

async function setPassword(userId: string, pw: string, adminId = m.userId) {
  const admin = { authorization: `Bearer ${await issueTestToken(ctx.engine.db, adminId)}` };
  const res = await call(null, 'PUT', `/api/v1/users/${userId}/password`, { password: pw }, admin);
  expect(res.status).toBe(204);
}

const sessionCount = async () => (await queryRows<{ n: number }>(ctx.engine.db, sql`select count(*)::int as n from sessions`))[0]!.n;

beforeAll(async () => {
  ctx = await createTestContext({ config: { loginRateLimit: 1000, sessionIdleMinutes: 30 } });
  m = await seedMunicipality(ctx.engine, { slug: 'login', departments: ['ØKF', 'BUF'] });
  coordinatorId = await seedUser(ctx.engine, m.id, {
    email: 'koordinator@login.example',
    name: 'Kim Koordinator',
    roles: [{ role: 'departmentCoordinator', departmentId: m.departments.BUF! }],
  });
  await setPassword(coordinatorId, password);
});
afterAll(() => ctx.close());

describe('password sign-in', () => {
  it('signs in, sets a HttpOnly SameSite=Lax cookie, and answers who is signed in with roles', async () => {
    const { res, browser } = await signIn('KOORDINATOR@login.example', password);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('signedIn');
    expect(res.cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(res.cookie!.secure).toBeFalsy(); // plain http in the test; https sets Secure (next test)
    const me = await call(browser, 'GET', '/api/v1/auth/session');
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe('koordinator@login.example');
    expect(me.body.roles).toEqual([{ role: 'departmentCoordinator', departmentId: m.departments.BUF }]);
    expect(me.body.csrfToken).toBe(browser.csrf);
    // The token is stored only as its hash.
    const [row] = await queryRows<{ id_hash: string }>(ctx.engine.db, sql`select id_hash from sessions limit 1`);
    expect(row!.id_hash).not.toBe(browser.cookie);
    expect(row!.id_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('marks the cookie Secure behind TLS (here: a trusted proxy that terminated https)', async () => {
    const proxied = await createTestContext({ config: { trustProxy: true } });
    try {
      const mm = await seedMunicipality(proxied.engine, { slug: 'proxy' });
      const admin = { authorization: `Bearer ${await issueTestToken(proxied.engine.db, mm.userId)}`, 'content-type': 'application/json' };
      await proxied.app.inject({ method: 'PUT', url: `/api/v1/users/${mm.userId}/password`, headers: admin, payload: JSON.stringify({ password }) });
      const login = (proto: string) =>
        proxied.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          headers: { 'content-type': 'application/json', 'x-forwarded-proto': proto },
          payload: JSON.stringify({ email: 'test@proxy.example', password }),
        });
      expect((await login('https')).cookies.find((c) => c.name === SESSION_COOKIE)?.secure).toBe(true);
      expect((await login('http')).cookies.find((c) => c.name === SESSION_COOKIE)?.secure).toBeFalsy();
    } finally {
      await proxied.close();
    }
  });

  it('gives one generic answer for a wrong password, an unknown user and an empty password', async () => {
    const wrong = await signIn('koordinator@login.example', 'forkert-adgangskode');
    const unknown = await signIn('ingen@login.example', password);
    expect(wrong.res.status).toBe(401);
    expect(unknown.res.status).toBe(401);
    expect(wrong.res.body.detail).toBe(unknown.res.body.detail);
    expect(wrong.res.cookie).toBeUndefined();
    const empty = await call(null, 'POST', '/api/v1/auth/login', { email: 'koordinator@login.example', password: '' });
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].field).toBe('body.password');
  });

  it('rotates the session on sign-in: the old cookie stops working', async () => {
    const first = await signIn('koordinator@login.example', password);
    const old = first.browser.cookie!;
    const second = await signIn('koordinator@login.example', password, first.browser);
    expect(second.browser.cookie).not.toBe(old);
    const stale = await call({ cookie: old, csrf: null }, 'GET', '/api/v1/auth/session');
    expect(stale.status).toBe(401);
  });

  it('refuses a tampered cookie and a cookie of a deleted session', async () => {
    const { browser } = await signIn('koordinator@login.example', password);
    const tampered = browser.cookie!.slice(0, -2) + (browser.cookie!.endsWith('AA') ? 'BB' : 'AA');
    expect((await call({ cookie: tampered, csrf: null }, 'GET', '/api/v1/auth/session')).status).toBe(401);
    expect((await call(browser, 'POST', '/api/v1/auth/logout')).status).toBe(204);
    expect((await call(browser, 'GET', '/api/v1/auth/session')).status).toBe(401);
  });

  it('ends a session after the idle timeout and after the absolute timeout', async () => {
    const idle = await signIn('koordinator@login.example', password);
    await ctx.engine.db.execute(sql`update sessions set last_seen_at = now() - interval '31 minutes'`);
    expect((await call(idle.browser, 'GET', '/api/v1/auth/session')).status).toBe(401);
    const absolute = await signIn('koordinator@login.example', password);
    await ctx.engine.db.execute(sql`update sessions set expires_at = now() - interval '1 second'`);
    expect((await call(absolute.browser, 'GET', '/api/v1/auth/session')).status).toBe(401);
  });

  it('logs out everywhere', async () => {
    const a = await signIn('koordinator@login.example', password);
    const b = await signIn('koordinator@login.example', password);
    expect((await call(a.browser, 'POST', '/api/v1/auth/logout-everywhere')).status).toBe(204);
    expect((await call(b.browser, 'GET', '/api/v1/auth/session')).status).toBe(401);
  });
});

describe('CSRF', () => {
  it('refuses a change from a cookie session without the CSRF token, and allows it with', async () => {
    const { browser } = await signIn('koordinator@login.example', password);
    const body = { name: 'Integration', scopes: ['read'], expiresInDays: 1 };
    const before = (await queryRows<{ n: number }>(ctx.engine.db, sql`select count(*)::int as n from api_tokens`))[0]!.n;
    const missing = await call({ cookie: browser.cookie, csrf: null }, 'POST', '/api/v1/tokens', body);
    expect(missing.status).toBe(403);
    const wrong = await call({ cookie: browser.cookie, csrf: 'x'.repeat(43) }, 'POST', '/api/v1/tokens', body);
    expect(wrong.status).toBe(403);
    expect((await queryRows<{ n: number }>(ctx.engine.db, sql`select count(*)::int as n from api_tokens`))[0]!.n).toBe(before);
    const ok = await call(browser, 'POST', '/api/v1/tokens', body);
    expect(ok.status).toBe(201);
  });
});

describe('API tokens', () => {
  it('creates a token shown once, stores only its hash, limits it to its scope, and revokes it', async () => {
    const { browser } = await signIn('koordinator@login.example', password);
    const created = await call(browser, 'POST', '/api/v1/tokens', { name: 'Læseadgang', scopes: ['read'], expiresInDays: 30 });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    expect(token).toMatch(/^tls_/);
    const stored = await queryRows<{ token_hash: string }>(ctx.engine.db, sql`select token_hash from api_tokens where id = ${created.body.id}`);
    expect(stored[0]!.token_hash).not.toContain(token);
    const bearer = { authorization: `Bearer ${token}` };
    expect((await call(null, 'GET', '/api/v1/findings', undefined, bearer)).status).toBe(200);
    // Read scope cannot write.
    expect((await call(null, 'POST', '/api/v1/findings/00000000-0000-4000-8000-000000000000/comments', { body: 'x' }, bearer)).status).toBe(403);
    // A token cannot mint tokens (only a signed-in person can).
    const writeToken = await call(browser, 'POST', '/api/v1/tokens', { name: 'Skriv', scopes: ['read', 'write'], expiresInDays: 1 });
    expect((await call(null, 'POST', '/api/v1/tokens', { name: 'x', scopes: ['read'] }, { authorization: `Bearer ${writeToken.body.token}` })).status).toBe(
      403,
    );
    expect((await call(browser, 'DELETE', `/api/v1/tokens/${created.body.id}`)).status).toBe(200);
    expect((await call(null, 'GET', '/api/v1/findings', undefined, bearer)).status).toBe(401);
  });

  it('refuses an expired token and a malformed Authorization header', async () => {
    const token = await issueTestToken(ctx.engine.db, coordinatorId, ['read']);
    await ctx.engine.db.execute(sql`update api_tokens set expires_at = now() - interval '1 second' where prefix = ${token.slice(0, 10)}`);
    expect((await call(null, 'GET', '/api/v1/findings', undefined, { authorization: `Bearer ${token}` })).status).toBe(401);
    expect((await call(null, 'GET', '/api/v1/findings', undefined, { authorization: 'Basic abc' })).status).toBe(401);
    expect((await call(null, 'GET', '/api/v1/findings')).status).toBe(401);
  });
});

describe('TOTP second factor', () => {
  const email = 'revisor@login.example';
  let userId: string;

  beforeAll(async () => {
    userId = await seedUser(ctx.engine, m.id, { email, roles: [{ role: 'auditor' }] });
    await setPassword(userId, password);
  });

  it('sets up TOTP, then requires a valid, unused code after the password', async () => {
    const { browser } = await signIn(email, password);
    const setup = await call(browser, 'POST', '/api/v1/auth/totp/setup');
    expect(setup.status).toBe(200);
    expect(setup.body.uri).toMatch(/^otpauth:\/\/totp\//);
    const secret = setup.body.secret as string;
    expect((await call(browser, 'POST', '/api/v1/auth/totp/enable', { code: '000000' })).status).toBe(422);
    expect((await call(browser, 'POST', '/api/v1/auth/totp/enable', { code: totpCode(secret) })).status).toBe(204);

    const second = await signIn(email, password);
    expect(second.res.body.status).toBe('mfaRequired');
    // A pending session can do nothing but the second step.
    expect((await call(second.browser, 'GET', '/api/v1/findings')).status).toBe(401);
    const wrong = await call(second.browser, 'POST', '/api/v1/auth/totp', { code: totpCode(secret, Date.now() + 10 * 60_000) });
    expect(wrong.status).toBe(401);
    // The code used to enable is spent: it cannot sign in again (replay).
    const replay = await call(second.browser, 'POST', '/api/v1/auth/totp', { code: totpCode(secret) });
    expect(replay.status).toBe(401);
    // The next time step's code works (the ±1 step window).
    const next = await call(second.browser, 'POST', '/api/v1/auth/totp', { code: totpCode(secret, Date.now() + 30_000) });
    expect(next.status).toBe(200);
    second.browser.csrf = next.body.csrfToken;
    expect((await call(second.browser, 'GET', '/api/v1/findings')).status).toBe(200);

    // The database holds the seed sealed, never the seed itself.
    const [stored] = await queryRows<{ totp_secret: string }>(ctx.engine.db, sql`select totp_secret from user_credentials where user_id = ${userId}`);
    expect(stored!.totp_secret).toMatch(/^v1\./);
    expect(stored!.totp_secret).not.toContain(secret);
  });

  it('refuses to set up a second factor on a server without an encryption key, storing nothing', async () => {
    const keyless = await createTestContext({ config: { encryptionKey: null } });
    try {
      const mm = await seedMunicipality(keyless.engine, { slug: 'nokey' });
      const admin = { authorization: `Bearer ${await issueTestToken(keyless.engine.db, mm.userId)}`, 'content-type': 'application/json' };
      await keyless.app.inject({ method: 'PUT', url: `/api/v1/users/${mm.userId}/password`, headers: admin, payload: JSON.stringify({ password }) });
      const login = await keyless.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ email: 'test@nokey.example', password }),
      });
      const cookie = login.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
      const before = await queryRows(keyless.engine.db, sql`select * from user_credentials order by user_id`);
      const res = await keyless.app.inject({
        method: 'POST',
        url: '/api/v1/auth/totp/setup',
        headers: { cookie: `${SESSION_COOKIE}=${cookie}`, 'x-csrf-token': login.json().csrfToken, 'accept-language': 'da' },
      });
      expect(res.statusCode).toBe(503);
      expect(res.json().detail).toContain('TILSYN_ENCRYPTION_KEY');
      expect(await queryRows(keyless.engine.db, sql`select * from user_credentials order by user_id`)).toEqual(before);
    } finally {
      await keyless.close();
    }
  });

  it('seals a seed stored before sealing at its first use, and it keeps working', async () => {
    const legacyEmail = 'gammel-totp@login.example';
    const legacyUser = await seedUser(ctx.engine, m.id, { email: legacyEmail, roles: [{ role: 'reader' }] });
    await setPassword(legacyUser, password);
    const seed = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    await ctx.engine.db.execute(sql`update user_credentials set totp_secret = ${seed}, totp_enabled_at = now() where user_id = ${legacyUser}`);
    const pending = await signIn(legacyEmail, password);
    expect(pending.res.body.status).toBe('mfaRequired');
    const done = await call(pending.browser, 'POST', '/api/v1/auth/totp', { code: totpCode(seed) });
    expect(done.status).toBe(200);
    const [stored] = await queryRows<{ totp_secret: string }>(ctx.engine.db, sql`select totp_secret from user_credentials where user_id = ${legacyUser}`);
    expect(stored!.totp_secret).toMatch(/^v1\./);
    const again = await signIn(legacyEmail, password);
    expect((await call(again.browser, 'POST', '/api/v1/auth/totp', { code: totpCode(seed, Date.now() + 30_000) })).status).toBe(200);
  });
});

describe('lockout', () => {
  it(`locks the account after ${LOCKOUT_THRESHOLD} failures, even for the right password, with the same answer`, async () => {
    const email = 'laas@login.example';
    const userId = await seedUser(ctx.engine, m.id, { email, roles: [{ role: 'reader' }] });
    await setPassword(userId, password);
    for (let i = 0; i < LOCKOUT_THRESHOLD; i++) expect((await signIn(email, `forkert-${i}-adgangskode`)).res.status).toBe(401);
    const sessionsBefore = await sessionCount();
    const locked = await signIn(email, password);
    expect(locked.res.status).toBe(401);
    expect(await sessionCount()).toBe(sessionsBefore);
    const [cred] = await queryRows<{ failed_logins: number; locked_until: string | null }>(
      ctx.engine.db,
      sql`select failed_logins, locked_until from user_credentials where user_id = ${userId}`,
    );
    expect(cred!.failed_logins).toBe(LOCKOUT_THRESHOLD);
    expect(new Date(cred!.locked_until!).getTime()).toBeGreaterThan(Date.now() + 50_000);
    // When the lock has passed, the right password works and resets the count.
    await ctx.engine.db.execute(sql`update user_credentials set locked_until = now() - interval '1 second' where user_id = ${userId}`);
    expect((await signIn(email, password)).res.status).toBe(200);
  });

  it('costs every sign-in exactly one password verification, whatever failed: the time does not tell an unknown, inactive, password-less or locked account from a wrong password', async () => {
    const other = await seedMunicipality(ctx.engine, { slug: 'login-to' });
    const both = 'begge@login.example';
    for (const mm of [m, other]) await setPassword(await seedUser(ctx.engine, mm.id, { email: both, roles: [{ role: 'reader' }] }), password, mm.userId);
    const inactive = await seedUser(ctx.engine, m.id, { email: 'inaktiv@login.example', roles: [{ role: 'reader' }] });
    await setPassword(inactive, password);
    await ctx.engine.db.execute(sql`update users set active = false where id = ${inactive}`);
    await seedUser(ctx.engine, m.id, { email: 'sso-bruger@login.example', roles: [{ role: 'reader' }] });
    const lockedId = await seedUser(ctx.engine, m.id, { email: 'spaerret@login.example', roles: [{ role: 'reader' }] });
    await setPassword(lockedId, password);
    await ctx.engine.db.execute(
      sql`update user_credentials set failed_logins = ${LOCKOUT_THRESHOLD}, locked_until = now() + interval '1 hour' where user_id = ${lockedId}`,
    );
    const wrongId = await seedUser(ctx.engine, m.id, { email: 'forkert@login.example', roles: [{ role: 'reader' }] });
    await setPassword(wrongId, password);
    await ctx.engine.db.execute(sql`update user_credentials set failed_logins = ${LOCKOUT_THRESHOLD - 1} where user_id = ${wrongId}`);

    const paths: [name: string, email: string, pw: string, status: number][] = [
      ['unknown address', 'ingen-her@login.example', password, 401],
      ['address in two municipalities, none named', both, password, 401],
      ['inactive account, right password', 'inaktiv@login.example', password, 401],
      ['account without a password (single sign-on)', 'sso-bruger@login.example', password, 401],
      ['locked account, right password', 'spaerret@login.example', password, 401],
      ['locked account, wrong password', 'spaerret@login.example', 'forkert-adgangskode', 401],
      ['wrong password (this failure locks the account)', 'forkert@login.example', 'forkert-adgangskode', 401],
      ['right password', 'koordinator@login.example', password, 200],
    ];
    const counted: Record<string, number> = {};
    for (const [name, email, pw, status] of paths) {
      const before = passwordVerifications();
      expect((await signIn(email, pw)).res.status, name).toBe(status);
      counted[name] = passwordVerifications() - before;
    }
    expect(counted).toEqual(Object.fromEntries(paths.map(([name]) => [name, 1])));
    // The wrong password above did lock the account: the count is the same before and after a lock.
    const [cred] = await queryRows<{ locked: boolean }>(
      ctx.engine.db,
      sql`select locked_until > now() as locked from user_credentials where user_id = ${wrongId}`,
    );
    expect(cred!.locked).toBe(true);
  });

  it('rate-limits sign-in attempts per address', async () => {
    const limited = await createTestContext({ config: { loginRateLimit: 3 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await limited.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify({ email: 'x@y.example', password: 'z' }),
        });
        statuses.push(res.statusCode);
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('security headers and errors', () => {
  it('sends a strict CSP and the other security headers', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/healthz' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['strict-transport-security']).toContain('max-age=31536000');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('answers an unauthenticated call with a problem, and a too-large body with 413, without internals', async () => {
    const res = await call(null, 'GET', '/api/v1/findings');
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const big = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a', password: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.body).not.toMatch(/at .*\.js:\d+/);
  });
});
