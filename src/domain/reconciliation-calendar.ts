/**
 * When an account's reconciliation is due, given its frequency (domain/risk): monthly every month;
 * quarterly at the end of each quarter (March, June, September, December); half-yearly in June and
 * December. December is due at every frequency: the year-end reconciliation feeds the annual balance
 * report, and the year-end supplementary period (`YYYY-13`) stands in for December when it exists.
 */
import { addMonths, isPeriod, type Frequency } from './risk.js';

export const DUE_MONTHS: Record<Frequency, readonly number[]> = {
  monthly: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
  quarterly: [3, 6, 9, 12],
  halfYearly: [6, 12],
};

/** Whether a reconciliation of `period` (`YYYY-MM`) is due at this frequency. */
export function isDue(frequency: Frequency, period: string): boolean {
  if (!isPeriod(period)) throw new RangeError(`not a period (YYYY-MM): ${period}`);
  return DUE_MONTHS[frequency].includes(Number(period.slice(5, 7)));
}

/** The periods from `from` to `to` (both `YYYY-MM`, inclusive) in which a reconciliation is due. */
export function duePeriods(frequency: Frequency, from: string, to: string): string[] {
  if (!isPeriod(from) || !isPeriod(to)) throw new RangeError(`not a period range: ${from}..${to}`);
  const out: string[] = [];
  for (let p = from; p <= to; p = addMonths(p, 1)) if (isDue(frequency, p)) out.push(p);
  return out;
}

/** The last day (ISO) of a month `YYYY-MM`. */
export function monthEnd(period: string): string {
  const year = Number(period.slice(0, 4));
  const month = Number(period.slice(5, 7));
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${period}-${String(last).padStart(2, '0')}`;
}

export type DueState = 'approved' | 'inProgress' | 'overdue' | 'notDue';

/**
 * The state of one due period: approved; overdue when the period has ended (today is after its last
 * day) and it is not approved; otherwise still in progress (exists or not). `notDue` is for periods
 * that have not ended yet and have no reconciliation.
 */
export function dueState(period: string, today: string, reconciliation: { status: 'open' | 'signedOff' | 'approved' } | null): DueState {
  if (reconciliation?.status === 'approved') return 'approved';
  if (today > monthEnd(period)) return 'overdue';
  return reconciliation ? 'inProgress' : 'notDue';
}
