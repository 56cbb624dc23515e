import type { Clock } from '../../clock.js';
import type { Actor } from '../../context.js';
import type { Database, Executor } from '../../db/engine.js';
import { notFound } from '../../http/problem.js';
import { iso } from '../../http/schemas.js';
import { runCommand, type ChangeRecorder } from '../../unit-of-work.js';
import { allow, has } from '../access/grants.js';
import { authRepository as repo, type TokenRow } from './repository.js';
import { randomToken, sha256 } from './secrets.js';

export const TOKEN_PREFIX = 'tls_';

const tokenDto = (t: TokenRow) => ({
  id: t.id,
  userId: t.userId,
  name: t.name,
  prefix: t.prefix,
  scopes: t.scopes as ('read' | 'write')[],
  expiresAt: iso(t.expiresAt),
  lastUsedAt: t.lastUsedAt ? iso(t.lastUsedAt) : null,
  revokedAt: t.revokedAt ? iso(t.revokedAt) : null,
  createdAt: iso(t.createdAt),
});

/** Why a user's tokens were revoked together, as the audit trail records it. */
export type TokenRevocationReason = 'passwordChanged' | 'passwordReset' | 'signOutEverywhere' | 'deactivated' | 'roleRemoved' | 'ssoRoleRemoved';

/**
 * Revokes every live API token of a user inside the caller's command, one audit change per token
 * with the reason. A token must not outlive the password, the sessions or the roles of the person
 * it acts for: a leaked token would otherwise survive the very steps taken against the leak.
 */
export async function revokeTokensOfUser(tx: Executor, changes: ChangeRecorder, mid: string, userId: string, reason: TokenRevocationReason): Promise<number> {
  const rows = await repo.revokeTokensOf(tx, mid, userId, new Date());
  for (const row of rows) {
    await changes.record({
      resource: 'apiToken',
      resourceId: row.id,
      action: 'revoke',
      before: { ...tokenDto(row), revokedAt: null },
      after: { ...tokenDto(row), reason },
    });
  }
  return rows.length;
}

/**
 * API tokens for integrations. A token acts as the user who made it, limited to its scopes; only
 * its SHA-256 is stored and the token itself is shown once. Tokens are made from a signed-in
 * session, not from another token, so a leaked token cannot mint more.
 */
export function createTokenService(db: Database, clock: Clock) {
  return {
    async list(actor: Actor) {
      // Administrators see every token of the municipality (to revoke a leaked one); others their own.
      return (await repo.tokensOf(db, actor.municipalityId, has(actor, 'admin') ? null : actor.userId)).map(tokenDto);
    },

    async create(actor: Actor, input: { name: string; scopes: ('read' | 'write')[]; expiresInDays: number }) {
      allow(actor.via === 'session' || actor.via === 'cli');
      const token = randomToken(TOKEN_PREFIX);
      const expiresAt = new Date(clock.now().getTime() + input.expiresInDays * 86_400_000);
      const row = await runCommand(db, actor, async (tx, changes) => {
        const row = await repo.insertToken(tx, {
          municipalityId: actor.municipalityId,
          userId: actor.userId!,
          name: input.name,
          tokenHash: sha256(token),
          prefix: token.slice(0, TOKEN_PREFIX.length + 6),
          scopes: [...new Set(input.scopes)].sort(),
          expiresAt,
        });
        await changes.record({ resource: 'apiToken', resourceId: row.id, action: 'create', after: tokenDto(row) });
        return row;
      });
      return { ...tokenDto(row), token };
    },

    async revoke(actor: Actor, id: string) {
      const existing = await repo.token(db, actor.municipalityId, id);
      if (!existing || (existing.userId !== actor.userId && !has(actor, 'admin'))) throw notFound('token', id);
      return runCommand(db, actor, async (tx, changes) => {
        const row = (await repo.revokeToken(tx, actor.municipalityId, id, clock.now())) ?? existing;
        await changes.record({ resource: 'apiToken', resourceId: id, action: 'revoke', before: tokenDto(existing), after: tokenDto(row) });
        return tokenDto(row);
      });
    },
  };
}
