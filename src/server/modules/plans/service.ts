import { isStaff, userOf } from '../access/grants.js';
import { canSeePlan, visibilityOf } from '../access/visibility.js';
import { findingPolicy } from '../findings/policy.js';
import { answerActions, planActions, planPolicy as policy } from './policy.js';
import { defaultMeasure, defaultTarget, planCovers } from '../../../domain/account-plan.js';
import { defaultSystemMeasure, defaultSystemTarget } from '../../../domain/system-plan.js';
import { daysBetween, formatDeadline } from '../../../domain/deadline.js';
import type { Category } from '../../../domain/reconciliation.js';
import { balanceRepository } from '../balance/repository.js';
import { checkPlan, type Breach } from '../../../domain/guidance.js';
import type { Locale } from '../../../domain/i18n.js';
import type { Actor } from '../../context.js';
import type { Database, Executor } from '../../db/engine.js';
import { conflict, invalid, notFound, Problem, versionConflict, type FieldError } from '../../http/problem.js';
import { iso } from '../../http/schemas.js';
import type { ServiceOptions } from '../../service-options.js';
import { runCommand, type ChangeRecorder } from '../../unit-of-work.js';
import { findingRepository } from '../findings/repository.js';
import { roundsRepository } from '../rounds/repository.js';
import { advanceFindingState } from '../findings/state.js';
import { deadlineDto, deadlineField, type StoredDeadline } from '../shared/deadline-field.js';
import { carryOverFinding, type CarryOverInputT } from './carry-over.js';
import { accountSubject, loadPlanForCheck } from './check.js';
import { renumber } from './numbering.js';
import { answerRevisionsOf, answersAsApproved, answerSnapshotOf, approvedAnswerRevision, keepAnswerRevision, type AnswerSnapshot } from './answer-revisions.js';
import { approvedMeasuresOf, approvedRevisionNumber, compareSnapshots, plansAsApproved, revisionInProgress, snapshotOf, snapshotRow, type PlanSnapshot } from './revisions.js';
import { planRepository as repo, type AnswerRow, type MeasureRow, type MeetingRow, type AnyPlanHeader, type PlanFilter, type PlanHeader, type PlanRow, type RevisionRow } from './repository.js';
import type { AccountPlanInputT, AnswerInputT, ApprovalInputT, MeasureInputT, MeasurePatchT, PlanInputT, PlanPatchT } from './schemas.js';

type AnswerKind = AnswerRow['kind'];

function measureDto(m: MeasureRow, recommendationIds: string[], locale: Locale, names: Map<string, string> = new Map()) {
  return {
    id: m.id,
    planId: m.planId,
    position: m.position,
    number: m.number,
    title: m.title,
    text: m.text,
    responsibleUnit: m.responsibleUnit,
    responsiblePerson: m.responsiblePerson,
    ownerUserId: m.ownerUserId,
    ownerName: m.ownerUserId ? (names.get(m.ownerUserId) ?? null) : null,
    deadline: deadlineDto(m.deadline, locale),
    followUpPoint: m.followUpPoint,
    expectedEffect: m.expectedEffect,
    recommendationIds,
    carriedFromMeasureId: m.carriedFromMeasureId,
    version: m.version,
    createdAt: iso(m.createdAt),
    updatedAt: iso(m.updatedAt),
  };
}

export type MeasureDto = ReturnType<typeof measureDto>;

const meetingRef = (m: MeetingRow) => ({ id: m.id, body: m.body, heldOn: m.heldOn, agendaItem: m.agendaItem });

/** `a` is the answer as shown (the approved revision for a reader while a new one is written); `original` its row. */
function answerDto(actor: Actor, departmentId: string, a: AnswerRow, meetings: Map<string, MeetingRow>, names: Map<string, string>, original: AnswerRow, approvedView: boolean) {
  const approvedAt = a.approvedAtMeetingId ? meetings.get(a.approvedAtMeetingId) : undefined;
  return {
    id: a.id,
    planId: a.planId,
    kind: a.kind,
    dueDate: a.dueDate,
    decisionPlan: a.decisionPlan.flatMap((id) => {
      const meeting = meetings.get(id);
      return meeting ? [meetingRef(meeting)] : [];
    }),
    recipients: a.recipients,
    responsibleOfficials: a.responsibleOfficials,
    sentOn: a.sentOn,
    state: a.state,
    revision: a.revision,
    /** The revision in force (approved); null when the answer was never approved. */
    approvedRevision: approvedAnswerRevision(original),
    view: approvedView ? ('approved' as const) : ('working' as const),
    returnComment: a.state === 'draft' ? a.returnComment : null,
    approval:
      a.state === 'approved' && a.approvedOn
        ? { approvedOn: a.approvedOn, approvedByName: a.approvedBy ? (names.get(a.approvedBy) ?? null) : null, meeting: approvedAt ? meetingRef(approvedAt) : null, note: a.approvalNote }
        : null,
    actions: answerActions(actor, departmentId, original.state),
    version: a.version,
    createdAt: iso(a.createdAt),
    updatedAt: iso(a.updatedAt),
  };
}

/**
 * Answer documents with their meetings and approvers; `departmentOf` names each one's plan's
 * department. Readers read an answer writing a new revision as its approved revision.
 */
async function answerDtos(ex: Executor, actor: Actor, rows: AnswerRow[], departmentOf: (planId: string) => string) {
  const mid = actor.municipalityId;
  const approvedView = readsApproved(actor);
  const shown = approvedView ? await answersAsApproved(ex, mid, rows) : rows;
  const meetingIds = shown.flatMap((a) => [...a.decisionPlan, ...(a.approvedAtMeetingId ? [a.approvedAtMeetingId] : [])]);
  const meetings = await repo.meetingsByIds(ex, mid, [...new Set(meetingIds)]);
  const byId = new Map(meetings.map((m) => [m.id, m]));
  const names = new Map((await repo.usersByIds(ex, mid, [...new Set(shown.flatMap((a) => (a.approvedBy ? [a.approvedBy] : [])))])).map((u) => [u.id, u.name]));
  return shown.map((a, i) => answerDto(actor, departmentOf(a.planId), a, byId, names, rows[i]!, approvedView));
}

/** The account facts the editor's live guidance check needs (the target is the plan's own `extent`). */
const checkFacts = (s: Awaited<ReturnType<typeof accountSubject>>) =>
  s ? { category: s.category, followUpOre: s.followUpOre, thresholdOre: s.thresholdOre, consequence: s.consequence } : null;

/** Readers (who may not see unapproved plans) read a plan as approved; staff read its rows as they stand. */
const readsApproved = (actor: Actor) => !visibilityOf(actor).unapprovedPlans;

