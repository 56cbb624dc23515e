import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, client, createTestContext, seedMunicipality, seedUser, type SeededMunicipality, type TestContext } from '../../../test/app.js';
import { databaseUrl, testEngine } from '../../../test/engines.js';
import { expectUnchanged } from '../../../test/kit.js';
import { addDays } from '../../../domain/reminders.js';
import { settableClock } from '../../clock.js';
import { openEngine, queryRows, type Database, type Engine } from '../../db/engine.js';
import { answerDocuments, findingDepartments, measures } from '../../db/schema/index.js';
import { checkDue, scheduledRoundName } from './service.js';

/**
 * One Danish municipality through 2027, the check run every morning at 06:00 (twice, and on
 * PostgreSQL by two engines on the same database at once), with reminders 7 days ahead, overdue
 * every 30 days and one escalation step per 30 days overdue:
 *   F1 BUF  plan approved 1 January: measure 1 due 15.02.2027 (owned; completed in February's round,
 *           late), measure 2 due Q3-2027 (never answered again); a reply due 15 June, submitted 10 June
 *   F2 SOF  plan requested, due 20 January; submitted 25 February (36 days late)
 *   "Status" opens itself on 1 February and 1 August, due 28 days later; BUF answers February's on
 *   10 March (late) and never answers August's.
 * BUF's head is a user; SOF's head has no account (e-mail only).
 */
let ctx: TestContext;
let m: SeededMunicipality;
let second: Engine | null = null;
const clock = settableClock('2027-01-01T09:00:00Z');
const users = {} as Record<'central' | 'coordBuf' | 'coordSof' | 'owner' | 'headBuf' | 'reader', string>;
const ids: Record<string, string> = {};

let admin: ReturnType<typeof client>;

const at = (day: string, hour = 6) => clock.set(`${day}T${String(hour - 1).padStart(2, '0')}:00:00Z`); // Copenhagen in winter; summer is an hour off, still the same day

