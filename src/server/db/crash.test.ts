import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueTestToken, seedMunicipality, type SeededMunicipality } from '../../test/app.js';
import { ensureBuilt, serverEnv, startServerProcess, type ServerProcess } from '../../test/crash/server-process.js';
import { createStore, type TestStore } from '../../test/crash/store.js';
import { testEngine } from '../../test/engines.js';
import { queryRows } from './engine.js';
import { auditReports } from './schema/index.js';

/**
 * Crash safety: the server is killed with SIGKILL while multi-row writes are in flight, then
 * restarted on the same data, ten times over. Every write the client saw succeed must be there,
 * and no write may be there in part.
 */
const ROUNDS = 10;
const WRITERS = 8;
const RECOMMENDATIONS = 20;
const DEPARTMENTS = ['ØKF', 'BUF', 'SUF', 'TMF', 'KFF', 'BOF'];

interface RoundResult {
  round: number;
  startMs: number;
  killAfterMs: number;
  acknowledged: number;
  inFlightAtKill: number;
  cutOff: number;
}

describe(`crash safety under SIGKILL (${testEngine})`, () => {
  let store: TestStore;
  let seeded: SeededMunicipality;
  let reportId: string;
  let token: string;
  let server: ServerProcess | null = null;

  beforeAll(async () => {
    ensureBuilt();
    store = await createStore(testEngine);
    const engine = await store.open();
    try {
      seeded = await seedMunicipality(engine, { slug: 'krak', departments: DEPARTMENTS });
      const [report] = await engine.db
        .insert(auditReports)
        .values({ municipalityId: seeded.id, title: 'Revisionsberetning 2024', auditor: 'BDO', year: 2024, kind: 'annualAccounts' })
        .returning();
      reportId = report!.id;
      token = await issueTestToken(engine.db, seeded.userId);
    } finally {
      await engine.close();
    }
  });

  afterAll(async () => {
    if (server) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    await store?.dispose();
  });

  it('keeps every acknowledged write and no partial one across repeated SIGKILLs', async () => {
    const acknowledged = new Set<number>();
    const unexpected: string[] = [];
    const results: RoundResult[] = [];
    let nextNumber = 1;

    const postFinding = (url: string, number: number) =>
      fetch(`${url}/api/v1/reports/${reportId}/findings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          number,
          title: `Fund ${number}: afstemning af mellemregninger`,
          observations: 'Mellemregningerne var ikke afstemt ved årets udgang.',
          departments: 'ALL',
          recommendations: Array.from({ length: RECOMMENDATIONS }, (_, i) => `Anbefaling ${i + 1} til fund ${number}`),
        }),
      });

    for (let round = 1; round <= ROUNDS; round++) {
      const started = performance.now();
      server = await startServerProcess(serverEnv(store.env));
      const startMs = Math.round(performance.now() - started);
      const current = server;

      const health = await fetch(`${current.url}/healthz`);
      expect(await health.json()).toEqual({ status: 'ok', database: testEngine });
      if (testEngine === 'pglite') {
        // The SIGKILLed predecessor left its lock behind; the new server must have taken it over.
        const lock = JSON.parse(fs.readFileSync(path.join(store.dataDir, 'tilsyn.lock'), 'utf8')) as { pid: number };
        expect(lock.pid).toBe(current.pid);
      }
      // Everything acknowledged before the last crash is visible after recovery.
      const listed = await fetch(`${current.url}/api/v1/findings?reportId=${reportId}&limit=1`, { headers: { authorization: `Bearer ${token}` } });
      expect(((await listed.json()) as { total: number }).total).toBeGreaterThanOrEqual(acknowledged.size);

      let killed = false;
      let inFlight = 0;
      let cutOff = 0;
      const before = acknowledged.size;
      let writesFlowing!: () => void;
      const flowing = new Promise<void>((resolve) => (writesFlowing = resolve));
      const writer = async () => {
        while (!killed) {
          const number = nextNumber++;
          inFlight++;
          try {
            const res = await postFinding(current.url, number);
            // The reply is sent only after the transaction committed: a 201 status alone is an acknowledgement.
            if (res.status === 201) {
              acknowledged.add(number);
              await res.body?.cancel().catch(() => undefined); // the body is not needed; the kill may cut it
            } else {
              unexpected.push(`round ${round}, finding ${number}: HTTP ${res.status} ${await res.text()}`);
            }
            writesFlowing();
          } catch {
            cutOff++; // connection cut by the kill: the write may or may not have committed
          } finally {
            inFlight--;
          }
        }
      };
      const writers = Array.from({ length: WRITERS }, writer);

      // Past the first reply the server is warm and commits steadily; the kill lands at a random point after that.
      await flowing;
      const killAfterMs = 50 + Math.floor(Math.random() * 350);
      await sleep(killAfterMs);
      const inFlightAtKill = inFlight;
      current.child.kill('SIGKILL');
      killed = true;
      await Promise.all(writers);
      expect(await current.exited).toEqual({ code: null, signal: 'SIGKILL' });
      server = null;

      results.push({ round, startMs, killAfterMs, acknowledged: acknowledged.size - before, inFlightAtKill, cutOff });
    }

    console.log(
      [
        `crash rounds on ${testEngine}:`,
        'round  start ms  kill after ms  acknowledged  in flight at kill  cut off',
        ...results.map((r) =>
          [r.round, r.startMs, r.killAfterMs, r.acknowledged, r.inFlightAtKill, r.cutOff]
            .map((v, i) => String(v).padStart([5, 9, 14, 13, 18, 8][i]!))
            .join('  '),
        ),
      ].join('\n'),
    );
    expect(unexpected).toEqual([]);
    expect(acknowledged.size).toBeGreaterThan(0);

    // The last crash is recovered by opening the store here, which also takes over the stale lock.
    const engine = await store.open();
    try {
      const rows = await queryRows<{ number: number; recommendations: number; numbered: boolean; departments: number; logged: number }>(
        engine.db,
        sql`
          select f.number,
            (select count(*)::int from recommendations r where r.municipality_id = f.municipality_id and r.finding_id = f.id) as recommendations,
            (select coalesce(array_agg(r.number order by r.number) = array(select generate_series(1, ${RECOMMENDATIONS}::int)), false)
               from recommendations r where r.municipality_id = f.municipality_id and r.finding_id = f.id) as numbered,
            (select count(*)::int from finding_departments d where d.municipality_id = f.municipality_id and d.finding_id = f.id) as departments,
            (select count(*)::int from change_log c
               where c.municipality_id = f.municipality_id and c.resource = 'finding' and c.resource_id = f.id and c.action = 'create') as logged
          from findings f
          where f.municipality_id = ${seeded.id} and f.report_id = ${reportId}
          order by f.number`,
      );
      const stored = new Set(rows.map((r) => r.number));
      expect([...acknowledged].filter((n) => !stored.has(n))).toEqual([]);
      expect(rows.filter((r) => r.number >= nextNumber)).toEqual([]);
      const partial = rows.filter((r) => r.recommendations !== RECOMMENDATIONS || !r.numbered || r.departments !== DEPARTMENTS.length || r.logged !== 1);
      expect(partial).toEqual([]);

      // And nothing written outside a finding: no change record of a finding that is not there.
      const [orphans] = await queryRows<{ n: number }>(
        engine.db,
        sql`select count(*)::int as n from change_log c
            where c.municipality_id = ${seeded.id} and c.resource = 'finding'
              and not exists (select 1 from findings f where f.municipality_id = c.municipality_id and f.id = c.resource_id)`,
      );
      expect(orphans).toEqual({ n: 0 });
      console.log(`${testEngine}: ${acknowledged.size} acknowledged, ${rows.length} stored, all whole`);
    } finally {
      await engine.close();
    }
  }, 170_000);
});
