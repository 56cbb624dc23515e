import type { MeasureStatus } from '../../../domain/measure-status.js';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/engine.js';
import { approvedMeasuresOf, plansAsApproved, type PinnedRevisions } from '../plans/revisions.js';
import {
  actionPlans,
  answerDocuments,
  auditReports,
  committees,
  councilDecisions,
  roundPlanRevisions,
  deadlineRevisions,
  departments,
  findingDepartments,
  findings,
  followUpRounds,
  measureRecommendations,
  measures,
  meetings,
  municipalities,
  planApprovals,
  recommendations,
  roundSubmissions,
} from '../../db/schema/index.js';

export type FindingRow = typeof findings.$inferSelect;
export type ReportRow = typeof auditReports.$inferSelect;
export type PlanRow = typeof actionPlans.$inferSelect;
export type MeasureRow = typeof measures.$inferSelect;
export type DepartmentRow = typeof departments.$inferSelect;
export type MeetingRow = typeof meetings.$inferSelect;

/** A status entry with the round and submission it belongs to. */
export interface EntryRow {
  measureId: string;
  status: MeasureStatus;
  note: string | null;
  reason: string | null;
  newDeadline: string | null;
  newDeadlineDue: string | null;
  selfCheckResult: string | null;
  submissionState: 'draft' | 'submitted' | 'returned' | 'accepted';
  roundId: string;
  roundName: string;
}

