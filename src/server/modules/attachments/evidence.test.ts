import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeaders, client, createTestContext, seedMunicipality, type SeededMunicipality, type TestContext } from '../../../test/app.js';
import { multipart } from '../../../test/kit.js';
import { actionPlans, followUpRounds, measures, roundSubmissions, statusEntries } from '../../db/schema/index.js';

const maxEvidenceBytes = 64 * 1024;
let ctx: TestContext;
let m: SeededMunicipality;
let other: SeededMunicipality;
let api: ReturnType<typeof client>;
let findingId: string;
let measureId: string;
let statusEntryId: string;
let submissionId: string;

const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2000), Buffer.from('\n%%EOF\n')]);
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const exe = Buffer.concat([Buffer.from('MZ'), randomBytes(200)]);

async function upload(path: string, file: { name: string; type: string; content: Buffer }, opts: { userId?: string; field?: string } = {}) {
  // One file part, as a browser sends it.
  const body = multipart({ [opts.field ?? 'file']: { filename: file.name, type: file.type, content: file.content } });
  const res = await ctx.app.inject({
    method: 'POST',
    url: `/api/v1/${path}/evidence`,
    payload: body.payload,
    headers: { ...body.headers, ...(await authHeaders(ctx.app, opts.userId ?? m.userId)) },
  });
  return { status: res.statusCode, body: res.json() };
}

async function counts() {
  const res = await ctx.engine.db.execute(`select (select count(*)::int from evidence) e, (select count(*)::int from change_log) c`);
  return (res as unknown as { rows: unknown[] }).rows[0];
}

beforeAll(async () => {
  ctx = await createTestContext({ maxEvidenceBytes });
  m = await seedMunicipality(ctx.engine, { slug: 'evidence-test' });
  other = await seedMunicipality(ctx.engine, { slug: 'evidence-other' });
  api = client(ctx.app, m.userId);
  const report = await api.post('/api/v1/reports', { title: 'Revisionsberetning 2024', auditor: 'Revisor', year: 2024, kind: 'annualAccounts' });
  const finding = await api.post(`/api/v1/reports/${report.body.id}/findings`, { number: 1, title: 'Afstemning af balancekonti', departments: 'ALL' });
  findingId = finding.body.id;
  // Plans and follow-up have their own modules; their rows are inserted directly here.
  const db = ctx.engine.db;
  const mid = m.id;
  const [plan] = await db.insert(actionPlans).values({ municipalityId: mid, subjectKind: 'finding', findingId, departmentId: m.departments.BUF! }).returning();
  const [measure] = await db
    .insert(measures)
    .values({ municipalityId: mid, planId: plan!.id, position: 1, number: '1', title: 'Månedlig afstemning' })
    .returning();
  const [round] = await db
    .insert(followUpRounds)
    .values({ municipalityId: mid, name: 'Status august 2025', opensOn: '2025-08-01', dueOn: '2025-08-31' })
    .returning();
  const [submission] = await db.insert(roundSubmissions).values({ municipalityId: mid, roundId: round!.id, departmentId: m.departments.BUF! }).returning();
  const [entry] = await db
    .insert(statusEntries)
    .values({ municipalityId: mid, submissionId: submission!.id, measureId: measure!.id, status: 'completed' })
    .returning();
  measureId = measure!.id;
  submissionId = submission!.id;
  statusEntryId = entry!.id;
});
afterAll(() => ctx.close());

