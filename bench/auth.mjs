// Sign-in timing by outcome: does the time of a failed sign-in tell whether the account exists,
// is locked, or only the password was wrong? Through the real app (app.inject, POST
// /api/v1/auth/login) on a fresh database: an unknown address, a locked account (right password),
// a known account with a wrong password, and a successful sign-in, interleaved round-robin so the
// machine's noise falls on all four alike. Prints the median per outcome, its ratio to the wrong
// password (the reference: what a guesser of a known account pays) and the password hashes
// verified per attempt (the module's own counter). Needs `npm run build` first.
//   node bench/auth.mjs [--runs 15]
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/auth.mjs   (a fresh database is created and dropped)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { buildApp } from '../dist/server/app.js';
import { openEngine } from '../dist/server/db/engine.js';
import * as s from '../dist/server/db/schema/index.js';
import * as secrets from '../dist/server/modules/auth/secrets.js';

const { hashPassword } = secrets;
// Builds from before the counter existed (to compare with an older commit) print no hash count.
const passwordVerifications = secrets.passwordVerifications ?? (() => NaN);

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const runs = arg('runs', 15);
const password = 'en-lang-og-hemmelig-sætning';

// ---------------------------------------------------------------------------------------------
// A fresh database and the app

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilsyn-bench-auth-'));
let dbName = null;
let adminUrl = null;
if (process.env.DATABASE_URL) {
  adminUrl = process.env.DATABASE_URL;
  dbName = `tilsyn_bench_auth_${process.pid}`;
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(`drop database if exists ${dbName}`);
  await c.query(`create database ${dbName}`);
  await c.end();
}
const dbUrl = dbName ? Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString() : null;
const engine = await openEngine(dbUrl ? { databaseUrl: dbUrl } : { dataDir: path.join(dir, 'data') });
const db = engine.db;
const app = await buildApp({ engine, config: { logLevel: 'silent', loginRateLimit: 1_000_000 } });

const [m] = await db
  .insert(s.municipalities)
  .values({ slug: 'bench', name: 'Benchmark kommune', language: 'da', vocabulary: 'DK', currency: 'DKK' })
  .returning();
const passwordHash = await hashPassword(password);
async function account(email) {
  const [u] = await db.insert(s.users).values({ municipalityId: m.id, name: email, email }).returning();
  await db.insert(s.userRoles).values({ municipalityId: m.id, userId: u.id, role: 'reader' });
  await db.insert(s.userCredentials).values({ municipalityId: m.id, userId: u.id, passwordHash, passwordChangedAt: new Date() });
  return u.id;
}
await account('kendt@bench.example');
const lockedId = await account('spaerret@bench.example');
const lockForAnHour = () =>
  db.execute(sql`update user_credentials set failed_logins = 5, locked_until = now() + interval '1 hour' where user_id = ${lockedId}`);
await lockForAnHour();

const outcomes = [
  { name: 'unknown address', email: 'ingen@bench.example', password, status: 401 },
  { name: 'locked account (right password)', email: 'spaerret@bench.example', password, status: 401 },
  { name: 'wrong password (reference)', email: 'kendt@bench.example', password: 'forkert-adgangskode', status: 401 },
  { name: 'success', email: 'kendt@bench.example', password, status: 200 },
];
const resetFailures = () => db.execute(sql`update user_credentials set failed_logins = 0, locked_until = null where user_id <> ${lockedId}`);

async function attempt(o) {
  const t = performance.now();
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ email: o.email, password: o.password }),
  });
  const ms = performance.now() - t;
  if (res.statusCode !== o.status) throw new Error(`${o.name}: answered ${res.statusCode}, expected ${o.status}: ${res.body}`);
  // The wrong password counts towards the lock; set back outside the clock so every round measures the same path.
  await resetFailures();
  return ms;
}

// Warm up once per outcome (module loading, the dummy hash, prepared statements).
for (const o of outcomes) await attempt(o);

const times = new Map(outcomes.map((o) => [o.name, []]));
const verified = new Map(outcomes.map((o) => [o.name, 0]));
for (let r = 0; r < runs; r++) {
  // Rotate the order each round, so no outcome always runs first after the previous round's writes.
  for (let i = 0; i < outcomes.length; i++) {
    const o = outcomes[(i + r) % outcomes.length];
    const before = passwordVerifications();
    times.get(o.name).push(await attempt(o));
    verified.set(o.name, verified.get(o.name) + passwordVerifications() - before);
  }
}

await app.close();
await engine.close();
if (dbName) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(`drop database if exists ${dbName} with (force)`);
  await c.end();
}
fs.rmSync(dir, { recursive: true, force: true });

// ---------------------------------------------------------------------------------------------
// The table

const median = (xs) => {
  const v = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
};
const reference = median(times.get('wrong password (reference)'));
console.log(
  `\nSign-in by outcome, ${runs} attempts each (median; min–max), ${dbUrl ? 'PostgreSQL' : 'PGlite'}, node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${new Date().toISOString().slice(0, 10)}`,
);
console.log(
  `${'outcome'.padEnd(34)} ${'median (ms)'.padStart(11)} ${'min–max (ms)'.padStart(15)} ${'÷ wrong password'.padStart(17)} ${'hashes/attempt'.padStart(15)}`,
);
for (const o of outcomes) {
  const xs = times.get(o.name);
  const range = `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
  console.log(
    `${o.name.padEnd(34)} ${median(xs).toFixed(1).padStart(11)} ${range.padStart(15)} ${(median(xs) / reference).toFixed(2).padStart(17)} ${(verified.get(o.name) / runs).toFixed(2).padStart(15)}`,
  );
}
const failures = outcomes.filter((o) => o.status !== 200).map((o) => median(times.get(o.name)));
console.log(`\nSpread of the failures' medians: ${(Math.max(...failures) / Math.min(...failures)).toFixed(2)}× (1.00 = indistinguishable by the median)`);
