import argon2 from 'argon2';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from './clock.js';
import { queryRows } from './db/engine.js';
import { userCredentials } from './db/schema/index.js';
import { totpCode } from './modules/auth/totp.js';
import { bearerFor, createTestContext, seedMunicipality, seedUser, type TestContext } from '../test/app.js';

/**
 * The `actions` contract (issue 13 §4), walked role × resource × state: every resource that
 * returns `actions` is read as each role, and then EVERY action key is tried. An offered action is
 * performed on a fresh target in the same state and must answer 2xx; a withheld one is performed
 * on the target that was read and must be refused (403, 404 or 409) with the database and the
 * audit trail unchanged. A resource the role cannot read offers nothing, so every command on it
 * must be refused.
 *
 * Targets are made through the API by a set-up user (administrator and auditor), so each state is
 * one the app itself can reach; only a "received" part (which registering no longer makes) and the
 * reset of one's own credentials are written directly.
 */

type Role = 'A' | 'C' | 'D' | 'O' | 'U' | 'R';
const roles: Role[] = ['A', 'C', 'D', 'O', 'U', 'R'];
const roleName: Record<Role, string> = {
  A: 'administrator',
  C: 'central coordination',
  D: 'department coordinator (BUF)',
  O: 'measure owner (BUF)',
  U: 'auditor',
  R: 'reader',
};

let ctx: TestContext;
let mid: string;
/** The set-up user (administrator and auditor): makes the targets. */
let setup: string;
const users = {} as Record<Role, string>;
const emails = {} as Record<Role, string>;
let BUF: string;
let SOF: string;
let reportId: string;
let laterReportId: string;
/** A year after the later one: where a finding of the later year is carried. */
let latestReportId: string;
let n = 0;

/** The municipality's today: plans due in 2030 are not past, rounds open on 1 March 2026. */
const NOW = '2026-03-02T08:00:00Z';
const PASSWORD = 'handlinger-kodeord-2026';
const CHANGED_PASSWORD = `${PASSWORD}-ny`;
/** The password's hash, made cheap (argon2id at its minimum cost): every session target signs in. */
let cheapHash: string;

interface Req {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  ifMatch?: number;
}
interface Res {
  status: number;
  body: any;
}

/** How a role talks to the API: an API token, or a browser session (cookie and CSRF token). */
type Via = 'token' | { cookie: string; csrf: string };

async function send(userId: string, req: Req, via: Via = 'token'): Promise<Res> {
  const headers: Record<string, string> =
    via === 'token' ? { authorization: `Bearer ${await bearerFor(ctx.app, userId)}` } : { cookie: via.cookie, 'x-csrf-token': via.csrf };
  if (req.ifMatch !== undefined) headers['if-match'] = `"${req.ifMatch}"`;
  let payload: string | undefined;
  if (req.method !== 'GET' && req.method !== 'DELETE') {
    payload = JSON.stringify(req.body ?? {});
    headers['content-type'] = 'application/json';
  }
  counted.calls++;
  const res = await ctx.app.inject({ method: req.method, url: req.url, headers, ...(payload !== undefined ? { payload } : {}) });
  const body = /json/.test(String(res.headers['content-type'])) ? JSON.parse(res.body) : res.body;
  return { status: res.statusCode, body };
}

const v1 = (url: string) => `/api/v1${url}`;

/** A set-up call as the set-up user (or a role); must succeed. */
async function as(who: Role | 'S', method: Req['method'], url: string, body?: unknown, ifMatch?: number): Promise<any> {
  const res = await send(who === 'S' ? setup : users[who], { method, url: v1(url), body, ifMatch });
  if (res.status >= 300) throw new Error(`set-up ${method} ${url} as ${who}: ${res.status} ${JSON.stringify(res.body).slice(0, 400)}`);
  return res.body;
}

