import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/engine.js';
import { authHeaders, client } from '../../../test/app.js';
import { documentFixture, type DocumentFixture } from '../../documents/test-fixtures.js';

/**
 * The documents over HTTP: formats and headers, who gets which edition, `?lang=`, the scope
 * parameters and their errors. What each document contains is tested per format
 * (documents/pdf, docx, xlsx) and in the model test.
 */
let fx: DocumentFixture;
beforeAll(async () => {
  fx = await documentFixture();
}, 60_000);
afterAll(() => fx.ctx.close());

const MIME = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

async function raw(userId: string, url: string) {
  return fx.ctx.app.inject({ method: 'GET', url, headers: await authHeaders(fx.ctx.app, userId) });
}

const docxText = (body: Buffer) => strFromU8(unzipSync(new Uint8Array(body))['word/document.xml']!);

describe('document downloads', () => {
  it('serves the follow-up report as PDF, DOCX and XLSX with a file name and the language', async () => {
    for (const format of ['pdf', 'docx', 'xlsx'] as const) {
      const res = await raw(fx.kk.adminId, `/api/v1/rounds/${fx.kk.roundId}/report.${format}`);
      expect(res.statusCode, format).toBe(200);
      expect(res.headers['content-type']).toBe(MIME[format]);
      expect(res.headers['content-language']).toBe('da');
      expect(res.headers['cache-control']).toBe('private, no-store');
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="opfoelgning-paa-handleplaner-for-revisionsbemaerkninger-status-august-2025.${format}"; filename*=UTF-8''${encodeURIComponent(`Opfølgning på handleplaner for revisionsbemærkninger – Status august 2025.${format}`)}`,
      );
      const head = res.rawPayload.subarray(0, 4).toString('latin1');
      expect(head).toBe(format === 'pdf' ? '%PDF' : 'PK\u0003\u0004');
    }
  });

  it('gives staff the internal edition by default and readers the public one; readers cannot ask for internal', async () => {
    const staff = await raw(fx.kk.adminId, `/api/v1/rounds/${fx.kk.roundId}/report.docx`);
    expect(docxText(staff.rawPayload)).toContain('Adgangsstyring til kritiske systemer');
    const reader = await raw(fx.kk.readerId, `/api/v1/rounds/${fx.kk.roundId}/report.docx`);
    expect(reader.statusCode).toBe(200);
    expect(docxText(reader.rawPayload)).not.toContain('Adgangsstyring til kritiske systemer');
    const explicitPublic = await raw(fx.kk.adminId, `/api/v1/rounds/${fx.kk.roundId}/report.docx?edition=public`);
    expect(docxText(explicitPublic.rawPayload)).not.toContain('Adgangsstyring til kritiske systemer');
    const internal = await raw(fx.kk.readerId, `/api/v1/rounds/${fx.kk.roundId}/report.pdf?edition=internal`);
    expect(internal.statusCode).toBe(403);
    expect(internal.headers['content-type']).toMatch(/problem\+json/);
  });

  it('speaks the language asked for with ?lang=', async () => {
    const res = await raw(fx.kk.adminId, `/api/v1/rounds/${fx.kk.roundId}/report.docx?lang=en`);
    expect(res.headers['content-language']).toBe('en');
    expect(res.headers['content-disposition']).toContain('follow-up-of-action-plans-for-audit-findings-status-august-2025.docx');
    expect(docxText(res.rawPayload)).toContain('Index of findings');
  });

  it('refuses a committee and a department together, an unknown one, a bad language, naming the field; 404 for another municipality', async () => {
    const api = client(fx.ctx.app, fx.kk.adminId);
    const both = await api.get(`/api/v1/rounds/${fx.kk.roundId}/report.pdf?committee=${fx.kk.committeeIds['BUF']}&department=${fx.kk.departments['BUF']}`);
    expect(both.status).toBe(400);
    expect(both.body.errors).toEqual([expect.objectContaining({ field: 'querystring.department' })]);
    const unknown = await api.get(`/api/v1/rounds/${fx.kk.roundId}/report.pdf?department=00000000-0000-4000-8000-000000000000`);
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'querystring.department' })]);
    const lang = await api.get(`/api/v1/rounds/${fx.kk.roundId}/report.pdf?lang=de`);
    expect(lang.status).toBe(400);
    expect(lang.body.errors).toEqual([expect.objectContaining({ field: 'querystring.lang' })]);
    const foreign = await api.get(`/api/v1/rounds/${fx.se.roundId}/report.pdf`);
    expect(foreign.status).toBe(404);
  });

  it('serves the Swedish answer documents and the council decision sheet', async () => {
    for (const kind of ['yttrande', 'uppfoljandeYttrande'] as const) {
      const res = await raw(fx.se.adminId, `/api/v1/plans/${fx.se.planId}/answers/${kind}/document.docx`);
      expect(res.statusCode, kind).toBe(200);
      expect(res.headers['content-language']).toBe('sv');
      expect(docxText(res.rawPayload)).toContain('Förslag till beslut');
    }
    const pdf = await raw(fx.se.adminId, `/api/v1/plans/${fx.se.planId}/answers/yttrande/document.pdf`);
    expect(pdf.statusCode).toBe(200);
    const missing = await raw(fx.se.adminId, `/api/v1/plans/${fx.se.planId}/answers/reply/document.pdf`);
    expect(missing.statusCode).toBe(404);
    const xlsxAnswer = await raw(fx.se.adminId, `/api/v1/plans/${fx.se.planId}/answers/yttrande/document.xlsx`);
    expect(xlsxAnswer.statusCode).toBe(404);

    for (const format of ['pdf', 'docx', 'xlsx'] as const) {
      const res = await raw(fx.kk.adminId, `/api/v1/reports/${fx.kk.reportIds[0]}/council-decisions.${format}`);
      expect(res.statusCode, format).toBe(200);
      expect(res.headers['content-type']).toBe(MIME[format]);
    }
  });

  it('changes nothing: a download writes no audit entry', async () => {
    const count = async () => (await queryRows<{ n: number }>(fx.ctx.engine.db, sql`select count(*)::int as n from audit_entries`))[0]!.n;
    const before = await count();
    const res = await raw(fx.kk.adminId, `/api/v1/rounds/${fx.kk.roundId}/report.pdf`);
    expect(res.statusCode).toBe(200);
    expect(await count()).toBe(before);
  });
});
