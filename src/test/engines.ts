/** Which engine the database tests run on, and where PostgreSQL is. Shared by setup and tests. */
export const testEngine: 'pglite' | 'postgres' = process.env.TILSYN_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';
export const adminUrl = process.env.TILSYN_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A test database's URL. Its commits do not wait for the disk (synchronous_commit off): the
 * databases are thrown away after the run, a commit is still atomic and at once visible to every
 * other connection, and the crash tests kill Tilsyn, not PostgreSQL. A flush costs 3–4 ms a commit here.
 */
export function databaseUrl(name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  url.searchParams.set('options', '-c synchronous_commit=off');
  return url.toString();
}
