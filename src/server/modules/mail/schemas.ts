import { z } from 'zod';
import { mailMessageKinds, mailMessageStates } from '../../db/schema/values.js';
import { Paging } from '../../http/schemas.js';

export const MailStatus = z
  .object({
    /** False when TILSYN_SMTP_URL is not set: nothing is mailed, notifications stay in the app. */
    enabled: z.boolean(),
    from: z.string(),
    replyTo: z.string().nullable(),
    publicUrl: z.string(),
  })
  .meta({ id: 'MailStatus' });
export type MailStatusT = z.infer<typeof MailStatus>;

export const MailMessage = z
  .object({
    id: z.uuid(),
    kind: z.enum(mailMessageKinds),
    to: z.string(),
    subject: z.string(),
    state: z.enum(mailMessageStates),
    attempts: z.number().int(),
    error: z.string().nullable(),
    messageId: z.string().nullable(),
    notificationCount: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'MailMessage' });
export type MailMessageT = z.infer<typeof MailMessage>;

export const MailMessagesQuery = Paging.extend({ state: z.enum(mailMessageStates).optional() });

export const TestMailInput = z.object({ to: z.email().max(254) }).meta({ id: 'TestMailInput' });
export type TestMailInputT = z.infer<typeof TestMailInput>;

export const UnsubscribeQuery = z.object({ token: z.string().min(1).max(300) });

export const UnsubscribeResult = z.object({ unsubscribed: z.literal(true), kind: z.string() }).meta({ id: 'UnsubscribeResult' });
