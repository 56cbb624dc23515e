import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, userIdentities, userRoles, users } from '../../../db/schema/index.js';
import { createTestContext, seedMunicipality, seedUser, type SeededMunicipality, type TestContext } from '../../../../test/app.js';
import { CookieJar, setCookieValue, startIdp, type RunningIdp } from '../../../../test/idp/index.js';

/**
 * OpenID Connect end to end: the app (in process) talks over HTTP to a real OpenID provider
 * (oidc-provider, in its own process); the test plays the browser, carrying cookies and
 * following redirects by hand.
 */
const REDIRECT_URI = 'http://tilsyn.localhost/api/v1/auth/oidc/callback';
const CLIENT = { clientId: 'tilsyn', clientSecret: 'test-secret-0123456789-abcdefghij', redirectUri: REDIRECT_URI };

let idp: RunningIdp;
let ctx: TestContext;
let m: SeededMunicipality;

beforeAll(async () => {
  idp = await startIdp('oidc-idp.mjs', CLIENT);
  ctx = await createTestContext({
    config: {
      loginRateLimit: 1000,
      sso: {
        oidc: { issuer: idp.url, ...CLIENT, municipality: 'oidc-kommune', rolesClaim: 'roles' },
        saml: null,
        roleMap: { 'Tilsyn-Revisorer': 'auditor', 'BUF-koordinatorer': 'departmentCoordinator:BUF' },
      },
    },
  });
  m = await seedMunicipality(ctx.engine, { slug: 'oidc-kommune' });
});

afterAll(async () => {
  await ctx?.close();
  await idp?.stop();
});

interface Account {
  sub: string;
  email?: string;
  name?: string;
  roles?: string[];
}

interface Attempt {
  /** Change the authorization request on its way to the IdP (as a tampering browser could). */
  authUrl?: (url: URL) => void;
  /** Change the callback on its way back. */
  callback?: (url: URL) => void;
  /** Claims the IdP re-signs into the next ID token. */
  tamper?: Record<string, unknown>;
  /** Leave out the browser-binding cookie at the callback. */
  dropCookie?: boolean;
  returnTo?: string;
}

/** One sign-in as a browser would do it; answers the app's response to the callback. */
async function signIn(account: Account, attempt: Attempt = {}) {
  const login = await ctx.app.inject({
    method: 'GET',
    url: `/api/v1/auth/oidc/login?returnTo=${encodeURIComponent(attempt.returnTo ?? '/findings?year=2025')}`,
  });
  expect(login.statusCode).toBe(302);
  const binding = setCookieValue(login.headers, 'tilsyn_oidc');
  expect(binding).toBeTruthy();
  const authUrl = new URL(String(login.headers.location));
  expect(authUrl.origin).toBe(idp.url);
  attempt.authUrl?.(authUrl);
  if (attempt.tamper) await fetch(`${idp.url}/__test/tamper`, { method: 'POST', body: JSON.stringify(attempt.tamper) });

  const jar = new CookieJar();
  let url = authUrl;
  let callback: URL | null = null;
  for (let hop = 0; hop < 10 && !callback; hop++) {
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.take(res.headers.getSetCookie());
    const location = res.headers.get('location');
    if (!location) throw new Error(`IdP answered ${res.status} without a redirect: ${await res.text()}`);
    const next = new URL(location, url);
    if (next.href.startsWith(REDIRECT_URI)) callback = next;
    else if (/^\/interaction\/[^/]+$/.test(next.pathname)) {
      // The login form: sign the account in.
      next.pathname += '/login';
      next.searchParams.set('sub', account.sub);
      if (account.email) next.searchParams.set('email', account.email);
      if (account.name) next.searchParams.set('name', account.name);
      next.searchParams.set('roles', (account.roles ?? []).join(','));
    }
    url = next;
  }
  if (!callback) throw new Error('the IdP never redirected back');
  attempt.callback?.(callback);
  const res = await ctx.app.inject({
    method: 'GET',
    url: `${callback.pathname}${callback.search}`,
    headers: attempt.dropCookie ? {} : { cookie: `tilsyn_oidc=${binding}` },
  });
  return { res, session: setCookieValue(res.headers, 'tilsyn_session'), callbackPath: `${callback.pathname}${callback.search}`, binding: binding! };
}

