/**
 * Action plans for balance accounts (docs/domain.md §3): a category 2/3 account gets an action plan
 * whose target is to bring it back to category 1 by the plan's deadline, and the account's later
 * reconciliations show whether it did. Pure: today is always passed in.
 *
 * Decision: one plan follows the account, not one reconciliation. The plan's subject is the
 * reconciliation that started it, but it covers the whole run of category 2/3 reconciliations
 * around it, because the next months' reconciliations are exactly what shows whether the plan
 * worked; a plan per month would only copy the same measures forward. The plan's issue closes when
 * a later reconciliation is in category 1 ("reached"); if the account later falls back to 2/3, that
 * is a new issue and needs a new plan.
 */
import type { Localized } from './i18n.js';
import { parsePeriod, periodEnd, type Category } from './reconciliation.js';

/** One reconciliation of the account, as far as the plan's progress is concerned. */
export interface ReconciliationPoint {
  period: string;
  category: Category;
}

export type PlanProgress =
  /** A reconciliation after the plan's subject is in category 1: its period and balance date. */
  | { status: 'reached'; period: string; date: string; onTime: boolean }
  /** Not in category 1 yet, and the deadline has not passed (or there is none). */
  | { status: 'notYet' }
  /** The deadline has passed and no later reconciliation is in category 1. */
  | { status: 'overdue' };

export const PLAN_PROGRESS_STATUSES = ['reached', 'notYet', 'overdue'] as const;

const byPeriod = (a: ReconciliationPoint, b: ReconciliationPoint) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0);

/**
 * Whether the account reached category 1 by the plan's deadline: the first category 1
 * reconciliation after the plan's subject period decides it (periods sort as strings, the
 * supplementary period `YYYY-13` included). Without one, the plan is overdue once `today` is after
 * the deadline's last day.
 */
export function accountPlanProgress(input: {
  subjectPeriod: string;
  deadlineDue: string | null;
  history: readonly ReconciliationPoint[];
  today: string;
}): PlanProgress {
  const first = [...input.history].sort(byPeriod).find((r) => r.period > input.subjectPeriod && r.category === 1);
  if (first) {
    const period = parsePeriod(first.period);
    const date = period ? periodEnd(period) : first.period;
    return { status: 'reached', period: first.period, date, onTime: input.deadlineDue === null || date <= input.deadlineDue };
  }
  if (input.deadlineDue !== null && input.today > input.deadlineDue) return { status: 'overdue' };
  return { status: 'notYet' };
}

/**
 * Whether a plan started at `subjectPeriod` covers the reconciliation of `period`: both lie in the
 * same run of category 2/3 reconciliations (no category 1 strictly between them). This is what
 * "the account has an action plan" means for a reconciliation's needs.
 */
export function planCovers(subjectPeriod: string, history: readonly ReconciliationPoint[], period: string): boolean {
  const [from, to] = subjectPeriod <= period ? [subjectPeriod, period] : [period, subjectPeriod];
  return !history.some((r) => r.period > from && r.period < to && r.category === 1);
}

/** The target a new account plan gets unless one is given: back in category 1 by the deadline. */
export function defaultTarget(deadlineText: string): Localized {
  return {
    da: `Kontoen er tilbage i kategori 1 senest ${deadlineText}`,
    sv: `Kontot är tillbaka i kategori 1 senast ${deadlineText}`,
    en: `The account is back in category 1 by ${deadlineText}`,
  };
}

/** The first measure of a new account plan, so the plan starts with a responsible and a deadline. */
export function defaultMeasure(accountNumber: string): { title: Localized; followUpPoint: Localized } {
  return {
    title: {
      da: `Afklar de åbne poster på konto ${accountNumber} og bring kontoen tilbage i kategori 1`,
      sv: `Utred de öppna posterna på konto ${accountNumber} och för tillbaka kontot till kategori 1`,
      en: `Clear the open items of account ${accountNumber} and bring it back to category 1`,
    },
    followUpPoint: {
      da: 'De næste afstemninger af kontoen viser, om den er i kategori 1',
      sv: 'Nästa avstämningar av kontot visar om det är i kategori 1',
      en: "The account's next reconciliations show whether it is in category 1",
    },
  };
}

/** "kategori 1" (da, sv) or "category 1" (en), as a target must say where the account is headed. */
const CATEGORY_1 = /\b(kategori|category)\s*1\b/i;

/** A target that says the account is to be back in category 1. */
export const targetNamesCategory1 = (target: string | null): boolean => target !== null && CATEGORY_1.test(target);
