import { sql } from 'drizzle-orm';
import type { Locale, Vocabulary } from '../../domain/i18n.js';
import { queryRows, type Database } from '../db/engine.js';
import type { NotificationKind } from '../db/schema/values.js';
import { appUrl, backoffSql, errorText, idArray, MAX_ATTEMPTS, writeLog, type MailRuntime } from './delivery.js';
import { renderDigestMail } from './templates.js';
import { unsubscribeToken, unsubscribeUrl } from './unsubscribe.js';

export interface DigestCounts {
  /** Digest mails sent (one per person). */
  sent: number;
  retrying: number;
  failed: number;
  /** Notifications not mailed: mail is off or the person is inactive. */
  skipped: number;
}

/** A digest is due a day (daily) or a week (weekly) after the last one, or after the oldest waiting notification when none went yet. */
const dueSql = (now: Date) =>
  sql`coalesce(s.last_digest_at, min(n.created_at)) + case when coalesce(s.digest, 'daily') = 'weekly' then interval '7 days' else interval '1 day' end
      <= ${now.toISOString()}::timestamptz`;

type PersonOutcome = { outcome: 'sent' | 'retrying' | 'failed' } | { skipped: number } | null;

interface DueUser {
  municipality_id: string;
  user_id: string;
}

interface DigestItem {
  id: string;
  kind: NotificationKind;
  link: string;
  params: Record<string, string | number | null>;
  due_on: string | null;
}

/**
 * Sends each person whose digest is due (by the injected clock) one mail listing their
 * notifications in state 'digest', oldest first, and marks them sent. A person is handled in one
 * transaction that locks their mail settings, so two servers never send the same digest.
 */