/** Everything the documents read, in a few set-wise queries; every function filters by municipality first. */
export const documentsRepository = {
  async municipality(db: Executor, mid: string) {
    const [row] = await db.select().from(municipalities).where(eq(municipalities.id, mid));
    return row;
  },

  async round(db: Executor, mid: string, id: string) {
    const [row] = await db
      .select()
      .from(followUpRounds)
      .where(and(eq(followUpRounds.municipalityId, mid), eq(followUpRounds.id, id)));
    return row;
  },

  roundsOf(db: Executor, mid: string) {
    return db.select().from(followUpRounds).where(eq(followUpRounds.municipalityId, mid)).orderBy(asc(followUpRounds.opensOn), asc(followUpRounds.createdAt));
  },

  reportsOf(db: Executor, mid: string) {
    return db.select().from(auditReports).where(eq(auditReports.municipalityId, mid)).orderBy(asc(auditReports.year), asc(auditReports.title));
  },

  /** Every answer document with the finding it answers, for listing. */
  answersOf(db: Executor, mid: string) {
    return db
      .select({ planId: answerDocuments.planId, kind: answerDocuments.kind, findingNumber: findings.number, findingTitle: findings.title })
      .from(answerDocuments)
      .innerJoin(actionPlans, and(eq(actionPlans.municipalityId, answerDocuments.municipalityId), eq(actionPlans.id, answerDocuments.planId)))
      .innerJoin(findings, and(eq(findings.municipalityId, actionPlans.municipalityId), eq(findings.id, actionPlans.findingId)))
      .where(eq(answerDocuments.municipalityId, mid))
      .orderBy(asc(findings.number), asc(answerDocuments.kind));
  },

  departments(db: Executor, mid: string) {
    return db.select().from(departments).where(eq(departments.municipalityId, mid)).orderBy(asc(departments.code));
  },

  committees(db: Executor, mid: string) {
    return db.select().from(committees).where(eq(committees.municipalityId, mid)).orderBy(asc(committees.code));
  },

  meetings(db: Executor, mid: string) {
    return db.select().from(meetings).where(eq(meetings.municipalityId, mid));
  },

  async report(db: Executor, mid: string, id: string) {
    const [row] = await db
      .select()
      .from(auditReports)
      .where(and(eq(auditReports.municipalityId, mid), eq(auditReports.id, id)));
    return row;
  },

  reportsByIds(db: Executor, mid: string, ids: string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return db
      .select()
      .from(auditReports)
      .where(and(eq(auditReports.municipalityId, mid), inArray(auditReports.id, ids)));
  },

  /** The department parts of findings affecting any of `departmentIds`. */
  findingDepartmentsIn(db: Executor, mid: string, departmentIds: string[]) {
    if (departmentIds.length === 0) return Promise.resolve([]);
    return db
      .select()
      .from(findingDepartments)
      .where(and(eq(findingDepartments.municipalityId, mid), inArray(findingDepartments.departmentId, departmentIds)));
  },

  findingDepartmentsOf(db: Executor, mid: string, findingIds: string[]) {
    if (findingIds.length === 0) return Promise.resolve([]);
    return db
      .select()
      .from(findingDepartments)
      .where(and(eq(findingDepartments.municipalityId, mid), inArray(findingDepartments.findingId, findingIds)));
  },

  findingsByIds(db: Executor, mid: string, ids: string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return db
      .select()
      .from(findings)
      .where(and(eq(findings.municipalityId, mid), inArray(findings.id, ids)))
      .orderBy(asc(findings.number));
  },

  findingsOfReport(db: Executor, mid: string, reportId: string) {
    return db
      .select()
      .from(findings)
      .where(and(eq(findings.municipalityId, mid), eq(findings.reportId, reportId)))
      .orderBy(asc(findings.number));
  },

  async finding(db: Executor, mid: string, id: string) {
    const [row] = await db
      .select()
      .from(findings)
      .where(and(eq(findings.municipalityId, mid), eq(findings.id, id)));
    return row;
  },

  recommendationsOf(db: Executor, mid: string, findingIds: string[]) {
    if (findingIds.length === 0) return Promise.resolve([]);
    return db
      .select()
      .from(recommendations)
      .where(and(eq(recommendations.municipalityId, mid), inArray(recommendations.findingId, findingIds)))
      .orderBy(asc(recommendations.number));
  },

  /**
   * The findings' plans as documents show them: a plan writing a new revision shows its approved
   * one (fields and state), never the draft (modules/plans/revisions).
   */
  async plansOf(db: Executor, mid: string, findingIds: string[], pinned?: PinnedRevisions): Promise<PlanRow[]> {
    if (findingIds.length === 0) return [];
    const rows = await db
      .select()
      .from(actionPlans)
      .where(and(eq(actionPlans.municipalityId, mid), inArray(actionPlans.findingId, findingIds)))
      .orderBy(asc(actionPlans.createdAt), asc(actionPlans.id));
    return plansAsApproved(db, mid, rows, pinned);
  },

  /** The revision of each plan a round answers (pinned when it opened, or when the plan was first approved while it was open). */
  async pinnedRevisions(db: Executor, mid: string, roundId: string): Promise<PinnedRevisions> {
    const rows = await db
      .select({ planId: roundPlanRevisions.planId, revision: roundPlanRevisions.revision })
      .from(roundPlanRevisions)
      .where(and(eq(roundPlanRevisions.municipalityId, mid), eq(roundPlanRevisions.roundId, roundId)));
    return new Map(rows.map((r) => [r.planId, r.revision]));
  },

  async plan(db: Executor, mid: string, id: string): Promise<PlanRow | undefined> {
    const [row] = await db
      .select()
      .from(actionPlans)
      .where(and(eq(actionPlans.municipalityId, mid), eq(actionPlans.id, id)));
    return row && (await plansAsApproved(db, mid, [row]))[0];
  },

  /** The plans' measures as approved (the approved revision's, with their approved values), by plan and position. */
  async measuresOf(db: Executor, mid: string, planIds: string[], pinned?: PinnedRevisions): Promise<MeasureRow[]> {
    if (planIds.length === 0) return [];
    const plans = await db
      .select()
      .from(actionPlans)
      .where(and(eq(actionPlans.municipalityId, mid), inArray(actionPlans.id, planIds)));
    const rows = await approvedMeasuresOf(db, mid, plans, pinned);
    return rows.map(({ recommendationIds: _, ...m }) => m).sort((a, b) => (a.planId < b.planId ? -1 : a.planId > b.planId ? 1 : a.position - b.position));
  },

  /** The recommendations each measure addresses, as approved (a draft revision's changes are not shown). */
  async measureRecommendationsOf(
    db: Executor,
    mid: string,
    measureIds: string[],
    pinned?: PinnedRevisions,
  ): Promise<(typeof measureRecommendations.$inferSelect)[]> {
    if (measureIds.length === 0) return [];
    const planIds = await db
      .selectDistinct({ id: measures.planId })
      .from(measures)
      .where(and(eq(measures.municipalityId, mid), inArray(measures.id, measureIds)));
    const plans = planIds.length
      ? await db
          .select()
          .from(actionPlans)
          .where(
            and(
              eq(actionPlans.municipalityId, mid),
              inArray(
                actionPlans.id,
                planIds.map((p) => p.id),
              ),
            ),
          )
      : [];
    const wanted = new Set(measureIds);
    return (await approvedMeasuresOf(db, mid, plans, pinned))
      .filter((m) => wanted.has(m.id))
      .flatMap((m) => m.recommendationIds.map((recommendationId) => ({ municipalityId: mid, measureId: m.id, recommendationId })));
  },

  /** The first deadline each measure had (its `original`, or the one it was carried over with). */
  async originalDeadlines(db: Executor, mid: string, measureIds: string[]): Promise<Map<string, { deadline: string | null; due: string | null }>> {
    if (measureIds.length === 0) return new Map();
    const rows = await db
      .select({
        measureId: deadlineRevisions.measureId,
        deadline: deadlineRevisions.deadline,
        due: deadlineRevisions.deadlineDue,
        createdAt: deadlineRevisions.createdAt,
      })
      .from(deadlineRevisions)
      .where(and(eq(deadlineRevisions.municipalityId, mid), inArray(deadlineRevisions.measureId, measureIds)))
      // Rows written in one transaction share created_at: the original (or carried-over) one comes first.
      .orderBy(
        asc(deadlineRevisions.createdAt),
        sql`case when ${deadlineRevisions.source} in ('original', 'carryOver') then 0 else 1 end`,
        asc(deadlineRevisions.id),
      );
    const first = new Map<string, { deadline: string | null; due: string | null }>();
    for (const r of rows) if (!first.has(r.measureId)) first.set(r.measureId, { deadline: r.deadline, due: r.due });
    return first;
  },

  approvalsOf(db: Executor, mid: string, planIds: string[]) {
    if (planIds.length === 0) return Promise.resolve([]);
    return db
      .select()
      .from(planApprovals)
      .where(and(eq(planApprovals.municipalityId, mid), inArray(planApprovals.planId, planIds)))
      .orderBy(asc(planApprovals.approvedOn), asc(planApprovals.createdAt));
  },

  submissionsOfRound(db: Executor, mid: string, roundId: string) {
    return db
      .select()
      .from(roundSubmissions)
      .where(and(eq(roundSubmissions.municipalityId, mid), eq(roundSubmissions.roundId, roundId)));
  },

  /**
   * Status entries of the given measures in `roundId` and in every round before it (by opening
   * date, then creation), newest round first, so the first entry per measure is the latest.
   */
  async entriesUpTo(db: Executor, mid: string, measureIds: string[], roundId: string | null): Promise<EntryRow[]> {
    if (measureIds.length === 0) return [];
    const rows = await queryRows<{
      measure_id: string;
      status: EntryRow['status'];
      note: string | null;
      reason: string | null;
      new_deadline: string | null;
      new_deadline_due: string | null;
      self_check_result: string | null;
      submission_state: EntryRow['submissionState'];
      round_id: string;
      round_name: string;
    }>(
      db,
      sql`
        select e.measure_id, e.status, e.note, e.reason, e.new_deadline, e.new_deadline_due::text as new_deadline_due, e.self_check_result,
          s.state as submission_state, r.id as round_id, r.name as round_name
        from status_entries e
        join round_submissions s on s.municipality_id = e.municipality_id and s.id = e.submission_id
        join follow_up_rounds r on r.municipality_id = s.municipality_id and r.id = s.round_id
        where e.municipality_id = ${mid}
          and e.measure_id in (${sql.join(
            measureIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})
          ${
            roundId
              ? sql`and (r.opens_on, r.created_at) <= (select cur.opens_on, cur.created_at from follow_up_rounds cur where cur.municipality_id = ${mid} and cur.id = ${roundId})`
              : sql``
          }
        order by r.opens_on desc, r.created_at desc`,
    );
    return rows.map((r) => ({
      measureId: r.measure_id,
      status: r.status,
      note: r.note,
      reason: r.reason,
      newDeadline: r.new_deadline,
      newDeadlineDue: r.new_deadline_due,
      selfCheckResult: r.self_check_result,
      submissionState: r.submission_state,
      roundId: r.round_id,
      roundName: r.round_name,
    }));
  },

  async answer(db: Executor, mid: string, planId: string, kind: 'reply' | 'yttrande' | 'uppfoljandeYttrande') {
    const [row] = await db
      .select()
      .from(answerDocuments)
      .where(and(eq(answerDocuments.municipalityId, mid), eq(answerDocuments.planId, planId), eq(answerDocuments.kind, kind)));
    return row;
  },

  councilDecisionsOf(db: Executor, mid: string, findingIds: string[]) {
    if (findingIds.length === 0) return Promise.resolve([]);
    return db
      .select()
      .from(councilDecisions)
      .where(and(eq(councilDecisions.municipalityId, mid), inArray(councilDecisions.findingId, findingIds)));
  },
};
