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

/** SHA-256 over the previous hash and the canonical form of the entry with its changes. */
export function entryHash(prevHash: string, entry: ChainedEntry): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(entry)).digest('hex');
}
