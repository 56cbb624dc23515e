import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, municipalityId } from './columns.js';
import { departments, municipalities, users } from './tenancy.js';
import { roles } from './values.js';

/**
 * A role a user holds, in one department or (department_id null) municipality-wide. A user can
 * hold roles in several departments. `source` tells whether single sign-on manages the grant
 * (replaced at every SSO login from the identity provider's claims) or an administrator does.
 */
export const userRoles = pgTable(
  'user_roles',
  {
    municipalityId: municipalityId().references(() => municipalities.id, { onDelete: 'cascade' }),
    id: id(),
    userId: uuid('user_id').notNull(),
    role: text('role', { enum: roles }).notNull(),
    departmentId: uuid('department_id'),
    source: text('source', { enum: ['local', 'sso'] })
      .notNull()
      .default('local'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    uniqueIndex('user_roles_grant_uq').on(t.municipalityId, t.userId, t.role, sql`coalesce(${t.departmentId}, '00000000-0000-0000-0000-000000000000'::uuid)`),
    foreignKey({ columns: [t.municipalityId, t.userId], foreignColumns: [users.municipalityId, users.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.municipalityId, t.departmentId], foreignColumns: [departments.municipalityId, departments.id] }).onDelete('cascade'),
  ],
);

/**
 * A local account's credentials, apart from the user register so that no listing of users can
 * ever carry a password hash. The password is argon2id; the TOTP secret is base32.
 */
export const userCredentials = pgTable(
  'user_credentials',
  {
    municipalityId: municipalityId(),
    userId: uuid('user_id').notNull(),
    passwordHash: text('password_hash'),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true, mode: 'date' }),
    totpSecret: text('totp_secret'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true, mode: 'date' }),
    /** The last TOTP time step accepted, so a code cannot be used twice. */
    totpLastStep: integer('totp_last_step'),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.userId] }),
    foreignKey({ columns: [t.municipalityId, t.userId], foreignColumns: [users.municipalityId, users.id] }).onDelete('cascade'),
  ],
);

/** A user's identity at an external identity provider (OIDC issuer or SAML entity id + subject). */
export const userIdentities = pgTable(
  'user_identities',
  {
    municipalityId: municipalityId(),
    userId: uuid('user_id').notNull(),
    provider: text('provider', { enum: ['oidc', 'saml'] }).notNull(),
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.provider, t.issuer, t.subject] }),
    foreignKey({ columns: [t.municipalityId, t.userId], foreignColumns: [users.municipalityId, users.id] }).onDelete('cascade'),
  ],
);

/**
 * A signed-in browser. The cookie holds a random token; only its SHA-256 is stored, so a copy of
 * the database cannot be replayed as a session. `mfaPending` sessions may only answer the TOTP step.
 */
export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    municipalityId: municipalityId(),
    userId: uuid('user_id').notNull(),
    method: text('method', { enum: ['password', 'oidc', 'saml'] }).notNull(),
    mfaPending: boolean('mfa_pending').notNull().default(false),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    index('sessions_user_idx').on(t.municipalityId, t.userId),
    foreignKey({ columns: [t.municipalityId, t.userId], foreignColumns: [users.municipalityId, users.id] }).onDelete('cascade'),
  ],
);

/** API tokens for integrations: hashed at rest, scoped, expiring, revocable. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    municipalityId: municipalityId(),
    id: id(),
    userId: uuid('user_id').notNull(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** The first characters of the token, to recognise it in a list. */
    prefix: text('prefix').notNull(),
    scopes: text('scopes').array().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    uniqueIndex('api_tokens_hash_uq').on(t.tokenHash),
    foreignKey({ columns: [t.municipalityId, t.userId], foreignColumns: [users.municipalityId, users.id] }).onDelete('cascade'),
  ],
);

/** SAML assertion ids already used, kept until they expire, so a response cannot be replayed. */
export const samlReplayCache = pgTable('saml_replay_cache', {
  assertionId: text('assertion_id').primaryKey(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/** Short-lived state of a single sign-on round trip (OIDC state/nonce/PKCE, SAML request id). */
export const ssoRequests = pgTable('sso_requests', {
  id: text('id').primaryKey(),
  municipalityId: municipalityId(),
  provider: text('provider', { enum: ['oidc', 'saml'] }).notNull(),
  /** Provider-specific data (code verifier, nonce, return path). */
  data: jsonb('data').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
});
