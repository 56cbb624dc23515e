/**
 * Reminders and escalation: what is due to whom, as a pure function of the dated events (loaded
 * by the reminders service in a few queries), the municipality's settings and today's local date.
 *
 * Running it every minute, on two servers, or once after a week of downtime gives the same
 * dedupe keys for the same day, and the outbox writes a key once per recipient, so each reminder
 * is sent once; after downtime only the latest due occurrence is produced, never a burst.
 */

export const escalationSteps = ['departmentCoordinator', 'departmentHead', 'centralCoordinator'] as const;
export type EscalationStep = (typeof escalationSteps)[number];
/** Who a reminder goes to: a step of the chain, or (measures) the measure's owner. */
export type ReminderStep = EscalationStep | 'measureOwner';

export const reminderEventTypes = ['plan', 'round', 'measure', 'answer'] as const;
export type ReminderEventType = (typeof reminderEventTypes)[number];

export type ReminderKind =
  'planDueSoon' | 'planOverdue' | 'roundDueSoon' | 'roundOverdue' | 'measureDueSoon' | 'measureOverdue' | 'answerDueSoon' | 'answerOverdue' | 'escalation';

export interface ReminderSettings {
  /** The "due soon" reminder this many days before the due date (0: on the day). */
  daysBefore: number;
  /** While overdue, a reminder on the first day and every this many days. */
  overdueEveryDays: number;
  /** Each this many days overdue, one step further up the chain. */
  escalateAfterDays: number;
  /** The first step gets the reminders; the later ones, in order, the escalations. */
  escalationChain: EscalationStep[];
}

export const defaultReminderSettings: ReminderSettings = {
  daysBefore: 7,
  overdueEveryDays: 7,
  escalateAfterDays: 14,
  escalationChain: [...escalationSteps],
};

/** The ranges the settings may take (the database checks the same). */
export const reminderLimits = {
  daysBefore: { min: 0, max: 90 },
  overdueEveryDays: { min: 1, max: 90 },
  escalateAfterDays: { min: 1, max: 365 },
} as const;

/** One dated thing someone owes: a requested plan, a department's round answer, a measure, an answer document. */
export interface ReminderEvent {
  /** Names the thing, stable across runs: e.g. `measure:<id>`, `round:<roundId>:<departmentId>`. */
  key: string;
  type: ReminderEventType;
  /** The last day (YYYY-MM-DD). */
  dueOn: string;
  /** A measure with an owner: the owner is reminded too. */
  hasOwner?: boolean;
}

export interface ReminderState {
  events: readonly ReminderEvent[];
}

export interface DueReminder {
  event: ReminderEvent;
  kind: ReminderKind;
  step: ReminderStep;
  dueOn: string;
  /** Days past the due date (negative: days left). */
  daysOverdue: number;
  /** The overdue reminder's number (0 on the first day overdue), or the escalation's level (1 = the chain's second step). */
  occurrence: number;
  /**
   * (event, kind, due date, occurrence or step): a changed due date starts afresh, and the same
   * key to the same person is written once.
   */
  dedupeKey: string;
}

const DAY = 86_400_000;
const dayNumber = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY;

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** The escalation level reached after `daysOverdue` days (0: none), capped at the chain's end. */
export function escalationLevel(daysOverdue: number, settings: ReminderSettings): number {
  if (daysOverdue < settings.escalateAfterDays) return 0;
  return Math.min(Math.floor(daysOverdue / settings.escalateAfterDays), settings.escalationChain.length - 1);
}

const kindOf = (type: ReminderEventType, when: 'DueSoon' | 'Overdue') => `${type}${when}` as ReminderKind;

/**
 * The reminders due today: for each event at most one "due soon" (from `daysBefore` days before
 * the due date through the day itself), one overdue reminder (the latest occurrence: day 1,
 * 1 + M, 1 + 2M … after the due date) and one escalation (the highest level reached), each to its
 * steps. Ordered by event key, kind and step, so every server writes them in the same order.
 */
export function dueReminders(state: ReminderState, settings: ReminderSettings, today: string): DueReminder[] {
  const out: DueReminder[] = [];
  const chain = settings.escalationChain;
  if (!chain.length) return out;
  for (const event of state.events) {
    const overdue = daysBetween(event.dueOn, today);
    const base: ReminderStep[] = event.type === 'measure' && event.hasOwner ? ['measureOwner', chain[0]!] : [chain[0]!];
    const add = (kind: ReminderKind, steps: ReminderStep[], occurrence: number, suffix: string) => {
      const dedupeKey = `${event.key}:${kind}:${event.dueOn}${suffix}`;
      for (const step of steps) out.push({ event, kind, step, dueOn: event.dueOn, daysOverdue: overdue, occurrence, dedupeKey });
    };
    if (overdue <= 0) {
      if (-overdue <= settings.daysBefore) add(kindOf(event.type, 'DueSoon'), base, 0, '');
      continue;
    }
    const occurrence = Math.floor((overdue - 1) / settings.overdueEveryDays);
    add(kindOf(event.type, 'Overdue'), base, occurrence, `:${occurrence}`);
    const level = escalationLevel(overdue, settings);
    if (level > 0) add('escalation', [chain[level]!], level, `:${chain[level]}`);
  }
  const order = (r: DueReminder) => `${r.event.key}\u0000${r.kind}\u0000${r.step}`;
  return out.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}

/** A scheduled round's day of the year, `MM-DD`; 29 February is refused (it would open in one year of four). */
export function isOpeningDay(value: string): boolean {
  const m = /^(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [month, day] = [Number(m[1]), Number(m[2])];
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** The ISO date `days` after (or before, negative) a YYYY-MM-DD date. */
export function addDays(isoDate: string, days: number): string {
  return new Date((dayNumber(isoDate) + days) * DAY).toISOString().slice(0, 10);
}

export interface RoundScheduleState {
  opensOn: readonly string[];
  dueAfterDays: number;
  active: boolean;
  lastOpenedOn: string | null;
}

/**
 * The round a schedule opens today, if any: the latest of its days on or before today that it has
 * not opened yet, provided that round would still be running (today on or before its due date),
 * so a server down on the day still opens it late, and a new schedule does not open stale rounds.
 */
export function roundToOpen(schedule: RoundScheduleState, today: string): { opensOn: string; dueOn: string } | null {
  if (!schedule.active) return null;
  const year = Number(today.slice(0, 4));
  let latest: string | null = null;
  for (const day of schedule.opensOn) {
    for (const y of [year, year - 1]) {
      const date = `${String(y).padStart(4, '0')}-${day}`;
      if (date <= today && (latest === null || date > latest)) latest = date;
    }
  }
  if (latest === null) return null;
  if (schedule.lastOpenedOn !== null && latest <= schedule.lastOpenedOn) return null;
  const dueOn = addDays(latest, schedule.dueAfterDays);
  return today <= dueOn ? { opensOn: latest, dueOn } : null;
}
