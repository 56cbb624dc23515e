import { revisionMeasuresSql } from '../plans/revisions.js';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/engine.js';
import { deadlineRevisions, departments, followUpRounds, guidanceAcceptances, measures, roundSubmissions, statusEntries } from '../../db/schema/index.js';

export type RoundRow = typeof followUpRounds.$inferSelect;
export type SubmissionRow = typeof roundSubmissions.$inferSelect;
export type StatusEntryRow = typeof statusEntries.$inferSelect;
export type DepartmentRow = typeof departments.$inferSelect;

/** A measure a department answers for in a round, with what the status list shows about it. */
export interface ScopeMeasure {
  measureId: string;
  number: string;
  title: string;
  planId: string;
  findingId: string;
  findingNumber: number;
  findingTitle: string;
  /** The year of the finding's audit report: finding numbers repeat from year to year. */
  findingYear: number;
  deadline: string | null;
  deadlineDue: string | null;
  ownerUserId: string | null;
}

export interface DepartmentProgress {
  departmentId: string;
  code: string;
  name: string;
  submissionId: string | null;
  state: SubmissionRow['state'] | null;
  answered: number;
  total: number;
}

/**
 * The measures in a round, one row each, as the round asks about them: the measures of the
 * revision of each plan the round is pinned to (round_plan_revisions: the revision approved when
 * it opened), with that revision's values (revisionMeasuresSql), less those whose latest status
 * in an earlier round's submitted or accepted submission finished them. Answered by the plan's
 * department (the coordinating one for a cross-cutting plan).
 */
function roundScope(mid: string, roundId: string) {
  const pins = sql`select rp.plan_id, rp.revision, rp.round_id from round_plan_revisions rp where rp.municipality_id = ${mid} and rp.round_id = ${roundId}`;
  return sql`
    select rm.* from (${revisionMeasuresSql(mid, pins)}) rm
    where coalesce((
        select pe.status from status_entries pe
        join round_submissions ps on ps.municipality_id = pe.municipality_id and ps.id = pe.submission_id
        join follow_up_rounds pr on pr.municipality_id = ps.municipality_id and pr.id = ps.round_id
        join follow_up_rounds cur on cur.municipality_id = pr.municipality_id and cur.id = ${roundId}
        where pe.municipality_id = ${mid} and pe.measure_id = rm.measure_id
          and ps.state in ('submitted', 'accepted')
          and (pr.opens_on, pr.created_at) < (cur.opens_on, cur.created_at)
        order by pr.opens_on desc, pr.created_at desc
        limit 1
      ), 'none') not in ('completed', 'cancelled')`;
}

