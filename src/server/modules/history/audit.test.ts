import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authHeaders,
  client,
  createTestContext,
  issueTestToken,
  seedMunicipality,
  seedUser,
  type SeededMunicipality,
  type TestContext,
} from '../../../test/app.js';
import { isoDay, multipart } from '../../../test/kit.js';
import { queryRows } from '../../db/engine.js';

let ctx: TestContext;
let m: SeededMunicipality;
let api: ReturnType<typeof client>;

interface AuditItem {
  seq: number;
  at: string;
  userId: string | null;
  userName: string | null;
  via: string;
  resource: string;
  resourceId: string;
  action: string;
  changes: { resource: string; resourceId: string; action: string; before: any; after: any }[];
  hash: string;
  prevHash: string;
  people: Record<string, string>;
}
interface AuditPage {
  items: AuditItem[];
  total: number;
  limit: number;
  offset: number;
}

async function entryCount(mid = m.id): Promise<number> {
  const [row] = await queryRows<{ n: number }>(ctx.engine.db, sql`select count(*)::int as n from audit_entries where municipality_id = ${mid}`);
  return Number(row!.n);
}

/** Runs one request and checks the trail grew by exactly one entry on 2xx and by none otherwise. */
async function audited<T extends { status: number }>(label: string, request: () => Promise<T>, expectStatus?: number): Promise<T> {
  const before = await entryCount();
  const res = await request();
  if (expectStatus !== undefined) expect(res.status, `${label}: ${JSON.stringify((res as { body?: unknown }).body)}`).toBe(expectStatus);
  const ok = res.status >= 200 && res.status < 300;
  expect(await entryCount(), `${label} (${res.status})`).toBe(before + (ok ? 1 : 0));
  return res;
}

async function upload(path: string, fileName: string, userId = m.userId) {
  const body = multipart({ file: { filename: fileName, type: 'application/pdf', content: '%PDF-1.7\nbilag\n' } });
  const res = await ctx.app.inject({
    method: 'POST',
    url: `/api/v1/${path}/evidence`,
    payload: body.payload,
    headers: { ...body.headers, ...(await authHeaders(ctx.app, userId)) },
  });
  return { status: res.statusCode, body: res.json() as { id: string } };
}

let ids: {
  report: string;
  finding: string;
  otherFinding: string;
  plan: string;
  measure: string;
  round: string;
  statusEntry: string;
  comment: string;
  evidence: string;
};

beforeAll(async () => {
  ctx = await createTestContext();
  m = await seedMunicipality(ctx.engine, { slug: 'audit-test' });
  api = client(ctx.app, m.userId);
});
afterAll(() => ctx.close());

