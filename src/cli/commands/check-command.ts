import { LOCALES, type Locale } from '../../domain/i18n.js';
import { UsageError, withDatabase, type Command } from '../command.js';
import { runCheck } from './check.js';

export const check: Command = {
  name: 'check',
  help: `Usage: tilsyn check [--municipality <slug>] [--json] [--lang da|sv|en]

Checks every action plan against the municipality's guidance (every recommendation answered,
every measure dated and with a follow-up point, an overall deadline, readable text) and prints
one line per breach, or a JSON report.

Options:
  --municipality <slug>   check only this municipality
  --json                  print the report as JSON
  --lang da|sv|en         language of the messages (default: each municipality's language)

Exit code: 0 when no plan has an error that nobody accepted (warnings do not count), 1 when
at least one has (so the command can gate a pipeline), 2 for wrong arguments or a locked data directory.`,
  options: { municipality: { type: 'string' }, json: { type: 'boolean' }, lang: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run(values) {
    const lang = values.lang as string | undefined;
    if (lang !== undefined && !LOCALES.includes(lang as Locale)) throw new UsageError(`--lang must be one of ${LOCALES.join(', ')}`, 'check');
    const municipality = values.municipality as string | undefined;
    const { output, blockingCount } = await withDatabase((engine) =>
      runCheck(engine.db, {
        json: values.json === true,
        ...(municipality !== undefined ? { municipality } : {}),
        ...(lang !== undefined ? { locale: lang as Locale } : {}),
      }),
    );
    if (output) process.stdout.write(`${output}\n`);
    return blockingCount > 0 ? 1 : 0;
  },
};
