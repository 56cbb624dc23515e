import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeaders, client, createTestContext, seedMunicipality, type SeededMunicipality, type TestContext } from '../../test/app.js';
import { verifyMunicipalityChain } from '../audit/verify.js';
import { IMPORT_RETRY_AFTER_SECONDS } from '../http/import-slots.js';
import { IMPORT_KINDS } from '../modules/balance-import/columns.js';
import { applyUrl, buildWorkbook, dryRunUrl, uploadFile, type InjectResult } from '../modules/imports/test-fixtures.js';
import { bombs, type Bomb } from './test-fixtures.js';
import { tableSnapshot } from '../../test/kit.js';

/**
 * Every upload route that reads an .xlsx, against every generated bomb: a clear 413 or 422
 * problem whose error names the limit, nothing stored (the tables each route writes and the audit
 * trail, row for row), no file left behind, and the import slots free again afterwards. Then the
 * limiter: with both slots taken every route answers 429 with Retry-After.
 */

let ctx: TestContext;
let m: SeededMunicipality;
let api: ReturnType<typeof client>;
let list: Bomb[];
let valid: Buffer;
const systems: Record<'left' | 'right', string> = { left: '', right: '' };

const TABLES = [
  'audit_reports',
  'findings',
  'recommendations',
  'finding_departments',
  'action_plans',
  'measures',
  'measure_recommendations',
  'deadline_revisions',
  'account_reconciliations',
  'account_activity',
  'balance_adjustments',
  'balance_accounts',
  'im_functions',
  'matching_systems',
  'matching_runs',
  'matching_items',
  'matching_groups',
  'system_reconciliations',
  'audit_entries',
  'change_log',
  'audit_heads',
];

/** Every row of every table an upload could write, and the audit trail. */
const snapshot = () => tableSnapshot(ctx.engine, TABLES);

const CSV_SIDE = { delimiter: ';', decimal: ',', dateFormat: 'dd-mm-yyyy', encoding: 'utf-8', columns: { amount: 'Beløb', date: 'Dato', caseId: 'Sag' } };
const XLSX_SIDE = { format: 'xlsx', decimal: ',', dateFormat: 'dd-mm-yyyy', columns: { amount: 'Beløb', date: 'Dato', caseId: 'Sag' } };
const RULES = { key: ['caseId'], groupKey: ['caseId'], passes: [{ kind: 'exact', useDate: false }] };
const extractCsv = Buffer.from('Sag;Dato;Beløb\nS1;05-11-2024;100,00\n');

