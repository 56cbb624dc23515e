import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from './db/engine.js';
import { authHeaders, client, createTestContext, seedMunicipality, type SeededMunicipality, type TestContext } from '../test/app.js';

/**
 * Bad input across the API: each case must answer with a problem naming the field, and leave
 * every table exactly as it was (row counts and the change log).
 */
let ctx: TestContext;
let m: SeededMunicipality;
let api: ReturnType<typeof client>;
let reportId: string;
let findingId: string;
let planId: string;
let planVersion: number;
let measureId: string;

async function snapshot(): Promise<Record<string, number>> {
  const tables = await queryRows<{ table_name: string }>(
    ctx.engine.db,
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of tables) {
    const [row] = await queryRows<{ n: number }>(ctx.engine.db, sql`select count(*)::int as n from ${sql.identifier(table_name)}`);
    counts[table_name] = row!.n;
  }
  return counts;
}

beforeAll(async () => {
  ctx = await createTestContext();
  m = await seedMunicipality(ctx.engine, { slug: 'bad-input', departments: ['ØKF', 'BUF'] });
  api = client(ctx.app, m.userId);
  reportId = (await api.post('/api/v1/reports', { title: 'R', auditor: 'A', year: 2024, kind: 'annualAccounts' })).body.id;
  const finding = await api.post(`/api/v1/reports/${reportId}/findings`, { number: 1, title: 'F', departments: 'ALL', recommendations: ['a'] });
  findingId = finding.body.id;
  const plan = await api.post(`/api/v1/findings/${findingId}/plans`, {
    departmentId: m.departments.BUF,
    measures: [{ number: '1', title: 'M', deadline: 'Q1-2026', followUpPoint: 'x', recommendationIds: [finding.body.recommendations[0].id] }],
  });
  expect(plan.status, JSON.stringify(plan.body)).toBe(201);
  planId = plan.body.id;
  planVersion = plan.body.version;
  measureId = plan.body.measures[0].id;
});
afterAll(() => ctx.close());

/** A request without a session, as a browser that is not signed in sends it. */
async function inject(method: 'POST', url: string, payload: object) {
  const res = await ctx.app.inject({ method, url, payload });
  return { status: res.statusCode, body: res.json() };
}

/** A multipart upload as sent, byte for byte, with the given Content-Type. */
async function upload(url: string, contentType: string, body: string) {
  const res = await ctx.app.inject({
    method: 'POST',
    url,
    headers: { ...(await authHeaders(ctx.app, m.userId)), 'content-type': contentType },
    payload: Buffer.from(body),
  });
  return { status: res.statusCode, body: res.json() };
}
const part = (boundary: string) =>
  `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\na;b\r\n--${boundary}--\r\n`;
/** Every route that takes a file (the fuzz found 500s on two of them from a broken multipart body). */
const uploadRoutes = () => [
  `/api/v1/findings/${findingId}/evidence`,
  '/api/v1/imports/findings-xlsx',
  '/api/v1/balance-imports/ledgerBalances',
  '/api/v1/matching-runs',
];

type Case = { name: string; call: () => Promise<{ status: number; body: any }>; status: number; field: string };

