import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../context.js';
import type { Database } from '../db/engine.js';
import { municipalities, users } from '../db/schema/index.js';
import { localeFromHeader } from './locale.js';
import { Problem } from './problem.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Identifies the acting user. Until the Access issue adds sessions and tokens, the caller names
 * the user in the `X-Tilsyn-User` header (a user id); the municipality always follows from that
 * user, so a request can only ever see its own municipality's rows.
 */
export function registerActor(app: FastifyInstance, db: Database): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/v1/')) return;
    const header = req.headers['x-tilsyn-user'];
    if (typeof header !== 'string' || !uuidPattern.test(header)) throw new Problem(401, 'unauthenticated');
    const [row] = await db
      .select({ userId: users.id, active: users.active, municipalityId: users.municipalityId, language: municipalities.language, vocabulary: municipalities.vocabulary })
      .from(users)
      .innerJoin(municipalities, eq(municipalities.id, users.municipalityId))
      .where(eq(users.id, header.toLowerCase()));
    if (!row || !row.active) throw new Problem(401, 'unauthenticated');
    req.actor = {
      userId: row.userId,
      municipalityId: row.municipalityId,
      locale: localeFromHeader(req.headers['accept-language']) ?? row.language,
      language: row.language,
      vocabulary: row.vocabulary,
    };
  });
}

export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new Problem(401, 'unauthenticated');
  return req.actor;
}
