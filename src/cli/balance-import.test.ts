import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine, queryRows } from '../server/db/engine.js';
import { seedMunicipality } from '../test/app.js';
import { ensureBuilt, runCli } from './test-cli.js';

/** `tilsyn balance-import`, run as built on its own embedded database. */
let tmp: string;

async function chartRows(dir: string) {
  const engine = await openEngine({ dataDir: dir });
  try {
    return await queryRows<{ code: string; level: string; entries: number }>(
      engine.db,
      sql`select code, level, (select count(*)::int from audit_entries where via = 'cli') as entries from im_functions order by code`,
    );
  } finally {
    await engine.close();
  }
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tilsyn-cli-balance-'));
  ensureBuilt();
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('tilsyn balance-import', () => {
  it('dry-runs by default, applies with --apply, and refuses a file with errors by cell', async () => {
    const dir = path.join(tmp, 'db');
    const engine = await openEngine({ dataDir: dir });
    await seedMunicipality(engine, { slug: 'balance-cli' });
    await engine.close();
    const good = path.join(tmp, 'kontoplan.csv');
    fs.writeFileSync(
      good,
      'Kode;Navn;Balanceside\r\n9;Balance;aktiv\r\n9.28;Kortfristede tilgodehavender i øvrigt;aktiv\r\n9.28.14;Tilgodehavender i betalingskontrol;aktiv\r\n',
    );

    const dry = await runCli(['balance-import', 'imFunctions', good], dir);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('Dry run of kontoplan.csv for balance-cli');
    expect(dry.stdout).toContain('row 4: create 9.28.14');
    expect(await chartRows(dir)).toEqual([]);

    const applied = await runCli(['balance-import', 'imFunctions', good, '--apply'], dir);
    expect(applied.code, applied.stderr).toBe(0);
    expect((await chartRows(dir)).map((r) => [r.code, r.level, r.entries])).toEqual([
      ['9', 'mainAccount', 1],
      ['9.28', 'group', 1],
      ['9.28.14', 'function', 1],
    ]);

    const bad = path.join(tmp, 'fejl.csv');
    fs.writeFileSync(bad, 'Kode;Navn;Balanceside\r\n9.52.59;Mellemregningskonto;passiv\r\n');
    const refused = await runCli(['balance-import', 'imFunctions', bad, '--apply'], dir);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('fejl.csv has errors; nothing was imported into balance-cli');
    expect(refused.stdout).toMatch(/A2 \(Kode\): 9\.52\.59 mangler sin overordnede 9\.52/);
    expect((await chartRows(dir)).length).toBe(3);

    const usage = await runCli(['balance-import', 'everything', good], dir);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/kind must be one of/);
  }, 300_000);
});
