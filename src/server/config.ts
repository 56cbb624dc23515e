import path from 'node:path';

/** Settings come only from the environment (secrets included); nothing is read from files. */
export interface Config {
  port: number;
  host: string;
  /** PostgreSQL connection string; when unset the embedded PGlite store is used. */
  databaseUrl: string | null;
  dataDir: string;
  /** Load the demo municipalities into an empty database at start. */
  demo: boolean;
  logLevel: string;
  /** Largest evidence file accepted, in bytes. */
  maxEvidenceBytes: number;
  /** A session unused this long ends (TILSYN_SESSION_IDLE_MINUTES, default 30). */
  sessionIdleMinutes: number;
  /** A session ends this long after sign-in (TILSYN_SESSION_MAX_HOURS, default 12). */
  sessionMaxHours: number;
  /** Session cookie's Secure flag: `auto` sets it when the request came over https (TILSYN_SECURE_COOKIES). */
  secureCookies: boolean | 'auto';
  /** Trust X-Forwarded-* from a reverse proxy that terminates TLS (TILSYN_TRUST_PROXY=1). */
  trustProxy: boolean;
  /** Sign-in attempts per client address per minute (TILSYN_LOGIN_RATE_LIMIT, default 10). */
  loginRateLimit: number;
  /** First administrator, created at start on a database without users (TILSYN_ADMIN_EMAIL / TILSYN_ADMIN_PASSWORD). */
  bootstrapAdmin: { email: string; password: string; municipality: string | null } | null;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!(value > 0) || !Number.isFinite(value)) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const maxEvidenceMb = Number(env.TILSYN_MAX_EVIDENCE_MB ?? 10);
  if (!(maxEvidenceMb > 0)) throw new Error(`TILSYN_MAX_EVIDENCE_MB must be a positive number, got "${env.TILSYN_MAX_EVIDENCE_MB}"`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL?.trim() || null,
    dataDir: path.resolve(env.TILSYN_DATA_DIR ?? 'data'),
    demo: env.TILSYN_DEMO !== '0',
    logLevel: env.LOG_LEVEL ?? 'info',
    maxEvidenceBytes: Math.round(maxEvidenceMb * 1024 * 1024),
    sessionIdleMinutes: positive(env, 'TILSYN_SESSION_IDLE_MINUTES', 30),
    sessionMaxHours: positive(env, 'TILSYN_SESSION_MAX_HOURS', 12),
    secureCookies: env.TILSYN_SECURE_COOKIES === '1' || env.TILSYN_SECURE_COOKIES === 'true' ? true : env.TILSYN_SECURE_COOKIES === '0' || env.TILSYN_SECURE_COOKIES === 'false' ? false : 'auto',
    trustProxy: env.TILSYN_TRUST_PROXY === '1' || env.TILSYN_TRUST_PROXY === 'true',
    loginRateLimit: Math.floor(positive(env, 'TILSYN_LOGIN_RATE_LIMIT', 10)),
    bootstrapAdmin: bootstrapAdmin(env),
  };
}

function bootstrapAdmin(env: NodeJS.ProcessEnv): Config['bootstrapAdmin'] {
  const email = env.TILSYN_ADMIN_EMAIL?.trim();
  const password = env.TILSYN_ADMIN_PASSWORD;
  if (!email && !password) return null;
  if (!email || !password) throw new Error('Set both TILSYN_ADMIN_EMAIL and TILSYN_ADMIN_PASSWORD, or neither');
  return { email, password, municipality: env.TILSYN_ADMIN_MUNICIPALITY?.trim() || null };
}
