import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  compareTasks,
  tasksFor,
  type FindingPartState,
  type Grant,
  type OwnedMeasureInput,
  type PartInput,
  type ReportInput,
  type RoundPartInput,
  type TaskKind,
  type TaskState,
} from './tasks.js';

const BUF = { id: 'd-buf', code: 'BUF', name: 'Børne- og Ungdomsforvaltningen' };
const SOF = { id: 'd-sof', code: 'SOF', name: 'Socialforvaltningen' };
const finding = (n: number, confidential = false) => ({ id: `f${n}`, number: n, year: 2025, title: `Bemærkning ${n}`, confidential });
const me = (...roles: Grant[]) => ({ userId: 'u1', roles });
const empty = (roles: Grant[]): TaskState => ({
  me: me(...roles),
  seesConfidential: !roles.every((g) => g.role === 'reader'),
  parts: [],
  rounds: [],
  ownedMeasures: [],
  reports: [],
});
const part = (over: Partial<PartInput>): PartInput => ({ finding: finding(1), department: BUF, state: 'assigned', planRequest: null, plan: null, ...over });
const plan = (over: Partial<NonNullable<PartInput['plan']>>): NonNullable<PartInput['plan']> => ({
  id: 'p1',
  state: 'draft',
  returned: false,
  approvedOn: null,
  measures: 0,
  finishedMeasures: 0,
  ...over,
});
const round = { id: 'r1', name: 'Status august 2025', dueOn: '2025-09-01' };
const TODAY = '2025-08-20';
const kinds = (s: TaskState, today = TODAY) => tasksFor(s, today).map((t) => t.kind);

