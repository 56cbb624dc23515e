import { sql, type SQL } from 'drizzle-orm';

/**
 * `domain/measure-status.ts` as SQL, for the queries that count or filter measures by status (the
 * overview's figures and the findings list's filter behind each of them), so a number and the list
 * it links to never disagree.
 */

export { MEASURE_STATUS_FILTERS, type MeasureStatusFilter } from '../../../domain/measure-status.js';
import type { MeasureStatusFilter } from '../../../domain/measure-status.js';

/**
 * Each measure's latest status (columns `measure_id`, `status`): the entry of a submitted or accepted
 * submission of the latest round by opening date. Measures without one have no row.
 */
export function latestStatusesSql(mid: string): SQL {
  return sql`
    select distinct on (e.measure_id) e.measure_id, e.status
    from status_entries e
    join round_submissions s on s.municipality_id = e.municipality_id and s.id = e.submission_id
    join follow_up_rounds fr on fr.municipality_id = s.municipality_id and fr.id = s.round_id
    where e.municipality_id = ${mid} and s.state in ('submitted', 'accepted')
    order by e.measure_id, fr.opens_on desc, fr.created_at desc`;
}

/**
 * Overdue, over a status expression (`noStatus` when none) and the measure's current deadline (a
 * delay's new date has already become it): past the deadline and neither finished nor postponed (a
 * postponed measure waits for an outside event, without a date).
 */
export function overdueSql(status: SQL, deadlineDue: SQL, today: string): SQL {
  return sql`(${deadlineDue} < ${today}::date and ${status} not in ('completed', 'cancelled', 'postponed'))`;
}

/** The condition a measure's status expression meets for one of the filters. */
export function statusFilterSql(filter: MeasureStatusFilter, status: SQL, deadlineDue: SQL, today: string): SQL {
  return filter === 'overdue' ? overdueSql(status, deadlineDue, today) : sql`${status} = ${filter}`;
}
