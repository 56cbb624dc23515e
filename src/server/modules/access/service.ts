import type { Actor, RoleGrant } from '../../context.js';
import type { Database } from '../../db/engine.js';
import { invalid, notFound, type FieldError } from '../../http/problem.js';
import { runCommand } from '../../unit-of-work.js';
import type { AuthService } from '../auth/service.js';
import { authReads } from '../auth/reads.js';
import { tenancyReads } from '../tenancy/reads.js';
import { accessRepository as repo } from './repository.js';
import { allow, has, isCentral } from './grants.js';
import { keepAnAdministrator, lostGrant } from './admins.js';
import { revokeTokensOfUser } from '../auth/tokens.js';

/** Roles that belong to one department; the others are municipality-wide. */
export const departmentRoles = new Set<RoleGrant['role']>(['departmentCoordinator', 'measureOwner']);

/** Who may do what to users' access: only administrators change it; central coordination may look. */
export function createAccessService(db: Database, auth: AuthService) {
  async function existingUser(actor: Actor, userId: string) {
    const user = await tenancyReads.user(db, actor.municipalityId, userId);
    if (!user) throw notFound('user', userId);
    return user;
  }

  async function validateGrants(actor: Actor, grants: RoleGrant[]): Promise<RoleGrant[]> {
    const errors: FieldError[] = [];
    for (const [i, g] of grants.entries()) {
      if (departmentRoles.has(g.role) && !g.departmentId)
        errors.push({ field: `body.items.${i}.departmentId`, code: 'role.departmentRequired', message: `${g.role} is held in a department` });
      if (!departmentRoles.has(g.role) && g.departmentId)
        errors.push({ field: `body.items.${i}.departmentId`, code: 'role.municipalityWide', message: `${g.role} is held municipality-wide` });
      if (g.departmentId && !(await tenancyReads.department(db, actor.municipalityId, g.departmentId))) {
        errors.push({ field: `body.items.${i}.departmentId`, code: 'reference.unknown', message: `Unknown department ${g.departmentId}` });
      }
    }
    if (errors.length) throw invalid(errors);
    const seen = new Set<string>();
    return grants.filter((g) => !seen.has(`${g.role}/${g.departmentId}`) && seen.add(`${g.role}/${g.departmentId}`));
  }

  return {
    async roles(actor: Actor, userId: string): Promise<RoleGrant[]> {
      allow(isCentral(actor) || actor.userId === userId);
      await existingUser(actor, userId);
      return authReads.rolesOf(db, actor.municipalityId, userId);
    },

    async setRoles(actor: Actor, userId: string, grants: RoleGrant[]): Promise<RoleGrant[]> {
      allow(has(actor, 'admin'));
      await existingUser(actor, userId);
      const clean = await validateGrants(actor, grants);
      return runCommand(db, actor, async (tx, changes) => {
        const { before, after } = await keepAnAdministrator(tx, actor, 'body.items', async () => {
          const before = await authReads.rolesOf(tx, actor.municipalityId, userId);
          await repo.replaceRoles(tx, actor.municipalityId, userId, clean, 'local');
          return { before, after: await authReads.rolesOf(tx, actor.municipalityId, userId) };
        });
        await changes.record({ resource: 'user', resourceId: userId, action: 'setRoles', before: { roles: before }, after: { roles: after } });
        // A token acts with its user's roles: one made under a role now taken away must not keep it.
        if (lostGrant(before, after)) await revokeTokensOfUser(tx, changes, actor.municipalityId, userId, 'roleRemoved');
        return after;
      });
    },

    async setPassword(actor: Actor, userId: string, password: string): Promise<void> {
      allow(has(actor, 'admin'));
      await existingUser(actor, userId);
      await auth.setPassword(actor, userId, password);
    },

    async resetTotp(actor: Actor, userId: string): Promise<void> {
      allow(has(actor, 'admin'));
      await existingUser(actor, userId);
      await auth.totpDisable(actor, userId);
    },
  };
}

export type AccessService = ReturnType<typeof createAccessService>;