describe('tasksFor: each role', () => {
  const coordinator: Grant = { role: 'departmentCoordinator', departmentId: BUF.id };

  it("gives a department coordinator its department's requested plans, drafts, returned plans and round answers, nothing of another department", () => {
    const state: TaskState = {
      ...empty([coordinator]),
      parts: [
        part({ planRequest: { requestedAt: '2025-08-01T10:00:00Z', dueOn: '2025-09-15' } }),
        part({ finding: finding(2), state: 'planDrafted', plan: plan({ id: 'p2' }) }),
        part({
          finding: finding(3),
          state: 'planDrafted',
          plan: plan({ id: 'p3', returned: true }),
          planRequest: { requestedAt: '2025-06-01T10:00:00Z', dueOn: '2025-08-01' },
        }),
        part({ finding: finding(4), department: SOF, planRequest: { requestedAt: '2025-08-01T10:00:00Z', dueOn: '2025-09-15' } }),
        part({ finding: finding(5), state: 'planApproved', plan: plan({ id: 'p5', state: 'approved' }) }),
      ],
      rounds: [
        { round: { ...round, open: true }, department: BUF, submission: null, total: 3 },
        { round: { ...round, open: true }, department: SOF, submission: 'returned', total: 3 },
      ],
    };
    const tasks = tasksFor(state, TODAY);
    expect(tasks.map((t) => [t.kind, t.path, t.dueOn, t.overdue])).toEqual([
      ['planReturned', '/plans/p3', '2025-08-01', true],
      ['roundAnswerDue', '/rounds/r1/departments/d-buf', '2025-09-01', false],
      ['planRequested', '/findings/f1', '2025-09-15', false],
      ['planDraft', '/plans/p2', null, false],
    ]);
    expect(tasks[0]).toMatchObject({ finding: { id: 'f3', number: 3, year: 2025, title: 'Bemærkning 3' }, department: BUF, planId: 'p3' });
  });

  it('gives a measure owner the measures to answer in an open round and the overdue ones, but not postponed or finished ones', () => {
    const owned = (id: string, deadlineDue: string | null, latestStatus: string | null, rounds: OwnedMeasureInput['rounds'] = []): OwnedMeasureInput => ({
      measure: { id, number: id, title: `Tiltag ${id}`, deadlineDue, latestStatus },
      planId: 'p1',
      finding: finding(1),
      department: BUF,
      rounds,
    });
    const state: TaskState = {
      ...empty([{ role: 'measureOwner', departmentId: BUF.id }]),
      ownedMeasures: [
        owned('a', '2025-03-31', 'delayed', [{ round, answered: false, submission: 'draft' }]),
        owned('b', '2025-03-31', 'postponed', [{ round, answered: true, submission: 'draft' }]),
        owned('c', '2025-03-31', 'completed'),
        owned('d', '2026-03-31', null, [{ round, answered: false, submission: 'submitted' }]),
        owned('e', '2025-06-30', 'onTrack'),
      ],
    };
    expect(tasksFor(state, TODAY).map((t) => [t.kind, t.measure?.id, t.dueOn, t.path])).toEqual([
      ['measureOverdue', 'a', '2025-03-31', '/plans/p1'],
      ['measureOverdue', 'e', '2025-06-30', '/plans/p1'],
      ['measureToAnswer', 'a', '2025-09-01', '/rounds/r1/departments/d-buf'],
    ]);
  });

  it('gives central coordination submitted plans and answers and overdue plan requests', () => {
    const state: TaskState = {
      ...empty([{ role: 'centralCoordinator', departmentId: null }]),
      parts: [
        part({ state: 'planDrafted', plan: plan({ state: 'submitted' }) }),
        part({ finding: finding(2), planRequest: { requestedAt: '2025-05-01T08:00:00Z', dueOn: '2025-06-01' } }),
        part({ finding: finding(3), planRequest: { requestedAt: '2025-05-01T08:00:00Z', dueOn: '2025-12-01' } }),
        part({
          finding: finding(4),
          state: 'planDrafted',
          plan: plan({ id: 'p4', state: 'submitted' }),
          planRequest: { requestedAt: '2025-05-01T08:00:00Z', dueOn: '2025-06-01' },
        }),
      ],
      rounds: [
        { round: { ...round, open: true }, department: BUF, submission: 'submitted', total: 3 },
        { round: { ...round, open: true }, department: SOF, submission: 'draft', total: 3 },
      ],
    };
    expect(kinds(state)).toEqual(['planRequestOverdue', 'planSubmitted', 'roundAnswerSubmitted', 'planSubmitted']);
  });

  it('gives an auditor proposed closures and parts whose approved plan has every measure finished', () => {
    const state: TaskState = {
      ...empty([{ role: 'auditor', departmentId: null }]),
      parts: [
        part({ state: 'closureProposed', plan: plan({ state: 'approved', measures: 2, finishedMeasures: 1 }) }),
        part({ finding: finding(2), state: 'inProgress', plan: plan({ id: 'p2', state: 'approved', measures: 2, finishedMeasures: 2 }) }),
        part({ finding: finding(3), state: 'inProgress', plan: plan({ id: 'p3', state: 'approved', measures: 2, finishedMeasures: 1 }) }),
        part({ finding: finding(4), state: 'planApproved', plan: plan({ id: 'p4', state: 'approved', measures: 0, finishedMeasures: 0 }) }),
      ],
    };
    expect(tasksFor(state, TODAY).map((t) => [t.kind, t.finding?.id])).toEqual([
      ['closureProposed', 'f1'],
      ['readyForClosure', 'f2'],
    ]);
  });

  it('gives a reader newly approved plans and new reports, never a confidential finding', () => {
    const reports: ReportInput[] = [
      { id: 'rep1', title: 'Revisionsberetning 2024', year: 2024, receivedOn: '2025-08-01' },
      { id: 'rep0', title: 'Revisionsberetning 2023', year: 2023, receivedOn: '2024-08-01' },
    ];
    const state: TaskState = {
      ...empty([{ role: 'reader', departmentId: null }]),
      parts: [
        part({ state: 'planApproved', plan: plan({ state: 'approved', approvedOn: '2025-08-10' }) }),
        part({ finding: finding(2, true), state: 'planApproved', plan: plan({ id: 'p2', state: 'approved', approvedOn: '2025-08-10' }) }),
        part({ finding: finding(3), state: 'planApproved', plan: plan({ id: 'p3', state: 'approved', approvedOn: '2025-01-10' }) }),
      ],
      reports,
    };
    const tasks = tasksFor(state, TODAY);
    expect(tasks.map((t) => [t.kind, t.path])).toEqual([
      ['planApproved', '/plans/p1'],
      ['reportReceived', '/findings?reportId=rep1'],
    ]);
    expect(JSON.stringify(tasks)).not.toContain('Bemærkning 2');
  });

  it('gives nobody anything when nothing waits', () => {
    for (const role of ['admin', 'centralCoordinator', 'departmentCoordinator', 'measureOwner', 'auditor', 'reader'] as const) {
      expect(tasksFor(empty([{ role, departmentId: null }]), TODAY)).toEqual([]);
    }
  });
});

