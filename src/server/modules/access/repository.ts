import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/engine.js';
import { userRoles } from '../../db/schema/index.js';
import type { RoleGrant } from '../../context.js';

/** SQL only: role grants of a user. */
export const accessRepository = {
  /** Replaces the user's grants from one source (administrator or SSO) with `grants`. */
  async replaceRoles(db: Executor, mid: string, userId: string, grants: RoleGrant[], source: 'local' | 'sso'): Promise<void> {
    await db.delete(userRoles).where(and(eq(userRoles.municipalityId, mid), eq(userRoles.userId, userId), eq(userRoles.source, source)));
    if (grants.length) {
      await db
        .insert(userRoles)
        .values(grants.map((g) => ({ municipalityId: mid, userId, role: g.role, departmentId: g.departmentId, source })))
        .onConflictDoNothing();
    }
  },
};