/** Loads plans with their measures, approvals, acceptances and answers in a fixed number of queries. */
async function planDtos(ex: Executor, actor: Actor, plans: AnyPlanHeader[]) {
  const mid = actor.municipalityId;
  const locale = actor.locale;
  const approvedView = readsApproved(actor);
  const ids = plans.map((p) => p.id);
  // One query at a time: inside a transaction they share one connection
  const shown = approvedView ? await plansAsApproved(ex, mid, plans) : plans;
  let measureRows: MeasureRow[];
  const recommendationsOf = new Map<string, string[]>();
  if (approvedView) {
    const approved = await approvedMeasuresOf(ex, mid, plans);
    for (const m of approved) recommendationsOf.set(m.id, m.recommendationIds);
    measureRows = approved;
  } else {
    measureRows = await repo.measuresOf(ex, mid, ids);
    for (const l of await repo.linksOf(ex, mid, measureRows.map((m) => m.id))) recommendationsOf.set(l.measureId, [...(recommendationsOf.get(l.measureId) ?? []), l.recommendationId]);
  }
  const approvals = await repo.approvalsOf(ex, mid, ids);
  const acceptances = await repo.acceptancesOf(ex, mid, ids);
  const departmentOf = new Map(plans.map((p) => [p.id, p.departmentId]));
  const answerList = await answerDtos(ex, actor, await repo.answersOf(ex, mid, ids), (planId) => departmentOf.get(planId) ?? '');
  const people = [...new Set([...measureRows.flatMap((m) => (m.ownerUserId ? [m.ownerUserId] : [])), ...plans.flatMap((p) => (p.returnedBy ? [p.returnedBy] : []))])];
  const names = new Map((await repo.usersByIds(ex, mid, people)).map((u) => [u.id, u.name]));
  // What the guidance check knows of a balance account (only single plans have one; lists hold finding plans)
  const subjects = new Map<string, Awaited<ReturnType<typeof accountSubject>>>();
  for (const p of plans) if (p.account) subjects.set(p.id, await accountSubject(ex, mid, p.account.reconciliationId, p.extent));
  return shown.map((p, i) => {
    const original = plans[i]!;
    return {
      id: p.id,
      // Lists join the finding, so they hold finding plans only; a balance account's plan is read one at a time.
      subjectKind: p.subjectKind,
      findingId: p.findingId,
      finding:
        p.findingId !== null && p.findingNumber !== null
          ? { id: p.findingId, number: p.findingNumber, title: p.findingTitle ?? '', reportYear: p.reportYear ?? 0, confidential: p.findingConfidential ?? false }
          : null,
      account: p.account ? { ...p.account, check: checkFacts(subjects.get(p.id) ?? null) } : null,
      systemReconciliation: p.systemReconciliation ?? null,
      departmentId: p.departmentId,
      departmentCode: p.departmentCode,
      crossCutting: p.crossCutting,
      problem: p.problem,
      extent: p.extent,
      overallDeadline: deadlineDto(p.overallDeadline, locale),
      state: p.state,
      revision: p.revision,
      approvedRevision: approvedRevisionNumber(original),
      view: approvedView ? ('approved' as const) : ('working' as const),
      returnComment:
        !approvedView && original.state === 'draft' && original.returnComment
          ? { comment: original.returnComment, at: original.returnedAt ? iso(original.returnedAt) : null, byName: original.returnedBy ? (names.get(original.returnedBy) ?? null) : null }
          : null,
      actions: planActions(actor, original),
      version: p.version,
      measures: measureRows.filter((m) => m.planId === p.id).map((m) => measureDto(m, [...(recommendationsOf.get(m.id) ?? [])].sort(), locale, names)),
      approvals: approvals
        .filter((a) => a.approval.planId === p.id)
        .map(({ approval, approvedByName, meeting }) => ({
          id: approval.id,
          approvedBy: approval.approvedBy,
          approvedByName,
          approvedOn: approval.approvedOn,
          meeting: meeting ? meetingRef(meeting) : null,
          note: approval.note,
          revision: approval.revision,
          overrideReason: approval.overrideReason,
        })),
      acceptances: acceptances
        .filter((a) => a.planId === p.id)
        .map((a) => ({ id: a.id, code: a.code, measureId: a.measureId, field: a.field, reason: a.reason, acceptedBy: a.acceptedBy, acceptedAt: iso(a.acceptedAt) })),
      answers: answerList.filter((a) => a.planId === p.id),
      createdAt: iso(p.createdAt),
      updatedAt: iso(p.updatedAt),
    };
  });
}

export type PlanDto = Awaited<ReturnType<typeof planDtos>>[number];

/** Where a breach points in the plan, for the 422 of a blocked submission. */
function breachField(b: Breach): string {
  if (b.code === 'recommendation.uncovered') return `recommendations.${b.recommendationNumber}`;
  if (b.code.startsWith('plan.') || b.measureNumber === null) return `plan.${b.field}`;
  return `measures.${b.measureNumber}.${b.field}`;
}

const approvedLocked = () =>
  new Problem(
    409,
    'locked',
    {
      da: 'Handleplanen er godkendt og kan ikke ændres. Start en ny revision for at ændre den',
      sv: 'Planen är godkänd och kan inte ändras. Starta en ny revision för att ändra den',
      en: 'The plan is approved and cannot be changed. Start a new revision to change it',
    },
    [{ field: 'plan', code: 'plan.approvedLocked', message: 'The plan is approved; revise it to change it' }],
    { code: 'plan.approvedLocked' },
  );

const answerApprovedLocked = () =>
  new Problem(
    409,
    'locked',
    { da: 'Svaret er godkendt og kan ikke ændres. Start en ny revision', sv: 'Svaret är godkänt och kan inte ändras. Starta en ny revision', en: 'The answer is approved and cannot be changed. Start a new revision' },
    [{ field: 'answer', code: 'answer.approvedLocked', message: 'The answer is approved; revise it to change it' }],
    { code: 'answer.approvedLocked' },
  );

function assertAnswerWritable(answer: Pick<AnswerRow, 'state'>): void {
  if (answer.state === 'approved') throw answerApprovedLocked();
  if (answer.state === 'submitted') {
    throw new Problem(
      409,
      'locked',
      { da: 'Svaret er sendt til godkendelse og kan ikke ændres, før det sendes tilbage', sv: 'Svaret är inskickat för godkännande och kan inte ändras förrän det skickas tillbaka', en: 'The answer is submitted for approval and cannot be changed until it is returned' },
      [{ field: 'answer', code: 'answer.locked', message: 'The answer is submitted; return it before editing' }],
    );
  }
}

/** Refuses a change to a plan that is submitted (until returned) or approved (until revised). */
function assertWritable(plan: Pick<PlanRow, 'state'>): void {
  if (plan.state === 'submitted') throw locked();
  if (plan.state === 'approved') throw approvedLocked();
}

const locked = () =>
  new Problem(
    409,
    'locked',
    {
      da: 'Handleplanen er indsendt til godkendelse og kan ikke ændres, før den er sendt tilbage',
      sv: 'Planen är inskickad för godkännande och kan inte ändras förrän den har skickats tillbaka',
      en: 'The plan is submitted for approval and cannot be changed until it is returned',
    },
    [{ field: 'plan', code: 'plan.locked', message: 'The plan is submitted for approval; return it before editing' }],
  );

const notSubmitted = (state: string) =>
  conflict(
    { da: 'Kun en indsendt handleplan kan behandles', sv: 'Endast en inskickad plan kan behandlas', en: 'Only a submitted plan can be returned or approved' },
    [{ field: 'plan', code: 'plan.notSubmitted', message: `The plan is ${state}` }],
  );

/** The guidance errors not accepted with a reason, as the field errors of a 422. */
const openErrors = (breaches: Breach[]): FieldError[] =>
  breaches.filter((b) => b.severity === 'error' && b.accepted === null).map((b) => ({ field: breachField(b), code: b.code, message: b.message }));

const numberTaken = (field: string): FieldError => ({ field, code: 'measure.numberTaken', message: 'Another measure of this plan has that number' });

/** The reader rules of plans; the balance register is staff-only (readers see the annual report), so are its accounts' plans. */
function planVisible(actor: Actor, plan: AnyPlanHeader): boolean {
  if (plan.subjectKind !== 'finding' && !isStaff(actor)) return false;
  // A plan writing a new revision is still approved (its previous revision) for readers
  return canSeePlan(actor, { state: approvedRevisionNumber(plan) !== null ? 'approved' : plan.state, findingConfidential: plan.findingConfidential ?? false });
}

