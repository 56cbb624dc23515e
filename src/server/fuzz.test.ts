import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { verifyChains, formatReport } from './audit/verify.js';
import { queryRows, type Engine } from './db/engine.js';
import { startDemoMatchingRuns } from './demo/matching.js';
import { seedDemo } from './demo/seed.js';
import { hashPassword, sha256 } from './modules/auth/secrets.js';
import { userCredentials } from './db/schema/index.js';
import { issueTestToken, seedUser } from '../test/app.js';
import { openTestEngine } from '../test/db.js';
import { testEngine } from '../test/engines.js';
import { Credentials, describeFailure, FuzzState, runFuzz, type FuzzRequest, type FuzzResponse } from '../test/fuzz/requests.mjs';

/**
 * Schema-driven fuzz over the whole API: every operation of the OpenAPI document, called in turn
 * with values drawn by fast-check from one printed seed (valid ones to reach the services,
 * malformed and boundary ones, wild bodies), as an administrator and auditor of a loaded demo
 * municipality (with its API token, a quarter in its browser session), a few without or with a
 * made-up credential, with ids of its own, of the other
 * demo municipality and of nothing. No answer may be a 5xx, and the audit chains must hold
 * afterwards. TILSYN_FUZZ_SEED and TILSYN_FUZZ_REQUESTS replay or widen a run;
 * `node bench/fuzz.mjs` is the longer run.
 */
const SEED = Number(process.env.TILSYN_FUZZ_SEED ?? 20261208);
const REQUESTS = Number(process.env.TILSYN_FUZZ_REQUESTS ?? 4000);
/** The run stops drawing requests after this long (about 90 s per engine with the set-up), and says so. */
const BUDGET_MS = Number(process.env.TILSYN_FUZZ_BUDGET_MS ?? 65_000);

let engine: Engine;
let app: FastifyInstance;
let dataDir: string;
let userId: string;
const EMAIL = 'fuzz@kobenhavn.example';
const PASSWORD = 'fuzz-lang-hemmelig-sætning';

/** Ids of every tenant table (a sample), by table, for one municipality. */
async function idsOf(slug: string): Promise<Record<string, string[]>> {
  const tables = await queryRows<{ table_name: string }>(
    engine.db,
    sql`select c.table_name from information_schema.columns c join information_schema.columns m on m.table_schema = c.table_schema and m.table_name = c.table_name and m.column_name = 'municipality_id'
        where c.table_schema = 'public' and c.column_name = 'id' order by c.table_name`,
  );
  const out: Record<string, string[]> = {};
  for (const { table_name } of tables) {
    const rows = await queryRows<{ id: string }>(
      engine.db,
      sql`select t.id::text as id from ${sql.identifier(table_name)} t join municipalities m on m.id = t.municipality_id where m.slug = ${slug} order by t.id limit 40`,
    );
    if (rows.length) out[table_name] = rows.map((r) => r.id);
  }
  return out;
}

async function auditEntries(): Promise<number> {
  const [row] = await queryRows<{ n: number }>(engine.db, sql`select count(*)::int as n from audit_entries`);
  return row!.n;
}

beforeAll(async () => {
  engine = await openTestEngine();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilsyn-fuzz-'));
  // The log at level error: a 5xx prints its stack next to the request that caused it.
  app = await buildApp({
    engine,
    logger: true,
    config: { maxEvidenceBytes: 256 * 1024, logLevel: 'error', encryptionKey: randomBytes(32), dataDir, loginRateLimit: 1_000 },
  });
  const { seeded } = await seedDemo(engine);
  await startDemoMatchingRuns(engine.db, app.services.matching, seeded);
  await app.services.matching.idle();
  const [m] = await queryRows<{ id: string }>(engine.db, sql`select id from municipalities where slug = 'kobenhavn'`);
  userId = await seedUser(engine, m!.id, { email: EMAIL, roles: [{ role: 'admin' }, { role: 'auditor' }] });
  // a password, so that a share of the requests go through a browser session (cookie and CSRF token)
  await engine.db.insert(userCredentials).values({ municipalityId: m!.id, userId, passwordHash: await hashPassword(PASSWORD), passwordChangedAt: new Date() });
});