async function extractXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Udtræk');
  ws.addRow(['Sag', 'Dato', 'Beløb']);
  ws.addRow(['S1', '05-11-2024', 100]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function postMatching(side: 'left' | 'right', bytes: Buffer, other: Buffer): Promise<InjectResult> {
  const boundary = `----bomb${randomBytes(6).toString('hex')}`;
  const field = (k: string, v: string) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  const file = (k: string, name: string, body: Buffer) => [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    body,
    Buffer.from('\r\n'),
  ];
  const files =
    side === 'left'
      ? [...file('left', 'bomb.xlsx', bytes), ...file('right', 'ledger.csv', other)]
      : [...file('left', 'system.csv', other), ...file('right', 'bomb.xlsx', bytes)];
  const payload = Buffer.concat([field('systemId', systems[side]), field('period', '2024-11'), ...files, Buffer.from(`--${boundary}--\r\n`)]);
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/matching-runs',
    headers: { ...(await authHeaders(ctx.app, m.userId)), 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
  return { status: res.statusCode, body: JSON.parse(res.body), headers: res.headers };
}

interface Route {
  name: string;
  /** Where the refusal is, as the route's other errors say it. */
  field: string;
  send(bytes: Buffer): Promise<InjectResult>;
}

const balanceUrl = (kind: string, dryRun: boolean) => `/api/v1/balance-imports/${kind}?dryRun=${dryRun}&amountFormat=da`;

const routes: Route[] = [
  { name: 'findings import, dry run', field: 'file', send: (b) => uploadFile(ctx.app, m.userId, dryRunUrl, b) },
  { name: 'findings import, apply', field: 'file', send: (b) => uploadFile(ctx.app, m.userId, applyUrl, b) },
  { name: 'balance import ledgerBalances, dry run', field: 'file', send: (b) => uploadFile(ctx.app, m.userId, balanceUrl('ledgerBalances', true), b) },
  ...IMPORT_KINDS.map((kind) => ({
    name: `balance import ${kind}, apply`,
    field: 'file',
    send: (b: Buffer) => uploadFile(ctx.app, m.userId, balanceUrl(kind, false), b),
  })),
  { name: 'matching run, left extract (.xlsx)', field: 'body.left', send: (b) => postMatching('left', b, extractCsv) },
  { name: 'matching run, right extract (.xlsx)', field: 'body.right', send: (b) => postMatching('right', b, extractCsv) },
];

/** What the matching engine keeps on disk for the municipality (staging folders included). */
const matchingFiles = () => {
  const dir = ctx.app.services.matching.dataDirOf(m.id);
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};

beforeAll(async () => {
  ctx = await createTestContext();
  m = await seedMunicipality(ctx.engine, { slug: 'bombs', departments: ['ØKF', 'SOF'] });
  api = client(ctx.app, m.userId);
  valid = await buildWorkbook({
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
  list = bombs(valid);
  // data and an audit trail that a refused upload must leave exactly as they are
  const applied = await uploadFile(ctx.app, m.userId, applyUrl, valid);
  expect(applied.status, JSON.stringify(applied.body)).toBe(200);
  for (const side of ['left', 'right'] as const) {
    const res = await api.post('/api/v1/matching-systems', {
      code: `X${side[0]!.toUpperCase()}`,
      name: `Excel ${side}`,
      target: 'ledger',
      departmentId: m.departments.SOF,
      rules: RULES,
      left: side === 'left' ? XLSX_SIDE : CSV_SIDE,
      right: side === 'right' ? XLSX_SIDE : CSV_SIDE,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    systems[side] = res.body.id;
  }
});
afterAll(() => ctx.close());

describe('a zip bomb on every upload route is refused, and nothing is stored', () => {
  it('has the bombs of the issue: a lying size, a GiB of zeros, many entries, deep XML, entity expansion, too many cells', () => {
    expect(list.map((b) => b.code).sort()).toEqual([
      'xlsx.entityDeclaration',
      'xlsx.notUtf8',
      'xlsx.sizeMismatch',
      'xlsx.tooDeep',
      'xlsx.tooManyCells',
      'xlsx.tooManyEntries',
      'xlsx.unpackedTooLarge',
    ]);
    for (const b of list) expect(b.bytes.length).toBeLessThan(2 * 1024 * 1024);
  });

  for (const route of routes) {
    it(route.name, async () => {
      const before = await snapshot();
      const files = matchingFiles();
      for (const bomb of list) {
        const res = await route.send(bomb.bytes);
        const what = `${bomb.name}: ${JSON.stringify(res.body)}`;
        expect(res.status, what).toBe(bomb.status);
        expect(res.headers['content-type'], what).toMatch(/^application\/problem\+json/);
        expect(res.body.type, what).toBe(bomb.status === 413 ? 'urn:tilsyn:problem:payloadTooLarge' : 'urn:tilsyn:problem:validation');
        expect(res.body.errors, what).toHaveLength(1);
        expect(res.body.errors[0], what).toMatchObject({ field: route.field, code: bomb.code, message: expect.any(String) });
        expect(res.body.errors[0].message.length, what).toBeGreaterThan(20);
        expect(res.body.detail, what).toBe(res.body.errors[0].message);
      }
      expect(await snapshot()).toEqual(before);
      expect(matchingFiles()).toEqual(files);
      expect(ctx.app.importSlots.inUse).toBe(0);
    });
  }

  it('names the limit with its value', async () => {
    const res = await uploadFile(ctx.app, m.userId, dryRunUrl, list.find((b) => b.code === 'xlsx.tooManyCells')!.bytes);
    expect(res.body.errors[0]).toMatchObject({ code: 'xlsx.tooManyCells', limit: 1_000_000, sheet: null, row: null, column: null, header: null });
    expect(res.body.errors[0].message).toMatch(/højst 1\.000\.000/);
    const big = await uploadFile(ctx.app, m.userId, balanceUrl('activity', true), list.find((b) => b.code === 'xlsx.unpackedTooLarge')!.bytes);
    expect(big.body.errors[0]).toMatchObject({ code: 'xlsx.unpackedTooLarge', limit: 100 * 1024 * 1024, row: null, column: null, header: null });
  });

  it('still reads ordinary workbooks on every route, from the checked entries', async () => {
    const dry = await uploadFile(ctx.app, m.userId, dryRunUrl, valid);
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body.errors).toEqual([]);
    expect(dry.body.rows.length).toBeGreaterThan(0);
    expect(dry.body.rows.every((r: { action: string }) => r.action === 'unchanged')).toBe(true);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Ark1').addRows([
      ['Kode', 'Navn'],
      ['0.01', 'Byudvikling'],
    ]);
    const balance = await uploadFile(ctx.app, m.userId, balanceUrl('imFunctions', true), Buffer.from(await wb.xlsx.writeBuffer()), 'im.xlsx');
    expect(balance.status, JSON.stringify(balance.body)).toBe(200);
    expect(balance.body.fileFormat).toBe('xlsx');
    const run = await postMatching('left', await extractXlsx(), extractCsv);
    expect(run.status, JSON.stringify(run.body)).toBe(202);
    await ctx.app.services.matching.waitForRun(run.body.id);
    const done = await api.get(`/api/v1/matching-runs/${run.body.id}`);
    expect(done.body.state, JSON.stringify(done.body)).toBe('succeeded');
  });

  it('leaves the audit chain intact', async () => {
    expect((await verifyMunicipalityChain(ctx.engine.db, { id: m.id, slug: 'bombs' })).ok).toBe(true);
  });
});

describe('at most two imports at once', () => {
  it('answers 429 with Retry-After on every upload route while both slots are taken, and nothing is stored', async () => {
    const held = [ctx.app.importSlots.tryAcquire(), ctx.app.importSlots.tryAcquire()];
    expect(held.every(Boolean)).toBe(true);
    expect(ctx.app.importSlots.tryAcquire()).toBeNull();
    const before = await snapshot();
    const files = matchingFiles();
    try {
      for (const route of routes) {
        const res = await route.send(valid);
        expect(res.status, `${route.name}: ${JSON.stringify(res.body)}`).toBe(429);
        expect(res.headers['retry-after']).toBe(String(IMPORT_RETRY_AFTER_SECONDS));
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body).toMatchObject({
          type: 'urn:tilsyn:problem:tooManyRequests',
          status: 429,
          title: 'For mange forespørgsler',
          retryAfter: IMPORT_RETRY_AFTER_SECONDS,
        });
        expect(res.body.errors[0]).toMatchObject({ field: 'file', code: 'import.busy' });
      }
      expect(await snapshot()).toEqual(before);
      expect(matchingFiles()).toEqual(files);
    } finally {
      for (const release of held) release!();
    }
    // one slot free again: the next import goes through
    expect((await uploadFile(ctx.app, m.userId, dryRunUrl, valid)).status).toBe(200);
    expect(ctx.app.importSlots.inUse).toBe(0);
  });

  it('lets other requests through meanwhile', async () => {
    const held = [ctx.app.importSlots.tryAcquire(), ctx.app.importSlots.tryAcquire()];
    try {
      expect((await ctx.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      expect((await api.get('/api/v1/matching-systems')).status).toBe(200);
    } finally {
      for (const release of held) release!();
    }
  });

  it('gives the sign-in rate limit the same problem type (not badRequest)', async () => {
    const limited = await createTestContext({ config: { loginRateLimit: 1 } });
    try {
      const login = () =>
        limited.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          headers: { 'content-type': 'application/json', 'accept-language': 'en' },
          payload: JSON.stringify({ email: 'x@y.example', password: 'z' }),
        });
      expect((await login()).statusCode).toBe(401);
      const res = await login();
      expect(res.statusCode).toBe(429);
      expect(res.headers['retry-after']).toBeDefined();
      expect(JSON.parse(res.body)).toMatchObject({ type: 'urn:tilsyn:problem:tooManyRequests', title: 'Too many requests', status: 429 });
    } finally {
      await limited.close();
    }
  });
});
