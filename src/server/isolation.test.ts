import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from './db/engine.js';
import { startDemoMatchingRuns } from './demo/matching.js';
import { seedDemo } from './demo/seed.js';
import { client, createTestContext, type TestContext } from '../test/app.js';

/**
 * Tenant isolation, checked over the whole API rather than route by route: with two
 * municipalities loaded, a user of one asks every GET route for every id of the other and must
 * get 404, and no list may contain any of the other's ids.
 */
let ctx: TestContext;
let danishUser: string;
const swedishIds = new Map<string, string[]>();

/** The table behind the path segment before an `:id`-like parameter. */
const tableOf: Record<string, string> = {
  reports: 'audit_reports',
  findings: 'findings',
  plans: 'action_plans',
  measures: 'measures',
  rounds: 'follow_up_rounds',
  submissions: 'round_submissions',
  'status-entries': 'status_entries',
  evidence: 'evidence',
  comments: 'comments',
  departments: 'departments',
  committees: 'committees',
  users: 'users',
  meetings: 'meetings',
  acceptances: 'guidance_acceptances',
  'balance-accounts': 'balance_accounts',
  reconciliations: 'account_reconciliations',
  'system-reconciliations': 'system_reconciliations',
  'risk-runs': 'risk_model_runs',
  'matching-systems': 'matching_systems',
  'matching-runs': 'matching_runs',
  // /balance-imports/jobs/:id
  jobs: 'balance_import_jobs',
};

beforeAll(async () => {
  ctx = await createTestContext();
  const { seeded } = await seedDemo(ctx.engine);
  // the demo's matching runs, so the matching routes are probed with real runs
  await startDemoMatchingRuns(ctx.engine.db, ctx.app.services.matching, seeded);
  await ctx.app.services.matching.idle();
  const [u] = await queryRows<{ id: string }>(
    ctx.engine.db,
    sql`select u.id from users u join municipalities m on m.id = u.municipality_id where m.slug = 'kobenhavn' limit 1`,
  );
  danishUser = u!.id;
  // a large import's job in the Swedish municipality (the demo has none)
  await ctx.engine.db.execute(
    sql`insert into balance_import_jobs (municipality_id, kind, file_name, amount_format, rows_total)
        select id, 'accounts', 'konton.csv', 'da', 6000 from municipalities where slug = 'exempelstad'`,
  );
  for (const table of new Set(Object.values(tableOf))) {
    const rows = await queryRows<{ id: string }>(
      ctx.engine.db,
      sql`select t.id from ${sql.identifier(table)} t join municipalities m on m.id = t.municipality_id where m.slug = 'exempelstad'`,
    );
    swedishIds.set(
      table,
      rows.map((r) => r.id),
    );
  }
});
afterAll(() => ctx.close());

const requiredQuery: Record<string, string> = { '/api/v1/plans/:id/revisions/compare': '?from=1&to=2' };

describe('tenant isolation', () => {
  it('answers 404 for every id of another municipality on every GET route', async () => {
    const api = client(ctx.app, danishUser);
    const routes = ctx.app.routeTable.filter((r) => r.method === 'GET' && r.url.startsWith('/api/v1/') && r.url.includes(':'));
    expect(routes.length).toBeGreaterThan(5);
    let probes = 0;
    for (const route of routes) {
      const segments = route.url.split('/');
      // The first parameter decides which ids are probed; later ones take the matching table's first id.
      const firstParam = segments.findIndex((s) => s.startsWith(':'));
      const table = tableOf[segments[firstParam - 1]!];
      if (!table) throw new Error(`No table known for ${route.url}: add it to tableOf`);
      for (const id of swedishIds.get(table) ?? []) {
        const url = segments
          // `:kind` (an answer document's kind) is a word, not an id: probe with one that exists there.
          .map((s, i) =>
            i === firstParam
              ? id
              : s === ':kind'
                ? 'yttrande'
                : s === ':file'
                  ? 'matched.csv'
                  : s.startsWith(':')
                    ? (swedishIds.get(tableOf[segments[i - 1]!] ?? '')?.[0] ?? id)
                    : s,
          )
          .join('/');
        // A route with required query parameters is probed with valid ones, so that only the id decides.
        const res = await api.get(url + (requiredQuery[route.url] ?? ''));
        expect([404], `${url} answered ${res.status}`).toContain(res.status);
        probes++;
      }
    }
    expect(probes).toBeGreaterThan(20);
  });

  it("shows none of another municipality's rows in any list", async () => {
    const api = client(ctx.app, danishUser);
    const foreign = [...swedishIds.values()].flat();
    // Single sign-on round trips (redirects, metadata) are not lists and hold no municipality's rows.
    const lists = ctx.app.routeTable.filter(
      (r) => r.method === 'GET' && r.url.startsWith('/api/v1/') && !r.url.includes(':') && !/^\/api\/v1\/auth\/(oidc|saml)\//.test(r.url),
    );
    expect(lists.length).toBeGreaterThan(5);
    for (const route of lists) {
      const res = await api.get(route.url.includes('search') ? `${route.url}?q=kontroll` : route.url);
      if (res.status === 400) continue; // a list that needs a parameter this probe does not give
      expect(res.status, route.url).toBe(200);
      const text = JSON.stringify(res.body);
      expect(
        foreign.filter((id) => text.includes(id)),
        route.url,
      ).toEqual([]);
    }
  });
});
