import { and, asc, eq, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/engine.js';
import { reminderSettings, roundSchedules } from '../../db/schema/index.js';
import { approvedMeasuresSql } from '../plans/revisions.js';
import { latestStatusesSql } from '../rounds/measure-status-sql.js';

export type ReminderSettingsRow = typeof reminderSettings.$inferSelect;
export type RoundScheduleRow = typeof roundSchedules.$inferSelect;

/** What a reminder names about the finding behind it; the title only of a finding that is not confidential. */
export interface FindingInfo {
  findingId: string | null;
  findingNumber: number | null;
  findingYear: number | null;
  findingTitle: string | null;
}
export interface DepartmentInfo {
  departmentId: string;
  departmentCode: string;
  departmentName: string;
}

type FindingCols = {
  finding_id: string | null;
  finding_number: number | null;
  finding_year: number | null;
  finding_title: string | null;
  confidential: boolean | null;
};
const findingInfo = (r: FindingCols): FindingInfo => ({
  findingId: r.finding_id,
  findingNumber: r.finding_number === null ? null : Number(r.finding_number),
  findingYear: r.finding_year === null ? null : Number(r.finding_year),
  findingTitle: r.confidential ? null : r.finding_title,
});
const findingColumns = sql`f.id as finding_id, f.number as finding_number, ar.year as finding_year, f.title as finding_title, f.confidential`;
const findingJoins = (mid: string, findingId: ReturnType<typeof sql.raw>) => sql`
  left join findings f on f.municipality_id = ${mid} and f.id = ${findingId}
  left join audit_reports ar on ar.municipality_id = f.municipality_id and ar.id = f.report_id`;

/** SQL only: every function takes the municipality id first and filters by it. */
export const remindersRepository = {
  async municipalities(db: Executor) {
    return queryRows<{ id: string; language: 'da' | 'sv' | 'en'; time_zone: string }>(
      db,
      sql`select id, language, time_zone from municipalities order by slug`,
    );
  },

  async settings(db: Executor, mid: string): Promise<ReminderSettingsRow | undefined> {
    const [row] = await db.select().from(reminderSettings).where(eq(reminderSettings.municipalityId, mid));
    return row;
  },

  /** Writes the settings; `version` null creates them (the defaults had no row). Undefined: someone else got there first. */
  async putSettings(
    db: Executor,
    mid: string,
    version: number | null,
    values: Pick<ReminderSettingsRow, 'daysBefore' | 'overdueEveryDays' | 'escalateAfterDays' | 'escalationChain'>,
  ): Promise<ReminderSettingsRow | undefined> {
    if (version === null) {
      const [row] = await db
        .insert(reminderSettings)
        .values({ municipalityId: mid, ...values })
        .onConflictDoNothing()
        .returning();
      return row;
    }
    const [row] = await db
      .update(reminderSettings)
      .set({ ...values, version: sql`${reminderSettings.version} + 1`, updatedAt: new Date() })
      .where(and(eq(reminderSettings.municipalityId, mid), eq(reminderSettings.version, version)))
      .returning();
    return row;
  },

  /** Plans central coordination asked for with a due date and not yet submitted (a first draft, or returned). */
  async requestedPlans(db: Executor, mid: string) {
    const rows = await queryRows<FindingCols & { department_id: string; code: string; name: string; due_on: string }>(
      db,
      sql`
        select ${findingColumns}, d.id as department_id, d.code, d.name, fd.plan_due_on::text as due_on
        from finding_departments fd
        join departments d on d.municipality_id = fd.municipality_id and d.id = fd.department_id
        ${findingJoins(mid, sql.raw('fd.finding_id'))}
        left join action_plans p on p.municipality_id = fd.municipality_id and p.finding_id = fd.finding_id and p.department_id = fd.department_id
        where fd.municipality_id = ${mid} and fd.plan_due_on is not null and fd.state not in ('closed', 'carriedOver')
          and (p.id is null or (p.state = 'draft' and p.revision = 1))
        order by f.id, d.code`,
    );
    return rows.map((r) => ({ ...findingInfo(r), departmentId: r.department_id, departmentCode: r.code, departmentName: r.name, dueOn: r.due_on }));
  },

  async openRounds(db: Executor, mid: string) {
    return queryRows<{ id: string; name: string; due_on: string }>(
      db,
      sql`select id, name, due_on::text as due_on from follow_up_rounds where municipality_id = ${mid} and state = 'open' order by opens_on, created_at`,
    );
  },

  /**
   * The measures of approved plans with a deadline, not finished or postponed by their latest
   * submitted status, whose finding part is still open (an account's plan has none).
   */
  async dueMeasures(db: Executor, mid: string) {
    const rows = await queryRows<
      FindingCols & {
        measure_id: string;
        plan_id: string;
        number: string;
        due_on: string;
        owner_user_id: string | null;
        department_id: string;
        code: string;
        name: string;
      }
    >(
      db,
      sql`
        select ${findingColumns}, am.measure_id, am.plan_id, am.number, am.deadline_due::text as due_on, am.owner_user_id::text as owner_user_id,
          d.id as department_id, d.code, d.name
        from (${approvedMeasuresSql(mid)}) am
        join departments d on d.municipality_id = ${mid} and d.id = am.department_id
        ${findingJoins(mid, sql.raw('am.finding_id'))}
        left join finding_departments fd on fd.municipality_id = ${mid} and fd.finding_id = am.finding_id and fd.department_id = am.department_id
        left join (${latestStatusesSql(mid)}) ls on ls.measure_id = am.measure_id
        where am.deadline_due is not null
          and coalesce(ls.status, 'none') not in ('completed', 'cancelled', 'postponed')
          and coalesce(fd.state, 'open') not in ('closed', 'carriedOver')
        order by am.measure_id`,
    );
    return rows.map((r) => ({
      ...findingInfo(r),
      measureId: r.measure_id,
      planId: r.plan_id,
      measureNumber: r.number,
      dueOn: r.due_on,
      ownerUserId: r.owner_user_id,
      departmentId: r.department_id,
      departmentCode: r.code,
      departmentName: r.name,
    }));
  },

  /** Answer documents with a due date whose first revision is not submitted yet. */
  async dueAnswers(db: Executor, mid: string) {
    const rows = await queryRows<
      FindingCols & { id: string; plan_id: string; kind: string; due_on: string; department_id: string; code: string; name: string }
    >(
      db,
      sql`
        select ${findingColumns}, a.id, a.plan_id, a.kind, a.due_date::text as due_on, d.id as department_id, d.code, d.name
        from answer_documents a
        join action_plans p on p.municipality_id = a.municipality_id and p.id = a.plan_id
        join departments d on d.municipality_id = p.municipality_id and d.id = p.department_id
        ${findingJoins(mid, sql.raw('p.finding_id'))}
        where a.municipality_id = ${mid} and a.due_date is not null and a.state = 'draft' and a.revision = 1
        order by a.id`,
    );
    return rows.map((r) => ({
      ...findingInfo(r),
      answerId: r.id,
      planId: r.plan_id,
      answerKind: r.kind,
      dueOn: r.due_on,
      departmentId: r.department_id,
      departmentCode: r.code,
      departmentName: r.name,
    }));
  },

  /** The active users' coordinator grants: department coordinators by department, and central coordination. */
  async coordinators(db: Executor, mid: string) {
    return queryRows<{ user_id: string; role: 'departmentCoordinator' | 'centralCoordinator'; department_id: string | null }>(
      db,
      sql`
        select distinct r.user_id::text as user_id, r.role, r.department_id::text as department_id from user_roles r
        join users u on u.municipality_id = r.municipality_id and u.id = r.user_id and u.active
        where r.municipality_id = ${mid} and r.role in ('departmentCoordinator', 'centralCoordinator')
        order by 1`,
    );
  },

  async activeUserIds(db: Executor, mid: string): Promise<Set<string>> {
    const rows = await queryRows<{ id: string }>(db, sql`select id::text as id from users where municipality_id = ${mid} and active`);
    return new Set(rows.map((r) => r.id));
  },

  async departmentHeads(db: Executor, mid: string) {
    return queryRows<{ id: string; head_name: string | null; head_email: string | null; head_user_id: string | null }>(
      db,
      sql`select id::text as id, head_name, head_email, head_user_id::text as head_user_id from departments where municipality_id = ${mid}`,
    );
  },

  async schedules(db: Executor, mid: string): Promise<RoundScheduleRow[]> {
    return db.select().from(roundSchedules).where(eq(roundSchedules.municipalityId, mid)).orderBy(asc(roundSchedules.name));
  },

  async schedule(db: Executor, mid: string, id: string): Promise<RoundScheduleRow | undefined> {
    const [row] = await db
      .select()
      .from(roundSchedules)
      .where(and(eq(roundSchedules.municipalityId, mid), eq(roundSchedules.id, id)));
    return row;
  },

  async insertSchedule(db: Executor, values: typeof roundSchedules.$inferInsert): Promise<RoundScheduleRow> {
    const [row] = await db.insert(roundSchedules).values(values).returning();
    return row!;
  },

  async updateSchedule(db: Executor, mid: string, id: string, version: number, values: Partial<typeof roundSchedules.$inferInsert>) {
    const [row] = await db
      .update(roundSchedules)
      .set({ ...values, version: sql`${roundSchedules.version} + 1`, updatedAt: new Date() })
      .where(and(eq(roundSchedules.municipalityId, mid), eq(roundSchedules.id, id), eq(roundSchedules.version, version)))
      .returning();
    return row;
  },

  async deleteSchedule(db: Executor, mid: string, id: string, version: number): Promise<boolean> {
    const rows = await db
      .delete(roundSchedules)
      .where(and(eq(roundSchedules.municipalityId, mid), eq(roundSchedules.id, id), eq(roundSchedules.version, version)))
      .returning({ id: roundSchedules.id });
    return rows.length > 0;
  },

  /**
   * Marks a schedule's date opened, only if no one has: the conditional update is what lets one
   * of two servers open the round (the other's update finds the date already set and changes nothing).
   */
  async claimOpening(db: Executor, mid: string, id: string, opensOn: string): Promise<RoundScheduleRow | undefined> {
    const [row] = await db
      .update(roundSchedules)
      .set({ lastOpenedOn: opensOn })
      .where(
        and(
          eq(roundSchedules.municipalityId, mid),
          eq(roundSchedules.id, id),
          sql`(${roundSchedules.lastOpenedOn} is null or ${roundSchedules.lastOpenedOn} < ${opensOn}::date)`,
        ),
      )
      .returning();
    return row;
  },

  async roundNamed(db: Executor, mid: string, name: string): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(db, sql`select id from follow_up_rounds where municipality_id = ${mid} and name = ${name}`);
    return rows.length > 0;
  },

  /** Serialises the periodic check per municipality across servers, until the transaction ends. */
  async lockMunicipality(db: Executor, mid: string): Promise<void> {
    await db.execute(sql`select pg_advisory_xact_lock(hashtext('tilsyn.reminders'), hashtext(${mid}))`);
  },

  /** The reminders and escalations written about a finding, oldest first, with the user's name. */
  async ofFinding(db: Executor, mid: string, findingId: string) {
    return queryRows<{
      id: string;
      kind: string;
      user_id: string | null;
      user_name: string | null;
      email: string | null;
      params: Record<string, string | number | null>;
      due_on: string | null;
      created_at: Date | string;
    }>(
      db,
      sql`
        select n.id, n.kind, n.user_id::text as user_id, u.name as user_name, n.email, n.params, n.due_on::text as due_on, n.created_at
        from notifications n
        left join users u on u.municipality_id = n.municipality_id and u.id = n.user_id
        where n.municipality_id = ${mid} and n.finding_id = ${findingId}
          and n.kind in ('planDueSoon', 'planOverdue', 'measureDueSoon', 'measureOverdue', 'answerDueSoon', 'answerOverdue', 'escalation')
        order by n.params ->> 'on', n.created_at, n.id`,
    );
  },
};
