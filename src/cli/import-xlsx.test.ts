import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine, queryRows } from '../server/db/engine.js';
import { buildWorkbook } from '../server/modules/imports/test-fixtures.js';
import { bombs } from '../server/xlsx/test-fixtures.js';
import { seedMunicipality } from '../test/app.js';
import { unpackTemplate as migratedDataDir } from '../test/template.js';
import { ensureBuilt, runCli } from './test-cli.js';

/** `tilsyn import-xlsx` and `tilsyn template-xlsx`, run as built, each on its own embedded database. */
let tmp: string;

async function tilsyn(args: string[], dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { code, stdout, stderr } = await runCli(args, dataDir);
  return { code, stdout, stderr };
}

/** A data directory with the given municipalities (departments ØKF and BUF). */
async function database(name: string, slugs: string[]): Promise<string> {
  const dir = migratedDataDir(path.join(tmp, name));
  const engine = await openEngine({ dataDir: dir });
  try {
    for (const slug of slugs) await seedMunicipality(engine, { slug });
  } finally {
    await engine.close();
  }
  return dir;
}

/** Row counts of the tables an import writes (one database open: each costs seconds). */
async function counts(dir: string) {
  const engine = await openEngine({ dataDir: dir });
  try {
    const [row] = await queryRows<{ reports: number; findings: number; measures: number; entries: number; cli: number }>(
      engine.db,
      sql`select (select count(*)::int from audit_reports) as reports, (select count(*)::int from findings) as findings, (select count(*)::int from measures) as measures,
        (select count(*)::int from audit_entries) as entries,
        (select count(*)::int from audit_entries where via = 'cli' and user_id is null and resource = 'import') as cli`,
    );
    return row!;
  } finally {
    await engine.close();
  }
}

/** Each test starts a handful of processes that each open an embedded database. */
const SLOW = 300_000;

