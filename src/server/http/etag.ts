import type { FastifyReply, FastifyRequest } from 'fastify';
import { Problem } from './problem.js';

export const etagOf = (version: number) => `"${version}"`;

export function setEtag(reply: FastifyReply, version: number): void {
  reply.header('ETag', etagOf(version));
}

/**
 * The version the client last saw, from If-Match. Writes to editable resources require it, so
 * two people editing the same plan cannot silently overwrite each other.
 */
export function requireIfMatch(req: FastifyRequest): number {
  const header = req.headers['if-match'];
  if (header === undefined) throw new Problem(428, 'preconditionRequired');
  const match = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(String(header));
  if (!match?.[1]) {
    throw new Problem(400, 'badRequest', null, [{ field: 'header.if-match', code: 'ifMatch.invalid', message: 'If-Match must be an ETag such as "3"' }]);
  }
  return Number(match[1]);
}