describe('bad input is refused clearly and changes nothing', () => {
  const cases: Case[] = [
    {
      name: 'deadline no form matches',
      call: () => api.post(`/api/v1/plans/${planId}/measures`, { number: '2', title: 'T', deadline: 'Afsluttet' }),
      status: 422,
      field: 'body.deadline',
    },
    {
      name: 'impossible date in a deadline',
      call: () => api.post(`/api/v1/plans/${planId}/measures`, { number: '2', title: 'T', deadline: '31.02.2026' }),
      status: 422,
      field: 'body.deadline',
    },
    {
      name: 'overall deadline garbage',
      call: () => api.patch(`/api/v1/plans/${planId}`, { overallDeadline: 'snart' }, planVersion),
      status: 422,
      field: 'body.overallDeadline',
    },
    {
      name: 'calendar date that does not exist',
      call: () => api.post('/api/v1/rounds', { name: 'X', opensOn: '2025-02-30', dueOn: '2025-03-01' }),
      status: 400,
      field: 'body.opensOn',
    },
    {
      name: 'due before opening',
      call: () => api.post('/api/v1/rounds', { name: 'X', opensOn: '2025-03-01', dueOn: '2025-02-01' }),
      status: 422,
      field: 'body.dueOn',
    },
    {
      name: 'enum value',
      call: () => api.post('/api/v1/reports', { title: 'R', auditor: 'A', year: 2024, kind: 'quarterly' }),
      status: 400,
      field: 'body.kind',
    },
    {
      name: 'year out of range',
      call: () => api.post('/api/v1/reports', { title: 'R', auditor: 'A', year: 1850, kind: 'annualAccounts' }),
      status: 400,
      field: 'body.year',
    },
    {
      name: 'over-long title (300)',
      call: () => api.post(`/api/v1/plans/${planId}/measures`, { number: '2', title: 'x'.repeat(301) }),
      status: 400,
      field: 'body.title',
    },
    {
      name: 'over-long text (20,000)',
      call: () => api.post(`/api/v1/reports/${reportId}/findings`, { number: 2, title: 'T', observations: 'x'.repeat(20_001), departments: 'ALL' }),
      status: 400,
      field: 'body.observations',
    },
    {
      name: 'duplicate measure number',
      call: () => api.post(`/api/v1/plans/${planId}/measures`, { number: '1', title: 'Again' }),
      status: 409,
      field: 'body.number',
    },
    {
      name: 'duplicate numbers inside a new plan',
      call: () =>
        api.post(`/api/v1/findings/${findingId}/plans`, {
          departmentId: m.departments['ØKF'],
          measures: [
            { number: '2A', title: 'a' },
            { number: '2A', title: 'b' },
          ],
        }),
      status: 422,
      field: 'body.measures.1.number',
    },
    {
      name: 'unknown id in a reference',
      call: () => api.post(`/api/v1/findings/${findingId}/plans`, { departmentId: '00000000-0000-4000-8000-000000000000' }),
      status: 422,
      field: 'body.departmentId',
    },
    { name: 'malformed uuid in a path', call: () => api.get('/api/v1/findings/not-a-uuid'), status: 400, field: 'params.id' },
    { name: 'unknown query value', call: () => api.get('/api/v1/findings?grade=purple'), status: 400, field: 'querystring.grade' },
    // U+0000 anywhere in a request: refused at the boundary, naming where (PostgreSQL cannot store it)
    {
      name: 'U+0000 in a body text',
      call: () => api.post(`/api/v1/plans/${planId}/measures`, { number: '2', title: 'Tit\u0000el' }),
      status: 400,
      field: 'body.title',
    },
    {
      name: 'U+0000 in a nested body text',
      call: () =>
        api.post(`/api/v1/findings/${findingId}/plans`, { departmentId: m.departments['ØKF'], measures: [{ number: '1', title: 'a', text: 'b\u0000' }] }),
      status: 400,
      field: 'body.measures.0.text',
    },
    { name: 'U+0000 in a query', call: () => api.get('/api/v1/findings?q=a%00b'), status: 400, field: 'querystring.q' },
    {
      name: 'U+0000 in the sign-in body (no session)',
      call: () => inject('POST', '/api/v1/auth/login', { email: 'a\u0000@x.example', password: 'x' }),
      status: 400,
      field: 'body.email',
    },
    // Dates from 1900-01-01 to 2199-12-31: year 0 and year 9999 are refused before any date arithmetic
    {
      name: 'year 0 date',
      call: () => api.post('/api/v1/rounds', { name: 'X', opensOn: '0000-01-01', dueOn: '2025-03-01' }),
      status: 400,
      field: 'body.opensOn',
    },
    { name: 'audit trail to year 9999', call: () => api.get('/api/v1/audit?to=9999-12-31'), status: 400, field: 'querystring.to' },
    {
      name: 'audit export to year 9999 (refused before the stream starts)',
      call: () => api.get('/api/v1/audit/export?to=9999-12-31'),
      status: 400,
      field: 'querystring.to',
    },
    {
      name: 'reconciliation calendar to year 9999',
      call: () => api.get('/api/v1/reconciliation-calendar?from=2024-01&to=9999-12'),
      status: 400,
      field: 'querystring.to',
    },
    {
      name: 'revision number past the integer range',
      call: () => api.get(`/api/v1/plans/${planId}/revisions/compare?from=9007199254740991&to=1`),
      status: 400,
      field: 'querystring.from',
    },
    // A multipart body the parser cannot read: a 400 naming the header or the body, never a 500
    ...['', 'evidence', 'findings import', 'balance import', 'matching run'].slice(1).flatMap((what, i) => [
      {
        name: `${what}: multipart without a boundary`,
        call: () => upload(uploadRoutes()[i]!, 'multipart/form-data', part('x')),
        status: 400,
        field: 'header.content-type',
      },
      {
        name: `${what}: multipart with an empty boundary`,
        call: () => upload(uploadRoutes()[i]!, 'multipart/form-data; boundary=', part('')),
        status: 400,
        field: 'header.content-type',
      },
      {
        name: `${what}: multipart boundary of 300 characters`,
        call: () => upload(uploadRoutes()[i]!, `multipart/form-data; boundary=${'b'.repeat(300)}`, part('b'.repeat(300))),
        status: 400,
        field: 'header.content-type',
      },
      {
        name: `${what}: multipart body that ends early`,
        call: () => upload(uploadRoutes()[i]!, 'multipart/form-data; boundary=other', part('x')),
        status: 400,
        field: 'body',
      },
      {
        name: `${what}: multipart part cut off`,
        call: () =>
          upload(uploadRoutes()[i]!, 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\na;b;c'),
        status: 400,
        field: 'body',
      },
    ]),
    { name: 'measure edit without If-Match', call: () => api.patch(`/api/v1/measures/${measureId}`, { title: 'New' }), status: 428, field: '' },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const before = await snapshot();
      const res = await c.call();
      expect(res.status, JSON.stringify(res.body)).toBe(c.status);
      expect(res.body.type).toMatch(/^urn:tilsyn:problem:/);
      expect(typeof res.body.title).toBe('string');
      if (c.field) expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(c.field);
      expect(await snapshot()).toEqual(before);
    });
  }

  it('answers in the language asked for', async () => {
    const res = await api.post(`/api/v1/plans/${planId}/measures`, { number: '2', title: 'T', deadline: 'snart' }, { 'accept-language': 'sv-SE,sv;q=0.9' });
    expect(res.body.title).toBe('Ogiltiga uppgifter');
    const da = await api.post(`/api/v1/plans/${planId}/measures`, { number: '2', title: 'T', deadline: 'snart' });
    expect(da.body.title).toBe('Ugyldige data');
    expect(da.body.errors[0].message).toMatch(/Q1-2026/);
  });
});
