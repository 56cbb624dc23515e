import { isOpeningDay, roundToOpen } from '../../../domain/reminders.js';
import type { Actor } from '../../context.js';
import type { Database } from '../../db/engine.js';
import { pgError } from '../../http/errors.js';
import { fieldError, invalid, invalidField, notFound, versionConflict, type FieldError } from '../../http/problem.js';
import type { ServiceOptions } from '../../service-options.js';
import { runCommand } from '../../unit-of-work.js';
import { canSeeFinding } from '../access/visibility.js';
import { findingReads } from '../findings/index.js';
import { checkDue, settingsOf } from './due.js';
import { remindersPolicy as policy } from './policy.js';
import { remindersRepository as repo, type ReminderSettingsRow, type RoundScheduleRow } from './repository.js';
import type { FindingReminderT, ReminderSettingsInputT, ReminderSettingsT, RoundScheduleInputT, RoundScheduleT } from './schemas.js';

export { checkDue, scheduledRoundName, type CheckDueSummary } from './due.js';

/** The next day a schedule opens a round: tomorrow's answer of the same rule, looked for a year ahead. */
function nextOpening(s: RoundScheduleRow, today: string): string | null {
  if (!s.active) return null;
  const now = roundToOpen(s, today);
  if (now) return now.opensOn;
  const days = s.opensOn.flatMap((d) => [`${today.slice(0, 4)}-${d}`, `${Number(today.slice(0, 4)) + 1}-${d}`]).filter((d) => d > today);
  return days.sort()[0] ?? null;
}

const scheduleDto = (s: RoundScheduleRow, today: string): RoundScheduleT => ({
  id: s.id,
  version: s.version,
  name: s.name,
  kind: s.kind,
  opensOn: [...s.opensOn].sort(),
  dueAfterDays: s.dueAfterDays,
  active: s.active,
  lastOpenedOn: s.lastOpenedOn,
  nextOpensOn: nextOpening(s, today),
});

/** What Zod cannot say of a schedule: real days of the year, and one a month (rounds are named by month). */
function checkSchedule(input: Partial<RoundScheduleInputT>) {
  const errors: FieldError[] = [];
  const months = new Set<string>();
  (input.opensOn ?? []).forEach((day, i) => {
    if (!isOpeningDay(day)) errors.push(fieldError(`body.opensOn.${i}`, 'roundSchedule.openingDay', 'reminders.openingDay', { value: day }));
    else if (months.has(day.slice(0, 2))) errors.push(fieldError(`body.opensOn.${i}`, 'roundSchedule.monthTwice', 'reminders.openingMonthTwice'));
    months.add(day.slice(0, 2));
  });
  if (errors.length) throw invalid(errors);
}

async function nameTaken<T>(name: string | undefined, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (pgError(err)?.code === '23505') throw invalidField('body.name', 'roundSchedule.nameTaken', 'reminders.scheduleNameTaken', { name: name ?? '' });
    throw err;
  }
}

