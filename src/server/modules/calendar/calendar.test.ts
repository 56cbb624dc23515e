import { eq } from 'drizzle-orm';
import ical, { type VEvent } from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestContext, seedMunicipality, seedUser, type SeededMunicipality, type TestContext } from '../../../test/app.js';
import { expectUnchanged } from '../../../test/kit.js';
import { fixedClock } from '../../clock.js';
import { measures, userRoles, users } from '../../db/schema/index.js';

/**
 * One municipality on 10 March 2026, with:
 *   F1 BUF  plan approved: measure 1 due Q2-2027, 2 due 31.12.2026 (owned by the measure owner), 3 due 31.01.2026
 *           completed in the closed round "Status februar 2026"; its reply (due 15.04.2026) approved,
 *           treated at the finance committee on 20.04.2026
 *   F2 BUF  confidential, plan approved: measure 1 due H1-2027; its reply (due 20.05.2026, not approved)
 *           also treated at that meeting
 *   F3 SOF  plan requested, due 01.05.2026
 *   F4 BUF  plan in draft (a measure due Q3-2026): in no feed
 * "Status marts 2026" is open, due 01.04.2026.
 */
let ctx: TestContext;
let m: SeededMunicipality;
let admin: ReturnType<typeof client>;
const users_: Record<string, string> = {};
const ids: Record<string, string> = {};
const as = (name: string) => client(ctx.app, users_[name]!);
const SECRET_TITLE = 'Hemmelig sag om adgangskoder';

interface Feed {
  text: string;
  events: VEvent[];
}

/** Fetches a feed by its URL as a calendar client does: no session, no token header. */
async function fetchFeed(url: string): Promise<{ status: number; type: string | undefined; feed: Feed }> {
  const res = await ctx.app.inject({ method: 'GET', url: new URL(url).pathname });
  const parsed = res.statusCode === 200 ? ical.sync.parseICS(res.body) : {};
  const events = Object.values(parsed).filter((c): c is VEvent => c?.type === 'VEVENT');
  return { status: res.statusCode, type: res.headers['content-type'] as string | undefined, feed: { text: res.body, events } };
}

/** The calendar day of a DATE value (node-ical makes it local midnight). */
const dayOf = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const byUid = (feed: Feed) => new Map(feed.events.map((e) => [e.uid, e]));
/** A text property as node-ical gives it: a string, or `{ val, params }` when the line had parameters. */
const textOf = (v: unknown): string => (v !== null && typeof v === 'object' && 'val' in v ? String((v as { val: unknown }).val) : String(v ?? ''));
const summaryOf = (e: VEvent | undefined) => textOf(e?.summary);

