import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueTestToken, seedMunicipality, type SeededMunicipality } from '../../test/app.js';
import { ensureBuilt, runServerToExit, serverEnv, startServerProcess } from '../../test/crash/server-process.js';
import { createStore, type TestStore } from '../../test/crash/store.js';
import { testEngine } from '../../test/engines.js';
import { openEngine } from './engine.js';
import { DataDirLockedError } from './lock.js';
import { auditReports, municipalities } from './schema/index.js';

/** The embedded engine allows one process per data directory; PostgreSQL has no such lock. */
describe.skipIf(testEngine !== 'pglite')('PGlite data directory lock', () => {
  let store: TestStore;
  let seeded: SeededMunicipality;
  let token: string;
  const lockFile = () => path.join(store.dataDir, 'tilsyn.lock');
  const readLock = () => JSON.parse(fs.readFileSync(lockFile(), 'utf8')) as { pid: number; hostname: string };

  beforeAll(async () => {
    ensureBuilt();
    store = await createStore('pglite');
    const engine = await store.open();
    seeded = await seedMunicipality(engine, { slug: 'laas' });
    token = await issueTestToken(engine.db, seeded.userId);
    await engine.close();
  });

  afterAll(async () => {
    await store?.dispose();
  });

  it('refuses a second open in the same process and frees the directory on close', async () => {
    fs.chmodSync(store.dataDir, 0o755);
    const first = await openEngine({ dataDir: store.dataDir });
    try {
      expect(readLock().pid).toBe(process.pid);
      // the data directory holds the database and sealed CPR numbers: its owner's only, also when it was wider
      expect(fs.statSync(store.dataDir).mode & 0o777).toBe(0o700);
      const second = openEngine({ dataDir: store.dataDir });
      await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
      await expect(second).rejects.toThrow(/in use by another Tilsyn process \(pid \d+\)/);
    } finally {
      await first.close();
    }
    expect(fs.existsSync(lockFile())).toBe(false);
  });

  it('takes over a lock left by a dead process', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']);
    expect(dead.status).toBe(0);
    fs.writeFileSync(lockFile(), JSON.stringify({ pid: dead.pid, hostname: os.hostname(), startedAt: new Date().toISOString() }));

    const engine = await openEngine({ dataDir: store.dataDir });
    try {
      expect(readLock().pid).toBe(process.pid);
      const rows = await engine.db.select({ slug: municipalities.slug }).from(municipalities).where(eq(municipalities.id, seeded.id));
      expect(rows).toEqual([{ slug: 'laas' }]);
    } finally {
      await engine.close();
    }
    expect(fs.existsSync(lockFile())).toBe(false);
  });

  it('makes a second server on the same directory exit with code 2', async () => {
    const holder = await startServerProcess(serverEnv(store.env));
    try {
      expect(readLock().pid).toBe(holder.pid);
      const second = await runServerToExit(serverEnv(store.env));
      expect(second.code).toBe(2);
      expect(second.stderr).toContain('in use by another Tilsyn process');
      expect(second.stderr).toContain(`(pid ${holder.pid})`);
      // The holder is untouched and still serves.
      expect(readLock().pid).toBe(holder.pid);
      const health = await fetch(`${holder.url}/healthz`);
      expect(await health.json()).toEqual({ status: 'ok', database: 'pglite' });
    } finally {
      holder.child.kill('SIGTERM');
      await holder.exited;
    }
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('%s stops the server cleanly: exit 0, lock removed, data kept', async (signal) => {
    const server = await startServerProcess(serverEnv(store.env));
    const title = `Beretning stoppet med ${signal}`;
    const res = await fetch(`${server.url}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ title, auditor: 'BDO', year: 2024, kind: 'annualAccounts' }),
    });
    expect(res.status).toBe(201);

    server.child.kill(signal);
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(fs.existsSync(lockFile())).toBe(false);

    const engine = await openEngine({ dataDir: store.dataDir });
    try {
      const rows = await engine.db.select({ title: auditReports.title }).from(auditReports).where(eq(auditReports.title, title));
      expect(rows).toEqual([{ title }]);
    } finally {
      await engine.close();
    }
  });
});
