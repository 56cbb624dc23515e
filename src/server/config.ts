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
  };
}
