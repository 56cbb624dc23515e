import { z } from 'zod';
import { digestFrequencies, mailDeliveries, notificationKinds } from '../../db/schema/values.js';
import { Id, IsoDate, page, Paging, QueryBool } from '../../http/schemas.js';

export const NotificationKindSchema = z.enum(notificationKinds);

export const NotificationQuery = Paging.extend({
  kind: NotificationKindSchema.optional().describe('Only notifications of this kind'),
  unread: QueryBool.optional().describe('true: unread only; false: read only'),
});

export const Notification = z
  .object({
    id: Id,
    kind: NotificationKindSchema,
    /** In the caller's language, from the server catalogue; never a confidential finding's title. */
    title: z.string(),
    body: z.string(),
    /** The web app's page of the thing it is about. */
    link: z.string(),
    findingId: Id.nullable(),
    dueOn: IsoDate.nullable(),
    createdAt: z.string(),
    read: z.boolean(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'Notification' });

export const NotificationPage = page(Notification).meta({ id: 'NotificationPage' });

export const UnreadCount = z.object({ unread: z.number().int() }).meta({ id: 'NotificationUnreadCount' });

const Delivery = z.enum(mailDeliveries);

/** The caller's e-mail choices: per kind at once, in the digest or not at all (the app shows every one regardless). */
export const NotificationPreferences = z
  .object({
    digest: z.enum(digestFrequencies),
    kinds: z.object(Object.fromEntries(notificationKinds.map((k) => [k, Delivery])) as Record<(typeof notificationKinds)[number], typeof Delivery>),
  })
  .meta({ id: 'NotificationPreferences' });

/** Replaces the choices: a kind not named is mailed at once. */
export const NotificationPreferencesInput = z
  .object({
    digest: z.enum(digestFrequencies),
    kinds: z.partialRecord(NotificationKindSchema, Delivery).default({}),
  })
  .strict();

export type NotificationT = z.infer<typeof Notification>;
export type NotificationPageT = z.infer<typeof NotificationPage>;
export type NotificationPreferencesT = z.infer<typeof NotificationPreferences>;
export type NotificationPreferencesInputT = z.infer<typeof NotificationPreferencesInput>;