export async function sendDueDigests(db: Database, opts: MailRuntime & { limit?: number }): Promise<DigestCounts> {
  const counts: DigestCounts = { sent: 0, retrying: 0, failed: 0, skipped: 0 };
  const now = opts.clock.now();
  if (!opts.mailer) {
    const rows = await queryRows<{ id: string }>(db, sql`update notifications set mail_state = 'skipped' where mail_state = 'digest' returning id`);
    counts.skipped = rows.length;
    return counts;
  }
  const mailer = opts.mailer;
  const due = await queryRows<DueUser>(
    db,
    sql`select n.municipality_id, n.user_id
        from notifications n
        left join mail_settings s on s.municipality_id = n.municipality_id and s.user_id = n.user_id
        where n.mail_state = 'digest' and n.user_id is not null
        group by n.municipality_id, n.user_id, s.last_digest_at, s.digest
        having ${dueSql(now)}
        order by min(n.created_at)
        limit ${opts.limit ?? 500}`,
  );
  for (const person of due) {
    const outcome = await db.transaction(async (tx): Promise<PersonOutcome> => {
      // the settings row is the person's lock (made if missing: no row and a default row mean the same)
      await tx.execute(sql`insert into mail_settings (municipality_id, user_id) values (${person.municipality_id}, ${person.user_id}) on conflict do nothing`);
      const [settings] = await queryRows<{ digest: 'daily' | 'weekly'; last_digest_at: string | null }>(
        tx,
        sql`select digest, last_digest_at from mail_settings where municipality_id = ${person.municipality_id} and user_id = ${person.user_id} for update`,
      );
      const [user] = await queryRows<{
        email: string;
        language: Locale | null;
        active: boolean;
        municipality_name: string;
        municipality_language: Locale;
        municipality_vocabulary: Vocabulary;
      }>(
        tx,
        sql`select u.email, u.language, u.active, m.name as municipality_name, m.language as municipality_language, m.vocabulary as municipality_vocabulary
            from users u join municipalities m on m.id = u.municipality_id
            where u.municipality_id = ${person.municipality_id} and u.id = ${person.user_id}`,
      );
      if (!user || !user.active) {
        const rows = await queryRows<{ id: string }>(
          tx,
          sql`update notifications set mail_state = 'skipped'
              where municipality_id = ${person.municipality_id} and user_id = ${person.user_id} and mail_state = 'digest' returning id`,
        );
        return { skipped: rows.length };
      }
      // another server may have sent it since the list was read: check again under the lock
      const [stillDue] = await queryRows<{ due: boolean }>(
        tx,
        sql`select ${dueSql(now)} as due from notifications n
            left join mail_settings s on s.municipality_id = n.municipality_id and s.user_id = n.user_id
            where n.municipality_id = ${person.municipality_id} and n.user_id = ${person.user_id} and n.mail_state = 'digest'
            group by s.last_digest_at, s.digest`,
      );
      if (!stillDue?.due) return null;
      const [retry] = await queryRows<{ id: string; attempts: number; waiting: boolean }>(
        tx,
        sql`select id, attempts, updated_at > ${backoffSql(sql.raw('attempts'), now)} as waiting from mail_messages
            where municipality_id = ${person.municipality_id} and user_id = ${person.user_id} and kind = 'digest' and state = 'retrying'
            order by created_at desc limit 1`,
      );
      if (retry?.waiting) return null;
      const items = await queryRows<DigestItem>(
        tx,
        sql`select id, kind, link, params, due_on::text as due_on from notifications
            where municipality_id = ${person.municipality_id} and user_id = ${person.user_id} and mail_state = 'digest'
            order by created_at, id for update`,
      );
      if (!items.length) return null;
      const locale = user.language ?? user.municipality_language;
      const unsubscribe = unsubscribeUrl(
        opts.publicUrl,
        unsubscribeToken(opts.secret, { municipalityId: person.municipality_id, userId: person.user_id, kind: 'digest' }),
      );
      const rendered = renderDigestMail({
        locale,
        vocabulary: user.municipality_vocabulary,
        municipality: user.municipality_name,
        frequency: settings!.digest,
        items: items.map((i) => ({ kind: i.kind, params: i.params ?? {}, url: appUrl(opts.publicUrl, i.link), dueOn: i.due_on })),
        unsubscribeUrl: unsubscribe,
      });
      const ids = items.map((i) => i.id);
      const idList = idArray(ids);
      const attempts = (retry?.attempts ?? 0) + 1;
      const log = {
        municipalityId: person.municipality_id,
        kind: 'digest' as const,
        userId: person.user_id,
        to: user.email,
        subject: rendered.subject,
        notificationIds: ids,
        attempts,
        now,
      };
      try {
        const { messageId } = await mailer.send({ to: user.email, language: locale, unsubscribeUrl: unsubscribe, ...rendered });
        await tx.execute(
          sql`update notifications set mail_state = 'sent', mail_attempts = mail_attempts + 1, mailed_at = ${now.toISOString()}::timestamptz
              where municipality_id = ${person.municipality_id} and id = any(${idList})`,
        );
        await tx.execute(
          sql`update mail_settings set last_digest_at = ${now.toISOString()}::timestamptz, updated_at = ${now.toISOString()}::timestamptz
              where municipality_id = ${person.municipality_id} and user_id = ${person.user_id}`,
        );
        await writeLog(tx, retry?.id ?? null, { ...log, state: 'sent', error: null, messageId });
        return { outcome: 'sent' as const };
      } catch (err) {
        const failed = attempts >= MAX_ATTEMPTS;
        if (failed) {
          await tx.execute(
            sql`update notifications set mail_state = 'failed', mail_attempts = ${attempts}
                where municipality_id = ${person.municipality_id} and id = any(${idList})`,
          );
        }
        await writeLog(tx, retry?.id ?? null, { ...log, state: failed ? 'failed' : 'retrying', error: errorText(err), messageId: null });
        return { outcome: failed ? ('failed' as const) : ('retrying' as const) };
      }
    });
    if (!outcome) continue;
    if ('outcome' in outcome) counts[outcome.outcome]++;
    else counts.skipped += outcome.skipped;
  }
  return counts;
}