describe('addDays', () => {
  it('crosses months, years and leap days', () => {
    expect(addDays('2025-08-20', -30)).toBe('2025-07-21');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
  });
});

// Properties over arbitrary states

const day = fc.integer({ min: 0, max: 800 }).map((n) => addDays('2024-06-01', n));
const departments = [BUF, SOF, { id: 'd-okf', code: 'ØKF', name: 'Økonomiforvaltningen' }];
const department = fc.constantFrom(...departments);
const findingArb = fc.record({
  id: fc.constantFrom('f1', 'f2', 'f3', 'f4'),
  number: fc.integer({ min: 1, max: 9 }),
  year: fc.constantFrom(2024, 2025),
  title: fc.string({ maxLength: 12 }),
  confidential: fc.boolean(),
});
const partState = fc.constantFrom<FindingPartState>(
  'received',
  'assigned',
  'planDrafted',
  'planApproved',
  'inProgress',
  'closureProposed',
  'closed',
  'carriedOver',
);
const partArb: fc.Arbitrary<PartInput> = fc.record({
  finding: findingArb,
  department,
  state: partState,
  planRequest: fc.option(fc.record({ requestedAt: fc.constant('2024-06-01T08:00:00Z'), dueOn: fc.option(day, { nil: null }) }), { nil: null }),
  plan: fc.option(
    fc.record({
      id: fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5'),
      state: fc.constantFrom('draft' as const, 'submitted' as const, 'approved' as const),
      returned: fc.boolean(),
      approvedOn: fc.option(day, { nil: null }),
      measures: fc.integer({ min: 0, max: 4 }),
      finishedMeasures: fc.integer({ min: 0, max: 4 }),
    }),
    { nil: null },
  ),
});
const roundArb = fc.record({ id: fc.constantFrom('r1', 'r2'), name: fc.constantFrom('Status august 2025', 'Status februar 2026'), dueOn: day });
const submission = fc.option(fc.constantFrom('draft' as const, 'submitted' as const, 'returned' as const, 'accepted' as const), { nil: null });
const roundPartArb: fc.Arbitrary<RoundPartInput> = fc.record({
  round: fc.record({ id: fc.constantFrom('r1', 'r2'), name: fc.constant('Status'), dueOn: day, open: fc.boolean() }),
  department,
  submission,
  total: fc.integer({ min: 0, max: 5 }),
});
const ownedArb: fc.Arbitrary<OwnedMeasureInput> = fc.record({
  measure: fc.record({
    id: fc.constantFrom('m1', 'm2', 'm3', 'm4'),
    number: fc.constantFrom('1', '2'),
    title: fc.string({ maxLength: 8 }),
    deadlineDue: fc.option(day, { nil: null }),
    latestStatus: fc.option(fc.constantFrom('onTrack', 'delayed', 'completed', 'cancelled', 'postponed'), { nil: null }),
  }),
  planId: fc.constantFrom('p1', 'p2'),
  finding: findingArb,
  department,
  rounds: fc.array(fc.record({ round: roundArb, answered: fc.boolean(), submission }), { maxLength: 2 }),
});
const reportArb: fc.Arbitrary<ReportInput> = fc.record({
  id: fc.constantFrom('rep1', 'rep2'),
  title: fc.string({ maxLength: 8 }),
  year: fc.constantFrom(2024, 2025),
  receivedOn: day,
});
const grantArb: fc.Arbitrary<Grant> = fc.record({
  role: fc.constantFrom(
    'admin' as const,
    'centralCoordinator' as const,
    'departmentCoordinator' as const,
    'measureOwner' as const,
    'auditor' as const,
    'reader' as const,
  ),
  departmentId: fc.option(fc.constantFrom(...departments.map((d) => d.id)), { nil: null }),
});
const stateArb: fc.Arbitrary<TaskState> = fc.record({
  me: fc.record({ userId: fc.constant('u1'), roles: fc.array(grantArb, { maxLength: 3 }) }),
  seesConfidential: fc.boolean(),
  parts: fc.array(partArb, { maxLength: 8 }),
  rounds: fc.array(roundPartArb, { maxLength: 4 }),
  ownedMeasures: fc.array(ownedArb, { maxLength: 4 }),
  reports: fc.array(reportArb, { maxLength: 2 }),
});

const coordinatorKinds: TaskKind[] = ['planRequested', 'planReturned', 'planDraft', 'roundAnswerDue', 'roundAnswerReturned'];
const centralKinds: TaskKind[] = ['planSubmitted', 'roundAnswerSubmitted', 'planRequestOverdue'];
const auditorKinds: TaskKind[] = ['closureProposed', 'readyForClosure'];
const readerKinds: TaskKind[] = ['planApproved', 'reportReceived'];

