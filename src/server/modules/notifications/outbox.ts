import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/engine.js';
import { notifications } from '../../db/schema/index.js';
import type { NotificationKind } from '../../db/schema/values.js';

/** One notification to write: to a user, or (an escalation to a department head with no account) to an address. */
export interface NotificationInput {
  municipalityId: string;
  userId: string | null;
  /** Required when userId is null. */
  email?: string | null;
  kind: NotificationKind;
  /** Path in the web app, e.g. `/plans/<id>`. */
  link: string;
  /** What the templates fill in; never a confidential finding's title. */
  params?: Record<string, string | number | null>;
  findingId?: string | null;
  dueOn?: string | null;
  /**
   * Names the event (and for a reminder its due date and step), e.g. `plan:<id>:submitted:3`: the
   * same key to the same person is written once, whichever server or retry writes it.
   */
  dedupeKey: string;
  /** When the event happened, from the injected clock (default: the database's now). */
  createdAt?: Date;
}

/**
 * Writes notifications in the caller's transaction (the outbox: the mail job sends what is
 * pending). A notification already written for the same recipient and key is left as it is.
 * Returns how many were new.
 */
export async function notify(ex: Executor, inputs: readonly NotificationInput[]): Promise<number> {
  if (!inputs.length) return 0;
  const rows = inputs.map((n) => {
    if (!n.userId && !n.email) throw new Error(`notification ${n.kind} ${n.dedupeKey} has no recipient`);
    return {
      municipalityId: n.municipalityId,
      userId: n.userId,
      recipient: n.userId ?? n.email!.toLowerCase(),
      email: n.userId ? null : n.email!,
      kind: n.kind,
      link: n.link,
      params: n.params ?? {},
      findingId: n.findingId ?? null,
      dueOn: n.dueOn ?? null,
      dedupeKey: n.dedupeKey,
      ...(n.createdAt ? { createdAt: n.createdAt } : {}),
    };
  });
  const inserted = await ex
    .insert(notifications)
    .values(rows)
    .onConflictDoNothing({ target: [notifications.municipalityId, notifications.recipient, notifications.dedupeKey] })
    .returning({ id: notifications.id });
  return inserted.length;
}

/** The active users holding a role, in one department (department roles) or municipality-wide (departmentId null). */
export async function usersWithRole(
  ex: Executor,
  mid: string,
  role: 'admin' | 'centralCoordinator' | 'departmentCoordinator' | 'measureOwner' | 'auditor' | 'reader',
  departmentId: string | null,
): Promise<string[]> {
  const rows = (await ex.execute(sql`
    select distinct r.user_id as id from user_roles r
    join users u on u.municipality_id = r.municipality_id and u.id = r.user_id and u.active
    where r.municipality_id = ${mid} and r.role = ${role}
      and ${departmentId === null ? sql`r.department_id is null` : sql`(r.department_id = ${departmentId} or r.department_id is null)`}
    order by r.user_id`)) as unknown as { rows: { id: string }[] };
  return rows.rows.map((r) => r.id);
}
