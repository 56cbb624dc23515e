import type { FastifyInstance } from 'fastify';
import { detail, Problem } from './problem.js';

/**
 * A multipart body its parser cannot read is the caller's fault, not the server's: busboy throws
 * plain errors (no code, no status) for a missing, empty or over-long boundary and for a body that
 * ends before its closing boundary, which reached the error handler as 500s (found by the fuzz
 * test). The boundary is checked here before any route reads the body; a body that ends early is
 * mapped in the error handler (`multipartParseProblem`).
 */

/** RFC 2046 §5.1.1: 1 to 70 characters from this set, not ending in a space. */
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;

export function boundaryProblem(contentType: string | undefined): Problem | null {
  if (!contentType || !/^\s*multipart\//i.test(contentType)) return null;
  const param = /;\s*boundary\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType);
  const boundary = param?.[1] ?? param?.[2];
  if (boundary !== undefined && BOUNDARY.test(boundary)) return null;
  return new Problem(400, 'badRequest', detail('uploads.multipartBoundary'), [
    { field: 'header.content-type', code: 'multipart.boundary', message: 'A multipart body needs a boundary parameter of 1 to 70 characters (RFC 2046)' },
  ]);
}

/** busboy's errors for a body that stops before its closing boundary (its messages; it gives no codes). */
const ENDS_EARLY = /unexpected end of multipart data$/i;

export function multipartParseProblem(err: unknown): Problem | null {
  if (!(err instanceof Error) || (err as { code?: unknown }).code !== undefined || !ENDS_EARLY.test(err.message)) return null;
  return new Problem(400, 'badRequest', detail('uploads.multipartTruncated'), [
    { field: 'body', code: 'multipart.truncated', message: 'The multipart body ends before its closing boundary' },
  ]);
}

export function registerMultipartGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const problem = boundaryProblem(req.headers['content-type']);
    if (problem) throw problem;
  });
}
