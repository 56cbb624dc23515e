// Tilsyn's side of the matching benchmark: the real pipeline (src/server/matching/pipeline.ts, from
// the compiled dist/) with rules of one exact 1:1 pass on (case id + CPR, amount, date), over the
// generator's two CSV files, in its own process so its peak memory is measured apart. Timing starts
// before the CSV files are parsed and ends when runMatching has written its result files.
//
//   node bench/matching/tilsyn-exact.mjs --data DIR --out DIR [--dist dist]
// Prints one JSON line: { ms, matchedPairs, left: digest, right: digest, phases, vmHwmKb }.
// Needs `npx tsc -p tsconfig.build.json` (or `npm run build`) first.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { digestSide, vmHwmKb } from './digest.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};

/** The bench's rules: one exact pass, the same comparison DuckDB's SQL makes. */
export const EXACT_RULES = { key: ['caseId', 'cpr'], groupKey: ['cpr'], passes: [{ kind: 'exact', useDate: true }] };

/** The generator's files as a system would configure them (header names, formats). */
export function sourceConfigs(meta) {
  const [lCase, lCpr, lAcct, lDate, lAmount, lText] = meta.leftHeader;
  const [rDate, rAmount, rCase, rCpr, rAcct, rText] = meta.rightHeader;
  return {
    left: { format: 'csv', ...meta.leftFormat, negate: false, columns: { amount: lAmount, date: lDate, caseId: lCase, cpr: lCpr, account: lAcct, text: lText } },
    right: { format: 'csv', ...meta.rightFormat, negate: false, columns: { amount: rAmount, date: rDate, caseId: rCase, cpr: rCpr, account: rAcct, text: rText } },
  };
}

/** Runs the pipeline; `runMatching` is passed in so the test can use the TypeScript source. */
export async function runTilsynExact(runMatching, meta, outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  const configs = sourceConfigs(meta);
  const t0 = performance.now();
  const outcome = await runMatching({
    left: { path: meta.left, config: configs.left },
    right: { path: meta.right, config: configs.right },
    rules: EXACT_RULES,
    period: meta.period,
    hashKey: crypto.randomBytes(32),
    outDir,
  });
  const ms = performance.now() - t0;
  const rows = (side) => outcome.items.filter((it) => it.side === side && it.state === 'unmatched')
    .map((it) => ({ line: it.line, caseId: it.caseId ?? '', cpr: it.cpr ?? '', ore: it.amountOre, date: it.date ?? '' }));
  const leftRows = rows('left');
  const rightRows = rows('right');
  const left = digestSide(leftRows, outDir, 'tilsyn-left');
  const right = digestSide(rightRows, outDir, 'tilsyn-right');
  const other = outcome.items.length - leftRows.length - rightRows.length;
  return {
    ms,
    matchedPairs: outcome.summary.left.matched.rows,
    left,
    right,
    otherItems: other,
    phases: outcome.summary.ms,
    warnings: outcome.summary.warnings.length,
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const data = arg('data');
  const outDir = arg('out');
  if (!data || !outDir) {
    console.error('usage: node bench/matching/tilsyn-exact.mjs --data DIR --out DIR [--dist dist]');
    process.exit(2);
  }
  const dist = path.resolve(root, arg('dist') ?? 'dist');
  const { runMatching } = await import(pathToFileURL(path.join(dist, 'server/matching/pipeline.js')).href);
  const meta = JSON.parse(fs.readFileSync(path.join(data, 'meta.json'), 'utf8'));
  const result = await runTilsynExact(runMatching, meta, outDir);
  console.log(JSON.stringify({ ...result, vmHwmKb: vmHwmKb() }));
}
