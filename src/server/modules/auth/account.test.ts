import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/engine.js';
import { createTestContext, issueTestToken, seedMunicipality, seedUser, type SeededMunicipality, type TestContext } from '../../../test/app.js';
import { SESSION_COOKIE } from '../../http/actor.js';
import { totpCode } from './totp.js';
import { tableSnapshot } from '../../../test/kit.js';

/** One's own account: language (and the language the server speaks), the credentials' state and actions, and the gaps around them. */
let ctx: TestContext;
let m: SeededMunicipality;
let se: SeededMunicipality;
let userId: string;
const password = 'en-lang-og-sikker-sætning';

interface Browser {
  cookie: string | null;
  csrf: string | null;
}

async function call(browser: Browser | null, method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown, headers: Record<string, string> = {}) {
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
  return { status: res.statusCode, body: res.body ? (JSON.parse(res.body) as any) : null, headers: res.headers };
}

async function signIn(email: string, pw = password): Promise<Browser> {
  const browser: Browser = { cookie: null, csrf: null };
  const res = await call(browser, 'POST', '/api/v1/auth/login', { email, password: pw });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  browser.csrf = res.body.csrfToken;
  return browser;
}

async function setPassword(mm: SeededMunicipality, id: string) {
  const admin = { authorization: `Bearer ${await issueTestToken(ctx.engine.db, mm.userId)}` };
  const res = await ctx.app.inject({
    method: 'PUT',
    url: `/api/v1/users/${id}/password`,
    headers: { ...admin, 'content-type': 'application/json' },
    payload: JSON.stringify({ password }),
  });
  expect(res.statusCode).toBe(204);
}

/** The rows an account command may touch, and the audit trail. */
const snapshot = () => tableSnapshot(ctx.engine, ['users', 'user_credentials', 'api_tokens', 'audit_entries', 'change_log', 'audit_heads']);

beforeAll(async () => {
  ctx = await createTestContext({ config: { loginRateLimit: 1000 } });
  m = await seedMunicipality(ctx.engine, { slug: 'konto' });
  se = await seedMunicipality(ctx.engine, { slug: 'kontostad', language: 'sv' });
  userId = await seedUser(ctx.engine, m.id, {
    email: 'ejer@konto.example',
    name: 'Ea Ejer',
    roles: [{ role: 'measureOwner', departmentId: m.departments.BUF! }],
  });
  await setPassword(m, userId);
});
afterAll(() => ctx.close());

