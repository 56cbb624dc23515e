import { and, asc, count, desc, eq, exists, getTableColumns, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/engine.js';
import {
  actionPlans,
  auditReports,
  councilDecisions,
  departments,
  findingDepartments,
  findings,
  meetings,
  recommendations,
  users,
} from '../../db/schema/index.js';
import { searchConfig } from '../search/config.js';
import { latestStatusesSql, statusFilterSql, type MeasureStatusFilter } from '../rounds/measure-status-sql.js';
import { approvedMeasuresSql } from '../plans/revisions.js';
import { findingSortKeys, type FindingSort } from './schemas.js';
import type { Locale } from '../../../domain/i18n.js';
import type { FindingState } from '../../../domain/finding-state.js';

export type ReportRow = typeof auditReports.$inferSelect;
export type FindingRow = typeof findings.$inferSelect;
export type RecommendationRow = typeof recommendations.$inferSelect;
export type FindingDepartmentRow = typeof findingDepartments.$inferSelect & { code: string; name: string; planRequestedByName: string | null };

export interface FindingFilter {
  year?: number | undefined;
  reportId?: string | undefined;
  departmentId?: string | undefined;
  grade?: 'red' | 'yellow' | 'green' | undefined;
  state?: string | undefined;
  overdue?: boolean | undefined;
  committeeId?: string | undefined;
  /** Findings with a measure of an approved plan in this status (of the department's or committee's plans when filtered so). */
  measureStatus?: MeasureStatusFilter | undefined;
  confidential?: boolean | undefined;
  q?: string | undefined;
  sort?: FindingSort | undefined;
  /** ISO date "today", for the overdue filter. */
  today: string;
  language: Locale;
}

/** The order of a findings list: the chosen key first, then the default order as tie-breaker (stable paging). */
function findingOrder(sort: FindingSort | undefined) {
  const fallback = [desc(auditReports.year), asc(auditReports.title), asc(findings.number), asc(findings.id)];
  if (!sort) return fallback;
  const descending = sort.startsWith('-');
  const key = (descending ? sort.slice(1) : sort) as (typeof findingSortKeys)[number];
  // Grades sort by severity (red first), not alphabetically; ungraded last.
  const column = {
    year: auditReports.year,
    number: findings.number,
    title: findings.title,
    grade: sql`case ${findings.grade} when 'red' then 1 when 'yellow' then 2 when 'green' then 3 else 4 end`,
  }[key];
  return [descending ? desc(column) : asc(column), ...fallback];
}

/**
 * The measures of a finding (`findings` of the outer query) in its plans' approved revisions whose latest status meets
 * the filter, as the overview counts them: by the plan's department, so the department and committee filters apply.
 */
function measuresWithStatus(mid: string, f: Pick<FindingFilter, 'departmentId' | 'committeeId' | 'today'>, filter: MeasureStatusFilter): SQL {
  const status = sql.raw(`coalesce(l.status, 'noStatus')`);
  // The approved revision's measures with its deadlines: a revision being written changes none
  return sql`
    select 1 from (${approvedMeasuresSql(mid)}) am
    join departments d on d.municipality_id = ${mid} and d.id = am.department_id
    left join (${latestStatusesSql(mid)}) l on l.measure_id = am.measure_id
    where am.finding_id = ${findings.id}
      ${f.departmentId ? sql`and am.department_id = ${f.departmentId}` : sql``}
      ${f.committeeId ? sql`and d.committee_id = ${f.committeeId}` : sql``}
      and ${statusFilterSql(filter, status, sql.raw('am.deadline_due'), f.today)}`;
}

/** SQL only: every function takes the municipality id first and filters by it. */
export const findingRepository = {
  async listReports(db: Executor, mid: string): Promise<ReportRow[]> {
    return db.select().from(auditReports).where(eq(auditReports.municipalityId, mid)).orderBy(desc(auditReports.year), asc(auditReports.title));
  },

  async getReport(db: Executor, mid: string, id: string): Promise<ReportRow | undefined> {
    const [row] = await db
      .select()
      .from(auditReports)
      .where(and(eq(auditReports.municipalityId, mid), eq(auditReports.id, id)));
    return row;
  },

  async insertReport(db: Executor, values: typeof auditReports.$inferInsert): Promise<ReportRow> {
    const [row] = await db.insert(auditReports).values(values).returning();
    return row!;
  },

  async updateReport(
    db: Executor,
    mid: string,
    id: string,
    version: number,
    values: Partial<typeof auditReports.$inferInsert>,
  ): Promise<ReportRow | undefined> {
    const [row] = await db
      .update(auditReports)
      .set({ ...values, version: sql`${auditReports.version} + 1`, updatedAt: new Date() })
      .where(and(eq(auditReports.municipalityId, mid), eq(auditReports.id, id), eq(auditReports.version, version)))
      .returning();
    return row;
  },

  async deleteReport(db: Executor, mid: string, id: string, version: number): Promise<boolean> {
    const rows = await db
      .delete(auditReports)
      .where(and(eq(auditReports.municipalityId, mid), eq(auditReports.id, id), eq(auditReports.version, version)))
      .returning({ id: auditReports.id });
    return rows.length > 0;
  },

  async countFindingsOfReport(db: Executor, mid: string, reportId: string): Promise<number> {
    const [row] = await db
      .select({ n: count() })
      .from(findings)
      .where(and(eq(findings.municipalityId, mid), eq(findings.reportId, reportId)));
    return row?.n ?? 0;
  },

  async listFindings(
    db: Executor,
    mid: string,
    f: FindingFilter,
    paging: { limit: number; offset: number },
  ): Promise<{ rows: (FindingRow & { reportYear: number })[]; total: number }> {
    const where: SQL[] = [eq(findings.municipalityId, mid)];
    if (f.year !== undefined) where.push(eq(auditReports.year, f.year));
    if (f.reportId) where.push(eq(findings.reportId, f.reportId));
    if (f.grade) where.push(eq(findings.grade, f.grade));
    if (f.confidential !== undefined) where.push(eq(findings.confidential, f.confidential));
    if (f.departmentId || f.state || f.committeeId) {
      // One part meets every part filter: the department's (or the committee's) part is in that state.
      const parts: SQL[] = [eq(findingDepartments.municipalityId, mid), eq(findingDepartments.findingId, findings.id)];
      if (f.departmentId) parts.push(eq(findingDepartments.departmentId, f.departmentId));
      if (f.state) parts.push(eq(findingDepartments.state, f.state as FindingDepartmentRow['state']));
      if (f.committeeId) parts.push(eq(departments.committeeId, f.committeeId));
      where.push(
        exists(
          db
            .select({ one: sql`1` })
            .from(findingDepartments)
            .innerJoin(departments, and(eq(departments.municipalityId, findingDepartments.municipalityId), eq(departments.id, findingDepartments.departmentId)))
            .where(and(...parts)),
        ),
      );
    }
    // `overdue=true` is the overview's "overdue" column; both go through the one SQL definition.
    const measureStatus = f.measureStatus ?? (f.overdue === true ? 'overdue' : undefined);
    if (measureStatus) where.push(sql`exists (${measuresWithStatus(mid, f, measureStatus)})`);
    else if (f.overdue === false) where.push(sql`not exists (${measuresWithStatus(mid, f, 'overdue')})`);
    if (f.q) {
      const cfg = searchConfig(f.language);
      const doc = sql`to_tsvector(${sql.raw(`'${cfg}'`)}::regconfig, ${findings.title} || ' ' || ${findings.observations} || ' ' || coalesce(${findings.risks}, ''))`;
      const query = sql`websearch_to_tsquery(${sql.raw(`'${cfg}'`)}::regconfig, ${f.q})`;
      const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.push(or(sql`${doc} @@ ${query}`, ilike(findings.title, like), ilike(findings.caseNumber, like))!);
    }
    const cond = and(...where);
    const base = db
      .select()
      .from(findings)
      .innerJoin(auditReports, and(eq(auditReports.municipalityId, findings.municipalityId), eq(auditReports.id, findings.reportId)));
    const [totalRow] = await db
      .select({ n: count() })
      .from(findings)
      .innerJoin(auditReports, and(eq(auditReports.municipalityId, findings.municipalityId), eq(auditReports.id, findings.reportId)))
      .where(cond);
    const rows = await base
      .where(cond)
      .orderBy(...findingOrder(f.sort))
      .limit(paging.limit)
      .offset(paging.offset);
    return { rows: rows.map((r) => ({ ...r.findings, reportYear: r.audit_reports.year })), total: totalRow?.n ?? 0 };
  },

  async getFinding(db: Executor, mid: string, id: string): Promise<FindingRow | undefined> {
    const [row] = await db
      .select()
      .from(findings)
      .where(and(eq(findings.municipalityId, mid), eq(findings.id, id)));
    return row;
  },

  async getFindingsByIds(db: Executor, mid: string, ids: string[]): Promise<FindingRow[]> {
    if (!ids.length) return [];
    return db
      .select()
      .from(findings)
      .where(and(eq(findings.municipalityId, mid), inArray(findings.id, ids)));
  },

  async insertFinding(db: Executor, values: typeof findings.$inferInsert): Promise<FindingRow> {
    const [row] = await db.insert(findings).values(values).returning();
    return row!;
  },

  async updateFinding(db: Executor, mid: string, id: string, version: number, values: Partial<typeof findings.$inferInsert>): Promise<FindingRow | undefined> {
    const [row] = await db
      .update(findings)
      .set({ ...values, version: sql`${findings.version} + 1`, updatedAt: new Date() })
      .where(and(eq(findings.municipalityId, mid), eq(findings.id, id), eq(findings.version, version)))
      .returning();
    return row;
  },

  async deleteFinding(db: Executor, mid: string, id: string, version: number): Promise<boolean> {
    const rows = await db
      .delete(findings)
      .where(and(eq(findings.municipalityId, mid), eq(findings.id, id), eq(findings.version, version)))
      .returning({ id: findings.id });
    return rows.length > 0;
  },

  async recommendationsOf(db: Executor, mid: string, findingIds: string[]): Promise<RecommendationRow[]> {
    if (!findingIds.length) return [];
    return db
      .select()
      .from(recommendations)
      .where(and(eq(recommendations.municipalityId, mid), inArray(recommendations.findingId, findingIds)))
      .orderBy(asc(recommendations.number));
  },

  async insertRecommendations(db: Executor, rows: (typeof recommendations.$inferInsert)[]): Promise<RecommendationRow[]> {
    if (!rows.length) return [];
    return db.insert(recommendations).values(rows).returning();
  },

  async updateRecommendationText(db: Executor, mid: string, id: string, text: string): Promise<void> {
    await db
      .update(recommendations)
      .set({ text })
      .where(and(eq(recommendations.municipalityId, mid), eq(recommendations.id, id)));
  },

  async deleteRecommendations(db: Executor, mid: string, ids: string[]): Promise<void> {
    if (!ids.length) return;
    await db.delete(recommendations).where(and(eq(recommendations.municipalityId, mid), inArray(recommendations.id, ids)));
  },

  async departmentsOf(db: Executor, mid: string, findingIds: string[]): Promise<FindingDepartmentRow[]> {
    if (!findingIds.length) return [];
    const rows = await db
      .select()
      .from(findingDepartments)
      .innerJoin(departments, and(eq(departments.municipalityId, findingDepartments.municipalityId), eq(departments.id, findingDepartments.departmentId)))
      .leftJoin(users, and(eq(users.municipalityId, findingDepartments.municipalityId), eq(users.id, findingDepartments.planRequestedBy)))
      .where(and(eq(findingDepartments.municipalityId, mid), inArray(findingDepartments.findingId, findingIds)))
      .orderBy(asc(departments.code));
    return rows.map((r) => ({ ...r.finding_departments, code: r.departments.code, name: r.departments.name, planRequestedByName: r.users?.name ?? null }));
  },

  /** Records central coordination's request for one department's plan (only while none was asked). */
  async setPlanRequest(
    db: Executor,
    mid: string,
    findingId: string,
    departmentId: string,
    request: { requestedAt: Date; requestedBy: string | null; dueOn: string; note: string | null },
  ): Promise<boolean> {
    const rows = await db
      .update(findingDepartments)
      .set({
        planRequestedAt: request.requestedAt,
        planRequestedBy: request.requestedBy,
        planDueOn: request.dueOn,
        planRequestNote: request.note,
        version: sql`${findingDepartments.version} + 1`,
      })
      .where(
        and(
          eq(findingDepartments.municipalityId, mid),
          eq(findingDepartments.findingId, findingId),
          eq(findingDepartments.departmentId, departmentId),
          isNull(findingDepartments.planRequestedAt),
        ),
      )
      .returning({ id: findingDepartments.departmentId });
    return rows.length > 0;
  },

  async meetingOf(db: Executor, mid: string, id: string) {
    const [row] = await db
      .select({ body: meetings.body, heldOn: meetings.heldOn, agendaItem: meetings.agendaItem })
      .from(meetings)
      .where(and(eq(meetings.municipalityId, mid), eq(meetings.id, id)));
    return row;
  },

  /** Renumbers a finding's recommendations in one go (through negative numbers, so the unique index never sees a clash). */
  async renumberRecommendations(db: Executor, mid: string, findingId: string, order: { id: string; number: number }[]): Promise<void> {
    if (!order.length) return;
    await db
      .update(recommendations)
      .set({ number: sql`-${recommendations.number}` })
      .where(and(eq(recommendations.municipalityId, mid), eq(recommendations.findingId, findingId)));
    for (const r of order) {
      await db
        .update(recommendations)
        .set({ number: r.number })
        .where(and(eq(recommendations.municipalityId, mid), eq(recommendations.id, r.id)));
    }
  },

  async insertFindingDepartments(db: Executor, rows: (typeof findingDepartments.$inferInsert)[]): Promise<void> {
    if (rows.length) await db.insert(findingDepartments).values(rows);
  },

  async deleteFindingDepartments(db: Executor, mid: string, findingId: string, departmentIds: string[]): Promise<void> {
    if (!departmentIds.length) return;
    await db
      .delete(findingDepartments)
      .where(
        and(eq(findingDepartments.municipalityId, mid), eq(findingDepartments.findingId, findingId), inArray(findingDepartments.departmentId, departmentIds)),
      );
  },

  async setDepartmentState(
    db: Executor,
    mid: string,
    findingId: string,
    departmentId: string,
    state: FindingDepartmentRow['state'],
    note: string | null,
    expectedVersion: number | null,
    /** When the state changed: the command's time, from the service's clock. */
    at: Date,
  ): Promise<typeof findingDepartments.$inferSelect | undefined> {
    const where = [eq(findingDepartments.municipalityId, mid), eq(findingDepartments.findingId, findingId), eq(findingDepartments.departmentId, departmentId)];
    if (expectedVersion !== null) where.push(eq(findingDepartments.version, expectedVersion));
    const [row] = await db
      .update(findingDepartments)
      .set({ state, stateNote: note, stateChangedAt: at, version: sql`${findingDepartments.version} + 1` })
      .where(and(...where))
      .returning();
    return row;
  },

  /** A finding's department parts as stored (all, or the named departments'). */
  async partsOf(db: Executor, mid: string, findingId: string, departmentIds: string[] | 'all') {
    const where = [eq(findingDepartments.municipalityId, mid), eq(findingDepartments.findingId, findingId)];
    if (departmentIds !== 'all') where.push(inArray(findingDepartments.departmentId, departmentIds));
    return db
      .select()
      .from(findingDepartments)
      .where(and(...where));
  },

  /** Moves one part to a state by an automatic step (no note), as of `at`. */
  async advancePart(db: Executor, mid: string, findingId: string, departmentId: string, state: FindingState, version: number, at: Date): Promise<void> {
    await db
      .update(findingDepartments)
      .set({ state, stateChangedAt: at, version: version + 1 })
      .where(and(eq(findingDepartments.municipalityId, mid), eq(findingDepartments.findingId, findingId), eq(findingDepartments.departmentId, departmentId)));
  },

  async councilDecisionOf(db: Executor, mid: string, findingId: string) {
    const [row] = await db
      .select()
      .from(councilDecisions)
      .where(and(eq(councilDecisions.municipalityId, mid), eq(councilDecisions.findingId, findingId)));
    return row;
  },

  async upsertCouncilDecision(db: Executor, values: typeof councilDecisions.$inferInsert) {
    const [row] = await db
      .insert(councilDecisions)
      .values(values)
      .onConflictDoUpdate({
        target: [councilDecisions.municipalityId, councilDecisions.findingId],
        set: {
          meetingId: values.meetingId ?? null,
          text: values.text,
          committeeComment: values.committeeComment ?? null,
          version: sql`${councilDecisions.version} + 1`,
          updatedAt: new Date(),
        },
      })
      .returning();
    return row!;
  },

  /** Earlier years of a finding, newest first, by following previous_finding_id. */
  async earlierYears(db: Executor, mid: string, findingId: string): Promise<{ id: string; number: number; title: string; year: number; reportId: string }[]> {
    const rows = await queryRows<{ id: string; number: number; title: string; year: number; report_id: string }>(
      db,
      sql`
      with recursive chain(id, previous_id, depth) as (
        select f.id, f.previous_finding_id, 0 from findings f where f.municipality_id = ${mid} and f.id = ${findingId}
        union all
        select f.id, f.previous_finding_id, c.depth + 1 from findings f join chain c on f.id = c.previous_id
        where f.municipality_id = ${mid} and c.depth < 50
      )
      select f.id, f.number, f.title, r.year, f.report_id from chain c
      join findings f on f.municipality_id = ${mid} and f.id = c.id
      join audit_reports r on r.municipality_id = ${mid} and r.id = f.report_id
      where c.depth > 0 order by c.depth`,
    );
    return rows.map((r) => ({ id: r.id, number: Number(r.number), title: r.title, year: Number(r.year), reportId: r.report_id }));
  },

  async laterYear(db: Executor, mid: string, findingId: string): Promise<FindingRow | undefined> {
    const [row] = await db
      .select()
      .from(findings)
      .where(and(eq(findings.municipalityId, mid), eq(findings.previousFindingId, findingId)));
    return row;
  },

  /** Which of the findings a later finding repeats (carried over, or named as its earlier year). */
  async repeatedLater(db: Executor, mid: string, findingIds: string[]): Promise<Set<string>> {
    if (!findingIds.length) return new Set();
    const rows = await db
      .selectDistinct({ id: findings.previousFindingId })
      .from(findings)
      .where(and(eq(findings.municipalityId, mid), inArray(findings.previousFindingId, findingIds)));
    return new Set(rows.flatMap((r) => (r.id ? [r.id] : [])));
  },

  async departmentIdsExist(db: Executor, mid: string, ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    const rows = await db
      .select({ id: departments.id })
      .from(departments)
      .where(and(eq(departments.municipalityId, mid), inArray(departments.id, ids)));
    return rows.map((r) => r.id);
  },

  async allDepartmentIds(db: Executor, mid: string): Promise<string[]> {
    const rows = await db.select({ id: departments.id }).from(departments).where(eq(departments.municipalityId, mid)).orderBy(asc(departments.code));
    return rows.map((r) => r.id);
  },

  /** The finding's plans (their rows: the revision being written, if any) with their current measure count. */
  async plansOfFinding(db: Executor, mid: string, findingId: string) {
    return db
      .select({
        ...getTableColumns(actionPlans),
        // Qualified by hand: drizzle renders a column in a select list without its table, which
        // inside this subquery would mean measures.id and count nothing.
        measureCount: sql<number>`(select count(*)::int from measures m where m.municipality_id = ${mid} and m.plan_id = "action_plans"."id" and m.removed_in_revision is null)`,
      })
      .from(actionPlans)
      .where(and(eq(actionPlans.municipalityId, mid), eq(actionPlans.findingId, findingId)))
      .orderBy(asc(actionPlans.createdAt));
  },
};
