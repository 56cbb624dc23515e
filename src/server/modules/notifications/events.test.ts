import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestContext, seedMunicipality, seedUser, type SeededMunicipality, type TestContext } from '../../../test/app.js';
import { fixedClock } from '../../clock.js';
import { queryRows } from '../../db/engine.js';
import { findingPartMoved, planReviewed } from './events.js';

/**
 * The loop walked through the API, from a plan request to a reopened finding: after each step,
 * exactly who got which notification (never the one who acted), nothing new when a step is
 * refused or repeated, and a confidential finding's title in no notification's params.
 */
let ctx: TestContext;
let m: SeededMunicipality;
type Who = 'central' | 'central2' | 'buf' | 'buf2' | 'sof' | 'owner' | 'auditor' | 'reader';
const ids = {} as Record<Who, string>;
const api = {} as Record<Who | 'admin', ReturnType<typeof client>>;
const SECRET = 'Hemmelig sag om whistleblower';

beforeAll(async () => {
  ctx = await createTestContext({ config: { clock: fixedClock('2026-03-02T08:00:00Z') } });
  m = await seedMunicipality(ctx.engine, { slug: 'events-test', departments: ['ØKF', 'BUF', 'SOF'] });
  const users: [Who, { role: 'centralCoordinator' | 'departmentCoordinator' | 'measureOwner' | 'auditor' | 'reader'; departmentId?: string }][] = [
    ['central', { role: 'centralCoordinator' }],
    ['central2', { role: 'centralCoordinator' }],
    ['buf', { role: 'departmentCoordinator', departmentId: m.departments.BUF! }],
    ['buf2', { role: 'departmentCoordinator', departmentId: m.departments.BUF! }],
    ['sof', { role: 'departmentCoordinator', departmentId: m.departments.SOF! }],
    ['owner', { role: 'measureOwner', departmentId: m.departments.BUF! }],
    ['auditor', { role: 'auditor' }],
    ['reader', { role: 'reader' }],
  ];
  for (const [who, role] of users) {
    ids[who] = await seedUser(ctx.engine, m.id, { name: who, email: `${who}@events.example`, roles: [role] });
    api[who] = client(ctx.app, ids[who]);
  }
  api.admin = client(ctx.app, m.userId);
});
afterAll(() => ctx.close());

interface Row {
  id: string;
  user_id: string;
  kind: string;
  link: string;
  params: Record<string, unknown>;
  dedupe_key: string;
}
const all = () => queryRows<Row>(ctx.engine.db, sql`select id, user_id, kind, link, params, dedupe_key from notifications where municipality_id = ${m.id}`);
const nameOf = (userId: string) => (Object.entries(ids).find(([, id]) => id === userId)?.[0] ?? userId) as Who;

/** Runs a step and answers the notifications it wrote, as sorted "who kind" lines, with the rows. */
async function step(action: () => Promise<unknown>) {
  const before = new Set((await all()).map((r) => r.id));
  await action();
  const rows = (await all()).filter((r) => !before.has(r.id));
  return { got: rows.map((r) => `${nameOf(r.user_id)} ${r.kind}`).sort(), rows };
}

