import { createHash } from 'node:crypto';

/** The hash before the first entry of a municipality's chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export interface ChainedChange {
  resource: string;
  resourceId: string;
  action: string;
  before: unknown;
  after: unknown;
}

export interface ChainedEntry {
  municipalityId: string;
  seq: number;
  /** ISO time with milliseconds. */
  at: string;
  userId: string | null;
  via: string;
  resource: string;
  resourceId: string;
  action: string;
  changes: ChainedChange[];
}

/**
 * Ids are uuid columns, which the database hands back in lower case whatever case they were
 * written in (a URL may carry an upper-case id): hash them the way they will be read back.
 */
const lowerId = (id: string) => id.toLowerCase();

/** The entry as the database returns it, so the hash at write time equals the one `verify` recomputes. */
export function normalizeEntry(entry: ChainedEntry): ChainedEntry {
  return {
    municipalityId: lowerId(entry.municipalityId),
    seq: entry.seq,
    at: entry.at,
    userId: entry.userId === null ? null : lowerId(entry.userId),
    via: entry.via,
    resource: entry.resource,
    resourceId: lowerId(entry.resourceId),
    action: entry.action,
    changes: entry.changes.map((c) => ({
      resource: c.resource,
      resourceId: lowerId(c.resourceId),
      action: c.action,
      before: c.before ?? null,
      after: c.after ?? null,
    })),
  };
}

/** SHA-256 over the previous hash and the canonical form of the entry with its changes. */
export function entryHash(prevHash: string, entry: ChainedEntry): string {
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(canonicalJson(normalizeEntry(entry)))
    .digest('hex');
}
