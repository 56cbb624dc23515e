import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { describeRules, matchRulesSchema, type MatchRules } from '../../domain/matching/rules.js';
import { loadConfig } from '../../server/config.js';
import { createSecretBox, parseEncryptionKey } from '../../server/crypto/secret-box.js';
import { Problem } from '../../server/http/problem.js';
import type { AmountCount, MatchingSummary } from '../../server/matching/pipeline.js';
import { sourceConfigSchema, type SourceConfig } from '../../server/matching/source-config.js';
import { cliActor } from '../actor.js';
import { UsageError, withDatabase, type Command } from '../command.js';
import { slugOf } from './import-xlsx.js';

/** A rules file: the rules alone, or the rules with the layout of each extract (which then override the system's). */
const RulesFile = z.union([
  z.object({ rules: matchRulesSchema, left: sourceConfigSchema.optional(), right: sourceConfigSchema.optional() }),
  matchRulesSchema.transform((rules) => ({ rules, left: undefined, right: undefined })),
]);

const kr = (ore: number) => (ore / 100).toLocaleString('da-DK', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The key that seals CPR numbers: TILSYN_ENCRYPTION_KEY, else the one `npm start` keeps beside the embedded data directory. */
function encryptionKey(): Buffer | null {
  const config = loadConfig();
  if (config.encryptionKey) return config.encryptionKey;
  const file = `${config.dataDir}.key`;
  return fs.existsSync(file) ? parseEncryptionKey(fs.readFileSync(file, 'utf8')) : null;
}

export const match: Command = {
  name: 'match',
  help: `Usage: tilsyn match --system <code> --left <file> --right <file> [--rules rules.json] [--period YYYY-MM]
                    [--municipality <slug>] [--out <dir>] [--json]

Matches a specialist system's extract (left) against the ledger or debtor extract (right) as
POST /api/v1/matching-runs does, waits for the run, prints its summary and writes the results
files to --out. The run is stored like one started from the web (its unmatched items, the
suggestions to confirm, and the month's system reconciliation entry with the difference).

Options:
  --system <code>         the system as set up in Tilsyn (POST /matching-systems), e.g. KY
  --left, --right <file>  the two extracts (CSV or .xlsx, laid out as the system says)
  --rules <file>          rules for this run instead of the system's: a JSON object
                          {key, groupKey, passes} or {rules, left?, right?} with source layouts
  --period YYYY-MM        the month (default: the previous month)
  --municipality <slug>   the municipality (may be left out when there is one)
  --out <dir>             where to write matched.csv and unmatched-*.csv (default ./match-<code>-<period>)
  --json                  print the run as the API answers it

Exit code: 0 when the run succeeded, 1 when it failed (the reason names the file and line).`,
  options: {
    system: { type: 'string' },
    left: { type: 'string' },
    right: { type: 'string' },
    rules: { type: 'string' },
    period: { type: 'string' },
    municipality: { type: 'string' },
    out: { type: 'string' },
    json: { type: 'boolean' },
  },
  positionals: { min: 0, max: 0 },
  async run(values) {
    for (const name of ['system', 'left', 'right'] as const) if (typeof values[name] !== 'string') throw new UsageError(`--${name} is required`, 'match');
    const previous = new Date();
    previous.setUTCDate(0);
    const period = typeof values.period === 'string' ? values.period : previous.toISOString().slice(0, 7);
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) throw new UsageError('--period must be YYYY-MM', 'match');
    let override: { rules: MatchRules; left?: SourceConfig | undefined; right?: SourceConfig | undefined } | undefined;
    if (typeof values.rules === 'string') {
      let raw: unknown;
      try {
        raw = JSON.parse(fs.readFileSync(values.rules, 'utf8'));
      } catch (err) {
        throw new Error(`Cannot read ${values.rules}: ${(err as Error).message}`, { cause: err });
      }
      const parsed = RulesFile.safeParse(raw);
      if (!parsed.success)
        throw new Error(
          `${values.rules} is not a valid rules file:\n${parsed.error.issues.map((i) => `  ${i.path.join('.') || '(top)'}: ${i.message}`).join('\n')}`,
        );
      override = parsed.data;
    }
    const files = { left: values.left as string, right: values.right as string };
    for (const f of Object.values(files)) if (!fs.existsSync(f)) throw new Error(`Cannot read ${f}: no such file`);
    const key = encryptionKey();
    return withDatabase(async (engine) => {
      const { createBalanceService } = await import('../../server/modules/balance/service.js');
      const { createMatchingService } = await import('../../server/modules/matching/service.js');
      const config = loadConfig();
      const svc = createMatchingService(engine.db, {
        dataDir: config.dataDir,
        secretBox: key ? createSecretBox(key) : null,
        balance: createBalanceService(engine.db, { clock: config.clock }),
        clock: config.clock,
        // the CLI waits for its run: it executes here, not on the server's queue
        actorOf: async () => null,
        dispatch: null,
        workerId: `cli:${process.pid}`,
        staleSeconds: config.staleRunSeconds,
      });
      const slug = await slugOf(engine.db, values.municipality, 'match');
      const actor = await cliActor(engine.db, slug, 'match');
      const system = (await svc.listSystems(actor)).find((s) => s.code.toLowerCase() === String(values.system).toLowerCase());
      if (!system) throw new UsageError(`no matching system "${values.system}" in ${slug}; set it up with POST /api/v1/matching-systems`, 'match');
      const staging = await svc.stagingDir(actor);
      try {
        const uploads = {} as Record<'left' | 'right', { fileName: string; path: string; bytes: number }>;
        for (const side of ['left', 'right'] as const) {
          const target = path.join(staging, side);
          await fs.promises.copyFile(files[side], target);
          uploads[side] = { fileName: path.basename(files[side]), path: target, bytes: (await fs.promises.stat(target)).size };
        }
        const started = await svc.startRun(actor, { systemId: system.id, period, ...uploads, ...(override ? { override } : {}) });
        await svc.waitForRun(started.id);
        const run = await svc.getRun(actor, started.id);
        if (values.json) process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
        if (run.state !== 'succeeded') {
          const e = run.error!;
          if (!values.json) process.stdout.write(`Run ${run.id} failed: ${e.side ? `${e.side} file${e.line ? `, line ${e.line}` : ''}: ` : ''}${e.message}\n`);
          return 1;
        }
        const out = typeof values.out === 'string' ? values.out : `match-${system.code}-${period}`;
        await fs.promises.mkdir(out, { recursive: true });
        for (const f of ['matched.csv', 'unmatched-left.csv', 'unmatched-right.csv'] as const) {
          const src = await svc.resultFile(actor, run.id, f);
          await fs.promises.copyFile(src.path, path.join(out, f));
        }
        if (!values.json) process.stdout.write(`${describeRun(system.code, run)}\nResults written to ${out}/\n`);
        return 0;
      } catch (err) {
        if (err instanceof Problem)
          throw new Error(`${err.message}${err.errors.length ? `: ${err.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}` : ''}`, { cause: err });
        throw err;
      } finally {
        await fs.promises.rm(staging, { recursive: true, force: true });
      }
    });
  },
};

