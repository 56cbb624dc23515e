import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { kronerToOre } from '../domain/money.js';
import { queryRows, type Database, type Engine } from '../server/db/engine.js';

/**
 * The shared test kit: snapshots that prove a refused command changed nothing, multipart bodies
 * for uploads, and money in whole kroner. One copy, so every test proves "unchanged" as strongly.
 */

/** The audit trail: every snapshot includes it, as a refused command must not leave a trace there either. */
export const AUDIT_TRAIL = ['audit_entries', 'change_log', 'audit_heads'] as const;

/** Per table "row count:md5 of every row as JSON, sorted": equal snapshots mean no row was inserted, changed or deleted. */
export type TableSnapshot = Record<string, string>;

/**
 * A fingerprint of every row of `tables` and of the audit trail, in one query. The count keeps a
 * failure readable (which table grew); the hash covers every column of every row.
 */
export async function tableSnapshot(db: Database | Engine, tables: readonly string[]): Promise<TableSnapshot> {
  const database = 'db' in db ? db.db : db;
  const all = [...new Set([...tables, ...AUDIT_TRAIL])];
  const columns = all.map(
    (t) =>
      sql`(select count(*) || ':' || coalesce(md5(string_agg(row_to_json(x)::text, E'\\n' order by row_to_json(x)::text)), '') from ${sql.identifier(t)} x) as ${sql.identifier(t)}`,
  );
  const [row] = await queryRows<TableSnapshot>(database, sql`select ${sql.join(columns, sql`, `)}`);
  return row!;
}

/**
 * Runs `action` (requests that must be refused, with their own expectations) and fails unless
 * `tables` and the audit trail are exactly as before it. Returns what `action` returned.
 */
export async function expectUnchanged<T>(db: Database | Engine, tables: readonly string[], action: () => Promise<T>): Promise<T> {
  const before = await tableSnapshot(db, tables);
  const result = await action();
  expect(await tableSnapshot(db, tables), 'the database or the audit trail changed').toEqual(before);
  return result;
}

/** A file part of a multipart body; without `type` the part has no Content-Type line. */
export interface MultipartFile {
  filename: string;
  type?: string;
  content: string | Buffer;
}

export interface MultipartBody {
  payload: Buffer;
  /** The Content-Type header value, with the boundary. */
  contentType: string;
  headers: { 'content-type': string };
}

/**
 * A multipart/form-data body, parts in the order given: a string is a field, an object a file.
 * The boundary is random unless given.
 */
export function multipart(parts: Record<string, string | MultipartFile>, boundary = `----tilsyn${randomBytes(8).toString('hex')}`): MultipartBody {
  const chunks: Buffer[] = [];
  for (const [name, part] of Object.entries(parts)) {
    if (typeof part === 'string') {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${part}\r\n`));
      continue;
    }
    const type = part.type === undefined ? '' : `Content-Type: ${part.type}\r\n`;
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${part.filename}"\r\n${type}\r\n`),
      Buffer.from(part.content),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  const contentType = `multipart/form-data; boundary=${boundary}`;
  return { payload: Buffer.concat(chunks), contentType, headers: { 'content-type': contentType } };
}

/** Whole kroner → øre, the unit every amount travels in: kr(1_000) → 100_000. */
export const kr = (kroner: number): number => kronerToOre(kroner);

/** The UTC calendar day `days` from now as YYYY-MM-DD: isoDay(0) is today, isoDay(-1) yesterday. */
export const isoDay = (days = 0): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
