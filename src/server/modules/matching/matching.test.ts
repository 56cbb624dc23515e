import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { queryRows, type Database } from '../../db/engine.js';
import { authHeaders, client, createTestContext, seedMunicipality, seedUser, type SeededMunicipality, type TestContext } from '../../../test/app.js';
import { multipart, tableSnapshot } from '../../../test/kit.js';

let ctx: TestContext;
let m: SeededMunicipality;
let central: ReturnType<typeof client>;
let systemId: string;
let coordSofId: string;
let coordBufId: string;
let readerId: string;
let auditorId: string;

/** The tables a run writes, and the audit trail: equal snapshots mean nothing changed. */
const snapshot = () =>
  tableSnapshot(ctx.engine, ['matching_systems', 'matching_items', 'matching_groups', 'system_reconciliations', 'audit_entries', 'change_log', 'audit_heads']);

/** Every text of every table, for the "no CPR number anywhere in clear" check. */
async function everything(db: Database): Promise<string> {
  const tables = await queryRows<{ t: string }>(db, sql`select table_name as t from information_schema.tables where table_schema = 'public'`);
  let all = '';
  for (const { t } of tables) {
    const rows = await queryRows<{ j: string }>(db, sql`select row_to_json(x)::text as j from ${sql.identifier(t)} x`);
    all += rows.map((r) => r.j).join('\n');
  }
  return all;
}

const LEFT = {
  delimiter: ';',
  decimal: ',',
  dateFormat: 'dd-mm-yyyy',
  encoding: 'utf-8',
  columns: { amount: 'Beløb', date: 'Dato', caseId: 'Sagsnr', cpr: 'CPR', text: 'Tekst' },
};
const RIGHT = {
  delimiter: ';',
  decimal: ',',
  dateFormat: 'dd.mm.yyyy',
  encoding: 'utf-8',
  columns: { amount: 'Beløb', date: 'Bilagsdato', caseId: 'Sag', cpr: 'Personnr', account: 'Artskonto', text: 'Posteringstekst' },
};
const RULES = {
  key: ['caseId'],
  groupKey: ['caseId'],
  passes: [
    { kind: 'exact', useDate: true },
    { kind: 'tolerance', amountOre: 100, amountPercent: 0, dateWindowDays: 3 },
    { kind: 'split', maxCandidates: 24, timeBudgetMs: 2000, byMonth: true },
    { kind: 'timing', lastDays: 3 },
  ],
};

// November 2024: one exact match, one within tolerance, one 1:2 split, one timing item at month
// end, one unmatched on each side (with CPR numbers that must never be stored in clear).
const novLeft = [
  'Sagsnr;CPR;Dato;Beløb;Tekst',
  'S1;0101901234;05-11-2024;1.000,00;Boligstøtte',
  'S2;0202802345;10-11-2024;2.500,00;Boligstøtte',
  'S3;0303703456;12-11-2024;3.000,00;Tilskud',
  'S4;0404604567;29-11-2024;750,00;Tilskud',
  'S5;0505505678;15-11-2024;1.234,56;Enkeltydelse',
].join('\n');
const novRight = [
  'Bilagsdato;Beløb;Sag;Personnr;Artskonto;Posteringstekst',
  '05.11.2024;1.000,00;S1;0101901234;52010000;KY udbetaling',
  '11.11.2024;2.500,50;S2;0202802345;52010000;KY udbetaling',
  '12.11.2024;1.000,00;S3;0303703456;52020000;KY udbetaling del 1',
  '12.11.2024;2.000,00;S3;0303703456;52020000;KY udbetaling del 2',
  '16.11.2024;99,00;S6;0606406789;52030000;Fejlpostering 0606406789',
].join('\n');

/** A run's body: the fields, then the two extracts (sent as text/csv, whatever their format). */
const runBody = (fields: Record<string, string>, files: Record<'left' | 'right', { name: string; body: string | Buffer }>) =>
  multipart({
    ...fields,
    left: { filename: files.left.name, type: 'text/csv', content: files.left.body },
    right: { filename: files.right.name, type: 'text/csv', content: files.right.body },
  });

