import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Engine } from '../../db/engine.js';
import { queues } from '../../jobs/queue.js';
import { workBalanceImports } from '../../jobs/workers.js';
import { authHeaders, client, createTestContext, seedMunicipality, seedUser, type SeededMunicipality, type TestContext } from '../../../test/app.js';
import { multipart, tableSnapshot } from '../../../test/kit.js';
import { runCommand } from '../../unit-of-work.js';
import { apply } from './apply.js';
import { ASYNC_IMPORT_ROWS } from './jobs.js';
import { plan, readFile } from './plan.js';

/**
 * Large balance imports on the job queue, as a server runs them: a file over the row limit is
 * checked in the request, answered 202 with its job, and applied by the worker in one command.
 */
let ctx: TestContext;
let sync: TestContext;
let m: SeededMunicipality;
let other: SeededMunicipality;
let mSync: SeededMunicipality;
let dataDir: string;

const ROWS = ASYNC_IMPORT_ROWS + 1;
const HEADER = ['Kontonummer', 'Kontonavn', 'IM-funktion', 'Forvaltning', 'Afstemmes af'];

/** `count` accounts from `first` on, as the accounts import reads them. */
function accountsFile(first: number, count: number, department = 'BIF', name = 'Konto'): Buffer {
  const lines = [HEADER.join(';')];
  for (let i = 0; i < count; i++) lines.push([String(first + i), `${name} ${i + 1}`, '9.28.14', i % 2 ? department : 'SOF', 'central'].join(';'));
  return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
}

async function post(app: FastifyInstance, userId: string, bytes: Buffer, dryRun = false) {
  const form = multipart({ file: { filename: 'konti.csv', type: 'text/csv', content: bytes } });
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/balance-imports/accounts?dryRun=${dryRun}`,
    headers: { ...(await authHeaders(app, userId)), ...form.headers },
    payload: form.payload,
  });
  return { status: res.statusCode, body: JSON.parse(res.body), headers: res.headers };
}

/** Polls the job until it is done; answers every state and progress seen on the way. */
async function untilDone(userId: string, id: string) {
  const api = client(ctx.app, userId);
  const seen: { state: string; rowsDone: number }[] = [];
  for (let i = 0; i < 2400; i++) {
    const res = await api.get(`/api/v1/balance-imports/jobs/${id}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    seen.push({ state: res.body.state, rowsDone: res.body.rowsDone });
    if (res.body.state === 'succeeded' || res.body.state === 'failed') return { job: res.body, seen };
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`job ${id} did not finish`);
}

/** The accounts as data (without ids and times), so two municipalities' registers compare. */
const accounts = (engine: Engine, mid: string) =>
  queryRows(
    engine.db,
    sql`select a.number, a.name, f.code as im, d.code as department, a.reconciler, a.frequency, a.version
        from balance_accounts a join im_functions f on f.municipality_id = a.municipality_id and f.id = a.im_function_id
        join departments d on d.municipality_id = a.municipality_id and d.id = a.department_id
        where a.municipality_id = ${mid} order by a.number`,
  );
