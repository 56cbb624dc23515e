/**
 * "What needs me": the things waiting for one person, as a pure function of what the database
 * holds (loaded by the tasks service in a few queries) and today's date in the municipality.
 * Each role has its own kinds; a person holding several roles gets the union.
 */

export type TaskRole = 'admin' | 'centralCoordinator' | 'departmentCoordinator' | 'measureOwner' | 'auditor' | 'reader';
export type FindingPartState = 'received' | 'assigned' | 'planDrafted' | 'planApproved' | 'inProgress' | 'closureProposed' | 'closed' | 'carriedOver';
export type PlanState = 'draft' | 'submitted' | 'approved';
export type SubmissionState = 'draft' | 'submitted' | 'returned' | 'accepted';

export const taskKinds = [
  // Department coordinator
  'planRequested',
  'planReturned',
  'planDraft',
  'roundAnswerDue',
  'roundAnswerReturned',
  // Measure owner
  'measureToAnswer',
  'measureOverdue',
  // Central coordination
  'planSubmitted',
  'roundAnswerSubmitted',
  'planRequestOverdue',
  // Auditor
  'closureProposed',
  'readyForClosure',
  // Reader
  'planApproved',
  'reportReceived',
] as const;
export type TaskKind = (typeof taskKinds)[number];

/** How long an approved plan or a received report counts as new to a reader. */
export const NEW_FOR_DAYS = 30;

export interface Grant {
  role: TaskRole;
  /** Null: municipality-wide. */
  departmentId: string | null;
}
export interface FindingRef {
  id: string;
  number: number;
  year: number;
  title: string;
  confidential: boolean;
}
export interface DepartmentRef {
  id: string;
  code: string;
  name: string;
}
export interface RoundRef {
  id: string;
  name: string;
  dueOn: string;
}

/** One department's part of a finding, with the department's plan for it. */
export interface PartInput {
  finding: FindingRef;
  department: DepartmentRef;
  state: FindingPartState;
  /** Central coordination's request for the plan (finding_departments.plan_*). */
  planRequest: { requestedAt: string; dueOn: string | null } | null;
  plan: {
    id: string;
    state: PlanState;
    /** The last workflow step was "return": a draft sent back for correction. */
    returned: boolean;
    /** Date of the latest approval, when approved. */
    approvedOn: string | null;
    measures: number;
    /** Measures whose latest submitted status is completed or cancelled. */
    finishedMeasures: number;
  } | null;
}

/** One department in one status round. */
export interface RoundPartInput {
  round: RoundRef & { open: boolean };
  department: DepartmentRef;
  submission: SubmissionState | null;
  /** Measures the department answers in the round. */
  total: number;
}

/** A measure the person owns, in an approved plan. */
export interface OwnedMeasureInput {
  measure: { id: string; number: string; title: string; deadlineDue: string | null; latestStatus: string | null };
  planId: string;
  finding: FindingRef;
  department: DepartmentRef;
  /** Open status rounds whose scope holds the measure. */
  rounds: { round: RoundRef; answered: boolean; submission: SubmissionState | null }[];
}

export interface ReportInput {
  id: string;
  title: string;
  year: number;
  /** When it arrived (or was registered). */
  receivedOn: string;
}

export interface TaskState {
  me: { userId: string; roles: Grant[] };
  /** Staff see confidential findings; readers do not, not even their titles. */
  seesConfidential: boolean;
  parts: PartInput[];
  rounds: RoundPartInput[];
  ownedMeasures: OwnedMeasureInput[];
  reports: ReportInput[];
}

export interface Task {
  kind: TaskKind;
  /** Unique within one answer: the kind and the subject's ids. */
  key: string;
  finding: Omit<FindingRef, 'confidential'> | null;
  department: DepartmentRef | null;
  round: { id: string; name: string } | null;
  measure: { id: string; number: string; title: string } | null;
  report: { id: string; title: string; year: number } | null;
  planId: string | null;
  dueOn: string | null;
  overdue: boolean;
  /** The web app's page where the thing is done. */
  path: string;
}

const central = (roles: Grant[]) => roles.some((g) => g.role === 'admin' || g.role === 'centralCoordinator');
const holds = (roles: Grant[], role: TaskRole) => roles.some((g) => g.role === role);
/** Holds the role in the department or municipality-wide. */
const holdsIn = (roles: Grant[], role: TaskRole, departmentId: string) =>
  roles.some((g) => g.role === role && (g.departmentId === null || g.departmentId === departmentId));

/** The ISO date `days` after (or before, negative) a YYYY-MM-DD date. */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const finished = (status: string | null) => status === 'completed' || status === 'cancelled';
const preApproval: ReadonlySet<FindingPartState> = new Set(['received', 'assigned', 'planDrafted']);

