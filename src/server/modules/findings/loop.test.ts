import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/engine.js';
import { authHeaders, client, createTestContext, seedMunicipality, seedUser, type SeededMunicipality, type TestContext } from '../../../test/app.js';
import { tableSnapshot } from '../../../test/kit.js';

/**
 * Reports and findings registered by hand, plans asked for, closure, the council's decision,
 * carry-over and the findings export, through the API as each role, with every refusal proving
 * the database and the audit trail unchanged.
 */
let ctx: TestContext;
let m: SeededMunicipality;
let central: ReturnType<typeof client>;
let buf: ReturnType<typeof client>;
let sof: ReturnType<typeof client>;
let auditor: ReturnType<typeof client>;
let reader: ReturnType<typeof client>;
let centralName: string;
let ids: Record<'central' | 'buf' | 'sof' | 'auditor' | 'reader', string>;

const TABLES = [
  'audit_reports',
  'findings',
  'recommendations',
  'finding_departments',
  'council_decisions',
  'action_plans',
  'measures',
  'audit_entries',
  'change_log',
  'audit_heads',
];
const snapshot = () => tableSnapshot(ctx.engine, TABLES);
const fields = (res: { body: { errors?: { field: string }[] } }) => (res.body.errors ?? []).map((e) => e.field);

beforeAll(async () => {
  ctx = await createTestContext();
  m = await seedMunicipality(ctx.engine, { slug: 'loop-findings', departments: ['ØKF', 'BUF', 'SOF'] });
  centralName = 'Mette Central';
  ids = {
    central: await seedUser(ctx.engine, m.id, { name: centralName, email: 'central@loop.example', roles: [{ role: 'centralCoordinator' }] }),
    buf: await seedUser(ctx.engine, m.id, {
      name: 'Jonas BUF',
      email: 'buf@loop.example',
      roles: [{ role: 'departmentCoordinator', departmentId: m.departments.BUF }],
    }),
    sof: await seedUser(ctx.engine, m.id, {
      name: 'Lone SOF',
      email: 'sof@loop.example',
      roles: [{ role: 'departmentCoordinator', departmentId: m.departments.SOF }],
    }),
    auditor: await seedUser(ctx.engine, m.id, { name: 'Henrik Revisor', email: 'auditor@loop.example', roles: [{ role: 'auditor' }] }),
    reader: await seedUser(ctx.engine, m.id, { name: 'Amira Læser', email: 'reader@loop.example', roles: [{ role: 'reader' }] }),
  };
  central = client(ctx.app, ids.central);
  buf = client(ctx.app, ids.buf);
  sof = client(ctx.app, ids.sof);
  auditor = client(ctx.app, ids.auditor);
  reader = client(ctx.app, ids.reader);
});
afterAll(() => ctx.close());

