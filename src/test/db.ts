import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openEngine, type Engine } from '../server/db/engine.js';
import { adminUrl, databaseUrl, testEngine, withoutFlushWait } from './engines.js';

/**
 * A fresh, migrated database for one test file, on the engine the run is for: PGlite in memory
 * from the template tarball, or a PostgreSQL database cloned from the template database.
 */
export async function openTestEngine(): Promise<Engine> {
  if (testEngine === 'pglite') {
    const tarball = fs.readFileSync(inject('pgliteTemplate'));
    return openEngine({ loadDataDir: new Blob([tarball]), migrate: false });
  }
  const template = inject('pgTemplate');
  // The parent pid names the run, so the run's teardown can drop every database it made.
  const name = `tilsyn_t_${process.ppid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`create database ${name} template ${template}`);
        await admin.query(withoutFlushWait(name));
        break;
      } catch (err) {
        // Two files cloning the template at the same moment: PostgreSQL lets one through at a time.
        if (attempt > 40 || !/being accessed by other users/.test((err as Error).message)) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  const engine = await openEngine({ databaseUrl: databaseUrl(name), migrate: false });
  const close = engine.close.bind(engine);
  return {
    ...engine,
    async close() {
      await close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`).finally(() => a.end());
    },
  };
}
