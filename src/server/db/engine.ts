import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite, types } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema/index.js';
import { acquireDataDirLock } from './lock.js';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that runs queries: the database or a transaction inside it. */
export type Executor = Database | Transaction;
export type EngineKind = 'pglite' | 'postgres';

export interface Engine {
  kind: EngineKind;
  db: Database;
  /**
   * Raw SQL for the job queue (pg-boss's `db` adapter): parameterised texts as one statement, texts
   * without parameters may hold several (on PGlite they go through `exec`, which allows that).
   */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  close(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
/** The SQL migrations folder, found from both src/ (tests) and dist/ (built). */
export const migrationsFolder = path.resolve(here, '../../../drizzle');

export interface OpenOptions {
  databaseUrl?: string | null;
  /** PGlite data directory; omitted together with databaseUrl means in memory. */
  dataDir?: string | null;
  /** A prepared PGlite data directory as a tarball (tests start from a migrated template). */
  loadDataDir?: Blob;
  migrate?: boolean;
}

export async function openEngine(opts: OpenOptions): Promise<Engine> {
  const engine = opts.databaseUrl ? await openPostgres(opts.databaseUrl) : await openPglite(opts);
  if (opts.migrate !== false) {
    try {
      await migrateEngine(engine);
    } catch (err) {
      await engine.close();
      throw err;
    }
  }
  return engine;
}

export async function migrateEngine(engine: Engine): Promise<void> {
  if (engine.kind === 'pglite') await migratePglite(engine.db as never, { migrationsFolder });
  else await migratePg(engine.db as never, { migrationsFolder });
}

/**
 * Raw results as node-postgres gives them: bigint as a string (PGlite would hand back a number,
 * or a BigInt past 2^53) and bytea as a Buffer (PGlite: Uint8Array).
 */
const pgliteParsers = {
  [types.INT8]: (value: string) => value,
  [types.BYTEA]: (value: string) => Buffer.from(value.slice(2), 'hex'),
};

async function openPglite(opts: OpenOptions): Promise<Engine> {
  const lock = opts.dataDir ? acquireDataDirLock(opts.dataDir) : null;
  let client: PGlite;
  try {
    const pgdata = opts.dataDir ? path.join(opts.dataDir, 'pgdata') : undefined;
    if (pgdata) fs.mkdirSync(pgdata, { recursive: true, mode: 0o700 });
    client = await PGlite.create({ dataDir: pgdata, parsers: pgliteParsers, ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}) });
    // Same session settings as the PostgreSQL pool, so values come back the same on both engines.
    await client.exec(`set time zone 'UTC'; set datestyle = 'ISO, YMD'`);
  } catch (err) {
    lock?.release();
    throw err;
  }
  const db = drizzlePglite({ client, schema }) as unknown as Database;
  let closed = false;
  return {
    kind: 'pglite',
    db,
    async executeSql(text, values) {
      if (values?.length) return client.query(text, values);
      const results = await client.exec(text);
      return { rows: results.at(-1)?.rows ?? [] };
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

async function openPostgres(url: string): Promise<Engine> {
  const pool = new pg.Pool({ connectionString: url, max: 10, options: '-c TimeZone=UTC -c DateStyle=ISO,YMD' });
  // An idle pooled connection that the server ends (restart, admin shutdown) emits 'error' on the
  // pool; unhandled, that would crash the process. The pool drops it and reconnects on demand.
  pool.on('error', (err) => {
    console.warn(`PostgreSQL closed an idle connection: ${err.message}`);
  });
  // Fail at start, with the reason, rather than at the first request.
  const probe = await pool.connect().catch(async (err: Error) => {
    await pool.end();
    throw new Error(`Cannot connect to PostgreSQL (DATABASE_URL): ${err.message}`);
  });
  probe.release();
  const db = drizzlePg({ client: pool, schema }) as unknown as Database;
  let closed = false;
  return {
    kind: 'postgres',
    db,
    executeSql: (text, values) => pool.query(text, values),
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** Raw SQL for the few queries the builder cannot say (recursive CTEs, text search ranking). */
export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
