#!/usr/bin/env node
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DataDirLockedError } from '../server/db/lock.js';
import { UsageError, type Command } from './command.js';
import { audit } from './commands/audit.js';
import { check } from './commands/check-command.js';
import { migrate } from './commands/migrate.js';
import { seed } from './commands/seed.js';
import { serve } from './commands/serve.js';
import { user } from './commands/user.js';
import { exportCommand, importCommand } from './commands/transfer.js';
import { importXlsx, templateXlsx } from './commands/import-xlsx.js';
import { balanceImport } from './commands/balance-import.js';
import { report as reportCommand } from './commands/report.js';

const commands: Command[] = [serve, migrate, seed, importCommand, exportCommand, importXlsx, templateXlsx, balanceImport, reportCommand, check, audit, user];

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
    process.stdout.write(`${topic ? topic.help : overview()}\n`);
    return 0;
  }
  if (name === '--version') {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) throw new UsageError(`unknown command "${name}"`);
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
