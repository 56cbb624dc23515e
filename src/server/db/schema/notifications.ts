import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, municipalityId, updatedAt, version } from './columns.js';
import { municipalities, users } from './tenancy.js';
import {
  digestFrequencies,
  escalationSteps,
  mailDeliveries,
  mailMessageKinds,
  mailMessageStates,
  notificationKinds,
  notificationMailStates,
} from './values.js';

/**
 * One thing Tilsyn tells one person (or, for an escalation to a department head who is no user,
 * one e-mail address): shown in the app's notification centre and, by the person's settings, mailed.
 * The row is the outbox: it is written in the transaction of the event, and the mail job sends
 * what is pending. `dedupe_key` names the event, its kind and its due date, so a reminder is
 * written once per person however many servers run the check.
 */
export const notifications = pgTable(
  'notifications',
  {
    municipalityId: municipalityId(),
    id: id(),
    /** Null only for a recipient outside the user list (a department head by e-mail alone). */
    userId: uuid('user_id'),
    /** The user id, or the lower-cased e-mail address of a recipient without one: the unique key's "who". */
    recipient: text('recipient').notNull(),
    email: text('email'),
    kind: text('kind', { enum: notificationKinds }).notNull(),
    /** Path in the web app of the thing the notification is about, e.g. /plans/<id>. */
    link: text('link').notNull(),
    /** What the templates fill in (names, dates, counts); never a confidential finding's title. */
    params: jsonb('params').$type<Record<string, string | number | null>>().notNull().default({}),
    /** The finding it concerns, when it does: the finding's history lists who was reminded and when. */
    findingId: uuid('finding_id'),
    dueOn: date('due_on', { mode: 'string' }),
    dedupeKey: text('dedupe_key').notNull(),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }),
    mailState: text('mail_state', { enum: notificationMailStates }).notNull().default('pending'),
    mailAttempts: integer('mail_attempts').notNull().default(0),
    mailedAt: timestamp('mailed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    uniqueIndex('notifications_once_uq').on(t.municipalityId, t.recipient, t.dedupeKey),
    index('notifications_user_idx').on(t.municipalityId, t.userId, t.createdAt),
    index('notifications_finding_idx').on(t.municipalityId, t.findingId),
    index('notifications_mail_idx')
      .on(t.mailState, t.createdAt)
      .where(sql`${t.mailState} in ('pending', 'digest')`),
    foreignKey({ columns: [t.municipalityId, t.userId], foreignColumns: [users.municipalityId, users.id] }).onDelete('cascade'),
    check('notifications_recipient', sql`${t.userId} is not null or ${t.email} is not null`),
  ],
);

/** A person's choice for one kind of notification by e-mail (no row: immediate). */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    municipalityId: municipalityId(),
    userId: uuid('user_id').notNull(),
    kind: text('kind', { enum: notificationKinds }).notNull(),
    delivery: text('delivery', { enum: mailDeliveries }).notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.userId, t.kind] }),
    foreignKey({ columns: [t.municipalityId, t.userId], foreignColumns: [users.municipalityId, users.id] }).onDelete('cascade'),
  ],
);

/** A person's digest: how often, and when the last one went. */
export const mailSettings = pgTable(
  'mail_settings',
  {
    municipalityId: municipalityId(),
    userId: uuid('user_id').notNull(),
    digest: text('digest', { enum: digestFrequencies }).notNull().default('daily'),
    lastDigestAt: timestamp('last_digest_at', { withTimezone: true, mode: 'date' }),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.userId] }),
    foreignKey({ columns: [t.municipalityId, t.userId], foreignColumns: [users.municipalityId, users.id] }).onDelete('cascade'),
  ],
);

/** The delivery log an administrator reads: every message handed to SMTP or refused by it. */
export const mailMessages = pgTable(
  'mail_messages',
  {
    municipalityId: municipalityId(),
    id: id(),
    kind: text('kind', { enum: mailMessageKinds }).notNull(),
    userId: uuid('user_id'),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    notificationIds: uuid('notification_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    state: text('state', { enum: mailMessageStates }).notNull(),
    attempts: integer('attempts').notNull().default(1),
    error: text('error'),
    messageId: text('message_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.municipalityId, t.id] }), index('mail_messages_recent_idx').on(t.municipalityId, t.createdAt)],
);

/**
 * When a municipality reminds and escalates (no row: the defaults). Days before a due date, every
 * M days while overdue, and after K days overdue up the chain, one step per K days.
 */
export const reminderSettings = pgTable(
  'reminder_settings',
  {
    municipalityId: uuid('municipality_id')
      .primaryKey()
      .references(() => municipalities.id, { onDelete: 'cascade' }),
    daysBefore: integer('days_before').notNull().default(7),
    overdueEveryDays: integer('overdue_every_days').notNull().default(7),
    escalateAfterDays: integer('escalate_after_days').notNull().default(14),
    escalationChain: text('escalation_chain', { enum: escalationSteps })
      .array()
      .notNull()
      .default(sql`'{departmentCoordinator,departmentHead,centralCoordinator}'::text[]`),
    version: version(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check(
      'reminder_settings_days',
      sql`${t.daysBefore} between 0 and 90 and ${t.overdueEveryDays} between 1 and 90 and ${t.escalateAfterDays} between 1 and 365`,
    ),
  ],
);