describe('one audit entry per successful command, none for a failed one', () => {
  it('writes exactly one entry for each 2xx write and none for 4xx', async () => {
    const report = await audited(
      'create report',
      () => api.post('/api/v1/reports', { title: 'Revisionsberetning 2024 – Ærø', auditor: 'BDO', year: 2024, kind: 'annualAccounts' }),
      201,
    );
    await audited('invalid report (400)', () => api.post('/api/v1/reports', { title: '', auditor: 'BDO', year: 'nope', kind: 'annualAccounts' }), 400);
    const finding = await audited(
      'create finding',
      () => api.post(`/api/v1/reports/${report.body.id}/findings`, { number: 1, title: 'Adgangsstyring', departments: 'ALL' }),
      201,
    );
    const other = await audited(
      'create another finding',
      () => api.post(`/api/v1/reports/${report.body.id}/findings`, { number: 2, title: 'Afstemninger', departments: 'ALL' }),
      201,
    );
    await audited(
      'patch finding',
      () => api.patch(`/api/v1/findings/${finding.body.id}`, { title: 'Adgangsstyring i økonomisystemet' }, finding.body.version),
      200,
    );
    await audited('stale finding patch (409)', () => api.patch(`/api/v1/findings/${finding.body.id}`, { title: 'For sent' }, finding.body.version), 409);
    const plan = await audited(
      'create plan',
      () => api.post(`/api/v1/findings/${finding.body.id}/plans`, { departmentId: m.departments.BUF, problem: 'Rettigheder gennemgås ikke' }),
      201,
    );
    const measure = await audited(
      'create measure',
      () => api.post(`/api/v1/plans/${plan.body.id}/measures`, { number: '1', title: 'Kvartalsvis gennemgang', deadline: 'Q4-2025' }),
      201,
    );
    await audited('patch measure', () => api.patch(`/api/v1/measures/${measure.body.id}`, { title: 'Månedlig gennemgang' }, measure.body.version), 200);
    await audited('stale measure patch (409)', () => api.patch(`/api/v1/measures/${measure.body.id}`, { title: 'For sent' }, measure.body.version), 409);
    await audited('bad deadline (422)', () => api.patch(`/api/v1/measures/${measure.body.id}`, { deadline: 'engang' }, measure.body.version + 1), 422);
    await audited('missing If-Match (428)', () => api.patch(`/api/v1/measures/${measure.body.id}`, { title: 'Uden version' }), 428);
    await audited('plan comment', () => api.post(`/api/v1/plans/${plan.body.id}/comments`, { body: 'Planen mangler opfølgningspunkter' }), 201);
    const comment = await audited('finding comment', () => api.post(`/api/v1/findings/${finding.body.id}/comments`, { body: 'Hvem ejer tiltaget?' }), 201);
    await audited('other finding comment', () => api.post(`/api/v1/findings/${other.body.id}/comments`, { body: 'Hører ikke med' }), 201);
    const evidence = await audited('evidence upload', () => upload(`measures/${measure.body.id}`, 'bilag.pdf'), 201);
    // The approval workflow belongs to the plans module's tests: approve directly (set-up, no command).
    await ctx.engine.db.execute(sql`update action_plans set state = 'approved' where municipality_id = ${m.id} and id = ${plan.body.id}`);
    const round = await audited(
      'create round',
      () => api.post('/api/v1/rounds', { name: 'Status august 2025', opensOn: '2025-08-01', dueOn: '2025-08-31' }),
      201,
    );
    const entry = await audited('status entry', () =>
      api.put(`/api/v1/rounds/${round.body.id}/departments/${m.departments.BUF}/measures/${measure.body.id}`, {
        status: 'postponed',
        reason: 'Afventer ny vejledning',
        note: 'Følger planen',
      }),
    );
    expect(entry.status, JSON.stringify(entry.body)).toBe(200);
    const dept = await api.get(`/api/v1/rounds/${round.body.id}/departments/${m.departments.BUF}`);
    const submission = dept.body.submission as { id: string; version: number };
    await audited('submit status', () => api.post(`/api/v1/submissions/${submission.id}/submit`, {}, { 'if-match': `"${submission.version}"` }), 200);
    await audited('unknown measure (404)', () => api.patch(`/api/v1/measures/${crypto.randomUUID()}`, { title: 'x' }, 1), 404);

    // 403s: a reader managing roles, a read-only token writing.
    const reader = await seedUser(ctx.engine, m.id, { email: 'laeser@audit-test.example', roles: [{ role: 'reader' }] });
    await audited(
      'reader sets roles (403)',
      () => client(ctx.app, reader).put(`/api/v1/users/${reader}/roles`, { items: [{ role: 'admin', departmentId: null }] }),
      403,
    );
    const readOnly = await issueTestToken(ctx.engine.db, m.userId, ['read']);
    await audited(
      'read-only token (403)',
      () =>
        ctx.app
          .inject({
            method: 'POST',
            url: '/api/v1/rounds',
            headers: { authorization: `Bearer ${readOnly}`, 'content-type': 'application/json' },
            payload: JSON.stringify({ name: 'x', opensOn: '2025-01-01', dueOn: '2025-01-31' }),
          })
          .then((r) => ({ status: r.statusCode })),
      403,
    );

    ids = {
      report: report.body.id,
      finding: finding.body.id,
      otherFinding: other.body.id,
      plan: plan.body.id,
      measure: measure.body.id,
      round: round.body.id,
      statusEntry: entry.body.id,
      comment: comment.body.id,
      evidence: evidence.body.id,
    };
    expect((await api.get('/api/v1/audit/verify')).body).toMatchObject({ ok: true, firstBroken: null });
  });
});