beforeAll(async () => {
  ctx = await createTestContext({ config: { clock } });
  if (testEngine === 'postgres') {
    // A second app instance's engine on the same database
    const [row] = await queryRows<{ name: string }>(ctx.engine.db, sql`select current_database() as name`);
    second = await openEngine({ databaseUrl: databaseUrl(row!.name), migrate: false });
  }
  m = await seedMunicipality(ctx.engine, { slug: 'reminders-test', departments: ['BUF', 'SOF'] });
  admin = client(ctx.app, m.userId);
  const [BUF, SOF] = [m.departments.BUF!, m.departments.SOF!];
  users.central = await seedUser(ctx.engine, m.id, { email: 'central@rem.example', roles: [{ role: 'centralCoordinator' }] });
  users.coordBuf = await seedUser(ctx.engine, m.id, { email: 'buf@rem.example', roles: [{ role: 'departmentCoordinator', departmentId: BUF }] });
  users.coordSof = await seedUser(ctx.engine, m.id, { email: 'sof@rem.example', roles: [{ role: 'departmentCoordinator', departmentId: SOF }] });
  users.owner = await seedUser(ctx.engine, m.id, { email: 'ejer@rem.example', roles: [{ role: 'measureOwner', departmentId: BUF }] });
  users.headBuf = await seedUser(ctx.engine, m.id, { email: 'chef.buf@rem.example', roles: [] });
  users.reader = await seedUser(ctx.engine, m.id, { email: 'laeser@rem.example', roles: [{ role: 'reader' }] });
  Object.assign(ids, { BUF, SOF });
  // The test tokens expire a day after the real time; this clock runs in 2027
  for (const u of [m.userId, ...Object.values(users)]) await bearerFor(ctx.app, u);
  await ctx.engine.db.execute(sql`update api_tokens set expires_at = '2100-01-01'`);

  const ok = (res: { status: number; body: unknown }, status = 200) => expect(res.status, JSON.stringify(res.body)).toBe(status);
  // Heads of department, through the department edit
  for (const [id, head] of [
    [BUF, { headName: 'Birthe Bach', headUserId: users.headBuf }],
    [SOF, { headName: 'Søren Holm', headEmail: 'Chef.SOF@rem.example' }],
  ] as const) {
    const dep = await admin.get(`/api/v1/departments/${id}`);
    ok(await admin.patch(`/api/v1/departments/${id}`, head, dep.body.version));
  }
  const dep = await admin.get(`/api/v1/departments/${BUF}`);
  expect([dep.body.headName, dep.body.headUserId, dep.body.headEmail]).toEqual(['Birthe Bach', users.headBuf, null]);

  ok(
    await client(ctx.app, users.central).put(
      '/api/v1/reminder-settings',
      { daysBefore: 7, overdueEveryDays: 30, escalateAfterDays: 30, escalationChain: ['departmentCoordinator', 'departmentHead', 'centralCoordinator'] },
      0,
    ),
  );
  const schedule = await client(ctx.app, users.central).post('/api/v1/round-schedules', { name: 'Status', opensOn: ['08-01', '02-01'], dueAfterDays: 28 });
  ok(schedule, 201);
  expect([schedule.body.opensOn, schedule.body.nextOpensOn, schedule.body.lastOpenedOn]).toEqual([['02-01', '08-01'], '2027-02-01', null]);

  const report = await admin.post('/api/v1/reports', { title: 'Revisionsberetning 2026', auditor: 'Revision A/S', year: 2027, kind: 'annualAccounts' });
  ok(report, 201);
  const finding = async (number: number, departments: string[]) => {
    const res = await admin.post(`/api/v1/reports/${report.body.id}/findings`, {
      number,
      title: `Bemærkning ${number}`,
      observations: 'Iagttagelser.',
      departments,
      recommendations: ['Ret forholdet'],
    });
    ok(res, 201);
    return res.body as { id: string; recommendations: { id: string }[] };
  };
  const f1 = await finding(1, [BUF]);
  const f2 = await finding(2, [SOF]);
  const p1 = await admin.post(`/api/v1/findings/${f1.id}/plans`, {
    departmentId: BUF,
    overallDeadline: 'Q3-2027',
    measures: [
      ['Kortlæg systemer', '15.02.2027'],
      ['Indhent tilladelser', 'Q3-2027'],
    ].map(([title, deadline], i) => ({ number: String(i + 1), title, deadline, followUpPoint: 'Stikprøve', recommendationIds: [f1.recommendations[0]!.id] })),
  });
  ok(p1, 201);
  ok(await admin.post(`/api/v1/plans/${p1.body.id}/submit`, {}, { 'if-match': '"1"' }));
  const current = await admin.get(`/api/v1/plans/${p1.body.id}`);
  ok(await admin.post(`/api/v1/plans/${p1.body.id}/approvals`, { approvedOn: '2027-01-01' }, { 'if-match': `"${current.body.version}"` }));
  await ctx.engine.db.update(measures).set({ ownerUserId: users.owner }).where(eq(measures.id, p1.body.measures[0].id));
  await ctx.engine.db
    .update(findingDepartments)
    .set({ planRequestedAt: new Date('2027-01-01T08:00:00Z'), planRequestedBy: users.central, planDueOn: '2027-01-20' })
    .where(and(eq(findingDepartments.findingId, f2.id), eq(findingDepartments.departmentId, SOF)));
  const [reply] = await ctx.engine.db
    .insert(answerDocuments)
    .values({ municipalityId: m.id, planId: p1.body.id, kind: 'reply', dueDate: '2027-06-15' })
    .returning();
  Object.assign(ids, {
    f1: f1.id,
    f2: f2.id,
    p1: p1.body.id,
    m1: p1.body.measures[0].id,
    m2: p1.body.measures[1].id,
    reply: reply!.id,
    schedule: schedule.body.id,
  });
});
afterAll(async () => {
  await second?.close();
  await ctx.close();
});

