import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openEngine } from '../server/db/engine.js';
import { runCommand } from '../server/unit-of-work.js';
import { auditReports, changeLog, departments, matchingRuns, matchingSystems } from '../server/db/schema/index.js';
import { currentSchemaVersion, exportFormat, exportFormatVersion } from '../server/modules/transfer/document.js';
import { seedMunicipality } from '../test/app.js';
import { unpackTemplate as migratedDataDir } from '../test/template.js';
import { cliPath, ensureBuilt, root } from './test-cli.js';

/** These tests run the built CLI as a user would, each process on its own embedded database. */
const cli = cliPath;

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

let tmp: string;
const children: ChildProcess[] = [];

/** The environment of one invocation: always the embedded database, in the given data directory. */
const envFor = (dataDir: string, extra: Record<string, string> = {}) => ({ ...process.env, DATABASE_URL: '', TILSYN_DATA_DIR: dataDir, ...extra });

function tilsyn(args: string[], dataDir = path.join(tmp, 'unused')): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { env: envFor(dataDir) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const emptyExport = `${JSON.stringify({ format: exportFormat, formatVersion: exportFormatVersion, schemaVersion: currentSchemaVersion(), municipalities: [] }, null, 2)}\n`;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tilsyn-cli-'));
  ensureBuilt();
});

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('arguments', () => {
  it('prints the overview and each command help, with exit code 0', async () => {
    const overview = await tilsyn(['--help']);
    expect(overview.code).toBe(0);
    for (const name of ['serve', 'migrate', 'seed', 'import', 'export', 'check', 'audit']) expect(overview.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    const help = await tilsyn(['check', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: tilsyn check/);
    expect(help.stdout).toMatch(/Exit code: 0 when no plan/);
  });

  it('prints the version of the package', async () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    expect(await tilsyn(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it.each([
    [['frobnicate'], /unknown command "frobnicate"\nRun "tilsyn --help"/],
    [[], /a command is required/],
    [['export'], /missing argument\nRun "tilsyn export --help"/],
    [['import', 'a.json', 'b.json'], /unexpected argument "b.json"/],
    [['export', 'x.json', '--bogus'], /Unknown option '--bogus'/],
    [['check', '--lang', 'de'], /--lang must be one of da, sv, en/],
    [['seed'], /say what to seed: --demo/],
    [['seed', '--demo', '--only', 'atlantis'], /no demo municipality named atlantis/],
    [['audit'], /missing argument\nRun "tilsyn audit --help"/],
    [['audit', 'frobnicate'], /unknown audit action "frobnicate"/],
  ])('exits 2 on wrong arguments: %j', async (args, message) => {
    const result = await tilsyn(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

// Each of these runs the built command several times, seconds each (more when the machine is busy).
describe.concurrent('database commands', () => {
  it('migrates a new data directory, then exports it empty', { timeout: 180_000 }, async ({ expect }) => {
    const dir = path.join(tmp, 'fresh');
    const migrated = await tilsyn(['migrate'], dir);
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(migrated.stdout).toContain(`Database: embedded PGlite in ${dir}`);
    expect(migrated.stdout).toMatch(new RegExp(`Applied \\d+ new migrations?: .*${currentSchemaVersion()}`));
    expect(migrated.stdout).toContain(`Schema: ${currentSchemaVersion()}`);

    const exported = await tilsyn(['export', '-'], dir);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toBe(emptyExport);
  });

  it('exports, imports into another data directory and exports the same bytes; refuses a second import', { timeout: 180_000 }, async ({ expect }) => {
    const source = migratedDataDir(path.join(tmp, 'source'));
    const target = migratedDataDir(path.join(tmp, 'target'));
    const engine = await openEngine({ dataDir: source });
    try {
      const m = await seedMunicipality(engine, { slug: 'aarhus' });
      await engine.db.insert(auditReports).values({ municipalityId: m.id, title: 'Beretning 2024', auditor: 'EY', year: 2024, kind: 'annualAccounts' });
      await engine.db
        .insert(changeLog)
        .values({ municipalityId: m.id, userId: m.userId, resource: 'report', resourceId: m.id, action: 'create', after: { title: 'Beretning 2024' } });
    } finally {
      await engine.close();
    }
    const first = path.join(tmp, 'first.json');
    const second = path.join(tmp, 'second.json');

    const exported = await tilsyn(['export', first], source);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toContain('Exported 1 municipality (aarhus)');
    const imported = await tilsyn(['import', first], target);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(/Imported aarhus \(\d+ rows\)/);
    const again = await tilsyn(['export', second, '--municipality', 'aarhus'], target);
    expect(again.code, again.stderr).toBe(0);
    expect(fs.readFileSync(second, 'utf8')).toBe(fs.readFileSync(first, 'utf8'));

    const refused = await tilsyn(['import', first], target);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^tilsyn: Municipality "aarhus" cannot be imported: .* Nothing was imported\.\n$/);
  });

  it('exports to a private folder with the matching results files, and imports them back into the data directory', { timeout: 180_000 }, async ({ expect }) => {
    const source = migratedDataDir(path.join(tmp, 'files-source'));
    const target = migratedDataDir(path.join(tmp, 'files-target'));
    const engine = await openEngine({ dataDir: source });
    let runDir: string;
    try {
      const m = await seedMunicipality(engine, { slug: 'vejle' });
      const [dep] = await engine.db.select().from(departments).limit(1);
      const rules = { key: ['caseId' as const], groupKey: ['caseId' as const], passes: [{ kind: 'exact' as const, useDate: true }] };
      const side = { columns: { amount: 'Beløb', date: 'Dato', caseId: 'Sag' } };
      const [system] = await engine.db
        .insert(matchingSystems)
        .values({ municipalityId: m.id, code: 'KY', name: 'KY', target: 'ledger', departmentId: dep!.id, rules, leftSource: side, rightSource: side })
        .returning();
      const [run] = await engine.db
        .insert(matchingRuns)
        .values({
          municipalityId: m.id,
          systemId: system!.id,
          period: '2024-11',
          state: 'succeeded',
          progress: 1,
          rules,
          leftSource: side,
          rightSource: side,
          leftFileName: 'ky.csv',
          rightFileName: 'bogf.csv',
          leftBytes: 10,
          rightBytes: 10,
          createdBy: m.userId,
        })
        .returning();
      runDir = path.join(source, 'matching', m.id, run!.id);
      fs.mkdirSync(runDir, { recursive: true });
      fs.writeFileSync(path.join(runDir, 'matched.csv'), 'group;pass;state;side;line;amount_ore;date\n1;exact;matched;left;2;10000;2024-11-05\n');
      fs.writeFileSync(path.join(runDir, 'unmatched-left.csv'), 'status;line;Sag\nunmatched;3;S9\n');
    } finally {
      await engine.close();
    }
    const mode = (p: string) => fs.statSync(p).mode & 0o777;

    // A JSON file alone: private, and it says what it leaves out
    const json = path.join(tmp, 'files.json');
    const toJson = await tilsyn(['export', json], source);
    expect(toJson.code, toJson.stderr).toBe(0);
    expect(mode(json)).toBe(0o600);
    expect(toJson.stderr).toContain('Not in a JSON file: 2 results files of matching runs. Export to a folder to carry them.');

    const folder = path.join(tmp, 'files-export');
    const exported = await tilsyn(['export', folder], source);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toContain('Exported 1 municipality (vejle) to');
    expect(exported.stderr).toContain('(export.json and 2 results files)');
    expect(mode(folder)).toBe(0o700);
    expect(mode(path.join(folder, 'export.json'))).toBe(0o600);
    const rel = path.relative(path.join(source, 'matching'), runDir!);
    expect(mode(path.join(folder, 'matching', rel, 'matched.csv'))).toBe(0o600);
    expect(mode(path.join(folder, 'matching', rel))).toBe(0o700);
    expect(fs.readFileSync(path.join(folder, 'export.json'), 'utf8')).toBe(fs.readFileSync(json, 'utf8'));
    // a folder that holds something is not written into
    const again = await tilsyn(['export', folder], source);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('is not an empty folder');

    const imported = await tilsyn(['import', folder], target);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(/Imported vejle \(\d+ rows, 2 results files\)/);
    for (const name of ['matched.csv', 'unmatched-left.csv']) {
      const arrived = path.join(target, 'matching', rel, name);
      expect(fs.readFileSync(arrived, 'utf8')).toBe(fs.readFileSync(path.join(runDir!, name), 'utf8'));
      expect(mode(arrived)).toBe(0o600);
    }
    expect(mode(path.join(target, 'matching', rel))).toBe(0o700);
  });

  it('verifies the audit chain: exit 0 when intact, 1 with the first broken link when not', { timeout: 180_000 }, async ({ expect }) => {
    const dir = migratedDataDir(path.join(tmp, 'audited'));
    let engine = await openEngine({ dataDir: dir });
    try {
      const m = await seedMunicipality(engine, { slug: 'aalborg' });
      await seedMunicipality(engine, { slug: 'odense' });
      for (let i = 1; i <= 3; i++) {
        await runCommand(engine.db, m.actor, async (_tx, changes) => {
          await changes.record({
            resource: 'finding',
            resourceId: m.id,
            action: 'update',
            before: { title: `v${i - 1}` },
            after: { title: `v${i}`, note: 'æøå' },
          });
        });
      }
    } finally {
      await engine.close();
    }
    const intact = await tilsyn(['audit', 'verify'], dir);
    expect(intact.code, intact.stderr).toBe(0);
    expect(intact.stdout).toBe('aalborg: intact (3 entries)\nodense: intact (0 entries)\n');
    const json = await tilsyn(['audit', 'verify', '--json', '--municipality', 'aalborg'], dir);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, municipalities: [{ slug: 'aalborg', ok: true, checked: 3, headSeq: 3, firstBroken: null }] });

    engine = await openEngine({ dataDir: dir });
    try {
      await engine.db.transaction(async (tx) => {
        await tx.execute(sql`alter table change_log disable trigger change_log_append_only`);
        await tx.execute(sql`update change_log set after = '{"title":"forfalsket"}' where audit_seq = 2`);
        await tx.execute(sql`alter table change_log enable trigger change_log_append_only`);
      });
    } finally {
      await engine.close();
    }
    const broken = await tilsyn(['audit', 'verify'], dir);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe(
      'aalborg: BROKEN at entry 2: hash mismatch: entry 2 or its changes differ from what was hashed when it was written\nodense: intact (0 entries)\n',
    );
    const brokenJson = await tilsyn(['audit', 'verify', '--json'], dir);
    expect(brokenJson.code).toBe(1);
    expect(JSON.parse(brokenJson.stdout)).toMatchObject({
      ok: false,
      municipalities: [
        { slug: 'aalborg', ok: false, checked: 1, firstBroken: { seq: 2, kind: 'hashMismatch' } },
        { slug: 'odense', ok: true },
      ],
    });
    expect((await tilsyn(['audit', 'verify', '--municipality', 'odense'], dir)).code).toBe(0);
    const unknown = await tilsyn(['audit', 'verify', '--municipality', 'atlantis'], dir);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('tilsyn: Unknown municipality: atlantis\n');
  });

  it('refuses to open a data directory a running server holds, with exit code 2', { timeout: 180_000 }, async ({ expect }) => {
    const dir = migratedDataDir(path.join(tmp, 'served'));
    const server = spawn(process.execPath, [cli, 'serve'], { env: envFor(dir, { PORT: '0', TILSYN_DEMO: '0', HOST: '127.0.0.1' }) });
    children.push(server);
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      let log = '';
      server.stdout!.on('data', (d: Buffer) => {
        log += d.toString();
        if (log.includes('Server listening')) resolve();
      });
      server.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${log}`)));
    });

    const locked = await tilsyn(['migrate'], dir);
    expect(locked.code).toBe(2);
    expect(locked.stderr).toMatch(new RegExp(`^tilsyn: The data directory ${dir} is in use by another Tilsyn process \\(pid ${server.pid}\\)`));

    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(fs.existsSync(path.join(dir, 'tilsyn.lock'))).toBe(false);
  });
});