async function startRun(userId: string, period: string, left: string | Buffer, right: string | Buffer, sys = systemId) {
  const body = runBody({ systemId: sys, period }, { left: { name: 'ky.csv', body: left }, right: { name: 'kvantum.csv', body: right } });
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/matching-runs',
    headers: { ...(await authHeaders(ctx.app, userId)), 'content-type': body.contentType },
    payload: body.payload,
  });
  return { status: res.statusCode, body: JSON.parse(res.body) };
}

async function finished(runId: string) {
  await ctx.app.services.matching.waitForRun(runId);
  return (await central.get(`/api/v1/matching-runs/${runId}`)).body;
}

beforeAll(async () => {
  // on the job queue, as a server runs them
  ctx = await createTestContext({ config: { jobs: true } });
  m = await seedMunicipality(ctx.engine, { slug: 'matching-test', departments: ['ØKF', 'SOF', 'BUF'] });
  central = client(ctx.app, m.userId);
  coordSofId = await seedUser(ctx.engine, m.id, {
    email: 'sof@matching.example',
    roles: [{ role: 'departmentCoordinator', departmentId: m.departments.SOF! }],
  });
  coordBufId = await seedUser(ctx.engine, m.id, {
    email: 'buf@matching.example',
    roles: [{ role: 'departmentCoordinator', departmentId: m.departments.BUF! }],
  });
  readerId = await seedUser(ctx.engine, m.id, { email: 'reader@matching.example', roles: [{ role: 'reader' }] });
  auditorId = await seedUser(ctx.engine, m.id, { email: 'auditor@matching.example', roles: [{ role: 'auditor' }] });
});
afterAll(() => ctx.close());

