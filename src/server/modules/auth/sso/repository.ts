import { and, eq, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/engine.js';
import { departments, municipalities, samlReplayCache, ssoRequests, userIdentities, users } from '../../../db/schema/index.js';

export type SsoProvider = 'oidc' | 'saml';

export interface SsoUser {
  id: string;
  name: string;
  email: string;
  active: boolean;
}

const userColumns = { id: users.id, name: users.name, email: users.email, active: users.active };

/** SQL only: identities, pending sign-in round trips and the SAML replay cache. */
export const ssoRepository = {
  async municipalityId(db: Executor, slug: string): Promise<string | undefined> {
    const [row] = await db.select({ id: municipalities.id }).from(municipalities).where(eq(municipalities.slug, slug));
    return row?.id;
  },

  async departmentIdsByCode(db: Executor, mid: string): Promise<Map<string, string>> {
    const rows = await db.select({ id: departments.id, code: departments.code }).from(departments).where(eq(departments.municipalityId, mid));
    return new Map(rows.map((r) => [r.code, r.id]));
  },

  async userByIdentity(db: Executor, mid: string, provider: SsoProvider, issuer: string, subject: string): Promise<SsoUser | undefined> {
    const [row] = await db
      .select(userColumns)
      .from(userIdentities)
      .innerJoin(users, and(eq(users.municipalityId, userIdentities.municipalityId), eq(users.id, userIdentities.userId)))
      .where(
        and(
          eq(userIdentities.municipalityId, mid),
          eq(userIdentities.provider, provider),
          eq(userIdentities.issuer, issuer),
          eq(userIdentities.subject, subject),
        ),
      );
    return row;
  },

  /** Active or not: an inactive user found by e-mail must be refused, not shadowed by a new account. */
  async userByEmail(db: Executor, mid: string, email: string): Promise<SsoUser | undefined> {
    const [row] = await db
      .select(userColumns)
      .from(users)
      .where(and(eq(users.municipalityId, mid), sql`lower(${users.email}) = lower(${email})`));
    return row;
  },

  async insertUser(db: Executor, mid: string, values: { name: string; email: string }): Promise<SsoUser> {
    const [row] = await db.insert(users).values({ municipalityId: mid, name: values.name, email: values.email }).returning(userColumns);
    return row!;
  },

  async linkIdentity(db: Executor, mid: string, userId: string, provider: SsoProvider, issuer: string, subject: string): Promise<void> {
    await db.insert(userIdentities).values({ municipalityId: mid, userId, provider, issuer, subject });
  },

  async insertRequest(db: Executor, values: typeof ssoRequests.$inferInsert): Promise<void> {
    await db.insert(ssoRequests).values(values);
  },

  async getRequest(db: Executor, provider: SsoProvider, id: string, now: Date) {
    const [row] = await db
      .select()
      .from(ssoRequests)
      .where(and(eq(ssoRequests.id, id), eq(ssoRequests.provider, provider)));
    return row && row.expiresAt > now ? row : undefined;
  },

  /** Deletes and returns the request in one statement, so two callbacks cannot both use it. */
  async takeRequest(db: Executor, provider: SsoProvider, id: string, now: Date) {
    const [row] = await db
      .delete(ssoRequests)
      .where(and(eq(ssoRequests.id, id), eq(ssoRequests.provider, provider)))
      .returning();
    return row && row.expiresAt > now ? row : undefined;
  },

  async deleteRequest(db: Executor, provider: SsoProvider, id: string): Promise<void> {
    await db.delete(ssoRequests).where(and(eq(ssoRequests.id, id), eq(ssoRequests.provider, provider)));
  },

  /** Remembers a SAML assertion id; false when it was already there (a replay). */
  async rememberAssertion(db: Executor, assertionId: string, expiresAt: Date): Promise<boolean> {
    const rows = await db.insert(samlReplayCache).values({ assertionId, expiresAt }).onConflictDoNothing().returning({ id: samlReplayCache.assertionId });
    return rows.length === 1;
  },

  async purgeExpired(db: Executor, now: Date): Promise<void> {
    await db.delete(ssoRequests).where(lt(ssoRequests.expiresAt, now));
    await db.delete(samlReplayCache).where(lt(samlReplayCache.expiresAt, now));
  },
};
