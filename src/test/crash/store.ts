import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openEngine, type Engine, type EngineKind } from '../../server/db/engine.js';
import { adminUrl, databaseUrl, withoutFlushWait } from '../engines.js';
import { unpackTemplate } from '../template.js';

/** Where a child server keeps its data: a fresh PGlite directory or a fresh PostgreSQL database. */
export interface TestStore {
  kind: EngineKind;
  /** Always a fresh directory (PGlite's home, and what TILSYN_DATA_DIR points at on PostgreSQL too). */
  dataDir: string;
  /** TILSYN_DATA_DIR, and DATABASE_URL on PostgreSQL, for the child server. */
  env: Record<string, string>;
  /** Opens the store in this process, migrating it (the child must not be running on PGlite). */
  open(): Promise<Engine>;
  dispose(): Promise<void>;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export async function createStore(kind: EngineKind): Promise<TestStore> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilsyn-store-'));
  let url: string | null = null;
  let name = '';
  if (kind === 'postgres') {
    // Named like the other test databases, so the run's teardown drops it if this file cannot.
    name = `tilsyn_t_${process.ppid}_srv_${randomBytes(4).toString('hex')}`;
    await admin(async (c) => {
      await c.query(`create database ${name}`);
      await c.query(withoutFlushWait(name));
    });
    url = databaseUrl(name);
  } else {
    // Start from the run's migrated template: a fresh initdb on disk takes seconds longer.
    unpackTemplate(dataDir);
  }
  return {
    kind,
    dataDir,
    env: { TILSYN_DATA_DIR: dataDir, ...(url ? { DATABASE_URL: url } : {}) },
    open: () => openEngine(url ? { databaseUrl: url } : { dataDir }),
    async dispose() {
      if (name) await admin((c) => c.query(`drop database if exists ${name} with (force)`));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
