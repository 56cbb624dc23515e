import { and, count, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/engine.js';
import { mailSettings, notificationPreferences, notifications } from '../../db/schema/index.js';
import type { NotificationKind } from '../../db/schema/values.js';

export type NotificationRow = typeof notifications.$inferSelect;

export interface NotificationFilter {
  kind?: NotificationKind | undefined;
  /** true: unread only; false: read only; absent: both. */
  unread?: boolean | undefined;
}

/** What an event's notification names of its finding: number, report year, title and whether it is confidential. */
export interface FindingFacts {
  id: string;
  number: number;
  year: number;
  title: string;
  confidential: boolean;
}

export interface DepartmentFacts {
  id: string;
  code: string;
  name: string;
}

/** A plan's facts for its notifications: its department and, for a finding's plan, the finding. */
export interface PlanFacts {
  id: string;
  departmentId: string;
  findingId: string | null;
  revision: number;
}

/** SQL only: every function takes the municipality id first and filters by it. */
export const notificationsRepository = {
  /** The user's notifications, newest first (ties by id, so pages never overlap), with the total the filter selects. */
  async list(ex: Executor, mid: string, userId: string, filter: NotificationFilter, paging: { limit: number; offset: number }) {
    const where: SQL[] = [eq(notifications.municipalityId, mid), eq(notifications.userId, userId)];
    if (filter.kind) where.push(eq(notifications.kind, filter.kind));
    if (filter.unread === true) where.push(isNull(notifications.readAt));
    if (filter.unread === false) where.push(sql`${notifications.readAt} is not null`);
    const rows = await ex
      .select()
      .from(notifications)
      .where(and(...where))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(paging.limit)
      .offset(paging.offset);
    const [total] = await ex
      .select({ n: count() })
      .from(notifications)
      .where(and(...where));
    return { rows, total: Number(total?.n ?? 0) };
  },

  async unreadCount(ex: Executor, mid: string, userId: string): Promise<number> {
    const [row] = await ex
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.municipalityId, mid), eq(notifications.userId, userId), isNull(notifications.readAt)));
    return Number(row?.n ?? 0);
  },

  async get(ex: Executor, mid: string, userId: string, id: string): Promise<NotificationRow | undefined> {
    const [row] = await ex
      .select()
      .from(notifications)
      .where(and(eq(notifications.municipalityId, mid), eq(notifications.userId, userId), eq(notifications.id, id)));
    return row;
  },

  /** Marks one read (a read one keeps its first time). */
  async markRead(ex: Executor, mid: string, userId: string, id: string, at: Date): Promise<NotificationRow | undefined> {
    const [row] = await ex
      .update(notifications)
      .set({ readAt: sql`coalesce(${notifications.readAt}, ${at.toISOString()}::timestamptz)` })
      .where(and(eq(notifications.municipalityId, mid), eq(notifications.userId, userId), eq(notifications.id, id)))
      .returning();
    return row;
  },

  /** Marks every unread one read; returns the ids it marked. */
  async markAllRead(ex: Executor, mid: string, userId: string, at: Date): Promise<string[]> {
    const rows = await ex
      .update(notifications)
      .set({ readAt: at })
      .where(and(eq(notifications.municipalityId, mid), eq(notifications.userId, userId), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    return rows.map((r) => r.id);
  },

  async preferencesOf(ex: Executor, mid: string, userId: string) {
    const kinds = await ex
      .select({ kind: notificationPreferences.kind, delivery: notificationPreferences.delivery })
      .from(notificationPreferences)
      .where(and(eq(notificationPreferences.municipalityId, mid), eq(notificationPreferences.userId, userId)));
    const [settings] = await ex
      .select({ digest: mailSettings.digest })
      .from(mailSettings)
      .where(and(eq(mailSettings.municipalityId, mid), eq(mailSettings.userId, userId)));
    return { kinds, digest: settings?.digest ?? null };
  },

  /** Replaces the user's choices: the kinds named get their row, the others none (immediate). */
  async replacePreferences(
    ex: Executor,
    mid: string,
    userId: string,
    kinds: { kind: NotificationKind; delivery: 'immediate' | 'digest' | 'off' }[],
    digest: 'daily' | 'weekly',
    at: Date,
  ): Promise<void> {
    await ex.delete(notificationPreferences).where(and(eq(notificationPreferences.municipalityId, mid), eq(notificationPreferences.userId, userId)));
    if (kinds.length) await ex.insert(notificationPreferences).values(kinds.map((k) => ({ municipalityId: mid, userId, ...k, updatedAt: at })));
    await ex
      .insert(mailSettings)
      .values({ municipalityId: mid, userId, digest, updatedAt: at })
      .onConflictDoUpdate({ target: [mailSettings.municipalityId, mailSettings.userId], set: { digest, updatedAt: at } });
  },

  // What the events' notifications name.

  async finding(ex: Executor, mid: string, id: string): Promise<FindingFacts | undefined> {
    const [row] = await queryRows<{ id: string; number: number; year: number; title: string; confidential: boolean }>(
      ex,
      sql`select f.id, f.number, r.year, f.title, f.confidential from findings f
        join audit_reports r on r.municipality_id = f.municipality_id and r.id = f.report_id
        where f.municipality_id = ${mid} and f.id = ${id}`,
    );
    return row ? { ...row, number: Number(row.number), year: Number(row.year) } : undefined;
  },

  async departments(ex: Executor, mid: string, ids: string[]): Promise<DepartmentFacts[]> {
    if (!ids.length) return [];
    return queryRows<DepartmentFacts>(
      ex,
      sql`select id, code, name from departments where municipality_id = ${mid} and id in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    );
  },

  async plan(ex: Executor, mid: string, id: string): Promise<PlanFacts | undefined> {
    const [row] = await queryRows<{ id: string; department_id: string; finding_id: string | null; revision: number }>(
      ex,
      sql`select id, department_id, finding_id, revision from action_plans where municipality_id = ${mid} and id = ${id}`,
    );
    return row ? { id: row.id, departmentId: row.department_id, findingId: row.finding_id, revision: Number(row.revision) } : undefined;
  },
};