describe('GET /api/v1/audit', () => {
  it('lists entries newest first with who, when, via and the changes before and after', async () => {
    const res = await api.get<AuditPage>('/api/v1/audit?limit=500');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(await entryCount());
    const seqs = res.body.items.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(seqs.at(-1)).toBe(1);
    const patch = res.body.items.find((e) => e.resource === 'measure' && e.action === 'update')!;
    expect(patch).toMatchObject({ userId: m.userId, userName: 'Test Bruger', via: 'token', resourceId: ids.measure });
    expect(patch.changes[0]!.before).toMatchObject({ title: 'Kvartalsvis gennemgang' });
    expect(patch.changes[0]!.after).toMatchObject({ title: 'Månedlig gennemgang' });
    expect(new Date(patch.at).toISOString()).toBe(patch.at);
    // Consecutive entries link by hash.
    for (let i = 0; i + 1 < res.body.items.length; i++) expect(res.body.items[i]!.prevHash).toBe(res.body.items[i + 1]!.hash);

    const paged = await api.get<AuditPage>('/api/v1/audit?limit=2&offset=1');
    expect(paged.body).toMatchObject({ limit: 2, offset: 1, total: res.body.total });
    expect(paged.body.items.map((e) => e.seq)).toEqual(seqs.slice(1, 3));
  });

  it('filters by resource, resource id, user and time', async () => {
    const byResource = await api.get<AuditPage>('/api/v1/audit?resource=measure&limit=500');
    expect(byResource.body.items.length).toBeGreaterThan(0);
    expect(byResource.body.items.every((e) => e.changes.some((c) => c.resource === 'measure'))).toBe(true);
    const byId = await api.get<AuditPage>(`/api/v1/audit?resourceId=${ids.measure}&limit=500`);
    expect(byId.body.items.map((e) => e.action).sort()).toEqual(['create', 'update']);
    const both = await api.get<AuditPage>(`/api/v1/audit?resource=finding&resourceId=${ids.measure}`);
    expect(both.body.total).toBe(0);

    const other = await seedUser(ctx.engine, m.id, { email: 'kc@audit-test.example', name: 'Central Koordinator', roles: [{ role: 'centralCoordinator' }] });
    await client(ctx.app, other).post(`/api/v1/findings/${ids.finding}/comments`, { body: 'Fra koordinatoren' });
    const byUser = await api.get<AuditPage>(`/api/v1/audit?userId=${other}`);
    expect(byUser.body.items.map((e) => [e.resource, e.action, e.userName])).toEqual([['comment', 'create', 'Central Koordinator']]);

    const all = (await api.get<AuditPage>('/api/v1/audit?limit=500')).body.total;
    const [today, tomorrow, yesterday] = [isoDay(0), isoDay(1), isoDay(-1)];
    expect((await api.get<AuditPage>(`/api/v1/audit?from=${today}&to=${today}`)).body.total).toBe(all);
    expect((await api.get<AuditPage>(`/api/v1/audit?from=${tomorrow}`)).body.total).toBe(0);
    expect((await api.get<AuditPage>(`/api/v1/audit?to=${yesterday}`)).body.total).toBe(0);
    const newest = (await api.get<AuditPage>('/api/v1/audit?limit=1')).body.items[0]!;
    const exact = await api.get<AuditPage>(`/api/v1/audit?from=${encodeURIComponent(newest.at)}&to=${encodeURIComponent(newest.at)}`);
    expect(exact.body.items.map((e) => e.seq)).toContain(newest.seq);
    expect(
      (await api.get<AuditPage>(`/api/v1/audit?to=${encodeURIComponent(new Date(Date.parse(newest.at) - 1).toISOString())}`)).body.items.map((e) => e.seq),
    ).not.toContain(newest.seq);
  });

  it("collects a finding's and a plan's entries with everything under them", async () => {
    const finding = await api.get<AuditPage>(`/api/v1/audit?findingId=${ids.finding}&limit=500`);
    const touched = new Set(finding.body.items.flatMap((e) => e.changes.map((c) => c.resourceId)));
    for (const id of [ids.finding, ids.plan, ids.measure, ids.statusEntry, ids.comment, ids.evidence]) expect(touched.has(id), id).toBe(true);
    expect(touched.has(ids.otherFinding)).toBe(false);
    expect(finding.body.items.some((e) => e.changes.some((c) => c.resource === 'report'))).toBe(false);

    const plan = await api.get<AuditPage>(`/api/v1/audit?planId=${ids.plan}&limit=500`);
    const planTouched = new Set(plan.body.items.flatMap((e) => e.changes.map((c) => c.resourceId)));
    for (const id of [ids.plan, ids.measure, ids.statusEntry, ids.evidence]) expect(planTouched.has(id), id).toBe(true);
    // (Creating the plan also moved the finding's state, so the finding may appear in that entry's changes.)
    expect(plan.body.items.some((e) => e.resource === 'finding')).toBe(false);
    expect(planTouched.has(ids.comment)).toBe(false);
    expect(plan.body.total).toBeLessThan(finding.body.total);
  });

  it('rejects bad filters', async () => {
    for (const q of ['limit=0', 'resourceId=nope', 'userId=1', 'from=yesterday', 'to=2025-13-01', 'findingId=x', 'offset=-1']) {
      expect((await api.get(`/api/v1/audit?${q}`)).status, q).toBe(400);
    }
    expect((await api.get('/api/v1/audit/export?format=xml')).status).toBe(400);
  });
});

