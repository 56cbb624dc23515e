import { defaultReminderSettings, dueReminders, roundToOpen, type DueReminder, type ReminderEvent, type ReminderSettings } from '../../../domain/reminders.js';
import type { Locale } from '../../../domain/i18n.js';
import { localDate, type Clock } from '../../clock.js';
import type { Database, Executor } from '../../db/engine.js';
import { runCommand, type ChangeRecorder } from '../../unit-of-work.js';
import { roundOpened } from '../notifications/events.js';
import { notify, type NotificationInput } from '../notifications/outbox.js';
import { roundsReads, roundsWrites } from '../rounds/reads.js';
import { remindersRepository as repo, type DepartmentInfo, type FindingInfo, type ReminderSettingsRow } from './repository.js';

/** What one run of the periodic check did. */
export interface CheckDueSummary {
  municipalities: number;
  /** Notifications written (those already written before are not counted). */
  notifications: number;
  roundsOpened: number;
}

export const settingsOf = (row: ReminderSettingsRow | undefined): ReminderSettings =>
  row
    ? { daysBefore: row.daysBefore, overdueEveryDays: row.overdueEveryDays, escalateAfterDays: row.escalateAfterDays, escalationChain: row.escalationChain }
    : defaultReminderSettings;

/** "Status" + 1 February 2027 → "Status februar 2027" (da), "Status februari 2027" (sv), "Status February 2027" (en). */
export function scheduledRoundName(name: string, opensOn: string, language: Locale): string {
  const month = new Intl.DateTimeFormat(language, { month: 'long', timeZone: 'UTC' }).format(new Date(`${opensOn}T12:00:00Z`));
  return `${name} ${month} ${opensOn.slice(0, 4)}`;
}

/** One event with what its notifications say and link to. */
interface LoadedEvent {
  event: ReminderEvent;
  department: DepartmentInfo;
  finding: FindingInfo | null;
  link: string;
  ownerUserId: string | null;
  params: Record<string, string | number | null>;
}

/** The dated events of one municipality, in a few queries. */
async function loadEvents(ex: Executor, mid: string): Promise<LoadedEvent[]> {
  // One after another: in a transaction the queries share one connection
  const plans = await repo.requestedPlans(ex, mid);
  const rounds = await repo.openRounds(ex, mid);
  const measures = await repo.dueMeasures(ex, mid);
  const answers = await repo.dueAnswers(ex, mid);
  const events: LoadedEvent[] = [];
  const dept = (d: DepartmentInfo): DepartmentInfo => ({ departmentId: d.departmentId, departmentCode: d.departmentCode, departmentName: d.departmentName });
  const finding = (f: FindingInfo): FindingInfo | null =>
    f.findingId === null ? null : { findingId: f.findingId, findingNumber: f.findingNumber, findingYear: f.findingYear, findingTitle: f.findingTitle };
  for (const p of plans) {
    events.push({
      event: { key: `plan:${p.findingId}:${p.departmentId}`, type: 'plan', dueOn: p.dueOn },
      department: dept(p),
      finding: finding(p),
      link: `/findings/${p.findingId}`,
      ownerUserId: null,
      params: {},
    });
  }
  for (const r of rounds) {
    for (const d of await roundsReads.progressByDepartment(ex, mid, r.id)) {
      if (d.state === 'submitted' || d.state === 'accepted') continue;
      events.push({
        event: { key: `round:${r.id}:${d.departmentId}`, type: 'round', dueOn: r.due_on },
        department: { departmentId: d.departmentId, departmentCode: d.code, departmentName: d.name },
        finding: null,
        link: `/rounds/${r.id}/departments/${d.departmentId}`,
        ownerUserId: null,
        params: { roundName: r.name },
      });
    }
  }
  for (const m of measures) {
    events.push({
      event: { key: `measure:${m.measureId}`, type: 'measure', dueOn: m.dueOn, hasOwner: m.ownerUserId !== null },
      department: dept(m),
      finding: finding(m),
      link: `/plans/${m.planId}`,
      ownerUserId: m.ownerUserId,
      params: { measureNumber: m.measureNumber },
    });
  }
  for (const a of answers) {
    events.push({
      event: { key: `answer:${a.answerId}`, type: 'answer', dueOn: a.dueOn },
      department: dept(a),
      finding: finding(a),
      link: `/plans/${a.planId}`,
      ownerUserId: null,
      params: { answerKind: a.answerKind },
    });
  }
  return events;
}

/** A reminder's recipients: users by id, a department head without an account by e-mail. */
type Recipient = { userId: string; email?: undefined } | { userId: null; email: string };