describe('evidence', () => {
  it('stores an upload and serves back the identical bytes with its sha256 and safe headers', async () => {
    const res = await upload(`findings/${findingId}`, { name: 'Bilag 3 – afstemning æøå.pdf', type: 'application/pdf', content: pdf });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      target: { kind: 'finding', id: findingId },
      fileName: 'Bilag 3 – afstemning æøå.pdf',
      contentType: 'application/pdf',
      sizeBytes: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      createdBy: m.userId,
    });
    expect(res.body).not.toHaveProperty('content');

    const download = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/evidence/${res.body.id}/content`,
      headers: { ...(await authHeaders(ctx.app, m.userId)) },
    });
    expect(download.statusCode).toBe(200);
    expect(Buffer.compare(download.rawPayload, pdf)).toBe(0);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(Number(download.headers['content-length'])).toBe(pdf.length);
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="bilag-3-afstemning-aeoeaa.pdf"; filename*=UTF-8''${encodeURIComponent('Bilag 3 – afstemning æøå.pdf')}`,
    );
    expect(download.headers['x-content-type-options']).toBe('nosniff');

    const list = await api.get(`/api/v1/findings/${findingId}/evidence`);
    expect(list.body.items.map((e: { id: string }) => e.id)).toEqual([res.body.id]);
    expect(list.body.items[0]).not.toHaveProperty('content');
  });

  it('attaches evidence to measures and status entries, each listed under its own target', async () => {
    const csv = Buffer.from('konto;beløb\n12345678;-598124\n', 'utf8');
    const onMeasure = await upload(`measures/${measureId}`, { name: 'konti.csv', type: 'text/csv', content: csv });
    expect(onMeasure.status).toBe(201);
    expect(onMeasure.body.target).toEqual({ kind: 'measure', id: measureId });
    const onEntry = await upload(`status-entries/${statusEntryId}`, { name: 'skærmbillede.png', type: 'image/png', content: png });
    expect(onEntry.status).toBe(201);
    expect(onEntry.body.target).toEqual({ kind: 'statusEntry', id: statusEntryId });

    expect((await api.get(`/api/v1/measures/${measureId}/evidence`)).body.items.map((e: { id: string }) => e.id)).toEqual([onMeasure.body.id]);
    expect((await api.get(`/api/v1/status-entries/${statusEntryId}/evidence`)).body.items.map((e: { id: string }) => e.id)).toEqual([onEntry.body.id]);
    const text = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/evidence/${onMeasure.body.id}/content`,
      headers: { ...(await authHeaders(ctx.app, m.userId)) },
    });
    expect(text.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(text.body).toBe(csv.toString('utf8'));
  });

  it('refuses a file over the limit with 413 naming the field and the limit, and stores nothing', async () => {
    const before = await counts();
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(maxEvidenceBytes, 0x20)]);
    const res = await upload(`findings/${findingId}`, { name: 'stor.pdf', type: 'application/pdf', content: big });
    expect(res.status).toBe(413);
    expect(res.body.errors).toEqual([{ field: 'file', code: 'evidence.tooLarge', message: 'Filen er større end 0,06 MB' }]);
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['an executable declared as a PDF', { name: 'rapport.pdf', type: 'application/pdf', content: exe }],
    ['an executable under its own name', { name: 'setup.exe', type: 'application/octet-stream', content: exe }],
    ['a PNG declared as a PDF', { name: 'rapport.pdf', type: 'application/pdf', content: png }],
    ['a PNG named .png but declared as a PDF', { name: 'billede.png', type: 'application/pdf', content: png }],
    ['a ZIP archive', { name: 'arkiv.zip', type: 'application/zip', content: Buffer.from('PK\u0003\u0004xxxx', 'latin1') }],
  ])('refuses %s with 415 and stores nothing', async (_name, file) => {
    const before = await counts();
    const res = await upload(`findings/${findingId}`, file);
    expect(res.status).toBe(415);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'file', code: 'evidence.contentType' })]);
    expect(await counts()).toEqual(before);
  });

  it('keeps a file name without its bidirectional controls, and refuses one with U+0000, storing nothing', async () => {
    const before = await counts();
    const nul = await upload(`findings/${findingId}`, { name: 'bi\u0000lag.pdf', type: 'application/pdf', content: pdf });
    expect(nul.status, JSON.stringify(nul.body)).toBe(400);
    expect(nul.body.errors[0]).toMatchObject({ field: 'file.filename', code: 'text.nul' });
    expect(await counts()).toEqual(before);
    const bidi = await upload(`findings/${findingId}`, { name: 'faktura\u202Efdp.txt', type: 'text/plain', content: Buffer.from('tekst') });
    expect(bidi.status, JSON.stringify(bidi.body)).toBe(201);
    expect(bidi.body.fileName).toBe('fakturafdp.txt');
  });

  it('refuses an empty file (422), a request without the file field (400) and a JSON body (415)', async () => {
    const before = await counts();
    const empty = await upload(`findings/${findingId}`, { name: 'tom.txt', type: 'text/plain', content: Buffer.alloc(0) });
    expect(empty.status).toBe(422);
    expect(empty.body.errors[0]).toMatchObject({ field: 'file', code: 'evidence.empty' });
    const wrongField = await upload(`findings/${findingId}`, { name: 'rapport.pdf', type: 'application/pdf', content: pdf }, { field: 'attachment' });
    expect(wrongField.status).toBe(400);
    expect(wrongField.body.errors[0]).toMatchObject({ field: 'file', code: 'evidence.missing' });
    const json = await api.post(`/api/v1/findings/${findingId}/evidence`, { file: 'x' });
    expect(json.status).toBe(415);
    expect(json.body.errors[0]).toMatchObject({ field: 'file', code: 'evidence.notMultipart' });
    expect(await counts()).toEqual(before);
  });

  it('locks the evidence of a status entry once its submission is accepted', async () => {
    const early = await upload(`status-entries/${statusEntryId}`, { name: 'egenkontrol.pdf', type: 'application/pdf', content: pdf });
    expect(early.status).toBe(201);
    await ctx.engine.db.update(roundSubmissions).set({ state: 'accepted' }).where(eq(roundSubmissions.id, submissionId));
    try {
      const before = await counts();
      const late = await upload(`status-entries/${statusEntryId}`, { name: 'sent.pdf', type: 'application/pdf', content: pdf });
      expect(late.status).toBe(409);
      expect(late.body.errors[0].code).toBe('submission.locked');
      const del = await api.delete(`/api/v1/evidence/${early.body.id}`);
      expect(del.status).toBe(409);
      expect(del.body.errors[0].code).toBe('submission.locked');
      expect(await counts()).toEqual(before);
      // Evidence on the measure itself is not part of the submission and stays editable.
      expect((await upload(`measures/${measureId}`, { name: 'ny.pdf', type: 'application/pdf', content: pdf })).status).toBe(201);
    } finally {
      await ctx.engine.db.update(roundSubmissions).set({ state: 'draft' }).where(eq(roundSubmissions.id, submissionId));
    }
  });

  it('deletes evidence and records the change without the bytes', async () => {
    const res = await upload(`findings/${findingId}`, { name: 'slet.pdf', type: 'application/pdf', content: pdf });
    expect((await api.delete(`/api/v1/evidence/${res.body.id}`)).status).toBe(204);
    expect((await api.get(`/api/v1/evidence/${res.body.id}/content`)).status).toBe(404);
    const history = await api.get(`/api/v1/history?resource=evidence&resourceId=${res.body.id}`);
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual(['delete', 'create']);
    expect(history.body.items[0].before).toEqual(res.body);
    expect(history.body.items[1].after).toEqual(res.body);
    const logged = await ctx.engine.db.execute(`select before::text b, after::text a from change_log where resource = 'evidence'`);
    const texts = (logged as unknown as { rows: { b: string | null; a: string | null }[] }).rows.flatMap((r) => [r.b ?? '', r.a ?? '']).join(' ');
    expect(texts).not.toMatch(/"content"|\[binary\]|%PDF/);
  });

  it("answers 404 for another municipality's targets and evidence, exactly like for missing ones", async () => {
    const own = await upload(`findings/${findingId}`, { name: 'egen.pdf', type: 'application/pdf', content: pdf });
    const before = await counts();
    const stranger = client(ctx.app, other.userId);
    for (const path of [`findings/${findingId}`, `measures/${measureId}`, `status-entries/${statusEntryId}`, `findings/${crypto.randomUUID()}`]) {
      expect((await upload(path, { name: 'x.pdf', type: 'application/pdf', content: pdf }, { userId: other.userId })).status).toBe(404);
      expect((await stranger.get(`/api/v1/${path}/evidence`)).status).toBe(404);
    }
    expect((await stranger.get(`/api/v1/evidence/${own.body.id}/content`)).status).toBe(404);
    expect((await stranger.delete(`/api/v1/evidence/${own.body.id}`)).status).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it('documents the upload routes in the OpenAPI document', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    for (const path of ['/api/v1/findings/{id}/evidence', '/api/v1/measures/{id}/evidence', '/api/v1/status-entries/{id}/evidence']) {
      expect(doc.paths[path].post.responses['201']).toBeDefined();
      expect(doc.paths[path].get.responses['200']).toBeDefined();
    }
    expect(doc.paths['/api/v1/evidence/{id}/content'].get).toBeDefined();
  });
});