async function whoAmI(session: string) {
  const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: `tilsyn_session=${session}` } });
  expect(res.statusCode).toBe(200);
  return res.json() as { user: { id: string; email: string; name: string }; roles: { role: string; departmentId: string | null }[]; method: string };
}

async function snapshot() {
  const [u] = await ctx.engine.db.select({ n: count() }).from(users);
  const ids = await ctx.engine.db.select().from(userIdentities).orderBy(userIdentities.subject);
  return { users: u!.n, identities: ids };
}

/** A refused sign-in: the generic 401, no session cookie, nobody created or linked. */
async function expectRefused(account: Account, attempt: Attempt) {
  const before = await snapshot();
  const { res, session } = await signIn(account, attempt);
  expect(res.statusCode).toBe(401);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.json()).toMatchObject({ status: 401, type: 'urn:tilsyn:problem:unauthenticated' });
  expect(session).toBeUndefined();
  expect(await snapshot()).toEqual(before);
}

const sortRoles = (r: { role: string; departmentId: string | null }[]) =>
  [...r].sort((a, b) => `${a.role}${a.departmentId}`.localeCompare(`${b.role}${b.departmentId}`));

describe('OpenID Connect sign-in', () => {
  it('provisions and links the user, maps roles from the claim and starts a working session', async () => {
    const { res, session } = await signIn(
      { sub: 'alice-sub', email: 'alice@oidc.example', name: 'Alice Andersen', roles: ['Tilsyn-Revisorer', 'BUF-koordinatorer', 'reader', 'Kantine-udvalget'] },
      { returnTo: '/findings?year=2025' },
    );
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/findings?year=2025');
    expect(session).toBeTruthy();
    const me = await whoAmI(session!);
    expect(me.method).toBe('oidc');
    expect(me.user).toMatchObject({ email: 'alice@oidc.example', name: 'Alice Andersen' });
    expect(sortRoles(me.roles)).toEqual(
      sortRoles([
        { role: 'auditor', departmentId: null },
        { role: 'departmentCoordinator', departmentId: m.departments.BUF! },
        { role: 'reader', departmentId: null },
      ]),
    );
    const ids = await ctx.engine.db.select().from(userIdentities).where(eq(userIdentities.userId, me.user.id));
    expect(ids).toEqual([expect.objectContaining({ municipalityId: m.id, provider: 'oidc', issuer: idp.url, subject: 'alice-sub' })]);
    const grants = await ctx.engine.db.select().from(userRoles).where(eq(userRoles.userId, me.user.id));
    expect(grants.every((g) => g.source === 'sso')).toBe(true);
    // Provisioning and sign-in are both in the audit trail, attributed to the user.
    const audit = await ctx.engine.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.municipalityId, m.id), eq(auditEntries.userId, me.user.id)));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['create', 'signIn']));
  });

  it('reuses the user on the next sign-in and replaces only its SSO roles', async () => {
    const first = await signIn({ sub: 'carl-sub', email: 'carl@oidc.example', name: 'Carl', roles: ['auditor'] });
    const carl = await whoAmI(first.session!);
    // An administrator's own grant must survive SSO sign-ins.
    await ctx.engine.db
      .insert(userRoles)
      .values({ municipalityId: m.id, userId: carl.user.id, role: 'measureOwner', departmentId: m.departments['ØKF']!, source: 'local' });
    const before = await snapshot();

    const second = await signIn({ sub: 'carl-sub', email: 'carl.new@oidc.example', name: 'Carl', roles: ['reader'] });
    expect(second.res.statusCode).toBe(302);
    const again = await whoAmI(second.session!);
    expect(again.user.id).toBe(carl.user.id);
    expect(sortRoles(again.roles)).toEqual(
      sortRoles([
        { role: 'measureOwner', departmentId: m.departments['ØKF']! },
        { role: 'reader', departmentId: null },
      ]),
    );
    expect(await snapshot()).toEqual(before);
  });

  it('links an existing user with the same e-mail address instead of creating one', async () => {
    const bob = await seedUser(ctx.engine, m.id, { email: 'Bob@oidc.example', roles: [] });
    const { session } = await signIn({ sub: 'bob-sub', email: 'bob@oidc.example', name: 'Bob', roles: [] });
    expect((await whoAmI(session!)).user.id).toBe(bob);
    const ids = await ctx.engine.db.select().from(userIdentities).where(eq(userIdentities.userId, bob));
    expect(ids).toHaveLength(1);
  });

  it('refuses an inactive user', async () => {
    const dora = await seedUser(ctx.engine, m.id, { email: 'dora@oidc.example', roles: [{ role: 'reader' }] });
    await ctx.engine.db.update(users).set({ active: false }).where(eq(users.id, dora));
    await expectRefused({ sub: 'dora-sub', email: 'dora@oidc.example', roles: ['auditor'] }, {});
  });

  it('refuses a callback whose state was changed', async () => {
    await expectRefused({ sub: 'eve-1', email: 'eve1@oidc.example' }, { callback: (u) => u.searchParams.set('state', 'attacker-state') });
  });

  it('refuses an ID token whose nonce is not the one we sent', async () => {
    await expectRefused({ sub: 'eve-2', email: 'eve2@oidc.example' }, { authUrl: (u) => u.searchParams.set('nonce', 'attacker-chosen-nonce') });
  });

  it('refuses a tampered authorization code', async () => {
    await expectRefused({ sub: 'eve-3', email: 'eve3@oidc.example' }, { callback: (u) => u.searchParams.set('code', `${u.searchParams.get('code')}x`) });
  });

  it('refuses an ID token from another issuer', async () => {
    await expectRefused({ sub: 'eve-4', email: 'eve4@oidc.example' }, { tamper: { iss: 'https://evil.example' } });
  });

  it('refuses an authorization response naming another issuer (RFC 9207)', async () => {
    await expectRefused({ sub: 'eve-5', email: 'eve5@oidc.example' }, { callback: (u) => u.searchParams.set('iss', 'https://evil.example') });
  });

  it('refuses an ID token issued to another client', async () => {
    await expectRefused({ sub: 'eve-6', email: 'eve6@oidc.example' }, { tamper: { aud: 'another-client' } });
  });

  it('refuses a callback in a browser that did not start the sign-in (login CSRF)', async () => {
    await expectRefused({ sub: 'eve-7', email: 'eve7@oidc.example' }, { dropCookie: true });
  });

  it('refuses a callback URL used a second time', async () => {
    const first = await signIn({ sub: 'fred-sub', email: 'fred@oidc.example' });
    expect(first.res.statusCode).toBe(302);
    const before = await snapshot();
    const again = await ctx.app.inject({ method: 'GET', url: first.callbackPath, headers: { cookie: `tilsyn_oidc=${first.binding}` } });
    expect(again.statusCode).toBe(401);
    expect(setCookieValue(again.headers, 'tilsyn_session')).toBeUndefined();
    expect(await snapshot()).toEqual(before);
  });

  it('accepts only a path on this site as returnTo', async () => {
    for (const bad of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'findings']) {
      const res = await ctx.app.inject({ method: 'GET', url: `/api/v1/auth/oidc/login?returnTo=${encodeURIComponent(bad)}` });
      expect(res.statusCode, bad).toBe(400);
    }
  });

  it('tells the sign-in page which methods are configured', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/providers' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ local: true, oidc: true, saml: false });
    const saml = await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/saml/login' });
    expect(saml.statusCode).toBe(404);
  });
});
