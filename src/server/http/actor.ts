import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../context.js';
import type { SessionRow } from '../modules/auth/repository.js';
import { sameSecret } from '../modules/auth/secrets.js';
import type { AuthService } from '../modules/auth/service.js';
import { localeFromHeader } from './locale.js';
import { Problem } from './problem.js';

export const SESSION_COOKIE = 'tilsyn_session';
export const CSRF_HEADER = 'x-csrf-token';

/** How a route is reached: `public` needs no one signed in; `pending` also takes a session waiting for its second factor. */
export type RouteAuth = 'public' | 'pending' | undefined;

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** The browser session behind the request, if it came with one. */
    session: SessionRow | null;
    sessionToken: string | null;
  }
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
}

const unsafe = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method);

const unauthenticated = () => new Problem(401, 'unauthenticated');

/**
 * Identifies the caller of every /api/v1 request: an API token (`Authorization: Bearer tls_…`)
 * or the session cookie. The municipality always follows from the user, so a request can only
 * ever see its own municipality's rows. Cookie sessions must echo their CSRF token on every
 * unsafe request; a read-only token cannot write.
 */
export function registerActor(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.decorateRequest('sessionToken', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/v1/')) return;
    const mode = req.routeOptions.config?.auth;
    const locale = localeFromHeader(req.headers['accept-language']);

    const authorization = req.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      const actor = match ? await auth.resolveToken(match[1]!, locale) : null;
      if (!actor) throw unauthenticated();
      if (unsafe(req.method) && !actor.scopes?.includes('write')) throw new Problem(403, 'forbidden', 'This token may only read');
      req.actor = actor;
      return;
    }

    const token = req.cookies[SESSION_COOKIE];
    const resolved = token ? await auth.resolveSession(token, locale) : null;
    if (resolved) {
      req.session = resolved.session;
      req.sessionToken = token!;
      if (unsafe(req.method) && mode !== 'public') {
        const sent = req.headers[CSRF_HEADER];
        if (typeof sent !== 'string' || !sameSecret(sent, resolved.session.csrfToken)) {
          throw new Problem(403, 'forbidden', 'Missing or wrong CSRF token (send the X-CSRF-Token header)');
        }
      }
      if (!resolved.session.mfaPending) req.actor = resolved.actor;
    }
    if (mode === 'public') return;
    if (mode === 'pending' && req.session?.mfaPending) return;
    if (!req.actor) throw unauthenticated();
  });
}

export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthenticated();
  return req.actor;
}

export interface CookieOptions {
  /** Send the cookie only over TLS: on when the request came over https (directly or via a trusted proxy). */
  secure: boolean | 'auto';
  /** The server's clock: the cookie's lifetime is sent relative to it (Max-Age), so a browser whose date differs (a test server on TILSYN_FAKE_NOW) keeps it. */
  clock?: { now(): Date };
}

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string, expiresAt: Date, opts: CookieOptions): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: opts.secure === 'auto' ? req.protocol === 'https' : opts.secure,
    maxAge: Math.max(0, Math.round((expiresAt.getTime() - (opts.clock?.now() ?? new Date()).getTime()) / 1000)),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
