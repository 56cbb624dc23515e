import type { FastifyReply, FastifyRequest } from 'fastify';
import { detail, fieldError, Problem } from './problem.js';

/**
 * At most a few imports at once per process, shared by every upload route that reads a file into
 * memory (findings, balance imports, matching extracts): each may hold a workbook of up to 100 MB
 * unpacked and its model, so three at once could exhaust the heap. The rest are answered 429 with
 * Retry-After at once, before their upload is read; they do not queue.
 */
export const MAX_CONCURRENT_IMPORTS = 2;
/** Seconds a refused client is asked to wait: about the time a large import takes. */
export const IMPORT_RETRY_AFTER_SECONDS = 10;

/** For the OpenAPI descriptions of the upload routes. */
export const WORKBOOK_LIMITS_TEXT =
  'An .xlsx is inflated and checked before it is read: over 100 MB unpacked, 10,000 archive entries, 1,000,000 cells or 1,048,576 rows it is refused with 413, ' +
  "with a DOCTYPE/ENTITY declaration, XML that is not UTF-8 or nested over 100 levels, or entry sizes that differ from what the archive declares with 422 (the error's code names the limit). " +
  `At most ${MAX_CONCURRENT_IMPORTS} imports run at once per server; another is answered 429 with Retry-After.`;

export interface ImportSlots {
  readonly max: number;
  readonly inUse: number;
  /** A slot and the function that gives it back (once), or null when all are taken. */
  tryAcquire(): (() => void) | null;
}

export function createImportSlots(max = MAX_CONCURRENT_IMPORTS): ImportSlots {
  let inUse = 0;
  return {
    max,
    get inUse() {
      return inUse;
    },
    tryAcquire() {
      if (inUse >= max) return null;
      inUse++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        inUse--;
      };
    },
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    importSlots: ImportSlots;
  }
}

/** Runs an import in a slot, or answers 429 (problem `tooManyRequests`, Retry-After) when none is free. */
export async function withImportSlot<T>(req: FastifyRequest, reply: FastifyReply, run: () => Promise<T>): Promise<T> {
  const release = req.server.importSlots.tryAcquire();
  if (!release) {
    const { max } = req.server.importSlots;
    const s = IMPORT_RETRY_AFTER_SECONDS;
    const params = { max, seconds: s };
    reply.header('Retry-After', String(s));
    throw new Problem(429, 'tooManyRequests', detail('uploads.importBusy', params), [fieldError('file', 'import.busy', 'uploads.importBusy', params)], {
      retryAfter: s,
    });
  }
  try {
    return await run();
  } finally {
    release();
  }
}