describe('matching systems', () => {
  it('sets up a system with its rules and saved header mapping; refuses bad rules and missing key columns naming the field, changing nothing', async () => {
    const before = await snapshot();
    const badRules = await central.post('/api/v1/matching-systems', {
      code: 'KY',
      name: 'KY',
      target: 'ledger',
      departmentId: m.departments.SOF,
      rules: { ...RULES, passes: [{ kind: 'fuzzy' }] },
      left: LEFT,
      right: RIGHT,
    });
    expect(badRules.status).toBe(400);
    expect(JSON.stringify(badRules.body)).toContain('body.rules.passes.0');
    const noKey = await central.post('/api/v1/matching-systems', {
      code: 'KY',
      name: 'KY',
      target: 'ledger',
      departmentId: m.departments.SOF,
      rules: { ...RULES, key: ['account'] },
      left: LEFT,
      right: RIGHT,
    });
    expect(noKey.status).toBe(422);
    expect(noKey.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.left.columns.account']);
    const coord = await client(ctx.app, coordSofId).post('/api/v1/matching-systems', {
      code: 'KY',
      name: 'KY',
      target: 'ledger',
      departmentId: m.departments.SOF,
      rules: RULES,
      left: LEFT,
      right: RIGHT,
    });
    expect(coord.status).toBe(403);
    expect(await snapshot()).toEqual(before);

    const ok = await central.post('/api/v1/matching-systems', {
      code: 'KY',
      name: 'Kommunernes Ydelsessystem',
      target: 'ledger',
      departmentId: m.departments.SOF,
      rules: RULES,
      left: LEFT,
      right: RIGHT,
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    systemId = ok.body.id;
    expect(ok.body.left.columns).toEqual(LEFT.columns);
    const dup = await central.post('/api/v1/matching-systems', {
      code: 'ky',
      name: 'Igen',
      target: 'ledger',
      departmentId: m.departments.SOF,
      rules: RULES,
      left: LEFT,
      right: RIGHT,
    });
    expect(dup.status).toBe(409);
  });
});

describe('a run from CSV through the API to the system reconciliation entry', () => {
  let runId: string;

  it('matches in passes, suggests the split, classes the month-end item as timing, and records the difference on the entry', async () => {
    const res = await startRun(coordSofId, '2024-11', novLeft, novRight);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(['queued', 'running']).toContain(res.body.state);
    runId = res.body.id;
    const run = await finished(runId);
    expect(run.state, JSON.stringify(run.error)).toBe('succeeded');
    expect(run.summary.left.rows).toBe(5);
    expect(run.summary.right.rows).toBe(5);
    const byKind = Object.fromEntries(
      run.summary.passes.map((p: { kind: string; leftRows: number; rightRows: number }) => [p.kind, [p.leftRows, p.rightRows]]),
    );
    expect(byKind).toEqual({ exact: [1, 1], tolerance: [1, 1], split: [1, 2], timing: [1, 0] });
    // 1.234,56 kr only in KY, 99,00 kr only in the ledger
    expect(run.differenceOre).toBe(123_456 - 9_900);

    const entry = (await central.get('/api/v1/system-reconciliations?system=KY&period=2024-11')).body;
    expect(entry).toHaveLength(1);
    expect(entry[0]).toMatchObject({ id: run.systemReconciliationId, target: 'ledger', departmentId: m.departments.SOF, differenceOre: 123_456 - 9_900 });
    expect(entry[0].explanation).toContain('KY');

    const unmatched = (await central.get(`/api/v1/matching-runs/${runId}/items?state=unmatched`)).body;
    expect(unmatched.items.map((i: { side: string; line: number; amountOre: number; cpr: string }) => [i.side, i.line, i.amountOre, i.cpr])).toEqual([
      ['left', 6, 123_456, '050550-****'],
      ['right', 6, 9_900, '060640-****'],
    ]);
    // a CPR number in a posting text is masked too
    expect(unmatched.items[1].text).toBe('Fejlpostering 060640-****');
    const timing = (await central.get(`/api/v1/matching-runs/${runId}/items?state=timing`)).body.items;
    expect(timing.map((i: { line: number; date: string }) => [i.line, i.date])).toEqual([[5, '2024-11-29']]);

    const diff = (await central.get(`/api/v1/matching-runs/${runId}/differences?by=case`)).body;
    expect(diff.rows).toEqual([
      { key: 'S5', leftCount: 1, rightCount: 0, leftOre: 123_456, rightOre: 0, differenceOre: 123_456 },
      { key: 'S6', leftCount: 0, rightCount: 1, leftOre: 0, rightOre: 9_900, differenceOre: -9_900 },
    ]);

    // the results file has the matched groups and no CPR number
    const file = await central.get(`/api/v1/matching-runs/${runId}/files/matched.csv`);
    expect(file.status).toBe(200);
    expect(String(file.body)).not.toMatch(/0101901234|010190/);
    const unmatchedFile = String((await central.get(`/api/v1/matching-runs/${runId}/files/unmatched-left.csv`)).body);
    expect(unmatchedFile).toContain('050550-****');
    expect(unmatchedFile).not.toContain('0505505678');
    // the copied source line's text column is masked too (the ledger text quotes the CPR number)
    const unmatchedRight = String((await central.get(`/api/v1/matching-runs/${runId}/files/unmatched-right.csv`)).body);
    expect(unmatchedRight).toContain('Fejlpostering 060640****');
    expect(unmatchedRight).not.toContain('0606406789');
    // the uploaded extracts (every CPR number in clear) are gone once read; the results files stay
    const runDir = path.dirname((await ctx.app.services.matching.resultFile(m.actor, runId, 'matched.csv')).path);
    expect(fs.readdirSync(runDir).sort()).toEqual(['matched.csv', 'unmatched-left.csv', 'unmatched-right.csv']);

    // no table holds a CPR number in clear (sealed per item, masked for display)
    const all = await everything(ctx.engine.db);
    for (const cpr of ['0101901234', '0202802345', '0303703456', '0404604567', '0505505678', '0606406789']) expect(all).not.toContain(cpr);
  });

  it('sorts the items by the column asked for, both ways, before paging; refuses a column it cannot sort by', async () => {
    const page = async (q: string) =>
      (await central.get(`/api/v1/matching-runs/${runId}/items?state=unmatched${q}`)).body as {
        items: { amountOre: number; line: number; side: string }[];
        total: number;
      };
    const all = await page('&limit=100');
    const amounts = all.items.map((i) => i.amountOre);
    expect((await page('&sort=amount&limit=100')).items.map((i) => i.amountOre)).toEqual([...amounts].sort((x, y) => x - y));
    expect((await page('&sort=-amount&limit=100')).items.map((i) => i.amountOre)).toEqual([...amounts].sort((x, y) => y - x));
    // the second page continues the first
    const first = await page('&sort=-amount&limit=1&offset=0');
    const second = await page('&sort=-amount&limit=1&offset=1');
    expect([first.items[0]!.amountOre, second.items[0]!.amountOre]).toEqual([...amounts].sort((x, y) => y - x).slice(0, 2));
    const refused = await central.get(`/api/v1/matching-runs/${runId}/items?sort=cprSealed`);
    expect(refused.status).toBe(400);
  });

  it('shows a CPR number in clear only to the system department’s coordinator and central coordination, and logs every unmask without the number', async () => {
    const items = (await central.get(`/api/v1/matching-runs/${runId}/items?state=unmatched&side=left`)).body;
    const id = items.items[0].id;
    expect(items.canUnmask).toBe(true);
    expect((await client(ctx.app, coordBufId).get(`/api/v1/matching-runs/${runId}/items?state=unmatched`)).body.canUnmask).toBe(false);
    expect((await client(ctx.app, coordBufId).post(`/api/v1/matching-items/${id}/cpr`)).status).toBe(403);
    expect((await client(ctx.app, auditorId).post(`/api/v1/matching-items/${id}/cpr`)).status).toBe(403);
    expect((await client(ctx.app, readerId).post(`/api/v1/matching-items/${id}/cpr`)).status).toBe(403);
    const before = await queryRows<{ n: number }>(ctx.engine.db, sql`select count(*)::int as n from change_log where action = 'unmaskCpr'`);
    const res = await client(ctx.app, coordSofId).post(`/api/v1/matching-items/${id}/cpr`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ itemId: id, cpr: '0505505678' });
    const log = await queryRows<{ resource_id: string; j: string }>(
      ctx.engine.db,
      sql`select resource_id, row_to_json(c)::text as j from change_log c where action = 'unmaskCpr' order by 1`,
    );
    expect(log.length).toBe(before[0]!.n + 1);
    expect(log.map((l) => l.resource_id)).toContain(id);
    expect(log.map((l) => l.j).join()).not.toContain('0505505678');
  });

  it('follows the municipality’s setting of who may see personal data: a refused unmask changes nothing', async () => {
    const id = (await central.get(`/api/v1/matching-runs/${runId}/items?state=unmatched&side=left`)).body.items[0].id;
    const settings = await central.get('/api/v1/municipality');
    expect(settings.body.personalDataRoles).toEqual(['admin', 'centralCoordinator', 'departmentCoordinator']);
    const changed = await central.patch('/api/v1/municipality', { personalDataRoles: ['auditor'] }, settings.headers.etag as string);
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    try {
      const before = await snapshot();
      expect((await client(ctx.app, coordSofId).get(`/api/v1/matching-runs/${runId}/items?state=unmatched`)).body.canUnmask).toBe(false);
      expect((await client(ctx.app, coordSofId).post(`/api/v1/matching-items/${id}/cpr`)).status).toBe(403);
      expect(await snapshot()).toEqual(before);
      expect((await client(ctx.app, auditorId).get(`/api/v1/matching-runs/${runId}/items?state=unmatched`)).body.canUnmask).toBe(true);
      const res = await client(ctx.app, auditorId).post(`/api/v1/matching-items/${id}/cpr`);
      expect(res.status).toBe(200);
      expect(res.body.cpr).toBe('0505505678');
      expect((await client(ctx.app, readerId).post(`/api/v1/matching-items/${id}/cpr`)).status).toBe(403);
    } finally {
      await central.patch('/api/v1/municipality', { personalDataRoles: ['admin', 'centralCoordinator', 'departmentCoordinator'] }, changed.body.version);
    }
  });

  it('confirms a suggestion, rejects and matches by hand; each decision updates the difference and the entry, and is audited', async () => {
    const groups = (await central.get(`/api/v1/matching-runs/${runId}/groups?status=suggested`)).body;
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ kind: 'split', leftOre: 300_000, rightOre: 300_000 });
    expect(groups[0].items).toHaveLength(3);
    const sof = client(ctx.app, coordSofId);
    expect((await client(ctx.app, coordBufId).post(`/api/v1/matching-runs/${runId}/groups/${groups[0].id}/confirm`)).status).toBe(403);
    const confirmed = await sof.post(`/api/v1/matching-runs/${runId}/groups/${groups[0].id}/confirm`);
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body.status).toBe('confirmed');
    expect(confirmed.body.items.every((i: { state: string }) => i.state === 'matched')).toBe(true);
    expect((await sof.post(`/api/v1/matching-runs/${runId}/groups/${groups[0].id}/confirm`)).status).toBe(409);

    // a manual match across the two unmatched items: the sums differ, so a note is required
    const unmatched = (await central.get(`/api/v1/matching-runs/${runId}/items?state=unmatched`)).body.items as { id: string }[];
    const before = await snapshot();
    const noNote = await sof.post(`/api/v1/matching-runs/${runId}/matches`, { itemIds: unmatched.map((i) => i.id) });
    expect(noNote.status).toBe(422);
    expect(noNote.body.errors[0].field).toBe('body.note');
    const oneSide = await sof.post(`/api/v1/matching-runs/${runId}/matches`, { itemIds: [unmatched[0]!.id, unmatched[0]!.id] });
    expect(oneSide.status).toBe(422);
    expect(await snapshot()).toEqual(before);

    // a timing item is explained already (and carried into December): not for a manual match
    const timingItem = (await central.get(`/api/v1/matching-runs/${runId}/items?state=timing`)).body.items[0];
    const withTiming = await sof.post(`/api/v1/matching-runs/${runId}/matches`, { itemIds: [timingItem.id, unmatched[1]!.id], note: 'x' });
    expect(withTiming.status).toBe(422);
    expect(withTiming.body.errors[0]).toMatchObject({ field: 'body.itemIds.0', code: 'matching.itemTaken' });
    expect(await snapshot()).toEqual(before);

    const manual = await sof.post(`/api/v1/matching-runs/${runId}/matches`, {
      itemIds: unmatched.map((i) => i.id),
      note: 'Fejlpostering modregnet i december',
    });
    expect(manual.status, JSON.stringify(manual.body)).toBe(201);
    let run = (await central.get(`/api/v1/matching-runs/${runId}`)).body;
    expect(run.differenceOre).toBe(0);
    expect((await central.get('/api/v1/system-reconciliations?system=KY&period=2024-11')).body[0].differenceOre).toBe(0);

    // undoing the manual match brings the difference back
    const undone = await sof.post(`/api/v1/matching-runs/${runId}/groups/${manual.body.id}/reject`);
    expect(undone.status).toBe(200);
    run = (await central.get(`/api/v1/matching-runs/${runId}`)).body;
    expect(run.differenceOre).toBe(123_456 - 9_900);
    expect((await central.get('/api/v1/system-reconciliations?system=KY&period=2024-11')).body[0].differenceOre).toBe(123_456 - 9_900);
    const actions = await queryRows<{ action: string }>(ctx.engine.db, sql`select action from change_log where resource = 'matchingGroup' order by 1`);
    expect(actions.map((a) => a.action).sort()).toEqual(['confirm', 'matchManually', 'reject']);
  });

  it('carries the timing item into December, where it meets its ledger posting', async () => {
    const decLeft = ['Sagsnr;CPR;Dato;Beløb;Tekst', 'S7;0707307890;09-12-2024;400,00;Boligstøtte'].join('\n');
    const decRight = [
      'Bilagsdato;Beløb;Sag;Personnr;Artskonto;Posteringstekst',
      '02.12.2024;750,00;S4;0404604567;52020000;KY udbetaling',
      '09.12.2024;400,00;S7;0707307890;52010000;KY udbetaling',
    ].join('\n');
    const res = await startRun(coordSofId, '2024-12', decLeft, decRight);
    expect(res.status).toBe(202);
    const run = await finished(res.body.id);
    expect(run.state, JSON.stringify(run.error)).toBe('succeeded');
    expect(run.summary.carriedIn).toEqual({ left: 1, right: 0 });
    expect(run.differenceOre).toBe(0);
    expect((await central.get(`/api/v1/matching-runs/${res.body.id}/items`)).body.total).toBe(0);
  });
});

