import { sql } from 'drizzle-orm';
import type { Locale, Vocabulary } from '../../domain/i18n.js';
import type { Clock } from '../clock.js';
import { queryRows, type Database, type Executor } from '../db/engine.js';
import type { NotificationKind } from '../db/schema/values.js';
import { renderNotificationMail } from './templates.js';
import type { Mailer, OutgoingMail } from './transport.js';
import { unsubscribeToken, unsubscribeUrl } from './unsubscribe.js';

/** What sending needs: the SMTP transport (null: mail is off), the clock, where links point, and the key that signs unsubscribe links. */
export interface MailRuntime {
  mailer: Mailer | null;
  clock: Clock;
  /** TILSYN_PUBLIC_URL, without a trailing slash. */
  publicUrl: string;
  secret: Buffer;
}

/** Attempts per message before it is given up ('failed' in the log and on the notification). */
export const MAX_ATTEMPTS = 5;
/** nodemailer's codes for an SMTP server that cannot be reached (as opposed to one refusing a message). */
const UNREACHABLE = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED']);

export interface DeliveryCounts {
  sent: number;
  /** Not mailed: the person turned the kind off, is inactive, or mail is off. */
  skipped: number;
  /** Left for the person's digest. */
  digest: number;
  retrying: number;
  failed: number;
}

const emptyCounts = (): DeliveryCounts => ({ sent: 0, skipped: 0, digest: 0, retrying: 0, failed: 0 });

/**
 * A failed message waits 1, 2, 4, 8 minutes (by its attempts so far) before the next try, counted
 * from its last attempt in the delivery log.
 */
export const backoffSql = (attemptsColumn: ReturnType<typeof sql.raw>, now: Date) =>
  sql`(${now.toISOString()}::timestamptz - interval '1 minute' * power(2, greatest(${attemptsColumn} - 1, 0)))`;

interface PendingRow {
  municipality_id: string;
  id: string;
  user_id: string | null;
  email: string | null;
  kind: NotificationKind;
  link: string;
  params: Record<string, string | number | null>;
  due_on: string | null;
  mail_attempts: number;
  user_email: string | null;
  user_language: Locale | null;
  user_active: boolean | null;
  municipality_name: string;
  municipality_language: Locale;
  municipality_vocabulary: Vocabulary;
  delivery: 'immediate' | 'digest' | 'off' | null;
}

/** An absolute URL into the app from a notification's path. */
export const appUrl = (publicUrl: string, link: string) => `${publicUrl}${link.startsWith('/') ? link : `/${link}`}`;

/** The delivery log's text of an SMTP failure: one line, bounded. */
export const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ').trim().slice(0, 500) || 'unknown error';

/**
 * Sends what the outbox holds (`mail_state = 'pending'`), at most `limit` notifications a call.
 * Each is claimed in its own transaction with FOR UPDATE SKIP LOCKED and kept locked while SMTP
 * takes it, so two servers (or two overlapping jobs) never send the same one. The person's
 * preference decides: off → skipped, digest → left for sendDueDigests, immediate → mailed now.
 * Without a mailer every pending notification is skipped (it stays in the app).
 * A refused message stays pending and is retried by a later call (backoff), up to MAX_ATTEMPTS.
 */
