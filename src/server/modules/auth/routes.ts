import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, clearSessionCookie, setSessionCookie, type CookieOptions } from '../../http/actor.js';
import { detail, fieldError, Problem } from '../../http/problem.js';
import type { Actor } from '../../context.js';
import { IdParams, iso } from '../../http/schemas.js';
import { invalidCredentials } from './service.js';
import { requireIfMatch, setEtag } from '../../http/etag.js';
import {
  Account,
  AccountPatch,
  LoginInput,
  NewToken,
  PasswordChange,
  PasswordCheck,
  SessionInfo,
  SignInResult,
  Token,
  TokenInput,
  TotpInput,
  TotpSetup,
  TotpSetupInput,
} from './schemas.js';

export interface AuthRouteOptions {
  cookies: CookieOptions;
  /** Sign-in attempts per client address per minute (login and second factor). */
  loginRateLimit: number;
}

export const authRoutes: FastifyPluginAsyncZod<AuthRouteOptions> = async (app, opts) => {
  const auth = app.services.auth;
  const tokens = app.services.tokens;
  const tags = ['auth'];
  const limited = { rateLimit: { max: opts.loginRateLimit, timeWindow: 60_000 } };

  app.post(
    '/auth/login',
    {
      config: { auth: 'public', ...limited },
      schema: {
        tags,
        summary: 'Sign in with e-mail and password; answers mfaRequired when a TOTP code must follow',
        body: LoginInput,
        response: { 200: SignInResult },
      },
    },
    async (req, reply) => {
      const started = await auth.login(req.body);
      // Rotation: whatever session the browser had before is ended, never upgraded.
      if (req.sessionToken) await auth.logout(req.sessionToken);
      setSessionCookie(req, reply, started.token, started.expiresAt, opts.cookies);
      return { status: started.mfaPending ? ('mfaRequired' as const) : ('signedIn' as const), csrfToken: started.csrfToken, expiresAt: iso(started.expiresAt) };
    },
  );

  app.post(
    '/auth/totp',
    {
      config: { auth: 'pending', ...limited },
      schema: { tags, summary: 'Second step of sign-in: the TOTP code', body: TotpInput, response: { 200: SignInResult } },
    },
    async (req, reply) => {
      if (!req.session?.mfaPending) throw invalidCredentials();
      const started = await auth.completeTotp(req.session, req.body.code);
      setSessionCookie(req, reply, started.token, started.expiresAt, opts.cookies);
      return { status: 'signedIn' as const, csrfToken: started.csrfToken, expiresAt: iso(started.expiresAt) };
    },
  );

  app.post('/auth/logout', { config: { auth: 'pending' }, schema: { tags, summary: 'End this session', response: { 204: z.null() } } }, async (req, reply) => {
    if (req.sessionToken) await auth.logout(req.sessionToken);
    clearSessionCookie(reply);
    return reply.status(204).send(null);
  });

  app.post(
    '/auth/logout-everywhere',
    {
      schema: {
        tags,
        summary: "End every session of the signed-in user and revoke the user's API tokens (a browser session only)",
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      refuseToken(actor);
      await auth.logoutEverywhere(actor);
      clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/session',
    { schema: { tags, summary: 'Who is signed in: user, municipality, roles and the CSRF token', response: { 200: SessionInfo } } },
    async (req) => {
      const actor = actorOf(req);
      const user = await auth.sessionUser(actor);
      const m = await app.services.tenancy.getMunicipality(actor);
      const cred = await auth.credentialsOf(actor.municipalityId, actor.userId!);
      return {
        user,
        municipality: { id: m.id, slug: m.slug, name: m.name, language: m.language, vocabulary: m.vocabulary },
        roles: actor.roles,
        via: actor.via,
        method: req.session?.method ?? null,
        csrfToken: req.session?.csrfToken ?? null,
        totpEnabled: Boolean(cred?.totpEnabledAt),
        expiresAt: req.session ? iso(req.session.expiresAt) : null,
      };
    },
  );

  app.post(
    '/auth/password',
    {
      config: limited,
      schema: {
        tags,
        summary: 'Change your own password (other sessions end, API tokens are revoked; a browser session only)',
        body: PasswordChange,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      refuseToken(actor);
      await auth.changePassword(actor, req.body.currentPassword, req.body.newPassword, req.sessionToken);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/account',
    { schema: { tags, summary: 'Your own account: language, password and second factor state, and what you may do', response: { 200: Account } } },
    async (req, reply) => {
      const a = await auth.account(actorOf(req), req.session?.method ?? null);
      setEtag(reply, a.version);
      return a;
    },
  );
  app.patch(
    '/account',
    {
      schema: { tags, summary: 'Change your own settings (language; null follows the municipality). If-Match', body: AccountPatch, response: { 200: Account } },
    },
    async (req, reply) => {
      const a = await auth.updateAccount(actorOf(req), requireIfMatch(req), req.body, req.session?.method ?? null);
      setEtag(reply, a.version);
      return a;
    },
  );

  app.post(
    '/auth/totp/setup',
    {
      config: limited,
      schema: {
        tags,
        summary: 'Start setting up a TOTP second factor: a new secret and its otpauth URI (replacing one that is on needs the password)',
        body: TotpSetupInput,
        response: { 200: TotpSetup },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      requireSession(req.actor?.via);
      const user = await app.services.tenancy.users.get(actor, actor.userId!);
      return auth.totpSetup(actor, user.email, req.body?.password);
    },
  );
  app.post(
    '/auth/totp/enable',
    { config: limited, schema: { tags, summary: 'Turn the second factor on with a code from the app', body: TotpInput, response: { 204: z.null() } } },
    async (req, reply) => {
      requireSession(req.actor?.via);
      await auth.totpEnable(actorOf(req), req.body.code);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/auth/totp/disable',
    { config: limited, schema: { tags, summary: 'Turn your second factor off (needs your password)', body: PasswordCheck, response: { 204: z.null() } } },
    async (req, reply) => {
      const actor = actorOf(req);
      requireSession(actor.via);
      await auth.disableOwnTotp(actor, req.body.password);
      return reply.status(204).send(null);
    },
  );

  // API tokens
  const ttags = ['tokens'];
  app.get(
    '/tokens',
    { schema: { tags: ttags, summary: 'Your API tokens (an administrator sees all)', response: { 200: z.object({ items: z.array(Token) }) } } },
    async (req) => ({
      items: await tokens.list(actorOf(req)),
    }),
  );
  app.post(
    '/tokens',
    {
      config: limited,
      schema: { tags: ttags, summary: 'Create an API token; the token is in the answer once', body: TokenInput, response: { 201: NewToken } },
    },
    async (req, reply) => reply.status(201).send(await tokens.create(actorOf(req), req.body)),
  );
  app.delete('/tokens/:id', { schema: { tags: ttags, summary: 'Revoke an API token', params: IdParams, response: { 200: Token } } }, async (req) =>
    tokens.revoke(actorOf(req), req.params.id),
  );
};

/**
 * The password and "sign out everywhere" are the steps taken against a leaked credential, so a
 * token (which they revoke) may not take them: the problem names the token as the reason.
 */
function refuseToken(actor: Actor): void {
  if (actor.via !== 'token') return;
  throw new Problem(403, 'forbidden', detail('auth.tokenNotAllowed'), [fieldError('header.authorization', 'token.notAllowed', 'auth.tokenNotAllowed')]);
}

/** Credential management belongs to the person at the keyboard, not to an integration's token. */
function requireSession(via: string | undefined): void {
  if (via !== 'session') throw new Problem(403, 'forbidden', 'Only a signed-in session may change its second factor');
}