describe('an Excel extract', () => {
  it('reads the system side from .xlsx with the saved header mapping (dates and amounts as Excel stores them)', async () => {
    const sys = await central.post('/api/v1/matching-systems', {
      code: 'XL',
      name: 'Excel-system',
      target: 'debtorSystem',
      departmentId: m.departments.SOF,
      rules: RULES,
      left: { ...LEFT, format: 'xlsx' },
      right: RIGHT,
    });
    expect(sys.status, JSON.stringify(sys.body)).toBe(201);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Udbetalinger');
    ws.addRow(['Sagsnr', 'CPR', 'Dato', 'Beløb', 'Tekst']);
    ws.addRow(['X1', '0101901234', new Date(Date.UTC(2024, 10, 5)), 1000, 'Boligstøtte']);
    ws.addRow(['X2', '0202802345', new Date(Date.UTC(2024, 10, 6)), 250.5, 'Tilskud']);
    ws.addRow(['X3', '0303703456', new Date(Date.UTC(2024, 10, 7)), 99.99, 'Kun i systemet']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const right = [
      'Bilagsdato;Beløb;Sag;Personnr;Artskonto;Posteringstekst',
      '05.11.2024;1.000,00;X1;0101901234;1;a',
      '06.11.2024;250,50;X2;0202802345;1;b',
    ].join('\n');
    const body = runBody(
      { systemId: sys.body.id, period: '2024-11' },
      { left: { name: 'udbetalinger.xlsx', body: xlsx }, right: { name: 'debitor.csv', body: right } },
    );
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/matching-runs',
      headers: { ...(await authHeaders(ctx.app, m.userId)), 'content-type': body.contentType },
      payload: body.payload,
    });
    expect(res.statusCode, res.body).toBe(202);
    const run = await finished(JSON.parse(res.body).id);
    expect(run.state, JSON.stringify(run.error)).toBe('succeeded');
    expect(run.summary.left.rows).toBe(3);
    expect(run.differenceOre).toBe(9_999);
    const items = (await central.get(`/api/v1/matching-runs/${run.id}/items`)).body.items;
    expect(items.map((i: { side: string; line: number; caseId: string; cpr: string; date: string }) => [i.side, i.line, i.caseId, i.cpr, i.date])).toEqual([
      ['left', 4, 'X3', '030370-****', '2024-11-07'],
    ]);
  });
});