function describeRun(
  code: string,
  run: { period: string; rules: unknown; summary: Record<string, unknown> | null; differenceOre: number | null; id: string },
): string {
  const s = run.summary as unknown as MatchingSummary;
  const row = (label: string, l: AmountCount, r: AmountCount) =>
    `  ${label.padEnd(28)} ${String(l.rows).padStart(10)} ${kr(l.amountOre).padStart(18)} ${String(r.rows).padStart(10)} ${kr(r.amountOre).padStart(18)}`;
  const lines = [
    `Matching run ${run.id}: ${code} ${run.period}`,
    ...describeRules(run.rules as MatchRules).map((l) => `  ${l}`),
    `  ${''.padEnd(28)} ${'left rows'.padStart(10)} ${'left kr'.padStart(18)} ${'right rows'.padStart(10)} ${'right kr'.padStart(18)}`,
    row('input', s.left, s.right),
    ...s.passes.map((p, i) =>
      row(`pass ${i + 1} ${p.kind} (${p.groups} groups)`, { rows: p.leftRows, amountOre: p.leftAmountOre }, { rows: p.rightRows, amountOre: p.rightAmountOre }),
    ),
    row('suggested (to confirm)', s.left.suggested, s.right.suggested),
    row('timing (carried forward)', s.left.timing, s.right.timing),
    row('unmatched', s.left.unmatched, s.right.unmatched),
    `  Difference (unmatched left − right): ${kr(run.differenceOre ?? 0)} kr`,
  ];
  return lines.join('\n');
}