afterAll(async () => {
  await app?.close();
  await engine?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('schema-driven fuzz', () => {
  it(`answers no request with a 5xx and keeps the audit chains whole (seed ${SEED}, ${REQUESTS} requests)`, { timeout: 300_000 }, async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const state = new FuzzState({ own: await idsOf('kobenhavn'), foreign: await idsOf('exempelstad'), protectedIds: [userId] });
    const credentials = new Credentials({
      state,
      issueToken: async () => {
        const value = await issueTestToken(engine.db, userId);
        const [row] = await queryRows<{ id: string }>(engine.db, sql`select id from api_tokens where token_hash = ${sha256(value)}`);
        return { value, id: row!.id };
      },
      tokenRevoked: async (value) => {
        const [row] = await queryRows<{ revoked: boolean }>(
          engine.db,
          sql`select revoked_at is not null as revoked from api_tokens where token_hash = ${sha256(value)}`,
        );
        return row?.revoked ?? true;
      },
      signIn: async () => {
        const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: EMAIL, password: PASSWORD } });
        const cookie = res.cookies.find((c) => c.name === 'tilsyn_session');
        if (res.statusCode !== 200 || !cookie) throw new Error(`the fuzz user could not sign in: ${res.statusCode} ${res.body}`);
        return { cookie: `tilsyn_session=${cookie.value}`, csrf: res.json().csrfToken };
      },
      sessionAlive: async (cookie) => (await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } })).statusCode === 200,
    });
    const send = async (req: FuzzRequest): Promise<FuzzResponse> => {
      const res = await app.inject({
        method: req.method as 'GET',
        url: req.url,
        headers: await credentials.headers(req),
        ...(req.payload !== undefined ? { payload: req.payload } : {}),
      });
      const answer = { status: res.statusCode, headers: res.headers, body: res.body };
      await credentials.after(req, answer);
      return answer;
    };
    console.log(`[fuzz] ${testEngine}: seed ${SEED}, ${REQUESTS} requests (TILSYN_FUZZ_SEED=${SEED} TILSYN_FUZZ_REQUESTS=${REQUESTS} to replay)`);
    const entriesBefore = await auditEntries();
    // A document render costs a second or more on this machine: those are called every fourth round.
    const report = await runFuzz({
      doc,
      seed: SEED,
      requests: REQUESTS,
      state,
      send,
      sessionShare: 0.25,
      budgetMs: BUDGET_MS,
      every: (op) => (/\.pdf$/.test(op.path) ? 4 : 1),
    });
    await app.services.matching.idle();
    console.log(
      `[fuzz] ${testEngine}: ${report.requests} requests${report.interrupted ? ` (time budget of ${BUDGET_MS / 1000} s reached)` : ''} in ${report.seconds.toFixed(1)} s, ${report.operations} operations, ${report.reached} past validation, ${report.succeeded} with a 2xx; ` +
        `${Object.entries(report.byClass)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}; token renewed ${credentials.renewed.token}×, session ${credentials.renewed.session}×`,
    );
    if (process.env.TILSYN_FUZZ_SLOWEST) {
      const slow = [...report.perOperation.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25);
      console.log(slow.map(([k, s]) => `${(s.ms / 1000).toFixed(2)} s  ${s.calls}×  ${k}  ${JSON.stringify(s.statuses)}`).join('\n'));
    }
    expect(report.failures.map(describeFailure).join('\n\n')).toBe('');
    expect(report.operations).toBeGreaterThan(150);
    // Every operation called, and most got past validation: the run reaches the services, not only the schemas.
    expect([...report.perOperation.entries()].filter(([, s]) => s.calls === 0).map(([k]) => k)).toEqual([]);
    expect(report.reached / report.operations).toBeGreaterThan(0.8);

    const chains = await verifyChains(engine.db);
    expect(chains.ok, formatReport(chains)).toBe(true);
    // The run changed things (its valid requests went through), so the chains verified are not only the demo's.
    expect((await auditEntries()) - entriesBefore).toBeGreaterThan(report.requests / 50);
  });
});
