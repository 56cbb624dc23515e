import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/engine.js';
import { apiTokens, municipalities, sessions, userCredentials, userRoles, users } from '../../db/schema/index.js';
import type { RoleGrant } from '../../context.js';

/** The user behind a credential, with what an Actor needs. */
export interface Principal {
  userId: string;
  municipalityId: string;
  active: boolean;
  language: 'da' | 'sv' | 'en';
  /** The user's own choice of language, if made. */
  userLanguage: 'da' | 'sv' | 'en' | null;
  vocabulary: 'DK' | 'SE';
  timeZone: string;
}

const principalColumns = {
  userId: users.id,
  municipalityId: users.municipalityId,
  active: users.active,
  language: municipalities.language,
  userLanguage: users.language,
  vocabulary: municipalities.vocabulary,
  timeZone: municipalities.timeZone,
};

export type SessionRow = typeof sessions.$inferSelect;
export type TokenRow = typeof apiTokens.$inferSelect;
export type CredentialRow = typeof userCredentials.$inferSelect;

/** SQL only. Lookups by credential hash are global (the hash identifies the tenant); the rest take the municipality first. */
export const authRepository = {
  async principal(db: Executor, mid: string, userId: string): Promise<Principal | undefined> {
    const [row] = await db
      .select(principalColumns)
      .from(users)
      .innerJoin(municipalities, eq(municipalities.id, users.municipalityId))
      .where(and(eq(users.municipalityId, mid), eq(users.id, userId)));
    return row;
  },

  async rolesOf(db: Executor, mid: string, userId: string): Promise<RoleGrant[]> {
    return db
      .select({ role: userRoles.role, departmentId: userRoles.departmentId })
      .from(userRoles)
      .where(and(eq(userRoles.municipalityId, mid), eq(userRoles.userId, userId)))
      .orderBy(userRoles.role, userRoles.departmentId);
  },

  /** Active users with this e-mail address (in one municipality, or in any when slug is null). */
  async usersByEmail(db: Executor, email: string, slug: string | null) {
    const where = [sql`lower(${users.email}) = lower(${email})`, eq(users.active, true)];
    if (slug) where.push(eq(municipalities.slug, slug));
    return db
      .select({ userId: users.id, municipalityId: users.municipalityId })
      .from(users)
      .innerJoin(municipalities, eq(municipalities.id, users.municipalityId))
      .where(and(...where));
  },

  async credentials(db: Executor, mid: string, userId: string): Promise<CredentialRow | undefined> {
    const [row] = await db
      .select()
      .from(userCredentials)
      .where(and(eq(userCredentials.municipalityId, mid), eq(userCredentials.userId, userId)));
    return row;
  },

  async upsertCredentials(db: Executor, mid: string, userId: string, values: Partial<Omit<CredentialRow, 'municipalityId' | 'userId'>>): Promise<void> {
    await db
      .insert(userCredentials)
      .values({ municipalityId: mid, userId, ...values })
      .onConflictDoUpdate({ target: [userCredentials.municipalityId, userCredentials.userId], set: values });
  },

  /** Counts a failed attempt and returns the new count (atomically, so parallel guesses all count). */
  async countFailure(db: Executor, mid: string, userId: string): Promise<number> {
    const [row] = await db
      .insert(userCredentials)
      .values({ municipalityId: mid, userId, failedLogins: 1 })
      .onConflictDoUpdate({ target: [userCredentials.municipalityId, userCredentials.userId], set: { failedLogins: sql`${userCredentials.failedLogins} + 1` } })
      .returning({ n: userCredentials.failedLogins });
    return row!.n;
  },

  async insertSession(db: Executor, values: typeof sessions.$inferInsert): Promise<void> {
    await db.insert(sessions).values(values);
  },

  async session(db: Executor, idHash: string): Promise<SessionRow | undefined> {
    const [row] = await db.select().from(sessions).where(eq(sessions.idHash, idHash));
    return row;
  },

  async touchSession(db: Executor, idHash: string, at: Date): Promise<void> {
    await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.idHash, idHash));
  },

  async deleteSession(db: Executor, idHash: string): Promise<void> {
    await db.delete(sessions).where(eq(sessions.idHash, idHash));
  },

  async deleteSessionsOf(db: Executor, mid: string, userId: string, except: string | null = null): Promise<number> {
    const where = [eq(sessions.municipalityId, mid), eq(sessions.userId, userId)];
    if (except) where.push(sql`${sessions.idHash} <> ${except}`);
    const rows = await db
      .delete(sessions)
      .where(and(...where))
      .returning({ id: sessions.idHash });
    return rows.length;
  },

  async deleteExpiredSessions(db: Executor, now: Date): Promise<void> {
    await db.delete(sessions).where(lt(sessions.expiresAt, now));
  },

  async insertToken(db: Executor, values: typeof apiTokens.$inferInsert): Promise<TokenRow> {
    const [row] = await db.insert(apiTokens).values(values).returning();
    return row!;
  },

  async tokenByHash(db: Executor, tokenHash: string): Promise<TokenRow | undefined> {
    const [row] = await db.select().from(apiTokens).where(eq(apiTokens.tokenHash, tokenHash));
    return row;
  },

  async tokensOf(db: Executor, mid: string, userId: string | null): Promise<TokenRow[]> {
    const where = [eq(apiTokens.municipalityId, mid)];
    if (userId) where.push(eq(apiTokens.userId, userId));
    return db
      .select()
      .from(apiTokens)
      .where(and(...where))
      .orderBy(apiTokens.createdAt);
  },

  async token(db: Executor, mid: string, id: string): Promise<TokenRow | undefined> {
    const [row] = await db
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.municipalityId, mid), eq(apiTokens.id, id)));
    return row;
  },

  async revokeToken(db: Executor, mid: string, id: string, at: Date): Promise<TokenRow | undefined> {
    const [row] = await db
      .update(apiTokens)
      .set({ revokedAt: at })
      .where(and(eq(apiTokens.municipalityId, mid), eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
      .returning();
    return row;
  },

  /** Revokes the user's live tokens (not revoked, not expired) and returns them as revoked. */
  async revokeTokensOf(db: Executor, mid: string, userId: string, at: Date): Promise<TokenRow[]> {
    return db
      .update(apiTokens)
      .set({ revokedAt: at })
      .where(and(eq(apiTokens.municipalityId, mid), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, at)))
      .returning();
  },

  async touchToken(db: Executor, tokenHash: string, at: Date): Promise<void> {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: at })
      .where(and(eq(apiTokens.tokenHash, tokenHash), gt(apiTokens.expiresAt, at)));
  },
};
