import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueTestToken, seedMunicipality, type SeededMunicipality } from '../../../test/app.js';
import { ensureBuilt, serverEnv, startServerProcess, type ServerProcess } from '../../../test/crash/server-process.js';
import { createStore, type TestStore } from '../../../test/crash/store.js';
import { testEngine } from '../../../test/engines.js';
import { queryRows } from '../../db/engine.js';

/**
 * Matching runs on the job queue, with real server processes: a server killed (SIGKILL) in the
 * middle of a run over a million rows per side, restarted, completes the run; two servers on one
 * PostgreSQL database and data directory share a queue of ten runs and fail none.
 */
const LEFT = {
  delimiter: ';',
  decimal: ',',
  dateFormat: 'dd-mm-yyyy',
  encoding: 'utf-8',
  columns: { amount: 'Beløb', date: 'Dato', caseId: 'Sagsnr', cpr: 'CPR' },
};
const RIGHT = {
  delimiter: ';',
  decimal: ',',
  dateFormat: 'dd.mm.yyyy',
  encoding: 'utf-8',
  columns: { amount: 'Beløb', date: 'Bilagsdato', caseId: 'Sag', cpr: 'Personnr' },
};
const RULES = {
  key: ['caseId'],
  groupKey: ['caseId'],
  passes: [
    { kind: 'exact', useDate: true },
    { kind: 'timing', lastDays: 3 },
  ],
};

/** A month's pair of extracts, every row matching but one on each side. */
function writeExtracts(dir: string, rows: number): { left: string; right: string } {
  const left = path.join(dir, `left-${rows}.csv`);
  const right = path.join(dir, `right-${rows}.csv`);
  const l = fs.openSync(left, 'w');
  const r = fs.openSync(right, 'w');
  fs.writeSync(l, 'Sagsnr;CPR;Dato;Beløb\n');
  fs.writeSync(r, 'Bilagsdato;Beløb;Sag;Personnr\n');
  const batch = 50_000;
  for (let from = 0; from < rows; from += batch) {
    let a = '';
    let b = '';
    for (let i = from; i < Math.min(rows, from + batch); i++) {
      const amount = `${(i % 90000) + 10},${String(i % 100).padStart(2, '0')}`;
      a += `S${i};0101901234;14-08-2024;${amount}\n`;
      b += `14.08.2024;${amount};S${i === rows - 1 ? 'X' : i};0101901234\n`;
    }
    fs.writeSync(l, a);
    fs.writeSync(r, b);
  }
  fs.closeSync(l);
  fs.closeSync(r);
  return { left, right };
}

