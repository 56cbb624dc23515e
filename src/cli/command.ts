import type { ParseArgsConfig } from 'node:util';
import { loadConfig } from '../server/config.js';
import { openEngine, type Engine, type OpenOptions } from '../server/db/engine.js';

export { UsageError } from './usage.js';

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface Command {
  name: string;
  /** The full `tilsyn <name> --help` text. */
  help: string;
  options: Options;
  /** How many positional arguments the command takes. */
  positionals: { min: number; max: number };
  /** Resolves to the exit code, or undefined for a command that keeps running (serve). */
  run(values: Values, positionals: string[]): Promise<number | undefined>;
}

/** Where the database is, as the server sees it: DATABASE_URL, else the PGlite data directory. */
export function databaseOptions(): OpenOptions {
  const config = loadConfig();
  return { databaseUrl: config.databaseUrl, dataDir: config.dataDir };
}

/** A description of the database for messages, without credentials. */
export function describeDatabase(opts: OpenOptions): string {
  if (opts.databaseUrl) {
    const url = new URL(opts.databaseUrl);
    return `PostgreSQL at ${url.host}${url.pathname}`;
  }
  return `embedded PGlite in ${opts.dataDir}`;
}

/** Opens (and migrates) the database for one command and closes it afterwards, also on failure. */
export async function withDatabase<T>(fn: (engine: Engine) => Promise<T>, opts: OpenOptions = databaseOptions()): Promise<T> {
  const engine = await openEngine(opts);
  try {
    return await fn(engine);
  } finally {
    await engine.close();
  }
}
