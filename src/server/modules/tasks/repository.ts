import { sql, type SQL } from 'drizzle-orm';
import type { FindingPartState, OwnedMeasureInput, PartInput, PlanState, ReportInput, SubmissionState } from '../../../domain/tasks.js';
import { queryRows, type Executor } from '../../db/engine.js';
import { approvedMeasuresSql, revisionMeasuresSql } from '../plans/revisions.js';

/**
 * The latest status of measure `m` (or the one named) from a submitted or accepted answer (latest round by opening
 * date), as the overview and the round scope read it.
 */
const latestStatus = (mid: string, measureId: SQL = sql.raw('m.id')) => sql`(
  select e.status from status_entries e
  join round_submissions s on s.municipality_id = e.municipality_id and s.id = e.submission_id
  join follow_up_rounds fr on fr.municipality_id = s.municipality_id and fr.id = s.round_id
  where e.municipality_id = ${mid} and e.measure_id = ${measureId} and s.state in ('submitted', 'accepted')
  order by fr.opens_on desc, fr.created_at desc
  limit 1)`;

const idList = (ids: readonly string[]) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );

export interface PartScope {
  /** Null: every department. */
  departmentIds: readonly string[] | null;
  /** Readers: no confidential finding, approved plans only. */
  publicOnly: boolean;
}

