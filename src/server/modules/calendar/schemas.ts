import { z } from 'zod';
import { calendarFeedScopes } from '../../db/schema/values.js';
import { Id } from '../../http/schemas.js';

const Department = z.object({ id: Id, code: z.string(), name: z.string() });

/** A calendar feed as its owner sees it: never the token (only its hash is stored). */
export const CalendarFeed = z
  .object({
    id: Id,
    scope: z.enum(calendarFeedScopes),
    /** The department of a department feed; null for a user feed. */
    department: Department.nullable(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
  })
  .meta({ id: 'CalendarFeed' });

export const CalendarFeedList = z
  .object({
    items: z.array(CalendarFeed),
    /** The departments the caller may make a department feed for. */
    departments: z.array(Department),
  })
  .meta({ id: 'CalendarFeedList' });

export const CalendarFeedInput = z.object({
  scope: z.enum(calendarFeedScopes),
  /** Required for a department feed, absent for a user feed. */
  departmentId: Id.nullish(),
});

/** The new feed with its address: the secret token in it is shown this once. */
export const CreatedCalendarFeed = CalendarFeed.extend({ url: z.string() }).meta({ id: 'CreatedCalendarFeed' });

export type CalendarFeedT = z.infer<typeof CalendarFeed>;
export type CalendarFeedListT = z.infer<typeof CalendarFeedList>;
export type CalendarFeedInputT = z.infer<typeof CalendarFeedInput>;
export type CreatedCalendarFeedT = z.infer<typeof CreatedCalendarFeed>;
