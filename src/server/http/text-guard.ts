import type { FastifyInstance } from 'fastify';
import { Problem } from './problem.js';

/**
 * U+0000 cannot be stored in a PostgreSQL text column: a request that carries it anywhere (body,
 * query, path; the unauthenticated sign-in body too) is refused here, before any route runs, as a
 * 400 naming the field. One check at the boundary instead of a refine on every schema.
 */
const NUL = '\u0000';

function findNul(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes(NUL) ? path : null;
  if (depth > 32 || value === null || typeof value !== 'object') return null;
  if (Buffer.isBuffer(value)) return null;
  for (const [key, v] of Object.entries(value)) {
    if (key.includes(NUL)) return `${path}.${key.replaceAll(NUL, '\\u0000')}`;
    const found = findNul(v, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}

export function nulProblem(field: string): Problem {
  return new Problem(400, 'badRequest', null, [{ field, code: 'text.nul', message: 'Text must not contain the character U+0000' }]);
}

export function registerTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const field = findNul(req.params, 'params') ?? findNul(req.query, 'querystring') ?? findNul(req.body, 'body');
    if (field) throw nulProblem(field);
  });
}
