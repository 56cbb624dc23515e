import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { SsoConfig } from '../../../config.js';
import { systemClock } from '../../../clock.js';
import type { Database } from '../../../db/engine.js';
import { setSessionCookie, type CookieOptions } from '../../../http/actor.js';
import { Problem } from '../../../http/problem.js';
import { Providers } from '../schemas.js';
import { randomToken } from '../secrets.js';
import { invalidCredentials } from '../service.js';
import { grantsFromValues, stringValues, validateRoleMap } from './grants.js';
import { createOidcClient, type OidcRequestData } from './oidc.js';
import { provisionUser, SsoRefusal, type ExternalIdentity } from './provision.js';
import { ssoRepository as repo, type SsoProvider } from './repository.js';
import { createSamlClient, SAML_REQUEST_TTL_MS, type RequestStore } from './saml.js';

export interface SsoRouteOptions {
  cookies: CookieOptions;
  loginRateLimit: number;
  sso: { db: Database; config: SsoConfig };
}

/** Binds an OIDC round trip to the browser that started it (login CSRF); the callback is a top-level GET, so SameSite=Lax suffices. */
const OIDC_COOKIE = 'tilsyn_oidc';
const OIDC_COOKIE_PATH = '/api/v1/auth/oidc';
const OIDC_REQUEST_TTL_MS = 10 * 60_000;

/** A path on this site: one leading slash (not `//host` or `/\host`, which browsers treat as another host), no whitespace or backslashes. */
const ReturnTo = z
  .string()
  .max(2000)
  .regex(/^\/(?![/\\])[^\s\\]*$/, 'A path on this site starting with a single /')
  .describe('Where to send the browser after sign-in (a path on this site; default /)');

const LoginQuery = z.object({ returnTo: ReturnTo.optional() });
const OidcCallbackQuery = z.object({
  code: z.string().max(4096).optional(),
  state: z.string().max(1024).optional(),
  iss: z.string().max(2048).optional(),
  error: z.string().max(256).optional(),
  error_description: z.string().max(2048).optional(),
});
const SamlAcsBody = z.object({
  SAMLResponse: z
    .string()
    .min(1)
    .max(512 * 1024)
    .describe('The base64 SAML Response (HTTP-POST binding)'),
  RelayState: z.string().max(2048).optional(),
});
const Redirect = z.null().describe('302 redirect (Location header)');

const notConfigured = (what: string) => new Problem(404, 'notFound', `${what} single sign-on is not configured`);

/** The reason for the log: message and protocol error code only; never the tokens, assertions or response bodies that some errors carry as `cause`. */
function reasonOf(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { reason: String(err) };
  const e = err as Error & { code?: unknown; error?: unknown; cause?: unknown };
  // openid-client names the JWT claim that failed (iss, aud, nonce …) in `cause.claim`; the rest of `cause` may hold claims, so only that.
  const claim =
    e.cause && typeof e.cause === 'object' && typeof (e.cause as { claim?: unknown }).claim === 'string' ? (e.cause as { claim: string }).claim : undefined;
  return {
    reason: `${e.name}: ${e.message}`,
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(typeof e.error === 'string' ? { error: e.error } : {}),
    ...(claim ? { claim } : {}),
  };
}

/**
 * Single sign-on: OpenID Connect (authorization code + PKCE) and SAML 2.0 (HTTP-Redirect out,
 * HTTP-POST back). Each provider serves one municipality; the user is provisioned and linked on
 * first sign-in and its SSO-managed roles follow the provider's claims at every sign-in.
 * Every failure is the same 401 as a wrong password; the reason goes to the log only.
 */
