import { sql } from 'drizzle-orm';
import type { Actor, RoleGrant } from '../../context.js';
import { queryRows, type Executor } from '../../db/engine.js';
import { conflict, detail, fieldError } from '../../http/problem.js';
import type { ChangeRecorder } from '../../unit-of-work.js';
import { revokeTokensOfUser } from '../auth/tokens.js';
import type { UserRow } from '../tenancy/reads.js';

/**
 * Serialises the commands that can take an administrator away, per municipality, so that two
 * administrators demoting each other at the same moment cannot both succeed. A row lock on the
 * municipality (NO KEY UPDATE: inserts that only reference it are not blocked).
 */
async function lockAdministrators(tx: Executor, mid: string): Promise<void> {
  await tx.execute(sql`select id from municipalities where id = ${mid} for no key update`);
}

/** Active users holding the admin role (from any source). */
export async function activeAdministrators(ex: Executor, mid: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    ex,
    sql`select count(distinct r.user_id)::int as n from user_roles r join users u on u.municipality_id = r.municipality_id and u.id = r.user_id
         where r.municipality_id = ${mid} and r.role = 'admin' and u.active`,
  );
  return row?.n ?? 0;
}

const lastAdministrator = (field: string) => conflict(detail('access.lastAdministrator'), [fieldError(field, 'admin.last', 'access.lastAdministrator')]);

/**
 * Runs a change to a user (roles, active, deletion) and refuses it, 409 `admin.last` and nothing
 * changed, when it leaves a municipality that had an active administrator without one. Counting
 * after the change covers every way there: one's own role removed, self-deactivation, another
 * administrator's removal, a grant held from two sources.
 */
export async function keepAnAdministrator<T>(tx: Executor, actor: Pick<Actor, 'municipalityId'>, field: string, change: () => Promise<T>): Promise<T> {
  await lockAdministrators(tx, actor.municipalityId);
  const before = await activeAdministrators(tx, actor.municipalityId);
  const result = await change();
  if (before > 0 && (await activeAdministrators(tx, actor.municipalityId)) === 0) throw lastAdministrator(field);
  return result;
}

const grantKey = (g: RoleGrant) => `${g.role}/${g.departmentId ?? ''}`;

/** Whether a grant the user held is gone (a role lost, or a department role moved elsewhere). */
export function lostGrant(before: readonly RoleGrant[], after: readonly RoleGrant[]): boolean {
  const kept = new Set(after.map(grantKey));
  return before.some((g) => !kept.has(grantKey(g)));
}

/**
 * What the user register (tenancy) does around a change to a user row: a deactivation or
 * deletion may not remove the last active administrator, and a deactivated user's API tokens are
 * revoked (so that activating the account again does not bring them back).
 */
export const userLifecycle = {
  /** `apply` updates the row and records the change; a refusal after it rolls the command back. */
  async update(tx: Executor, changes: ChangeRecorder, actor: Actor, before: UserRow, apply: () => Promise<UserRow>): Promise<UserRow> {
    if (!before.active) return apply();
    const row = await keepAnAdministrator(tx, actor, 'body.active', apply);
    if (!row.active) await revokeTokensOfUser(tx, changes, actor.municipalityId, before.id, 'deactivated');
    return row;
  },
  async delete(tx: Executor, _changes: ChangeRecorder, actor: Actor, _before: UserRow, apply: () => Promise<void>): Promise<void> {
    return keepAnAdministrator(tx, actor, 'path.id', apply);
  },
};