const ifMatch = (v: number) => ({ 'if-match': `"${v}"` });
function ok<T>(res: { status: number; body: T }, status = 200): T {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

describe('notifications from the loop', () => {
  it('tells exactly the right people at each step, never the actor, never twice, never a confidential title', async () => {
    const report = ok(await api.central.post('/api/v1/reports', { title: 'Beretning 2025', auditor: 'Revision', year: 2025, kind: 'annualAccounts' }), 201) as {
      id: string;
    };
    const finding = ok(
      await api.central.post(`/api/v1/reports/${report.id}/findings`, {
        number: 7,
        title: SECRET,
        confidential: true,
        confidentialBasis: 'offentlighedsloven § 33',
        departments: [m.departments.BUF, m.departments.SOF],
        recommendations: ['Vurder alle systemer', 'Eskaler'],
      }),
      201,
    ) as { id: string; recommendations: { id: string }[] };
    const BUF = m.departments.BUF!;

    // Plan requested: the asked department's coordinators, with due date, number and year, no title.
    const asked = await step(async () =>
      ok(await api.central.post(`/api/v1/findings/${finding.id}/plan-requests`, { departmentIds: [BUF], dueOn: '2026-04-01' })),
    );
    expect(asked.got).toEqual(['buf planRequested', 'buf2 planRequested']);
    expect(asked.rows[0]!.link).toBe(`/findings/${finding.id}`);
    expect(asked.rows[0]!.params).toEqual({ findingNumber: 7, findingYear: 2025, department: 'BUF', departmentName: 'Forvaltning BUF', dueOn: '2026-04-01' });
    // Asked again: refused, and no one hears it twice.
    expect(
      (
        await step(async () =>
          expect((await api.central.post(`/api/v1/findings/${finding.id}/plan-requests`, { departmentIds: [BUF], dueOn: '2026-04-01' })).status).toBe(409),
        )
      ).got,
    ).toEqual([]);

    // The department writes its plan (no one told) and submits it: central coordination hears it.
    const [r1, r2] = finding.recommendations;
    let plan = ok(
      await api.buf.post(`/api/v1/findings/${finding.id}/plans`, {
        departmentId: BUF,
        problem: 'Systemer uden tilladelse.',
        overallDeadline: '2030',
        measures: [
          { number: '1', title: 'Kortlæg systemer', deadline: 'Q1-2030', followUpPoint: 'Stikprøve', recommendationIds: [r1!.id] },
          { number: '2', title: 'Eskalér', deadline: 'Q2-2030', followUpPoint: 'Direktionen følger op', recommendationIds: [r2!.id] },
        ],
      }),
      201,
    ) as { id: string; version: number };
    const submitted = await step(async () => (plan = ok(await api.buf.post(`/api/v1/plans/${plan.id}/submit`, {}, ifMatch(plan.version)))));
    expect(submitted.got).toEqual(['central planSubmitted', 'central2 planSubmitted']);
    expect(submitted.rows[0]!.link).toBe(`/plans/${plan.id}`);

    // Returned: the department's coordinators; resubmitted by central coordination on the department's behalf: the
    // other central coordinator hears it (a new event), the one who did it does not.
    const returned = await step(
      async () => (plan = ok(await api.central.post(`/api/v1/plans/${plan.id}/return`, { reason: 'Mangler effekt' }, ifMatch(plan.version)))),
    );
    expect(returned.got).toEqual(['buf planReturned', 'buf2 planReturned']);
    const again = await step(async () => (plan = ok(await api.central2.post(`/api/v1/plans/${plan.id}/submit`, {}, ifMatch(plan.version)))));
    expect(again.got).toEqual(['central planSubmitted']);
    expect(again.rows[0]!.dedupe_key).not.toBe(submitted.rows[0]!.dedupe_key);

    // Approved by one central coordinator: the department's coordinators, with the revision and the plan's link.
    const approved = await step(
      async () => (plan = ok(await api.central2.post(`/api/v1/plans/${plan.id}/approvals`, { approvedOn: '2026-03-02' }, ifMatch(plan.version)))),
    );
    expect(approved.got).toEqual(['buf planApproved', 'buf2 planApproved']);
    expect(approved.rows[0]).toMatchObject({ link: `/plans/${plan.id}`, dedupe_key: `plan:${plan.id}:approved:1` });
    expect(approved.rows[0]!.params).toMatchObject({ findingNumber: 7, findingYear: 2025, department: 'BUF', revision: 1 });
    expect(
      (
        await step(async () =>
          expect((await api.central2.post(`/api/v1/plans/${plan.id}/approvals`, { approvedOn: '2026-03-02' }, ifMatch(plan.version))).status).toBe(409),
        )
      ).got,
    ).toEqual([]);
    // The same event written again (a retry): nothing new.
    expect(
      (await step(() => planReviewed(ctx.engine.db, { municipalityId: m.id, userId: ids.central2, at: new Date() }, 'planApproved', plan.id, plan.version)))
        .got,
    ).toEqual([]);

    // A round opens: BUF's coordinators (SOF has no approved plan, so the round asks it nothing).
    let round = {} as { id: string; version: number };
    const opened = await step(
      async () =>
        (round = ok(await api.central.post('/api/v1/rounds', { name: 'Status marts 2026', kind: 'status', opensOn: '2026-03-02', dueOn: '2026-03-31' }), 201)),
    );
    expect(opened.got).toEqual(['buf roundOpened', 'buf2 roundOpened']);
    expect(opened.rows[0]).toMatchObject({ link: `/rounds/${round.id}/departments/${BUF}` });
    expect(opened.rows[0]!.params).toEqual({ roundName: 'Status marts 2026', dueOn: '2026-03-31', department: 'BUF', departmentName: 'Forvaltning BUF' });

    // The department answers and submits: central coordination hears it.
    const view = ok(await api.buf.get(`/api/v1/rounds/${round.id}/departments/${BUF}`)) as { measures: { measureId: string }[] };
    for (const measure of view.measures) {
      ok(await api.buf.put(`/api/v1/rounds/${round.id}/departments/${BUF}/measures/${measure.measureId}`, { status: 'onTrack', note: 'Efter planen' }));
    }
    let submission = (ok(await api.buf.get(`/api/v1/rounds/${round.id}/departments/${BUF}`)) as { submission: { id: string; version: number } }).submission;
    const answered = await step(
      async () => (submission = ok(await api.buf.post(`/api/v1/submissions/${submission.id}/submit`, {}, ifMatch(submission.version)))),
    );
    expect(answered.got).toEqual(['central answerSubmitted', 'central2 answerSubmitted']);
    expect(answered.rows[0]!.link).toBe(`/rounds/${round.id}/departments/${BUF}`);
    const sentBack = await step(
      async () => (submission = ok(await api.central.post(`/api/v1/submissions/${submission.id}/return`, { reason: 'Uddyb' }, ifMatch(submission.version)))),
    );
    expect(sentBack.got).toEqual(['buf answerReturned', 'buf2 answerReturned']);
    expect(
      (await step(async () => (submission = ok(await api.central.post(`/api/v1/submissions/${submission.id}/submit`, {}, ifMatch(submission.version)))))).got,
    ).toEqual(['central2 answerSubmitted']);
    const accepted = await step(
      async () => (submission = ok(await api.central2.post(`/api/v1/submissions/${submission.id}/accept`, {}, ifMatch(submission.version)))),
    );
    expect(accepted.got).toEqual(['buf answerAccepted', 'buf2 answerAccepted']);

    // Closure proposed by the department: no one told; closed by the auditor: BUF's coordinators and central coordination.
    const part = async () =>
      (ok(await api.central.get(`/api/v1/findings/${finding.id}`)) as { departments: { departmentId: string; version: number }[] }).departments.find(
        (d) => d.departmentId === BUF,
      )!;
    const stateUrl = `/api/v1/findings/${finding.id}/departments/${BUF}/state`;
    expect(
      (await step(async () => ok(await api.buf.put(stateUrl, { state: 'closureProposed', note: 'Alt er gennemført' }, (await part()).version)))).got,
    ).toEqual([]);
    const closed = await step(async () => ok(await api.auditor.put(stateUrl, { state: 'closed', note: 'Verificeret' }, (await part()).version)));
    expect(closed.got).toEqual(['buf findingClosed', 'buf2 findingClosed', 'central findingClosed', 'central2 findingClosed']);
    expect(closed.rows[0]!.params).toEqual({ findingNumber: 7, findingYear: 2025, department: 'BUF', departmentName: 'Forvaltning BUF' });
    const reopened = await step(async () => ok(await api.auditor.put(stateUrl, { state: 'inProgress', note: 'Fejl fundet igen' }, (await part()).version)));
    expect(reopened.got).toEqual(['buf findingReopened', 'buf2 findingReopened', 'central findingReopened', 'central2 findingReopened']);
    // Closed once more: a new event, told again; the same move written twice is not.
    const v = (await part()).version;
    expect((await step(async () => ok(await api.auditor.put(stateUrl, { state: 'closed', note: 'Nu i orden' }, v)))).got).toHaveLength(4);
    const repeat = () =>
      findingPartMoved(
        ctx.engine.db,
        { municipalityId: m.id, userId: ids.auditor, at: new Date() },
        { findingId: finding.id, departmentId: BUF, from: 'inProgress', to: 'closed', version: v + 1 },
      );
    expect((await step(repeat)).got).toEqual([]);

    // Over the whole walk: no one heard of their own doing, no key twice per person, the
    // confidential title nowhere, and the owner, the SOF coordinator, the auditor and the reader nothing.
    const rows = await all();
    expect(new Set(rows.map((r) => `${r.user_id} ${r.dedupe_key}`)).size).toBe(rows.length);
    expect(JSON.stringify(rows.map((r) => r.params))).not.toContain('Hemmelig');
    expect(rows.filter((r) => ['owner', 'sof', 'auditor', 'reader'].includes(nameOf(r.user_id)))).toEqual([]);
    // Each written at the event's time on the injected clock, not the database's.
    const times = await queryRows<{ at: string }>(
      ctx.engine.db,
      sql`select distinct to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') as at from notifications where municipality_id = ${m.id}`,
    );
    expect(times.map((t) => t.at)).toEqual(['2026-03-02T08:00:00']);
  });

  it('names a finding that is not confidential by its title too', async () => {
    const report = ok(await api.central.post('/api/v1/reports', { title: 'Beretning 2024', auditor: 'Revision', year: 2024, kind: 'annualAccounts' }), 201) as {
      id: string;
    };
    const finding = ok(
      await api.central.post(`/api/v1/reports/${report.id}/findings`, { number: 3, title: 'Adgangsstyring', departments: [m.departments.SOF] }),
      201,
    ) as { id: string };
    const asked = await step(async () =>
      ok(await api.central.post(`/api/v1/findings/${finding.id}/plan-requests`, { departmentIds: 'ALL', dueOn: '2026-05-01' })),
    );
    expect(asked.got).toEqual(['sof planRequested']);
    expect(asked.rows[0]!.params).toMatchObject({ findingNumber: 3, findingYear: 2024, findingTitle: 'Adgangsstyring', department: 'SOF' });
  });

  it('writes nothing when the step is refused', async () => {
    const report = ok(await api.central.post('/api/v1/reports', { title: 'Beretning 2023', auditor: 'Revision', year: 2023, kind: 'annualAccounts' }), 201) as {
      id: string;
    };
    const finding = ok(await api.central.post(`/api/v1/reports/${report.id}/findings`, { number: 1, title: 'X', departments: [m.departments.BUF] }), 201) as {
      id: string;
    };
    const refused = await step(async () => {
      // A due date in the past (422), and a coordinator asking (403): neither is an event.
      expect((await api.central.post(`/api/v1/findings/${finding.id}/plan-requests`, { departmentIds: 'ALL', dueOn: '2020-01-01' })).status).toBe(422);
      expect((await api.buf.post(`/api/v1/findings/${finding.id}/plan-requests`, { departmentIds: 'ALL', dueOn: '2026-05-01' })).status).toBe(403);
    });
    expect(refused.got).toEqual([]);
  });
});