export function createPlansService(db: Database, _opts: ServiceOptions) {
  async function requirePlan(ex: Executor, actor: Actor, id: string): Promise<AnyPlanHeader> {
    const plan = await repo.getAnyPlan(ex, actor.municipalityId, id);
    if (!plan || !planVisible(actor, plan)) throw notFound('plan', id);
    return plan;
  }

  async function getPlan(ex: Executor, actor: Actor, id: string): Promise<PlanDto> {
    const [dto] = await planDtos(ex, actor, [await requirePlan(ex, actor, id)]);
    return dto!;
  }

  /** The plan at the version the client saw, once `authorize` allows the actor; 409 with the current plan otherwise. */
  async function planAt(ex: Executor, actor: Actor, id: string, version: number, authorize: (plan: AnyPlanHeader) => void): Promise<AnyPlanHeader> {
    const plan = await requirePlan(ex, actor, id);
    authorize(plan);
    if (plan.version !== version) throw versionConflict(await getPlan(ex, actor, id), plan.version);
    return plan;
  }

  async function bumpPlan(ex: Executor, actor: Actor, plan: AnyPlanHeader, values: Partial<PlanRow>): Promise<PlanRow> {
    const row = await repo.updatePlan(ex, actor.municipalityId, plan.id, plan.version, { ...values, updatedBy: actor.userId });
    if (!row) {
      const current = await getPlan(ex, actor, plan.id);
      throw versionConflict(current, current.version);
    }
    return row;
  }

  async function requireMeasure(ex: Executor, actor: Actor, id: string): Promise<MeasureRow> {
    const m = await repo.getMeasure(ex, actor.municipalityId, id);
    if (!m) throw notFound('measure', id);
    // A measure is visible exactly when its plan is.
    const plan = await repo.getAnyPlan(ex, actor.municipalityId, m.planId);
    if (!plan || !planVisible(actor, plan)) throw notFound('measure', id);
    return m;
  }

  /** A measure about to change: its row and DTO at this version, and its plan, which must not be locked. */
  async function editableMeasure(tx: Executor, actor: Actor, id: string, version: number) {
    const measure = await requireMeasure(tx, actor, id);
    const plan = await requirePlan(tx, actor, measure.planId);
    policy.write(actor, plan.departmentId);
    const before = await getMeasure(tx, actor, id);
    if (measure.version !== version) throw versionConflict(before, measure.version);
    assertWritable(plan);
    if (measure.removedInRevision !== null) {
      throw conflict({ da: 'Tiltaget er fjernet fra handleplanen', sv: 'Åtgärden är borttagen ur planen', en: 'The measure was removed from the plan' }, [
        { field: 'measure', code: 'measure.removed', message: `Removed in revision ${measure.removedInRevision}` },
      ]);
    }
    return { measure, before, plan };
  }

  async function getMeasure(ex: Executor, actor: Actor, id: string): Promise<MeasureDto> {
    const m = await requireMeasure(ex, actor, id);
    const approved = await approvedMeasureForReader(ex, actor, m);
    const shown = approved ?? m;
    const names = new Map((await repo.usersByIds(ex, actor.municipalityId, shown.ownerUserId ? [shown.ownerUserId] : [])).map((u) => [u.id, u.name]));
    if (approved) return measureDto(approved, approved.recommendationIds, actor.locale, names);
    const links = await repo.linksOf(ex, actor.municipalityId, [id]);
    return measureDto(m, links.map((l) => l.recommendationId), actor.locale, names);
  }

  /**
   * For a reader, a measure of a plan writing a new revision as the approved revision holds it
   * (404 for one the draft added); undefined when the reader sees the row itself (or for staff).
   */
  async function approvedMeasureForReader(ex: Executor, actor: Actor, m: MeasureRow) {
    if (!readsApproved(actor)) return undefined;
    const plan = await repo.getAnyPlan(ex, actor.municipalityId, m.planId);
    if (!plan || !revisionInProgress(plan)) return undefined;
    const approved = (await approvedMeasuresOf(ex, actor.municipalityId, [plan])).find((x) => x.id === m.id);
    if (!approved) throw notFound('measure', m.id);
    return approved;
  }

  /** 422 naming `field` unless the user may own a measure of the department's plan (a user of the department, or holding a role there). */
  async function checkOwner(ex: Executor, actor: Actor, departmentId: string, userId: string | null | undefined, field: string): Promise<void> {
    if (!userId) return;
    const candidates = await repo.departmentUsers(ex, actor.municipalityId, departmentId);
    if (!candidates.some((u) => u.id === userId)) {
      throw invalid([{ field, code: 'measure.ownerNotInDepartment', message: "The owner must be an active user of the plan's department" }]);
    }
  }

  /** Errors for recommendation ids that are not the finding's, named `${field}.${index}`. */
  async function recommendationErrors(ex: Executor, actor: Actor, findingId: string | null, ids: string[], field: string): Promise<FieldError[]> {
    if (!ids.length) return [];
    // A balance account's plan has no recommendations to address
    const own = new Set(findingId === null ? [] : (await repo.recommendationsOf(ex, actor.municipalityId, findingId)).map((r) => r.id));
    return ids.flatMap((id, i) =>
      own.has(id) ? [] : [{ field: `${field}.${i}`, code: 'recommendation.unknown', message: `Recommendation ${id} does not belong to the plan's finding` }],
    );
  }

  /** Checks a department is allowed to hold the plan: affected by the finding, or any for a cross-cutting plan. */
  async function checkDepartment(ex: Executor, actor: Actor, findingId: string, departmentId: string, crossCutting: boolean): Promise<void> {
    const ok = crossCutting
      ? await repo.departmentExists(ex, actor.municipalityId, departmentId)
      : (await repo.findingDepartmentIds(ex, actor.municipalityId, findingId)).includes(departmentId);
    if (!ok) {
      throw invalid([
        {
          field: 'body.departmentId',
          code: crossCutting ? 'department.unknown' : 'plan.departmentNotAffected',
          message: crossCutting ? 'Unknown department' : 'The department is not among the finding’s affected departments',
        },
      ]);
    }
  }

  const partsOf = (plan: Pick<PlanRow, 'crossCutting' | 'departmentId'>): string[] | 'all' => (plan.crossCutting ? 'all' : [plan.departmentId]);

  /**
   * A plan for a subject other than a finding (a balance account's or a system reconciliation's):
   * its target kept in `extent`, its deadline, and a first measure with the responsible, so the
   * plan starts with someone answerable for it. The rest is written in the plan editor.
   */
  async function insertSubjectPlan(
    tx: Executor,
    actor: Actor,
    changes: ChangeRecorder,
    p: {
      subject: { subjectKind: 'accountReconciliation'; accountReconciliationId: string } | { subjectKind: 'systemReconciliation'; systemReconciliationId: string };
      departmentId: string;
      problem: string | null;
      target: string;
      deadline: StoredDeadline;
      firstMeasure: { title: string; followUpPoint: string; responsible: string };
    },
  ): Promise<PlanDto> {
    const plan = await repo.insertPlan(tx, {
      municipalityId: actor.municipalityId,
      ...p.subject,
      departmentId: p.departmentId,
      problem: p.problem,
      extent: p.target,
      overallDeadline: p.deadline.text,
      overallDeadlineDue: p.deadline.due,
      createdBy: actor.userId,
      updatedBy: actor.userId,
    });
    const m = p.firstMeasure;
    await insertMeasure(tx, actor, plan.id, { number: '1', title: m.title, responsiblePerson: m.responsible, followUpPoint: m.followUpPoint, recommendationIds: [] }, 1, p.deadline);
    const dto = await getPlan(tx, actor, plan.id);
    await record(changes, plan.id, 'create', undefined, dto);
    return dto;
  }

  async function insertMeasure(
    tx: Executor,
    actor: Actor,
    planId: string,
    input: Omit<MeasureInputT, 'position'>,
    position: number,
    deadline: StoredDeadline | null,
  ): Promise<MeasureRow> {
    const mid = actor.municipalityId;
    const row = await repo.insertMeasure(tx, {
      municipalityId: mid,
      planId,
      position,
      number: input.number,
      title: input.title,
      text: input.text ?? null,
      responsibleUnit: input.responsibleUnit ?? null,
      responsiblePerson: input.responsiblePerson ?? null,
      ownerUserId: input.ownerUserId ?? null,
      deadline: deadline?.text ?? null,
      deadlineDue: deadline?.due ?? null,
      followUpPoint: input.followUpPoint ?? null,
      expectedEffect: input.expectedEffect ?? null,
      createdBy: actor.userId,
      updatedBy: actor.userId,
    });
    await repo.setLinks(tx, mid, row.id, [...new Set(input.recommendationIds)]);
    await repo.insertRevisions(tx, [
      { municipalityId: mid, measureId: row.id, deadline: row.deadline, deadlineDue: row.deadlineDue, source: 'original', createdBy: actor.userId },
    ]);
    return row;
  }

  /**
   * Parts left without a plan (the plan was deleted or moved to another department) go back from
   * 'planDrafted' to 'assigned', unless another plan of the finding still covers them.
   */
  async function releaseParts(tx: Executor, actor: Actor, changes: ChangeRecorder, findingId: string, departmentIds: string[] | 'all'): Promise<void> {
    const mid = actor.municipalityId;
    const remaining = await repo.plansOfFinding(tx, mid, findingId);
    if (remaining.some((p) => p.crossCutting)) return;
    const covered = new Set(remaining.map((p) => p.departmentId));
    for (const part of await findingRepository.departmentsOf(tx, mid, [findingId])) {
      if (part.state !== 'planDrafted' || covered.has(part.departmentId)) continue;
      if (departmentIds !== 'all' && !departmentIds.includes(part.departmentId)) continue;
      await findingRepository.setDepartmentState(tx, mid, findingId, part.departmentId, 'assigned', null, null);
      await changes.record({
        resource: 'findingDepartment',
        resourceId: findingId,
        action: 'state',
        before: { departmentId: part.departmentId, state: part.state },
        after: { departmentId: part.departmentId, state: 'assigned' },
      });
    }
  }

  async function runCheck(ex: Executor, actor: Actor, plan: PlanRow) {
    return checkPlan({ ...(await loadPlanForCheck(ex, actor.municipalityId, plan, actor.vocabulary)), today: actor.today }, actor.locale);
  }

  async function record(changes: ChangeRecorder, resourceId: string, action: string, before: unknown, after: unknown) {
    await changes.record({ resource: 'plan', resourceId, action, before, after });
  }

  return {
    async listPlans(actor: Actor, filter: PlanFilter, paging: { limit: number; offset: number }) {
      const v = visibilityOf(actor);
      const { rows, total } = await repo.listPlans(db, actor.municipalityId, { ...filter, approvedOnly: !v.unapprovedPlans, publicOnly: !v.confidential }, paging);
      return { items: await planDtos(db, actor, rows), total, ...paging };
    },

    getPlan: (actor: Actor, id: string) => getPlan(db, actor, id),

    async createPlan(actor: Actor, findingId: string, input: PlanInputT) {
      return runCommand(db, actor, async (tx, changes) => {
        const mid = actor.municipalityId;
        const finding = await findingRepository.getFinding(tx, mid, findingId);
        if (!finding || (finding.confidential && !visibilityOf(actor).confidential)) throw notFound('finding', findingId);
        policy.write(actor, input.departmentId);
        await checkDepartment(tx, actor, findingId, input.departmentId, input.crossCutting);
        if (!input.crossCutting) {
          // A department's plan starts before its part has one (findings/policy `createPlan`): a part
          // carried into a later year or closed gets its plan there, or none
          const part = (await findingRepository.departmentsOf(tx, mid, [findingId])).find((p) => p.departmentId === input.departmentId);
          if (part && !['received', 'assigned'].includes(part.state) && !(await repo.planOfDepartment(tx, mid, findingId, input.departmentId))) {
            throw conflict(
              {
                da: 'Forvaltningens del af bemærkningen er ikke længere åben for en handleplan',
                sv: 'Förvaltningens del av iakttagelsen är inte längre öppen för en plan',
                en: "The department's part of the finding is no longer open for a plan",
              },
              [{ field: 'body.departmentId', code: 'plan.partNotOpen', message: `The department's part is ${part.state}` }],
            );
          }
        }
        const overall = deadlineField(input.overallDeadline, 'body.overallDeadline', actor.locale);
        const deadlines = input.measures.map((m, i) => deadlineField(m.deadline, `body.measures.${i}.deadline`, actor.locale));
        const errors: FieldError[] = [];
        const seen = new Set<string>();
        for (const [i, m] of input.measures.entries()) {
          if (seen.has(m.number)) errors.push({ field: `body.measures.${i}.number`, code: 'measure.numberDuplicate', message: `Measure number ${m.number} appears more than once` });
          seen.add(m.number);
          errors.push(...(await recommendationErrors(tx, actor, findingId, m.recommendationIds, `body.measures.${i}.recommendationIds`)));
        }
        if (errors.length) throw invalid(errors);
        for (const [i, m] of input.measures.entries()) await checkOwner(tx, actor, input.departmentId, m.ownerUserId, `body.measures.${i}.ownerUserId`);
        if (await repo.planOfDepartment(tx, mid, findingId, input.departmentId)) {
          throw conflict(
            { da: 'Forvaltningen har allerede en handleplan for bemærkningen', sv: 'Förvaltningen har redan en plan för iakttagelsen', en: 'The department already has a plan for this finding' },
            [{ field: 'body.departmentId', code: 'plan.exists', message: 'That department already has a plan for this finding' }],
          );
        }
        const plan = await repo.insertPlan(tx, {
          municipalityId: mid,
          subjectKind: 'finding',
          findingId,
          departmentId: input.departmentId,
          crossCutting: input.crossCutting,
          problem: input.problem ?? null,
          extent: input.extent ?? null,
          overallDeadline: overall?.text ?? null,
          overallDeadlineDue: overall?.due ?? null,
          createdBy: actor.userId,
          updatedBy: actor.userId,
        });
        for (const [i, m] of input.measures.entries()) await insertMeasure(tx, actor, plan.id, m, i + 1, deadlines[i] ?? null);
        await advanceFindingState(tx, changes, mid, findingId, partsOf(plan), 'planDrafted');
        const dto = await getPlan(tx, actor, plan.id);
        await record(changes, plan.id, 'create', undefined, dto);
        return dto;
      });
    },

    /**
     * The action plan of a category 2/3 balance account, made from one of its reconciliations: for
     * the account's department, with the plan's deadline, a target (default: back in category 1 by
     * the deadline, kept in the plan's `extent`) and a first measure carrying the responsible and
     * the deadline; the rest is written in the plan editor. One plan follows the account
     * (domain/account-plan): a second plan for a reconciliation an existing plan covers is a 409.
     */
    async createAccountPlan(actor: Actor, reconciliationId: string, input: AccountPlanInputT) {
      return runCommand(db, actor, async (tx, changes) => {
        const mid = actor.municipalityId;
        const r = await balanceRepository.getReconciliation(tx, mid, reconciliationId);
        const account = r ? await balanceRepository.getAccount(tx, mid, r.accountId) : null;
        if (!r || !account || !isStaff(actor)) throw notFound('reconciliation', reconciliationId);
        policy.write(actor, account.departmentId);
        if (r.category === 1) {
          throw invalid([
            {
              field: 'reconciliation.category',
              code: 'actionPlan.notNeeded',
              message: {
                da: 'Kontoen er afstemt i kategori 1 for perioden og skal ikke have en handleplan',
                sv: 'Kontot är avstämt i kategori 1 för perioden och behöver ingen åtgärdsplan',
                en: 'The account is in category 1 for the period and needs no action plan',
              }[actor.locale],
            },
          ]);
        }
        const deadline = deadlineField(input.deadline, 'body.deadline', actor.locale)!;
        // No unique index can say "one plan per run of reconciliations": concurrent creates for the
        // same account wait for each other here, so the second one sees the first plan and gets the 409.
        await balanceRepository.lockAccount(tx, mid, account.id);
        const history = (await balanceRepository.reconciliationsOf(tx, mid, account.id)).map((h) => ({ period: h.period, category: h.category as Category }));
        const covering = (await balanceRepository.accountPlans(tx, mid, [account.id])).find((p) => planCovers(p.subjectPeriod, history, r.period));
        if (covering) {
          throw conflict(
            {
              da: `Konto ${account.number} har allerede en handleplan for de åbne poster`,
              sv: `Konto ${account.number} har redan en åtgärdsplan för de öppna posterna`,
              en: `Account ${account.number} already has an action plan for its open items`,
            },
            [{ field: 'reconciliation', code: 'plan.exists', message: `Plan ${covering.planId} covers this reconciliation` }],
          );
        }
        const target = input.target ?? defaultTarget(formatDeadline(deadline.value, actor.locale))[actor.locale];
        const first = defaultMeasure(account.number);
        return insertSubjectPlan(tx, actor, changes, {
          subject: { subjectKind: 'accountReconciliation', accountReconciliationId: r.id },
          departmentId: account.departmentId,
          problem: input.problem ?? null,
          target,
          deadline,
          firstMeasure: { title: first.title[actor.locale], followUpPoint: first.followUpPoint[actor.locale], responsible: input.responsible },
        });
      });
    },

    /**
     * The action plan of a system reconciliation with a difference: for the department that owns
     * the system, with the plan's deadline, a target (default: the difference explained and cleared
     * by the deadline) and a first measure with the responsible. One plan per entry: the matching
     * engine updates the entry's difference month by month, the plan stays.
     */
    async createSystemPlan(actor: Actor, systemReconciliationId: string, input: AccountPlanInputT) {
      return runCommand(db, actor, async (tx, changes) => {
        const mid = actor.municipalityId;
        const s = await balanceRepository.getSystemReconciliation(tx, mid, systemReconciliationId);
        if (!s || !isStaff(actor)) throw notFound('systemReconciliation', systemReconciliationId);
        policy.write(actor, s.departmentId);
        if (s.differenceOre === 0) {
          throw invalid([
            {
              field: 'systemReconciliation.differenceOre',
              code: 'actionPlan.notNeeded',
              message: {
                da: 'Systemafstemningen har ingen difference og skal ikke have en handleplan',
                sv: 'Systemavstämningen har ingen differens och behöver ingen åtgärdsplan',
                en: 'The system reconciliation has no difference and needs no action plan',
              }[actor.locale],
            },
          ]);
        }
        const deadline = deadlineField(input.deadline, 'body.deadline', actor.locale)!;
        const existing = await repo.planOfSystemReconciliation(tx, mid, s.id);
        if (existing) {
          throw conflict(
            { da: `${s.system} ${s.period} har allerede en handleplan`, sv: `${s.system} ${s.period} har redan en åtgärdsplan`, en: `${s.system} ${s.period} already has an action plan` },
            [{ field: 'systemReconciliation', code: 'plan.exists', message: `Plan ${existing.id} answers this system reconciliation` }],
          );
        }
        const target = input.target ?? defaultSystemTarget(s.system, formatDeadline(deadline.value, actor.locale))[actor.locale];
        const first = defaultSystemMeasure(s.system, s.period);
        return insertSubjectPlan(tx, actor, changes, {
          subject: { subjectKind: 'systemReconciliation', systemReconciliationId: s.id },
          departmentId: s.departmentId,
          problem: input.problem ?? s.explanation ?? null,
          target,
          deadline,
          firstMeasure: { title: first.title[actor.locale], followUpPoint: first.followUpPoint[actor.locale], responsible: input.responsible },
        });
      });
    },

    async updatePlan(actor: Actor, id: string, version: number, patch: PlanPatchT) {
      return runCommand(db, actor, async (tx, changes) => {
        const plan = await planAt(tx, actor, id, version, (p) => policy.write(actor, p.departmentId));
        if (patch.departmentId !== undefined) policy.write(actor, patch.departmentId);
        assertWritable(plan);
        const mid = actor.municipalityId;
        const overall = patch.overallDeadline === undefined ? undefined : deadlineField(patch.overallDeadline, 'body.overallDeadline', actor.locale);
        const moved = patch.departmentId !== undefined && patch.departmentId !== plan.departmentId;
        if (moved && plan.findingId === null) {
          // A balance account's plan belongs to the account's department; it does not move
          throw invalid([{ field: 'body.departmentId', code: 'plan.departmentFixed', message: "An account plan belongs to the account's department" }]);
        }
        if (moved) {
          await checkDepartment(tx, actor, plan.findingId!, patch.departmentId!, plan.crossCutting);
          if (await repo.planOfDepartment(tx, mid, plan.findingId!, patch.departmentId!)) {
            throw conflict(
              { da: 'Forvaltningen har allerede en handleplan for bemærkningen', sv: 'Förvaltningen har redan en plan för iakttagelsen', en: 'The department already has a plan for this finding' },
              [{ field: 'body.departmentId', code: 'plan.exists', message: 'That department already has a plan for this finding' }],
            );
          }
        }
        const before = await getPlan(tx, actor, id);
        await bumpPlan(tx, actor, plan, {
          departmentId: patch.departmentId,
          problem: patch.problem,
          extent: patch.extent,
          ...(overall === undefined ? {} : { overallDeadline: overall?.text ?? null, overallDeadlineDue: overall?.due ?? null }),
        });
        if (moved && !plan.crossCutting) {
          await advanceFindingState(tx, changes, mid, plan.findingId!, [patch.departmentId!], 'planDrafted');
          await releaseParts(tx, actor, changes, plan.findingId!, [plan.departmentId]);
        }
        const after = await getPlan(tx, actor, id);
        await record(changes, id, 'update', before, after);
        return after;
      });
    },

    async deletePlan(actor: Actor, id: string, version: number) {
      return runCommand(db, actor, async (tx, changes) => {
        const plan = await planAt(tx, actor, id, version, (p) => policy.write(actor, p.departmentId));
        if (plan.state !== 'draft') {
          throw conflict(
            { da: 'Kun en kladde kan slettes', sv: 'Endast ett utkast kan tas bort', en: 'Only a draft plan can be deleted' },
            [{ field: 'plan', code: 'plan.notDraft', message: `The plan is ${plan.state}` }],
          );
        }
        if (plan.revision > 1) {
          throw conflict(
            {
              da: 'Handleplanen har en godkendt revision og kan ikke slettes',
              sv: 'Planen har en godkänd revision och kan inte tas bort',
              en: 'The plan has an approved revision and cannot be deleted',
            },
            [{ field: 'plan', code: 'plan.hasApprovedRevision', message: `Revision ${plan.revision - 1} is approved` }],
          );
        }
        const before = await getPlan(tx, actor, id);
        await repo.deletePlan(tx, actor.municipalityId, id, version);
        if (plan.findingId !== null) await releaseParts(tx, actor, changes, plan.findingId, partsOf(plan));
        await record(changes, id, 'delete', before, undefined);
      });
    },

    // Measures

    getMeasure: (actor: Actor, id: string) => getMeasure(db, actor, id),

    async getMeasureDetail(actor: Actor, id: string) {
      const mid = actor.municipalityId;
      const measure = await getMeasure(db, actor, id);
      const [all, statuses] = await Promise.all([repo.revisionsOf(db, mid, [id]), repo.statusesOf(db, mid, id)]);
      // A reader does not see the deadline edits of a revision being written (after the approved one was kept)
      const plan = readsApproved(actor) ? await repo.getAnyPlan(db, mid, measure.planId) : undefined;
      const kept = plan && revisionInProgress(plan) ? await snapshotRow(db, mid, plan.id, plan.revision - 1) : undefined;
      const revisions = kept ? all.filter((r) => !(r.source === 'edit' && r.createdAt > kept.createdAt)) : all;
      const originalDue = revisions[0]?.deadlineDue ?? null;
      const currentDue = measure.deadline?.due ?? null;
      return {
        ...measure,
        deadlineHistory: revisions.map((r: RevisionRow) => ({
          deadline: deadlineDto(r.deadline, actor.locale),
          source: r.source,
          reason: r.reason,
          statusEntryId: r.statusEntryId,
          at: iso(r.createdAt),
          by: r.createdBy,
        })),
        slippageDays: originalDue && currentDue ? daysBetween(originalDue, currentDue) : null,
        statuses: statuses.map((s) => ({
          roundId: s.roundId,
          roundName: s.roundName,
          submissionState: s.submissionState,
          status: s.entry.status,
          note: s.entry.note,
          reason: s.entry.reason,
          newDeadline: deadlineDto(s.entry.newDeadline, actor.locale),
          selfCheckResult: s.entry.selfCheckResult,
        })),
      };
    },

    async createMeasure(actor: Actor, planId: string, input: MeasureInputT) {
      return runCommand(db, actor, async (tx, changes) => {
        const mid = actor.municipalityId;
        const plan = await requirePlan(tx, actor, planId);
        policy.write(actor, plan.departmentId);
        assertWritable(plan);
        const deadline = deadlineField(input.deadline, 'body.deadline', actor.locale);
        const errors = await recommendationErrors(tx, actor, plan.findingId, input.recommendationIds, 'body.recommendationIds');
        if (errors.length) throw invalid(errors);
        await checkOwner(tx, actor, plan.departmentId, input.ownerUserId, 'body.ownerUserId');
        const existing = await repo.measuresOf(tx, mid, [planId]);
        if (existing.some((m) => m.number === input.number)) {
          throw conflict({ da: 'Nummeret er allerede brugt', sv: 'Numret används redan', en: 'The number is already used' }, [numberTaken('body.number')]);
        }
        const last = await repo.maxPosition(tx, mid, planId);
        const position = Math.min(input.position ?? last + 1, last + 1);
        if (position <= last) await repo.shiftPositions(tx, mid, planId, position, 1);
        const row = await insertMeasure(tx, actor, planId, input, position, deadline);
        const dto = await getMeasure(tx, actor, row.id);
        await changes.record({ resource: 'measure', resourceId: row.id, action: 'create', after: dto });
        return dto;
      });
    },

    async updateMeasure(actor: Actor, id: string, version: number, patch: MeasurePatchT) {
      return runCommand(db, actor, async (tx, changes) => {
        const mid = actor.municipalityId;
        const { measure, before, plan } = await editableMeasure(tx, actor, id, version);
        const deadline = patch.deadline === undefined ? undefined : deadlineField(patch.deadline, 'body.deadline', actor.locale);
        if (patch.recommendationIds) {
          const errors = await recommendationErrors(tx, actor, plan.findingId, patch.recommendationIds, 'body.recommendationIds');
          if (errors.length) throw invalid(errors);
        }
        await checkOwner(tx, actor, plan.departmentId, patch.ownerUserId, 'body.ownerUserId');
        if (patch.number !== undefined && patch.number !== measure.number) {
          const others = await repo.measuresOf(tx, mid, [measure.planId]);
          if (others.some((m) => m.number === patch.number)) {
            throw conflict({ da: 'Nummeret er allerede brugt', sv: 'Numret används redan', en: 'The number is already used' }, [numberTaken('body.number')]);
          }
        }
        const row = await repo.updateMeasure(tx, mid, id, version, {
          number: patch.number,
          title: patch.title,
          text: patch.text,
          responsibleUnit: patch.responsibleUnit,
          responsiblePerson: patch.responsiblePerson,
          ownerUserId: patch.ownerUserId,
          followUpPoint: patch.followUpPoint,
          expectedEffect: patch.expectedEffect,
          ...(deadline === undefined ? {} : { deadline: deadline?.text ?? null, deadlineDue: deadline?.due ?? null }),
          updatedBy: actor.userId,
        });
        if (!row) {
          const current = await getMeasure(tx, actor, id);
          throw versionConflict(current, current.version);
        }
        if (patch.recommendationIds) await repo.setLinks(tx, mid, id, [...new Set(patch.recommendationIds)]);
        if (deadline !== undefined && (deadline?.text ?? null) !== measure.deadline) {
          await repo.insertRevisions(tx, [
            { municipalityId: mid, measureId: id, deadline: row.deadline, deadlineDue: row.deadlineDue, source: 'edit', reason: patch.deadlineChangeReason ?? null, createdBy: actor.userId },
          ]);
        }
        const after = await getMeasure(tx, actor, id);
        await changes.record({ resource: 'measure', resourceId: id, action: 'update', before, after });
        return after;
      });
    },

    async deleteMeasure(actor: Actor, id: string, version: number) {
      return runCommand(db, actor, async (tx, changes) => {
        const mid = actor.municipalityId;
        const { measure, before, plan } = await editableMeasure(tx, actor, id, version);
        // A measure of the approved revision stays (with its history): the new revision drops it
        const approved = revisionInProgress(plan) ? await snapshotRow(tx, mid, plan.id, plan.revision - 1) : undefined;
        if (approved?.snapshot.measures.some((m) => m.id === id)) {
          if (!(await repo.markRemoved(tx, mid, id, version, plan.revision, actor.userId))) throw versionConflict(before, measure.version);
          await repo.shiftPositions(tx, mid, measure.planId, measure.position, -1);
          await changes.record({ resource: 'measure', resourceId: id, action: 'remove', before, after: { removedInRevision: plan.revision } });
          return;
        }
        // Deleting would silently erase the measure's follow-up history
        if ((await repo.countStatusEntries(tx, mid, id)) > 0) {
          throw conflict(
            { da: 'Tiltaget har status fra en opfølgning og kan ikke slettes', sv: 'Åtgärden har status från en uppföljning och kan inte tas bort', en: 'The measure has follow-up statuses and cannot be deleted' },
            [{ field: 'measure', code: 'measure.hasStatus', message: 'The measure has status entries' }],
          );
        }
        await repo.deleteMeasure(tx, mid, id, version);
        await repo.shiftPositions(tx, mid, measure.planId, measure.position, -1);
        await changes.record({ resource: 'measure', resourceId: id, action: 'delete', before });
      });
    },

    async reorderMeasures(actor: Actor, planId: string, version: number, input: { measureIds: string[]; renumber: boolean }) {
      return runCommand(db, actor, async (tx, changes) => {
        const mid = actor.municipalityId;
        const plan = await planAt(tx, actor, planId, version, (p) => policy.write(actor, p.departmentId));
        assertWritable(plan);
        const current = await repo.measuresOf(tx, mid, [planId]);
        const byId = new Map(current.map((m) => [m.id, m]));
        const unique = new Set(input.measureIds);
        if (unique.size !== input.measureIds.length || unique.size !== current.length || input.measureIds.some((id) => !byId.has(id))) {
          throw invalid([{ field: 'body.measureIds', code: 'plan.measureOrderMismatch', message: 'List every measure of the plan exactly once' }]);
        }
        const ordered = input.measureIds.map((id) => byId.get(id)!);
        const numbers = input.renumber ? renumber(ordered.map((m) => m.number)) : ordered.map((m) => m.number);
        const before = await getPlan(tx, actor, planId);
        const renumbered = ordered.filter((m, i) => numbers[i] !== m.number);
        // Park the changing numbers on the measure's own id first, so that the unique
        // (plan, number) index never sees two measures with the same number mid-way.
        for (const m of renumbered) await repo.placeMeasure(tx, mid, m.id, { number: m.id }, false);
        for (const [i, m] of ordered.entries()) {
          const number = numbers[i]!;
          const changed = m.position !== i + 1 || number !== m.number;
          if (changed) await repo.placeMeasure(tx, mid, m.id, { position: i + 1, number }, true);
        }
        await bumpPlan(tx, actor, plan, {});
        const after = await getPlan(tx, actor, planId);
        await record(changes, planId, 'reorder', before, after);
        return after;
      });
    },

    // Approval workflow

    async check(actor: Actor, planId: string) {
      return runCheck(db, actor, await requirePlan(db, actor, planId));
    },

    async submit(actor: Actor, planId: string, version: number) {
      return runCommand(db, actor, async (tx, changes) => {
        const plan = await planAt(tx, actor, planId, version, (p) => policy.write(actor, p.departmentId));
        assertWritable(plan);
        const result = await runCheck(tx, actor, plan);
        if (result.blocking) throw invalid(openErrors(result.breaches));
        await bumpPlan(tx, actor, plan, { state: 'submitted' });
        const after = await getPlan(tx, actor, planId);
        await record(changes, planId, 'submit', { state: plan.state }, { state: after.state, revision: plan.revision });
        return after;
      });
    },

    async returnPlan(actor: Actor, planId: string, version: number, reason: string) {
      return runCommand(db, actor, async (tx, changes) => {
        const plan = await planAt(tx, actor, planId, version, () => policy.review(actor));
        if (plan.state !== 'submitted') throw notSubmitted(plan.state);
        await bumpPlan(tx, actor, plan, { state: 'draft', returnComment: reason, returnedAt: new Date(), returnedBy: actor.userId });
        const after = await getPlan(tx, actor, planId);
        await record(changes, planId, 'return', { state: plan.state }, { state: after.state, reason });
        return after;
      });
    },

    /**
     * Records the approval of a submitted plan (the meeting that decided it): only when the
     * guidance check has no open error (not accepted with a reason), unless central coordination
     * overrides with a reason, which is kept on the approval and in the audit trail. The approved
     * revision is kept as a snapshot.
     */
    async approve(actor: Actor, planId: string, version: number, input: ApprovalInputT) {
      return runCommand(db, actor, async (tx, changes) => {
        const mid = actor.municipalityId;
        const plan = await planAt(tx, actor, planId, version, () => policy.review(actor));
        if (plan.state === 'approved') {
          throw conflict(
            { da: 'Handleplanen er allerede godkendt', sv: 'Planen är redan godkänd', en: 'The plan is already approved' },
            [{ field: 'plan', code: 'plan.alreadyApproved', message: 'The plan is already approved' }],
          );
        }
        if (plan.state !== 'submitted') throw notSubmitted(plan.state);
        if (input.meetingId && !(await repo.meetingsByIds(tx, mid, [input.meetingId])).length) {
          throw invalid([{ field: 'body.meetingId', code: 'meeting.unknown', message: 'Unknown meeting' }]);
        }
        const open = openErrors((await runCheck(tx, actor, plan)).breaches);
        const overrideReason = input.overrideReason ?? null;
        if (open.length && overrideReason === null) throw invalid(open);
        if (!open.length && overrideReason !== null) {
          throw invalid([{ field: 'body.overrideReason', code: 'approval.nothingToOverride', message: 'The guidance check has no open error to override' }]);
        }
        const approval = await repo.insertApproval(tx, {
          municipalityId: mid,
          planId,
          approvedBy: userOf(actor),
          approvedOn: input.approvedOn,
          meetingId: input.meetingId ?? null,
          note: input.note ?? null,
          revision: plan.revision,
          overrideReason,
        });
        const approvedRow = await bumpPlan(tx, actor, plan, { state: 'approved', returnComment: null, returnedAt: null, returnedBy: null });
        await repo.insertRevision(tx, { municipalityId: mid, planId, number: plan.revision, snapshot: await snapshotOf(tx, mid, approvedRow), approvalId: approval.id });
        // Open rounds keep the revision they answer; one that does not answer the plan yet takes this one
        await roundsRepository.pinInOpenRounds(tx, mid, planId, plan.revision);
        if (plan.findingId !== null) await advanceFindingState(tx, changes, mid, plan.findingId, partsOf(plan), 'planApproved');
        const after = await getPlan(tx, actor, planId);
        await record(changes, planId, 'approve', { state: plan.state }, { state: after.state, revision: plan.revision, approval, ...(overrideReason ? { overrideReason, overridden: open.map((e) => e.code) } : {}) });
        return after;
      });
    },

    /**
     * Opens a new revision of an approved plan, in draft, on the plan's own rows. The approved
     * revision is kept (snapshotted now if it was approved before revisions were kept) and stays
     * what readers, rounds and documents show until the new one is approved.
     */
    async revise(actor: Actor, planId: string, version: number) {
      return runCommand(db, actor, async (tx, changes) => {
        const mid = actor.municipalityId;
        const plan = await planAt(tx, actor, planId, version, (p) => policy.write(actor, p.departmentId));
        if (plan.state !== 'approved') {
          throw conflict(
            { da: 'Kun en godkendt handleplan kan revideres', sv: 'Endast en godkänd plan kan revideras', en: 'Only an approved plan can be revised' },
            [{ field: 'plan', code: 'plan.notApproved', message: `The plan is ${plan.state}` }],
          );
        }
        if (!(await snapshotRow(tx, mid, planId, plan.revision))) {
          const approvals = await repo.approvalsOf(tx, mid, [planId]);
          await repo.insertRevision(tx, { municipalityId: mid, planId, number: plan.revision, snapshot: await snapshotOf(tx, mid, plan), approvalId: approvals.at(-1)?.approval.id ?? null });
        }
        await bumpPlan(tx, actor, plan, { state: 'draft', revision: plan.revision + 1 });
        const after = await getPlan(tx, actor, planId);
        await record(changes, planId, 'revise', { state: plan.state, revision: plan.revision }, { state: after.state, revision: after.revision });
        return after;
      });
    },

    /** The kept (approved) revisions, and the one being written when the actor may see it. */
    async revisions(actor: Actor, planId: string) {
      const mid = actor.municipalityId;
      const plan = await requirePlan(db, actor, planId);
      const rows = await repo.revisionsOfPlan(db, mid, planId);
      const inForce = approvedRevisionNumber(plan);
      const out = rows.map(({ revision, approval, approvedByName, meeting }) => ({
        number: revision.number,
        state: 'approved' as PlanRow['state'],
        current: revision.number === inForce,
        approval: approval
          ? { approvedByName: approvedByName ?? '', approvedOn: approval.approvedOn, meeting: meeting ? meetingRef(meeting) : null, note: approval.note, overrideReason: approval.overrideReason }
          : null,
        measureCount: (revision.snapshot as PlanSnapshot).measures.length,
      }));
      // The plan's rows: an approved revision not yet kept (approved before revisions were), or the one being written
      const shown = plan.state === 'approved' || !readsApproved(actor);
      if (!out.some((r) => r.number === plan.revision) && shown) {
        const approvals = (await repo.approvalsOf(db, mid, [planId])).filter((a) => a.approval.revision === plan.revision);
        const last = plan.state === 'approved' ? approvals.at(-1) : undefined;
        out.push({
          number: plan.revision,
          state: plan.state,
          current: plan.revision === inForce,
          approval: last
            ? { approvedByName: last.approvedByName, approvedOn: last.approval.approvedOn, meeting: last.meeting ? meetingRef(last.meeting) : null, note: last.approval.note, overrideReason: last.approval.overrideReason }
            : null,
          measureCount: (await repo.measuresOf(db, mid, [planId])).length,
        });
      }
      return out;
    },

    /** Field by field, what changed between two revisions (the one being written included), as the reader's language writes it. */
    async compareRevisions(actor: Actor, planId: string, from: number, to: number) {
      const mid = actor.municipalityId;
      const plan = await requirePlan(db, actor, planId);
      const resolve = async (n: number, field: string): Promise<PlanSnapshot> => {
        const row = await snapshotRow(db, mid, planId, n);
        if (row) return row.snapshot;
        // The rows: the revision being written (staff only), or one approved before revisions were kept
        if (n === plan.revision && (plan.state === 'approved' || !readsApproved(actor))) return snapshotOf(db, mid, plan);
        throw invalid([{ field: `querystring.${field}`, code: 'revision.unknown', message: `The plan has no revision ${n}` }]);
      };
      const comparison = compareSnapshots(await resolve(from, 'from'), await resolve(to, 'to'));
      const recs = plan.findingId ? await repo.recommendationsOf(db, mid, plan.findingId) : [];
      const recNumber = new Map(recs.map((r) => [r.id, r.number]));
      const userIds = [...new Set([...comparison.measures.flatMap((m) => m.fields), ...comparison.plan].filter((f) => f.field === 'ownerUserId').flatMap((f) => [f.before, f.after]).filter((v): v is string => typeof v === 'string'))];
      const names = new Map((await repo.usersByIds(db, mid, userIds)).map((u) => [u.id, u.name]));
      const departments = new Map((await findingRepository.departmentsOf(db, mid, plan.findingId ? [plan.findingId] : [])).map((d) => [d.departmentId, d.code as string | undefined]));
      const text = (field: string, value: unknown): string | null => {
        if (value === null || value === undefined || value === '') return null;
        if (field === 'deadline' || field === 'overallDeadline') return deadlineDto(value as string, actor.locale)?.display ?? String(value);
        if (field === 'recommendationIds') return (value as string[]).map((id) => recNumber.get(id)).filter((n) => n !== undefined).sort((a, b) => a! - b!).join(', ') || null;
        if (field === 'ownerUserId') return names.get(value as string) ?? null;
        if (field === 'departmentId') return departments.get(value as string) ?? (value === plan.departmentId ? plan.departmentCode : String(value));
        return String(value);
      };
      const render = (f: { field: string; before: unknown; after: unknown }) => ({ field: f.field, before: text(f.field, f.before), after: text(f.field, f.after) });
      return {
        from,
        to,
        plan: comparison.plan.map(render),
        measures: comparison.measures.map((m) => ({ ...m, fields: m.fields.map(render) })),
      };
    },

    /** The users who may own a measure of the plan: active users of its department, or holding a role there. */
    async ownerCandidates(actor: Actor, planId: string) {
      const plan = await requirePlan(db, actor, planId);
      policy.write(actor, plan.departmentId);
      return (await repo.departmentUsers(db, actor.municipalityId, plan.departmentId)).map((u) => ({ id: u.id, name: u.name, title: u.title }));
    },

    async acceptBreach(actor: Actor, planId: string, input: { code: string; measureId?: string | null | undefined; field: string; reason: string }) {
      return runCommand(db, actor, async (tx, changes) => {
        const plan = await requirePlan(tx, actor, planId);
        policy.write(actor, plan.departmentId);
        assertWritable(plan);
        const measureId = input.measureId ?? null;
        const result = await runCheck(tx, actor, plan);
        const breach = result.breaches.find((b) => b.code === input.code && b.measureId === measureId && b.field === input.field);
        if (breach?.accepted) {
          throw conflict({ da: 'Afvigelsen er allerede accepteret', sv: 'Avvikelsen är redan godtagen', en: 'The breach is already accepted' }, [
            { field: 'body.code', code: 'acceptance.exists', message: 'The breach is already accepted' },
          ]);
        }
        if (!breach || breach.severity !== 'error') {
          throw invalid([{ field: 'body.code', code: 'acceptance.noSuchBreach', message: 'The plan has no such error to accept (same code, measure and field)' }]);
        }
        const row = await repo.insertAcceptance(tx, {
          municipalityId: actor.municipalityId,
          planId,
          code: input.code,
          measureId,
          field: input.field,
          reason: input.reason,
          acceptedBy: userOf(actor),
        });
        await changes.record({ resource: 'guidanceAcceptance', resourceId: row.id, action: 'create', after: row });
        return { id: row.id, code: row.code, measureId: row.measureId, field: row.field, reason: row.reason, acceptedBy: row.acceptedBy, acceptedAt: iso(row.acceptedAt) };
      });
    },

    async deleteAcceptance(actor: Actor, planId: string, acceptanceId: string) {
      return runCommand(db, actor, async (tx, changes) => {
        const plan = await requirePlan(tx, actor, planId);
        policy.write(actor, plan.departmentId);
        assertWritable(plan);
        const row = await repo.deleteAcceptance(tx, actor.municipalityId, planId, acceptanceId);
        if (!row) throw notFound('acceptance', acceptanceId);
        await changes.record({ resource: 'guidanceAcceptance', resourceId: acceptanceId, action: 'delete', before: row });
      });
    },

    // Answer documents

    /** Creates or replaces an answer document; `version` is required once it exists. Only a draft answer changes. */
    async putAnswer(actor: Actor, planId: string, kind: AnswerKind, version: number | null, input: AnswerInputT) {
      return runCommand(db, actor, async (tx, changes) => {
        const mid = actor.municipalityId;
        const plan = await requirePlan(tx, actor, planId);
        policy.write(actor, plan.departmentId);
        const found = new Set((await repo.meetingsByIds(tx, mid, input.decisionPlan)).map((m) => m.id));
        const unknown = input.decisionPlan.flatMap((id, i) => (found.has(id) ? [] : [{ field: `body.decisionPlan.${i}`, code: 'meeting.unknown', message: `Unknown meeting ${id}` }]));
        if (unknown.length) throw invalid(unknown);
        const values = {
          dueDate: input.dueDate ?? null,
          decisionPlan: input.decisionPlan,
          recipients: input.recipients,
          responsibleOfficials: input.responsibleOfficials,
          sentOn: input.sentOn ?? null,
        };
        const dto = async (row: AnswerRow) => (await answerDtos(tx, actor, [row], () => plan.departmentId))[0]!;
        const existing = await repo.getAnswer(tx, mid, planId, kind);
        if (!existing) {
          const row = await repo.insertAnswer(tx, { municipalityId: mid, planId, kind, ...values });
          const after = await dto(row);
          await changes.record({ resource: 'answerDocument', resourceId: row.id, action: 'create', after });
          return { created: true, answer: after };
        }
        const before = await dto(existing);
        if (version === null) throw new Problem(428, 'preconditionRequired');
        if (version !== existing.version) throw versionConflict(before, existing.version);
        assertAnswerWritable(existing);
        const row = await repo.updateAnswer(tx, mid, existing.id, version, values);
        if (!row) throw versionConflict(before, existing.version);
        const after = await dto(row);
        await changes.record({ resource: 'answerDocument', resourceId: row.id, action: 'update', before, after });
        return { created: false, answer: after };
      });
    },

    /**
     * The review of an answer document, like a plan's: the department submits it, central
     * coordination returns it (with a comment) or approves it (with the meeting); an approved
     * answer is locked until the department revises it (a new revision in draft).
     */
    async answerTransition(
      actor: Actor,
      planId: string,
      kind: AnswerKind,
      version: number,
      command: { to: 'submit' } | { to: 'return'; reason: string } | { to: 'approve'; approvedOn: string; meetingId?: string | null | undefined; note?: string | null | undefined } | { to: 'revise' },
    ) {
      return runCommand(db, actor, async (tx, changes) => {
        const mid = actor.municipalityId;
        const plan = await requirePlan(tx, actor, planId);
        if (command.to === 'return' || command.to === 'approve') policy.review(actor);
        else policy.write(actor, plan.departmentId);
        const existing = await repo.getAnswer(tx, mid, planId, kind);
        if (!existing) throw notFound('answer', `${planId}/${kind}`);
        const dto = async (row: AnswerRow) => (await answerDtos(tx, actor, [row], () => plan.departmentId))[0]!;
        const before = await dto(existing);
        if (existing.version !== version) throw versionConflict(before, existing.version);
        const from = { submit: 'draft', return: 'submitted', approve: 'submitted', revise: 'approved' }[command.to];
        if (existing.state !== from) {
          if (command.to !== 'revise' && existing.state === 'approved') throw answerApprovedLocked();
          throw conflict(
            { da: `Svaret er ${existing.state} og kan ikke ${command.to}`, sv: `Svaret är ${existing.state} och kan inte ${command.to}`, en: `The answer is ${existing.state}; cannot ${command.to}` },
            [{ field: 'answer', code: 'answer.wrongState', message: `The answer is ${existing.state}` }],
          );
        }
        let values: Partial<AnswerRow>;
        if (command.to === 'submit') values = { state: 'submitted' };
        else if (command.to === 'return') values = { state: 'draft', returnComment: command.reason };
        else if (command.to === 'revise') values = { state: 'draft', revision: existing.revision + 1, returnComment: null };
        else {
          if (command.meetingId && !(await repo.meetingsByIds(tx, mid, [command.meetingId])).length) {
            throw invalid([{ field: 'body.meetingId', code: 'meeting.unknown', message: 'Unknown meeting' }]);
          }
          values = { state: 'approved', returnComment: null, approvedOn: command.approvedOn, approvedBy: userOf(actor), approvedAtMeetingId: command.meetingId ?? null, approvalNote: command.note ?? null };
        }
        // The approved revision is kept as it stands (revising one approved before revisions were kept keeps it now)
        if (command.to === 'revise') await keepAnswerRevision(tx, existing);
        const row = await repo.updateAnswer(tx, mid, existing.id, version, values);
        if (!row) throw versionConflict(before, existing.version);
        if (command.to === 'approve') await keepAnswerRevision(tx, row);
        const after = await dto(row);
        await changes.record({ resource: 'answerDocument', resourceId: row.id, action: command.to, before, after });
        return after;
      });
    },

    /**
     * The answer's kept (approved) revisions with their content and approval, and the one being
     * written when the actor may see it (readers see approved revisions only).
     */
    async answerRevisions(actor: Actor, planId: string, kind: AnswerKind) {
      const mid = actor.municipalityId;
      await requirePlan(db, actor, planId);
      const answer = await repo.getAnswer(db, mid, planId, kind);
      if (!answer) throw notFound('answer', `${planId}/${kind}`);
      const kept = await answerRevisionsOf(db, mid, [answer.id]);
      const inForce = approvedAnswerRevision(answer);
      const rows: { number: number; state: AnswerRow['state']; snapshot: AnswerSnapshot; approvedOn: string | null; approvedBy: string | null; approvedAtMeetingId: string | null; approvalNote: string | null }[] = kept.map((r) => ({
        number: r.number,
        state: 'approved',
        snapshot: r.snapshot as AnswerSnapshot,
        approvedOn: r.approvedOn,
        approvedBy: r.approvedBy,
        approvedAtMeetingId: r.approvedAtMeetingId,
        approvalNote: r.approvalNote,
      }));
      // The row: an approved revision not yet kept, or the one being written (staff only)
      if (!rows.some((r) => r.number === answer.revision) && (answer.state === 'approved' || !readsApproved(actor))) {
        const approved = answer.state === 'approved';
        rows.push({
          number: answer.revision,
          state: answer.state,
          snapshot: answerSnapshotOf(answer),
          approvedOn: approved ? answer.approvedOn : null,
          approvedBy: approved ? answer.approvedBy : null,
          approvedAtMeetingId: approved ? answer.approvedAtMeetingId : null,
          approvalNote: approved ? answer.approvalNote : null,
        });
      }
      const meetings = new Map(
        (await repo.meetingsByIds(db, mid, [...new Set(rows.flatMap((r) => [...r.snapshot.decisionPlan, ...(r.approvedAtMeetingId ? [r.approvedAtMeetingId] : [])]))])).map((m) => [m.id, m]),
      );
      const names = new Map((await repo.usersByIds(db, mid, [...new Set(rows.flatMap((r) => (r.approvedBy ? [r.approvedBy] : [])))])).map((u) => [u.id, u.name]));
      return rows.map((r) => {
        const meeting = r.approvedAtMeetingId ? meetings.get(r.approvedAtMeetingId) : undefined;
        return {
          number: r.number,
          state: r.state,
          current: r.number === inForce,
          approval: r.approvedOn ? { approvedOn: r.approvedOn, approvedByName: r.approvedBy ? (names.get(r.approvedBy) ?? null) : null, meeting: meeting ? meetingRef(meeting) : null, note: r.approvalNote } : null,
          dueDate: r.snapshot.dueDate,
          decisionPlan: r.snapshot.decisionPlan.flatMap((id) => {
            const m = meetings.get(id);
            return m ? [meetingRef(m)] : [];
          }),
          recipients: r.snapshot.recipients,
          responsibleOfficials: r.snapshot.responsibleOfficials,
          sentOn: r.snapshot.sentOn,
        };
      });
    },

    // Year rollover

    async carryOver(actor: Actor, findingId: string, input: CarryOverInputT): Promise<string> {
      findingPolicy.carryOver(actor);
      return runCommand(db, actor, (tx, changes) => carryOverFinding(tx, changes, actor, findingId, input));
    },
  };
}

export type PlansService = ReturnType<typeof createPlansService>;
