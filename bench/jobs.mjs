// The job queue's throughput on each engine: N jobs sent one by one, then worked off one at a time
// by this process's worker (as the server's queues are), against a hand-written queue on the same
// engine (an INSERT per job; a worker taking the oldest with `for update skip locked` and deleting
// it) as the floor. PostgreSQL needs DATABASE_URL or the local server (postgres@127.0.0.1:5432).
// Needs `npm run build`. Usage: node bench/jobs.mjs [--jobs N]
import { parseArgs } from 'node:util';
import { openEngine } from '../dist/server/db/engine.js';
import { startJobs } from '../dist/server/jobs/queue.js';
import { freshDatabase } from './fresh-database.mjs';

const { values } = parseArgs({ options: { jobs: { type: 'string', default: '1000' } } });
const N = Number(values.jobs);

async function withEngine(kind, fn) {
  if (kind === 'pglite') {
    const engine = await openEngine({});
    try {
      return await fn(engine);
    } finally {
      await engine.close();
    }
  }
  const db = await freshDatabase(`tilsyn_bench_jobs_${process.pid}`);
  const engine = await openEngine({ databaseUrl: db.url });
  try {
    return await fn(engine);
  } finally {
    await engine.close();
    await db.drop();
  }
}

async function pgBoss(engine) {
  const jobs = await startJobs(engine, { pollingIntervalSeconds: 0.5 });
  try {
    let sendMs = 0;
    let done = 0;
    let finished;
    const all = new Promise((r) => (finished = r));
    const t0 = performance.now();
    for (let i = 0; i < N; i++) await jobs.send('mail', { i });
    sendMs = performance.now() - t0;
    const t1 = performance.now();
    await jobs.work('mail', { pollingIntervalSeconds: 0.5 }, async () => {
      if (++done === N) finished();
    });
    await all;
    return { sendMs, workMs: performance.now() - t1 };
  } finally {
    await jobs.stop();
  }
}

async function floor(engine) {
  await engine.executeSql('create table bench_queue (id bigserial primary key, data jsonb not null, created_at timestamptz not null default now())');
  const t0 = performance.now();
  for (let i = 0; i < N; i++) await engine.executeSql('insert into bench_queue (data) values ($1)', [JSON.stringify({ i })]);
  const sendMs = performance.now() - t0;
  const t1 = performance.now();
  let done = 0;
  while (done < N) {
    const { rows } = await engine.executeSql(
      'delete from bench_queue where id = (select id from bench_queue order by id for update skip locked limit 1) returning id',
      [],
    );
    if (rows.length) done++;
  }
  return { sendMs, workMs: performance.now() - t1 };
}

const rows = [];
for (const kind of ['pglite', 'postgres']) {
  for (const [name, fn] of [
    ['hand-written queue (floor)', floor],
    ['pg-boss 10 (Tilsyn)', pgBoss],
  ]) {
    const r = await withEngine(kind, fn);
    rows.push({ kind, name, send: (N / r.sendMs) * 1000, work: (N / r.workMs) * 1000 });
  }
}
console.log(`\n${N} jobs, sent one by one, then worked off one at a time\n`);
console.log('| engine | queue | sent/s | worked/s | worked/s ÷ floor |');
console.log('|---|---|---:|---:|---:|');
for (const r of rows) {
  const base = rows.find((x) => x.kind === r.kind && x.name.startsWith('hand'));
  console.log(`| ${r.kind} | ${r.name} | ${r.send.toFixed(0)} | ${r.work.toFixed(0)} | ${(r.work / base.work).toFixed(2)} |`);
}