const report = { reportTitle: 'Beretning 2025', reportYear: 2025, reportKind: 'årsberetning', auditor: 'Revisor' };
const validFile = () =>
  buildWorkbook({
    findings: [
      { ...report, findingNumber: 1, title: 'Første bemærkning', departments: 'BUF' },
      { ...report, findingNumber: 2, title: 'Anden bemærkning', departments: 'alle' },
    ],
    plans: [{ findingNumber: 1, department: 'BUF', measureNumber: 1, measureTitle: 'Tiltag', deadline: 'Q1-2026' }],
  });

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tilsyn-cli-xlsx-'));
  ensureBuilt();
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('tilsyn template-xlsx and import-xlsx', () => {
  it(
    'writes the template in the language asked for',
    async () => {
      const dir = await database('template', ['skabelon']);
      const out = path.join(tmp, 'skabelon.xlsx');
      const res = await tilsyn(['template-xlsx', out, '--lang', 'sv'], dir);
      expect(res.code, res.stderr).toBe(0);
      expect(res.stderr).toBe(`Wrote the template to ${out}\n`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(fs.readFileSync(out) as unknown as ExcelJS.Buffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['Iakttagelser', 'Rekommendationer', 'Yttranden och åtgärder', 'Instruktioner']);
      const wrong = await tilsyn(['template-xlsx', out, '--lang', 'de'], dir);
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toMatch(/--lang must be one of da, sv, en/);
    },
    SLOW,
  );

  it(
    'dry-runs by default, imports with --apply as the CLI, and a second import changes nothing',
    async () => {
      const dir = await database('valid', ['gyldig']);
      const file = path.join(tmp, 'gyldig.xlsx');
      fs.writeFileSync(file, await validFile());

      const dry = await tilsyn(['import-xlsx', file], dir);
      expect(dry.code, dry.stderr).toBe(0);
      expect(dry.stdout).toContain('Dry run of gyldig.xlsx for gyldig (nothing written; add --apply to import):');
      expect(dry.stdout).toMatch(/^ {2}findings +2 to create, 0 to update, 0 unchanged$/m);
      expect(dry.stdout).toContain('Bemærkninger!3: create finding Beretning 2025 (2025) · 2');

      const applied = await tilsyn(['import-xlsx', file, '--apply'], dir);
      expect(applied.code, applied.stderr).toBe(0);
      expect(applied.stdout).toMatch(/^Imported gyldig\.xlsx into gyldig:/);
      expect(await counts(dir)).toEqual({ reports: 1, findings: 2, measures: 1, entries: 1, cli: 1 });

      const again = await tilsyn(['import-xlsx', file, '--apply', '--json'], dir);
      expect(again.code, again.stderr).toBe(0);
      const json = JSON.parse(again.stdout);
      expect(json).toMatchObject({
        applied: true,
        errors: [],
        counts: { findings: { create: 0, update: 0, unchanged: 2 }, measures: { create: 0, update: 0, unchanged: 1 } },
      });
      expect(await counts(dir)).toEqual({ reports: 1, findings: 2, measures: 1, entries: 1, cli: 1 });
    },
    SLOW,
  );

  it(
    'prints every error with its place and exits 1, writing nothing even with --apply',
    async () => {
      const dir = await database('errors', ['fejl']);
      const file = path.join(tmp, 'fejl.xlsx');
      fs.writeFileSync(
        file,
        await buildWorkbook({
          findings: [{ ...report, findingNumber: 1, title: 'Bemærkning', departments: 'XYZ' }],
          plans: [{ findingNumber: 1, department: 'BUF', measureNumber: 1, measureTitle: 'T', deadline: 'snart' }],
        }),
      );
      const dry = await tilsyn(['import-xlsx', file, '--municipality', 'fejl'], dir);
      expect(dry.code).toBe(1);
      expect(dry.stdout).toContain('Errors (');
      expect(dry.stdout).toMatch(/^ {2}Bemærkninger!M2 \(Forvaltninger\): Ukendt forvaltningskode »XYZ«/m);
      expect(dry.stdout).toMatch(/^ {2}Handleplaner!L2 \(Frist\): »snart« er ikke en gyldig frist/m);
      const applied = await tilsyn(['import-xlsx', file, '--apply'], dir);
      expect(applied.code).toBe(1);
      expect(applied.stdout).toMatch(/^fejl\.xlsx has errors; nothing was imported into fejl:/);
      expect(await counts(dir)).toEqual({ reports: 0, findings: 0, measures: 0, entries: 0, cli: 0 });

      const pdf = path.join(tmp, 'rapport.xlsx');
      fs.writeFileSync(pdf, '%PDF-1.7\n');
      const notXlsx = await tilsyn(['import-xlsx', pdf, '--json'], dir);
      expect(notXlsx.code).toBe(1);
      expect(JSON.parse(notXlsx.stdout).errors).toEqual([expect.objectContaining({ field: 'file', code: 'import.notXlsx' })]);

      // a zip bomb (a GiB of zeros in about a megabyte) is refused by the zip guard, named by its limit
      const bomb = path.join(tmp, 'bombe.xlsx');
      fs.writeFileSync(bomb, bombs(await validFile()).find((b) => b.code === 'xlsx.unpackedTooLarge')!.bytes);
      const refused = await tilsyn(['import-xlsx', bomb, '--apply'], dir);
      expect(refused.code, refused.stderr).toBe(1);
      expect(refused.stdout).toMatch(/^ {2}file: Filen fylder for meget udpakket: højst 100 MB/m);
      expect(await counts(dir)).toEqual({ reports: 0, findings: 0, measures: 0, entries: 0, cli: 0 });
    },
    SLOW,
  );

  it(
    'asks which municipality when the database has several',
    async () => {
      const dir = await database('several', ['en', 'to']);
      const file = path.join(tmp, 'flere.xlsx');
      fs.writeFileSync(file, await validFile());
      const res = await tilsyn(['import-xlsx', file], dir);
      expect(res.code).toBe(2);
      expect(res.stderr).toMatch(/name the municipality: --municipality en\|to/);
      const missing = await tilsyn(['import-xlsx', path.join(tmp, 'findes-ikke.xlsx')], dir);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/Cannot read .*findes-ikke\.xlsx/);
    },
    SLOW,
  );
});