/** SQL only: every function takes the municipality id first and filters by it. */
export const tasksRepository = {
  /**
   * Every open department part of a finding (not closed or carried over) with the department's
   * plan for it: its state, whether its last workflow step was a return (read from the change log,
   * which records every submit, return and approve), its latest approval date and its measures.
   */
  async parts(db: Executor, mid: string, scope: PartScope): Promise<PartInput[]> {
    const conds: SQL[] = [sql`fd.municipality_id = ${mid}`, sql`fd.state not in ('closed', 'carriedOver')`];
    if (scope.departmentIds !== null) {
      if (!scope.departmentIds.length) return [];
      conds.push(sql`fd.department_id in (${idList(scope.departmentIds)})`);
    }
    // Readers see a plan that has an approved revision, as approved, also while a new one is written
    if (scope.publicOnly) conds.push(sql`not f.confidential and (p.state = 'approved' or p.revision > 1)`);
    const rows = await queryRows<{
      finding_id: string;
      number: number;
      title: string;
      confidential: boolean;
      year: number;
      department_id: string;
      code: string;
      name: string;
      state: FindingPartState;
      plan_requested_at: Date | string | null;
      plan_due_on: string | null;
      plan_id: string | null;
      plan_state: PlanState | null;
      last_step: string | null;
      approved_on: string | null;
      measures: number | null;
      finished: number | null;
    }>(
      db,
      sql`
        with approved_counts as (
          -- the measures of each plan's approved revision, and those a submitted status finished
          select am.plan_id, count(*)::int as measures,
            count(*) filter (where ${latestStatus(mid, sql.raw('am.measure_id'))} in ('completed', 'cancelled'))::int as finished
          from (${approvedMeasuresSql(mid)}) am
          group by am.plan_id
        )
        select f.id as finding_id, f.number, f.title, f.confidential, r.year, d.id as department_id, d.code, d.name,
          fd.state, fd.plan_requested_at, fd.plan_due_on::text as plan_due_on, p.id as plan_id,
          ${scope.publicOnly ? sql`case when p.revision > 1 then 'approved' else p.state end` : sql`p.state`} as plan_state,
          (select c.action from change_log c
            where c.municipality_id = p.municipality_id and c.resource_id = p.id and c.resource = 'plan' and c.action in ('submit', 'return', 'approve')
            order by c.seq desc limit 1) as last_step,
          (select max(a.approved_on)::text from plan_approvals a where a.municipality_id = p.municipality_id and a.plan_id = p.id) as approved_on,
          coalesce(ac.measures, (select count(*)::int from measures m where m.municipality_id = p.municipality_id and m.plan_id = p.id and m.removed_in_revision is null)) as measures,
          coalesce(ac.finished, 0) as finished
        from finding_departments fd
        join findings f on f.municipality_id = fd.municipality_id and f.id = fd.finding_id
        join audit_reports r on r.municipality_id = f.municipality_id and r.id = f.report_id
        join departments d on d.municipality_id = fd.municipality_id and d.id = fd.department_id
        left join action_plans p on p.municipality_id = fd.municipality_id and p.finding_id = fd.finding_id and p.department_id = fd.department_id
        left join approved_counts ac on ac.plan_id = p.id
        where ${sql.join(conds, sql` and `)}
        order by r.year desc, f.number, d.code`,
    );
    return rows.map((r) => ({
      finding: { id: r.finding_id, number: Number(r.number), year: Number(r.year), title: r.title, confidential: r.confidential },
      department: { id: r.department_id, code: r.code, name: r.name },
      state: r.state,
      planRequest: r.plan_requested_at === null ? null : { requestedAt: new Date(r.plan_requested_at).toISOString(), dueOn: r.plan_due_on },
      plan:
        r.plan_id === null
          ? null
          : {
              id: r.plan_id,
              state: r.plan_state!,
              returned: r.plan_state === 'draft' && r.last_step === 'return',
              approvedOn: r.approved_on,
              measures: Number(r.measures ?? 0),
              finishedMeasures: Number(r.finished ?? 0),
            },
    }));
  },

  /** The open status rounds: id, name and due date. */
  async openRounds(db: Executor, mid: string) {
    return queryRows<{ id: string; name: string; due_on: string }>(
      db,
      sql`select id, name, due_on::text as due_on from follow_up_rounds where municipality_id = ${mid} and state = 'open' and kind = 'status' order by opens_on, created_at`,
    );
  },

  /**
   * The measures the user owns in approved plans (their approved revision), with their latest
   * status and, per open status round whose scope holds them (the revision the round is pinned
   * to, not finished in an earlier round), whether they are answered there and the state of their
   * department's answer.
   */
  async ownedMeasures(db: Executor, mid: string, userId: string, seesConfidential: boolean): Promise<OwnedMeasureInput[]> {
    const rows = await queryRows<{
      measure_id: string;
      number: string;
      title: string;
      deadline_due: string | null;
      latest_status: string | null;
      plan_id: string;
      finding_id: string;
      finding_number: number;
      finding_title: string;
      confidential: boolean;
      year: number;
      department_id: string;
      code: string;
      name: string;
      round_id: string | null;
      round_name: string | null;
      round_due_on: string | null;
      answered: boolean | null;
      submission_state: SubmissionState | null;
    }>(
      db,
      sql`
        with owned as (
          select am.* from (${approvedMeasuresSql(mid)}) am where am.owner_user_id = ${userId}
        ), in_rounds as (
          -- the open status rounds that ask about the measure: their pinned revision holds it, and no
          -- earlier round's submitted status finished it
          select rm.measure_id, fr.id, fr.name, fr.due_on, fr.opens_on, fr.created_at
          from (${revisionMeasuresSql(
            mid,
            sql`select rp.plan_id, rp.revision, rp.round_id from round_plan_revisions rp
                join follow_up_rounds ofr on ofr.municipality_id = rp.municipality_id and ofr.id = rp.round_id
                where rp.municipality_id = ${mid} and ofr.state = 'open' and ofr.kind = 'status'`,
          )}) rm
          join follow_up_rounds fr on fr.municipality_id = ${mid} and fr.id = rm.round_id
          where rm.measure_id in (select measure_id from owned)
            and coalesce((
              select pe.status from status_entries pe
              join round_submissions ps on ps.municipality_id = pe.municipality_id and ps.id = pe.submission_id
              join follow_up_rounds pr on pr.municipality_id = ps.municipality_id and pr.id = ps.round_id
              where pe.municipality_id = ${mid} and pe.measure_id = rm.measure_id and ps.state in ('submitted', 'accepted')
                and (pr.opens_on, pr.created_at) < (fr.opens_on, fr.created_at)
              order by pr.opens_on desc, pr.created_at desc
              limit 1
            ), 'none') not in ('completed', 'cancelled')
        )
        select m.measure_id, m.number, m.title, m.deadline_due::text as deadline_due, ${latestStatus(mid, sql.raw('m.measure_id'))} as latest_status,
          m.plan_id, f.id as finding_id, f.number as finding_number, f.title as finding_title, f.confidential, r.year,
          d.id as department_id, d.code, d.name,
          fr.id as round_id, fr.name as round_name, fr.due_on::text as round_due_on, (e.id is not null) as answered, s.state as submission_state
        from owned m
        join findings f on f.municipality_id = ${mid} and f.id = m.finding_id
        join audit_reports r on r.municipality_id = f.municipality_id and r.id = f.report_id
        join departments d on d.municipality_id = ${mid} and d.id = m.department_id
        left join in_rounds fr on fr.measure_id = m.measure_id
        left join round_submissions s on s.municipality_id = ${mid} and s.round_id = fr.id and s.department_id = m.department_id
        left join status_entries e on e.municipality_id = ${mid} and e.submission_id = s.id and e.measure_id = m.measure_id
        where true ${seesConfidential ? sql`` : sql`and not f.confidential`}
        order by f.number, m.position, fr.opens_on`,
    );
    const byMeasure = new Map<string, OwnedMeasureInput>();
    for (const r of rows) {
      let o = byMeasure.get(r.measure_id);
      if (!o) {
        o = {
          measure: { id: r.measure_id, number: r.number, title: r.title, deadlineDue: r.deadline_due, latestStatus: r.latest_status },
          planId: r.plan_id,
          finding: { id: r.finding_id, number: Number(r.finding_number), year: Number(r.year), title: r.finding_title, confidential: r.confidential },
          department: { id: r.department_id, code: r.code, name: r.name },
          rounds: [],
        };
        byMeasure.set(r.measure_id, o);
      }
      if (r.round_id !== null)
        o.rounds.push({
          round: { id: r.round_id, name: r.round_name!, dueOn: r.round_due_on! },
          answered: Boolean(r.answered),
          submission: r.submission_state,
        });
    }
    return [...byMeasure.values()];
  },

  /** Audit reports received (or, without a received date, registered) on or after the date. */
  async reportsSince(db: Executor, mid: string, since: string): Promise<ReportInput[]> {
    const rows = await queryRows<{ id: string; title: string; year: number; received_on: string }>(
      db,
      sql`
        select id, title, year, coalesce(received_on, created_at::date)::text as received_on
        from audit_reports
        where municipality_id = ${mid} and coalesce(received_on, created_at::date) >= ${since}::date
        order by received_on desc`,
    );
    return rows.map((r) => ({ id: r.id, title: r.title, year: Number(r.year), receivedOn: r.received_on }));
  },
};
