import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueTestToken, seedMunicipality, type SeededMunicipality } from '../../test/app.js';
import { ensureBuilt, serverEnv, startServerProcess, type ServerProcess } from '../../test/crash/server-process.js';
import { createStore, type TestStore } from '../../test/crash/store.js';
import { testEngine } from '../../test/engines.js';
import { buildWorkbook } from '../modules/imports/test-fixtures.js';
import { bombs, type Bomb } from './test-fixtures.js';

/**
 * The issue's outage, replayed against the built server run as `node --max-old-space-size=512`:
 * three zip bombs posted at once to the findings import, a balance import and a matching run,
 * three times over. Before the zip guard one of them took the heap past 1.5 GB and three killed
 * the process; now each is refused (413/422, or 429 when both import slots are taken), the
 * process stays up, /healthz answers 200 and an ordinary import still works.
 */

const HEAP_MB = 512;
const ROUNDS = 3;

/** The process's resident memory now and at its peak (Linux), in MiB. */
function memoryOf(pid: number): { rss: number; peak: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: Math.round(kib('VmRSS') / 1024), peak: Math.round(kib('VmHWM') / 1024) };
  } catch {
    return null;
  }
}

describe(`a server with a ${HEAP_MB} MB heap survives zip bombs (${testEngine})`, () => {
  let store: TestStore;
  let seeded: SeededMunicipality;
  let token: string;
  let server: ServerProcess | null = null;

  beforeAll(async () => {
    ensureBuilt();
    store = await createStore(testEngine);
    const engine = await store.open();
    try {
      seeded = await seedMunicipality(engine, { slug: 'bombe', departments: ['ØKF', 'SOF'] });
      token = await issueTestToken(engine.db, seeded.userId);
    } finally {
      await engine.close();
    }
    server = await startServerProcess(serverEnv(store.env), 60_000, [`--max-old-space-size=${HEAP_MB}`]);
  }, 120_000);

  afterAll(async () => {
    if (server) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    await store?.dispose();
  });

  it('refuses three bombs at once, three times, and still answers /healthz and imports', async () => {
    const url = server!.url;
    const auth = { authorization: `Bearer ${token}` };
    const system = await fetch(`${url}/api/v1/matching-systems`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        code: 'XL',
        name: 'Excel',
        target: 'ledger',
        departmentId: seeded.departments.SOF,
        rules: { key: ['caseId'], groupKey: ['caseId'], passes: [{ kind: 'exact', useDate: false }] },
        left: { format: 'xlsx', decimal: ',', dateFormat: 'dd-mm-yyyy', columns: { amount: 'Beløb', date: 'Dato', caseId: 'Sag' } },
        right: { delimiter: ';', decimal: ',', dateFormat: 'dd-mm-yyyy', encoding: 'utf-8', columns: { amount: 'Beløb', date: 'Dato', caseId: 'Sag' } },
      }),
    });
    expect(system.status, await system.clone().text()).toBe(201);
    const systemId = ((await system.json()) as { id: string }).id;

    const valid = await buildWorkbook({
      findings: [
        {
          reportTitle: 'Beretning 2025',
          reportYear: 2025,
          reportKind: 'årsberetning',
          auditor: 'Revisor',
          findingNumber: 1,
          title: 'Bemærkning',
          departments: 'SOF',
        },
      ],
    });
    const all = bombs(valid);
    const pick = (code: Bomb['code']) => all.find((b) => b.code === code)!;
    // the heaviest: a truthful GiB, a lying GiB, a million cells to scan
    const chosen = [pick('xlsx.unpackedTooLarge'), pick('xlsx.sizeMismatch'), pick('xlsx.tooManyCells')];

    const form = (files: [string, string, Buffer][], fields: Record<string, string> = {}) => {
      const f = new FormData();
      for (const [k, v] of Object.entries(fields)) f.append(k, v);
      for (const [k, name, bytes] of files) f.append(k, new Blob([new Uint8Array(bytes)]), name);
      return f;
    };
    const post = (path: string, body: FormData) => fetch(`${url}/api/v1${path}`, { method: 'POST', headers: auth, body });
    const send = (i: number, bytes: Buffer) =>
      [
        () => post('/imports/findings-xlsx?dryRun=false', form([['file', 'bomb.xlsx', bytes]])),
        () => post('/balance-imports/ledgerBalances?dryRun=false&amountFormat=da', form([['file', 'bomb.xlsx', bytes]])),
        () =>
          post(
            '/matching-runs',
            form(
              [
                ['left', 'bomb.xlsx', bytes],
                ['right', 'ledger.csv', Buffer.from('Sag;Dato;Beløb\nS1;05-11-2024;1,00\n')],
              ],
              { systemId, period: '2024-11' },
            ),
          ),
      ][i % 3]!();

    const start = memoryOf(server!.pid);
    const refused: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // a different route for each bomb each round
      const answers = await Promise.all(
        chosen.map((bomb, i) =>
          send(i + round, bomb.bytes).then(async (res) => ({ bomb, status: res.status, body: await res.text(), retryAfter: res.headers.get('retry-after') })),
        ),
      );
      for (const a of answers) {
        expect([a.bomb.status, 429], `${a.bomb.name}: ${a.body}`).toContain(a.status);
        if (a.status === 429) expect(a.retryAfter).toBe('10');
        else expect(JSON.parse(a.body).errors[0].code).toBe(a.bomb.code);
        refused.push(a.status);
      }
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
    }
    // at most one of each three waited for a slot
    expect(refused.filter((s) => s !== 429).length).toBeGreaterThanOrEqual(2 * ROUNDS);
    expect(server!.child.exitCode).toBeNull();

    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', database: testEngine });
    const ok = await post('/imports/findings-xlsx?dryRun=true', form([['file', 'valid.xlsx', valid]]));
    expect(ok.status, await ok.clone().text()).toBe(200);

    const memory = memoryOf(server!.pid);
    if (start && memory) {
      console.log(
        `server RSS before the bombs ${start.rss} MiB; after ${ROUNDS} × 3 bombs ${memory.rss} MiB, peak ${memory.peak} MiB (answers: ${refused.join(' ')})`,
      );
      // nothing near the GiB the bombs unpack to was ever held
      expect(memory.peak - start.rss).toBeLessThan(300);
    }
    expect(server!.stderr()).not.toMatch(/heap out of memory/i);
  }, 180_000);
});