describe('who may read the trail', () => {
  it('lets auditors, administrators and central coordinators in, and nobody else', async () => {
    const roles = [
      ['reader', 403],
      ['measureOwner', 403],
      ['departmentCoordinator', 403],
      ['auditor', 200],
      ['centralCoordinator', 200],
      ['admin', 200],
    ] as const;
    for (const [role, status] of roles) {
      const departmentId = role === 'measureOwner' || role === 'departmentCoordinator' ? m.departments.BUF! : null;
      const user = await seedUser(ctx.engine, m.id, { email: `${role}@perm.audit-test.example`, roles: [{ role, departmentId }] });
      const c = client(ctx.app, user);
      for (const url of ['/api/v1/audit', '/api/v1/audit/export?format=json', '/api/v1/audit/verify'])
        expect((await c.get(url)).status, `${role} ${url}`).toBe(status);
    }
  });

  it("keeps each municipality's trail to itself", async () => {
    const other = await seedMunicipality(ctx.engine, { slug: 'audit-other' });
    const theirs = client(ctx.app, other.userId);
    expect((await theirs.get<AuditPage>('/api/v1/audit')).body.total).toBe(0);
    expect((await theirs.get<AuditPage>(`/api/v1/audit?findingId=${ids.finding}`)).body.total).toBe(0);
    expect((await theirs.get('/api/v1/audit/verify')).body).toMatchObject({ ok: true, headSeq: 0 });
  });
});

