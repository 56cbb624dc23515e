// The schema-driven fuzz of src/server/fuzz.test.ts, longer: every OpenAPI operation in turn with
// valid, mutated and wild requests drawn by fast-check from one seed (the same generator,
// src/test/fuzz/requests.mjs), as an administrator and auditor of the loaded demo municipality
// København (its API token; a quarter of the requests in its browser session, a few without or
// with a made-up credential; ids of its own, of Exempelstad and of nothing). Prints requests, operations reached, answers by status class, the 5xx (each
// with its request), requests/s, and whether every audit chain still verifies. Exits 1 on any 5xx,
// request without an answer or broken chain. Needs `npm run build` (or `npx tsc -p tsconfig.build.json`);
// with `node --expose-gc` it also prints the heap after a full GC before and after the run.
//   node bench/fuzz.mjs [--requests 20000] [--seed 20261208] [--http] [--every-pdf 4] [--per-op]
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/fuzz.mjs   (a fresh database is created and dropped)
// --http sends over a real socket (the server listening on 127.0.0.1, node:http as the client)
// instead of app.inject, so Node's own HTTP parser sees the raw requests too.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { eq, sql } from 'drizzle-orm';
import { buildApp } from '../dist/server/app.js';
import { verifyChains, formatReport } from '../dist/server/audit/verify.js';
import { openEngine, queryRows } from '../dist/server/db/engine.js';
import * as s from '../dist/server/db/schema/index.js';
import { startDemoMatchingRuns } from '../dist/server/demo/matching.js';
import { seedDemo } from '../dist/server/demo/seed.js';
import { hashPassword, randomToken, sha256 } from '../dist/server/modules/auth/secrets.js';
import { Credentials, describeFailure, FuzzState, runFuzz } from '../src/test/fuzz/requests.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const requests = arg('requests', 20_000);
const seed = arg('seed', 20261208);
const everyPdf = arg('every-pdf', 4);
const overHttp = process.argv.includes('--http');

// ---------------------------------------------------------------------------------------------
// A fresh database with the demo, and the app

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilsyn-bench-fuzz-'));
let dbName = null;
const adminUrl = process.env.DATABASE_URL ?? null;
if (adminUrl) {
  dbName = `tilsyn_bench_fuzz_${process.pid}`;
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(`drop database if exists ${dbName}`);
  await c.query(`create database ${dbName}`);
  await c.end();
}
const dbUrl = dbName ? Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString() : null;
const setupStarted = performance.now();
const engine = await openEngine(dbUrl ? { databaseUrl: dbUrl } : { dataDir: path.join(dir, 'data') });
const db = engine.db;
const app = await buildApp({
  engine,
  logger: true,
  config: { logLevel: 'error', maxEvidenceBytes: 256 * 1024, encryptionKey: randomBytes(32), dataDir: path.join(dir, 'files'), loginRateLimit: 1_000 },
});
const { seeded } = await seedDemo(engine);
await startDemoMatchingRuns(db, app.services.matching, seeded);
await app.services.matching.idle();

const [kbh] = await db.select().from(s.municipalities).where(eq(s.municipalities.slug, 'kobenhavn'));
const [user] = await db.insert(s.users).values({ municipalityId: kbh.id, name: 'Fuzz', email: 'fuzz@kobenhavn.example' }).returning();
await db.insert(s.userRoles).values([
  { municipalityId: kbh.id, userId: user.id, role: 'admin' },
  { municipalityId: kbh.id, userId: user.id, role: 'auditor' },
]);
const password = 'fuzz-lang-hemmelig-sætning';
await db
  .insert(s.userCredentials)
  .values({ municipalityId: kbh.id, userId: user.id, passwordHash: await hashPassword(password), passwordChangedAt: new Date() });

