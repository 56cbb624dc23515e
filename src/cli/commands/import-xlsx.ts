import fs from 'node:fs';
import path from 'node:path';
import { LOCALES, type Locale } from '../../domain/i18n.js';
import type { Database } from '../../server/db/engine.js';
import { Problem } from '../../server/http/problem.js';
import type { ImportIssue } from '../../server/modules/imports/parse.js';
import type { ImportReportDto } from '../../server/modules/imports/service.js';
import { municipalityRepository } from '../../server/modules/tenancy/repository.js';
import { cliActor } from '../actor.js';
import { UsageError, withDatabase, type Command } from '../command.js';

/** The import service, loaded when a command runs: exceljs need not slow down every other command's start. */
const importService = async (db: Database) => (await import('../../server/modules/imports/service.js')).createImportService(db);

/** The named municipality, or the only one when the database has exactly one. */
export async function slugOf(db: Database, given: unknown, command: string): Promise<string> {
  if (typeof given === 'string') return given;
  const all = await municipalityRepository.list(db);
  if (all.length === 1) return all[0]!.slug;
  throw new UsageError(all.length ? `name the municipality: --municipality ${all.map((m) => m.slug).join('|')}` : 'the database has no municipality', command);
}

const where = (e: ImportIssue) => (e.sheet === null ? 'file' : `${e.field}${e.header ? ` (${e.header})` : ''}`);

function describe(report: Pick<ImportReportDto, 'counts' | 'rows' | 'errors'>, heading: string): string {
  const lines = [heading];
  for (const [entity, c] of Object.entries(report.counts))
    lines.push(`  ${entity.padEnd(16)} ${c.create} to create, ${c.update} to update, ${c.unchanged} unchanged`);
  const changing = report.rows.filter((r) => r.action !== 'unchanged');
  if (changing.length) {
    lines.push('Rows:');
    for (const r of changing) lines.push(`  ${r.sheet}!${r.row}: ${r.action} ${r.entity} ${r.key}${r.changes.length ? ` (${r.changes.join(', ')})` : ''}`);
  }
  if (report.errors.length) {
    lines.push(`Errors (${report.errors.length}):`);
    for (const e of report.errors) lines.push(`  ${where(e)}: ${e.message}`);
  }
  return lines.join('\n');
}

export const importXlsx: Command = {
  name: 'import-xlsx',
  help: `Usage: tilsyn import-xlsx <file.xlsx> [--municipality <slug>] [--apply] [--json]

Reads a workbook made from the template (tilsyn template-xlsx) and prints what it would create
and update, and every error with its sheet, row and column. Nothing is written unless --apply
is given; then a file without errors is imported in one transaction (one audit entry, via cli),
and a file with errors is refused whole.

Options:
  --municipality <slug>   the municipality to import into (may be left out when there is one)
  --apply                 import the file, not only check it
  --json                  print the result as JSON (the API's ImportReport)

Exit code: 0 when the file has no errors (and, with --apply, was imported), 1 when it has errors.`,
  options: { municipality: { type: 'string' }, apply: { type: 'boolean' }, json: { type: 'boolean' } },
  positionals: { min: 1, max: 1 },
  async run(values, [file]) {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file!);
    } catch (err) {
      throw new Error(`Cannot read ${file}: ${(err as Error).message}`, { cause: err });
    }
    const apply = values.apply === true;
    const fileName = path.basename(file!);
    return withDatabase(async (engine) => {
      const slug = await slugOf(engine.db, values.municipality, 'import-xlsx');
      const actor = await cliActor(engine.db, slug, 'import-xlsx');
      const svc = await importService(engine.db);
      let report: ImportReportDto;
      try {
        report = await svc.importFindings(actor, { fileName, bytes }, { dryRun: !apply });
      } catch (err) {
        // 422: the file's errors; 413: a workbook over the zip guard's limits (no counts then)
        if (!(err instanceof Problem) || (err.status !== 422 && err.status !== 413)) throw err;
        const errors = err.errors as ImportIssue[];
        const counts = (err.extra.counts ?? {}) as ImportReportDto['counts'];
        if (values.json) process.stdout.write(`${JSON.stringify({ dryRun: false, applied: false, fileName, counts, rows: [], errors }, null, 2)}\n`);
        else process.stdout.write(`${describe({ counts, rows: [], errors }, `${fileName} has errors; nothing was imported into ${slug}:`)}\n`);
        return 1;
      }
      if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else {
        const heading = apply
          ? `Imported ${fileName} into ${slug}:`
          : `Dry run of ${fileName} for ${slug} (nothing written${report.errors.length ? '' : '; add --apply to import'}):`;
        process.stdout.write(`${describe(report, heading)}\n`);
      }
      return report.errors.length ? 1 : 0;
    });
  },
};

export const templateXlsx: Command = {
  name: 'template-xlsx',
  help: `Usage: tilsyn template-xlsx <out.xlsx | -> [--lang da|sv|en] [--municipality <slug>]

Writes the import template: sheets for findings, recommendations and plans with measures,
headers in the chosen language (default: the municipality's), drop-down lists, and an
instructions sheet explaining every column and listing the municipality's department codes.
"-" writes to standard output.

Options:
  --lang da|sv|en         language of the headers and instructions
  --municipality <slug>   whose department codes to list (may be left out when there is one)`,
  options: { lang: { type: 'string' }, municipality: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  async run(values, [out]) {
    const lang = values.lang;
    if (lang !== undefined && !(LOCALES as readonly unknown[]).includes(lang))
      throw new UsageError(`--lang must be one of ${LOCALES.join(', ')}`, 'template-xlsx');
    const file = await withDatabase(async (engine) => {
      const slug = await slugOf(engine.db, values.municipality, 'template-xlsx');
      const actor = await cliActor(engine.db, slug, 'template-xlsx');
      return (await importService(engine.db)).template(actor, lang as Locale | undefined);
    });
    if (out === '-') process.stdout.write(file.bytes);
    else {
      fs.writeFileSync(out!, file.bytes);
      process.stderr.write(`Wrote the template to ${out}\n`);
    }
    return 0;
  },
};