describe('GET /api/v1/audit/export', () => {
  it('writes CSV with a BOM, a header row and one line per change, as an attachment', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/audit/export?format=csv', headers: await authHeaders(ctx.app, m.userId) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="audit-audit-test-\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''audit-audit-test-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const raw = res.rawPayload;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = raw.toString('utf8').slice(1);
    const lines = text.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('seq,at,userId,userName,via,entryResource,entryResourceId,entryAction,resource,resourceId,action,before,after,hash');
    const json = (await api.get<AuditPage>('/api/v1/audit?limit=500')).body;
    // Quoted cells may hold line breaks; count records as lines starting with a sequence number.
    expect(lines.slice(1).filter((l) => /^\d+,\d{4}-/.test(l)).length).toBe(json.items.reduce((n, e) => n + e.changes.length, 0));
    expect(text).toContain('Revisionsberetning 2024 – Ærø');
    expect(text).toContain('Månedlig gennemgang');
    expect(lines[1]).toMatch(/^1,/);

    const semi = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/audit/export?format=csv&delimiter=semicolon&resource=round',
      headers: await authHeaders(ctx.app, m.userId),
    });
    expect(semi.body.split('\r\n')[0]).toBe(
      '\uFEFFseq;at;userId;userName;via;entryResource;entryResourceId;entryAction;resource;resourceId;action;before;after;hash',
    );
  });

  it('writes the same entries as JSON, oldest first, with the filters of the list', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/audit/export?format=json&findingId=${ids.finding}`,
      headers: await authHeaders(ctx.app, m.userId),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=".*\.json"; filename\*=UTF-8''.*\.json$/);
    const items = res.json() as AuditItem[];
    const listed = (await api.get<AuditPage>(`/api/v1/audit?findingId=${ids.finding}&limit=500`)).body.items;
    expect(items).toEqual([...listed].reverse());
    const empty = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/audit/export?format=json&resource=nothing',
      headers: await authHeaders(ctx.app, m.userId),
    });
    expect(empty.json()).toEqual([]);
  });
});

describe('secrets and CPR numbers never reach the trail', () => {
  it('keeps passwords, tokens and CPR numbers out of the list and the exports', async () => {
    const password = 'Korrekt-Hest-Batteri-Hæfteklamme-4711';
    const email = 'test@audit-test.example';
    expect((await api.put(`/api/v1/users/${m.userId}/password`, { password })).status).toBe(204);
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email, password }),
    });
    expect(login.statusCode, login.body).toBe(200);
    const { csrfToken, status } = login.json() as { csrfToken: string; status: string };
    expect(status).toBe('signedIn');
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'ESDH-integration', scopes: ['read'] }),
    });
    expect(created.statusCode, created.body).toBe(201);
    const token = (created.json() as { token: string }).token;
    const cpr = await api.post(`/api/v1/findings/${ids.finding}/comments`, { body: 'Borgeren med CPR 010190-1234 (og 0101901234) har klaget' });
    expect(cpr.status).toBe(201);

    const list = JSON.stringify((await api.get<AuditPage>('/api/v1/audit?limit=500')).body);
    const csv = (await ctx.app.inject({ method: 'GET', url: '/api/v1/audit/export?format=csv', headers: await authHeaders(ctx.app, m.userId) })).body;
    const json = (await ctx.app.inject({ method: 'GET', url: '/api/v1/audit/export?format=json', headers: await authHeaders(ctx.app, m.userId) })).body;
    const [raw] = await queryRows<{ text: string }>(
      ctx.engine.db,
      sql`select coalesce(string_agg(coalesce(before::text, '') || coalesce(after::text, ''), ' '), '') as text from change_log where municipality_id = ${m.id}`,
    );
    for (const [name, text] of [
      ['list', list],
      ['csv', csv],
      ['json', json],
      ['change_log', raw!.text],
    ] as const) {
      expect(text, name).not.toContain(password);
      expect(text, name).not.toContain(token);
      expect(text, name).not.toContain(token.slice(12));
      expect(text, name).not.toMatch(/\$argon2/);
      expect(text, name).not.toContain('010190-1234');
      expect(text, name).not.toContain('0101901234');
      expect(text, name).not.toMatch(/\b1234\b/);
      expect(text, name).toContain('010190-****');
    }
    // The commands themselves are in the trail.
    const actions = JSON.parse(list).items.map((e: AuditItem) => `${e.resource}:${e.action}`) as string[];
    expect(actions).toEqual(expect.arrayContaining(['user:setPassword', 'user:signIn', 'apiToken:create', 'comment:create']));
    expect((await api.get('/api/v1/audit/verify')).body).toMatchObject({ ok: true });
  });
});

describe('GET /api/v1/audit/verify', () => {
  it('reports the first broken link of a tampered chain', async () => {
    const head = (await api.get('/api/v1/audit/verify')).body as { ok: boolean; headSeq: number };
    expect(head.ok, JSON.stringify(head)).toBe(true);
    await ctx.engine.db.transaction(async (tx) => {
      await tx.execute(sql`alter table change_log disable trigger change_log_append_only`);
      await tx.execute(sql`update change_log set after = '{"title":"forfalsket"}' where municipality_id = ${m.id} and audit_seq = 2`);
      await tx.execute(sql`alter table change_log enable trigger change_log_append_only`);
    });
    expect((await api.get('/api/v1/audit/verify')).body).toMatchObject({
      ok: false,
      checked: 1,
      headSeq: head.headSeq,
      firstBroken: { seq: 2, kind: 'hashMismatch' },
    });
  });

  it('names the people the changes refer to, so a history can show them by name', async () => {
    const res = await api.get<AuditPage>(`/api/v1/audit?resourceId=${ids.comment}`);
    const created = res.body.items.find((e) => e.resource === 'comment' && e.action === 'create')!;
    expect(created.changes[0]!.after.createdBy).toBe(m.userId);
    expect(created.people).toEqual({ [m.userId]: 'Test Bruger' });
  });

  it('documents the routes in OpenAPI', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    for (const path of ['/api/v1/audit', '/api/v1/audit/export', '/api/v1/audit/verify']) expect(doc.paths[path], path).toBeDefined();
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['AuditEntry', 'AuditChange', 'AuditVerifyResult']));
  });
});