export function createRemindersService(db: Database, opts: ServiceOptions) {
  const settingsDto = (actor: Actor, row: ReminderSettingsRow | undefined): ReminderSettingsT => ({
    ...settingsOf(row),
    version: row?.version ?? 0,
    isDefault: !row,
    actions: { update: policy.mayManage(actor) },
  });

  return {
    /** The periodic check, on this server's clock (the job system's entry). */
    checkDue: () => checkDue(db, opts.clock),

    async getSettings(actor: Actor) {
      policy.read(actor);
      return settingsDto(actor, await repo.settings(db, actor.municipalityId));
    },

    async putSettings(actor: Actor, version: number, input: ReminderSettingsInputT) {
      policy.manage(actor);
      if (new Set(input.escalationChain).size !== input.escalationChain.length) {
        throw invalidField('body.escalationChain', 'reminderSettings.chainRepeats', 'reminders.chainRepeats');
      }
      return runCommand(db, actor, async (tx, changes) => {
        const before = await repo.settings(tx, actor.municipalityId);
        const current = before?.version ?? 0;
        // Read inside the transaction only: on the embedded engine a read outside it would wait for it
        if (version !== current) throw versionConflict(settingsDto(actor, before), current);
        const row = await repo.putSettings(tx, actor.municipalityId, before ? version : null, input);
        if (!row) throw versionConflict(settingsDto(actor, await repo.settings(tx, actor.municipalityId)), current);
        await changes.record({ resource: 'reminderSettings', resourceId: actor.municipalityId, action: 'update', before: before ?? null, after: row });
        return { ...settingsOf(row), version: row.version, isDefault: false, actions: { update: true } };
      });
    },

    async listSchedules(actor: Actor) {
      policy.read(actor);
      const rows = await repo.schedules(db, actor.municipalityId);
      return { items: rows.map((s) => scheduleDto(s, actor.today)), actions: { create: policy.mayManage(actor) } };
    },

    async createSchedule(actor: Actor, input: RoundScheduleInputT) {
      policy.manage(actor);
      checkSchedule(input);
      return runCommand(db, actor, async (tx, changes) => {
        const row = await nameTaken(input.name, () =>
          repo.insertSchedule(tx, { ...input, municipalityId: actor.municipalityId, createdBy: actor.userId, updatedBy: actor.userId }),
        );
        await changes.record({ resource: 'roundSchedule', resourceId: row.id, action: 'create', after: row });
        return scheduleDto(row, actor.today);
      });
    },

    async updateSchedule(actor: Actor, id: string, version: number, patch: Partial<RoundScheduleInputT>) {
      policy.manage(actor);
      checkSchedule(patch);
      return runCommand(db, actor, async (tx, changes) => {
        const before = await repo.schedule(tx, actor.municipalityId, id);
        if (!before) throw notFound('roundSchedule', id);
        if (before.version !== version) throw versionConflict(scheduleDto(before, actor.today), before.version);
        const row = await nameTaken(patch.name, () => repo.updateSchedule(tx, actor.municipalityId, id, version, { ...patch, updatedBy: actor.userId }));
        if (!row) throw versionConflict(scheduleDto(before, actor.today), before.version);
        await changes.record({ resource: 'roundSchedule', resourceId: id, action: 'update', before, after: row });
        return scheduleDto(row, actor.today);
      });
    },

    async deleteSchedule(actor: Actor, id: string, version: number) {
      policy.manage(actor);
      await runCommand(db, actor, async (tx, changes) => {
        const before = await repo.schedule(tx, actor.municipalityId, id);
        if (!before) throw notFound('roundSchedule', id);
        if (before.version !== version || !(await repo.deleteSchedule(tx, actor.municipalityId, id, version))) {
          throw versionConflict(scheduleDto(before, actor.today), before.version);
        }
        await changes.record({ resource: 'roundSchedule', resourceId: id, action: 'delete', before });
      });
    },

    /** Who was reminded of, or escalated, a finding's plan requests, measures and answers, and when (oldest first). */
    async findingReminders(actor: Actor, findingId: string): Promise<{ items: FindingReminderT[] }> {
      policy.read(actor);
      const finding = await findingReads.finding(db, actor.municipalityId, findingId);
      if (!finding || !canSeeFinding(actor, finding)) throw notFound('finding', findingId);
      const rows = await repo.ofFinding(db, actor.municipalityId, findingId);
      const str = (v: unknown) => (typeof v === 'string' ? v : null);
      return {
        items: rows.map((r) => ({
          id: r.id,
          kind: r.kind as FindingReminderT['kind'],
          about: (str(r.params.about) as FindingReminderT['about']) ?? null,
          step: (str(r.params.step) as FindingReminderT['step']) ?? null,
          userId: r.user_id,
          recipient: r.user_name ?? r.email ?? '',
          on: str(r.params.on) ?? new Date(r.created_at).toISOString().slice(0, 10),
          dueOn: r.due_on,
          daysOverdue: typeof r.params.daysOverdue === 'number' ? r.params.daysOverdue : null,
          departmentCode: str(r.params.departmentCode),
          measureNumber: str(r.params.measureNumber),
        })),
      };
    },
  };
}

export type RemindersService = ReturnType<typeof createRemindersService>;