describe('tasksFor: properties', () => {
  it('orders overdue first, then by due date, undated last, with unique keys', () => {
    fc.assert(
      fc.property(stateArb, day, (state, today) => {
        const tasks = tasksFor(state, today);
        for (let i = 1; i < tasks.length; i++) expect(compareTasks(tasks[i - 1]!, tasks[i]!)).toBeLessThanOrEqual(0);
        expect(new Set(tasks.map((t) => t.key)).size).toBe(tasks.length);
        const firstNotOverdue = tasks.findIndex((t) => !t.overdue);
        if (firstNotOverdue >= 0) expect(tasks.slice(firstNotOverdue).every((t) => !t.overdue)).toBe(true);
      }),
    );
  });

  it('marks a task overdue exactly when its due date is before today', () => {
    fc.assert(
      fc.property(stateArb, day, (state, today) => {
        for (const t of tasksFor(state, today)) expect(t.overdue).toBe(t.dueOn !== null && t.dueOn < today);
      }),
    );
  });

  it('shows nothing of a confidential finding to someone who may not see it', () => {
    fc.assert(
      fc.property(stateArb, day, (state, today) => {
        const hidden = new Set(
          [...state.parts.map((p) => p.finding), ...state.ownedMeasures.map((o) => o.finding)].filter((f) => f.confidential).map((f) => f.id),
        );
        const visibleIds = new Set(
          [...state.parts.map((p) => p.finding), ...state.ownedMeasures.map((o) => o.finding)].filter((f) => !f.confidential).map((f) => f.id),
        );
        for (const t of tasksFor({ ...state, seesConfidential: false }, today)) {
          if (t.finding) expect(hidden.has(t.finding.id) && !visibleIds.has(t.finding.id)).toBe(false);
        }
      }),
    );
  });

  it('gives each kind only to the role it belongs to, and department tasks only in the departments held', () => {
    fc.assert(
      fc.property(stateArb, day, (state, today) => {
        const roles = state.me.roles;
        const has = (...r: Grant['role'][]) => roles.some((g) => r.includes(g.role));
        for (const t of tasksFor(state, today)) {
          if (coordinatorKinds.includes(t.kind)) {
            expect(roles.some((g) => g.role === 'departmentCoordinator' && (g.departmentId === null || g.departmentId === t.department?.id))).toBe(true);
          }
          if (centralKinds.includes(t.kind)) expect(has('admin', 'centralCoordinator')).toBe(true);
          if (auditorKinds.includes(t.kind)) expect(has('auditor')).toBe(true);
          if (readerKinds.includes(t.kind)) expect(has('reader')).toBe(true);
        }
      }),
    );
  });

  it('never calls a finished or postponed measure overdue, and an overdue measure stays overdue as days pass', () => {
    fc.assert(
      fc.property(stateArb, day, fc.integer({ min: 0, max: 400 }), (state, today, later) => {
        const overdue = (d: string) =>
          new Set(
            tasksFor(state, d)
              .filter((t) => t.kind === 'measureOverdue')
              .map((t) => t.measure!.id + t.key),
          );
        for (const t of tasksFor(state, today).filter((t) => t.kind === 'measureOverdue')) {
          const source = state.ownedMeasures.filter((o) => o.measure.id === t.measure!.id);
          expect(source.some((o) => !['completed', 'cancelled', 'postponed'].includes(o.measure.latestStatus ?? ''))).toBe(true);
        }
        const after = overdue(addDays(today, later));
        for (const k of overdue(today)) expect(after.has(k)).toBe(true);
      }),
    );
  });

  it('is the same whatever order the state lists come in', () => {
    fc.assert(
      fc.property(stateArb, day, (state, today) => {
        const reversed: TaskState = {
          ...state,
          parts: [...state.parts].reverse(),
          rounds: [...state.rounds].reverse(),
          ownedMeasures: [...state.ownedMeasures].reverse(),
          reports: [...state.reports].reverse(),
        };
        // Duplicated subjects may differ in their other fields; compare the sets of keys.
        expect(
          tasksFor(reversed, today)
            .map((t) => t.key)
            .sort(),
        ).toEqual(
          tasksFor(state, today)
            .map((t) => t.key)
            .sort(),
        );
      }),
    );
  });
});
