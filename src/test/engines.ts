/** Which engine the database tests run on, and where PostgreSQL is. Shared by setup and tests. */
export const testEngine: 'pglite' | 'postgres' = process.env.TILSYN_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';
export const adminUrl = process.env.TILSYN_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
