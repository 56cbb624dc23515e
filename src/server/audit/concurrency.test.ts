import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeaders, client, createTestContext, seedMunicipality, type SeededMunicipality, type TestContext } from '../../test/app.js';
import { testEngine } from '../../test/engines.js';
import { queryRows } from '../db/engine.js';
import { verifyMunicipalityChain } from './verify.js';

/**
 * Optimistic concurrency under load, through HTTP: conflicting writes to one measure, fired at
 * once. PostgreSQL runs them on a pool of 10 connections; PGlite serialises them.
 */
let ctx: TestContext;
let m: SeededMunicipality;
let measureId: string;
let headers: Record<string, string>;

async function entryCount(): Promise<number> {
  const [row] = await queryRows<{ n: number }>(ctx.engine.db, sql`select count(*)::int as n from audit_entries where municipality_id = ${m.id}`);
  return Number(row!.n);
}

function patch(version: number, title: string) {
  return ctx.app.inject({
    method: 'PATCH',
    url: `/api/v1/measures/${measureId}`,
    headers: { ...headers, 'content-type': 'application/json', 'if-match': `"${version}"` },
    payload: JSON.stringify({ title }),
  });
}

function shuffle<T>(items: T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

beforeAll(async () => {
  ctx = await createTestContext();
  m = await seedMunicipality(ctx.engine, { slug: 'concurrency' });
  const api = client(ctx.app, m.userId);
  const report = await api.post('/api/v1/reports', { title: 'Beretning', auditor: 'EY', year: 2024, kind: 'annualAccounts' });
  const finding = await api.post(`/api/v1/reports/${report.body.id}/findings`, { number: 1, title: 'Adgang', departments: 'ALL' });
  const plan = await api.post(`/api/v1/findings/${finding.body.id}/plans`, { departmentId: m.departments.BUF });
  const measure = await api.post(`/api/v1/plans/${plan.body.id}/measures`, { number: '1', title: 'Start' });
  expect(measure.status).toBe(201);
  expect(measure.headers.etag).toBe('"1"');
  measureId = measure.body.id;
  headers = await authHeaders(ctx.app, m.userId);
});
afterAll(() => ctx.close());

describe(`concurrent conflicting updates (${testEngine})`, () => {
  it('1,000 updates with the same If-Match: exactly one succeeds, 999 get 409, one audit entry', async () => {
    const before = await entryCount();
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 1000 }, (_, i) => patch(1, `Samtidig ${i}`)));
    const ms = performance.now() - started;
    const statuses = results.map((r) => r.statusCode);
    console.log(`[concurrency:${testEngine}] 1000 PATCH with If-Match "1": ${ms.toFixed(0)} ms (${(ms / 1000).toFixed(2)} ms/request)`);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(999);
    const winner = results.find((r) => r.statusCode === 200)!;
    expect(winner.headers.etag).toBe('"2"');
    // A 409 answers with the current measure.
    const loser = results.find((r) => r.statusCode === 409)!;
    expect(loser.headers['content-type']).toMatch(/json/);

    const measure = (await ctx.app.inject({ method: 'GET', url: `/api/v1/measures/${measureId}`, headers })).json() as { title: string; version: number };
    expect(measure).toMatchObject({ version: 2, title: (winner.json() as { title: string }).title });
    expect(await entryCount()).toBe(before + 1);
    expect(await verifyMunicipalityChain(ctx.engine.db, { id: m.id, slug: 'concurrency' })).toMatchObject({ ok: true });
  });

  it.each(['random', 'ascending'] as const)(
    'N updates each naming another version, fired at once in %s order, follow optimistic concurrency',
    async (ordering) => {
      const n = 200;
      const current = (await ctx.app.inject({ method: 'GET', url: `/api/v1/measures/${measureId}`, headers })).json() as { version: number };
      const base = current.version;
      const versions = Array.from({ length: n }, (_, i) => base + i);
      const before = await entryCount();
      const started = performance.now();
      const order = ordering === 'random' ? shuffle(versions) : versions;
      const results = await Promise.all(order.map((v) => patch(v, `Version ${v}`).then((r) => ({ v, status: r.statusCode }))));
      const ms = performance.now() - started;

      const succeeded = results
        .filter((r) => r.status === 200)
        .map((r) => r.v)
        .sort((a, b) => a - b);
      const k = succeeded.length;
      console.log(`[concurrency:${testEngine}] ${n} PATCH with If-Match ${base}..${base + n - 1} in ${ordering} order: ${ms.toFixed(0)} ms, ${k} succeeded`);
      expect(results.every((r) => r.status === 200 || r.status === 409)).toBe(true);
      // Each success moved the version by one, so the successes are exactly the versions base..base+k-1.
      expect(k).toBeGreaterThanOrEqual(1);
      expect(succeeded).toEqual(versions.slice(0, k));

      const measure = (await ctx.app.inject({ method: 'GET', url: `/api/v1/measures/${measureId}`, headers })).json() as { title: string; version: number };
      expect(measure.version).toBe(base + k);
      expect(measure.title).toBe(`Version ${base + k - 1}`);

      // One audit entry per success, in the order the versions advanced.
      expect(await entryCount()).toBe(before + k);
      const entries = await queryRows<{ after: string }>(
        ctx.engine.db,
        sql`select c.after::text as after from audit_entries e join change_log c on c.municipality_id = e.municipality_id and c.audit_seq = e.seq
           where e.municipality_id = ${m.id} and e.seq > ${before} order by e.seq, c.seq`,
      );
      expect(entries.map((e) => (JSON.parse(e.after) as { title: string }).title)).toEqual(succeeded.map((v) => `Version ${v}`));
      expect(await verifyMunicipalityChain(ctx.engine.db, { id: m.id, slug: 'concurrency' })).toMatchObject({ ok: true, headSeq: before + k });
    },
  );
});
