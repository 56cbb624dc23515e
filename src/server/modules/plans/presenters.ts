import { visibilityOf } from '../access/visibility.js';
import { answerActions, planActions } from './policy.js';
import type { Locale } from '../../../domain/i18n.js';
import type { Actor } from '../../context.js';
import type { Executor } from '../../db/engine.js';
import { iso } from '../../http/schemas.js';
import { deadlineDto } from '../shared/deadline-field.js';
import { accountSubject } from './check.js';
import { answersAsApproved, approvedAnswerRevision } from './answer-revisions.js';
import { approvedMeasuresOf, approvedRevisionNumber, plansAsApproved } from './revisions.js';
import { planRepository as repo, type AnswerRow, type MeasureRow, type MeetingRow, type AnyPlanHeader } from './repository.js';

// How plans, measures and answer documents are shown: the DTOs of every read and command.

export type AnswerKind = AnswerRow['kind'];

export function measureDto(m: MeasureRow, recommendationIds: string[], locale: Locale, names: Map<string, string> = new Map()) {
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

export const meetingRef = (m: MeetingRow) => ({ id: m.id, body: m.body, heldOn: m.heldOn, agendaItem: m.agendaItem });

/** `a` is the answer as shown (the approved revision for a reader while a new one is written); `original` its row. */
function answerDto(
  actor: Actor,
  departmentId: string,
  a: AnswerRow,
  meetings: Map<string, MeetingRow>,
  names: Map<string, string>,
  original: AnswerRow,
  approvedView: boolean,
) {
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
        ? {
            approvedOn: a.approvedOn,
            approvedByName: a.approvedBy ? (names.get(a.approvedBy) ?? null) : null,
            meeting: approvedAt ? meetingRef(approvedAt) : null,
            note: a.approvalNote,
          }
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
export async function answerDtos(ex: Executor, actor: Actor, rows: AnswerRow[], departmentOf: (planId: string) => string) {
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
export const readsApproved = (actor: Actor) => !visibilityOf(actor).unapprovedPlans;

/** Loads plans with their measures, approvals, acceptances and answers in a fixed number of queries. */
export async function planDtos(ex: Executor, actor: Actor, plans: AnyPlanHeader[]) {
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
    for (const l of await repo.linksOf(
      ex,
      mid,
      measureRows.map((m) => m.id),
    ))
      recommendationsOf.set(l.measureId, [...(recommendationsOf.get(l.measureId) ?? []), l.recommendationId]);
  }
  const approvals = await repo.approvalsOf(ex, mid, ids);
  const acceptances = await repo.acceptancesOf(ex, mid, ids);
  const departmentOf = new Map(plans.map((p) => [p.id, p.departmentId]));
  const answerList = await answerDtos(ex, actor, await repo.answersOf(ex, mid, ids), (planId) => departmentOf.get(planId) ?? '');
  const people = [
    ...new Set([...measureRows.flatMap((m) => (m.ownerUserId ? [m.ownerUserId] : [])), ...plans.flatMap((p) => (p.returnedBy ? [p.returnedBy] : []))]),
  ];
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
          ? {
              id: p.findingId,
              number: p.findingNumber,
              title: p.findingTitle ?? '',
              reportYear: p.reportYear ?? 0,
              confidential: p.findingConfidential ?? false,
            }
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
          ? {
              comment: original.returnComment,
              at: original.returnedAt ? iso(original.returnedAt) : null,
              byName: original.returnedBy ? (names.get(original.returnedBy) ?? null) : null,
            }
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
        .map((a) => ({
          id: a.id,
          code: a.code,
          measureId: a.measureId,
          field: a.field,
          reason: a.reason,
          acceptedBy: a.acceptedBy,
          acceptedAt: iso(a.acceptedAt),
        })),
      answers: answerList.filter((a) => a.planId === p.id),
      createdAt: iso(p.createdAt),
      updatedAt: iso(p.updatedAt),
    };
  });
}

export type PlanDto = Awaited<ReturnType<typeof planDtos>>[number];
