import { and, asc, count, desc, eq, gt, gte, inArray, isNull, max, notExists, or, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/engine.js';
import {
  accountReconciliations,
  actionPlans,
  systemReconciliations,
  balanceAccounts,
  auditReports,
  deadlineRevisions,
  departments,
  findingDepartments,
  findings,
  followUpRounds,
  guidanceAcceptances,
  measureRecommendations,
  measures,
  meetings,
  recommendations,
  userRoles,
  roundSubmissions,
  statusEntries,
  users,
} from '../../db/schema/index.js';
import { answerRepository } from './answer-repository.js';
import { approvalRepository } from './approval-repository.js';

export type { AnswerRow } from './answer-repository.js';

export type PlanRow = typeof actionPlans.$inferSelect;
export type MeasureRow = typeof measures.$inferSelect;
export type RevisionRow = typeof deadlineRevisions.$inferSelect;
export type AcceptanceRow = typeof guidanceAcceptances.$inferSelect;
export type MeetingRow = typeof meetings.$inferSelect;

/** A plan with what its representation shows of its finding and department. */
export interface PlanHeader extends PlanRow {
  findingNumber: number;
  findingTitle: string;
  findingConfidential: boolean;
  reportYear: number;
  reportTitle: string;
  departmentCode: string;
}

/**
 * A plan of any subject kind: the finding's fields are null for a balance account's plan, whose
 * account and subject reconciliation are in `account`. A PlanHeader (finding plan) is one.
 */
export interface AnyPlanHeader extends PlanRow {
  findingNumber: number | null;
  findingTitle: string | null;
  findingConfidential: boolean | null;
  reportYear: number | null;
  reportTitle: string | null;
  departmentCode: string;
  account?: { id: string; number: string; name: string; reconciliationId: string; period: string } | null;
  /** A system reconciliation's plan: the system, target and month whose difference it clears. */
  systemReconciliation?: { id: string; system: string; target: 'ledger' | 'debtorSystem'; period: string; differenceOre: number } | null;
}

export interface PlanFilter {
  findingId?: string | undefined;
  departmentId?: string | undefined;
  state?: PlanRow['state'] | undefined;
  /** Readers: approved plans only. */
  approvedOnly?: boolean;
  /** Readers: plans of findings that are not confidential only. */
  publicOnly?: boolean;
}

const headerColumns = {
  plan: actionPlans,
  findingNumber: findings.number,
  findingTitle: findings.title,
  findingConfidential: findings.confidential,
  reportYear: auditReports.year,
  reportTitle: auditReports.title,
  departmentCode: departments.code,
};

function headerQuery(db: Executor) {
  return db
    .select(headerColumns)
    .from(actionPlans)
    .innerJoin(findings, and(eq(findings.municipalityId, actionPlans.municipalityId), eq(findings.id, actionPlans.findingId)))
    .innerJoin(auditReports, and(eq(auditReports.municipalityId, findings.municipalityId), eq(auditReports.id, findings.reportId)))
    .innerJoin(departments, and(eq(departments.municipalityId, actionPlans.municipalityId), eq(departments.id, actionPlans.departmentId)));
}

type HeaderResult = { plan: PlanRow } & Omit<PlanHeader, keyof PlanRow>;
const toHeader = ({ plan, ...rest }: HeaderResult): PlanHeader => ({ ...plan, ...rest });

const headerOrder = [asc(auditReports.year), asc(auditReports.title), asc(findings.number), asc(departments.code)];

/** SQL only: every function takes the municipality id and filters by it. */
export const planRepository = {
  async listPlans(db: Executor, mid: string, f: PlanFilter, paging: { limit: number; offset: number }): Promise<{ rows: PlanHeader[]; total: number }> {
    const where: SQL[] = [eq(actionPlans.municipalityId, mid)];
    if (f.findingId) where.push(eq(actionPlans.findingId, f.findingId));
    if (f.departmentId) where.push(eq(actionPlans.departmentId, f.departmentId));
    if (f.state) where.push(eq(actionPlans.state, f.state));
    // A plan writing a new revision still has its approved one (revision - 1)
    if (f.approvedOnly) where.push(or(eq(actionPlans.state, 'approved'), gt(actionPlans.revision, 1))!);
    if (f.publicOnly) {
      where.push(
        notExists(
          db
            .select({ one: sql`1` })
            .from(findings)
            .where(and(eq(findings.municipalityId, mid), eq(findings.id, actionPlans.findingId), eq(findings.confidential, true))),
        ),
      );
    }
    const [total] = await db
      .select({ n: count() })
      .from(actionPlans)
      .where(and(...where));
    const rows = await headerQuery(db)
      .where(and(...where))
      .orderBy(desc(auditReports.year), asc(auditReports.title), asc(findings.number), asc(departments.code))
      .limit(paging.limit)
      .offset(paging.offset);
    return { rows: rows.map(toHeader), total: total?.n ?? 0 };
  },

  /** Every plan of the municipality, ordered by report year, report title, finding number, department. */
  async allPlans(db: Executor, mid: string): Promise<PlanHeader[]> {
    const rows = await headerQuery(db)
      .where(eq(actionPlans.municipalityId, mid))
      .orderBy(...headerOrder);
    return rows.map(toHeader);
  },

  async getPlan(db: Executor, mid: string, id: string): Promise<PlanHeader | undefined> {
    const [row] = await headerQuery(db).where(and(eq(actionPlans.municipalityId, mid), eq(actionPlans.id, id)));
    return row && toHeader(row);
  },

  /** One plan of any subject kind (a finding's or a balance account's). */
  async getAnyPlan(db: Executor, mid: string, id: string): Promise<AnyPlanHeader | undefined> {
    const [row] = await db
      .select({
        ...headerColumns,
        accountId: balanceAccounts.id,
        accountNumber: balanceAccounts.number,
        accountName: balanceAccounts.name,
        subjectPeriod: accountReconciliations.period,
        system: {
          id: systemReconciliations.id,
          system: systemReconciliations.system,
          target: systemReconciliations.target,
          period: systemReconciliations.period,
          differenceOre: systemReconciliations.differenceOre,
        },
      })
      .from(actionPlans)
      .leftJoin(findings, and(eq(findings.municipalityId, actionPlans.municipalityId), eq(findings.id, actionPlans.findingId)))
      .leftJoin(auditReports, and(eq(auditReports.municipalityId, findings.municipalityId), eq(auditReports.id, findings.reportId)))
      .innerJoin(departments, and(eq(departments.municipalityId, actionPlans.municipalityId), eq(departments.id, actionPlans.departmentId)))
      .leftJoin(
        accountReconciliations,
        and(eq(accountReconciliations.municipalityId, actionPlans.municipalityId), eq(accountReconciliations.id, actionPlans.accountReconciliationId)),
      )
      .leftJoin(
        balanceAccounts,
        and(eq(balanceAccounts.municipalityId, accountReconciliations.municipalityId), eq(balanceAccounts.id, accountReconciliations.accountId)),
      )
      .leftJoin(
        systemReconciliations,
        and(eq(systemReconciliations.municipalityId, actionPlans.municipalityId), eq(systemReconciliations.id, actionPlans.systemReconciliationId)),
      )
      .where(and(eq(actionPlans.municipalityId, mid), eq(actionPlans.id, id)));
    if (!row) return undefined;
    const { plan, accountId, accountNumber, accountName, subjectPeriod, system, ...rest } = row;
    const account =
      accountId && accountNumber && accountName && subjectPeriod && plan.accountReconciliationId
        ? { id: accountId, number: accountNumber, name: accountName, reconciliationId: plan.accountReconciliationId, period: subjectPeriod }
        : null;
    return { ...plan, ...rest, account, systemReconciliation: system?.id ? system : null };
  },

  /** The plan of a system reconciliation, if it has one. */
  async planOfSystemReconciliation(db: Executor, mid: string, systemReconciliationId: string): Promise<PlanRow | undefined> {
    const [row] = await db
      .select()
      .from(actionPlans)
      .where(and(eq(actionPlans.municipalityId, mid), eq(actionPlans.systemReconciliationId, systemReconciliationId)));
    return row;
  },

  /** Every balance account's plan of the municipality, by account number and subject period. */
  async allAccountPlans(db: Executor, mid: string): Promise<AnyPlanHeader[]> {
    const rows = await db
      .select({ id: actionPlans.id, number: balanceAccounts.number })
      .from(actionPlans)
      .innerJoin(
        accountReconciliations,
        and(eq(accountReconciliations.municipalityId, actionPlans.municipalityId), eq(accountReconciliations.id, actionPlans.accountReconciliationId)),
      )
      .innerJoin(
        balanceAccounts,
        and(eq(balanceAccounts.municipalityId, accountReconciliations.municipalityId), eq(balanceAccounts.id, accountReconciliations.accountId)),
      )
      .where(eq(actionPlans.municipalityId, mid))
      .orderBy(asc(balanceAccounts.number), asc(accountReconciliations.period));
    const plans: AnyPlanHeader[] = [];
    // One at a time: a CLI run over a municipality's account plans, not a request path
    for (const r of rows) {
      const plan = await planRepository.getAnyPlan(db, mid, r.id);
      if (plan) plans.push(plan);
    }
    return plans;
  },

  async plansOfFinding(db: Executor, mid: string, findingId: string): Promise<PlanRow[]> {
    return db
      .select()
      .from(actionPlans)
      .where(and(eq(actionPlans.municipalityId, mid), eq(actionPlans.findingId, findingId)))
      .orderBy(asc(actionPlans.createdAt));
  },

  async planOfDepartment(db: Executor, mid: string, findingId: string, departmentId: string): Promise<PlanRow | undefined> {
    const [row] = await db
      .select()
      .from(actionPlans)
      .where(and(eq(actionPlans.municipalityId, mid), eq(actionPlans.findingId, findingId), eq(actionPlans.departmentId, departmentId)));
    return row;
  },

  async insertPlan(db: Executor, values: typeof actionPlans.$inferInsert): Promise<PlanRow> {
    const [row] = await db.insert(actionPlans).values(values).returning();
    return row!;
  },

  /** Version-guarded update that bumps the version; undefined when the version is stale. */
  async updatePlan(db: Executor, mid: string, id: string, version: number, values: Partial<typeof actionPlans.$inferInsert>): Promise<PlanRow | undefined> {
    const [row] = await db
      .update(actionPlans)
      .set({ ...values, version: sql`${actionPlans.version} + 1`, updatedAt: new Date() })
      .where(and(eq(actionPlans.municipalityId, mid), eq(actionPlans.id, id), eq(actionPlans.version, version)))
      .returning();
    return row;
  },

  async deletePlan(db: Executor, mid: string, id: string, version: number): Promise<boolean> {
    const rows = await db
      .delete(actionPlans)
      .where(and(eq(actionPlans.municipalityId, mid), eq(actionPlans.id, id), eq(actionPlans.version, version)))
      .returning({ id: actionPlans.id });
    return rows.length > 0;
  },

  async findingDepartmentIds(db: Executor, mid: string, findingId: string): Promise<string[]> {
    const rows = await db
      .select({ id: findingDepartments.departmentId })
      .from(findingDepartments)
      .where(and(eq(findingDepartments.municipalityId, mid), eq(findingDepartments.findingId, findingId)));
    return rows.map((r) => r.id);
  },

  async findingNumbersOfReport(db: Executor, mid: string, reportId: string): Promise<number[]> {
    const rows = await db
      .select({ n: findings.number })
      .from(findings)
      .where(and(eq(findings.municipalityId, mid), eq(findings.reportId, reportId)));
    return rows.map((r) => r.n);
  },

  async departmentExists(db: Executor, mid: string, id: string): Promise<boolean> {
    const [row] = await db
      .select({ id: departments.id })
      .from(departments)
      .where(and(eq(departments.municipalityId, mid), eq(departments.id, id)));
    return row !== undefined;
  },

  async recommendationsOf(db: Executor, mid: string, findingId: string) {
    return db
      .select({ id: recommendations.id, number: recommendations.number, text: recommendations.text })
      .from(recommendations)
      .where(and(eq(recommendations.municipalityId, mid), eq(recommendations.findingId, findingId)))
      .orderBy(asc(recommendations.number));
  },

  // Measures

  /** The plans' current measures: those no revision removed. */
  async measuresOf(db: Executor, mid: string, planIds: string[]): Promise<MeasureRow[]> {
    if (!planIds.length) return [];
    return db
      .select()
      .from(measures)
      .where(and(eq(measures.municipalityId, mid), inArray(measures.planId, planIds), isNull(measures.removedInRevision)))
      .orderBy(asc(measures.planId), asc(measures.position), asc(measures.createdAt));
  },

  async getMeasure(db: Executor, mid: string, id: string): Promise<MeasureRow | undefined> {
    const [row] = await db
      .select()
      .from(measures)
      .where(and(eq(measures.municipalityId, mid), eq(measures.id, id)));
    return row;
  },

  async maxPosition(db: Executor, mid: string, planId: string): Promise<number> {
    const [row] = await db
      .select({ p: max(measures.position) })
      .from(measures)
      .where(and(eq(measures.municipalityId, mid), eq(measures.planId, planId), isNull(measures.removedInRevision)));
    return row?.p ?? 0;
  },

  /** Moves the measures at `from` and after by `delta` places, to open or close a gap. */
  async shiftPositions(db: Executor, mid: string, planId: string, from: number, delta: 1 | -1): Promise<void> {
    await db
      .update(measures)
      .set({ position: sql`${measures.position} + ${delta}` })
      .where(
        and(
          eq(measures.municipalityId, mid),
          eq(measures.planId, planId),
          isNull(measures.removedInRevision),
          delta > 0 ? gte(measures.position, from) : gt(measures.position, from),
        ),
      );
  },

  async insertMeasure(db: Executor, values: typeof measures.$inferInsert): Promise<MeasureRow> {
    const [row] = await db.insert(measures).values(values).returning();
    return row!;
  },

  async updateMeasure(db: Executor, mid: string, id: string, version: number, values: Partial<typeof measures.$inferInsert>): Promise<MeasureRow | undefined> {
    const [row] = await db
      .update(measures)
      .set({ ...values, version: sql`${measures.version} + 1`, updatedAt: new Date() })
      .where(and(eq(measures.municipalityId, mid), eq(measures.id, id), eq(measures.version, version)))
      .returning();
    return row;
  },

  /** Position and number only, for reordering; the version moves when either changes. */
  async placeMeasure(db: Executor, mid: string, id: string, values: { position?: number; number?: string }, bumpVersion: boolean): Promise<void> {
    await db
      .update(measures)
      .set(bumpVersion ? { ...values, version: sql`${measures.version} + 1`, updatedAt: new Date() } : values)
      .where(and(eq(measures.municipalityId, mid), eq(measures.id, id)));
  },

  /** Marks a measure removed by the plan's revision `revision`; its row and history stay. */
  async markRemoved(db: Executor, mid: string, id: string, version: number, revision: number, userId: string | null): Promise<boolean> {
    const rows = await db
      .update(measures)
      .set({ removedInRevision: revision, version: sql`${measures.version} + 1`, updatedAt: new Date(), updatedBy: userId })
      .where(and(eq(measures.municipalityId, mid), eq(measures.id, id), eq(measures.version, version)))
      .returning({ id: measures.id });
    return rows.length > 0;
  },

  async deleteMeasure(db: Executor, mid: string, id: string, version: number): Promise<boolean> {
    const rows = await db
      .delete(measures)
      .where(and(eq(measures.municipalityId, mid), eq(measures.id, id), eq(measures.version, version)))
      .returning({ id: measures.id });
    return rows.length > 0;
  },

  async linksOf(db: Executor, mid: string, measureIds: string[]): Promise<{ measureId: string; recommendationId: string; number: number }[]> {
    if (!measureIds.length) return [];
    return db
      .select({ measureId: measureRecommendations.measureId, recommendationId: measureRecommendations.recommendationId, number: recommendations.number })
      .from(measureRecommendations)
      .innerJoin(
        recommendations,
        and(eq(recommendations.municipalityId, measureRecommendations.municipalityId), eq(recommendations.id, measureRecommendations.recommendationId)),
      )
      .where(and(eq(measureRecommendations.municipalityId, mid), inArray(measureRecommendations.measureId, measureIds)))
      .orderBy(asc(recommendations.number));
  },

  async setLinks(db: Executor, mid: string, measureId: string, recommendationIds: string[]): Promise<void> {
    await db.delete(measureRecommendations).where(and(eq(measureRecommendations.municipalityId, mid), eq(measureRecommendations.measureId, measureId)));
    if (recommendationIds.length) {
      await db.insert(measureRecommendations).values(recommendationIds.map((recommendationId) => ({ municipalityId: mid, measureId, recommendationId })));
    }
  },

  async revisionsOf(db: Executor, mid: string, measureIds: string[]): Promise<RevisionRow[]> {
    if (!measureIds.length) return [];
    return db
      .select()
      .from(deadlineRevisions)
      .where(and(eq(deadlineRevisions.municipalityId, mid), inArray(deadlineRevisions.measureId, measureIds)))
      .orderBy(asc(deadlineRevisions.createdAt), asc(deadlineRevisions.id));
  },

  async insertRevisions(db: Executor, rows: (typeof deadlineRevisions.$inferInsert)[]): Promise<void> {
    if (rows.length) await db.insert(deadlineRevisions).values(rows);
  },

  async countStatusEntries(db: Executor, mid: string, measureId: string): Promise<number> {
    const [row] = await db
      .select({ n: count() })
      .from(statusEntries)
      .where(and(eq(statusEntries.municipalityId, mid), eq(statusEntries.measureId, measureId)));
    return row?.n ?? 0;
  },

  /** A measure's status in every round, oldest round first. */
  async statusesOf(db: Executor, mid: string, measureId: string) {
    return db
      .select({
        roundId: followUpRounds.id,
        roundName: followUpRounds.name,
        submissionState: roundSubmissions.state,
        entry: statusEntries,
      })
      .from(statusEntries)
      .innerJoin(roundSubmissions, and(eq(roundSubmissions.municipalityId, statusEntries.municipalityId), eq(roundSubmissions.id, statusEntries.submissionId)))
      .innerJoin(followUpRounds, and(eq(followUpRounds.municipalityId, roundSubmissions.municipalityId), eq(followUpRounds.id, roundSubmissions.roundId)))
      .where(and(eq(statusEntries.municipalityId, mid), eq(statusEntries.measureId, measureId)))
      .orderBy(asc(followUpRounds.opensOn), asc(followUpRounds.createdAt));
  },

  /**
   * The status entries of the most recent status round (by opening date) that has entries for
   * the plan's measures, whatever the state of their submission.
   */
  async latestRoundEntries(db: Executor, mid: string, planId: string) {
    const rows = await queryRows<{
      id: string;
      measure_id: string;
      status: 'onTrack' | 'delayed' | 'completed' | 'cancelled';
      reason: string | null;
      new_deadline: string | null;
      self_check_result: string | null;
      note: string | null;
    }>(
      db,
      sql`
      with plan_entries as (
        select e.*, r.id as round_id, r.opens_on, r.created_at as round_created_at
        from status_entries e
        join measures m on m.municipality_id = e.municipality_id and m.id = e.measure_id
        join round_submissions s on s.municipality_id = e.municipality_id and s.id = e.submission_id
        join follow_up_rounds r on r.municipality_id = s.municipality_id and r.id = s.round_id
        where e.municipality_id = ${mid} and m.plan_id = ${planId} and r.kind = 'status'
      )
      select id, measure_id, status, reason, new_deadline, self_check_result, note from plan_entries
      where round_id = (select round_id from plan_entries order by opens_on desc, round_created_at desc limit 1)`,
    );
    return rows.map((r) => ({
      id: r.id,
      measureId: r.measure_id,
      status: r.status,
      reason: r.reason,
      newDeadline: r.new_deadline,
      selfCheckResult: r.self_check_result,
      note: r.note,
    }));
  },

  /** Measures of the plans with a completed or cancelled status in a submitted or accepted answer. */
  async closedMeasureIds(db: Executor, mid: string, planIds: string[]): Promise<Set<string>> {
    if (!planIds.length) return new Set();
    const rows = await db
      .selectDistinct({ id: statusEntries.measureId })
      .from(statusEntries)
      .innerJoin(measures, and(eq(measures.municipalityId, statusEntries.municipalityId), eq(measures.id, statusEntries.measureId)))
      .innerJoin(roundSubmissions, and(eq(roundSubmissions.municipalityId, statusEntries.municipalityId), eq(roundSubmissions.id, statusEntries.submissionId)))
      .where(
        and(
          eq(statusEntries.municipalityId, mid),
          inArray(measures.planId, planIds),
          inArray(statusEntries.status, ['completed', 'cancelled']),
          inArray(roundSubmissions.state, ['submitted', 'accepted']),
        ),
      );
    return new Set(rows.map((r) => r.id));
  },

  // Users, acceptances, meetings

  async usersByIds(db: Executor, mid: string, ids: string[]) {
    if (!ids.length) return [];
    return db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(and(eq(users.municipalityId, mid), inArray(users.id, ids)));
  },

  /**
   * Who may own a measure of a department's plan: the active users of the department, and active
   * users holding a role in it (a department role, or one of the whole municipality's
   * coordinators is not enough: the grant must name the department).
   */
  async departmentUsers(db: Executor, mid: string, departmentId: string) {
    return db
      .selectDistinct({ id: users.id, name: users.name, title: users.title, email: users.email })
      .from(users)
      .leftJoin(userRoles, and(eq(userRoles.municipalityId, users.municipalityId), eq(userRoles.userId, users.id), eq(userRoles.departmentId, departmentId)))
      .where(and(eq(users.municipalityId, mid), eq(users.active, true), or(eq(users.departmentId, departmentId), sql`${userRoles.userId} is not null`)))
      .orderBy(asc(users.name), asc(users.email));
  },

  async acceptancesOf(db: Executor, mid: string, planIds: string[]): Promise<AcceptanceRow[]> {
    if (!planIds.length) return [];
    return db
      .select()
      .from(guidanceAcceptances)
      .where(and(eq(guidanceAcceptances.municipalityId, mid), inArray(guidanceAcceptances.planId, planIds)))
      .orderBy(asc(guidanceAcceptances.acceptedAt), asc(guidanceAcceptances.id));
  },

  async insertAcceptance(db: Executor, values: typeof guidanceAcceptances.$inferInsert): Promise<AcceptanceRow> {
    const [row] = await db.insert(guidanceAcceptances).values(values).returning();
    return row!;
  },

  async deleteAcceptance(db: Executor, mid: string, planId: string, id: string): Promise<AcceptanceRow | undefined> {
    const [row] = await db
      .delete(guidanceAcceptances)
      .where(and(eq(guidanceAcceptances.municipalityId, mid), eq(guidanceAcceptances.planId, planId), eq(guidanceAcceptances.id, id)))
      .returning();
    return row;
  },

  async meetingsByIds(db: Executor, mid: string, ids: string[]): Promise<MeetingRow[]> {
    if (!ids.length) return [];
    return db
      .select()
      .from(meetings)
      .where(and(eq(meetings.municipalityId, mid), inArray(meetings.id, ids)));
  },

  ...approvalRepository,
  ...answerRepository,
};
