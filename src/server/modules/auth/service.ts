import type { Locale } from '../../../domain/i18n.js';
import type { Actor, RoleGrant, Via } from '../../context.js';
import type { Database, Executor } from '../../db/engine.js';
import { detail, invalidField, notFound, Problem, versionConflict } from '../../http/problem.js';
import { runCommand } from '../../unit-of-work.js';
import { authRepository as repo, type Principal, type SessionRow } from './repository.js';
import { hashPassword, MIN_PASSWORD_LENGTH, prepareDummyHash, randomToken, sha256, verifyPassword } from './secrets.js';
import { isSealed, type SecretBox } from '../../crypto/secret-box.js';
import { localDate, type Clock } from '../../clock.js';
import { newTotpSecret, totpStep, totpUri } from './totp.js';
import { tenancyReads, tenancyWrites, type UserRow } from '../tenancy/reads.js';
import { accountPolicy, type CredentialState } from './policy.js';
import { revokeTokensOfUser } from './tokens.js';
import type { AccountT, SessionInfo } from './schemas.js';
import type { z } from 'zod';

export interface AuthOptions {
  /** A session unused this long ends. */
  sessionIdleMs: number;
  /** A session ends this long after sign-in, used or not. */
  sessionMaxMs: number;
  /** Seals the TOTP seeds; null when no TILSYN_ENCRYPTION_KEY is configured. */
  secretBox: SecretBox | null;
  clock: Clock;
}

/** Failed attempts allowed before the account locks; each further failure doubles the lock. */
export const LOCKOUT_THRESHOLD = 5;
const LOCK_BASE_MS = 60_000;
const LOCK_MAX_MS = 60 * 60_000;
/** Touch a session's last-seen time at most this often (a write per request would be waste). */
const TOUCH_EVERY_MS = 60_000;

export const lockDuration = (failures: number) => Math.min(LOCK_MAX_MS, LOCK_BASE_MS * 2 ** Math.max(0, failures - LOCKOUT_THRESHOLD));

/** The one answer to every failed sign-in, whatever the reason (unknown user, wrong password, locked, wrong code). */
export const invalidCredentials = () => new Problem(401, 'unauthenticated', detail('auth.invalidCredentials'));

const totpStateMessages = { 'totp.notPending': 'auth.totpNotPending', 'totp.off': 'auth.totpOff', 'totp.noPassword': 'auth.totpNoPassword' } as const;

/**
 * A second-factor command in the wrong state (none to turn on or off, none for an account without
 * a password): 409 naming it. The field error keeps the English `message` clients have always had.
 */
const totpWrongState = (code: keyof typeof totpStateMessages, message: string) =>
  new Problem(409, 'conflict', detail(totpStateMessages[code]), [{ field: 'totp', code, message }]);

export interface StartedSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  mfaPending: boolean;
}

/**
 * The language a signed-in user reads: the choice stored on their account wins (a browser's
 * Accept-Language on a download link must not override it), then the language the client asks
 * for (an integration's header), then the municipality's.
 */
export function buildActor(principal: Principal, roles: RoleGrant[], locale: Locale | null, via: Via, now: Date, scopes: Actor['scopes'] = null): Actor {
  return {
    userId: principal.userId,
    municipalityId: principal.municipalityId,
    locale: principal.userLanguage ?? locale ?? principal.language,
    language: principal.language,
    vocabulary: principal.vocabulary,
    timeZone: principal.timeZone,
    today: localDate(now, principal.timeZone),
    roles,
    via,
    scopes,
  };
}

const totpContext = (mid: string, userId: string) => `totp:${mid}:${userId}`;

