import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrateEngine, migrationsFolder, queryRows, type Engine } from '../../server/db/engine.js';
import { databaseOptions, describeDatabase, withDatabase, type Command } from '../command.js';

interface JournalEntry {
  tag: string;
  when: number;
}

/** The tags of the migrations recorded in the database (drizzle keys them by the journal's `when`). */
async function appliedMigrations(engine: Engine, journal: JournalEntry[]): Promise<string[]> {
  const [table] = await queryRows<{ name: string | null }>(engine.db, sql`select to_regclass('drizzle.__drizzle_migrations')::text as name`);
  if (!table?.name) return [];
  const rows = await queryRows<{ createdAt: string }>(engine.db, sql`select created_at::text as "createdAt" from drizzle.__drizzle_migrations`);
  const applied = new Set(rows.map((r) => Number(r.createdAt)));
  return journal.filter((e) => applied.has(e.when)).map((e) => e.tag);
}

export const migrate: Command = {
  name: 'migrate',
  help: `Usage: tilsyn migrate

Applies the migrations the database lacks (the server does the same when it starts) and lists
the migrations applied. Uses DATABASE_URL, else the embedded database in TILSYN_DATA_DIR
(default ./data).`,
  options: {},
  positionals: { min: 0, max: 0 },
  async run() {
    const opts = databaseOptions();
    const journal = (JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: JournalEntry[] }).entries;
    return withDatabase(
      async (engine) => {
        const before = await appliedMigrations(engine, journal);
        await migrateEngine(engine);
        const after = await appliedMigrations(engine, journal);
        const added = after.filter((tag) => !before.includes(tag));
        const lines = [
          `Database: ${describeDatabase(opts)}`,
          added.length
            ? `Applied ${added.length === 1 ? '1 new migration' : `${added.length} new migrations`}: ${added.join(', ')}`
            : 'Already up to date: no new migrations.',
          `Schema: ${after.at(-1) ?? '(none)'} (${after.length} of ${journal.length} migrations applied)`,
          ...after.map((tag) => `  ${tag}`),
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
        return 0;
      },
      { ...opts, migrate: false },
    );
  },
};
