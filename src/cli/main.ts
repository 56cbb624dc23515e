#!/usr/bin/env node
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DataDirLockedError } from '../server/db/lock.js';
import type { Command } from './command.js';
import { UsageError } from './usage.js';

interface CommandEntry {
  name: string;
  /** One line for the command list. */
  summary: string;
  load(): Promise<Command>;
}

/**
 * The commands, each loaded when it is used: a command's modules (the database, PDF and Excel
 * libraries) take seconds to import, and `tilsyn --help` or a wrong argument needs none of them.
 */
const commands: CommandEntry[] = [
  { name: 'serve', summary: 'Start the web server (the same as npm start)', load: async () => (await import('./commands/serve.js')).serve },
  { name: 'migrate', summary: 'Bring the database schema up to date and show its state', load: async () => (await import('./commands/migrate.js')).migrate },
  { name: 'seed', summary: 'Load the demo municipalities', load: async () => (await import('./commands/seed.js')).seed },
  {
    name: 'import',
    summary: 'Load municipalities from a JSON file made by tilsyn export',
    load: async () => (await import('./commands/transfer.js')).importCommand,
  },
  {
    name: 'export',
    summary: 'Write municipalities and all their data to a JSON file',
    load: async () => (await import('./commands/transfer.js')).exportCommand,
  },
  {
    name: 'import-xlsx',
    summary: 'Import findings, recommendations, plans and measures from an Excel file (dry run by default)',
    load: async () => (await import('./commands/import-xlsx.js')).importXlsx,
  },
  { name: 'template-xlsx', summary: 'Write the Excel template for import-xlsx', load: async () => (await import('./commands/import-xlsx.js')).templateXlsx },
  {
    name: 'balance-import',
    summary: 'Import a CSV or .xlsx file into the balance register (dry run by default)',
    load: async () => (await import('./commands/balance-import.js')).balanceImport,
  },
  {
    name: 'match',
    summary: "Match a specialist system's extract against the ledger's and record the month's difference",
    load: async () => (await import('./commands/match.js')).match,
  },
  {
    name: 'report',
    summary: 'Make a follow-up report, answer document or council decision sheet (PDF, Word, Excel)',
    load: async () => (await import('./commands/report.js')).report,
  },
  { name: 'check', summary: 'Run the guidance check on every action plan', load: async () => (await import('./commands/check-command.js')).check },
  { name: 'audit', summary: 'Verify the hash chain of the audit trail', load: async () => (await import('./commands/audit.js')).audit },
  {
    name: 'municipality',
    summary: 'Add a municipality and its first administrator',
    load: async () => (await import('./commands/municipality.js')).municipality,
  },
  {
    name: 'user',
    summary: 'Add a local user with a password and a role (the first administrator)',
    load: async () => (await import('./commands/user.js')).user,
  },
];

function version(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return (JSON.parse(fs.readFileSync(path.resolve(here, '../../package.json'), 'utf8')) as { version: string }).version;
}

const overview = () => `Usage: tilsyn <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(13)} ${c.summary}`).join('\n')}

Run "tilsyn <command> --help" for a command's options. Every command uses the database the
server uses: DATABASE_URL (PostgreSQL) if set, else the embedded database in TILSYN_DATA_DIR
(default ./data).

Options:
  --help, -h     show this help
  --version      print the version

Exit codes: 0 success, 1 error, 2 wrong arguments or a data directory in use by another process.`;

async function main(argv: string[]): Promise<number | undefined> {
  const [name, ...rest] = argv;
  if (name === undefined) throw new UsageError('a command is required');
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = commands.find((c) => c.name === rest[0]);
    process.stdout.write(`${topic ? (await topic.load()).help : overview()}\n`);
    return 0;
  }
  if (name === '--version') {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) throw new UsageError(`unknown command "${name}"`);
  const command = await entry.load();
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message, command.name);
  }
  if (parsed.values.help) {
    process.stdout.write(`${command.help}\n`);
    return 0;
  }
  const { min, max } = command.positionals;
  if (parsed.positionals.length < min) throw new UsageError(`missing argument`, command.name);
  if (parsed.positionals.length > max) throw new UsageError(`unexpected argument "${parsed.positionals[max]}"`, command.name);
  return command.run(parsed.values, parsed.positionals);
}

/**
 * Failures are reported as one line on stderr. Failures the user can act on (a bad file, an
 * existing municipality, an unreachable database) are all of them, so the stack trace only
 * appears with TILSYN_DEBUG=1.
 */
function report(err: unknown): number {
  if (err instanceof UsageError) {
    const help = err.command ? `tilsyn ${err.command} --help` : 'tilsyn --help';
    process.stderr.write(`tilsyn: ${err.message}\nRun "${help}" for usage.\n`);
    return 2;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`tilsyn: ${message}\n`);
  if (process.env.TILSYN_DEBUG === '1' && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  return err instanceof DataDirLockedError ? 2 : 1;
}

// Set the exit code rather than exit, so output piped to another program is flushed first.
const code = await main(process.argv.slice(2)).catch(report);
if (code !== undefined) process.exitCode = code;