describe(`matching runs on the job queue (${testEngine})`, () => {
  let store: TestStore;
  let seeded: SeededMunicipality;
  let token: string;
  const servers: ServerProcess[] = [];
  const key = randomBytes(32).toString('hex');

  beforeAll(async () => {
    ensureBuilt();
    store = await createStore(testEngine);
    const engine = await store.open();
    try {
      seeded = await seedMunicipality(engine, { slug: 'koe', departments: ['SOF'] });
      token = await issueTestToken(engine.db, seeded.userId);
    } finally {
      await engine.close();
    }
  });

  afterAll(async () => {
    for (const s of servers) {
      s.child.kill('SIGKILL');
      await s.exited;
    }
    await store?.dispose();
  });

  const start = async () => {
    const s = await startServerProcess(serverEnv({ ...store.env, TILSYN_ENCRYPTION_KEY: key, TILSYN_STALE_RUN_SECONDS: '10' }));
    servers.push(s);
    return s;
  };
  const api = async (url: string, method: string, p: string, body?: unknown) => {
    const res = await fetch(`${url}/api/v1${p}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  const postRun = async (url: string, systemId: string, files: { left: string; right: string }) => {
    const form = new FormData();
    form.set('systemId', systemId);
    form.set('period', '2024-08');
    form.set('left', await fs.openAsBlob(files.left, { type: 'text/csv' }), 'left.csv');
    form.set('right', await fs.openAsBlob(files.right, { type: 'text/csv' }), 'right.csv');
    const res = await fetch(`${url}/api/v1/matching-runs`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    const body = (await res.json()) as Record<string, any>;
    expect(res.status, JSON.stringify(body)).toBe(202);
    return body.id as string;
  };
  const waitFor = async (url: string, runId: string, until: (run: Record<string, any>) => boolean, timeoutMs = 240_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const run = (await api(url, 'GET', `/matching-runs/${runId}`)).body;
      if (until(run)) return run;
      if (Date.now() > deadline) throw new Error(`run ${runId} stuck: ${JSON.stringify(run)}`);
      await sleep(100);
    }
  };

  it.runIf(testEngine === 'pglite')(
    'a server killed in the middle of a run over a million rows per side completes it after restart',
    async () => {
      let server = await start();
      const system = await api(server.url, 'POST', '/matching-systems', {
        code: 'KY',
        name: 'KY',
        target: 'ledger',
        departmentId: seeded.departments.SOF,
        rules: RULES,
        left: LEFT,
        right: RIGHT,
      });
      expect(system.status).toBe(201);
      const files = writeExtracts(store.dataDir, 1_000_000);
      const runId = await postRun(server.url, system.body.id, files);
      const before = await waitFor(server.url, runId, (r) => r.state === 'running' && r.progress > 0.1);
      server.child.kill('SIGKILL');
      await server.exited;
      // what the killed server left: the run running (its heartbeat stops) and the sealed extracts
      const dir = path.join(store.dataDir, 'matching', seeded.id, runId);
      expect(fs.existsSync(path.join(dir, 'left.sealed')) && fs.existsSync(path.join(dir, 'right.sealed'))).toBe(true);

      server = await start();
      const after = await waitFor(server.url, runId, (r) => r.state === 'succeeded' || r.state === 'failed');
      expect(after.state, JSON.stringify(after.error)).toBe('succeeded');
      expect(after.summary.left.unmatched.rows).toBe(1);
      expect(after.summary.right.unmatched.rows).toBe(1);
      expect(after.summary.left.rows ?? 1_000_000).toBe(1_000_000);
      expect(before.state).toBe('running');
      expect(fs.readdirSync(dir).filter((f) => f.startsWith('left') || f.startsWith('right'))).toEqual([]);
      const engineRows = await api(server.url, 'GET', `/matching-runs/${runId}/items?limit=10`);
      expect(engineRows.body.total).toBe(2);
    },
    600_000,
  );

  it.runIf(testEngine === 'postgres')(
    'two servers on one database and data directory share a queue of ten runs, failing none',
    async () => {
      const [a, b] = [await start(), await start()];
      const system = await api(a.url, 'POST', '/matching-systems', {
        code: 'KY',
        name: 'KY',
        target: 'ledger',
        departmentId: seeded.departments.SOF,
        rules: RULES,
        left: LEFT,
        right: RIGHT,
      });
      expect(system.status).toBe(201);
      const files = writeExtracts(store.dataDir, 60_000);
      const ids: string[] = [];
      for (let i = 0; i < 10; i++) ids.push(await postRun((i % 2 ? b : a).url, system.body.id, files));
      const runs = [];
      for (const id of ids) runs.push(await waitFor(a.url, id, (r) => r.state === 'succeeded' || r.state === 'failed'));
      expect(runs.map((r) => r.state)).toEqual(Array(10).fill('succeeded'));
      const engine = await store.open();
      try {
        const workers = await queryRows<{ worker: string; n: number; attempts: number }>(
          engine.db,
          sql`select worker, count(*)::int as n, max(attempts)::int as attempts from matching_runs group by worker`,
        );
        // both servers took runs, and no run was started twice
        expect(workers.length).toBe(2);
        expect(workers.every((w) => w.attempts === 1)).toBe(true);
      } finally {
        await engine.close();
      }
    },
    600_000,
  );
});