describe('bad input: a clear reason, never a half-stored run', () => {
  const cases: [string, string, string, Record<string, unknown>][] = [
    ['wrong delimiter', novLeft.replaceAll(';', ','), novRight, { code: 'wrong_delimiter', side: 'left', line: 1 }],
    ['a missing column', novLeft.replace('Beløb', 'Belob'), novRight, { code: 'missing_column', side: 'left', line: 1 }],
    ['a non-numeric amount', novLeft, novRight.replace('2.500,50', '2.5OO,50'), { code: 'bad_amount', side: 'right', line: 3 }],
    ['a bad date', novLeft.replace('12-11-2024', '31-02-2024'), novRight, { code: 'bad_date', side: 'left', line: 4 }],
  ];
  for (const [name, left, right, expected] of cases) {
    it(`${name}: the run fails with its reason and line; no item, entry or suggestion is stored`, async () => {
      const before = await snapshot();
      const res = await startRun(m.userId, '2024-10', left, right);
      expect(res.status).toBe(202);
      const run = await finished(res.body.id);
      expect(run.state).toBe('failed');
      expect(run.error).toMatchObject(expected);
      expect(run.error.message).not.toMatch(/\d{10}/);
      const after = await snapshot();
      // only the run's own rows and its two audit entries (create, fail) are new
      expect(after.matching_items).toEqual(before.matching_items);
      expect(after.matching_groups).toEqual(before.matching_groups);
      expect(after.system_reconciliations).toEqual(before.system_reconciliations);
    });
  }

  it('an empty file or a missing side is refused at once (422 naming the field) and nothing is stored', async () => {
    const before = await snapshot();
    const runsBefore = await queryRows<{ n: number }>(ctx.engine.db, sql`select count(*)::int as n from matching_runs`);
    const empty = await startRun(m.userId, '2024-10', '', novRight);
    expect(empty.status).toBe(422);
    expect(empty.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.left']);
    const future = await startRun(m.userId, '2099-01', novLeft, novRight);
    expect(future.status).toBe(422);
    expect(future.body.errors[0].field).toBe('body.period');
    const other = await startRun(coordBufId, '2024-10', novLeft, novRight);
    expect(other.status).toBe(403);
    expect(await snapshot()).toEqual(before);
    expect((await queryRows<{ n: number }>(ctx.engine.db, sql`select count(*)::int as n from matching_runs`))[0]!.n).toBe(runsBefore[0]!.n);
  });

  it('duplicate keys on one side are paired in order and reported as a warning with their lines', async () => {
    const left = [
      'Sagsnr;CPR;Dato;Beløb;Tekst',
      'D1;0101901234;05-09-2024;100,00;a',
      'D1;0101901234;05-09-2024;100,00;b',
      'D1;0101901234;05-09-2024;100,00;c',
    ].join('\n');
    const right = [
      'Bilagsdato;Beløb;Sag;Personnr;Artskonto;Posteringstekst',
      '05.09.2024;100,00;D1;0101901234;1;x',
      '05.09.2024;100,00;D1;0101901234;1;y',
    ].join('\n');
    const res = await startRun(m.userId, '2024-09', left, right);
    const run = await finished(res.body.id);
    expect(run.state, JSON.stringify(run.error)).toBe('succeeded');
    expect(run.summary.left.unmatched.rows).toBe(1);
    expect(JSON.stringify(run.summary.warnings)).toContain('duplicate');
  });
});

describe('uploads, shutdown and restart', () => {
  it('refuses an extract over the size limit (413) and files before systemId (422), keeping nothing', async () => {
    const small = await createTestContext({ config: { maxMatchingBytes: 1024 } });
    try {
      const sm = await seedMunicipality(small.engine, { slug: 'matching-small', departments: ['SOF'] });
      const sys = await client(small.app, sm.userId).post('/api/v1/matching-systems', {
        code: 'KY',
        name: 'KY',
        target: 'ledger',
        departmentId: sm.departments.SOF,
        rules: RULES,
        left: LEFT,
        right: RIGHT,
      });
      expect(sys.status).toBe(201);
      const send = async (body: ReturnType<typeof multipart>) =>
        small.app.inject({
          method: 'POST',
          url: '/api/v1/matching-runs',
          headers: { ...(await authHeaders(small.app, sm.userId)), 'content-type': body.contentType },
          payload: body.payload,
        });
      const big = await send(
        runBody(
          { systemId: sys.body.id, period: '2024-11' },
          { left: { name: 'ky.csv', body: novLeft.repeat(20) }, right: { name: 'kv.csv', body: novRight } },
        ),
      );
      expect(big.statusCode).toBe(413);
      // files first: refused before anything is written
      const order = await send(multipart({ left: { filename: 'l.csv', content: novLeft }, systemId: sys.body.id }));
      expect(order.statusCode).toBe(422);
      expect(JSON.parse(order.body).errors[0].field).toBe('body.systemId');
      const runs = await queryRows<{ n: number }>(small.engine.db, sql`select count(*)::int as n from matching_runs`);
      expect(runs[0]!.n).toBe(0);
    } finally {
      await small.close();
    }
  });

  it('a server closing mid-run puts the run back in the queue with its extracts sealed; the next server on the database resumes it', async () => {
    const key = randomBytes(32);
    const local = await createTestContext({ config: { encryptionKey: key, jobs: true } });
    let second: Awaited<ReturnType<typeof buildApp>> | null = null;
    try {
      const lm = await seedMunicipality(local.engine, { slug: 'matching-stop', departments: ['SOF'] });
      const sys = await client(local.app, lm.userId).post('/api/v1/matching-systems', {
        code: 'KY',
        name: 'KY',
        target: 'ledger',
        departmentId: lm.departments.SOF,
        rules: RULES,
        left: LEFT,
        right: RIGHT,
      });
      const left = ['Sagsnr;CPR;Dato;Beløb;Tekst', ...Array.from({ length: 150_000 }, (_, i) => `C${i};0101901234;14-08-2024;${(i % 9000) + 10},00;t`)].join(
        '\n',
      );
      const right = [
        'Bilagsdato;Beløb;Sag;Personnr;Artskonto;Posteringstekst',
        ...Array.from({ length: 150_000 }, (_, i) => `14.08.2024;${(i % 9000) + 10},00;C${i};0101901234;1;t`),
      ].join('\n');
      const body = runBody({ systemId: sys.body.id, period: '2024-08' }, { left: { name: 'l.csv', body: left }, right: { name: 'r.csv', body: right } });
      const res = await local.app.inject({
        method: 'POST',
        url: '/api/v1/matching-runs',
        headers: { ...(await authHeaders(local.app, lm.userId)), 'content-type': body.contentType },
        payload: body.payload,
      });
      expect(res.statusCode).toBe(202);
      const runId = JSON.parse(res.body).id;
      const dir = path.join(local.app.services.matching.dataDirOf(lm.id), runId);
      // waiting for its run, the extracts are sealed: no CPR number in clear on disk
      for (const f of ['left.sealed', 'right.sealed']) expect(fs.readFileSync(path.join(dir, f)).includes('0101901234')).toBe(false);
      const stateOf = async () =>
        (
          await queryRows<{ state: string; error: unknown; attempts: number }>(
            local.engine.db,
            sql`select state, error, attempts from matching_runs where id = ${runId}`,
          )
        )[0]!;
      while ((await stateOf()).state !== 'running') await new Promise((r) => setTimeout(r, 20));
      await local.app.close();
      // a stop is not one of the run's attempts (a crash is)
      expect(await stateOf()).toMatchObject({ state: 'queued', error: null, attempts: 0 });
      expect(fs.readdirSync(dir).sort()).toEqual(['left.sealed', 'right.sealed']);

      // the next server on the same database and data directory takes it from the queue
      second = await buildApp({
        engine: local.engine,
        config: { maxEvidenceBytes: 256 * 1024, logLevel: 'silent', encryptionKey: key, dataDir: path.dirname(path.dirname(path.dirname(dir))) },
      });
      await second.services.matching.waitForRun(runId);
      expect(await stateOf()).toMatchObject({ state: 'succeeded', attempts: 1 });
      expect(fs.readdirSync(dir).sort()).toEqual(['matched.csv', 'unmatched-left.csv', 'unmatched-right.csv']);
      // the one who started it is told
      const told = await queryRows<{ kind: string; user_id: string }>(
        local.engine.db,
        sql`select kind, user_id from notifications where link = ${`/balance/matching/runs/${runId}`}`,
      );
      expect(told).toEqual([{ kind: 'matchingRunFinished', user_id: lm.userId }]);
    } finally {
      await second?.close();
      await local.close();
    }
  });
});

describe('responsiveness', () => {
  it('the HTTP server answers while a run of 200,000 rows per side is in progress', async () => {
    const lines = (n: number, right: boolean) => {
      const out = [right ? 'Bilagsdato;Beløb;Sag;Personnr;Artskonto;Posteringstekst' : 'Sagsnr;CPR;Dato;Beløb;Tekst'];
      for (let i = 0; i < n; i++) {
        const amount = `${(i % 9000) + 10},${String(i % 100).padStart(2, '0')}`;
        out.push(right ? `14.08.2024;${amount};C${i};0101901234;1;t` : `C${i};0101901234;14-08-2024;${amount};t`);
      }
      return out.join('\n');
    };
    const res = await startRun(m.userId, '2024-08', lines(200_000, false), lines(200_000, true));
    expect(res.status).toBe(202);
    let answeredWhileRunning = 0;
    for (;;) {
      const health = await ctx.app.inject({ method: 'GET', url: '/healthz' });
      expect(health.statusCode).toBe(200);
      const run = (await central.get(`/api/v1/matching-runs/${res.body.id}`)).body;
      if (run.state === 'running') answeredWhileRunning++;
      if (run.state === 'succeeded' || run.state === 'failed') {
        expect(run.state, JSON.stringify(run.error)).toBe('succeeded');
        expect(run.summary.left.unmatched.rows).toBe(0);
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(answeredWhileRunning).toBeGreaterThan(0);
  });
});
