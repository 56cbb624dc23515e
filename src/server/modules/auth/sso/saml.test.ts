import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userIdentities, userRoles, users } from '../../../db/schema/index.js';
import { createTestContext, seedMunicipality, type SeededMunicipality, type TestContext } from '../../../../test/app.js';
import { setCookieValue, startIdp, type RunningIdp } from '../../../../test/idp/index.js';

/**
 * SAML 2.0 end to end: the app (in process) against a samlify identity provider in its own
 * process, with key pairs made by openssl for this run. The IdP makes properly signed responses;
 * the attacks are either its switches or edits of the XML by the test.
 */
const SP_ENTITY = 'https://tilsyn.test/saml';
const IDP_ENTITY = 'https://idp.test/saml';
const ACS = 'https://tilsyn.test/api/v1/auth/saml/acs';

let idp: RunningIdp;
let ctx: TestContext;
let m: SeededMunicipality;
let dir: string;

function keyPair(name: string): { keyFile: string; certFile: string } {
  const keyFile = path.join(dir, `${name}.key`);
  const certFile = path.join(dir, `${name}.crt`);
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '2', '-subj', `/CN=${name}`, '-keyout', keyFile, '-out', certFile],
    { stdio: 'ignore' },
  );
  return { keyFile, certFile };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilsyn-saml-'));
  const trusted = keyPair('idp');
  const other = keyPair('other');
  idp = await startIdp('saml-idp.mjs', {
    idpEntityId: IDP_ENTITY,
    spEntityId: SP_ENTITY,
    acsUrl: ACS,
    ...trusted,
    otherKeyFile: other.keyFile,
    otherCertFile: other.certFile,
  });
  ctx = await createTestContext({
    config: {
      loginRateLimit: 1000,
      sso: {
        oidc: null,
        saml: {
          entryPoint: `${idp.url}/sso`,
          idpCert: fs.readFileSync(trusted.certFile, 'utf8'),
          issuer: SP_ENTITY,
          idpIssuer: IDP_ENTITY,
          callbackUrl: ACS,
          municipality: 'saml-kommune',
          rolesAttribute: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/groups',
        },
        roleMap: { 'grp-revision': 'auditor', 'grp-oekf-ejere': 'measureOwner:ØKF' },
      },
    },
  });
  m = await seedMunicipality(ctx.engine, { slug: 'saml-kommune' });
});

afterAll(async () => {
  await ctx?.close();
  await idp?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const GROUPS = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/groups';

interface ResponseOptions {
  nameId: string;
  attributes?: Record<string, string | string[]>;
  audience?: string;
  issuer?: string;
  notOnOrAfter?: string;
  sign?: 'assertion' | 'response' | 'both' | 'none';
  key?: 'idp' | 'other';
  inResponseTo?: string;
  assertionId?: string;
}

/** Starts a sign-in at the app and has the IdP answer it; returns the SAMLResponse to post. */
async function idpResponse(opts: ResponseOptions, returnTo = '/plans'): Promise<string> {
  const login = await ctx.app.inject({ method: 'GET', url: `/api/v1/auth/saml/login?returnTo=${encodeURIComponent(returnTo)}` });
  expect(login.statusCode).toBe(302);
  const location = String(login.headers.location);
  expect(location.startsWith(`${idp.url}/sso?SAMLRequest=`)).toBe(true);
  const res = await fetch(`${idp.url}/__test/response`, {
    method: 'POST',
    body: JSON.stringify(opts.inResponseTo ? opts : { ...opts, authnRequestUrl: location }),
  });
  if (!res.ok) throw new Error(`IdP: ${await res.text()}`);
  return ((await res.json()) as { SAMLResponse: string }).SAMLResponse;
}

async function postAcs(samlResponse: string) {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/auth/saml/acs',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ SAMLResponse: samlResponse, RelayState: '' }).toString(),
  });
  return { res, session: setCookieValue(res.headers, 'tilsyn_session') };
}

const decode = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');
const encode = (xml: string) => Buffer.from(xml, 'utf8').toString('base64');