export async function deliverPending(db: Database, opts: MailRuntime & { limit?: number }): Promise<DeliveryCounts> {
  const limit = opts.limit ?? 100;
  const counts = emptyCounts();
  if (!opts.mailer) {
    const rows = await queryRows<{ id: string }>(
      db,
      sql`update notifications set mail_state = 'skipped'
          where (municipality_id, id) in (
            select municipality_id, id from notifications where mail_state = 'pending'
            order by created_at, id limit ${limit} for update skip locked)
          returning id`,
    );
    counts.skipped = rows.length;
    return counts;
  }
  const mailer = opts.mailer;
  let unreachable = false;
  for (let i = 0; i < limit && !unreachable; i++) {
    const outcome = await db.transaction(async (tx) => {
      const now = opts.clock.now();
      const [n] = await queryRows<PendingRow>(
        tx,
        sql`select n.municipality_id, n.id, n.user_id, n.email, n.kind, n.link, n.params, n.due_on::text as due_on, n.mail_attempts,
                   u.email as user_email, u.language as user_language, u.active as user_active,
                   m.name as municipality_name, m.language as municipality_language,
                   m.vocabulary as municipality_vocabulary, p.delivery
            from notifications n
            join municipalities m on m.id = n.municipality_id
            left join users u on u.municipality_id = n.municipality_id and u.id = n.user_id
            left join notification_preferences p on p.municipality_id = n.municipality_id and p.user_id = n.user_id and p.kind = n.kind
            where n.mail_state = 'pending'
              and (n.mail_attempts = 0 or not exists (
                select 1 from mail_messages mm
                where mm.municipality_id = n.municipality_id and mm.kind = 'notification' and mm.notification_ids = array[n.id]::uuid[]
                  and mm.state = 'retrying' and mm.updated_at > ${backoffSql(sql.raw('n.mail_attempts'), now)}))
            order by n.created_at, n.id
            limit 1
            for update of n skip locked`,
      );
      if (!n) return null;
      if (n.user_id !== null && (n.user_active !== true || n.delivery === 'off')) {
        await setState(tx, n, 'skipped');
        return 'skipped' as const;
      }
      if (n.delivery === 'digest') {
        await setState(tx, n, 'digest');
        return 'digest' as const;
      }
      const to = n.user_email ?? n.email!;
      const locale = n.user_language ?? n.municipality_language;
      const unsubscribe = n.user_id
        ? unsubscribeUrl(opts.publicUrl, unsubscribeToken(opts.secret, { municipalityId: n.municipality_id, userId: n.user_id, kind: n.kind }))
        : null;
      const rendered = renderNotificationMail({
        locale,
        vocabulary: n.municipality_vocabulary,
        municipality: n.municipality_name,
        item: { kind: n.kind, params: n.params ?? {}, url: appUrl(opts.publicUrl, n.link), dueOn: n.due_on },
        unsubscribeUrl: unsubscribe,
      });
      const mail: OutgoingMail = { to, language: locale, unsubscribeUrl: unsubscribe, ...rendered };
      const attempts = n.mail_attempts + 1;
      const previous = n.mail_attempts > 0 ? await lastLogOf(tx, n.municipality_id, n.id) : null;
      try {
        const { messageId } = await mailer.send(mail);
        await tx.execute(
          sql`update notifications set mail_state = 'sent', mail_attempts = ${attempts}, mailed_at = ${now.toISOString()}::timestamptz
              where municipality_id = ${n.municipality_id} and id = ${n.id}`,
        );
        await writeLog(tx, previous, {
          municipalityId: n.municipality_id,
          kind: 'notification',
          userId: n.user_id,
          to,
          subject: mail.subject,
          notificationIds: [n.id],
          state: 'sent',
          attempts,
          error: null,
          messageId,
          now,
        });
        return 'sent' as const;
      } catch (err) {
        const failed = attempts >= MAX_ATTEMPTS;
        // the SMTP server cannot be reached: the rest would wait out the same timeout, each inside its
        // transaction (on the embedded database, with every request waiting); they go on the next run
        unreachable = UNREACHABLE.has(String((err as { code?: unknown }).code));
        await tx.execute(
          sql`update notifications set mail_attempts = ${attempts}, mail_state = ${failed ? 'failed' : 'pending'}
              where municipality_id = ${n.municipality_id} and id = ${n.id}`,
        );
        await writeLog(tx, previous, {
          municipalityId: n.municipality_id,
          kind: 'notification',
          userId: n.user_id,
          to,
          subject: mail.subject,
          notificationIds: [n.id],
          state: failed ? 'failed' : 'retrying',
          attempts,
          error: errorText(err),
          messageId: null,
          now,
        });
        return failed ? ('failed' as const) : ('retrying' as const);
      }
    });
    if (outcome === null) break;
    counts[outcome]++;
  }
  return counts;
}

async function setState(tx: Executor, n: { municipality_id: string; id: string }, state: 'skipped' | 'digest'): Promise<void> {
  await tx.execute(sql`update notifications set mail_state = ${state} where municipality_id = ${n.municipality_id} and id = ${n.id}`);
}

/** The log row of a notification's earlier attempts: a retry updates it instead of adding one. */
async function lastLogOf(tx: Executor, mid: string, notificationId: string): Promise<string | null> {
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`select id from mail_messages where municipality_id = ${mid} and kind = 'notification' and notification_ids = array[${notificationId}]::uuid[]
        order by created_at desc limit 1`,
  );
  return row?.id ?? null;
}

export interface LogEntry {
  municipalityId: string;
  kind: 'notification' | 'digest' | 'test';
  userId: string | null;
  to: string;
  subject: string;
  notificationIds: string[];
  state: 'sent' | 'failed' | 'retrying';
  attempts: number;
  error: string | null;
  messageId: string | null;
  now: Date;
}

/** A uuid[] literal of the ids (empty for a test mail). */
export const idArray = (ids: readonly string[]) =>
  ids.length
    ? sql`array[${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )}]::uuid[]`
    : sql`'{}'::uuid[]`;

/** Adds a row to the delivery log, or (a retry) brings the message's row up to date. */
export async function writeLog(tx: Executor, existingId: string | null, e: LogEntry): Promise<string> {
  const at = e.now.toISOString();
  if (existingId) {
    await tx.execute(
      sql`update mail_messages set state = ${e.state}, attempts = ${e.attempts}, error = ${e.error}, message_id = ${e.messageId},
            subject = ${e.subject}, to_address = ${e.to}, notification_ids = ${idArray(e.notificationIds)}, updated_at = ${at}::timestamptz
          where municipality_id = ${e.municipalityId} and id = ${existingId}`,
    );
    return existingId;
  }
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`insert into mail_messages (municipality_id, kind, user_id, to_address, subject, notification_ids, state, attempts, error, message_id, created_at, updated_at)
        values (${e.municipalityId}, ${e.kind}, ${e.userId}, ${e.to}, ${e.subject}, ${idArray(e.notificationIds)}, ${e.state}, ${e.attempts},
                ${e.error}, ${e.messageId}, ${at}::timestamptz, ${at}::timestamptz)
        returning id`,
  );
  return row!.id;
}