async function signIn(role: Role): Promise<{ cookie: string; csrf: string }> {
  const res = await ctx.app.inject({ method: 'POST', url: v1('/auth/login'), payload: { email: emails[role], password: PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`sign-in ${role}: ${res.statusCode} ${res.body}`);
  return { cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; '), csrf: JSON.parse(res.body).csrfToken };
}

// ---------------------------------------------------------------------------------------------
// "Nothing changed": every table a command of these resources writes, and the audit trail.

/**
 * A table's rows as a count and the newest row version's transaction id: an insert, update or
 * delete that commits leaves a newer xmin or another count, a refused command (rolled back) leaves
 * neither. Cheap enough to take before and after each refusal, whatever the table's size.
 */
const xminOf = (t: string) => sql`select ${t} as t, count(*) || ':' || coalesce(max(x.xmin::text::bigint), 0) as h from ${sql.identifier(t)} x`;
/** Columns a request touches without being a command (a token's or session's last use). */
const NOISE = ['last_used_at', 'last_seen_at', 'last_login_at'];
const rowsOf = (t: string) =>
  sql`select ${t} as t, md5(coalesce(string_agg(j, '|' order by j), '')) as h from (select (to_jsonb(x) - ${NOISE[0]!}::text - ${NOISE[1]!}::text - ${NOISE[2]!}::text)::text as j from ${sql.identifier(t)} x) s`;
/** The audit trail: each chain's head (entries cannot be updated or deleted) and the change log's size. */
const AUDIT = sql`select 'audit' as t, (select count(*) from audit_entries) || ':' || (select count(*) from change_log) || ':' || md5(coalesce(string_agg(to_jsonb(h)::text, '|' order by h.municipality_id), '')) as h from audit_heads h`;

/** Tables whose rows a request touches without a command: compared by content less the noise columns. */
const TOUCHED = new Set(['api_tokens', 'sessions', 'user_credentials']);

async function fingerprint(tables: readonly string[]): Promise<Record<string, string>> {
  const parts = tables.map((t) => (TOUCHED.has(t) ? rowsOf(t) : xminOf(t)));
  const rows = await queryRows<{ t: string; h: string }>(ctx.engine.db, sql.join([...parts, AUDIT], sql` union all `));
  return Object.fromEntries(rows.map((r) => [r.t, r.h]));
}

/**
 * The next transaction id to be assigned. A command that writes anything commits a transaction
 * with an id at or after it; a refused command's transaction is rolled back (aborted) or never
 * took an id. So "no transaction committed since" proves the whole database unchanged, cheaply;
 * only when one did (a token's or session's last-use touch, or another database's work on a
 * shared PostgreSQL server) are the tables compared row by row.
 */
async function nextXid(): Promise<string> {
  const [row] = await queryRows<{ x: string }>(ctx.engine.db, sql`select pg_snapshot_xmax(pg_current_snapshot())::text as x`);
  return row!.x;
}
async function committedSince(from: string): Promise<boolean> {
  const [row] = await queryRows<{ n: string | number }>(
    ctx.engine.db,
    sql`select count(*) as n from generate_series(${from}::bigint, pg_snapshot_xmax(pg_current_snapshot())::text::bigint - 1) g where pg_xact_status(g::text::xid8) = 'committed'`,
  );
  return Number(row!.n) > 0;
}

/** Every table the commands on findings, plans, answers and rounds write (besides the audit trail). */
const WORK_TABLES = [
  'audit_reports',
  'findings',
  'finding_departments',
  'recommendations',
  'council_decisions',
  'action_plans',
  'measures',
  'measure_recommendations',
  'deadline_revisions',
  'guidance_acceptances',
  'plan_approvals',
  'plan_revisions',
  'answer_documents',
  'follow_up_rounds',
  'round_submissions',
  'status_entries',
];
const ACCOUNT_TABLES = ['users', 'user_credentials', 'api_tokens', 'sessions'];

// ---------------------------------------------------------------------------------------------
// Targets, made through the API.

interface FindingT {
  id: string;
  version: number;
  reportYear: number;
  /** The council decision's version once there is one (changing it takes If-Match). */
  decisionVersion?: number;
}

async function newReport(year = 2023): Promise<{ id: string; version: number }> {
  return as('S', 'POST', '/reports', { title: `Handlinger ${++n}`, auditor: 'Revisionen', year, kind: 'annualAccounts' });
}

async function newFinding(departments: string[] = [BUF], report = reportId): Promise<FindingT & { recommendations: { id: string }[] }> {
  const k = ++n;
  return as('S', 'POST', `/reports/${report}/findings`, {
    number: k,
    title: `Handlingsbemærkning ${k}`,
    observations: 'Adgange gennemgås ikke.',
    departments,
    recommendations: ['Gennemgå adgange kvartalsvis'],
  });
}

/** A complete plan of the department for the finding (one measure, no guidance error), left in draft. */
async function draftPlan(finding: { id: string; recommendations: { id: string }[] }, dept: string, ownerUserId: string | null = null) {
  return as('S', 'POST', `/findings/${finding.id}/plans`, {
    departmentId: dept,
    problem: 'Adgange gennemgås ikke.',
    extent: 'Alle fagsystemer.',
    overallDeadline: '2030-Q4',
    measures: [
      {
        number: '1',
        title: 'Indfør kvartalsvis gennemgang',
        responsibleUnit: 'IT',
        recommendationIds: [finding.recommendations[0]!.id],
        deadline: '2030-Q4',
        followUpPoint: 'Referat af gennemgangen',
        ...(ownerUserId ? { ownerUserId } : {}),
      },
    ],
  }) as Promise<{ id: string; version: number; measures: { id: string }[] }>;
}

type PlanState = 'draft' | 'submitted' | 'approved' | 'revising';

/** A plan in the state, for a fresh finding of the department. */
async function planIn(
  dept: string,
  state: PlanState,
  ownerUserId: string | null = null,
): Promise<{ id: string; version: number; findingId: string; measureId: string }> {
  const f = await newFinding([dept]);
  let p: { id: string; version: number; measures: { id: string }[] } = await draftPlan(f, dept, ownerUserId);
  const measureId = p.measures[0]!.id;
  if (state !== 'draft') p = await as('S', 'POST', `/plans/${p.id}/submit`, undefined, p.version);
  if (state === 'approved' || state === 'revising') p = await as('S', 'POST', `/plans/${p.id}/approvals`, { approvedOn: '2026-02-15' }, p.version);
  if (state === 'revising') p = await as('S', 'POST', `/plans/${p.id}/revise`, undefined, p.version);
  return { id: p.id, version: p.version, findingId: f.id, measureId };
}

type PartState =
  | 'received'
  | 'assigned'
  | 'requested'
  | 'planDrafted'
  | 'planApproved'
  | 'closureProposed'
  | 'closed'
  | 'inProgress'
  | 'carriedOver'
  | 'carriedOverWithoutPlan';

async function part(f: FindingT, dept: string) {
  const d = await as('S', 'GET', `/findings/${f.id}`);
  return d.departments.find((p: { departmentId: string }) => p.departmentId === dept) as { version: number; state: string };
}

/** A fresh finding of the one department whose part is in the given state. */
async function findingInState(dept: string, state: PartState): Promise<FindingT> {
  const f = await newFinding([dept]);
  let partVersion: number | null = null;
  const move = async (to: string, note: string | null) => {
    partVersion = (await as('S', 'PUT', `/findings/${f.id}/departments/${dept}/state`, { state: to, note }, partVersion ?? (await part(f, dept)).version))
      .version;
  };
  if (state === 'assigned') return f; // a part is assigned when the finding is registered
  if (state === 'received') {
    // Nothing in the API makes a part "received" any more (registering assigns it); older data
    // and the import's have such parts, so one is made as they are.
    await ctx.engine.db.execute(sql`update finding_departments set state = 'received' where finding_id = ${f.id} and department_id = ${dept}`);
    return f;
  }
  if (state === 'requested') {
    await as('S', 'POST', `/findings/${f.id}/plan-requests`, { departmentIds: [dept], dueOn: '2099-12-31' });
    return f;
  }
  if (state === 'carriedOverWithoutPlan') {
    await as('S', 'POST', `/findings/${f.id}/carry-over`, { reportId: laterReportId });
    return f;
  }
  let p = await draftPlan(f, dept);
  if (state === 'planDrafted') return f;
  p = await as('S', 'POST', `/plans/${p.id}/submit`, undefined, p.version);
  await as('S', 'POST', `/plans/${p.id}/approvals`, { approvedOn: '2026-02-15' }, p.version);
  if (state === 'planApproved') return f;
  if (state === 'closureProposed') await move('closureProposed', 'Tiltaget er gennemført');
  if (state === 'closed' || state === 'inProgress') await move('closed', 'Revisionen har set det virke');
  if (state === 'inProgress') await move('inProgress', 'Gennemgangen er ikke sket');
  if (state === 'carriedOver') await as('S', 'POST', `/findings/${f.id}/carry-over`, { reportId: laterReportId });
  return f;
}

type SubmissionState = 'draft' | 'submitted' | 'returned' | 'accepted' | 'roundClosed';

/**
 * A fresh round whose submission for BUF is in the given state, every measure in scope answered
 * (completed, so that a submitted answer takes them out of the next rounds' scope). With
 * `extraMeasure`, one more measure (owned as given) is left unanswered in a draft answer.
 */
async function roundWithSubmission(state: SubmissionState, extraMeasure?: { ownerUserId: string | null }) {
  let measureId: string | null = null;
  if (extraMeasure) measureId = (await planIn(BUF, 'approved', extraMeasure.ownerUserId)).measureId;
  const r = await as('S', 'POST', '/rounds', { name: `Handlingsrunde ${++n}`, opensOn: '2026-03-01', dueOn: '2099-12-01' });
  let dr = await as('S', 'GET', `/rounds/${r.id}/departments/${BUF}`);
  // The submission exists once a measure is answered: one other than the one left open
  if (!dr.measures.some((m: { measureId: string }) => m.measureId !== measureId)) {
    await planIn(BUF, 'approved');
    dr = await as('S', 'GET', `/rounds/${r.id}/departments/${BUF}`);
  }
  for (const m of dr.measures as { measureId: string }[]) {
    if (m.measureId === measureId && state === 'draft') continue; // left unanswered for the "answer" attempt
    await as('S', 'PUT', `/rounds/${r.id}/departments/${BUF}/measures/${m.measureId}`, { status: 'completed', selfCheckResult: 'Kontrolleret ved stikprøve' });
  }
  let s = (await as('S', 'GET', `/rounds/${r.id}/departments/${BUF}`)).submission as { id: string; version: number } | null;
  if (!s) throw new Error('set-up: the round has no submission for BUF');
  if (state !== 'draft' && state !== 'roundClosed') s = await as('S', 'POST', `/submissions/${s.id}/submit`, undefined, s.version);
  if (state === 'returned') s = await as('S', 'POST', `/submissions/${s!.id}/return`, { reason: 'Uddyb selvkontrollen' }, s!.version);
  if (state === 'accepted') s = await as('S', 'POST', `/submissions/${s!.id}/accept`, undefined, s!.version);
  if (state === 'roundClosed') await as('S', 'POST', `/rounds/${r.id}/close`, undefined, r.version);
  return { roundId: r.id, submissionId: s!.id, version: s!.version, measureId };
}

// ---------------------------------------------------------------------------------------------
// The resources that return `actions`, their states, and the command behind each action key.

interface Subject<T> {
  resource: string;
  state: string;
  /** A fresh target in this state (for the acting role, when the target is the role's own). */
  make(role: Role): Promise<T>;
  /** The target's `actions` as the role sees them; null when the role may not read it. */
  read(role: Role, t: T, via: Via): Promise<Record<string, boolean> | null>;
  /** The command of each action key. */
  commands: Record<string, (t: T, role: Role) => Req>;
  /** The tables its commands write: a refusal must leave them (and the audit trail) as they were. */
  tables: readonly string[];
  /** How the role calls (default: its API token). */
  via?(role: Role, t: T): Via;
  /** The target is the acting role's own (its account): made per role, not shared between roles. */
  perRole?: boolean;
  /** Puts back what an accepted command changed outside the target (a password). */
  after?(role: Role, key: string): Promise<void>;
  /**
   * The commands that, accepted, leave the target in this state (editing a draft keeps it a draft),
   * so the next offered action may use it instead of a fresh one. Default: none.
   */
  keeps?: readonly string[];
  /** Takes what the target needs from an accepted command's answer (a new TOTP secret). */
  absorb?(key: string, t: T, res: Res): void;
}

const readable = (res: Res): any => {
  if (res.status === 403 || res.status === 404) return null;
  if (res.status !== 200) throw new Error(`read answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
  return res.body;
};

const reportCommands: Subject<{ id: string; version: number }>['commands'] = {
  update: (t) => ({ method: 'PATCH', url: v1(`/reports/${t.id}`), body: { title: 'Omdøbt beretning' }, ifMatch: t.version }),
  delete: (t) => ({ method: 'DELETE', url: v1(`/reports/${t.id}`), ifMatch: t.version }),
  createFinding: (t) => ({ method: 'POST', url: v1(`/reports/${t.id}/findings`), body: { number: 900 + ++n, title: 'Ny bemærkning', departments: [BUF] } }),
};
const readReport = async (role: Role, t: { id: string; version: number }) => {
  const r = readable(await send(users[role], { method: 'GET', url: v1(`/reports/${t.id}`) }));
  if (r) t.version = r.version;
  return r?.actions ?? null;
};

const findingCommands: Subject<FindingT>['commands'] = {
  update: (t) => ({ method: 'PATCH', url: v1(`/findings/${t.id}`), body: { title: 'Ny titel' }, ifMatch: t.version }),
  delete: (t) => ({ method: 'DELETE', url: v1(`/findings/${t.id}`), ifMatch: t.version }),
  requestPlans: (t) => ({ method: 'POST', url: v1(`/findings/${t.id}/plan-requests`), body: { departmentIds: 'ALL', dueOn: '2099-12-31' } }),
  setCouncilDecision: (t) => ({
    method: 'PUT',
    url: v1(`/findings/${t.id}/council-decision`),
    body: { text: 'Udvalget tager sagen til efterretning' },
    ifMatch: t.decisionVersion,
  }),
  carryOver: (t) => ({ method: 'POST', url: v1(`/findings/${t.id}/carry-over`), body: { reportId: t.reportYear < 2025 ? laterReportId : latestReportId } }),
};
const readFinding = async (role: Role, t: FindingT) => {
  const f = readable(await send(users[role], { method: 'GET', url: v1(`/findings/${t.id}`) }));
  if (f) {
    t.version = f.version;
    t.decisionVersion = f.councilDecision?.version;
  }
  return f;
};

interface PartT extends FindingT {
  dept: string;
  partVersion: number;
}
const stateMove =
  (to: string, note: string | null) =>
  (t: PartT): Req => ({ method: 'PUT', url: v1(`/findings/${t.id}/departments/${t.dept}/state`), body: { state: to, note }, ifMatch: t.partVersion });
const partCommands: Subject<PartT>['commands'] = {
  requestPlan: (t) => ({ method: 'POST', url: v1(`/findings/${t.id}/plan-requests`), body: { departmentIds: [t.dept], dueOn: '2099-12-31' } }),
  createPlan: (t) => ({ method: 'POST', url: v1(`/findings/${t.id}/plans`), body: { departmentId: t.dept, problem: 'Adgange gennemgås ikke.' } }),
  assign: stateMove('assigned', null),
  proposeClosure: stateMove('closureProposed', 'Tiltaget er gennemført'),
  close: stateMove('closed', 'Revisionen har set det virke'),
  reopen: stateMove('inProgress', 'Det virker ikke endnu'),
};

interface PlanT {
  id: string;
  version: number;
}
const planCommands: Subject<PlanT>['commands'] = {
  update: (t) => ({ method: 'PATCH', url: v1(`/plans/${t.id}`), body: { problem: 'Adgange gennemgås ikke systematisk.' }, ifMatch: t.version }),
  delete: (t) => ({ method: 'DELETE', url: v1(`/plans/${t.id}`), ifMatch: t.version }),
  submit: (t) => ({ method: 'POST', url: v1(`/plans/${t.id}/submit`), ifMatch: t.version }),
  return: (t) => ({ method: 'POST', url: v1(`/plans/${t.id}/return`), body: { reason: 'Uddyb omfanget' }, ifMatch: t.version }),
  approve: (t) => ({ method: 'POST', url: v1(`/plans/${t.id}/approvals`), body: { approvedOn: '2026-03-01' }, ifMatch: t.version }),
  revise: (t) => ({ method: 'POST', url: v1(`/plans/${t.id}/revise`), ifMatch: t.version }),
};
const readPlan = async (role: Role, t: PlanT) => {
  const p = readable(await send(users[role], { method: 'GET', url: v1(`/plans/${t.id}`) }));
  if (p) t.version = p.version;
  return p;
};

interface AnswerT extends PlanT {
  answerVersion: number;
}
type AnswerState = 'draft' | 'submitted' | 'approved';
const answerUrl = (t: AnswerT, tail = '') => v1(`/plans/${t.id}/answers/reply${tail}`);
const answerCommands: Subject<AnswerT>['commands'] = {
  update: (t) => ({
    method: 'PUT',
    url: answerUrl(t),
    body: { recipients: ['Økonomiudvalget'], responsibleOfficials: ['Jonas Brandt'] },
    ifMatch: t.answerVersion,
  }),
  submit: (t) => ({ method: 'POST', url: answerUrl(t, '/submit'), ifMatch: t.answerVersion }),
  return: (t) => ({ method: 'POST', url: answerUrl(t, '/return'), body: { reason: 'Svaret mangler modtagerne' }, ifMatch: t.answerVersion }),
  approve: (t) => ({ method: 'POST', url: answerUrl(t, '/approvals'), body: { approvedOn: '2026-03-01' }, ifMatch: t.answerVersion }),
  revise: (t) => ({ method: 'POST', url: answerUrl(t, '/revise'), ifMatch: t.answerVersion }),
};
/** The reply (besvarelse) of an approved plan of the department, in the state. */
async function answerIn(dept: string, state: AnswerState): Promise<AnswerT> {
  const p = await planIn(dept, 'approved');
  let a = await as('S', 'PUT', `/plans/${p.id}/answers/reply`, { recipients: ['Økonomiudvalget'] });
  if (state !== 'draft') a = await as('S', 'POST', `/plans/${p.id}/answers/reply/submit`, undefined, a.version);
  if (state === 'approved') a = await as('S', 'POST', `/plans/${p.id}/answers/reply/approvals`, { approvedOn: '2026-03-01' }, a.version);
  return { id: p.id, version: p.version, answerVersion: a.version };
}

interface SubmissionT {
  roundId: string;
  submissionId: string;
  version: number;
  measureId: string | null;
}
const submissionCommands: Subject<SubmissionT>['commands'] = {
  submit: (t) => ({ method: 'POST', url: v1(`/submissions/${t.submissionId}/submit`), ifMatch: t.version }),
  return: (t) => ({ method: 'POST', url: v1(`/submissions/${t.submissionId}/return`), body: { reason: 'Uddyb' }, ifMatch: t.version }),
  accept: (t) => ({ method: 'POST', url: v1(`/submissions/${t.submissionId}/accept`), ifMatch: t.version }),
};

interface AccountT {
  via: Via;
  version: number;
  secret: string | null;
}
type AccountState = 'token' | 'session' | 'totpPending' | 'totpOn';

/** Puts the role's password back (test set-up, not a command): an accepted change made it another. */
async function resetPassword(role: Role): Promise<void> {
  await ctx.engine.db
    .update(userCredentials)
    .set({ passwordHash: cheapHash })
    .where(sql`${userCredentials.userId} = ${users[role]}`);
}

/** Puts the role's own credentials back to a password and no second factor (test set-up, not a command). */
async function resetCredentials(role: Role): Promise<void> {
  await ctx.engine.db
    .update(userCredentials)
    .set({ passwordHash: cheapHash, totpSecret: null, totpEnabledAt: null, totpLastStep: null, failedLogins: 0, lockedUntil: null })
    .where(sql`${userCredentials.userId} = ${users[role]}`);
}

/** The role's own account in the state: credentials reset, then the second factor set up as asked. */
async function accountIn(role: Role, state: AccountState): Promise<AccountT> {
  await resetCredentials(role);
  if (state === 'token') return { via: 'token', version: (await as(role, 'GET', '/account')).version, secret: null };
  const via = await signIn(role);
  let secret: string | null = null;
  if (state !== 'session') {
    const setUp = await send(users[role], { method: 'POST', url: v1('/auth/totp/setup'), body: {} }, via);
    if (setUp.status !== 200) throw new Error(`set-up totp: ${setUp.status} ${JSON.stringify(setUp.body)}`);
    secret = setUp.body.secret;
  }
  if (state === 'totpOn') {
    const on = await send(users[role], { method: 'POST', url: v1('/auth/totp/enable'), body: { code: totpCode(secret!, Date.parse(NOW)) } }, via);
    if (on.status !== 204) throw new Error(`set-up totp enable: ${on.status} ${JSON.stringify(on.body)}`);
  }
  const a = await send(users[role], { method: 'GET', url: v1('/account') }, via);
  return { via, version: a.body.version, secret };
}

const accountCommands: Subject<AccountT>['commands'] = {
  update: (t) => ({ method: 'PATCH', url: v1('/account'), body: { language: 'sv' }, ifMatch: t.version }),
  changePassword: () => ({ method: 'POST', url: v1('/auth/password'), body: { currentPassword: PASSWORD, newPassword: CHANGED_PASSWORD } }),
  setUpTotp: () => ({ method: 'POST', url: v1('/auth/totp/setup'), body: { password: PASSWORD } }),
  // A code that matches the secret when there is one, so only the state can refuse it.
  enableTotp: (t) => ({ method: 'POST', url: v1('/auth/totp/enable'), body: { code: t.secret ? totpCode(t.secret, Date.parse(NOW)) : '000000' } }),
  disableTotp: () => ({ method: 'POST', url: v1('/auth/totp/disable'), body: { password: PASSWORD } }),
  signOutEverywhere: () => ({ method: 'POST', url: v1('/auth/logout-everywhere') }),
  createToken: () => ({ method: 'POST', url: v1('/tokens'), body: { name: 'handling', scopes: ['read'], expiresInDays: 1 } }),
};

function subjects(): Subject<any>[] {
  const list: Subject<any>[] = [];

  // Round submissions (BUF). First, while BUF has few approved plans: every measure in a round's
  // scope is answered to make its submission, so later plans would make each round dearer.
  for (const state of ['draft', 'submitted', 'returned', 'accepted', 'roundClosed'] as const) {
    list.push({
      resource: 'submission BUF',
      state,
      make: () => roundWithSubmission(state),
      read: async (role, t: SubmissionT) => {
        const s = readable(await send(users[role], { method: 'GET', url: v1(`/submissions/${t.submissionId}`) }));
        if (s) t.version = s.version;
        return s?.actions ?? null;
      },
      commands: submissionCommands,
      tables: WORK_TABLES,
    });
  }

  // Follow-up rounds themselves
  for (const state of ['open', 'closed'] as const) {
    list.push({
      resource: 'round',
      state,
      make: async () => {
        const r = await as('S', 'POST', '/rounds', { name: `Handlingsrunde ${++n}`, opensOn: '2026-03-01', dueOn: '2099-12-01' });
        return state === 'open' ? r : as('S', 'POST', `/rounds/${r.id}/close`, undefined, r.version);
      },
      read: async (role, t: { id: string; version: number }) => {
        const r = readable(await send(users[role], { method: 'GET', url: v1(`/rounds/${t.id}`) }));
        if (r) t.version = r.version;
        return r?.actions ?? null;
      },
      commands: {
        update: (t: { id: string; version: number }) => ({
          method: 'PATCH',
          url: v1(`/rounds/${t.id}`),
          body: { name: `Omdøbt runde ${++n}` },
          ifMatch: t.version,
        }),
        close: (t: { id: string; version: number }) => ({ method: 'POST', url: v1(`/rounds/${t.id}/close`), ifMatch: t.version }),
      },
      tables: WORK_TABLES,
      keeps: ['update'],
    });
  }

  // A measure in a round's department answer (BUF)
  const measureStates: [string, SubmissionState, Role | null][] = [
    ['own measure, answer in draft', 'draft', 'O'],
    ["someone else's measure, answer in draft", 'draft', null],
    ['own measure, answer submitted', 'submitted', 'O'],
  ];
  for (const [state, s, owner] of measureStates) {
    list.push({
      resource: 'round measure BUF',
      state,
      make: () => roundWithSubmission(s, { ownerUserId: owner ? users[owner] : null }),
      read: async (role, t: SubmissionT & { entryVersion?: number }) => {
        const dr = readable(await send(users[role], { method: 'GET', url: v1(`/rounds/${t.roundId}/departments/${BUF}`) }));
        const m = dr?.measures.find((x: { measureId: string }) => x.measureId === t.measureId);
        t.entryVersion = m?.entry?.version;
        return m?.actions ?? null;
      },
      commands: {
        answer: (t: SubmissionT & { entryVersion?: number }) => ({
          method: 'PUT',
          url: v1(`/rounds/${t.roundId}/departments/${BUF}/measures/${t.measureId}`),
          body: { status: 'onTrack' },
          ifMatch: t.entryVersion,
        }),
      },
      tables: WORK_TABLES,
      keeps: ['answer'],
    });
  }

  // Audit reports
  list.push({
    resource: 'report',
    state: 'without findings',
    make: () => newReport(),
    read: readReport,
    commands: reportCommands,
    tables: WORK_TABLES,
    keeps: ['update'],
  });
  list.push({
    resource: 'report',
    state: 'with findings',
    make: async () => {
      const r = await newReport();
      await newFinding([BUF], r.id);
      return as('S', 'GET', `/reports/${r.id}`);
    },
    read: readReport,
    commands: reportCommands,
    tables: WORK_TABLES,
    keeps: ['update', 'createFinding'],
  });

  // Findings as a whole
  const findingStates: [string, () => Promise<FindingT>][] = [
    ['new (BUF and SOF assigned)', () => newFinding([BUF, SOF])],
    [
      'plans requested',
      async () => {
        const f = await newFinding([BUF, SOF]);
        await as('S', 'POST', `/findings/${f.id}/plan-requests`, { departmentIds: 'ALL', dueOn: '2099-12-31' });
        return f;
      },
    ],
    ['with a plan in draft', () => findingInState(BUF, 'planDrafted')],
    ['closed', () => findingInState(BUF, 'closed')],
    ['carried over into a later year', () => findingInState(BUF, 'carriedOver')],
    [
      'the later year of a carried finding',
      async () => {
        const f = await findingInState(BUF, 'carriedOver');
        const later = (await as('S', 'GET', `/findings/${f.id}`)).laterYear;
        return as('S', 'GET', `/findings/${later.id}`);
      },
    ],
  ];
  for (const [state, make] of findingStates) {
    list.push({
      resource: 'finding',
      state,
      make,
      read: async (role, t) => (await readFinding(role, t))?.actions ?? null,
      commands: findingCommands,
      tables: WORK_TABLES,
      keeps: ['update', 'setCouncilDecision'],
    });
  }

  // One department's part of a finding
  const partStates: PartState[] = [
    'received',
    'assigned',
    'requested',
    'planDrafted',
    'planApproved',
    'closureProposed',
    'closed',
    'inProgress',
    'carriedOver',
    'carriedOverWithoutPlan',
  ];
  const partSubject = (dept: 'BUF' | 'SOF', state: PartState): Subject<PartT> => ({
    resource: `finding part ${dept}`,
    state,
    make: async () => {
      const id = dept === 'BUF' ? BUF : SOF;
      return { ...(await findingInState(id, state)), dept: id, partVersion: 0 };
    },
    read: async (role, t) => {
      const f = await readFinding(role, t);
      const p = f?.departments.find((d: { departmentId: string }) => d.departmentId === t.dept);
      if (!p) return null;
      t.partVersion = p.version;
      return p.actions;
    },
    commands: partCommands,
    tables: WORK_TABLES,
  });
  for (const s of partStates) list.push(partSubject('BUF', s));
  for (const s of ['assigned', 'planApproved', 'closureProposed'] as PartState[]) list.push(partSubject('SOF', s));

  // Action plans
  const planSubject = (dept: 'BUF' | 'SOF', state: PlanState): Subject<PlanT> => ({
    resource: `plan ${dept}`,
    state,
    make: () => planIn(dept === 'BUF' ? BUF : SOF, state),
    read: async (role, t) => (await readPlan(role, t))?.actions ?? null,
    commands: planCommands,
    tables: WORK_TABLES,
    keeps: ['update'],
  });
  for (const s of ['draft', 'submitted', 'approved', 'revising'] as PlanState[]) list.push(planSubject('BUF', s));
  for (const s of ['draft', 'approved'] as PlanState[]) list.push(planSubject('SOF', s));

  // Answer documents (the reply of an approved plan)
  for (const state of ['draft', 'submitted', 'approved'] as AnswerState[]) {
    list.push({
      resource: 'answer document BUF',
      state,
      make: () => answerIn(BUF, state),
      read: async (role, t: AnswerT) => {
        const p = await readPlan(role, t);
        const a = p?.answers.find((x: { kind: string }) => x.kind === 'reply');
        if (!a) return null;
        t.answerVersion = a.version;
        return a.actions;
      },
      commands: answerCommands,
      tables: WORK_TABLES,
      keeps: ['update'],
    });
  }

  // The municipality's settings
  list.push({
    resource: 'municipality',
    state: 'settings',
    make: () => as('S', 'GET', '/municipality'),
    read: async (role, t: { version: number }) => {
      const m = readable(await send(users[role], { method: 'GET', url: v1('/municipality') }));
      if (m) t.version = m.version;
      return m?.actions ?? null;
    },
    commands: {
      update: (t: { name: string; version: number }) => ({ method: 'PATCH', url: v1('/municipality'), body: { name: `${t.name} (ny)` }, ifMatch: t.version }),
    },
    tables: ['municipalities'],
    keeps: ['update'],
  });

  // One's own account and credentials
  const accountStates: [AccountState, string][] = [
    ['token', 'read with an API token'],
    ['session', 'session, no second factor'],
    ['totpPending', 'session, second factor set up'],
    ['totpOn', 'session, second factor on'],
  ];
  for (const [state, label] of accountStates) {
    list.push({
      resource: 'account',
      state: label,
      perRole: true,
      make: (role) => accountIn(role, state),
      via: (_role, t: AccountT) => t.via,
      read: async (role, t: AccountT, via) => {
        const a = readable(await send(users[role], { method: 'GET', url: v1('/account') }, via));
        if (a) t.version = a.version;
        return a?.actions ?? null;
      },
      commands: accountCommands,
      tables: ACCOUNT_TABLES,
      // A new password (put back below) keeps this session; a new secret keeps a factor pending
      keeps: ['update', 'createToken', 'changePassword', ...(state === 'totpPending' ? ['setUpTotp'] : [])],
      absorb: (key, t: AccountT, res) => {
        if (key === 'setUpTotp') t.secret = res.body.secret;
      },
      after: async (role, key) => {
        if (key === 'changePassword') await resetPassword(role);
        if (key === 'update') await ctx.engine.db.execute(sql`update users set language = null where id = ${users[role]}`);
      },
    });
  }
  return list;
}

// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  ctx = await createTestContext({ config: { loginRateLimit: 100_000, clock: fixedClock(NOW) } });
  const m = await seedMunicipality(ctx.engine, { slug: 'handlinger', departments: ['ØKF', 'BUF', 'SOF'] });
  mid = m.id;
  setup = m.userId;
  BUF = m.departments.BUF!;
  SOF = m.departments.SOF!;
  const grants: Record<Role, { role: Parameters<typeof seedUser>[2]['roles'][number]['role']; departmentId?: string }> = {
    A: { role: 'admin' },
    C: { role: 'centralCoordinator' },
    D: { role: 'departmentCoordinator', departmentId: BUF },
    O: { role: 'measureOwner', departmentId: BUF },
    U: { role: 'auditor' },
    R: { role: 'reader' },
  };
  // argon2id at its minimum cost: the walk signs in a few hundred times
  cheapHash = await argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 });
  for (const r of roles) {
    emails[r] = `${r.toLowerCase()}@handlinger.example`;
    users[r] = await seedUser(ctx.engine, mid, { name: roleName[r], email: emails[r], roles: [grants[r]] });
    await ctx.engine.db.insert(userCredentials).values({ municipalityId: mid, userId: users[r], passwordHash: cheapHash });
    // Each role's token exists before the walk, so making it never shows as a change
    await bearerFor(ctx.app, users[r]);
  }
  await bearerFor(ctx.app, setup);
  reportId = (await newReport(2024)).id;
  laterReportId = (await newReport(2025)).id;
  latestReportId = (await newReport(2026)).id;
}, 60_000);
afterAll(async () => {
  await ctx?.close();
});

/** Where the walk's time goes (printed with the table): making targets, reading, commands, proofs. */
const spent = { make: 0, read: 0, command: 0, proof: 0 };
const counted = { make: 0, read: 0, command: 0, proof: 0, calls: 0 };
async function timed<T>(part: keyof typeof spent, f: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await f();
  } finally {
    spent[part] += performance.now() - t0;
    counted[part]++;
  }
}

describe('actions: role × resource × state', () => {
  it('accepts every action offered and refuses every action withheld, changing nothing when it refuses', async () => {
    const mismatches: string[] = [];
    const table: string[] = [];
    let attempts = 0;
    const REFUSED = [403, 404, 409];
    const started = performance.now();

    // ACTIONS_ONLY=<regex> walks only the matching `resource · state` (for working on one resource).
    const only = process.env.ACTIONS_ONLY ? new RegExp(process.env.ACTIONS_ONLY) : null;
    for (const s of subjects().filter((x) => !only || only.test(`${x.resource} · ${x.state}`))) {
      const row: string[] = [];
      const subjectStarted = performance.now();
      // One target serves every role's reading and refused attempts (a refusal leaves it as it was);
      // the offered commands come after all roles' refusals, so the first may still use it.
      let shared: any = null;
      const offers: { role: Role; base: any; actions: Record<string, boolean> | null; unchanged: boolean; keys: string[] }[] = [];
      for (const role of roles) {
        const label = (key: string) => `${s.resource} · ${s.state} · ${key} as ${role}`;
        const report = (key: string, line: string) => mismatches.push(`${label(key)}: ${line}`);
        let base: any;
        let actions: Record<string, boolean> | null;
        try {
          base = s.perRole ? await timed('make', () => s.make(role)) : (shared ??= await timed('make', () => s.make(role)));
          actions = await timed('read', () => s.read(role, base, s.via?.(role, base) ?? 'token'));
        } catch (err) {
          mismatches.push(`${s.resource} · ${s.state} as ${role}: set-up failed: ${(err as Error).message.slice(0, 400)}`);
          row.push(`${role} –`);
          continue;
        }
        if (actions) {
          const keys = Object.keys(actions).sort();
          const expected = Object.keys(s.commands).sort();
          if (keys.join() !== expected.join())
            mismatches.push(`${s.resource} · ${s.state} as ${role}: actions ${keys.join(',')} but the test knows ${expected.join(',')}`);
        }
        const keys = Object.keys(s.commands);
        const offeredKeys = keys.filter((k) => actions?.[k] === true);
        /** The tables as the last refusal left them: a refusal changes nothing, so it is the next one's "before". */
        let last: Record<string, string> | null = null;
        /** `base` is the target as read above, no command since: its actions are `actions`. */
        let unchanged = true;
        // Withheld, all on the target that was read (a refusal leaves it as it was).
        for (const key of keys.filter((k) => !offeredKeys.includes(k))) {
          attempts++;
          try {
            const before = (last ??= await timed('proof', () => fingerprint(s.tables)));
            const x0 = await timed('proof', nextXid);
            const res = await timed('command', () => send(users[role], s.commands[key]!(base, role), s.via?.(role, base) ?? 'token'));
            if (res.status >= 200 && res.status < 300) {
              report(key, `withheld, but the server accepted it (${res.status})`);
              await s.after?.(role, key);
              // The target changed: the next attempts need one in the state again.
              base = await s.make(role);
              if (!s.perRole) shared = base;
              last = null;
              unchanged = false;
              await s.read(role, base, s.via?.(role, base) ?? 'token');
              continue;
            }
            if (!REFUSED.includes(res.status))
              report(key, `withheld, refused with ${res.status} (expected 403/404/409): ${JSON.stringify(res.body).slice(0, 300)}`);
            if (await timed('proof', () => committedSince(x0))) {
              const after = await timed('proof', () => fingerprint(s.tables));
              last = after;
              const changed = Object.keys(after).filter((t) => before[t] !== after[t]);
              if (changed.length) report(key, `refused (${res.status}) but changed ${changed.join(', ')}`);
            }
          } catch (err) {
            mismatches.push(`${label(key)}: set-up failed: ${(err as Error).message.slice(0, 400)}`);
          }
        }
        offers.push({ role, base, actions, unchanged, keys: offeredKeys });
        row.push(actions === null ? `${role} unreadable/${keys.length}` : `${role} ${offeredKeys.length}/${keys.length - offeredKeys.length}`);
      }

      // Offered: each on a target in the state, read again: the one read above while it is in the
      // state (commands that keep it so go first), else a fresh one.
      const keeps = (key: string) => s.keeps?.includes(key) === true;
      for (const { role, base, actions, keys: offeredKeys, ...o } of offers) {
        const label = (key: string) => `${s.resource} · ${s.state} · ${key} as ${role}`;
        const report = (key: string, line: string) => mismatches.push(`${label(key)}: ${line}`);
        let unchanged = o.unchanged;
        let reusable: any = s.perRole ? base : shared;
        for (const key of [...offeredKeys].sort((a, b) => Number(keeps(b)) - Number(keeps(a)))) {
          attempts++;
          try {
            const target = reusable ?? (await timed('make', () => s.make(role)));
            const via = s.via?.(role, target) ?? 'token';
            const again = target === base && unchanged ? actions : await timed('read', () => s.read(role, target, via));
            unchanged = false;
            if (again?.[key] !== true) {
              mismatches.push(`${label(key)}: set-up: a target in the same state does not offer it when read again`);
              reusable = null;
              continue;
            }
            const res = await timed('command', () => send(users[role], s.commands[key]!(target, role), via));
            if (res.status < 200 || res.status >= 300) {
              report(key, `offered, but the server answered ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
              continue;
            }
            await s.after?.(role, key);
            s.absorb?.(key, target, res);
            reusable = keeps(key) ? target : null;
            // The shared target moved on: the next role needs one in the state
            if (!reusable && target === shared) shared = null;
          } catch (err) {
            mismatches.push(`${label(key)}: set-up failed: ${(err as Error).message.slice(0, 400)}`);
            reusable = null;
          }
        }
        // Another role's command may have changed the shared target (kept in the state, a new version)
        if (!s.perRole && shared && offeredKeys.length) for (const other of offers) other.unchanged = false;
      }
      table.push(`${`${s.resource} · ${s.state}`.padEnd(60)} ${row.map((c) => c.padEnd(16)).join('')}${Math.round(performance.now() - subjectStarted)} ms`);
    }

    console.log(
      `actions: ${attempts} attempts (role × resource state × action) in ${Math.round((performance.now() - started) / 1000)} s (${Object.entries(spent)
        .map(([k, v]) => `${k} ${Math.round(v / 1000)} s`)
        .join(', ')}; ${JSON.stringify(counted)}). Each cell: offered/withheld ("unreadable": the role may not read it, all withheld)\n` +
        `${'resource · state'.padEnd(60)} ${roles.map((r) => r.padEnd(16)).join('')}\n${table.join('\n')}`,
    );
    expect(mismatches, mismatches.join('\n')).toEqual([]);
    expect(attempts).toBeGreaterThan(only ? 0 : 1000);
  }, 600_000);
});
