// A fresh PostgreSQL database for one bench measurement, dropped afterwards (the server from
// DATABASE_URL, or the local one): the URL to open, and how to drop it.
import pg from 'pg';

export const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin(sql) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    for (const statement of sql) await c.query(statement);
  } finally {
    await c.end();
  }
}

export async function freshDatabase(name) {
  await admin([`drop database if exists ${name}`, `create database ${name}`]);
  return { url: Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString(), drop: () => admin([`drop database if exists ${name} with (force)`]) };
}