const count = async (engine: Engine, query: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(engine.db, query))[0]!.n;
const audits = (engine: Engine, mid: string) => count(engine, sql`select count(*)::int as n from audit_entries where municipality_id = ${mid}`);
const stored = () => (fs.existsSync(path.join(dataDir, 'balance-imports', m.id)) ? fs.readdirSync(path.join(dataDir, 'balance-imports', m.id)) : []);
const snapshot = () => tableSnapshot(ctx.engine, ['balance_accounts', 'balance_import_jobs', 'audit_entries', 'change_log', 'audit_heads']);

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilsyn-import-jobs-'));
  ctx = await createTestContext({ config: { jobs: true, dataDir } });
  sync = await createTestContext();
  m = await seedMunicipality(ctx.engine, { slug: 'import-jobs', departments: ['BIF', 'SOF'] });
  other = await seedMunicipality(ctx.engine, { slug: 'import-jobs-other', departments: ['BIF', 'SOF'] });
  mSync = await seedMunicipality(sync.engine, { slug: 'import-jobs', departments: ['BIF', 'SOF'] });
  for (const [app, userId] of [
    [ctx.app, m.userId],
    [ctx.app, other.userId],
    [sync.app, mSync.userId],
  ] as const)
    expect((await client(app, userId).post('/api/v1/im-functions/starter', {})).status).toBe(200);
}, 120_000);
afterAll(async () => {
  await ctx?.close();
  await sync?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('balance imports over the row limit', () => {
  it('answers 202 with the queued job; the worker applies it with one audit entry, as the synchronous import does', async () => {
    const file = accountsFile(90_000_000, ROWS);

    // a dry run of the same file stays in the request and writes nothing
    const before = await snapshot();
    const dry = await post(ctx.app, m.userId, file, true);
    expect(dry.status).toBe(200);
    expect(dry.body.counts).toMatchObject({ create: ROWS });
    expect(await snapshot()).toEqual(before);

    const auditsBefore = await audits(ctx.engine, m.id);
    const res = await post(ctx.app, m.userId, file);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toMatchObject({ kind: 'accounts', state: 'queued', rowsTotal: ROWS, rowsDone: 0, fileName: 'konti.csv', report: null, error: null });
    expect(res.headers.location).toBe(`/api/v1/balance-imports/jobs/${res.body.id}`);

    const { job, seen } = await untilDone(m.userId, res.body.id);
    expect(job.error).toBeNull();
    expect(job).toMatchObject({ state: 'succeeded', rowsDone: ROWS, rowsTotal: ROWS });
    expect(job.startedAt).not.toBeNull();
    expect(job.finishedAt).not.toBeNull();
    // states only move forward, progress never goes back and stays below the total until the end
    const order = ['queued', 'running', 'succeeded'];
    for (let i = 1; i < seen.length; i++) {
      expect(order.indexOf(seen[i]!.state)).toBeGreaterThanOrEqual(order.indexOf(seen[i - 1]!.state));
      expect(seen[i]!.rowsDone).toBeGreaterThanOrEqual(seen[i - 1]!.rowsDone);
    }
    for (const s of seen) if (s.state !== 'succeeded') expect(s.rowsDone).toBeLessThan(ROWS);

    expect(await audits(ctx.engine, m.id)).toBe(auditsBefore + 1);
    expect(await count(ctx.engine, sql`select count(*)::int as n from balance_accounts where municipality_id = ${m.id}`)).toBe(ROWS);
    expect(stored()).toEqual([]);

    // the same file without a job queue: applied in the request, the same report and the same register
    const direct = await post(sync.app, mSync.userId, file);
    expect(direct.status).toBe(200);
    expect(job.report).toEqual(direct.body);
    expect(job.report.rows).toHaveLength(ROWS);
    expect(await accounts(ctx.engine, m.id)).toEqual(await accounts(sync.engine, mSync.id));
    const changes = (engine: Engine, mid: string) =>
      queryRows(engine.db, sql`select e.change_count, e.user_id from audit_entries e where e.municipality_id = ${mid} order by e.seq desc limit 1`);
    expect((await changes(ctx.engine, m.id))[0]).toMatchObject({ change_count: ROWS, user_id: m.userId });
    expect((await changes(sync.engine, mSync.id))[0]).toMatchObject({ change_count: ROWS });

    // another municipality's job is not found, as a missing one; a reader may not look
    const foreign = await client(ctx.app, other.userId).get(`/api/v1/balance-imports/jobs/${res.body.id}`);
    expect(foreign.status).toBe(404);
    expect((await client(ctx.app, m.userId).get('/api/v1/balance-imports/jobs/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const readerId = await seedUser(ctx.engine, m.id, { email: 'reader@import-jobs.example', roles: [{ role: 'reader' }] });
    expect((await client(ctx.app, readerId).get(`/api/v1/balance-imports/jobs/${res.body.id}`)).status).toBe(403);
  }, 180_000);

  it('refuses a large file with errors in the request (422), queueing nothing', async () => {
    const lines = accountsFile(91_000_000, ROWS).toString('utf8').split('\r\n');
    lines[4000] = lines[4000]!.replace('9.28.14', '9.99.99');
    const before = await snapshot();
    const res = await post(ctx.app, m.userId, Buffer.from(lines.join('\r\n'), 'utf8'));
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'C4001', code: 'imFunction.unknown' })]);
    expect(await snapshot()).toEqual(before);
    expect(stored()).toEqual([]);
  }, 120_000);

  it('fails the job with the reason and writes nothing when the register changed between the upload and the apply', async () => {
    const jobs = ctx.app.jobs!;
    // the worker stops taking jobs, so the change lands between the upload and the apply
    await jobs.boss.offWork(queues.balanceImport);
    const res = await post(ctx.app, m.userId, accountsFile(92_000_000, ROWS));
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(stored()).toEqual([res.body.id]);
    // the waiting file is sealed with the server's key: no account of it in clear on disk
    const waiting = fs.readFileSync(path.join(dataDir, 'balance-imports', m.id, res.body.id));
    expect(waiting.includes('92000000')).toBe(false);
    // meanwhile the department SOF is renamed: half of the file's rows name a department that no longer exists
    await ctx.engine.db.execute(sql`update departments set code = 'SOC' where municipality_id = ${m.id} and code = 'SOF'`);
    const auditsBefore = await audits(ctx.engine, m.id);
    const accountsBefore = await accounts(ctx.engine, m.id);

    await workBalanceImports(jobs, ctx.app.services);
    const { job } = await untilDone(m.userId, res.body.id);
    expect(job).toMatchObject({ state: 'failed', report: null });
    expect(job.error.code).toBe('refused');
    expect(job.error.message).toMatch(/^Registret er ændret siden filen blev uploadet: 2501 fejl/);
    expect(job.error.errors).toHaveLength(Math.ceil(ROWS / 2));
    expect(job.error.errors[0]).toMatchObject({ field: 'D2', code: 'department.unknown' });
    expect(job.rowsDone).toBe(0);
    expect(await audits(ctx.engine, m.id)).toBe(auditsBefore);
    expect(await accounts(ctx.engine, m.id)).toEqual(accountsBefore);
    expect(stored()).toEqual([]);

    // the caller's language: the same reason in English for an English-speaking user
    await ctx.engine.db.execute(sql`update departments set code = 'SOF' where municipality_id = ${m.id} and code = 'SOC'`);
    const en = await client(ctx.app, m.userId, { 'accept-language': 'en' }).get(`/api/v1/balance-imports/jobs/${res.body.id}`);
    expect(en.body.error.message).toMatch(/^The register changed since the file was uploaded: 2501 errors/);
  }, 180_000);

  it("reports the apply's progress as the statements write the rows, 1,000 at a time", async () => {
    const options = { dryRun: false, amountFormat: 'da' as const };
    const table = await readFile(other.actor, accountsFile(93_000_000, 2_500));
    const calls: [number, number][] = [];
    await runCommand(ctx.engine.db, other.actor, async (tx, changes) => {
      const planned = await plan(tx, other.actor, 'accounts', table, options);
      expect(planned.issues).toEqual([]);
      await apply(tx, other.actor, changes, planned, (done, of) => calls.push([done, of]));
    });
    expect(calls).toEqual([
      [1000, 2500],
      [2000, 2500],
      [2500, 2500],
    ]);
  });

  it('the periodic check fails a job whose server died (running an hour) and one the queue lost (queued a day), and no other', async () => {
    const job = async (state: 'queued' | 'running', minutesAgo: number) =>
      (
        await queryRows<{ id: string }>(
          ctx.engine.db,
          sql`insert into balance_import_jobs (municipality_id, kind, file_name, amount_format, rows_total, state, created_at, started_at)
              values (${m.id}, 'accounts', 'konti.csv', 'da', 6000, ${state}, now() - make_interval(mins => ${minutesAgo}),
                      ${state === 'running' ? sql`now() - make_interval(mins => ${minutesAgo})` : sql`null`}) returning id`,
        )
      )[0]!.id;
    const deadServer = await job('running', 61);
    const lostQueue = await job('queued', 24 * 60 + 1);
    const running = await job('running', 5);
    const queued = await job('queued', 60);
    expect(await ctx.app.services.balanceImport.failAbandonedJobs()).toBe(2);
    const api = client(ctx.app, m.userId);
    const state = async (id: string) => (await api.get(`/api/v1/balance-imports/jobs/${id}`)).body;
    expect(await state(deadServer)).toMatchObject({
      state: 'failed',
      error: { code: 'abandoned', message: expect.stringMatching(/^Indlæsningen blev afbrudt/) },
    });
    expect(await state(lostQueue)).toMatchObject({ state: 'failed', error: { code: 'abandoned' } });
    expect(await state(running)).toMatchObject({ state: 'running', error: null });
    expect(await state(queued)).toMatchObject({ state: 'queued', error: null });
    expect(await ctx.app.services.balanceImport.failAbandonedJobs()).toBe(0);
  });
});
