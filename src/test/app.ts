import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/app.js';
import type { Actor } from '../server/context.js';
import type { Engine } from '../server/db/engine.js';
import { committees, departments, municipalities, users } from '../server/db/schema/index.js';
import { openTestEngine } from './db.js';

export interface TestContext {
  engine: Engine;
  app: FastifyInstance;
  close(): Promise<void>;
}

export async function createTestContext(opts: { maxEvidenceBytes?: number } = {}): Promise<TestContext> {
  const engine = await openTestEngine();
  const app = await buildApp({ engine, config: { maxEvidenceBytes: opts.maxEvidenceBytes ?? 256 * 1024, logLevel: 'silent' } });
  return {
    engine,
    app,
    async close() {
      await app.close();
      await engine.close();
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

/** A municipality with departments (each under its own committee) and one user, inserted directly. */
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
    const [c] = await db.insert(committees).values({ municipalityId: mid, code: `U-${code}`, name: `Udvalg for ${code}` }).returning();
    const [d] = await db.insert(departments).values({ municipalityId: mid, code, name: `Forvaltning ${code}`, committeeId: c!.id }).returning();
    coms[`U-${code}`] = c!.id;
    deps[code] = d!.id;
  }
  const [u] = await db.insert(users).values({ municipalityId: mid, name: 'Test Bruger', email: `test@${opts.slug}.example` }).returning();
  return {
    id: mid,
    userId: u!.id,
    actor: { userId: u!.id, municipalityId: mid, locale: language, language, vocabulary },
    departments: deps,
    committees: coms,
  };
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
}

/** Thin HTTP client over app.inject, acting as one user. */
export function client(app: FastifyInstance, userId: string, extraHeaders: Record<string, string> = {}) {
  async function call<T = any>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const res = await app.inject({
      method,
      url,
      headers: { 'x-tilsyn-user': userId, ...extraHeaders, ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
    const text = res.body;
    let parsed: unknown = text;
    if (text && /json/.test(String(res.headers['content-type']))) parsed = JSON.parse(text);
    return { status: res.statusCode, body: parsed as T, headers: res.headers };
  }
  const ifMatch = (etag: string | number | undefined): Record<string, string> => (etag === undefined ? {} : { 'if-match': typeof etag === 'number' ? `"${etag}"` : etag });
  return {
    get: <T = any>(url: string, headers?: Record<string, string>) => call<T>('GET', url, undefined, headers),
    post: <T = any>(url: string, body?: unknown, headers?: Record<string, string>) => call<T>('POST', url, body ?? {}, headers),
    put: <T = any>(url: string, body: unknown, etag?: string | number) => call<T>('PUT', url, body, ifMatch(etag)),
    patch: <T = any>(url: string, body: unknown, etag?: string | number) => call<T>('PATCH', url, body, ifMatch(etag)),
    delete: <T = any>(url: string, etag?: string | number) => call<T>('DELETE', url, undefined, ifMatch(etag)),
  };
}
