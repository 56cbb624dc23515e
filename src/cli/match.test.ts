import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine, queryRows } from '../server/db/engine.js';
import { matchingSystems } from '../server/db/schema/index.js';
import { seedMunicipality } from '../test/app.js';
import { ensureBuilt, runCli } from './test-cli.js';

/** `tilsyn match`, run as built on its own embedded database (the worker threads from dist/). */
let tmp: string;
let dir: string;

const source = { columns: { caseId: 'Sag', cpr: 'CPR', date: 'Dato', amount: 'Beløb' } };

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tilsyn-cli-match-'));
  dir = path.join(tmp, 'db');
  ensureBuilt();
  const engine = await openEngine({ dataDir: dir });
  const m = await seedMunicipality(engine, { slug: 'match-cli', departments: ['ØKF', 'BIF'] });
  await engine.db.insert(matchingSystems).values({
    municipalityId: m.id,
    code: 'KY',
    name: 'KY',
    target: 'ledger',
    departmentId: m.departments.BIF!,
    rules: { key: ['caseId'], groupKey: ['caseId'], passes: [{ kind: 'exact', useDate: true }] },
    leftSource: source,
    rightSource: source,
  });
  await engine.close();
  // the key `npm start` keeps beside the embedded data directory; the command finds it there
  fs.writeFileSync(`${dir}.key`, randomBytes(32).toString('base64'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function extract(rows: number, skip: (i: number) => boolean): string {
  const lines = ['Sag;CPR;Dato;Beløb'];
  for (let i = 0; i < rows; i++)
    if (!skip(i))
      lines.push(
        `C${i};${String(1_010_190_000 + (i % 9999)).padStart(10, '0')};${String(1 + (i % 28)).padStart(2, '0')}-11-2024;${100 + (i % 5000)},${String(i % 100).padStart(2, '0')}`,
      );
  return `${lines.join('\n')}\n`;
}

describe('tilsyn match', () => {
  it('matches two extracts with the rules file, prints the summary, writes the results and records the run and the difference', async () => {
    // ~2.5 MB a side: big enough that the run reads and matches in worker threads
    const left = path.join(tmp, 'ky.csv');
    const right = path.join(tmp, 'kvantum.csv');
    fs.writeFileSync(
      left,
      extract(60_000, () => false),
    );
    fs.writeFileSync(
      right,
      extract(60_000, (i) => i % 1000 === 7),
    );
    const rules = path.join(tmp, 'rules.json');
    fs.writeFileSync(rules, JSON.stringify({ key: ['caseId'], groupKey: ['caseId'], passes: [{ kind: 'exact', useDate: true }, { kind: 'split' }] }));
    const out = path.join(tmp, 'out');
    const res = await runCli(['match', '--system', 'KY', '--left', left, '--right', right, '--rules', rules, '--period', '2024-11', '--out', out], dir);
    expect(res.code, res.stderr + res.stdout).toBe(0);
    expect(res.stdout).toContain('KY 2024-11');
    expect(res.stdout).toMatch(/unmatched\s+60\s/);
    expect(res.stdout).toContain(`Results written to ${out}/`);
    expect(fs.readFileSync(path.join(out, 'unmatched-left.csv'), 'utf8').trim().split('\n')).toHaveLength(61);
    expect(fs.readFileSync(path.join(out, 'unmatched-left.csv'), 'utf8')).not.toMatch(/;\d{10};/);

    const engine = await openEngine({ dataDir: dir });
    try {
      const [run] = await queryRows<{ state: string; difference_ore: string; rules: { passes: unknown[] } }>(
        engine.db,
        sql`select state, difference_ore, rules from matching_runs`,
      );
      expect(run!.state).toBe('succeeded');
      expect(run!.rules.passes).toHaveLength(2);
      const [entry] = await queryRows<{ system: string; difference_ore: string }>(engine.db, sql`select system, difference_ore from system_reconciliations`);
      expect(entry).toEqual({ system: 'KY', difference_ore: run!.difference_ore });
      expect(Number(entry!.difference_ore)).toBeGreaterThan(0);
      const sealed = await queryRows<{ n: number }>(
        engine.db,
        sql`select count(*)::int as n from matching_items where cpr_sealed like 'v1.%' and cpr_masked like '______-****'`,
      );
      expect(sealed[0]!.n).toBe(60);
    } finally {
      await engine.close();
    }
  });

  it('a bad file fails the run and says which file and line', async () => {
    const left = path.join(tmp, 'bad.csv');
    fs.writeFileSync(left, 'Sag;CPR;Dato;Beløb\nC1;0101901234;01-11-2024;12,00\nC2;0101901234;01-11-2024;tolv\n');
    const res = await runCli(['match', '--system', 'KY', '--left', left, '--right', left, '--period', '2024-10'], dir);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/failed: left file, line 3: /);
    const usage = await runCli(['match', '--system', 'KY', '--left', left], dir);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--right is required');
  });
});