export const ssoRoutes: FastifyPluginAsyncZod<SsoRouteOptions> = async (app, opts) => {
  const { db, config } = opts.sso;
  const auth = app.services.auth;
  const tags = ['auth'];
  const limited = { rateLimit: { max: opts.loginRateLimit, timeWindow: 60_000 } };
  validateRoleMap(config.roleMap);
  // The server's clock (the one the session cookie is timed by): how long a sign-in request stays valid is ours to decide
  const clock = opts.cookies.clock ?? systemClock;
  const oidc = config.oidc ? createOidcClient(config.oidc) : null;
  const saml = config.saml ? createSamlClient(config.saml, clock) : null;

  // The ACS receives an HTML form post from the IdP. Scoped to this plugin, so no other route
  // starts accepting form bodies.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 * 1024 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  async function municipalityOf(slug: string): Promise<string> {
    const mid = await repo.municipalityId(db, slug);
    if (!mid) throw new SsoRefusal(`configured municipality "${slug}" does not exist`);
    return mid;
  }

  /** Provisions, starts the session (ending any previous one: rotation) and redirects. */
  async function signIn(req: FastifyRequest, reply: FastifyReply, mid: string, identity: ExternalIdentity, returnTo: string) {
    const userId = await provisionUser(db, mid, identity, (msg, data) => req.log.debug({ provider: identity.provider, ...data }, msg));
    const started = await auth.startSession(mid, userId, identity.provider);
    if (req.sessionToken) await auth.logout(req.sessionToken);
    setSessionCookie(req, reply, started.token, started.expiresAt, opts.cookies);
    req.log.info({ provider: identity.provider, userId }, 'single sign-on succeeded');
    return reply.redirect(returnTo, 302);
  }

  async function refuse(req: FastifyRequest, provider: SsoProvider, err: unknown): Promise<never> {
    req.log.info({ provider, ...reasonOf(err) }, 'single sign-on refused');
    throw invalidCredentials();
  }

  function rolesFrom(raw: unknown, provider: SsoProvider, req: FastifyRequest) {
    const { grants, ignored } = grantsFromValues(stringValues(raw), config.roleMap);
    if (ignored.length) req.log.debug({ provider, ignored }, 'role values without a grant ignored');
    return grants;
  }

  app.get(
    '/auth/providers',
    { config: { auth: 'public' }, schema: { tags, summary: 'Which sign-in methods are configured (for the sign-in page)', response: { 200: Providers } } },
    async () => ({
      local: true,
      oidc: oidc !== null,
      saml: saml !== null,
    }),
  );

  // ---- OpenID Connect

  app.get(
    '/auth/oidc/login',
    {
      config: { auth: 'public', ...limited },
      schema: { tags, summary: 'Start OpenID Connect sign-in: redirects to the identity provider', querystring: LoginQuery, response: { 302: Redirect } },
    },
    async (req, reply) => {
      if (!oidc || !config.oidc) throw notConfigured('OpenID Connect');
      try {
        const mid = await municipalityOf(config.oidc.municipality);
        const { url, data } = await oidc.authorizationUrl(req.query.returnTo ?? '/');
        const key = randomToken();
        const now = clock.now();
        await repo.purgeExpired(db, now);
        await repo.insertRequest(db, { id: key, municipalityId: mid, provider: 'oidc', data, expiresAt: new Date(now.getTime() + OIDC_REQUEST_TTL_MS) });
        reply.setCookie(OIDC_COOKIE, key, {
          path: OIDC_COOKIE_PATH,
          httpOnly: true,
          sameSite: 'lax',
          secure: opts.cookies.secure === 'auto' ? req.protocol === 'https' : opts.cookies.secure,
          maxAge: OIDC_REQUEST_TTL_MS / 1000,
        });
        return reply.redirect(url, 302);
      } catch (err) {
        return refuse(req, 'oidc', err);
      }
    },
  );

  app.get(
    '/auth/oidc/callback',
    {
      config: { auth: 'public', ...limited },
      schema: { tags, summary: 'OpenID Connect redirect URI: signs in and redirects to returnTo', querystring: OidcCallbackQuery, response: { 302: Redirect } },
    },
    async (req, reply) => {
      if (!oidc) throw notConfigured('OpenID Connect');
      const key = req.cookies[OIDC_COOKIE];
      reply.clearCookie(OIDC_COOKIE, { path: OIDC_COOKIE_PATH });
      try {
        if (!key) throw new Error('no sign-in in progress in this browser (cookie missing)');
        // Taken (deleted) before anything is checked: a callback URL is good for one try only.
        const request = await repo.takeRequest(db, 'oidc', key, clock.now());
        if (!request) throw new Error('unknown or expired sign-in request');
        const data = request.data as OidcRequestData;
        const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
        const { issuer, claims } = await oidc.callback(query, data);
        const identity: ExternalIdentity = {
          provider: 'oidc',
          issuer,
          subject: String(claims.sub),
          email: typeof claims.email === 'string' ? claims.email : null,
          name: typeof claims.name === 'string' ? claims.name : null,
          grants: rolesFrom(claims[config.oidc!.rolesClaim], 'oidc', req),
        };
        return await signIn(req, reply, request.municipalityId, identity, data.returnTo);
      } catch (err) {
        return refuse(req, 'oidc', err);
      }
    },
  );

  // ---- SAML 2.0

  /** InResponseTo bookkeeping in sso_requests; `seen` keeps the row that validation looked up, for its returnTo. */
  function requestStore(mid: string | null, returnTo: string, seen?: Map<string, { returnTo: string; municipalityId: string }>): RequestStore {
    return {
      async save(id) {
        const now = clock.now();
        await repo.purgeExpired(db, now);
        await repo.insertRequest(db, {
          id,
          municipalityId: mid!,
          provider: 'saml',
          data: { returnTo },
          expiresAt: new Date(now.getTime() + SAML_REQUEST_TTL_MS),
        });
      },
      async issuedAt(id) {
        const row = await repo.getRequest(db, 'saml', id, clock.now());
        if (!row) return null;
        seen?.set(id, { returnTo: (row.data as { returnTo: string }).returnTo, municipalityId: row.municipalityId });
        return new Date(row.expiresAt.getTime() - SAML_REQUEST_TTL_MS);
      },
      async remove(id) {
        await repo.deleteRequest(db, 'saml', id);
      },
    };
  }

  app.get(
    '/auth/saml/login',
    {
      config: { auth: 'public', ...limited },
      schema: {
        tags,
        summary: 'Start SAML sign-in: redirects to the identity provider with an AuthnRequest',
        querystring: LoginQuery,
        response: { 302: Redirect },
      },
    },
    async (req, reply) => {
      if (!saml || !config.saml) throw notConfigured('SAML');
      try {
        const mid = await municipalityOf(config.saml.municipality);
        return reply.redirect(await saml.authorizationUrl(requestStore(mid, req.query.returnTo ?? '/')), 302);
      } catch (err) {
        return refuse(req, 'saml', err);
      }
    },
  );

  app.post(
    '/auth/saml/acs',
    {
      config: { auth: 'public', ...limited },
      schema: {
        tags,
        summary: 'SAML assertion consumer service (HTTP-POST binding): signs in and redirects',
        consumes: ['application/x-www-form-urlencoded'],
        body: SamlAcsBody,
        response: { 302: Redirect },
      },
    },
    async (req, reply) => {
      if (!saml || !config.saml) throw notConfigured('SAML');
      try {
        const seen = new Map<string, { returnTo: string; municipalityId: string }>();
        const { profile, assertionId, validUntil } = await saml.validate(req.body.SAMLResponse, requestStore(null, '/', seen));
        // The InResponseTo node-saml accepted is the one it looked up: that row says where to go.
        const request = profile.inResponseTo ? seen.get(String(profile.inResponseTo)) : undefined;
        if (!request) throw new Error('response does not answer a request of ours');
        if (!profile.nameID) throw new Error('assertion without a NameID');
        if (!(await repo.rememberAssertion(db, assertionId, validUntil))) throw new Error('assertion replayed');
        const attr = (...names: string[]) => names.map((n) => stringValues(profile[n])[0]).find((v) => v !== undefined) ?? null;
        const email =
          attr('email', 'mail', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress', 'urn:oid:0.9.2342.19200300.100.1.3') ??
          (/^[^\s@]+@[^\s@]+$/.test(profile.nameID) ? profile.nameID : null);
        const given = attr('givenName', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname', 'urn:oid:2.5.4.42');
        const surname = attr('surname', 'sn', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname', 'urn:oid:2.5.4.4');
        const name =
          attr('name', 'displayName', 'http://schemas.microsoft.com/identity/claims/displayname', 'urn:oid:2.16.840.1.113730.3.1.241') ??
          ([given, surname].filter(Boolean).join(' ') || null);
        const identity: ExternalIdentity = {
          provider: 'saml',
          issuer: config.saml.idpIssuer,
          subject: profile.nameID,
          email,
          name,
          grants: rolesFrom(profile[config.saml.rolesAttribute], 'saml', req),
        };
        return await signIn(req, reply, request.municipalityId, identity, request.returnTo);
      } catch (err) {
        return refuse(req, 'saml', err);
      }
    },
  );

  app.get(
    '/auth/saml/metadata',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'SAML service provider metadata (XML) to register at the IdP',
        response: { 200: z.string().describe('SAML 2.0 EntityDescriptor') },
      },
    },
    async (_req, reply) => {
      if (!saml) throw notConfigured('SAML');
      return reply.type('application/samlmetadata+xml; charset=utf-8').send(saml.metadata());
    },
  );
};
