import { formatReport, verifyChains } from '../../server/audit/verify.js';
import { UsageError, withDatabase, type Command } from '../command.js';

export const audit: Command = {
  name: 'audit',
  help: `Usage: tilsyn audit verify [--municipality <slug>] [--json]

Recomputes each municipality's audit chain from the database: the numbering has no gaps, each
entry names the hash of the one before it, each hash matches the entry and its change rows, and
the chain's head names the last entry (so removing the newest entries is noticed too). Prints
one line per municipality, with the first broken link of a broken chain, or a JSON report.

Options:
  --municipality <slug>   verify only this municipality
  --json                  print the report as JSON

Exit code: 0 when every chain is intact, 1 when one is broken (the first broken link is printed),
2 for wrong arguments or a locked data directory.`,
  options: { municipality: { type: 'string' }, json: { type: 'boolean' } },
  positionals: { min: 1, max: 1 },
  async run(values, [action]) {
    if (action !== 'verify') throw new UsageError(`unknown audit action "${action}"; the action is: verify`, 'audit');
    const municipality = values.municipality as string | undefined;
    const report = await withDatabase((engine) => verifyChains(engine.db, municipality === undefined ? {} : { municipality }));
    const output = values.json === true ? JSON.stringify(report, null, 2) : formatReport(report);
    if (output) process.stdout.write(`${output}\n`);
    return report.ok ? 0 : 1;
  },
};
