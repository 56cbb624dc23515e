import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { answerKinds } from '../../db/schema/values.js';
import { queryRows, type Executor } from '../../db/engine.js';
import { calendarFeeds, departments } from '../../db/schema/index.js';
import { approvedMeasuresSql } from '../plans/revisions.js';

export type FeedRow = typeof calendarFeeds.$inferSelect;
export type AnswerKind = (typeof answerKinds)[number];

/**
 * Which part of the municipality a feed's events come from, decided by the service from the
 * owner's roles at the time of the fetch.
 */
export interface EventScope {
  /** Null: every department. */
  departmentIds: readonly string[] | null;
  /** Measures this user owns count too, wherever they are (a user feed's measure owner). */
  ownerUserId: string | null;
  /** Readers: no confidential finding, approved plans and answers only. */
  publicOnly: boolean;
}

/** The finding an event concerns: its title only goes out when it is not confidential. */
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

export interface MeasureDeadline {
  id: string;
  number: string;
  title: string;
  deadline: string | null;
  due: string;
  planId: string;
  finding: FindingRef;
  department: DepartmentRef;
}

export interface PlanRequest {
  finding: FindingRef;
  department: DepartmentRef;
  due: string;
}

export interface AnswerDue {
  id: string;
  kind: AnswerKind;
  planId: string;
  /** Null once the answer is sent: nothing is due any more, but its meetings still are events. */
  due: string | null;
  decisionPlan: string[];
  finding: FindingRef;
  department: DepartmentRef;
}

export interface MeetingRow {
  id: string;
  body: string;
  heldOn: string;
  agendaItem: string | null;
}

const idList = (ids: readonly string[]) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );

/** The department filter over a column; null when the scope names no department at all. */
function departmentFilter(column: SQL, scope: EventScope): SQL | null {
  if (scope.departmentIds === null) return sql`true`;
  if (!scope.departmentIds.length) return null;
  return sql`${column} in (${idList(scope.departmentIds)})`;
}

type FindingColumns = { finding_id: string; finding_number: number; year: number; finding_title: string; confidential: boolean };
type DepartmentColumns = { department_id: string; code: string; name: string };

const findingOf = (r: FindingColumns): FindingRef => ({
  id: r.finding_id,
  number: Number(r.finding_number),
  year: Number(r.year),
  title: r.finding_title,
  confidential: r.confidential,
});
const departmentOf = (r: DepartmentColumns): DepartmentRef => ({ id: r.department_id, code: r.code, name: r.name });