export function createAuthService(db: Database, opts: AuthOptions) {
  prepareDummyHash();
  /**
   * The user's TOTP seed, or null when it cannot be read (sealed under another key, or no key):
   * the code then simply does not match. Seeds from before sealing are plain base32.
   */
  function openTotpSecret(mid: string, userId: string, stored: string): string | null {
    if (!isSealed(stored)) return stored;
    if (!opts.secretBox) return null;
    try {
      return opts.secretBox.open(stored, totpContext(mid, userId));
    } catch {
      return null;
    }
  }

  async function actorOfUser(mid: string, userId: string, locale: Locale | null, via: Via, scopes: Actor['scopes'] = null): Promise<Actor | null> {
    const principal = await repo.principal(db, mid, userId);
    if (!principal?.active) return null;
    return buildActor(principal, await repo.rolesOf(db, mid, userId), locale, via, opts.clock.now(), scopes);
  }

  /** Creates a session and records the sign-in in the audit trail (fully signed-in sessions only). */
  async function startSession(mid: string, userId: string, method: SessionRow['method'], mfaPending = false): Promise<StartedSession> {
    const token = randomToken();
    const csrfToken = randomToken();
    const now = opts.clock.now();
    const expiresAt = new Date(now.getTime() + opts.sessionMaxMs);
    await runCommand(db, { municipalityId: mid, userId, via: 'session' }, async (tx, changes) => {
      // Last seen now by our clock, not the database's: the idle limit is measured against it
      await repo.insertSession(tx, { idHash: sha256(token), municipalityId: mid, userId, method, mfaPending, csrfToken, expiresAt, lastSeenAt: now });
      if (!mfaPending) {
        await repo.upsertCredentials(tx, mid, userId, { failedLogins: 0, lockedUntil: null, lastLoginAt: now });
        await changes.record({ resource: 'user', resourceId: userId, action: 'signIn', after: { method } });
      }
    });
    return { token, csrfToken, expiresAt, mfaPending };
  }

  /** Counts a failure and locks the account with back-off once the threshold is passed. */
  async function fail(mid: string, userId: string): Promise<never> {
    const failures = await repo.countFailure(db, mid, userId);
    if (failures >= LOCKOUT_THRESHOLD)
      await repo.upsertCredentials(db, mid, userId, { lockedUntil: new Date(opts.clock.now().getTime() + lockDuration(failures)) });
    throw invalidCredentials();
  }

  function credentialState(cred: Awaited<ReturnType<typeof repo.credentials>>): CredentialState {
    return {
      hasPassword: Boolean(cred?.passwordHash),
      totp: !cred?.totpSecret ? 'off' : cred.totpEnabledAt ? 'on' : 'pending',
      canSeal: opts.secretBox !== null,
    };
  }

  async function accountOf(ex: Executor, actor: Actor, user: UserRow, method: SessionRow['method'] | null): Promise<AccountT> {
    const m = await tenancyReads.municipality(ex, actor.municipalityId);
    const state = credentialState(await repo.credentials(ex, actor.municipalityId, user.id));
    return {
      id: user.id,
      name: user.name,
      email: user.email,
      version: user.version,
      language: user.language ?? null,
      municipalityLanguage: m!.language,
      hasPassword: state.hasPassword,
      passwordMinLength: MIN_PASSWORD_LENGTH,
      totp: state.totp,
      method,
      actions: accountPolicy.actions(actor, state),
    };
  }

  async function ownUser(ex: Database, actor: Actor): Promise<UserRow> {
    accountPolicy.update(actor);
    const user = await tenancyReads.user(ex, actor.municipalityId, actor.userId!);
    if (!user) throw notFound('user', actor.userId!);
    return user;
  }

  return {
    startSession,
    actorOfUser,

    /** The signed-in user's own account (language, credentials) with the commands they may take. */
    async account(actor: Actor, method: SessionRow['method'] | null): Promise<AccountT> {
      return accountOf(db, actor, await ownUser(db, actor), method);
    },

    /** Changes one's own settings (the language); If-Match on the user's version. */
    async updateAccount(
      actor: Actor,
      version: number,
      patch: { language?: Locale | null | undefined },
      method: SessionRow['method'] | null,
    ): Promise<AccountT> {
      const before = await ownUser(db, actor);
      const row = await runCommand(db, actor, async (tx, changes) => {
        const values = patch.language === undefined ? {} : { language: patch.language };
        const row = await tenancyWrites.updateUser(tx, actor.municipalityId, before.id, version, values);
        if (!row) throw versionConflict(await accountOf(tx, actor, before, method), before.version);
        await changes.record({
          resource: 'user',
          resourceId: row.id,
          action: 'updateAccount',
          before: { language: before.language },
          after: { language: row.language },
        });
        return row;
      });
      return accountOf(db, actor, row, method);
    },

    /** What GET /auth/session answers, minus the request's own session details. */
    async sessionUser(actor: Actor): Promise<Pick<z.infer<typeof SessionInfo>['user'], 'id' | 'name' | 'email' | 'language'>> {
      const user = await ownUser(db, actor);
      return { id: user.id, name: user.name, email: user.email, language: user.language ?? null };
    },

    /** The session behind a cookie, if it is alive; expired ones are deleted on sight. */
    async resolveSession(token: string, locale: Locale | null): Promise<{ session: SessionRow; actor: Actor } | null> {
      const idHash = sha256(token);
      const session = await repo.session(db, idHash);
      if (!session) return null;
      const now = opts.clock.now().getTime();
      if (session.expiresAt.getTime() <= now || session.lastSeenAt.getTime() + opts.sessionIdleMs <= now) {
        await repo.deleteSession(db, idHash);
        return null;
      }
      const actor = await actorOfUser(session.municipalityId, session.userId, locale, 'session');
      if (!actor) return null;
      if (now - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) await repo.touchSession(db, idHash, new Date(now));
      return { session, actor };
    },

    async resolveToken(bearer: string, locale: Locale | null): Promise<Actor | null> {
      const hash = sha256(bearer);
      const token = await repo.tokenByHash(db, hash);
      const now = opts.clock.now();
      if (!token || token.revokedAt || token.expiresAt <= now) return null;
      const actor = await actorOfUser(token.municipalityId, token.userId, locale, 'token', token.scopes as ('read' | 'write')[]);
      if (!actor) return null;
      if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > TOUCH_EVERY_MS) await repo.touchToken(db, hash, now);
      return actor;
    },

    async login(input: { email: string; password: string; municipality?: string | undefined }): Promise<StartedSession> {
      const matches = await repo.usersByEmail(db, input.email, input.municipality ?? null);
      const user = matches.length === 1 ? matches[0]! : null;
      const cred = user ? await repo.credentials(db, user.municipalityId, user.userId) : undefined;
      // Every failure costs one password hash, so the time of the answer does not tell an unknown
      // account from a locked one or a wrong password. A locked account's own hash is not tried
      // (the dummy is), so guessing during the lock gains nothing.
      const locked = Boolean(cred?.lockedUntil && cred.lockedUntil.getTime() > opts.clock.now().getTime());
      if (!user || !cred?.passwordHash || locked) {
        await verifyPassword(null, input.password);
        throw invalidCredentials();
      }
      if (!(await verifyPassword(cred.passwordHash, input.password))) return fail(user.municipalityId, user.userId);
      return startSession(user.municipalityId, user.userId, 'password', cred.totpEnabledAt !== null);
    },

    /** The second step: a pending session plus a valid, unused code becomes a new, full session. */
    async completeTotp(pending: SessionRow, code: string): Promise<StartedSession> {
      const mid = pending.municipalityId;
      const cred = await repo.credentials(db, mid, pending.userId);
      if (!cred?.totpSecret || !cred.totpEnabledAt) throw invalidCredentials();
      const now = opts.clock.now();
      if (cred.lockedUntil && cred.lockedUntil.getTime() > now.getTime()) throw invalidCredentials();
      const secret = openTotpSecret(mid, pending.userId, cred.totpSecret);
      const step = secret === null ? null : totpStep(secret, code, now.getTime());
      if (step === null || (cred.totpLastStep !== null && step <= cred.totpLastStep)) return fail(mid, pending.userId);
      // A seed stored before secrets were sealed is sealed at its first use.
      const reseal = opts.secretBox && !isSealed(cred.totpSecret) ? { totpSecret: opts.secretBox.seal(cred.totpSecret, totpContext(mid, pending.userId)) } : {};
      await repo.upsertCredentials(db, mid, pending.userId, { totpLastStep: step, ...reseal });
      await repo.deleteSession(db, pending.idHash);
      return startSession(mid, pending.userId, pending.method, false);
    },

    /** Ends one session; a fully signed-in session's end is recorded like its start. */
    async logout(token: string): Promise<void> {
      const idHash = sha256(token);
      const session = await repo.session(db, idHash);
      if (!session) return;
      await runCommand(db, { municipalityId: session.municipalityId, userId: session.userId, via: 'session' }, async (tx, changes) => {
        await repo.deleteSession(tx, idHash);
        if (!session.mfaPending) await changes.record({ resource: 'user', resourceId: session.userId, action: 'signOut', after: { method: session.method } });
      });
    },

    /** Ends every session of the user and revokes the user's API tokens: "everywhere" includes the integrations. */
    async logoutEverywhere(actor: Actor): Promise<number> {
      const userId = actor.userId!;
      return runCommand(db, actor, async (tx, changes) => {
        const n = await repo.deleteSessionsOf(tx, actor.municipalityId, userId);
        await changes.record({ resource: 'user', resourceId: userId, action: 'signOutEverywhere', after: { sessions: n } });
        await revokeTokensOfUser(tx, changes, actor.municipalityId, userId, 'signOutEverywhere');
        return n;
      });
    },

    async changePassword(actor: Actor, current: string, next: string, keepSessionToken: string | null): Promise<void> {
      const userId = actor.userId!;
      const cred = await repo.credentials(db, actor.municipalityId, userId);
      if (!(await verifyPassword(cred?.passwordHash, current))) throw invalidCredentials();
      await setPasswordOf(actor, userId, next, keepSessionToken ? sha256(keepSessionToken) : null, 'passwordChanged', 'body.newPassword');
    },

    /** An administrator sets or resets another user's password; the user's sessions end and the user's tokens are revoked. */
    async setPassword(actor: Actor, userId: string, password: string): Promise<void> {
      await setPasswordOf(actor, userId, password, null, 'passwordReset');
    },

    async totpSetup(actor: Actor, label: string, password?: string): Promise<{ secret: string; uri: string }> {
      const cred = await repo.credentials(db, actor.municipalityId, actor.userId!);
      // A second factor guards a password sign-in; with single sign-on the identity provider does it (accountPolicy)
      if (!cred?.passwordHash)
        throw totpWrongState('totp.noPassword', 'The account signs in without a password; its identity provider asks for the second factor');
      if (cred.totpEnabledAt) {
        // Replacing a factor that is on turns it off until confirmed: as strong a step as disabling it.
        if (password === undefined) throw invalidField('body.password', 'password.required', 'auth.passwordRequiredForTotp');
        if (!(await verifyPassword(cred.passwordHash, password))) throw invalidCredentials();
      }
      if (!opts.secretBox) throw new Problem(503, 'notConfigured', detail('auth.totpNeedsKey'));
      const secret = newTotpSecret();
      const sealed = opts.secretBox.seal(secret, totpContext(actor.municipalityId, actor.userId!));
      await runCommand(db, actor, async (tx, changes) => {
        await repo.upsertCredentials(tx, actor.municipalityId, actor.userId!, { totpSecret: sealed, totpEnabledAt: null, totpLastStep: null });
        await changes.record({ resource: 'user', resourceId: actor.userId!, action: 'setUpTotp', after: { totpEnabled: false } });
      });
      return { secret, uri: totpUri(secret, label) };
    },

    async totpEnable(actor: Actor, code: string): Promise<void> {
      const userId = actor.userId!;
      const cred = await repo.credentials(db, actor.municipalityId, userId);
      // Only a factor set up and not yet confirmed is turned on (accountPolicy's `enableTotp`)
      if (credentialState(cred).totp !== 'pending')
        throw totpWrongState('totp.notPending', 'Set up a second factor first; it is turned on with a code from its app');
      const secret = cred?.totpSecret ? openTotpSecret(actor.municipalityId, userId, cred.totpSecret) : null;
      const now = opts.clock.now();
      const step = secret === null ? null : totpStep(secret, code, now.getTime());
      if (step === null)
        throw new Problem(422, 'validation', null, [{ field: 'body.code', code: 'totp.invalid', message: 'The code does not match the secret' }]);
      await runCommand(db, actor, async (tx, changes) => {
        await repo.upsertCredentials(tx, actor.municipalityId, userId, { totpEnabledAt: now, totpLastStep: step });
        await changes.record({ resource: 'user', resourceId: userId, action: 'enableTotp', after: { totpEnabled: true } });
      });
    },

    /**
     * One's own second factor off, with the password: only when there is one (set up or on), so a
     * refused request is not recorded as if it had turned something off (accountPolicy's `disableTotp`).
     */
    async disableOwnTotp(actor: Actor, password: string): Promise<void> {
      const userId = actor.userId!;
      const cred = await repo.credentials(db, actor.municipalityId, userId);
      if (credentialState(cred).totp === 'off') throw totpWrongState('totp.off', 'The account has no second factor to turn off');
      if (!(await verifyPassword(cred?.passwordHash, password))) throw invalidCredentials();
      await this.totpDisable(actor, userId);
    },

    /** Turns the second factor off: the user with the password, or an administrator for a user who lost the device. */
    async totpDisable(actor: Actor, userId: string): Promise<void> {
      await runCommand(db, actor, async (tx, changes) => {
        await repo.upsertCredentials(tx, actor.municipalityId, userId, { totpSecret: null, totpEnabledAt: null, totpLastStep: null });
        await changes.record({ resource: 'user', resourceId: userId, action: 'disableTotp', after: { totpEnabled: false } });
      });
    },

    async verifyOwnPassword(actor: Actor, password: string): Promise<boolean> {
      const cred = await repo.credentials(db, actor.municipalityId, actor.userId!);
      return verifyPassword(cred?.passwordHash, password);
    },

    async credentialsOf(mid: string, userId: string) {
      return repo.credentials(db, mid, userId);
    },

    async purgeExpired(now = opts.clock.now()): Promise<void> {
      await repo.deleteExpiredSessions(db, now);
    },
  };

  /** A new password ends the user's other sessions and revokes the user's API tokens in the same command. */
  async function setPasswordOf(
    actor: Actor,
    userId: string,
    password: string,
    keepSession: string | null,
    reason: 'passwordChanged' | 'passwordReset',
    field = 'body.password',
  ): Promise<void> {
    if (password.length < MIN_PASSWORD_LENGTH) throw invalidField(field, 'password.tooShort', 'auth.passwordTooShort');
    const passwordHash = await hashPassword(password);
    await runCommand(db, actor, async (tx, changes) => {
      await repo.upsertCredentials(tx, actor.municipalityId, userId, { passwordHash, passwordChangedAt: opts.clock.now(), failedLogins: 0, lockedUntil: null });
      await repo.deleteSessionsOf(tx, actor.municipalityId, userId, keepSession);
      await changes.record({ resource: 'user', resourceId: userId, action: 'setPassword', after: { passwordChanged: true } });
      await revokeTokensOfUser(tx, changes, actor.municipalityId, userId, reason);
    });
  }
}

export type AuthService = ReturnType<typeof createAuthService>;