/** Overdue first (the longest overdue on top), then by due date, undated last; ties in a fixed order. */
export function compareTasks(a: Task, b: Task): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (a.dueOn !== b.dueOn) {
    if (a.dueOn === null) return 1;
    if (b.dueOn === null) return -1;
    return a.dueOn < b.dueOn ? -1 : 1;
  }
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Everything waiting for `state.me` on `today` (YYYY-MM-DD, the municipality's date), in the order to do it. */
export function tasksFor(state: TaskState, today: string): Task[] {
  const { me } = state;
  const out = new Map<string, Task>();
  const visible = (f: FindingRef) => state.seesConfidential || !f.confidential;
  const findingOf = (f: FindingRef) => ({ id: f.id, number: f.number, year: f.year, title: f.title });
  const add = (
    t: Omit<Task, 'key' | 'overdue' | 'finding' | 'department' | 'round' | 'measure' | 'report' | 'planId'> &
      Partial<Pick<Task, 'finding' | 'department' | 'round' | 'measure' | 'report' | 'planId'>>,
    ...ids: string[]
  ) => {
    const key = [t.kind, ...ids].join(':');
    if (out.has(key)) return;
    out.set(key, {
      kind: t.kind,
      key,
      finding: t.finding ?? null,
      department: t.department ?? null,
      round: t.round ?? null,
      measure: t.measure ?? null,
      report: t.report ?? null,
      planId: t.planId ?? null,
      dueOn: t.dueOn,
      overdue: t.dueOn !== null && t.dueOn < today,
      path: t.path,
    });
  };
  const isCentral = central(me.roles);
  const newSince = addDays(today, -NEW_FOR_DAYS);

  for (const p of state.parts) {
    if (!visible(p.finding)) continue;
    const finding = findingOf(p.finding);
    const department = p.department;
    const open = p.state !== 'closed' && p.state !== 'carriedOver';
    const findingPath = `/findings/${p.finding.id}`;
    const requestDue = p.planRequest?.dueOn ?? null;

    if (open && holdsIn(me.roles, 'departmentCoordinator', department.id)) {
      if (p.plan === null && p.planRequest !== null && preApproval.has(p.state)) {
        add({ kind: 'planRequested', finding, department, dueOn: requestDue, path: findingPath }, p.finding.id, department.id);
      } else if (p.plan?.state === 'draft') {
        const kind = p.plan.returned ? 'planReturned' : 'planDraft';
        add({ kind, finding, department, planId: p.plan.id, dueOn: requestDue, path: `/plans/${p.plan.id}` }, p.plan.id);
      }
    }

    if (open && isCentral) {
      if (p.plan?.state === 'submitted') {
        add({ kind: 'planSubmitted', finding, department, planId: p.plan.id, dueOn: requestDue, path: `/plans/${p.plan.id}` }, p.plan.id);
      }
      if (p.planRequest !== null && requestDue !== null && requestDue < today && preApproval.has(p.state) && (p.plan === null || p.plan.state === 'draft')) {
        add({ kind: 'planRequestOverdue', finding, department, planId: p.plan?.id ?? null, dueOn: requestDue, path: findingPath }, p.finding.id, department.id);
      }
    }

    if (holds(me.roles, 'auditor')) {
      if (p.state === 'closureProposed') {
        add({ kind: 'closureProposed', finding, department, dueOn: null, path: findingPath }, p.finding.id, department.id);
      } else if (
        (p.state === 'planApproved' || p.state === 'inProgress') &&
        p.plan?.state === 'approved' &&
        p.plan.measures > 0 &&
        p.plan.finishedMeasures >= p.plan.measures
      ) {
        add({ kind: 'readyForClosure', finding, department, planId: p.plan.id, dueOn: null, path: findingPath }, p.finding.id, department.id);
      }
    }

    if (
      holds(me.roles, 'reader') &&
      !p.finding.confidential &&
      p.plan?.state === 'approved' &&
      p.plan.approvedOn !== null &&
      p.plan.approvedOn >= newSince &&
      p.plan.approvedOn <= today
    ) {
      add({ kind: 'planApproved', finding, department, planId: p.plan.id, dueOn: null, path: `/plans/${p.plan.id}` }, p.plan.id);
    }
  }

  for (const r of state.rounds) {
    const round = { id: r.round.id, name: r.round.name };
    const path = `/rounds/${r.round.id}/departments/${r.department.id}`;
    if (r.round.open && r.total > 0 && holdsIn(me.roles, 'departmentCoordinator', r.department.id)) {
      if (r.submission === null || r.submission === 'draft')
        add({ kind: 'roundAnswerDue', round, department: r.department, dueOn: r.round.dueOn, path }, r.round.id, r.department.id);
      else if (r.submission === 'returned')
        add({ kind: 'roundAnswerReturned', round, department: r.department, dueOn: r.round.dueOn, path }, r.round.id, r.department.id);
    }
    if (isCentral && r.submission === 'submitted') {
      add({ kind: 'roundAnswerSubmitted', round, department: r.department, dueOn: r.round.dueOn, path }, r.round.id, r.department.id);
    }
  }

  for (const o of state.ownedMeasures) {
    if (!visible(o.finding)) continue;
    const finding = findingOf(o.finding);
    const measure = { id: o.measure.id, number: o.measure.number, title: o.measure.title };
    for (const r of o.rounds) {
      if (r.answered || r.submission === 'submitted' || r.submission === 'accepted') continue;
      add(
        {
          kind: 'measureToAnswer',
          finding,
          department: o.department,
          measure,
          round: { id: r.round.id, name: r.round.name },
          planId: o.planId,
          dueOn: r.round.dueOn,
          path: `/rounds/${r.round.id}/departments/${o.department.id}`,
        },
        r.round.id,
        o.measure.id,
      );
    }
    // Postponed measures wait for an outside event: neither overdue nor on track.
    const due = o.measure.deadlineDue;
    if (due !== null && due < today && !finished(o.measure.latestStatus) && o.measure.latestStatus !== 'postponed') {
      add({ kind: 'measureOverdue', finding, department: o.department, measure, planId: o.planId, dueOn: due, path: `/plans/${o.planId}` }, o.measure.id);
    }
  }

  if (holds(me.roles, 'reader')) {
    for (const r of state.reports) {
      if (r.receivedOn >= newSince && r.receivedOn <= today) {
        add({ kind: 'reportReceived', report: { id: r.id, title: r.title, year: r.year }, dueOn: null, path: `/findings?reportId=${r.id}` }, r.id);
      }
    }
  }

  return [...out.values()].sort(compareTasks);
}