let reportSeq = 0;
async function newReport(year = 2025, extra: Record<string, unknown> = {}) {
  const res = await central.post('/api/v1/reports', { title: `Beretning ${++reportSeq}`, auditor: 'Ekstern revision', year, kind: 'ongoingAudit', ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number; actions: Record<string, boolean> };
}

async function newFinding(reportId: string, body: Record<string, unknown> = {}) {
  const res = await central.post(`/api/v1/reports/${reportId}/findings`, {
    number: 1,
    title: 'Adgangsstyring',
    departments: [m.departments.BUF, m.departments.SOF],
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Finding;
}

interface Part {
  departmentId: string;
  code: string;
  state: string;
  stateNote: string | null;
  version: number;
  planRequest: { dueOn: string; note: string | null; requestedBy: { name: string } | null } | null;
  actions: Record<string, boolean>;
}
interface Finding {
  id: string;
  version: number;
  recommendations: { id: string; number: number; text: string }[];
  departments: Part[];
  actions: Record<string, boolean>;
  repeatOfEarlierYears: boolean;
  previousFindingId: string | null;
}

const part = (f: Finding, code: string) => f.departments.find((d) => d.code === code)!;

/** Test set-up: puts a part where a plan's approval and a round would have put it. */
async function setState(findingId: string, code: string, state: string) {
  await ctx.engine.db.execute(
    sql`update finding_departments set state = ${state} where municipality_id = ${m.id} and finding_id = ${findingId} and department_id = ${m.departments[code]!}`,
  );
}

describe('audit reports', () => {
  it('creates and edits a report, offering its commands to central coordination only', async () => {
    const r = await newReport(2025, { caseNumber: '2025-0042', receivedOn: '2025-03-01' });
    expect(r.actions).toEqual({ update: true, delete: true, createFinding: true });
    const asReader = await reader.get(`/api/v1/reports/${r.id}`);
    expect(asReader.body.actions).toEqual({ update: false, delete: false, createFinding: false });
    const edited = await central.patch(`/api/v1/reports/${r.id}`, { title: 'Løbende revision 2025', receivedOn: '2025-03-02' }, r.version);
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ title: 'Løbende revision 2025', receivedOn: '2025-03-02', caseNumber: '2025-0042', version: 2 });
    await newFinding(r.id);
    expect((await central.get(`/api/v1/reports/${r.id}`)).body.actions.delete).toBe(false);
  });

  it('refuses a date out of range, a received date after today, U+0000 and over-long text, leaving everything unchanged', async () => {
    const r = await newReport();
    const before = await snapshot();
    const cases: [string, 'post' | 'patch', Record<string, unknown>, number, string][] = [
      ['year 1999', 'post', { year: 1999 }, 400, 'body.year'],
      ['date 0202', 'post', { receivedOn: '0202-03-01' }, 400, 'body.receivedOn'],
      ['not a date', 'post', { receivedOn: '2025-02-30' }, 400, 'body.receivedOn'],
      ['future', 'post', { receivedOn: '2099-01-01' }, 422, 'body.receivedOn'],
      ['NUL in title', 'post', { title: 'Beretning\u0000' }, 400, 'body.title'],
      ['NUL in auditor', 'patch', { auditor: 'A\u0000B' }, 400, 'body.auditor'],
      ['long case number', 'patch', { caseNumber: 'x'.repeat(101) }, 400, 'body.caseNumber'],
      ['future on edit', 'patch', { receivedOn: '2099-01-01' }, 422, 'body.receivedOn'],
    ];
    for (const [name, method, body, status, field] of cases) {
      const res =
        method === 'post'
          ? await central.post('/api/v1/reports', { title: 'X', auditor: 'A', year: 2025, kind: 'review', ...body })
          : await central.patch(`/api/v1/reports/${r.id}`, body, r.version);
      expect(res.status, `${name}: ${JSON.stringify(res.body)}`).toBe(status);
      expect(fields(res), name).toContain(field);
    }
    expect((await buf.post('/api/v1/reports', { title: 'X', auditor: 'A', year: 2025, kind: 'review' })).status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });
});

describe('findings', () => {
  it('reorders, edits, adds and removes recommendations, keeping each one’s identity', async () => {
    const r = await newReport();
    const f = await newFinding(r.id, { recommendations: ['Første', 'Anden', 'Tredje'] });
    const [a, b, c] = f.recommendations;
    const res = await central.patch(
      `/api/v1/findings/${f.id}`,
      { recommendations: [{ id: c!.id, text: 'Tredje, nu først' }, { id: a!.id, text: 'Første' }, { text: 'Ny' }] },
      f.version,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.recommendations).toEqual([
      { id: c!.id, number: 1, text: 'Tredje, nu først' },
      { id: a!.id, number: 2, text: 'Første' },
      expect.objectContaining({ number: 3, text: 'Ny' }),
    ]);
    expect(res.body.recommendations.map((x: { id: string }) => x.id)).not.toContain(b!.id);
    // The audit entry holds the finding before and after, without the caller's actions.
    const [entry] = await queryRows<{ after: { recommendations: unknown[]; actions?: unknown } }>(
      ctx.engine.db,
      sql`select c.after from change_log c where c.municipality_id = ${m.id} and c.resource = 'finding' and c.resource_id = ${f.id} and c.action = 'update'`,
    );
    expect(entry!.after.recommendations).toHaveLength(3);
    expect(entry!.after.actions).toBeUndefined();
  });

  it('marks a repeat of an earlier year’s finding, and refuses bad edits leaving everything unchanged', async () => {
    const old = await newFinding((await newReport(2023)).id, { title: 'Gammel bemærkning' });
    const r = await newReport(2024);
    const f = await newFinding(r.id, { previousFindingId: old.id });
    expect(f).toMatchObject({ repeatOfEarlierYears: true, previousFindingId: old.id });
    const detail = await central.get(`/api/v1/findings/${f.id}`);
    expect(detail.body.earlierYears.map((e: { id: string }) => e.id)).toEqual([old.id]);

    const before = await snapshot();
    const bad: [Record<string, unknown>, number | string, number, string][] = [
      [{ confidential: true }, f.version, 422, 'body.confidentialBasis'],
      [{ recommendations: [{ id: old.id, text: 'x' }] }, f.version, 422, 'body.recommendations.0.id'],
      [{ previousFindingId: f.id }, f.version, 422, 'body.previousFindingId'],
      [{ title: 'Titel\u0000' }, f.version, 400, 'body.title'],
      [{ recommendations: ['ok', 'nul\u0000'] }, f.version, 400, 'body.recommendations.1'],
    ];
    for (const [body, version, status, field] of bad) {
      const res = await central.patch(`/api/v1/findings/${f.id}`, body, version);
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(
        fields(res).some((x) => x.startsWith(field)),
        JSON.stringify(res.body),
      ).toBe(true);
    }
    const stale = await central.patch(`/api/v1/findings/${f.id}`, { title: 'Ny' }, f.version + 1);
    expect(stale.status).toBe(409);
    expect(stale.body.current.title).toBe('Adgangsstyring');
    expect((await buf.patch(`/api/v1/findings/${f.id}`, { title: 'Ny' }, f.version)).status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });
});

describe('asking for plans', () => {
  it('asks two departments with a due date and a note; they see the request and may start their plan', async () => {
    const f = await newFinding((await newReport()).id);
    expect(f.actions.requestPlans).toBe(true);
    expect(part(f, 'BUF').actions).toMatchObject({ requestPlan: true, createPlan: true });
    const res = await central.post(`/api/v1/findings/${f.id}/plan-requests`, {
      departmentIds: [m.departments.BUF, m.departments.SOF],
      dueOn: '2099-06-30',
      note: 'Til ØU i september',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    for (const code of ['BUF', 'SOF']) {
      expect(part(res.body, code).planRequest).toMatchObject({ dueOn: '2099-06-30', note: 'Til ØU i september', requestedBy: { name: centralName } });
      expect(part(res.body, code).actions.requestPlan).toBe(false);
    }
    expect(res.body.actions.requestPlans).toBe(false);

    const seenByBuf = (await buf.get(`/api/v1/findings/${f.id}`)).body as Finding;
    expect(part(seenByBuf, 'BUF').planRequest?.dueOn).toBe('2099-06-30');
    expect(part(seenByBuf, 'BUF').actions).toMatchObject({ createPlan: true, requestPlan: false });
    expect(part(seenByBuf, 'SOF').actions.createPlan).toBe(false);
    // The offered action is accepted: BUF starts its plan, and then is no longer offered it.
    expect((await buf.post(`/api/v1/findings/${f.id}/plans`, { departmentId: m.departments.BUF })).status).toBe(201);
    expect(part((await buf.get(`/api/v1/findings/${f.id}`)).body, 'BUF').actions.createPlan).toBe(false);

    const [entry] = await queryRows<{ action: string; change_count: number }>(
      ctx.engine.db,
      sql`select action, change_count from audit_entries where municipality_id = ${m.id} and resource = 'findingDepartment' and action = 'requestPlan' order by seq desc limit 1`,
    );
    expect(entry).toEqual({ action: 'requestPlan', change_count: 2 });
  });

  it('asks every department not yet asked with ALL', async () => {
    const f = await newFinding((await newReport()).id, { departments: 'ALL' });
    await central.post(`/api/v1/findings/${f.id}/plan-requests`, { departmentIds: [m.departments.BUF], dueOn: '2099-01-31' });
    const all = await central.post(`/api/v1/findings/${f.id}/plan-requests`, { departmentIds: 'ALL', dueOn: '2099-02-28' });
    expect(all.status).toBe(200);
    expect(Object.fromEntries((all.body as Finding).departments.map((d) => [d.code, d.planRequest?.dueOn]))).toEqual({
      BUF: '2099-01-31',
      SOF: '2099-02-28',
      ØKF: '2099-02-28',
    });
  });

  it('refuses a second request, a past due date, an unaffected department, a part with a plan and anyone but central, leaving everything unchanged', async () => {
    const f = await newFinding((await newReport()).id);
    await central.post(`/api/v1/findings/${f.id}/plan-requests`, { departmentIds: [m.departments.BUF], dueOn: '2099-06-30' });
    await sof.post(`/api/v1/findings/${f.id}/plans`, { departmentId: m.departments.SOF });
    const before = await snapshot();
    const cases: [ReturnType<typeof client>, Record<string, unknown>, number, string | null][] = [
      [central, { departmentIds: [m.departments.BUF], dueOn: '2099-07-31' }, 409, 'body.departmentIds.0'],
      [central, { departmentIds: [m.departments.SOF], dueOn: '2099-07-31' }, 409, 'body.departmentIds.0'],
      [central, { departmentIds: [m.departments.ØKF], dueOn: '2099-07-31' }, 422, 'body.departmentIds.0'],
      [central, { departmentIds: 'ALL', dueOn: '2099-07-31' }, 409, 'body.departmentIds'],
      [central, { departmentIds: [m.departments.ØKF], dueOn: '2001-01-01' }, 422, 'body.dueOn'],
      [central, { departmentIds: [m.departments.ØKF], dueOn: '31.12.2099' }, 400, 'body.dueOn'],
      [central, { departmentIds: [m.departments.ØKF], dueOn: '2099-07-31', note: 'a\u0000' }, 400, 'body.note'],
      [buf, { departmentIds: [m.departments.BUF], dueOn: '2099-07-31' }, 403, null],
      [auditor, { departmentIds: [m.departments.BUF], dueOn: '2099-07-31' }, 403, null],
    ];
    for (const [who, body, status, field] of cases) {
      const res = await who.post(`/api/v1/findings/${f.id}/plan-requests`, body);
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      if (field) expect(fields(res)).toContain(field);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('closure', () => {
  it('the department proposes closure with a comment, the auditor closes it and may reopen it', async () => {
    const f = await newFinding((await newReport()).id);
    await setState(f.id, 'BUF', 'inProgress');
    await setState(f.id, 'SOF', 'inProgress');
    const asBuf = (await buf.get(`/api/v1/findings/${f.id}`)).body as Finding;
    expect(part(asBuf, 'BUF').actions).toMatchObject({ proposeClosure: true, close: false, reopen: false });
    expect(part(asBuf, 'SOF').actions.proposeClosure).toBe(false);
    const asAuditor = (await auditor.get(`/api/v1/findings/${f.id}`)).body as Finding;
    expect(part(asAuditor, 'BUF').actions).toMatchObject({ proposeClosure: false, close: true });

    const url = `/api/v1/findings/${f.id}/departments/${m.departments.BUF}/state`;
    const proposed = await buf.put(url, { state: 'closureProposed', note: 'Alle tiltag er gennemført og virker.' }, part(asBuf, 'BUF').version);
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(200);
    expect(proposed.body).toMatchObject({ state: 'closureProposed', stateNote: 'Alle tiltag er gennemført og virker.' });
    const closed = await auditor.put(url, { state: 'closed', note: 'Verificeret ved stikprøve.' }, proposed.body.version);
    expect(closed.status).toBe(200);
    const detail = (await reader.get(`/api/v1/findings/${f.id}`)).body as Finding;
    expect(part(detail, 'BUF')).toMatchObject({ state: 'closed', stateNote: 'Verificeret ved stikprøve.' });
    expect(part(detail, 'SOF').state).toBe('inProgress');
    const reopened = await auditor.put(url, { state: 'inProgress', note: 'Fejlen er set igen.' }, closed.body.version);
    expect(reopened.status).toBe(200);
    expect(reopened.body.stateNote).toBe('Fejlen er set igen.');
  });

  it('refuses another department, central closing or reopening, a move without comment and a stale version, leaving everything unchanged', async () => {
    const f = await newFinding((await newReport()).id);
    await setState(f.id, 'BUF', 'inProgress');
    const version = part((await central.get(`/api/v1/findings/${f.id}`)).body, 'BUF').version;
    const url = `/api/v1/findings/${f.id}/departments/${m.departments.BUF}/state`;
    const before = await snapshot();
    const cases: [ReturnType<typeof client>, Record<string, unknown>, number, number, string | null][] = [
      [sof, { state: 'closureProposed', note: 'x' }, version, 403, null],
      [central, { state: 'closed', note: 'x' }, version, 403, null],
      [reader, { state: 'closureProposed', note: 'x' }, version, 403, null],
      [buf, { state: 'closureProposed' }, version, 422, 'body.note'],
      [buf, { state: 'closureProposed', note: '   ' }, version, 422, 'body.note'],
      [auditor, { state: 'closed' }, version, 422, 'body.note'],
      [buf, { state: 'closureProposed', note: 'x' }, version + 1, 409, null],
      [auditor, { state: 'inProgress', note: 'x' }, version, 409, 'body.state'],
    ];
    for (const [who, body, v, status, field] of cases) {
      const res = await who.put(url, body, v);
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      if (field) expect(fields(res)).toContain(field);
    }
    await setState(f.id, 'BUF', 'closed');
    const closedBefore = await snapshot();
    expect((await central.put(url, { state: 'inProgress', note: 'x' }, version)).status).toBe(403);
    expect(await snapshot()).toEqual(closedBefore);
    expect(before).not.toEqual(closedBefore);
  });
});

describe("the council's decision", () => {
  it('records a decision with its meeting, and changes it only with the version seen', async () => {
    const f = await newFinding((await newReport()).id);
    const meeting = await central.post('/api/v1/meetings', { body: 'Borgerrepræsentationen', heldOn: '2025-09-11', agendaItem: 'Punkt 14' });
    expect(meeting.status).toBe(201);
    const url = `/api/v1/findings/${f.id}/council-decision`;
    const first = await central.put(url, { text: 'Taget til efterretning.', meetingId: meeting.body.id, committeeComment: 'Udvalget er enigt.' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.headers.etag).toBe('"1"');
    const detail = await reader.get(`/api/v1/findings/${f.id}`);
    expect(detail.body.councilDecision).toMatchObject({
      text: 'Taget til efterretning.',
      committeeComment: 'Udvalget er enigt.',
      meeting: { body: 'Borgerrepræsentationen', heldOn: '2025-09-11', agendaItem: 'Punkt 14' },
    });
    expect(detail.body.actions.setCouncilDecision).toBe(false);
    expect((await central.get(`/api/v1/findings/${f.id}`)).body.actions.setCouncilDecision).toBe(true);

    const before = await snapshot();
    const refused: [ReturnType<typeof client>, Record<string, unknown>, number | undefined, number][] = [
      [central, { text: 'Ændret' }, undefined, 428],
      [central, { text: 'Ændret' }, 7, 409],
      [central, { text: '' }, 1, 400],
      [central, { text: 'x', meetingId: '00000000-0000-4000-8000-000000000000' }, 1, 422],
      [buf, { text: 'Ændret' }, 1, 403],
      [auditor, { text: 'Ændret' }, 1, 403],
    ];
    for (const [who, body, v, status] of refused) {
      const res = await who.put(url, body, v);
      expect(res.status, JSON.stringify(res.body)).toBe(status);
    }
    expect(await snapshot()).toEqual(before);
    const changed = await central.put(url, { text: 'Godkendt med bemærkning.', meetingId: null }, 1);
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ text: 'Godkendt med bemærkning.', meetingId: null, version: 2 });
  });
});

describe('carry-over', () => {
  it('offers carry-over to central coordination only, and carries the open parts into a later report', async () => {
    const f = await newFinding((await newReport(2024)).id);
    const later = await newReport(2025);
    expect(f.actions.carryOver).toBe(true);
    expect((await buf.get(`/api/v1/findings/${f.id}`)).body.actions.carryOver).toBe(false);
    const before = await snapshot();
    expect((await buf.post(`/api/v1/findings/${f.id}/carry-over`, { reportId: later.id })).status).toBe(403);
    expect(
      (await central.post(`/api/v1/findings/${f.id}/carry-over`, { reportId: (await central.get(`/api/v1/findings/${f.id}`)).body.reportId })).status,
    ).toBe(422);
    expect(await snapshot()).toEqual(before);
    const res = await central.post(`/api/v1/findings/${f.id}/carry-over`, { reportId: later.id });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ previousFindingId: f.id, repeatOfEarlierYears: true });
    const old = (await central.get(`/api/v1/findings/${f.id}`)).body as Finding;
    expect(old.departments.map((d) => d.state)).toEqual(['carriedOver', 'carriedOver']);
    expect(old.actions.carryOver).toBe(false);
  });

  it('keeps a finding a later year repeats: delete is not offered and is refused with 409, nothing changed', async () => {
    const f = await newFinding((await newReport(2024)).id);
    const later = await newReport(2025);
    expect((await central.post(`/api/v1/findings/${f.id}/carry-over`, { reportId: later.id })).status).toBe(201);
    const carried = (await central.get(`/api/v1/findings/${f.id}`)).body as Finding;
    expect(carried.actions.delete).toBe(false);
    const before = await snapshot();
    const res = await central.delete(`/api/v1/findings/${f.id}`, carried.version);
    expect(res.status).toBe(409);
    expect(res.body.errors[0]).toMatchObject({ field: 'finding', code: 'finding.repeatedLater' });
    // Its carried parts get their plans in the later year, not here
    expect(part(carried, 'BUF').actions.createPlan).toBe(false);
    const plan = await buf.post(`/api/v1/findings/${f.id}/plans`, { departmentId: m.departments.BUF, problem: 'For sent' });
    expect(plan.status).toBe(409);
    expect(plan.body.errors[0]).toMatchObject({ field: 'body.departmentId', code: 'plan.partNotOpen' });
    expect(await snapshot()).toEqual(before);

    // Named by hand as a later finding's earlier year: the same
    const earlier = await newFinding((await newReport(2022)).id);
    expect(earlier.actions.delete).toBe(true);
    expect((await newFinding(later.id, { number: 7, previousFindingId: earlier.id })).previousFindingId).toBe(earlier.id);
    const named = (await central.get(`/api/v1/findings/${earlier.id}`)).body as Finding;
    expect(named.actions.delete).toBe(false);
    const beforeNamed = await snapshot();
    expect((await central.delete(`/api/v1/findings/${earlier.id}`, named.version)).status).toBe(409);
    expect(await snapshot()).toEqual(beforeNamed);
  });
});

describe('the findings export', () => {
  it('exports the filtered list as CSV and XLSX; a reader never gets a confidential finding; formulas are defused', async () => {
    const r = await newReport(2031);
    await newFinding(r.id, { number: 1, title: '=HYPERLINK("http://x")', grade: 'red' });
    await newFinding(r.id, { number: 2, title: 'Fortrolig it-sikkerhed', confidential: true, confidentialBasis: 'offentlighedsloven § 33', grade: 'red' });
    await newFinding(r.id, { number: 3, title: '@SUM(A1)', grade: 'green' });
    await newFinding(r.id, { number: 4, title: '+45 telefon\nanden linje', grade: 'red' });

    const csv = await central.get(`/api/v1/findings/export?format=csv&reportId=${r.id}&grade=red`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="revisionsbemaerkninger\.csv"/);
    const text = String(csv.body);
    expect(text.startsWith('\uFEFFÅr;Beretning;Nr.;Titel;Vurdering')).toBe(true);
    const lines = text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines).toHaveLength(4);
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(text).toContain(`"'+45 telefon\nanden linje"`);
    expect(text).toContain('Fortrolig it-sikkerhed');
    expect(text).not.toContain('@SUM');

    const readerCsv = String((await reader.get(`/api/v1/findings/export?format=csv&reportId=${r.id}`)).body);
    expect(readerCsv).not.toContain('Fortrolig it-sikkerhed');
    expect(readerCsv).toContain(`'@SUM(A1)`);
    expect(readerCsv.trimEnd().split('\r\n')).toHaveLength(4);
    // Asking for confidential findings outright gives a reader an empty file, not an error.
    expect(
      String((await reader.get(`/api/v1/findings/export?confidential=true&reportId=${r.id}`)).body)
        .trimEnd()
        .split('\r\n'),
    ).toHaveLength(1);

    const xlsxTitles = async (who: string) => {
      const res = await ctx.app.inject({
        method: 'GET',
        url: `/api/v1/findings/export?format=xlsx&reportId=${r.id}`,
        headers: await authHeaders(ctx.app, who),
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      const titles: string[] = [];
      ws.eachRow((row, n) => {
        if (n > 1) titles.push(String(row.getCell(4).value));
      });
      return titles;
    };
    expect(await xlsxTitles(ids.central)).toEqual(['=HYPERLINK("http://x")', 'Fortrolig it-sikkerhed', '@SUM(A1)', '+45 telefon\nanden linje']);
    expect(await xlsxTitles(ids.reader)).toEqual(['=HYPERLINK("http://x")', '@SUM(A1)', '+45 telefon\nanden linje']);
    expect((await central.get('/api/v1/findings/export?format=pdf')).status).toBe(400);
  });
});
