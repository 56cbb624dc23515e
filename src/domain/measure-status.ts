/**
 * A measure's status in a follow-up round, and the one definition of "overdue" that the round
 * form, the round report, the side-by-side view and the overview share, so they never disagree.
 *
 * Dates are ISO calendar dates (YYYY-MM-DD); "today" is the municipality's local date, passed in.
 */

export const MEASURE_STATUSES = ['onTrack', 'delayed', 'completed', 'cancelled', 'postponed'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

/** What a measure is counted and filtered by: its latest reported status, none reported yet, or overdue (across statuses). */
export const MEASURE_STATUS_FILTERS = [...MEASURE_STATUSES, 'noStatus', 'overdue'] as const;
export type MeasureStatusFilter = (typeof MEASURE_STATUS_FILTERS)[number];

/** Statuses that end a measure's follow-up: later rounds no longer ask about it. */
export const FINISHED_STATUSES: readonly MeasureStatus[] = ['completed', 'cancelled'];

export const isFinished = (status: MeasureStatus | null): boolean => status !== null && FINISHED_STATUSES.includes(status);

/**
 * Whether a deadline's last day lies before today. A measure without a deadline never passes it
 * (the guidance check reports the missing deadline instead).
 */
export function deadlinePassed(due: string | null, today: string): boolean {
  return due !== null && due < today;
}

export interface MeasureState {
  /** Last day of the measure's current deadline. */
  due: string | null;
  /** The latest status given for the measure; null when none. */
  status: MeasureStatus | null;
  /** A delayed status's new expected date (last day); from then on it is the deadline. */
  newDue?: string | null;
}

/** The deadline that counts: a delay's new date replaces the planned one. */
export function effectiveDue(m: MeasureState): string | null {
  return m.status === 'delayed' && m.newDue ? m.newDue : m.due;
}

/**
 * Overdue: the deadline that counts has passed and the measure is neither finished nor postponed
 * (a postponed measure waits for an outside event, without a date, so it cannot be late).
 */
export function isMeasureOverdue(m: MeasureState, today: string): boolean {
  if (m.status === 'postponed' || isFinished(m.status)) return false;
  return deadlinePassed(effectiveDue(m), today);
}

/**
 * The statuses a measure may be reported with today: "on track" only while its current
 * deadline has not passed (after it, the measure is delayed, completed or postponed).
 */
export function allowedStatuses(due: string | null, today: string): MeasureStatus[] {
  return deadlinePassed(due, today) ? MEASURE_STATUSES.filter((s) => s !== 'onTrack') : [...MEASURE_STATUSES];
}