describe('your account', () => {
  it('shows the account with what a session may do, and less for an API token', async () => {
    const browser = await signIn('ejer@konto.example');
    const res = await call(browser, 'GET', '/api/v1/account');
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toMatchObject({
      id: userId,
      email: 'ejer@konto.example',
      language: null,
      municipalityLanguage: 'da',
      hasPassword: true,
      passwordMinLength: 12,
      totp: 'off',
      method: 'password',
      actions: { update: true, changePassword: true, setUpTotp: true, enableTotp: false, disableTotp: false, signOutEverywhere: true, createToken: true },
    });
    const token = { authorization: `Bearer ${await issueTestToken(ctx.engine.db, userId)}` };
    const viaToken = await call(null, 'GET', '/api/v1/account', undefined, token);
    expect(viaToken.body.actions).toEqual({
      update: true,
      changePassword: false,
      setUpTotp: false,
      enableTotp: false,
      disableTotp: false,
      signOutEverywhere: false,
      createToken: false,
    });
    expect((await call(null, 'POST', '/api/v1/tokens', { name: 'x', scopes: ['read'] }, token)).status).toBe(403);
  });

  it('stores the language chosen; the server then speaks it whatever the browser asks for, and null follows the municipality again', async () => {
    const browser = await signIn('ejer@konto.example');
    const before = await call(browser, 'GET', '/api/v1/account');
    // Without a choice: the request's language, else the municipality's.
    expect((await call(browser, 'GET', '/api/v1/findings/00000000-0000-4000-8000-000000000000', undefined, { 'accept-language': 'en' })).body.title).toBe(
      'Not found',
    );
    expect((await call(browser, 'GET', '/api/v1/findings/00000000-0000-4000-8000-000000000000')).body.title).toBe('Findes ikke');

    const res = await call(browser, 'PATCH', '/api/v1/account', { language: 'sv' }, { 'if-match': before.headers.etag as string });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.language).toBe('sv');
    expect(res.headers.etag).toBe(`"${before.body.version + 1}"`);
    expect((await call(browser, 'GET', '/api/v1/auth/session')).body.user.language).toBe('sv');
    const missing = await call(browser, 'GET', '/api/v1/findings/00000000-0000-4000-8000-000000000000', undefined, { 'accept-language': 'da,en;q=0.5' });
    expect(missing.body.title).toBe('Finns inte');
    const [entry] = await queryRows<{ action: string; after: unknown }>(
      ctx.engine.db,
      sql`select action, after from change_log where resource_id = ${userId} and action = 'updateAccount'`,
    );
    expect(entry).toEqual({ action: 'updateAccount', after: { language: 'sv' } });

    const reset = await call(browser, 'PATCH', '/api/v1/account', { language: null }, { 'if-match': res.headers.etag as string });
    expect(reset.body.language).toBeNull();
    expect((await call(browser, 'GET', '/api/v1/findings/00000000-0000-4000-8000-000000000000')).body.title).toBe('Findes ikke');
  });

  it('speaks a Swedish municipality’s language to a user who chose none', async () => {
    const svUser = await seedUser(ctx.engine, se.id, { email: 'anna@kontostad.example', roles: [{ role: 'reader' }] });
    await setPassword(se, svUser);
    const browser = await signIn('anna@kontostad.example');
    expect((await call(browser, 'GET', '/api/v1/findings/00000000-0000-4000-8000-000000000000')).body.title).toBe('Finns inte');
    expect((await call(browser, 'GET', '/api/v1/account')).body.municipalityLanguage).toBe('sv');
  });

  it('refuses an unknown language, a stale version and a missing If-Match, changing nothing', async () => {
    const browser = await signIn('ejer@konto.example');
    const current = await call(browser, 'GET', '/api/v1/account');
    const before = await snapshot();
    const bad = await call(browser, 'PATCH', '/api/v1/account', { language: 'de' }, { 'if-match': current.headers.etag as string });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('body.language');
    const stale = await call(browser, 'PATCH', '/api/v1/account', { language: 'en' }, { 'if-match': `"${current.body.version - 1}"` });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ id: userId, version: current.body.version });
    expect((await call(browser, 'PATCH', '/api/v1/account', { language: 'en' })).status).toBe(428);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a wrong current password and a too short new one (naming body.newPassword), changing nothing', async () => {
    const browser = await signIn('ejer@konto.example');
    const before = await snapshot();
    expect(
      (await call(browser, 'POST', '/api/v1/auth/password', { currentPassword: 'forkert-forkert-forkert', newPassword: 'helt-ny-og-lang-nok' })).status,
    ).toBe(401);
    const short = await call(browser, 'POST', '/api/v1/auth/password', { currentPassword: password, newPassword: 'kort' });
    expect(short.status).toBe(422);
    expect(short.body.errors).toEqual([{ field: 'body.newPassword', code: 'password.tooShort', message: 'Mindst 12 tegn' }]);
    expect(await snapshot()).toEqual(before);
  });

  it('needs the password to replace a second factor that is on; without it or with a wrong one nothing changes', async () => {
    const browser = await signIn('ejer@konto.example');
    const setup = await call(browser, 'POST', '/api/v1/auth/totp/setup');
    expect(setup.status, JSON.stringify(setup.body)).toBe(200);
    expect((await call(browser, 'GET', '/api/v1/account')).body).toMatchObject({ totp: 'pending', actions: { enableTotp: true, disableTotp: true } });
    expect((await call(browser, 'POST', '/api/v1/auth/totp/enable', { code: totpCode(setup.body.secret) })).status).toBe(204);
    expect((await call(browser, 'GET', '/api/v1/account')).body).toMatchObject({ totp: 'on', actions: { enableTotp: false, disableTotp: true } });

    const before = await snapshot();
    const noPassword = await call(browser, 'POST', '/api/v1/auth/totp/setup');
    expect(noPassword.status).toBe(422);
    expect(noPassword.body.errors[0]).toMatchObject({ field: 'body.password', code: 'password.required' });
    expect((await call(browser, 'POST', '/api/v1/auth/totp/setup', { password: 'forkert-forkert-forkert' })).status).toBe(401);
    expect(await snapshot()).toEqual(before);

    const again = await call(browser, 'POST', '/api/v1/auth/totp/setup', { password });
    expect(again.status).toBe(200);
    expect(again.body.secret).not.toBe(setup.body.secret);
    expect((await call(browser, 'GET', '/api/v1/account')).body.totp).toBe('pending');
    expect((await call(browser, 'POST', '/api/v1/auth/totp/disable', { password })).status).toBe(204);
    expect((await call(browser, 'GET', '/api/v1/account')).body.totp).toBe('off');
  });

  it('turns the second factor on only when set up and off only when there is one (409 naming the state), changing nothing otherwise', async () => {
    const browser = await signIn('ejer@konto.example');
    expect((await call(browser, 'GET', '/api/v1/account')).body).toMatchObject({ totp: 'off', actions: { enableTotp: false, disableTotp: false } });
    let before = await snapshot();
    const enableOff = await call(browser, 'POST', '/api/v1/auth/totp/enable', { code: '000000' });
    expect(enableOff.status).toBe(409);
    expect(enableOff.body.errors[0]).toMatchObject({ field: 'totp', code: 'totp.notPending' });
    const disableOff = await call(browser, 'POST', '/api/v1/auth/totp/disable', { password });
    expect(disableOff.status).toBe(409);
    expect(disableOff.body.errors[0]).toMatchObject({ field: 'totp', code: 'totp.off' });
    expect(await snapshot()).toEqual(before);

    // On: enabling again (with a valid code) is refused as well
    const setup = await call(browser, 'POST', '/api/v1/auth/totp/setup');
    expect((await call(browser, 'POST', '/api/v1/auth/totp/enable', { code: totpCode(setup.body.secret) })).status).toBe(204);
    before = await snapshot();
    const enableOn = await call(browser, 'POST', '/api/v1/auth/totp/enable', { code: totpCode(setup.body.secret) });
    expect(enableOn.status).toBe(409);
    expect(enableOn.body.errors[0]).toMatchObject({ code: 'totp.notPending' });
    expect(await snapshot()).toEqual(before);
    expect((await call(browser, 'POST', '/api/v1/auth/totp/disable', { password })).status).toBe(204);
  });

  it('sets up no second factor for an account without a password (its identity provider asks for one): 409, nothing changed', async () => {
    const ssoUser = await seedUser(ctx.engine, m.id, { email: 'sso@konto.example', name: 'Sif SSO', roles: [{ role: 'reader' }] });
    // A session as the single sign-on would start it (no password to sign in with)
    const started = await ctx.app.services.auth.startSession(m.id, ssoUser, 'oidc');
    const browser: Browser = { cookie: started.token, csrf: started.csrfToken };
    expect((await call(browser, 'GET', '/api/v1/account')).body).toMatchObject({ hasPassword: false, actions: { setUpTotp: false } });
    const before = await snapshot();
    const res = await call(browser, 'POST', '/api/v1/auth/totp/setup');
    expect(res.status).toBe(409);
    expect(res.body.errors[0]).toMatchObject({ field: 'totp', code: 'totp.noPassword' });
    expect(await snapshot()).toEqual(before);
  });
});
