import { z } from 'zod';
import { reminderLimits } from '../../../domain/reminders.js';
import { escalationSteps, notificationKinds, roundKinds } from '../../db/schema/values.js';
import { Id, IsoDate } from '../../http/schemas.js';

const days = (r: { min: number; max: number }) => z.number().int().min(r.min).max(r.max);

export const ReminderSettingsInput = z.object({
  daysBefore: days(reminderLimits.daysBefore).describe('The "due soon" reminder this many days before a due date (0: on the day)'),
  overdueEveryDays: days(reminderLimits.overdueEveryDays).describe('While overdue: a reminder on the first day and every this many days'),
  escalateAfterDays: days(reminderLimits.escalateAfterDays).describe('Every this many days overdue, one step further up the chain'),
  escalationChain: z
    .array(z.enum(escalationSteps))
    .min(1)
    .max(escalationSteps.length)
    .describe('The first step gets the reminders, the later ones the escalations, in order'),
});
export const ReminderSettings = ReminderSettingsInput.extend({
  /** 0 while the defaults apply (no row yet): send If-Match "0" to save the first time. */
  version: z.number().int(),
  isDefault: z.boolean(),
  actions: z.object({ update: z.boolean() }),
}).meta({ id: 'ReminderSettings' });

/** A day of the year, MM-DD. */
const OpeningDay = z.string().regex(/^\d{2}-\d{2}$/, 'A day of the year as MM-DD, e.g. 02-01');

export const RoundScheduleInput = z.object({
  name: z.string().trim().min(1).max(60).describe('The rounds are named from it and the month, e.g. "Status" → "Status februar 2027"'),
  kind: z.enum(roundKinds).default('status'),
  opensOn: z.array(OpeningDay).min(1).max(12),
  dueAfterDays: z.number().int().min(1).max(365),
  active: z.boolean().default(true),
});
export const RoundSchedule = z
  .object({
    id: Id,
    version: z.number().int(),
    name: z.string(),
    kind: z.enum(roundKinds),
    opensOn: z.array(z.string()),
    dueAfterDays: z.number().int(),
    active: z.boolean(),
    lastOpenedOn: IsoDate.nullable(),
    /** The next day it opens a round (the municipality's date), when active. */
    nextOpensOn: IsoDate.nullable(),
  })
  .meta({ id: 'RoundSchedule' });
export const RoundScheduleList = z.object({ items: z.array(RoundSchedule), actions: z.object({ create: z.boolean() }) });

export const FindingReminder = z
  .object({
    id: Id,
    kind: z.enum(notificationKinds),
    /** What it is about: a requested plan, a measure or an answer document. */
    about: z.enum(['plan', 'round', 'measure', 'answer']).nullable(),
    /** The chain step or (a measure) its owner the reminder went to. */
    step: z.enum([...escalationSteps, 'measureOwner']).nullable(),
    userId: Id.nullable(),
    /** The user's name, or for a department head without an account the e-mail address. */
    recipient: z.string(),
    /** The municipality's date it was written. */
    on: IsoDate.nullable(),
    dueOn: IsoDate.nullable(),
    daysOverdue: z.number().int().nullable(),
    departmentCode: z.string().nullable(),
    measureNumber: z.string().nullable(),
  })
  .meta({ id: 'FindingReminder' });
export const FindingReminderList = z.object({ items: z.array(FindingReminder) });

export type ReminderSettingsT = z.infer<typeof ReminderSettings>;
export type ReminderSettingsInputT = z.infer<typeof ReminderSettingsInput>;
export type RoundScheduleT = z.infer<typeof RoundSchedule>;
export type RoundScheduleInputT = z.infer<typeof RoundScheduleInput>;
export type FindingReminderT = z.infer<typeof FindingReminder>;