/** Ids of every tenant table (up to 40 each) of one municipality. */
async function idsOf(slug) {
  const rows = (q) => queryRows(db, q);
  const tables =
    await rows(sql`select c.table_name from information_schema.columns c join information_schema.columns m on m.table_schema = c.table_schema and m.table_name = c.table_name and m.column_name = 'municipality_id'
      where c.table_schema = 'public' and c.column_name = 'id' order by c.table_name`);
  const out = {};
  for (const { table_name } of tables) {
    const ids = await rows(
      sql`select t.id::text as id from ${sql.identifier(table_name)} t join municipalities m on m.id = t.municipality_id where m.slug = ${slug} order by t.id limit 40`,
    );
    if (ids.length) out[table_name] = ids.map((r) => r.id);
  }
  return out;
}
const state = new FuzzState({ own: await idsOf('kobenhavn'), foreign: await idsOf('exempelstad'), protectedIds: [user.id] });
// The user's API token and browser session, renewed when the run loses them (sign-out, sign-out everywhere)
const credentials = new Credentials({
  state,
  issueToken: async () => {
    const value = randomToken('tls_');
    const [row] = await db
      .insert(s.apiTokens)
      .values({
        municipalityId: kbh.id,
        userId: user.id,
        name: 'fuzz',
        tokenHash: sha256(value),
        prefix: value.slice(0, 10),
        scopes: ['read', 'write'],
        expiresAt: new Date(Date.now() + 86_400_000),
      })
      .returning();
    return { value, id: row.id };
  },
  tokenRevoked: async (value) => {
    const [row] = await db
      .select({ revokedAt: s.apiTokens.revokedAt })
      .from(s.apiTokens)
      .where(eq(s.apiTokens.tokenHash, sha256(value)));
    return !row || Boolean(row.revokedAt);
  },
  signIn: async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password } });
    const cookie = res.cookies.find((c) => c.name === 'tilsyn_session');
    if (res.statusCode !== 200 || !cookie) throw new Error(`the fuzz user could not sign in: ${res.statusCode} ${res.body}`);
    return { cookie: `tilsyn_session=${cookie.value}`, csrf: res.json().csrfToken };
  },
  sessionAlive: async (cookie) => (await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } })).statusCode === 200,
});
const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
const setupSeconds = (performance.now() - setupStarted) / 1000;

// ---------------------------------------------------------------------------------------------
// Sending: app.inject, or node:http against the listening server

