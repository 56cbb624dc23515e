import { localDate, systemClock } from '../server/clock.js';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppConfig } from '../server/app.js';
import type { Actor } from '../server/context.js';
import type { Engine } from '../server/db/engine.js';
import { apiTokens, committees, departments, municipalities, userRoles, users } from '../server/db/schema/index.js';
import { randomToken, sha256 } from '../server/modules/auth/secrets.js';
import type { Role } from '../server/db/schema/values.js';
import { openTestEngine } from './db.js';

export interface TestContext {
  engine: Engine;
  app: FastifyInstance;
  close(): Promise<void>;
}

export async function createTestContext(opts: { maxEvidenceBytes?: number; config?: Partial<AppConfig> } = {}): Promise<TestContext> {
  const engine = await openTestEngine();
  // A key per test app, as a configured server has: TOTP seeds and CPR numbers are sealed with it.
  // A data directory per app for the matching engine's files.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilsyn-test-'));
  const app = await buildApp({
    engine,
    // Without the job queue's workers unless a test asks: a test calls the periodic checks itself with
    // its clock, and background delivery would race what it asserts. Matching runs then execute in
    // this process, as the CLI's do; the queue's own tests (matching, jobs) turn it on.
    config: { maxEvidenceBytes: opts.maxEvidenceBytes ?? 256 * 1024, logLevel: 'silent', encryptionKey: randomBytes(32), dataDir, jobs: false, ...opts.config },
  });
  registerTestApp(app, engine);
  return {
    engine,
    app,
    async close() {
      await app.close();
      await engine.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface SeededMunicipality {
  id: string;
  userId: string;
  actor: Actor;
  departments: Record<string, string>;
  committees: Record<string, string>;
}

/** A municipality with departments (each under its own committee) and one user (administrator and auditor), inserted directly. */
export async function seedMunicipality(
  engine: Engine,
  opts: { slug: string; language?: 'da' | 'sv' | 'en'; vocabulary?: 'DK' | 'SE'; departments?: string[] },
): Promise<SeededMunicipality> {
  const db = engine.db;
  const language = opts.language ?? 'da';
  const vocabulary = opts.vocabulary ?? (language === 'sv' ? 'SE' : 'DK');
  const [m] = await db
    .insert(municipalities)
    .values({ slug: opts.slug, name: `${opts.slug} kommune`, language, vocabulary, currency: vocabulary === 'SE' ? 'SEK' : 'DKK' })
    .returning();
  const mid = m!.id;
  const deps: Record<string, string> = {};
  const coms: Record<string, string> = {};
  for (const code of opts.departments ?? ['ØKF', 'BUF']) {
    const [c] = await db
      .insert(committees)
      .values({ municipalityId: mid, code: `U-${code}`, name: `Udvalg for ${code}` })
      .returning();
    const [d] = await db
      .insert(departments)
      .values({ municipalityId: mid, code, name: `Forvaltning ${code}`, committeeId: c!.id })
      .returning();
    coms[`U-${code}`] = c!.id;
    deps[code] = d!.id;
  }
  const [u] = await db
    .insert(users)
    .values({ municipalityId: mid, name: 'Test Bruger', email: `test@${opts.slug}.example` })
    .returning();
  // Administrator and auditor, so that domain tests can run every step of the loop as one user;
  // the RBAC matrix (rbac.test.ts) tests the roles one by one.
  await db.insert(userRoles).values([
    { municipalityId: mid, userId: u!.id, role: 'admin' },
    { municipalityId: mid, userId: u!.id, role: 'auditor' },
  ]);
  return {
    id: mid,
    userId: u!.id,
    actor: {
      userId: u!.id,
      municipalityId: mid,
      locale: language,
      language,
      vocabulary,
      timeZone: m!.timeZone,
      today: localDate(systemClock.now(), m!.timeZone),
      roles: [
        { role: 'admin', departmentId: null },
        { role: 'auditor', departmentId: null },
      ],
      via: 'session',
      scopes: null,
    },
    departments: deps,
    committees: coms,
  };
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
}

/** A user with roles, inserted directly (test set-up, not an audited command). */
export async function seedUser(
  engine: Engine,
  mid: string,
  opts: { name?: string; email: string; roles: { role: Role; departmentId?: string | null }[] },
): Promise<string> {
  const [u] = await engine.db
    .insert(users)
    .values({ municipalityId: mid, name: opts.name ?? opts.email, email: opts.email })
    .returning();
  if (opts.roles.length)
    await engine.db
      .insert(userRoles)
      .values(opts.roles.map((r) => ({ municipalityId: mid, userId: u!.id, role: r.role, departmentId: r.departmentId ?? null })));
  return u!.id;
}

/**
 * An API token (read and write) for the user, inserted directly, so that test set-up leaves no
 * entries in the audit trail. Cached per app and user; a new one once the cached one is revoked
 * (a password change, sign-out everywhere or a lost role revokes the user's tokens).
 */
const tokenCache = new WeakMap<FastifyInstance, Map<string, Promise<string>>>();
export async function bearerFor(app: FastifyInstance, userId: string): Promise<string> {
  const db = testDb.get(app);
  if (!db) throw new Error('bearerFor: app was not built by createTestContext or registerTestApp');
  let perApp = tokenCache.get(app);
  if (!perApp) tokenCache.set(app, (perApp = new Map()));
  const cached = perApp.get(userId);
  if (cached) {
    const value = await cached;
    const [row] = await db
      .select({ revokedAt: apiTokens.revokedAt })
      .from(apiTokens)
      .where(eq(apiTokens.tokenHash, sha256(value)));
    if (!row || !row.revokedAt) return value;
  }
  const token = issueTestToken(db, userId);
  perApp.set(userId, token);
  return token;
}

/** Inserts a read/write API token for the user directly (no audit entry) and returns it. */
export async function issueTestToken(db: Engine['db'], userId: string, scopes: ('read' | 'write')[] = ['read', 'write']): Promise<string> {
  const [u] = await db.select({ mid: users.municipalityId }).from(users).where(eq(users.id, userId));
  if (!u) throw new Error(`issueTestToken: no user ${userId}`);
  const value = randomToken('tls_');
  await db.insert(apiTokens).values({
    municipalityId: u.mid,
    userId,
    name: 'test',
    tokenHash: sha256(value),
    prefix: value.slice(0, 10),
    scopes,
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  return value;
}

/** Headers that authenticate as the user (for tests that call app.inject themselves). */
export async function authHeaders(app: FastifyInstance, userId: string): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await bearerFor(app, userId)}` };
}

const testDb = new WeakMap<FastifyInstance, Engine['db']>();
/** Lets bearerFor find the database behind an app built outside createTestContext. */
export function registerTestApp(app: FastifyInstance, engine: Engine): void {
  testDb.set(app, engine.db);
}

/** Thin HTTP client over app.inject, acting as one user (through an API token). */
export function client(app: FastifyInstance, userId: string, extraHeaders: Record<string, string> = {}) {
  async function call<T = any>(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const res = await app.inject({
      method,
      url,
      headers: { ...(await authHeaders(app, userId)), ...extraHeaders, ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
    const text = res.body;
    let parsed: unknown = text;
    if (text && /json/.test(String(res.headers['content-type']))) parsed = JSON.parse(text);
    return { status: res.statusCode, body: parsed as T, headers: res.headers };
  }
  const ifMatch = (etag: string | number | undefined): Record<string, string> =>
    etag === undefined ? {} : { 'if-match': typeof etag === 'number' ? `"${etag}"` : etag };
  return {
    get: <T = any>(url: string, headers?: Record<string, string>) => call<T>('GET', url, undefined, headers),
    post: <T = any>(url: string, body?: unknown, headers?: Record<string, string>) => call<T>('POST', url, body ?? {}, headers),
    put: <T = any>(url: string, body: unknown, etag?: string | number) => call<T>('PUT', url, body, ifMatch(etag)),
    patch: <T = any>(url: string, body: unknown, etag?: string | number) => call<T>('PATCH', url, body, ifMatch(etag)),
    delete: <T = any>(url: string, etag?: string | number) => call<T>('DELETE', url, undefined, ifMatch(etag)),
  };
}