/** Turns the due reminders into notifications to people: each step resolved to the users (or address) it names today. */
async function notificationsFor(ex: Executor, mid: string, today: string, due: DueReminder[], events: Map<string, LoadedEvent>): Promise<NotificationInput[]> {
  if (!due.length) return [];
  const grants = await repo.coordinators(ex, mid);
  const heads = await repo.departmentHeads(ex, mid);
  const active = await repo.activeUserIds(ex, mid);
  const headOf = new Map(heads.map((h) => [h.id, h]));
  const recipients = (r: DueReminder, e: LoadedEvent): Recipient[] => {
    switch (r.step) {
      case 'measureOwner':
        return e.ownerUserId && active.has(e.ownerUserId) ? [{ userId: e.ownerUserId }] : [];
      case 'departmentCoordinator':
        return grants.filter((g) => g.role === 'departmentCoordinator' && g.department_id === e.department.departmentId).map((g) => ({ userId: g.user_id }));
      case 'centralCoordinator':
        return grants.filter((g) => g.role === 'centralCoordinator').map((g) => ({ userId: g.user_id }));
      case 'departmentHead': {
        const head = headOf.get(e.department.departmentId);
        if (head?.head_user_id && active.has(head.head_user_id)) return [{ userId: head.head_user_id }];
        return head?.head_email ? [{ userId: null, email: head.head_email }] : [];
      }
    }
  };
  const out: NotificationInput[] = [];
  const seen = new Set<string>();
  for (const r of due) {
    const e = events.get(r.event.key)!;
    for (const to of recipients(r, e)) {
      const who = to.userId ?? to.email.toLowerCase();
      if (seen.has(`${who}\u0000${r.dedupeKey}`)) continue;
      seen.add(`${who}\u0000${r.dedupeKey}`);
      out.push({
        municipalityId: mid,
        userId: to.userId,
        email: to.email ?? null,
        kind: r.kind,
        link: e.link,
        findingId: e.finding?.findingId ?? null,
        dueOn: r.dueOn,
        dedupeKey: r.dedupeKey,
        params: {
          on: today,
          about: r.event.type,
          step: r.step,
          daysOverdue: r.daysOverdue,
          level: r.kind === 'escalation' ? r.occurrence : null,
          departmentCode: e.department.departmentCode,
          departmentName: e.department.departmentName,
          findingNumber: e.finding?.findingNumber ?? null,
          findingYear: e.finding?.findingYear ?? null,
          // never a confidential finding's title (the repository leaves it out)
          findingTitle: e.finding?.findingTitle ?? null,
          ...(r.step === 'departmentHead' ? { headName: headOf.get(e.department.departmentId)?.head_name ?? null } : {}),
          ...e.params,
        },
      });
    }
  }
  return out;
}

/** Opens the rounds of the municipality's schedules whose day has come; each date once, whichever server gets there. */
async function openScheduledRounds(ex: Executor, changes: ChangeRecorder, mid: string, language: Locale, today: string, now: Date): Promise<number> {
  let opened = 0;
  for (const schedule of await repo.schedules(ex, mid)) {
    const open = roundToOpen(schedule, today);
    if (!open) continue;
    const claimed = await repo.claimOpening(ex, mid, schedule.id, open.opensOn);
    if (!claimed) continue;
    await changes.record({ resource: 'roundSchedule', resourceId: schedule.id, action: 'open', before: schedule, after: claimed });
    const name = scheduledRoundName(schedule.name, open.opensOn, language);
    // A round of that name made by hand is the round: the schedule does not add a second one
    if (await repo.roundNamed(ex, mid, name)) continue;
    const round = await roundsWrites.insertRound(ex, { municipalityId: mid, name, kind: schedule.kind, opensOn: open.opensOn, dueOn: open.dueOn });
    await roundsWrites.pinApprovedPlans(ex, mid, round.id);
    await changes.record({ resource: 'round', resourceId: round.id, action: 'create', after: round });
    // the departments hear of it as of a round opened by hand
    await roundOpened(ex, { municipalityId: mid, userId: null, at: now }, round);
    opened++;
  }
  return opened;
}

/**
 * The periodic check (the job system calls it every few minutes): for every municipality, on its
 * local date, opens the scheduled rounds whose day has come and writes the reminders and
 * escalations due, in one transaction per municipality. Two servers calling it at once wait for
 * each other per municipality (an advisory lock) and the second finds everything written.
 */
export async function checkDue(db: Database, clock: Clock): Promise<CheckDueSummary> {
  const summary: CheckDueSummary = { municipalities: 0, notifications: 0, roundsOpened: 0 };
  const now = clock.now();
  const failures: unknown[] = [];
  for (const m of await repo.municipalities(db)) {
    const today = localDate(now, m.time_zone);
    try {
      const result = await runCommand(db, { municipalityId: m.id, userId: null, via: 'system' }, async (tx, changes) => {
        await repo.lockMunicipality(tx, m.id);
        const roundsOpened = await openScheduledRounds(tx, changes, m.id, m.language, today, clock.now());
        const settings = settingsOf(await repo.settings(tx, m.id));
        const loaded = await loadEvents(tx, m.id);
        const byKey = new Map(loaded.map((e) => [e.event.key, e]));
        const due = dueReminders({ events: loaded.map((e) => e.event) }, settings, today);
        const written = await notify(tx, await notificationsFor(tx, m.id, today, due, byKey));
        return { roundsOpened, written };
      });
      summary.municipalities++;
      summary.notifications += result.written;
      summary.roundsOpened += result.roundsOpened;
    } catch (err) {
      // One municipality's failure does not hold up the others; the job fails afterwards and is
      // run again (what was written is not written twice)
      failures.push(err);
    }
  }
  if (failures.length) throw new AggregateError(failures, `The reminder check failed for ${failures.length} municipalities`);
  return summary;
}