async function snapshot() {
  const [u] = await ctx.engine.db.select({ n: count() }).from(users);
  const ids = await ctx.engine.db.select().from(userIdentities).orderBy(userIdentities.subject);
  return { users: u!.n, identities: ids };
}

async function expectRefused(samlResponse: string) {
  const before = await snapshot();
  const { res, session } = await postAcs(samlResponse);
  expect(res.statusCode).toBe(401);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.json()).toMatchObject({ status: 401, type: 'urn:tilsyn:problem:unauthenticated' });
  expect(session).toBeUndefined();
  expect(await snapshot()).toEqual(before);
}

const mallory = { nameId: 'mallory@saml.example', attributes: { email: 'mallory@saml.example', name: 'Mallory', [GROUPS]: ['admin'] } };
const user = (n: string) => ({ nameId: `${n}@saml.example`, attributes: { email: `${n}@saml.example`, name: n, [GROUPS]: ['grp-revision'] } });

/** The signed assertion of a response, and the same assertion turned into Mallory's: new id, her NameID and e-mail, no signature. */
function forge(xml: string) {
  const signed = /<saml:Assertion\b[\s\S]*<\/saml:Assertion>/.exec(xml)![0];
  const evil = signed
    .replace(/<ds:Signature\b[\s\S]*?<\/ds:Signature>/, '')
    .replace(/ ID="[^"]+"/, ' ID="_evil0123456789"')
    .replace(/(<saml:NameID[^>]*>)[^<]*/, '$1mallory@saml.example')
    .replace(/(<saml:Attribute Name="email"[^>]*><saml:AttributeValue[^>]*>)[^<]*/, '$1mallory@saml.example')
    .replace(/(<saml:Attribute Name="http:\/\/schemas.microsoft.com\/ws\/2008\/06\/identity\/claims\/groups"[^>]*><saml:AttributeValue[^>]*>)[^<]*/, '$1admin');
  return { signed, evil };
}

