import { sql } from 'drizzle-orm';
import type { Locale, Vocabulary } from '../../../domain/i18n.js';
import { queryRows, type Executor } from '../../db/engine.js';
import type { NotificationKind } from '../../db/schema/values.js';

export interface MailMessageRow {
  id: string;
  kind: 'notification' | 'digest' | 'test';
  to_address: string;
  subject: string;
  state: 'sent' | 'failed' | 'retrying';
  attempts: number;
  error: string | null;
  message_id: string | null;
  notification_count: number;
  created_at: Date | string;
  updated_at: Date | string;
}

const MESSAGE_COLUMNS = sql`id, kind, to_address, subject, state, attempts, error, message_id, cardinality(notification_ids) as notification_count, created_at, updated_at`;

export async function messageById(ex: Executor, mid: string, id: string): Promise<MailMessageRow | null> {
  const [row] = await queryRows<MailMessageRow>(ex, sql`select ${MESSAGE_COLUMNS} from mail_messages where municipality_id = ${mid} and id = ${id}`);
  return row ?? null;
}

/** The delivery log, newest first. */
export async function listMessages(
  ex: Executor,
  mid: string,
  filter: { state?: 'sent' | 'failed' | 'retrying' },
  paging: { limit: number; offset: number },
): Promise<{ rows: MailMessageRow[]; total: number }> {
  const where = sql`municipality_id = ${mid}${filter.state ? sql` and state = ${filter.state}` : sql``}`;
  const rows = await queryRows<MailMessageRow>(
    ex,
    sql`select ${MESSAGE_COLUMNS}
        from mail_messages where ${where}
        order by created_at desc, id desc limit ${paging.limit} offset ${paging.offset}`,
  );
  const [count] = await queryRows<{ n: number | string }>(ex, sql`select count(*) as n from mail_messages where ${where}`);
  return { rows, total: Number(count?.n ?? 0) };
}

export interface Recipient {
  name: string;
  email: string;
  active: boolean;
  locale: Locale;
  municipalityName: string;
  vocabulary: Vocabulary;
}

/** The person an unsubscribe link names, with the language its page is shown in; null if no such user. */
export async function recipientOf(ex: Executor, mid: string, userId: string): Promise<Recipient | null> {
  const [row] = await queryRows<{
    name: string;
    email: string;
    active: boolean;
    language: Locale | null;
    m_language: Locale;
    m_name: string;
    m_vocabulary: Vocabulary;
  }>(
    ex,
    sql`select u.name, u.email, u.active, u.language, m.language as m_language, m.name as m_name, m.vocabulary as m_vocabulary
        from users u join municipalities m on m.id = u.municipality_id
        where u.municipality_id = ${mid} and u.id = ${userId}`,
  );
  if (!row) return null;
  return {
    name: row.name,
    email: row.email,
    active: row.active,
    locale: row.language ?? row.m_language,
    municipalityName: row.m_name,
    vocabulary: row.m_vocabulary,
  };
}

/** The person's e-mail choices per kind (kinds without a row are immediate). */
export async function preferencesOf(ex: Executor, mid: string, userId: string): Promise<Map<NotificationKind, 'immediate' | 'digest' | 'off'>> {
  const rows = await queryRows<{ kind: NotificationKind; delivery: 'immediate' | 'digest' | 'off' }>(
    ex,
    sql`select kind, delivery from notification_preferences where municipality_id = ${mid} and user_id = ${userId} for update`,
  );
  return new Map(rows.map((r) => [r.kind, r.delivery]));
}

/** Turns e-mail off for the kinds. */
export async function turnOff(ex: Executor, mid: string, userId: string, kinds: readonly NotificationKind[], now: Date): Promise<void> {
  if (!kinds.length) return;
  const values = sql.join(
    kinds.map((k) => sql`(${mid}, ${userId}, ${k}, 'off', ${now.toISOString()}::timestamptz)`),
    sql`, `,
  );
  await ex.execute(
    sql`insert into notification_preferences (municipality_id, user_id, kind, delivery, updated_at) values ${values}
        on conflict (municipality_id, user_id, kind) do update set delivery = 'off', updated_at = excluded.updated_at`,
  );
}

/** Notifications of the kinds waiting for the person's digest become skipped (they stay in the app). */
export async function skipWaitingDigest(ex: Executor, mid: string, userId: string, kinds: readonly NotificationKind[]): Promise<void> {
  if (!kinds.length) return;
  await ex.execute(
    sql`update notifications set mail_state = 'skipped'
        where municipality_id = ${mid} and user_id = ${userId} and mail_state = 'digest'
          and kind in (${sql.join(
            kinds.map((k) => sql`${k}`),
            sql`, `,
          )})`,
  );
}
