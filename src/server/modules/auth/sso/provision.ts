import type { RoleGrant } from '../../../context.js';
import type { Database } from '../../../db/engine.js';
import { runCommand, type CommandActor } from '../../../unit-of-work.js';
import { accessRepository } from '../../access/repository.js';
import { authRepository } from '../repository.js';
import { lostGrant } from '../../access/admins.js';
import { revokeTokensOfUser } from '../tokens.js';
import type { CodedGrant } from './grants.js';
import { ssoRepository as repo, type SsoProvider } from './repository.js';

/** What an identity provider vouched for, after its response was validated. */
export interface ExternalIdentity {
  provider: SsoProvider;
  issuer: string;
  subject: string;
  email: string | null;
  name: string | null;
  grants: CodedGrant[];
}

/** Why provisioning refused (logged, never shown: the client only ever sees the generic 401). */
export class SsoRefusal extends Error {
  override readonly name = 'SsoRefusal';
}

/** Light sanity check: the address becomes the user's e-mail and the key for linking accounts. */
const plausibleEmail = (v: string | null): v is string => v !== null && v.length <= 320 && /^[^\s@]+@[^\s@]+$/.test(v);

/**
 * Finds or creates the user behind an external identity and replaces its SSO-managed roles.
 *
 * Order of lookup: the linked identity (provider, issuer, subject); else a user of the
 * municipality with the same e-mail address, which is then linked (an administrator may have
 * created the account before its first sign-in); else a new user. One command, so the link,
 * the creation and the role change are one audit entry or nothing.
 */
export async function provisionUser(
  db: Database,
  mid: string,
  identity: ExternalIdentity,
  log: (msg: string, data?: Record<string, unknown>) => void,
): Promise<string> {
  // The acting user is only known inside the transaction; runCommand reads the actor when it
  // appends the audit entry after `fn`, so filling in userId there attributes the entry to them.
  const actor: CommandActor = { municipalityId: mid, userId: null, via: 'session' };
  return runCommand(db, actor, async (tx, changes) => {
    let user = await repo.userByIdentity(tx, mid, identity.provider, identity.issuer, identity.subject);
    let linked = false;
    if (!user) {
      if (!plausibleEmail(identity.email)) throw new SsoRefusal('no usable e-mail claim for an identity that is not linked yet');
      user = await repo.userByEmail(tx, mid, identity.email);
      if (!user) {
        user = await repo.insertUser(tx, mid, { name: identity.name?.trim().slice(0, 200) || identity.email, email: identity.email });
        await changes.record({
          resource: 'user',
          resourceId: user.id,
          action: 'create',
          after: { name: user.name, email: user.email, via: identity.provider },
        });
      }
      if (!user.active) throw new SsoRefusal('user is inactive');
      await repo.linkIdentity(tx, mid, user.id, identity.provider, identity.issuer, identity.subject);
      linked = true;
    }
    if (!user.active) throw new SsoRefusal('user is inactive');
    actor.userId = user.id;

    const departmentIds = await repo.departmentIdsByCode(tx, mid);
    const grants: RoleGrant[] = [];
    for (const g of identity.grants) {
      const departmentId = g.departmentCode === null ? null : departmentIds.get(g.departmentCode);
      if (departmentId === undefined) {
        log('ignoring a role for an unknown department', { role: g.role, department: g.departmentCode });
        continue;
      }
      grants.push({ role: g.role, departmentId });
    }
    const before = await authRepository.rolesOf(tx, mid, user.id);
    await accessRepository.replaceRoles(tx, mid, user.id, grants, 'sso');
    const after = await authRepository.rolesOf(tx, mid, user.id);

    if (linked)
      await changes.record({
        resource: 'user',
        resourceId: user.id,
        action: 'linkIdentity',
        after: { provider: identity.provider, issuer: identity.issuer, subject: identity.subject },
      });
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      await changes.record({ resource: 'user', resourceId: user.id, action: 'setRoles', before: { roles: before }, after: { roles: after, source: 'sso' } });
      // The identity provider took a role away: the user's tokens made under it go too.
      if (lostGrant(before, after)) await revokeTokensOfUser(tx, changes, mid, user.id, 'ssoRoleRemoved');
    }
    return user.id;
  });
}