describe('SAML sign-in', () => {
  it('provisions and links the user, maps roles from the attribute and starts a working session', async () => {
    const response = await idpResponse({
      nameId: 'gunnar@saml.example',
      attributes: { email: 'gunnar@saml.example', name: 'Gunnar Gran', [GROUPS]: ['grp-revision', 'grp-oekf-ejere', 'grp-unknown'] },
    });
    const { res, session } = await postAcs(response);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/plans');
    const me = await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: `tilsyn_session=${session}` } });
    expect(me.statusCode).toBe(200);
    const body = me.json() as { user: { id: string; email: string; name: string }; roles: unknown[]; method: string };
    expect(body.method).toBe('saml');
    expect(body.user).toMatchObject({ email: 'gunnar@saml.example', name: 'Gunnar Gran' });
    expect(body.roles).toEqual(
      expect.arrayContaining([
        { role: 'auditor', departmentId: null },
        { role: 'measureOwner', departmentId: m.departments['ØKF']! },
      ]),
    );
    expect(body.roles).toHaveLength(2);
    const ids = await ctx.engine.db.select().from(userIdentities).where(eq(userIdentities.userId, body.user.id));
    expect(ids).toEqual([expect.objectContaining({ provider: 'saml', issuer: IDP_ENTITY, subject: 'gunnar@saml.example' })]);

    // The next sign-in finds the same user and replaces its SSO roles.
    const again = await postAcs(await idpResponse({ nameId: 'gunnar@saml.example', attributes: { email: 'gunnar@saml.example', [GROUPS]: 'reader' } }));
    expect(again.res.statusCode).toBe(302);
    const grants = await ctx.engine.db.select({ role: userRoles.role, source: userRoles.source }).from(userRoles).where(eq(userRoles.userId, body.user.id));
    expect(grants).toEqual([{ role: 'reader', source: 'sso' }]);
  });

  it('accepts a response signed as a whole as well as in the assertion', async () => {
    const { res } = await postAcs(await idpResponse({ ...user('hanne'), sign: 'both' }));
    expect(res.statusCode).toBe(302);
  });

  it('refuses a replayed response', async () => {
    const response = await idpResponse(user('ida'));
    expect((await postAcs(response)).res.statusCode).toBe(302);
    await expectRefused(response);
  });

  it('refuses an assertion id it has seen before, even answering a new request', async () => {
    const first = await idpResponse({ ...user('jens'), assertionId: '_reused-assertion-id' });
    expect((await postAcs(first)).res.statusCode).toBe(302);
    await expectRefused(await idpResponse({ ...user('jens'), assertionId: '_reused-assertion-id' }));
  });

  it('refuses an expired response', async () => {
    await expectRefused(await idpResponse({ ...user('karl'), notOnOrAfter: new Date(Date.now() - 5 * 60_000).toISOString() }));
  });

  it('refuses a response for another audience', async () => {
    await expectRefused(await idpResponse({ ...user('lars'), audience: 'https://other-sp.example/saml' }));
  });

  it('refuses an assertion from another issuer, even signed with the trusted key', async () => {
    await expectRefused(await idpResponse({ ...user('mette'), issuer: 'https://evil-idp.example/saml' }));
  });

  it('refuses an unsigned response', async () => {
    await expectRefused(await idpResponse({ ...mallory, sign: 'none' }));
  });

  it('refuses a response where only the envelope, not the assertion, is signed', async () => {
    await expectRefused(await idpResponse({ ...user('nina'), sign: 'response' }));
  });

  it('refuses a response signed by another key', async () => {
    await expectRefused(await idpResponse({ ...mallory, key: 'other' }));
  });

  it('refuses a response to a request it never made', async () => {
    await expectRefused(await idpResponse({ ...user('ole'), inResponseTo: '_not-a-request-of-ours' }));
  });

  describe('XML signature wrapping: an unsigned assertion for another user is never believed', () => {
    const attacks: Record<string, (xml: string, signed: string, evil: string) => string> = {
      'injected before the signed assertion': (xml, signed, evil) => xml.replace(signed, evil + signed),
      'injected after the signed assertion': (xml, signed, evil) => xml.replace(signed, signed + evil),
      'wrapping the signed assertion (in Advice)': (xml, signed, evil) =>
        xml.replace(signed, evil.replace('<saml:Conditions', `<saml:Advice>${signed}</saml:Advice><saml:Conditions`)),
      'replacing it, the signed one moved into Extensions': (xml, signed, evil) =>
        xml.replace(signed, evil).replace('<samlp:Status>', `<samlp:Extensions>${signed}</samlp:Extensions><samlp:Status>`),
      'replacing it with the same ID, the signed one moved into the signature': (xml, signed, evil) => {
        const id = / ID="([^"]+)"/.exec(signed)![1]!;
        const signature = /<ds:Signature\b[\s\S]*?<\/ds:Signature>/.exec(signed)![0];
        const sameId = evil.replace(' ID="_evil0123456789"', ` ID="${id}"`);
        const withSig = sameId.replace(
          '</saml:Issuer>',
          `</saml:Issuer>${signature.replace('</ds:Signature>', `<ds:Object>${signed.replace(signature, '')}</ds:Object></ds:Signature>`)}`,
        );
        return xml.replace(signed, withSig);
      },
    };
    for (const [name, attack] of Object.entries(attacks)) {
      it(name, async () => {
        const xml = decode(await idpResponse(user(`victim-${Object.keys(attacks).indexOf(name)}`)));
        const { signed, evil } = forge(xml);
        expect(evil).toContain('mallory@saml.example');
        await expectRefused(encode(attack(xml, signed, evil)));
        const [mal] = await ctx.engine.db.select({ n: count() }).from(users).where(eq(users.email, 'mallory@saml.example'));
        expect(mal!.n).toBe(0);
      });
    }
  });

  it('publishes its service provider metadata', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/saml/metadata' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/samlmetadata\+xml/);
    expect(res.body).toContain(`entityID="${SP_ENTITY}"`);
    expect(res.body).toContain(ACS);
  });
});