/** SQL only: every function takes the municipality id first and filters by it (the token lookup excepted: the token names the municipality). */
export const calendarRepository = {
  async insertFeed(db: Executor, values: typeof calendarFeeds.$inferInsert): Promise<FeedRow> {
    const [row] = await db.insert(calendarFeeds).values(values).returning();
    return row!;
  },

  /** The user's feeds that are not revoked, oldest first. */
  async feedsOf(db: Executor, mid: string, userId: string): Promise<FeedRow[]> {
    return db
      .select()
      .from(calendarFeeds)
      .where(and(eq(calendarFeeds.municipalityId, mid), eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)))
      .orderBy(asc(calendarFeeds.createdAt), asc(calendarFeeds.id));
  },

  async feed(db: Executor, mid: string, id: string): Promise<FeedRow | undefined> {
    const [row] = await db
      .select()
      .from(calendarFeeds)
      .where(and(eq(calendarFeeds.municipalityId, mid), eq(calendarFeeds.id, id)));
    return row;
  },

  /** A feed by its token's hash, across municipalities: the token is the only thing a calendar client sends. */
  async feedByHash(db: Executor, tokenHash: string): Promise<FeedRow | undefined> {
    const [row] = await db.select().from(calendarFeeds).where(eq(calendarFeeds.tokenHash, tokenHash));
    return row;
  },

  async revoke(db: Executor, mid: string, id: string, at: Date): Promise<FeedRow | undefined> {
    const [row] = await db
      .update(calendarFeeds)
      .set({ revokedAt: at })
      .where(and(eq(calendarFeeds.municipalityId, mid), eq(calendarFeeds.id, id), isNull(calendarFeeds.revokedAt)))
      .returning();
    return row;
  },

  async touch(db: Executor, mid: string, id: string, at: Date): Promise<void> {
    await db
      .update(calendarFeeds)
      .set({ lastUsedAt: at })
      .where(and(eq(calendarFeeds.municipalityId, mid), eq(calendarFeeds.id, id)));
  },

  async departments(db: Executor, mid: string, ids: readonly string[] | null): Promise<DepartmentRef[]> {
    if (ids !== null && !ids.length) return [];
    return db
      .select({ id: departments.id, code: departments.code, name: departments.name })
      .from(departments)
      .where(and(eq(departments.municipalityId, mid), ids === null ? undefined : inArray(departments.id, [...ids])))
      .orderBy(asc(departments.code));
  },

  /**
   * Deadlines of the measures of approved revisions (a finding's plans) that have a due date and
   * whose latest submitted status did not finish them. A delay's new date is already the measure's
   * deadline once its answer is submitted.
   */
  async measureDeadlines(db: Executor, mid: string, scope: EventScope): Promise<MeasureDeadline[]> {
    const inDepartments = departmentFilter(sql.raw('am.department_id'), scope);
    const owned = scope.ownerUserId === null ? null : sql`am.owner_user_id = ${scope.ownerUserId}`;
    const which = [inDepartments, owned].filter((c): c is SQL => c !== null);
    if (!which.length) return [];
    const rows = await queryRows<
      FindingColumns & DepartmentColumns & { measure_id: string; number: string; title: string; deadline: string | null; due: string; plan_id: string }
    >(
      db,
      sql`
        select am.measure_id, am.number, am.title, am.deadline, am.deadline_due::text as due, am.plan_id,
          f.id as finding_id, f.number as finding_number, f.title as finding_title, f.confidential, r.year,
          d.id as department_id, d.code, d.name
        from (${approvedMeasuresSql(mid)}) am
        join findings f on f.municipality_id = ${mid} and f.id = am.finding_id
        join audit_reports r on r.municipality_id = f.municipality_id and r.id = f.report_id
        join departments d on d.municipality_id = ${mid} and d.id = am.department_id
        where am.deadline_due is not null
          and (${sql.join(which, sql` or `)})
          ${scope.publicOnly ? sql`and not f.confidential` : sql``}
          and coalesce((
            select e.status from status_entries e
            join round_submissions s on s.municipality_id = e.municipality_id and s.id = e.submission_id
            join follow_up_rounds fr on fr.municipality_id = s.municipality_id and fr.id = s.round_id
            where e.municipality_id = ${mid} and e.measure_id = am.measure_id and s.state in ('submitted', 'accepted')
            order by fr.opens_on desc, fr.created_at desc
            limit 1), 'none') not in ('completed', 'cancelled')
        order by am.deadline_due, r.year, f.number, am.position`,
    );
    return rows.map((r) => ({
      id: r.measure_id,
      number: r.number,
      title: r.title,
      deadline: r.deadline,
      due: r.due,
      planId: r.plan_id,
      finding: findingOf(r),
      department: departmentOf(r),
    }));
  },

  /** Plans requested with a due date from a department's part of an open finding, while no revision of the plan is approved. */
  async planRequests(db: Executor, mid: string, scope: EventScope): Promise<PlanRequest[]> {
    const inDepartments = departmentFilter(sql.raw('fd.department_id'), scope);
    if (inDepartments === null || scope.publicOnly) return [];
    const rows = await queryRows<FindingColumns & DepartmentColumns & { due: string }>(
      db,
      sql`
        select fd.plan_due_on::text as due, f.id as finding_id, f.number as finding_number, f.title as finding_title, f.confidential, r.year,
          d.id as department_id, d.code, d.name
        from finding_departments fd
        join findings f on f.municipality_id = fd.municipality_id and f.id = fd.finding_id
        join audit_reports r on r.municipality_id = f.municipality_id and r.id = f.report_id
        join departments d on d.municipality_id = fd.municipality_id and d.id = fd.department_id
        left join action_plans p on p.municipality_id = fd.municipality_id and p.finding_id = fd.finding_id and p.department_id = fd.department_id
        where fd.municipality_id = ${mid} and fd.plan_requested_at is not null and fd.plan_due_on is not null
          and fd.state not in ('closed', 'carriedOver')
          and (p.id is null or (p.state <> 'approved' and p.revision = 1))
          and ${inDepartments}
        order by fd.plan_due_on, r.year, f.number, d.code`,
    );
    return rows.map((r) => ({ due: r.due, finding: findingOf(r), department: departmentOf(r) }));
  },

  /** The open status rounds. */
  async openRounds(db: Executor, mid: string): Promise<{ id: string; name: string; dueOn: string }[]> {
    const rows = await queryRows<{ id: string; name: string; due_on: string }>(
      db,
      sql`select id, name, due_on::text as due_on from follow_up_rounds where municipality_id = ${mid} and state = 'open' and kind = 'status' order by due_on, name`,
    );
    return rows.map((r) => ({ id: r.id, name: r.name, dueOn: r.due_on }));
  },

  /**
   * Answer documents of a finding's plans: their due date (null once sent) and decision plan.
   * Readers get the approved revision's values (the kept snapshot while a new one is written),
   * of approved plans only.
   */
  async answers(db: Executor, mid: string, scope: EventScope): Promise<AnswerDue[]> {
    const inDepartments = departmentFilter(sql.raw('p.department_id'), scope);
    if (inDepartments === null) return [];
    // For readers: the values of the approved revision, the row's while it is the approved one
    const value = (field: string, column: string) =>
      scope.publicOnly
        ? sql.raw(`case when a.state = 'approved' then to_jsonb(a.${column}) else ar.snapshot -> '${field}' end`)
        : sql.raw(`to_jsonb(a.${column})`);
    const rows = await queryRows<
      FindingColumns &
        DepartmentColumns & { answer_id: string; kind: AnswerKind; plan_id: string; due: string | null; sent: string | null; decision_plan: unknown }
    >(
      db,
      sql`
        select a.id as answer_id, a.kind, a.plan_id,
          ${value('dueDate', 'due_date')} #>> '{}' as due,
          ${value('sentOn', 'sent_on')} #>> '{}' as sent,
          ${value('decisionPlan', 'decision_plan')} as decision_plan,
          f.id as finding_id, f.number as finding_number, f.title as finding_title, f.confidential, r.year,
          d.id as department_id, d.code, d.name
        from answer_documents a
        join action_plans p on p.municipality_id = a.municipality_id and p.id = a.plan_id
        join findings f on f.municipality_id = p.municipality_id and f.id = p.finding_id
        join audit_reports r on r.municipality_id = f.municipality_id and r.id = f.report_id
        join departments d on d.municipality_id = p.municipality_id and d.id = p.department_id
        left join answer_revisions ar on ar.municipality_id = a.municipality_id and ar.answer_id = a.id and ar.number = a.revision - 1
        where a.municipality_id = ${mid} and ${inDepartments}
          ${scope.publicOnly ? sql`and not f.confidential and (p.state = 'approved' or p.revision > 1) and (a.state = 'approved' or ar.id is not null)` : sql``}
        order by r.year, f.number, d.code, a.kind`,
    );
    return rows.map((r) => ({
      id: r.answer_id,
      kind: r.kind,
      planId: r.plan_id,
      due: r.sent === null ? r.due : null,
      decisionPlan: Array.isArray(r.decision_plan) ? (r.decision_plan as unknown[]).filter((x): x is string => typeof x === 'string') : [],
      finding: findingOf(r),
      department: departmentOf(r),
    }));
  },

  async meetings(db: Executor, mid: string, ids: readonly string[]): Promise<MeetingRow[]> {
    if (!ids.length) return [];
    const rows = await queryRows<{ id: string; body: string; held_on: string; agenda_item: string | null }>(
      db,
      sql`select id, body, held_on::text as held_on, agenda_item from meetings where municipality_id = ${mid} and id in (${idList(ids)}) order by held_on, body`,
    );
    return rows.map((r) => ({ id: r.id, body: r.body, heldOn: r.held_on, agendaItem: r.agenda_item }));
  },
};