async function makeFeed(name: string, body: unknown): Promise<{ id: string; url: string }> {
  const res = await as(name).post('/api/v1/calendar/feeds', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

beforeAll(async () => {
  ctx = await createTestContext({ config: { clock: fixedClock('2026-03-10T09:00:00Z') } });
  m = await seedMunicipality(ctx.engine, { slug: 'calendar-test', departments: ['BUF', 'SOF'] });
  admin = client(ctx.app, m.userId);
  const mid = m.id;
  const [BUF, SOF] = [m.departments.BUF!, m.departments.SOF!];
  users_.central = await seedUser(ctx.engine, mid, { name: 'Carl Central', email: 'central@cal.example', roles: [{ role: 'centralCoordinator' }] });
  await ctx.engine.db.update(users).set({ language: 'en' }).where(eq(users.id, users_.central));
  users_.coordBuf = await seedUser(ctx.engine, mid, {
    name: 'Bente BUF',
    email: 'buf@cal.example',
    roles: [{ role: 'departmentCoordinator', departmentId: BUF }],
  });
  users_.owner = await seedUser(ctx.engine, mid, { name: 'Ole Ejer', email: 'ejer@cal.example', roles: [{ role: 'measureOwner', departmentId: BUF }] });
  users_.reader = await seedUser(ctx.engine, mid, { name: 'Lise Læser', email: 'laeser@cal.example', roles: [{ role: 'reader' }] });

  const report = await admin.post('/api/v1/reports', { title: 'Revisionsberetning 2025', auditor: 'Revision A/S', year: 2026, kind: 'annualAccounts' });
  expect(report.status, JSON.stringify(report.body)).toBe(201);
  const finding = async (number: number, title: string, departments: string[], confidential = false) => {
    const res = await admin.post(`/api/v1/reports/${report.body.id}/findings`, {
      number,
      title,
      observations: 'Iagttagelser.',
      departments,
      recommendations: ['Ret forholdet'],
      ...(confidential ? { confidential: true, confidentialBasis: 'Offentlighedsloven § 33' } : {}),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; recommendations: { id: string }[] };
  };
  const plan = async (f: { id: string; recommendations: { id: string }[] }, departmentId: string, list: [string, string][]) => {
    const res = await admin.post(`/api/v1/findings/${f.id}/plans`, {
      departmentId,
      overallDeadline: 'Q4-2027',
      measures: list.map(([title, deadline], i) => ({
        number: String(i + 1),
        title,
        deadline,
        followUpPoint: 'Stikprøve',
        recommendationIds: [f.recommendations[0]!.id],
      })),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; measures: { id: string }[] };
  };
  const approve = async (planId: string) => {
    expect((await admin.post(`/api/v1/plans/${planId}/submit`, {}, { 'if-match': '"1"' })).status).toBe(200);
    const current = await admin.get(`/api/v1/plans/${planId}`);
    const res = await admin.post(`/api/v1/plans/${planId}/approvals`, { approvedOn: '2026-01-10' }, { 'if-match': `"${current.body.version}"` });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };

  const f1 = await finding(1, 'Ibrugtagningstilladelser', [BUF]);
  const p1 = await plan(f1, BUF, [
    ['Kortlæg systemer', 'Q2-2027'],
    ['Indhent tilladelser', '31.12.2026'],
    ['Skriv procedure', '31.01.2026'],
  ]);
  await approve(p1.id);
  await ctx.engine.db.update(measures).set({ ownerUserId: users_.owner }).where(eq(measures.id, p1.measures[1]!.id));
  const f2 = await finding(2, SECRET_TITLE, [BUF], true);
  const p2 = await plan(f2, BUF, [['Skift adgangskoder', 'H1-2027']]);
  await approve(p2.id);
  const f3 = await finding(3, 'Uafstemte tilgodehavender', [SOF]);
  const requested = await admin.post(`/api/v1/findings/${f3.id}/plan-requests`, { departmentIds: [SOF], dueOn: '2026-05-01' });
  expect(requested.status, JSON.stringify(requested.body)).toBeLessThan(300);
  const f4 = await finding(4, 'Kladde uden godkendelse', [BUF]);
  const p4 = await plan(f4, BUF, [['Udkast', 'Q3-2026']]);

  // Measure 3 is completed in February's round, which is closed.
  const feb = (await admin.post('/api/v1/rounds', { name: 'Status februar 2026', opensOn: '2026-02-01', dueOn: '2026-03-01' })).body;
  for (const [measure, body] of [
    [p1.measures[0]!.id, { status: 'onTrack' }],
    [p1.measures[1]!.id, { status: 'onTrack' }],
    [p1.measures[2]!.id, { status: 'completed', selfCheckResult: 'Proceduren er skrevet' }],
    [p2.measures[0]!.id, { status: 'onTrack' }],
  ] as const) {
    const res = await admin.put(`/api/v1/rounds/${feb.id}/departments/${BUF}/measures/${measure}`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  const febView = await admin.get(`/api/v1/rounds/${feb.id}/departments/${BUF}`);
  const submitted = await admin.post(`/api/v1/submissions/${febView.body.submission.id}/submit`, undefined, {
    'if-match': `"${febView.body.submission.version}"`,
  });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  expect((await admin.post(`/api/v1/rounds/${feb.id}/close`, undefined, { 'if-match': `"${feb.version}"` })).status).toBe(200);
  const march = (await admin.post('/api/v1/rounds', { name: 'Status marts 2026', opensOn: '2026-03-01', dueOn: '2026-04-01' })).body;

  const meeting = await admin.post('/api/v1/meetings', { body: 'Økonomiudvalget', heldOn: '2026-04-20', agendaItem: '7' });
  expect(meeting.status, JSON.stringify(meeting.body)).toBe(201);
  const answer = async (planId: string, dueDate: string) => {
    const res = await admin.put(`/api/v1/plans/${planId}/answers/reply`, { dueDate, decisionPlan: [meeting.body.id] });
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    return res.body as { id: string; version: number };
  };
  const a1 = await answer(p1.id, '2026-04-15');
  const a1Submitted = await admin.post(`/api/v1/plans/${p1.id}/answers/reply/submit`, undefined, { 'if-match': `"${a1.version}"` });
  expect(a1Submitted.status, JSON.stringify(a1Submitted.body)).toBe(200);
  const a1Approved = await admin.post(
    `/api/v1/plans/${p1.id}/answers/reply/approvals`,
    { approvedOn: '2026-03-05' },
    { 'if-match': `"${a1Submitted.body.version}"` },
  );
  expect(a1Approved.status, JSON.stringify(a1Approved.body)).toBe(200);
  const a2 = await answer(p2.id, '2026-05-20');

  Object.assign(ids, {
    BUF,
    SOF,
    f1: f1.id,
    f2: f2.id,
    f3: f3.id,
    p1: p1.id,
    p2: p2.id,
    p4: p4.id,
    m1: p1.measures[0]!.id,
    m2: p1.measures[1]!.id,
    m3: p1.measures[2]!.id,
    n1: p2.measures[0]!.id,
    d1: p4.measures[0]!.id,
    march: march.id,
    meeting: meeting.body.id,
    a1: a1.id,
    a2: a2.id,
  });
});
afterAll(() => ctx.close());

describe('calendar feeds', () => {
  it("gives a department coordinator a feed of its department's deadlines: all-day on the period's last day, in Danish, no confidential title", async () => {
    const made = await makeFeed('coordBuf', { scope: 'user' });
    expect(made.url).toMatch(/^http:\/\/localhost(:\d+)?\/calendar\/tcal_[A-Za-z0-9_-]{43}\.ics$/);
    const { status, type, feed } = await fetchFeed(made.url);
    expect(status).toBe(200);
    expect(type).toBe('text/calendar; charset=utf-8');
    const events = byUid(feed);
    expect([...events.keys()].sort()).toEqual(
      [
        `measure-${ids.m1}@tilsyn`,
        `measure-${ids.m2}@tilsyn`,
        `measure-${ids.n1}@tilsyn`,
        `round-${ids.march}-${ids.BUF}@tilsyn`,
        `answer-${ids.a1}@tilsyn`,
        `answer-${ids.a2}@tilsyn`,
        `meeting-${ids.meeting}@tilsyn`,
      ].sort(),
    );
    const days = Object.fromEntries(feed.events.map((e) => [e.uid, dayOf(e.start)]));
    expect(days).toMatchObject({
      [`measure-${ids.m1}@tilsyn`]: '2027-06-30',
      [`measure-${ids.m2}@tilsyn`]: '2026-12-31',
      [`measure-${ids.n1}@tilsyn`]: '2027-06-30',
      [`round-${ids.march}-${ids.BUF}@tilsyn`]: '2026-04-01',
      [`answer-${ids.a1}@tilsyn`]: '2026-04-15',
      [`answer-${ids.a2}@tilsyn`]: '2026-05-20',
      [`meeting-${ids.meeting}@tilsyn`]: '2026-04-20',
    });
    for (const e of feed.events) {
      expect(e.datetype, e.uid).toBe('date');
      expect(e.start.dateOnly, e.uid).toBe(true);
      expect(dayOf(e.end!), e.uid).toBe(dayOf(new Date(e.start.getFullYear(), e.start.getMonth(), e.start.getDate() + 1)));
    }
    // The raw text: DATE values, not times
    expect(feed.text).toContain('DTSTART;VALUE=DATE:20270630');
    expect(feed.text).toContain('X-WR-TIMEZONE:Europe/Copenhagen');
    const m1 = events.get(`measure-${ids.m1}@tilsyn`)!;
    expect(summaryOf(m1)).toBe('Frist: tiltag 1 Kortlæg systemer – Bemærkning 1 (2026)');
    expect(m1.description).toContain('Bemærkning 1 (2026): Ibrugtagningstilladelser');
    expect(m1.description).toContain('Frist: Q2-2027');
    expect(textOf(m1.url)).toMatch(new RegExp(`/plans/${ids.p1}$`));
    // The confidential finding: by number and year only, and without its measure's title
    expect(summaryOf(events.get(`measure-${ids.n1}@tilsyn`))).toBe('Frist: tiltag 1 – Bemærkning 2 (2026)');
    expect(feed.text).not.toContain(SECRET_TITLE);
    expect(feed.text).not.toContain('Skift adgangskoder');
    expect(summaryOf(events.get(`meeting-${ids.meeting}@tilsyn`))).toBe('Økonomiudvalget: 2 sager fra Tilsyn');
    expect(summaryOf(events.get(`round-${ids.march}-${ids.BUF}@tilsyn`))).toBe('Svarfrist: Status marts 2026 (BUF)');
    // A completed measure and a draft plan's measure are not deadlines
    expect(feed.text).not.toContain(ids.m3);
    expect(feed.text).not.toContain(ids.d1);
  });

  it('keeps every UID across fetches, so a client replaces events instead of adding them', async () => {
    const made = await makeFeed('coordBuf', { scope: 'user' });
    const first = (await fetchFeed(made.url)).feed.events.map((e) => e.uid).sort();
    const second = (await fetchFeed(made.url)).feed.events.map((e) => e.uid).sort();
    expect(second).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
  });

  it("writes a user's feed in the user's own language, and central coordination follows rounds whole and sees plan requests", async () => {
    const made = await makeFeed('central', { scope: 'user' });
    const events = byUid((await fetchFeed(made.url)).feed);
    expect(summaryOf(events.get(`measure-${ids.m1}@tilsyn`))).toBe('Deadline: measure 1 Kortlæg systemer – Finding 1 (2026)');
    expect(summaryOf(events.get(`round-${ids.march}@tilsyn`))).toBe('Answers due: Status marts 2026');
    const request = events.get(`plan-request-${ids.f3}-${ids.SOF}@tilsyn`);
    expect(summaryOf(request)).toBe('Action plan due (SOF) – Finding 3 (2026)');
    expect(dayOf(request!.start)).toBe('2026-05-01');
    expect(textOf(request!.url)).toMatch(new RegExp(`/findings/${ids.f3}$`));
    expect(summaryOf(events.get(`meeting-${ids.meeting}@tilsyn`))).toBe('Økonomiudvalget: 2 items from Tilsyn');
  });

  it('gives a measure owner the measures it owns and its department round', async () => {
    const made = await makeFeed('owner', { scope: 'user' });
    const uids = (await fetchFeed(made.url)).feed.events.map((e) => e.uid).sort();
    expect(uids).toEqual([`measure-${ids.m2}@tilsyn`, `round-${ids.march}-${ids.BUF}@tilsyn`].sort());
  });

  it('shows a reader only what readers see: approved plans and answers of findings that are not confidential, no rounds or requests', async () => {
    for (const body of [{ scope: 'user' }, { scope: 'department', departmentId: ids.BUF }]) {
      const made = await makeFeed('reader', body);
      const { feed } = await fetchFeed(made.url);
      expect(feed.events.map((e) => e.uid).sort(), JSON.stringify(body)).toEqual(
        [`measure-${ids.m1}@tilsyn`, `measure-${ids.m2}@tilsyn`, `answer-${ids.a1}@tilsyn`, `meeting-${ids.meeting}@tilsyn`].sort(),
      );
      expect(summaryOf(byUid(feed).get(`meeting-${ids.meeting}@tilsyn`))).toBe('Økonomiudvalget: svar til revisionen – Bemærkning 1 (2026)');
      for (const hidden of [SECRET_TITLE, ids.n1!, ids.a2!, ids.p2!, ids.f2!, 'Bemærkning 2']) expect(feed.text).not.toContain(hidden);
    }
  });

  it('makes a department feed only for a department the caller may read', async () => {
    const sof = await makeFeed('central', { scope: 'department', departmentId: ids.SOF });
    const { feed } = await fetchFeed(sof.url);
    expect(feed.events.map((e) => e.uid)).toEqual([`plan-request-${ids.f3}-${ids.SOF}@tilsyn`]);
    expect(feed.text).toContain(`X-WR-CALNAME:Tilsyn – SOF Forvaltning SOF`);
    const list = await as('coordBuf').get('/api/v1/calendar/feeds');
    expect(list.body.departments.map((d: { code: string }) => d.code)).toEqual(['BUF']);
    const refused = await expectUnchanged(ctx.engine, ['calendar_feeds'], () =>
      as('coordBuf').post('/api/v1/calendar/feeds', { scope: 'department', departmentId: ids.SOF }),
    );
    expect(refused.status).toBe(403);
    expect(refused.body.errors[0].field).toBe('body.departmentId');
  });

  it("lists the caller's feeds without any token, records making and revoking in the audit trail, and a revoked feed answers 404", async () => {
    const made = await makeFeed('owner', { scope: 'user' });
    const token = /\/calendar\/(tcal_[^.]+)\.ics$/.exec(made.url)![1]!;
    const list = await as('owner').get('/api/v1/calendar/feeds');
    expect(list.status).toBe(200);
    const item = list.body.items.find((f: { id: string }) => f.id === made.id);
    expect(item).toMatchObject({ scope: 'user', department: null, createdAt: '2026-03-10T09:00:00.000Z', lastUsedAt: null });
    expect(JSON.stringify(list.body)).not.toContain(token);
    expect((await fetchFeed(made.url)).status).toBe(200);
    const after = (await as('owner').get('/api/v1/calendar/feeds')).body.items.find((f: { id: string }) => f.id === made.id);
    expect(after.lastUsedAt).toBe('2026-03-10T09:00:00.000Z');

    const revoked = await as('owner').delete(`/api/v1/calendar/feeds/${made.id}`);
    expect(revoked.status).toBe(204);
    expect((await fetchFeed(made.url)).status).toBe(404);
    expect((await as('owner').get('/api/v1/calendar/feeds')).body.items.map((f: { id: string }) => f.id)).not.toContain(made.id);
    expect((await as('owner').delete(`/api/v1/calendar/feeds/${made.id}`)).status).toBe(404);

    const audit = await ctx.engine.db.execute(
      `select e.action, (select string_agg(coalesce(c.before::text, '') || coalesce(c.after::text, ''), ' ') from change_log c
         where c.municipality_id = e.municipality_id and c.audit_seq = e.seq) as changes
       from audit_entries e where e.resource_id = '${made.id}' order by e.seq`,
    );
    const rows = (audit as unknown as { rows: { action: string; changes: string }[] }).rows;
    expect(rows.map((r) => r.action)).toEqual(['create', 'revoke']);
    const hash = (await ctx.engine.db.execute(`select token_hash from calendar_feeds where id = '${made.id}'`)) as unknown as {
      rows: { token_hash: string }[];
    };
    for (const r of rows) {
      expect(r.changes).toContain(made.id);
      expect(r.changes).not.toContain(token);
      expect(r.changes).not.toContain(hash.rows[0]!.token_hash);
    }
  });

  it('ends a feed whose owner is deactivated, or whose owner may no longer read its department', async () => {
    const userId = await seedUser(ctx.engine, m.id, { email: 'flytter@cal.example', roles: [{ role: 'departmentCoordinator', departmentId: ids.BUF }] });
    const mine = client(ctx.app, userId);
    const personal = (await mine.post('/api/v1/calendar/feeds', { scope: 'user' })).body;
    const department = (await mine.post('/api/v1/calendar/feeds', { scope: 'department', departmentId: ids.BUF })).body;
    expect((await fetchFeed(department.url)).status).toBe(200);
    await ctx.engine.db.delete(userRoles).where(eq(userRoles.userId, userId));
    expect((await fetchFeed(department.url)).status).toBe(404);
    // A user feed without roles: nothing to show, but still a calendar
    const empty = await fetchFeed(personal.url);
    expect(empty.status).toBe(200);
    expect(empty.feed.events).toEqual([]);
    await ctx.engine.db.update(users).set({ active: false }).where(eq(users.id, userId));
    expect((await fetchFeed(personal.url)).status).toBe(404);
  });

  it("keeps another municipality out: its users neither see nor revoke this one's feeds, nor name its departments", async () => {
    const made = await makeFeed('coordBuf', { scope: 'department', departmentId: ids.BUF });
    const other = await seedMunicipality(ctx.engine, { slug: 'calendar-other', departments: ['BUF'] });
    const stranger = client(ctx.app, await seedUser(ctx.engine, other.id, { email: 'central@other.example', roles: [{ role: 'centralCoordinator' }] }));
    const list = await stranger.get('/api/v1/calendar/feeds');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
    expect(list.body.departments.map((d: { id: string }) => d.id)).toEqual([other.departments.BUF]);
    await expectUnchanged(ctx.engine, ['calendar_feeds'], async () => {
      expect((await stranger.delete(`/api/v1/calendar/feeds/${made.id}`)).status).toBe(404);
      // Nor may a colleague revoke one's feed
      expect((await as('central').delete(`/api/v1/calendar/feeds/${made.id}`)).status).toBe(404);
      const foreign = await stranger.post('/api/v1/calendar/feeds', { scope: 'department', departmentId: ids.BUF });
      expect(foreign.status).toBe(422);
      expect(foreign.body.errors[0]).toMatchObject({ field: 'body.departmentId', code: 'department.unknown' });
    });
    expect((await fetchFeed(made.url)).status).toBe(200);
    // The stranger's own feed (central coordination: everything of its municipality) holds nothing of this one
    const theirs = (await stranger.post('/api/v1/calendar/feeds', { scope: 'user' })).body;
    const { status, feed } = await fetchFeed(theirs.url);
    expect(status).toBe(200);
    expect(feed.events).toEqual([]);
    for (const id of Object.values(ids)) expect(feed.text).not.toContain(id);
  });

  it('refuses bad input naming the field, writing nothing', async () => {
    await expectUnchanged(ctx.engine, ['calendar_feeds'], async () => {
      const cases: [unknown, number, string][] = [
        [{ scope: 'team' }, 400, 'body.scope'],
        [{}, 400, 'body.scope'],
        [{ scope: 'department', departmentId: 'not-a-uuid' }, 400, 'body.departmentId'],
        [{ scope: 'department' }, 422, 'body.departmentId'],
        [{ scope: 'user', departmentId: ids.BUF }, 422, 'body.departmentId'],
        [{ scope: 'department', departmentId: '00000000-0000-4000-8000-000000000000' }, 422, 'body.departmentId'],
      ];
      for (const [body, status, field] of cases) {
        const res = await as('coordBuf').post('/api/v1/calendar/feeds', body);
        expect(res.status, JSON.stringify(body)).toBe(status);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(
          res.body.errors.map((e: { field: string }) => e.field),
          JSON.stringify(body),
        ).toContain(field);
      }
      const danish = await as('coordBuf').post('/api/v1/calendar/feeds', { scope: 'department' });
      expect(danish.body.errors[0].message).toBe('Vælg den forvaltning, kalenderen skal vise');
      expect((await as('coordBuf').delete('/api/v1/calendar/feeds/not-a-uuid')).status).toBe(400);
      for (const path of ['/calendar/tcal_unknown.ics', '/calendar/nothing', '/calendar/tls_abc.ics', `/calendar/tcal_${'a'.repeat(43)}.ics`]) {
        expect((await ctx.app.inject({ method: 'GET', url: path })).statusCode, path).toBe(404);
      }
      expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/calendar/feeds' })).statusCode).toBe(401);
    });
  });
});
