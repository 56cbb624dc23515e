import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../server/db/engine.js';
import { Problem } from '../../server/http/problem.js';
import { IMPORT_KINDS, type ImportKind } from '../../server/modules/balance-import/columns.js';
import type { BalanceImportIssue } from '../../server/modules/balance-import/service.js';
import { cliActor } from '../actor.js';
import { UsageError, withDatabase, type Command } from '../command.js';
import { slugOf } from './import-xlsx.js';

/** Loaded when the command runs: exceljs need not slow down every other command's start. */
const balanceImportService = async (db: Database) => (await import('../../server/modules/balance-import/service.js')).createBalanceImportService(db);

const where = (e: BalanceImportIssue) => (e.field === 'file' ? 'file' : `${e.field}${e.header ? ` (${e.header})` : ''}`);

export const balanceImport: Command = {
  name: 'balance-import',
  help: `Usage: tilsyn balance-import <kind> <file> [--amount-format da|en] [--municipality <slug>] [--apply] [--json]

kind: ${IMPORT_KINDS.join(' | ')}. Prints what each row would do and every error by cell, as
POST /api/v1/balance-imports/{kind} does. Nothing is written unless --apply is given; then a file
without errors is imported in one transaction (one audit entry, via cli), a file with errors not at all.

Options:
  --amount-format da|en   the amounts' number format: da 1.234,56 (default), en 1,234.56
  --municipality <slug>   the municipality (may be left out when there is one)
  --apply                 import the file, not only check it
  --json                  print the API's BalanceImportReport

Exit code: 0 when the file has no errors (and, with --apply, was imported), 1 when it has errors.`,
  options: { 'amount-format': { type: 'string' }, municipality: { type: 'string' }, apply: { type: 'boolean' }, json: { type: 'boolean' } },
  positionals: { min: 2, max: 2 },
  async run(values, [kind, file]) {
    if (!(IMPORT_KINDS as readonly string[]).includes(kind!)) throw new UsageError(`kind must be one of ${IMPORT_KINDS.join(', ')}`, 'balance-import');
    const amountFormat = values['amount-format'] ?? 'da';
    if (amountFormat !== 'da' && amountFormat !== 'en') throw new UsageError('--amount-format must be da or en', 'balance-import');
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file!);
    } catch (err) {
      throw new Error(`Cannot read ${file}: ${(err as Error).message}`, { cause: err });
    }
    const apply = values.apply === true;
    const fileName = path.basename(file!);
    return withDatabase(async (engine) => {
      const slug = await slugOf(engine.db, values.municipality, 'balance-import');
      const actor = await cliActor(engine.db, slug, 'balance-import');
      const svc = await balanceImportService(engine.db);
      let counts: Record<string, number>;
      let rows: { row: number; key: string; action: string }[] = [];
      let errors: BalanceImportIssue[];
      try {
        const report = await svc.importFile(actor, kind as ImportKind, { fileName, bytes }, { dryRun: !apply, amountFormat });
        if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        ({ counts, rows, errors } = report);
      } catch (err) {
        // 422: the file's errors; 413: a workbook over the zip guard's limits
        if (!(err instanceof Problem) || (err.status !== 422 && err.status !== 413)) throw err;
        errors = err.errors as BalanceImportIssue[];
        counts = (err.extra.counts as Record<string, number> | null) ?? {};
        if (values.json) process.stdout.write(`${JSON.stringify({ kind, dryRun: false, applied: false, fileName, counts, rows: [], errors }, null, 2)}\n`);
      }
      if (!values.json) {
        const heading = errors.length
          ? `${fileName} has errors; nothing was imported into ${slug}:`
          : apply
            ? `Imported ${fileName} into ${slug}:`
            : `Dry run of ${fileName} for ${slug} (nothing written; add --apply to import):`;
        const lines = [
          heading,
          `  ${Object.entries(counts)
            .map(([k, n]) => `${n} ${k}`)
            .join(', ')}`,
        ];
        for (const r of rows.filter((r) => r.action !== 'unchanged')) lines.push(`  row ${r.row}: ${r.action} ${r.key}`);
        if (errors.length) lines.push(`Errors (${errors.length}):`, ...errors.map((e) => `  ${where(e)}: ${e.message}`));
        process.stdout.write(`${lines.join('\n')}\n`);
      }
      return errors.length ? 1 : 0;
    });
  },
};