/** SQL only: every function takes the municipality id first and filters by it. */
export const roundsRepository = {
  async listRounds(db: Executor, mid: string): Promise<RoundRow[]> {
    return db.select().from(followUpRounds).where(eq(followUpRounds.municipalityId, mid)).orderBy(asc(followUpRounds.opensOn), asc(followUpRounds.createdAt));
  },

  async getRound(db: Executor, mid: string, id: string): Promise<RoundRow | undefined> {
    const [row] = await db
      .select()
      .from(followUpRounds)
      .where(and(eq(followUpRounds.municipalityId, mid), eq(followUpRounds.id, id)));
    return row;
  },

  async insertRound(db: Executor, values: typeof followUpRounds.$inferInsert): Promise<RoundRow> {
    const [row] = await db.insert(followUpRounds).values(values).returning();
    return row!;
  },

  async updateRound(
    db: Executor,
    mid: string,
    id: string,
    version: number,
    values: Partial<typeof followUpRounds.$inferInsert>,
  ): Promise<RoundRow | undefined> {
    const [row] = await db
      .update(followUpRounds)
      .set({ ...values, version: sql`${followUpRounds.version} + 1`, updatedAt: new Date() })
      .where(and(eq(followUpRounds.municipalityId, mid), eq(followUpRounds.id, id), eq(followUpRounds.version, version)))
      .returning();
    return row;
  },

  async getDepartment(db: Executor, mid: string, id: string): Promise<DepartmentRow | undefined> {
    const [row] = await db
      .select()
      .from(departments)
      .where(and(eq(departments.municipalityId, mid), eq(departments.id, id)));
    return row;
  },

  /** Every department with a measure in the round or a submission to it, with its progress. */
  async progressByDepartment(db: Executor, mid: string, roundId: string): Promise<DepartmentProgress[]> {
    const rows = await queryRows<{
      department_id: string;
      code: string;
      name: string;
      submission_id: string | null;
      state: SubmissionRow['state'] | null;
      answered: number;
      total: number;
    }>(
      db,
      sql`
        with scope as (select sc.measure_id, sc.department_id from (${roundScope(mid, roundId)}) sc)
        select d.id as department_id, d.code, d.name, s.id as submission_id, s.state,
          (select count(*)::int from scope sc join status_entries e on e.municipality_id = ${mid} and e.submission_id = s.id and e.measure_id = sc.measure_id
            where sc.department_id = d.id) as answered,
          (select count(*)::int from scope sc where sc.department_id = d.id) as total
        from departments d
        left join round_submissions s on s.municipality_id = d.municipality_id and s.round_id = ${roundId} and s.department_id = d.id
        where d.municipality_id = ${mid}
          and (s.id is not null or exists (select 1 from scope sc where sc.department_id = d.id))
        order by d.code`,
    );
    return rows.map((r) => ({
      departmentId: r.department_id,
      code: r.code,
      name: r.name,
      submissionId: r.submission_id,
      state: r.state,
      answered: Number(r.answered),
      total: Number(r.total),
    }));
  },

  /** The department's measures in the round (or the one named), by finding number, plan and position. */
  async scopeMeasures(db: Executor, mid: string, roundId: string, departmentId: string, measureId?: string): Promise<ScopeMeasure[]> {
    const rows = await queryRows<{
      measure_id: string;
      number: string;
      title: string;
      plan_id: string;
      finding_id: string;
      finding_number: number;
      finding_title: string;
      finding_year: number;
      deadline: string | null;
      deadline_due: string | null;
      owner_user_id: string | null;
    }>(
      db,
      sql`
        select sc.measure_id, sc.number, sc.title, sc.plan_id, f.id as finding_id, f.number as finding_number, f.title as finding_title, ar.year as finding_year,
          sc.deadline, sc.deadline_due::text as deadline_due, sc.owner_user_id::text as owner_user_id
        from (${roundScope(mid, roundId)}) sc
        join findings f on f.municipality_id = ${mid} and f.id = sc.finding_id
        join audit_reports ar on ar.municipality_id = f.municipality_id and ar.id = f.report_id
        where sc.department_id = ${departmentId}
          ${measureId ? sql`and sc.measure_id = ${measureId}` : sql``}
        order by f.number, sc.plan_created_at, sc.plan_id, sc.position`,
    );
    return rows.map((r) => ({
      measureId: r.measure_id,
      number: r.number,
      title: r.title,
      planId: r.plan_id,
      findingId: r.finding_id,
      findingNumber: Number(r.finding_number),
      findingTitle: r.finding_title,
      findingYear: Number(r.finding_year),
      deadline: r.deadline,
      deadlineDue: r.deadline_due,
      ownerUserId: r.owner_user_id,
    }));
  },

  /**
   * Pins a new round to the revision of every plan approved now: the approved one, also while a
   * later revision is being written.
   */
  async pinApprovedPlans(db: Executor, mid: string, roundId: string): Promise<void> {
    await db.execute(sql`
      insert into round_plan_revisions (municipality_id, round_id, plan_id, revision)
      select p.municipality_id, ${roundId}::uuid, p.id, case when p.state = 'approved' then p.revision else p.revision - 1 end
      from action_plans p
      where p.municipality_id = ${mid} and (p.state = 'approved' or p.revision > 1)`);
  },

  /** A plan approved while rounds are open joins those that do not answer it yet, at this revision (its first approval there). */
  async pinInOpenRounds(db: Executor, mid: string, planId: string, revision: number): Promise<void> {
    await db.execute(sql`
      insert into round_plan_revisions (municipality_id, round_id, plan_id, revision)
      select r.municipality_id, r.id, ${planId}::uuid, ${revision}::int
      from follow_up_rounds r
      where r.municipality_id = ${mid} and r.state = 'open'
      on conflict do nothing`);
  },

  /**
   * The revision of the measure's plan the round answers, when the measure is not in it (a
   * measure a later revision added); undefined otherwise (not pinned, or in the revision).
   */
  async revisionWithoutMeasure(db: Executor, mid: string, roundId: string, departmentId: string, measureId: string): Promise<number | undefined> {
    const [row] = await queryRows<{ revision: number }>(
      db,
      sql`
        select rp.revision
        from measures m
        join action_plans p on p.municipality_id = m.municipality_id and p.id = m.plan_id
        join round_plan_revisions rp on rp.municipality_id = p.municipality_id and rp.round_id = ${roundId} and rp.plan_id = p.id
        join plan_revisions pr on pr.municipality_id = rp.municipality_id and pr.plan_id = rp.plan_id and pr.number = rp.revision
        where m.municipality_id = ${mid} and m.id = ${measureId} and p.department_id = ${departmentId}
          and not exists (select 1 from jsonb_array_elements(pr.snapshot -> 'measures') as pm(value) where pm.value ->> 'id' = m.id::text)`,
    );
    return row ? Number(row.revision) : undefined;
  },

  async getSubmission(db: Executor, mid: string, id: string, lock = false): Promise<SubmissionRow | undefined> {
    const query = db
      .select()
      .from(roundSubmissions)
      .where(and(eq(roundSubmissions.municipalityId, mid), eq(roundSubmissions.id, id)));
    const [row] = lock ? await query.for('update') : await query;
    return row;
  },

  async submissionOf(db: Executor, mid: string, roundId: string, departmentId: string, lock = false): Promise<SubmissionRow | undefined> {
    const query = db
      .select()
      .from(roundSubmissions)
      .where(and(eq(roundSubmissions.municipalityId, mid), eq(roundSubmissions.roundId, roundId), eq(roundSubmissions.departmentId, departmentId)));
    const [row] = lock ? await query.for('update') : await query;
    return row;
  },

  /** Creates the draft submission; undefined when a concurrent request created it first. */
  async insertSubmission(db: Executor, values: typeof roundSubmissions.$inferInsert): Promise<SubmissionRow | undefined> {
    const [row] = await db.insert(roundSubmissions).values(values).onConflictDoNothing().returning();
    return row;
  },

  async updateSubmission(
    db: Executor,
    mid: string,
    id: string,
    version: number,
    values: Partial<typeof roundSubmissions.$inferInsert>,
  ): Promise<SubmissionRow | undefined> {
    const [row] = await db
      .update(roundSubmissions)
      .set({ ...values, version: sql`${roundSubmissions.version} + 1`, updatedAt: new Date() })
      .where(and(eq(roundSubmissions.municipalityId, mid), eq(roundSubmissions.id, id), eq(roundSubmissions.version, version)))
      .returning();
    return row;
  },

  async entriesOf(db: Executor, mid: string, submissionId: string): Promise<StatusEntryRow[]> {
    return db
      .select()
      .from(statusEntries)
      .where(and(eq(statusEntries.municipalityId, mid), eq(statusEntries.submissionId, submissionId)));
  },

  async entryOf(db: Executor, mid: string, submissionId: string, measureId: string): Promise<StatusEntryRow | undefined> {
    const [row] = await db
      .select()
      .from(statusEntries)
      .where(and(eq(statusEntries.municipalityId, mid), eq(statusEntries.submissionId, submissionId), eq(statusEntries.measureId, measureId)));
    return row;
  },

  async insertEntry(db: Executor, values: typeof statusEntries.$inferInsert): Promise<StatusEntryRow> {
    const [row] = await db.insert(statusEntries).values(values).returning();
    return row!;
  },

  async updateEntry(
    db: Executor,
    mid: string,
    id: string,
    version: number,
    values: Partial<typeof statusEntries.$inferInsert>,
  ): Promise<StatusEntryRow | undefined> {
    const [row] = await db
      .update(statusEntries)
      .set({ ...values, version: sql`${statusEntries.version} + 1`, updatedAt: new Date() })
      .where(and(eq(statusEntries.municipalityId, mid), eq(statusEntries.id, id), eq(statusEntries.version, version)))
      .returning();
    return row;
  },

  /** The guidance-check errors accepted with a reason on these plans (code, measure, field). */
  async acceptancesOf(db: Executor, mid: string, planIds: string[]) {
    if (!planIds.length) return [];
    return db
      .select()
      .from(guidanceAcceptances)
      .where(and(eq(guidanceAcceptances.municipalityId, mid), inArray(guidanceAcceptances.planId, planIds)))
      .orderBy(asc(guidanceAcceptances.acceptedAt), asc(guidanceAcceptances.id));
  },

  async getMeasure(db: Executor, mid: string, id: string) {
    const [row] = await db
      .select()
      .from(measures)
      .where(and(eq(measures.municipalityId, mid), eq(measures.id, id)));
    return row;
  },

  async hasDeadlineRevisions(db: Executor, mid: string, measureId: string): Promise<boolean> {
    const [row] = await db
      .select({ id: deadlineRevisions.id })
      .from(deadlineRevisions)
      .where(and(eq(deadlineRevisions.municipalityId, mid), eq(deadlineRevisions.measureId, measureId)))
      .limit(1);
    return row !== undefined;
  },

  async insertDeadlineRevision(db: Executor, values: typeof deadlineRevisions.$inferInsert): Promise<void> {
    await db.insert(deadlineRevisions).values(values);
  },

  async setMeasureDeadline(db: Executor, mid: string, measureId: string, deadline: string, due: string, userId: string | null) {
    const [row] = await db
      .update(measures)
      .set({ deadline, deadlineDue: due, version: sql`${measures.version} + 1`, updatedAt: new Date(), updatedBy: userId })
      .where(and(eq(measures.municipalityId, mid), eq(measures.id, measureId)))
      .returning();
    return row;
  },
};
