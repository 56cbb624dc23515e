import { and, asc, eq, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/engine.js';
import { committees, departments } from '../../db/schema/index.js';
import { latestStatusesSql, overdueSql } from '../rounds/measure-status-sql.js';
import { approvedMeasuresSql } from '../plans/revisions.js';

export interface OverviewFilter {
  year?: number | undefined;
  committeeId?: string | undefined;
  /** Readers: leave confidential findings out of every figure. */
  publicOnly?: boolean | undefined;
}

/** Which row of the grouping sets an aggregate belongs to. */
export type Level = 'department' | 'committee' | 'total';

interface Grouped {
  level: Level;
  /** Department or committee id; null for the total (and for departments without a committee). */
  id: string | null;
}

export type FindingCounts = Grouped &
  Record<
    | 'received'
    | 'assigned'
    | 'planDrafted'
    | 'planApproved'
    | 'inProgress'
    | 'closureProposed'
    | 'closed'
    | 'carriedOver'
    | 'red'
    | 'yellow'
    | 'green'
    | 'none',
    number
  >;
export type MeasureCounts = Grouped &
  Record<'onTrack' | 'delayed' | 'postponed' | 'completed' | 'cancelled' | 'noStatus' | 'overdue', number> & { averageSlippageDays: number | null };

const level = (gDepartment: number, gCommittee: number): Level => (Number(gDepartment) === 0 ? 'department' : Number(gCommittee) === 0 ? 'committee' : 'total');

/** The optional filters, over the aliases r (audit report), f (finding) and d (department) of both queries. */
function filters(f: OverviewFilter) {
  return sql`${f.year !== undefined ? sql`and r.year = ${f.year}` : sql``} ${f.committeeId ? sql`and d.committee_id = ${f.committeeId}` : sql``} ${f.publicOnly ? sql`and not f.confidential` : sql``}`;
}

/** Aggregates per department, per committee and in total in one pass each (grouping sets). */
export const overviewRepository = {
  async departments(db: Executor, mid: string, committeeId?: string) {
    const where = [eq(departments.municipalityId, mid)];
    if (committeeId) where.push(eq(departments.committeeId, committeeId));
    return db
      .select()
      .from(departments)
      .where(and(...where))
      .orderBy(asc(departments.code));
  },

  async committees(db: Executor, mid: string, committeeId?: string) {
    const where = [eq(committees.municipalityId, mid)];
    if (committeeId) where.push(eq(committees.id, committeeId));
    return db
      .select()
      .from(committees)
      .where(and(...where))
      .orderBy(asc(committees.code));
  },

  /** Department parts per state; distinct findings per grade. */
  async findingCounts(db: Executor, mid: string, f: OverviewFilter): Promise<FindingCounts[]> {
    const rows = await queryRows<Record<string, unknown>>(
      db,
      sql`
        select grouping(d.id) as g_department, grouping(d.committee_id) as g_committee, d.id as department_id, d.committee_id,
          count(*) filter (where fd.state = 'received')::int as received,
          count(*) filter (where fd.state = 'assigned')::int as assigned,
          count(*) filter (where fd.state = 'planDrafted')::int as plan_drafted,
          count(*) filter (where fd.state = 'planApproved')::int as plan_approved,
          count(*) filter (where fd.state = 'inProgress')::int as in_progress,
          count(*) filter (where fd.state = 'closureProposed')::int as closure_proposed,
          count(*) filter (where fd.state = 'closed')::int as closed,
          count(*) filter (where fd.state = 'carriedOver')::int as carried_over,
          count(distinct f.id) filter (where f.grade = 'red')::int as red,
          count(distinct f.id) filter (where f.grade = 'yellow')::int as yellow,
          count(distinct f.id) filter (where f.grade = 'green')::int as green,
          count(distinct f.id) filter (where f.grade is null)::int as no_grade
        from finding_departments fd
        join findings f on f.municipality_id = fd.municipality_id and f.id = fd.finding_id
        join audit_reports r on r.municipality_id = f.municipality_id and r.id = f.report_id
        join departments d on d.municipality_id = fd.municipality_id and d.id = fd.department_id
        where fd.municipality_id = ${mid} ${filters(f)}
        group by grouping sets ((d.id), (d.committee_id), ())`,
    );
    return rows.map((r) => {
      const lv = level(r.g_department as number, r.g_committee as number);
      return {
        level: lv,
        id: (lv === 'department' ? r.department_id : lv === 'committee' ? r.committee_id : null) as string | null,
        received: Number(r.received),
        assigned: Number(r.assigned),
        planDrafted: Number(r.plan_drafted),
        planApproved: Number(r.plan_approved),
        inProgress: Number(r.in_progress),
        closureProposed: Number(r.closure_proposed),
        closed: Number(r.closed),
        carriedOver: Number(r.carried_over),
        red: Number(r.red),
        yellow: Number(r.yellow),
        green: Number(r.green),
        none: Number(r.no_grade),
      };
    });
  },

  /**
   * Measures of approved plans (their approved revision) by their latest status from a submitted or accepted submission
   * (latest round by opening date), overdue ones (never the postponed), and the mean slippage from the original deadline
   * (the first deadline revision) to the current one.
   */
  async measureCounts(db: Executor, mid: string, f: OverviewFilter, today: string): Promise<MeasureCounts[]> {
    const rows = await queryRows<Record<string, unknown>>(
      db,
      sql`
        with latest as (${latestStatusesSql(mid)}
        ), original as (
          select distinct on (dr.measure_id) dr.measure_id, dr.deadline_due
          from deadline_revisions dr
          where dr.municipality_id = ${mid}
          order by dr.measure_id, dr.created_at, dr.source <> 'original', dr.id
        ), scoped as (
          select d.id as department_id, d.committee_id, coalesce(l.status, 'noStatus') as status, m.deadline_due, o.deadline_due as original_due
          -- the approved revision's measures: a revision being written neither adds, drops nor changes any
          from (${approvedMeasuresSql(mid)}) m
          join findings f on f.municipality_id = ${mid} and f.id = m.finding_id
          join audit_reports r on r.municipality_id = f.municipality_id and r.id = f.report_id
          join departments d on d.municipality_id = ${mid} and d.id = m.department_id
          left join latest l on l.measure_id = m.measure_id
          left join original o on o.measure_id = m.measure_id
          where true ${filters(f)}
        )
        select grouping(department_id) as g_department, grouping(committee_id) as g_committee, department_id, committee_id,
          count(*) filter (where status = 'onTrack')::int as on_track,
          count(*) filter (where status = 'delayed')::int as delayed,
          count(*) filter (where status = 'postponed')::int as postponed,
          count(*) filter (where status = 'completed')::int as completed,
          count(*) filter (where status = 'cancelled')::int as cancelled,
          count(*) filter (where status = 'noStatus')::int as no_status,
          count(*) filter (where ${overdueSql(sql.raw('status'), sql.raw('deadline_due'), today)})::int as overdue,
          round(avg(deadline_due - original_due), 1)::float8 as average_slippage_days
        from scoped
        group by grouping sets ((department_id), (committee_id), ())`,
    );
    return rows.map((r) => {
      const lv = level(r.g_department as number, r.g_committee as number);
      return {
        level: lv,
        id: (lv === 'department' ? r.department_id : lv === 'committee' ? r.committee_id : null) as string | null,
        onTrack: Number(r.on_track),
        delayed: Number(r.delayed),
        postponed: Number(r.postponed),
        completed: Number(r.completed),
        cancelled: Number(r.cancelled),
        noStatus: Number(r.no_status),
        overdue: Number(r.overdue),
        averageSlippageDays: r.average_slippage_days === null ? null : Number(r.average_slippage_days),
      };
    });
  },

  /**
   * Per status round, the measures whose deadline its status entries moved and the mean days they
   * moved in that round (each revision against the deadline it replaced, summed per measure).
   */
  async slippageByRound(db: Executor, mid: string, publicOnly: boolean) {
    const rows = await queryRows<{ round_id: string; name: string; opens_on: string; delayed_count: number; average_slippage_days: number | null }>(
      db,
      sql`
        with steps as (
          select dr.measure_id, dr.status_entry_id, dr.source,
            dr.deadline_due - lag(dr.deadline_due) over (partition by dr.measure_id order by dr.created_at, dr.source <> 'original', dr.id) as days
          from deadline_revisions dr
          where dr.municipality_id = ${mid}
        ), per_measure as (
          select s.round_id, st.measure_id, sum(st.days) as days
          from steps st
          join status_entries e on e.municipality_id = ${mid} and e.id = st.status_entry_id
          join round_submissions s on s.municipality_id = e.municipality_id and s.id = e.submission_id
          join measures m on m.municipality_id = ${mid} and m.id = st.measure_id
          join action_plans p on p.municipality_id = m.municipality_id and p.id = m.plan_id
          left join findings f on f.municipality_id = p.municipality_id and f.id = p.finding_id
          where st.source = 'statusEntry'
            -- Readers see neither confidential findings nor the balance register's plans, in figures as in lists.
            ${publicOnly ? sql`and f.id is not null and not f.confidential` : sql``}
          group by s.round_id, st.measure_id
        )
        select fr.id as round_id, fr.name, fr.opens_on::text as opens_on, count(pm.measure_id)::int as delayed_count,
          round(avg(pm.days), 1)::float8 as average_slippage_days
        from follow_up_rounds fr
        left join per_measure pm on pm.round_id = fr.id
        where fr.municipality_id = ${mid} and fr.kind = 'status'
        group by fr.id, fr.name, fr.opens_on, fr.created_at
        order by fr.opens_on, fr.created_at`,
    );
    return rows.map((r) => ({
      roundId: r.round_id,
      name: r.name,
      opensOn: r.opens_on,
      delayedCount: Number(r.delayed_count),
      averageSlippageDays: r.average_slippage_days === null ? null : Number(r.average_slippage_days),
    }));
  },
};