/** What happens during the day, after the morning's check. */
async function dayOf(day: string) {
  const ok = (res: { status: number; body: unknown }, status = 200) => expect(res.status, `${day} ${JSON.stringify(res.body)}`).toBe(status);
  if (day === '2027-02-25') {
    const f2 = await admin.get(`/api/v1/findings/${ids.f2}`);
    const p2 = await admin.post(`/api/v1/findings/${ids.f2}/plans`, {
      departmentId: ids.SOF,
      overallDeadline: 'Q4-2027',
      measures: [{ number: '1', title: 'Afstem', deadline: 'Q4-2027', followUpPoint: 'Stikprøve', recommendationIds: [f2.body.recommendations[0].id] }],
    });
    ok(p2, 201);
    ok(await admin.post(`/api/v1/plans/${p2.body.id}/submit`, {}, { 'if-match': '"1"' }));
  }
  if (day === '2027-03-10') {
    const rounds = await admin.get('/api/v1/rounds');
    const feb = rounds.body.items.find((r: { name: string }) => r.name === 'Status februar 2027');
    ok(await admin.put(`/api/v1/rounds/${feb.id}/departments/${ids.BUF}/measures/${ids.m1}`, { status: 'completed', selfCheckResult: 'Kortlagt' }));
    ok(await admin.put(`/api/v1/rounds/${feb.id}/departments/${ids.BUF}/measures/${ids.m2}`, { status: 'onTrack' }));
    const view = await admin.get(`/api/v1/rounds/${feb.id}/departments/${ids.BUF}`);
    ok(await admin.post(`/api/v1/submissions/${view.body.submission.id}/submit`, undefined, { 'if-match': `"${view.body.submission.version}"` }));
  }
  if (day === '2027-06-10') await ctx.engine.db.update(answerDocuments).set({ state: 'submitted' }).where(eq(answerDocuments.id, ids.reply!));
}

const checks = () => (second ? [ctx.engine.db, second.db] : [ctx.engine.db]) as Database[];