let port = 0;
if (overHttp) {
  await app.listen({ host: '127.0.0.1', port: 0 });
  port = app.server.address().port;
}
// A connection per request: the server may close one after refusing a request (413, 414, 431), and a reused one would then fail on the client's side.
const agent = new http.Agent({ keepAlive: false });
function overSocket(req, headers) {
  return new Promise((resolve, reject) => {
    const body = req.payload === undefined ? null : Buffer.isBuffer(req.payload) ? req.payload : Buffer.from(req.payload);
    const r = http.request(
      { host: '127.0.0.1', port, method: req.method, path: req.url, agent, headers: { ...headers, ...(body ? { 'content-length': body.length } : {}) } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    r.on('error', reject);
    r.end(body ?? undefined);
  });
}

async function send(req) {
  const headers = await credentials.headers(req);
  let res;
  if (overHttp) {
    try {
      res = await overSocket(req, headers);
    } catch (err) {
      // node:http refuses to send some header values and paths (control characters): not the server's answer
      if (['ERR_INVALID_CHAR', 'ERR_UNESCAPED_CHARACTERS', 'ERR_HTTP_INVALID_HEADER_VALUE'].includes(err?.code)) return { status: 0, headers: {}, body: '' };
      throw err;
    }
  } else {
    const r = await app.inject({ method: req.method, url: req.url, headers, ...(req.payload !== undefined ? { payload: req.payload } : {}) });
    res = { status: r.statusCode, headers: r.headers, body: r.body };
  }
  await credentials.after(req, res);
  return res;
}

// ---------------------------------------------------------------------------------------------
// The run

const heapAfterGc = () => {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};
const heapBefore = heapAfterGc();
let lastPrint = performance.now();
const report = await runFuzz({
  doc,
  seed,
  requests,
  state,
  send,
  sessionShare: 0.25,
  every: (op) => (/\.pdf$/.test(op.path) ? everyPdf : 1),
  onProgress: (done) => {
    if (performance.now() - lastPrint > 10_000) {
      lastPrint = performance.now();
      process.stderr.write(`  … ${done} requests\n`);
    }
  },
});
await app.services.matching.idle();
const chains = await verifyChains(db);
const peakRss = process.resourceUsage().maxRSS / 1024;
const heapAfter = heapAfterGc();

await app.close();
await engine.close();
agent.destroy();
if (dbName) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(`drop database if exists ${dbName} with (force)`);
  await c.end();
}
fs.rmSync(dir, { recursive: true, force: true });

// ---------------------------------------------------------------------------------------------
// The table

const n = (x) => x.toLocaleString('en-US');
const pct = (x) => `${((100 * x) / report.requests).toFixed(1)} %`;
console.log(
  `\nFuzz, seed ${seed}, ${dbUrl ? 'PostgreSQL' : 'PGlite'}, ${overHttp ? 'over HTTP (node:http → 127.0.0.1)' : 'app.inject'}, node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, load ${os.loadavg()[0].toFixed(1)}, ${new Date().toISOString().slice(0, 10)}`,
);
const rows = [
  ['requests', n(report.requests)],
  ['operations in the OpenAPI document', n(report.operations)],
  ['operations past validation (an answer other than 400)', `${n(report.reached)} (${((100 * report.reached) / report.operations).toFixed(0)} %)`],
  ['operations with a 2xx answer', `${n(report.succeeded)} (${((100 * report.succeeded) / report.operations).toFixed(0)} %)`],
  ['2xx', `${n(report.byClass['2xx'] ?? 0)} (${pct(report.byClass['2xx'] ?? 0)})`],
  ['4xx', `${n(report.byClass['4xx'] ?? 0)} (${pct(report.byClass['4xx'] ?? 0)})`],
  ['5xx', n(report.byClass['5xx'] ?? 0)],
  ['no answer', n(report.byClass['no answer'] ?? 0)],
  ...(report.byClass['0xx'] ? [['not sent (node:http refused the header or path)', n(report.byClass['0xx'])]] : []),
  ['requests/s', (report.requests / report.seconds).toFixed(1)],
  ['time (s): set-up (demo load) / fuzz', `${setupSeconds.toFixed(1)} / ${report.seconds.toFixed(1)}`],
  ['audit chains after the run', chains.ok ? `verified (${chains.municipalities.map((m) => `${m.slug} ${n(m.checked)} entries`).join(', ')})` : 'BROKEN'],
  ['peak RSS (MB)', peakRss.toFixed(0)],
  ...(globalThis.gc ? [['JavaScript heap after a full GC (MB): before / after the run', `${heapBefore.toFixed(0)} / ${heapAfter.toFixed(0)}`]] : []),
];
const w = Math.max(...rows.map((r) => r[0].length));
console.log(`| ${'measure'.padEnd(w)} | value |\n|${'-'.repeat(w + 2)}|---:|`);
for (const [k, v] of rows) console.log(`| ${k.padEnd(w)} | ${v} |`);
const statuses = Object.entries(report.byStatus).sort((a, b) => b[1] - a[1]);
console.log(`\nBy status: ${statuses.map(([st, c]) => `${st} ${n(c)}`).join(', ')}`);
if (process.argv.includes('--per-op')) {
  console.log('\nOperations without a 2xx answer (statuses seen):');
  for (const [op, st] of report.perOperation)
    if (!Object.keys(st.statuses).some((k) => k.startsWith('2'))) console.log(`  ${op}  ${JSON.stringify(st.statuses)}`);
}
if (credentials.renewed.token || credentials.renewed.session)
  console.log(
    `The run lost the user's token ${credentials.renewed.token}× and its session ${credentials.renewed.session}× (sign-out, sign-out everywhere); each was renewed.`,
  );
if (report.failures.length) {
  console.log(`\n${report.failures.length} request(s) answered 5xx or not at all:\n`);
  for (const f of report.failures) console.log(`${describeFailure(f)}\n`);
}
if (!chains.ok) console.log(formatReport(chains));
process.exit(report.failures.length || !chains.ok ? 1 : 0);
