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
// (peak RSS so far, read at phase changes, says which phase sets the process's peak)

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
    left: {
      format: 'csv',
      ...meta.leftFormat,
      negate: false,
      columns: { amount: lAmount, date: lDate, caseId: lCase, cpr: lCpr, account: lAcct, text: lText },
    },
    right: {
      format: 'csv',
      ...meta.rightFormat,
      negate: false,
      columns: { amount: rAmount, date: rDate, caseId: rCase, cpr: rCpr, account: rAcct, text: rText },
    },
  };
}

/** Runs the pipeline; `runMatching` is passed in so the test can use the TypeScript source. */
export async function runTilsynExact(runMatching, meta, outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  const configs = sourceConfigs(meta);
  // the pipeline reports write progress after matched.csv (0.4) and after each side's unmatched
  // file (0.7, 1): the write phase split into its three parts
  // CPU time too (process-wide: the read phase's two workers, then the main thread alone), since
  // wall time stretches when other jobs share the cores
  const marks = {};
  const cpu = {};
  const cpuMs = () => {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1000;
  };
  const hwm = {};
  const onProgress = (p) => {
    if (hwm[p.phase] === undefined) hwm[p.phase] = vmHwmKb();
    if (p.phase === 'write' && marks[p.fraction] === undefined) {
      marks[p.fraction] = performance.now();
      cpu[`write${p.fraction}`] = cpuMs();
    }
    if (p.phase === 'match' && cpu.match === undefined) cpu.match = cpuMs();
  };
  const t0 = performance.now();
  cpu.start = cpuMs();
  const outcome = await runMatching({
    onProgress,
    left: { path: meta.left, config: configs.left },
    right: { path: meta.right, config: configs.right },
    rules: EXACT_RULES,
    period: meta.period,
    hashKey: crypto.randomBytes(32),
    outDir,
  });
  const ms = performance.now() - t0;
  cpu.end = cpuMs();
  hwm.end = vmHwmKb();
  const rows = (side) =>
    outcome.items
      .filter((it) => it.side === side && it.state === 'unmatched')
      .map((it) => ({ line: it.line, caseId: it.caseId ?? '', cpr: it.cpr ?? '', ore: it.amountOre, date: it.date ?? '' }));
  const leftRows = rows('left');
  const rightRows = rows('right');
  const left = digestSide(leftRows, outDir, 'tilsyn-left');
  const right = digestSide(rightRows, outDir, 'tilsyn-right');
  const other = outcome.items.length - leftRows.length - rightRows.length;
  return {
    ms,
    // the process's peak RSS when the results are written, before the comparison above
    peakKbTimed: hwm.end,
    cpuSTimed: (cpu.end - cpu.start) / 1000,
    matchedPairs: outcome.summary.left.matched.rows,
    left,
    right,
    otherItems: other,
    phases: outcome.summary.ms,
    write:
      marks[0] !== undefined && marks[1] !== undefined
        ? {
            matchedCsv: marks[0.4] - marks[0],
            unmatchedLeft: marks[0.7] - marks[0.4],
            unmatchedRight: marks[1] - marks[0.7],
          }
        : null,
    // peak RSS (KiB) reached before the match phase started (= the read phase's), before the
    // write phase (read + match), and at the end
    peakKbAt: { afterRead: hwm.match, afterMatch: hwm.write, end: hwm.end },
    cpuMs:
      cpu.write0 !== undefined && cpu.write1 !== undefined
        ? {
            read: cpu.match - cpu.start,
            match: cpu.write0 - cpu.match,
            matchedCsv: cpu['write0.4'] - cpu.write0,
            unmatched: cpu.write1 - cpu['write0.4'],
            total: cpu.end - cpu.start,
          }
        : null,
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