describe('checkDue through a year', () => {
  it('writes exactly the reminders and escalations due, each once, and opens the scheduled rounds', async () => {
    let opened = 0;
    for (let day = '2027-01-01'; day <= '2027-12-31'; day = addDays(day, 1)) {
      at(day);
      const first = await Promise.all(checks().map((db) => checkDue(db, clock)));
      opened += first.reduce((n, s) => n + s.roundsOpened, 0);
      // The same morning again writes nothing (checked on the mornings that wrote something)
      if (first.some((s) => s.notifications || s.roundsOpened)) {
        const again = await checkDue(ctx.engine.db, clock);
        expect([again.notifications, again.roundsOpened], day).toEqual([0, 0]);
      }
      at(day, 10);
      await dayOf(day);
    }
    expect(opened).toBe(2);
    const rounds = await admin.get('/api/v1/rounds');
    const names = Object.fromEntries(
      rounds.body.items.map((r: { id: string; name: string; opensOn: string; dueOn: string }) => [r.id, `${r.name} ${r.opensOn}..${r.dueOn}`]),
    );
    expect(Object.values(names).sort()).toEqual(['Status august 2027 2027-08-01..2027-08-29', 'Status februar 2027 2027-02-01..2027-03-01']);

    const who = Object.fromEntries(Object.entries(users).map(([k, v]) => [v, k]));
    const label = (key: string) =>
      key
        .replace(/^round:([^:]+):([^:]+)/, (_, r: string, d: string) => `round ${String(names[r]).slice(7, 11)} ${d === ids.BUF ? 'BUF' : 'SOF'}`)
        .replace(`plan:${ids.f2}:${ids.SOF}`, 'plan F2 SOF')
        .replace(`measure:${ids.m1}`, 'M1')
        .replace(`measure:${ids.m2}`, 'M2')
        .replace(`answer:${ids.reply}`, 'reply')
        .replace(/:\d{4}-\d{2}-\d{2}/, '');
    const rows = await queryRows<{ on: string; user_id: string | null; recipient: string; kind: string; dedupe_key: string; due_on: string }>(
      ctx.engine.db,
      // what the check wrote (a reminder carries the day it was due in params.on); the loop's own events are apart
      sql`select params ->> 'on' as on, user_id::text as user_id, recipient, kind, dedupe_key, due_on::text as due_on from notifications where municipality_id = ${m.id} and params ? 'on'`,
    );
    // a scheduled round tells its departments' coordinators as a round opened by hand does
    const openedRows = await queryRows<{ user_id: string; link: string; due_on: string }>(
      ctx.engine.db,
      sql`select user_id::text as user_id, link, due_on::text as due_on from notifications where municipality_id = ${m.id} and kind = 'roundOpened'`,
    );
    // (only BUF has an approved plan, so only BUF is in the rounds)
    expect(openedRows.map((r) => `${who[r.user_id]} ${r.link.includes(ids.BUF!) ? 'BUF' : 'SOF'} ${r.due_on}`).sort()).toEqual([
      'coordBuf BUF 2027-03-01',
      'coordBuf BUF 2027-08-29',
    ]);
    const got = rows.map((r) => [r.on, r.user_id ? who[r.user_id] : r.recipient, label(r.dedupe_key), r.due_on].join(' ')).sort((a, b) => (a < b ? -1 : 1));
    expect(got).toEqual(
      [
        '2027-01-13 coordSof plan F2 SOF:planDueSoon 2027-01-20',
        '2027-01-21 coordSof plan F2 SOF:planOverdue:0 2027-01-20',
        '2027-02-08 coordBuf M1:measureDueSoon 2027-02-15',
        '2027-02-08 owner M1:measureDueSoon 2027-02-15',
        '2027-02-16 coordBuf M1:measureOverdue:0 2027-02-15',
        '2027-02-16 owner M1:measureOverdue:0 2027-02-15',
        '2027-02-19 chef.sof@rem.example plan F2 SOF:escalation:departmentHead 2027-01-20',
        '2027-02-20 coordSof plan F2 SOF:planOverdue:1 2027-01-20',
        '2027-02-22 coordBuf round febr BUF:roundDueSoon 2027-03-01',
        '2027-03-02 coordBuf round febr BUF:roundOverdue:0 2027-03-01',
        '2027-06-08 coordBuf reply:answerDueSoon 2027-06-15',
        '2027-08-22 coordBuf round augu BUF:roundDueSoon 2027-08-29',
        '2027-08-30 coordBuf round augu BUF:roundOverdue:0 2027-08-29',
        '2027-09-23 coordBuf M2:measureDueSoon 2027-09-30',
        '2027-09-28 headBuf round augu BUF:escalation:departmentHead 2027-08-29',
        '2027-09-29 coordBuf round augu BUF:roundOverdue:1 2027-08-29',
        '2027-10-01 coordBuf M2:measureOverdue:0 2027-09-30',
        '2027-10-28 central round augu BUF:escalation:centralCoordinator 2027-08-29',
        '2027-10-29 coordBuf round augu BUF:roundOverdue:2 2027-08-29',
        '2027-10-30 headBuf M2:escalation:departmentHead 2027-09-30',
        '2027-10-31 coordBuf M2:measureOverdue:1 2027-09-30',
        '2027-11-28 coordBuf round augu BUF:roundOverdue:3 2027-08-29',
        '2027-11-29 central M2:escalation:centralCoordinator 2027-09-30',
        '2027-11-30 coordBuf M2:measureOverdue:2 2027-09-30',
        '2027-12-28 coordBuf round augu BUF:roundOverdue:4 2027-08-29',
        '2027-12-30 coordBuf M2:measureOverdue:3 2027-09-30',
      ].sort((a, b) => (a < b ? -1 : 1)),
    );

    // After two months without a check: only the latest overdue reminder of each, no burst, and no
    // round for 1 February 2028, whose due date (29 February) has passed.
    at('2028-03-01');
    expect(await checkDue(ctx.engine.db, clock)).toEqual({ municipalities: expect.any(Number), notifications: 2, roundsOpened: 0 });
    const late = await queryRows<{ dedupe_key: string }>(
      ctx.engine.db,
      sql`select dedupe_key from notifications where municipality_id = ${m.id} and params ->> 'on' = '2028-03-01' order by dedupe_key`,
    );
    expect(late.map((r) => label(r.dedupe_key)).sort()).toEqual(['M2:measureOverdue:5', 'round augu BUF:roundOverdue:6']);
  });

  it("lists a finding's reminders and escalations on its history, for staff only", async () => {
    const res = await client(ctx.app, users.coordBuf).get(`/api/v1/findings/${ids.f1}/reminders`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const items = res.body.items as { kind: string; recipient: string; on: string; step: string; measureNumber: string | null; about: string }[];
    expect(items.filter((i) => i.kind === 'escalation').map((i) => [i.on, i.recipient, i.step, i.about, i.measureNumber])).toEqual([
      ['2027-10-30', 'chef.buf@rem.example', 'departmentHead', 'measure', '2'],
      ['2027-11-29', 'central@rem.example', 'centralCoordinator', 'measure', '2'],
    ]);
    expect(items.filter((i) => i.kind !== 'escalation').length).toBe(11);
    const sof = await admin.get(`/api/v1/findings/${ids.f2}/reminders`);
    expect(sof.body.items.map((i: { recipient: string; kind: string }) => `${i.kind} ${i.recipient}`)).toContain('escalation Chef.SOF@rem.example');
    expect((await client(ctx.app, users.reader).get(`/api/v1/findings/${ids.f1}/reminders`)).status).toBe(403);
  });
});

describe('the API refuses bad settings, schedules and heads with nothing written', () => {
  const tables = ['reminder_settings', 'round_schedules', 'departments', 'notifications'];

  it('names the field', async () => {
    const central = client(ctx.app, users.central);
    const settings = (await central.get('/api/v1/reminder-settings')).body;
    expect([settings.version, settings.isDefault, settings.overdueEveryDays]).toEqual([1, false, 30]);
    const dep = (await admin.get(`/api/v1/departments/${ids.SOF}`)).body;
    const schedule = (await central.get('/api/v1/round-schedules')).body.items[0];
    expect(schedule.lastOpenedOn).toBe('2027-08-01');
    const base = { daysBefore: 7, overdueEveryDays: 30, escalateAfterDays: 30, escalationChain: ['departmentCoordinator'] };
    const cases: [Promise<{ status: number; body: { errors?: { field: string }[] } }>, number, string][] = [
      [central.put('/api/v1/reminder-settings', { ...base, daysBefore: 91 }, '"1"'), 400, 'body.daysBefore'],
      [central.put('/api/v1/reminder-settings', { ...base, overdueEveryDays: 0 }, '"1"'), 400, 'body.overdueEveryDays'],
      [central.put('/api/v1/reminder-settings', { ...base, escalateAfterDays: 1.5 }, '"1"'), 400, 'body.escalateAfterDays'],
      [central.put('/api/v1/reminder-settings', { ...base, escalationChain: ['mayor'] }, '"1"'), 400, 'body.escalationChain.0'],
      [central.put('/api/v1/reminder-settings', { ...base, escalationChain: [] }, '"1"'), 400, 'body.escalationChain'],
      [central.put('/api/v1/reminder-settings', { ...base, escalationChain: ['departmentHead', 'departmentHead'] }, '"1"'), 422, 'body.escalationChain'],
      [central.post('/api/v1/round-schedules', { name: 'Plan', opensOn: ['2-1'], dueAfterDays: 28 }), 400, 'body.opensOn.0'],
      [central.post('/api/v1/round-schedules', { name: 'Plan', opensOn: ['03-01', '02-30'], dueAfterDays: 28 }), 422, 'body.opensOn.1'],
      [central.post('/api/v1/round-schedules', { name: 'Plan', opensOn: ['03-01', '03-15'], dueAfterDays: 28 }), 422, 'body.opensOn.1'],
      [central.post('/api/v1/round-schedules', { name: 'Plan', opensOn: ['03-01'], dueAfterDays: 0 }), 400, 'body.dueAfterDays'],
      [central.post('/api/v1/round-schedules', { name: 'Status', opensOn: ['03-01'], dueAfterDays: 28 }), 422, 'body.name'],
      [admin.patch(`/api/v1/departments/${ids.SOF}`, { headEmail: 'not-an-address' }, dep.version), 400, 'body.headEmail'],
      [admin.patch(`/api/v1/departments/${ids.SOF}`, { headUserId: '00000000-0000-4000-8000-000000000000' }, dep.version), 422, 'body.headUserId'],
    ];
    await expectUnchanged(ctx.engine, tables, async () => {
      for (const [request, status, field] of cases) {
        const res = await request;
        expect([res.status, res.body.errors?.map((e) => e.field)], `${field}: ${JSON.stringify(res.body)}`).toEqual([status, [field]]);
      }
      // A stale version: 409 with the settings as they are
      const stale = await central.put('/api/v1/reminder-settings', base, '"7"');
      expect([stale.status, stale.body.currentVersion, stale.body.current?.overdueEveryDays]).toEqual([409, 1, 30]);
      // Department coordinators read the settings but do not change them
      const coord = client(ctx.app, users.coordBuf);
      expect((await coord.get('/api/v1/reminder-settings')).body.actions).toEqual({ update: false });
      expect((await coord.put('/api/v1/reminder-settings', base, '"1"')).status).toBe(403);
      expect((await coord.post('/api/v1/round-schedules', { name: 'Plan', opensOn: ['03-01'], dueAfterDays: 28 })).status).toBe(403);
    });
  });
});

describe('scheduled round names', () => {
  it("are the schedule's name and the month in the municipality's language", () => {
    expect(['da', 'sv', 'en'].map((l) => scheduledRoundName('Status', '2027-02-01', l as 'da' | 'sv' | 'en'))).toEqual([
      'Status februar 2027',
      'Status februari 2027',
      'Status February 2027',
    ]);
  });
});
