import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openEngine } from '../server/db/engine.js';
import { adminUrl, databaseUrl, testEngine } from './engines.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string;
  }
}

/**
 * Migrates once per run and hands every test file a template: a PGlite data-directory tarball,
 * or a PostgreSQL database each file clones with CREATE DATABASE … TEMPLATE.
 */
export default async function setup(project: TestProject) {
  const started = Date.now();
  const dir = path.resolve('.tmp');
  fs.mkdirSync(dir, { recursive: true });
  const tarball = path.join(dir, `pglite-template-${process.pid}.tar.gz`);
  const engine = await openEngine({});
  const dump = await (engine.db as unknown as { $client: { dumpDataDir(c: 'gzip'): Promise<Blob> } }).$client.dumpDataDir('gzip');
  fs.writeFileSync(tarball, Buffer.from(await dump.arrayBuffer()));
  await engine.close();
  project.provide('pgliteTemplate', tarball);

  let pgTemplate = '';
  if (testEngine === 'postgres') {
    pgTemplate = `tilsyn_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${pgTemplate}`);
    await admin.query(`create database ${pgTemplate}`);
    const tpl = await openEngine({ databaseUrl: databaseUrl(pgTemplate) });
    await tpl.close();
    await admin.end();
  }
  project.provide('pgTemplate', pgTemplate);
  console.log(`[setup] ${testEngine} template ready in ${Date.now() - started} ms`);

  return async () => {
    fs.rmSync(tarball, { force: true });
    if (pgTemplate) {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      const { rows } = await admin.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`tilsyn_t_${process.pid}_%`]);
      for (const r of rows) await admin.query(`drop database if exists "${r.datname}" with (force)`);
      await admin.query(`drop database if exists ${pgTemplate} with (force)`);
      await admin.end();
    }
  };
}
