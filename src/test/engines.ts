/** Which engine the database tests run on, and where PostgreSQL is. Shared by setup and tests. */
export const testEngine: 'pglite' | 'postgres' = process.env.TILSYN_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';
export const adminUrl = process.env.TILSYN_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Said of every test database right after it is created: its commits do not wait for the disk
 * (synchronous_commit off). The databases are thrown away after the run, a commit is still atomic
 * and at once visible to every other connection, and the crash tests kill Tilsyn, not PostgreSQL; a
 * flush costs 3–4 ms a commit here. Set on the database, not in the URL, whose `options` would
 * replace the engine's own (time zone, date style).
 */
export const withoutFlushWait = (name: string) => `alter database ${name} set synchronous_commit = off`;
