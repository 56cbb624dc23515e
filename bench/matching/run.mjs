// The matching benchmark, one command: for each size, generate (or reuse) a month's system and
// ledger extracts, run DuckDB's exact pass and Tilsyn's pipeline with one exact pass, each in its
// own process with its peak RSS measured (the process's VmHWM from /proc when its results are
// written: the whole process, native memory and worker threads included; GNU time's maximum
// resident set of the child, which also covers the comparison done after the timed part, is
// printed next to it),
// compare the unmatched multisets (must be identical: exit 1 if not), then the core alone
// (matchSides on in-memory columns) and the split pass at 24 candidates. Prints DuckDB's SQL and a
// table. Needs `npx tsc -p tsconfig.build.json` (or `npm run build`) first.
//
//   node bench/matching/run.mjs [--rows 1000000,10000000] [--seed 7] [--targets 2000] [--only duckdb|tilsyn] [--no-core] [--prof] [--duckdb-matched]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, defaultDir } from './generate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const sizes = arg('rows', '1000000,10000000')
  .split(',')
  .map((s) => Math.round(Number(s)));
const seed = Number(arg('seed', '7'));
const targets = Number(arg('targets', '2000'));
const only = arg('only', '');
const withCore = !process.argv.includes('--no-core');
const prof = process.argv.includes('--prof');
// also time DuckDB writing every matched row like Tilsyn's matched.csv (like for like)
const duckMatched = process.argv.includes('--duckdb-matched');
const gnuTime = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** Runs `node script args` in its own process; returns its last JSON line and its peak RSS in KiB. */
function child(script, args, nodeFlags = []) {
  const rssFile = path.join(os.tmpdir(), `tilsyn-bench-rss-${process.pid}.txt`);
  const cmd = gnuTime ? gnuTime : process.execPath;
  const nodeArgs = [...nodeFlags, path.join(here, script), ...args];
  const argv = gnuTime ? ['-f', '%M %U %S', '-o', rssFile, process.execPath, ...nodeArgs] : nodeArgs;
  const r = spawnSync(cmd, argv, { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error(`${script} exited with ${r.status ?? r.signal}`);
  const last = r.stdout.trim().split('\n').pop();
  const out = JSON.parse(last);
  let peakKb = out.vmHwmKb;
  if (gnuTime) {
    const [kb, user, sys] = fs.readFileSync(rssFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    peakKb = kb;
    // CPU seconds of the whole process (all threads): comparable across runs when the cores are shared
    out.cpuS = user + sys;
    fs.rmSync(rssFile, { force: true });
  }
  return { ...out, peakKb };
}

const fmtMs = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms).toLocaleString('en-US')} ms`);
const fmtRate = (r) => (r >= 1e6 ? `${(r / 1e6).toFixed(2)} M` : `${Math.round(r).toLocaleString('en-US')}`);
const fmtMb = (kb) => `${Math.round(kb / 1024).toLocaleString('en-US')} MiB`;
const fmtN = (n) => n.toLocaleString('en-US');

let failed = false;
let sqlPrinted = false;
const table = [];
for (const rows of sizes) {
  const g0 = performance.now();
  const meta = generate({ rows, seed, dir: defaultDir(rows, seed) });
  console.log(
    `[bench] ${fmtN(rows)} rows/side: ${meta.reused ? 'reusing' : 'generated'} ${path.dirname(meta.left)} (${((meta.bytes.left + meta.bytes.right) / 2 ** 20).toFixed(0)} MiB, ${((performance.now() - g0) / 1000).toFixed(1)} s)`,
  );
  const outRoot = path.join(path.dirname(meta.left), 'out');
  const row = { rows, rightRows: meta.rightRows };
  if (only !== 'tilsyn') {
    row.duckdb = child('duckdb-exact.mjs', ['--data', path.dirname(meta.left), '--out', path.join(outRoot, 'duckdb')]);
    if (!sqlPrinted) {
      console.log(`\n[bench] DuckDB's SQL (exact 1:1 on case id + CPR, amount, date; duplicates paired by row_number() in line order):\n\n${row.duckdb.sql}\n`);
      sqlPrinted = true;
    }
    console.log(
      `[bench] DuckDB: ${fmtMs(row.duckdb.ms)} (CPU ${(row.duckdb.cpuSTimed ?? row.duckdb.cpuS)?.toFixed(1)} s), peak ${fmtMb(row.duckdb.peakKbTimed ?? row.duckdb.peakKb)} (whole process incl. the comparison afterwards: ${fmtMb(row.duckdb.peakKb)}), ${fmtN(row.duckdb.matchedPairs)} pairs, unmatched ${fmtN(row.duckdb.left.count)} / ${fmtN(row.duckdb.right.count)}`,
    );
  }
  if (duckMatched && only !== 'tilsyn') {
    row.duckdbMatched = child('duckdb-exact.mjs', ['--data', path.dirname(meta.left), '--out', path.join(outRoot, 'duckdb-matched'), '--with-matched']);
    console.log(
      `[bench] DuckDB writing matched.csv too: ${fmtMs(row.duckdbMatched.ms)} (CPU ${(row.duckdbMatched.cpuSTimed ?? row.duckdbMatched.cpuS)?.toFixed(1)} s), peak ${fmtMb(row.duckdbMatched.peakKbTimed ?? row.duckdbMatched.peakKb)} (whole process incl. the comparison afterwards: ${fmtMb(row.duckdbMatched.peakKb)})`,
    );
  }
  if (only !== 'duckdb') {
    const profDir = path.join(outRoot, 'profile');
    row.tilsyn = child(
      'tilsyn-exact.mjs',
      ['--data', path.dirname(meta.left), '--out', path.join(outRoot, 'tilsyn')],
      prof ? ['--cpu-prof', '--cpu-prof-dir', profDir] : [],
    );
    if (prof) console.log(`[bench] Tilsyn CPU profiles (main thread and workers): ${profDir}`);
    console.log(
      `[bench] Tilsyn: ${fmtMs(row.tilsyn.ms)} (CPU ${(row.tilsyn.cpuSTimed ?? row.tilsyn.cpuS)?.toFixed(1)} s), peak ${fmtMb(row.tilsyn.peakKbTimed ?? row.tilsyn.peakKb)} (whole process incl. the comparison afterwards: ${fmtMb(row.tilsyn.peakKb)}), ${fmtN(row.tilsyn.matchedPairs)} pairs, unmatched ${fmtN(row.tilsyn.left.count)} / ${fmtN(row.tilsyn.right.count)}${row.tilsyn.phases ? `, phases ms ${JSON.stringify(row.tilsyn.phases, (k, v) => (typeof v === 'number' ? Math.round(v) : v))}` : ''}${row.tilsyn.write ? `, write ms ${JSON.stringify(row.tilsyn.write, (k, v) => (typeof v === 'number' ? Math.round(v) : v))}` : ''}${row.tilsyn.peakKbAt ? `, peak RSS MiB after read/match/write ${[row.tilsyn.peakKbAt.afterRead, row.tilsyn.peakKbAt.afterMatch, row.tilsyn.peakKbAt.end].map((k) => Math.round(k / 1024)).join('/')}` : ''}${row.tilsyn.cpuMs ? `, CPU ms ${JSON.stringify(row.tilsyn.cpuMs, (k, v) => (typeof v === 'number' ? Math.round(v) : v))}` : ''}`,
    );
  }
  if (row.duckdb && row.tilsyn) {
    row.identical = true;
    for (const s of ['left', 'right']) {
      const d = row.duckdb[s],
        t = row.tilsyn[s];
      const same = { count: d.count === t.count, sum: d.sumOre === t.sumOre, tuples: d.tuples === t.tuples, lines: d.lines === t.lines };
      if (!same.count || !same.sum || !same.tuples) {
        row.identical = false;
        failed = true;
        console.error(
          `[bench] MISMATCH ${s}: DuckDB ${d.count} rows / ${d.sumOre} øre, Tilsyn ${t.count} rows / ${t.sumOre} øre; tuples ${same.tuples ? 'same' : 'differ'}; diff ${path.join(outRoot, 'duckdb', `duckdb-${s}-lines.txt`)} ${path.join(outRoot, 'tilsyn', `tilsyn-${s}-lines.txt`)}`,
        );
      } else if (!same.lines) {
        // same multiset of (key, amount, date) but other lines among identical duplicates: pairing order differs
        row.identical = false;
        failed = true;
        console.error(`[bench] ${s}: same unmatched tuples but different lines (duplicates paired in another order)`);
      }
    }
    console.log(
      `[bench] unmatched multisets ${row.identical ? 'IDENTICAL' : 'DIFFER'} (count, Σ øre, SHA-256 of the sorted (case, CPR, øre, date) tuples and of the lines)`,
    );
  }
  if (withCore && only === '') {
    row.core = child('core.mjs', ['--rows', String(rows), '--targets', String(targets), '--seed', String(seed)]);
    console.log(
      `[bench] core: exact ${fmtRate(row.core.exactRowsPerSec)} rows/s per side (${fmtMs(row.core.exactMs)} best of 3; ${fmtRate(row.core.exactRowsPerCpuSec)} per CPU second), split ${fmtRate(row.core.splitTargetsPerSec)} targets/s (${row.core.splitFound} of ${row.core.targets} found, ${row.core.splitExpected} planted)` +
        (row.core.coreBench?.exactRowsPerSec
          ? `; Part A's benchExact ${fmtRate(row.core.coreBench.exactRowsPerSec)} rows/s, benchSplit ${fmtRate(row.core.coreBench.splitTargetsPerSec)} targets/s`
          : ''),
    );
  }
  table.push(row);
}

const lines = [
  '| rows/side | Tilsyn time | DuckDB time | ratio Tilsyn ÷ DuckDB | Tilsyn rows/s/side | DuckDB rows/s/side | Tilsyn peak RSS | DuckDB peak RSS | CPU s Tilsyn / DuckDB | unmatched left / right | identical | core exact rows/s/side (per CPU s) | split targets/s (24 cand.) |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|---:|---:|',
];
for (const r of table) {
  const t = r.tilsyn,
    d = r.duckdb;
  lines.push(
    `| ${fmtN(r.rows)} | ${t ? fmtMs(t.ms) : '–'} | ${d ? fmtMs(d.ms) : '–'} | ${t && d ? (t.ms / d.ms).toFixed(2) : '–'} | ${t ? fmtRate(r.rows / (t.ms / 1000)) : '–'} | ${d ? fmtRate(r.rows / (d.ms / 1000)) : '–'} | ${t ? fmtMb(t.peakKbTimed ?? t.peakKb) : '–'} | ${d ? fmtMb(d.peakKbTimed ?? d.peakKb) : '–'} | ${t ? ((t.cpuSTimed ?? t.cpuS)?.toFixed(1) ?? '–') : '–'} / ${d ? ((d.cpuSTimed ?? d.cpuS)?.toFixed(1) ?? '–') : '–'} | ${d ? `${fmtN(d.left.count)} / ${fmtN(d.right.count)}` : t ? `${fmtN(t.left.count)} / ${fmtN(t.right.count)}` : '–'} | ${r.identical === undefined ? '–' : r.identical ? 'yes' : 'NO'} | ${r.core ? fmtRate(r.core.exactRowsPerSec) + ` (${fmtRate(r.core.exactRowsPerCpuSec)})` + (r.core.coreBench?.exactRowsPerSec ? ` (A: ${fmtRate(r.core.coreBench.exactRowsPerSec)})` : '') : '–'} | ${r.core ? fmtRate(r.core.splitTargetsPerSec) + (r.core.coreBench?.splitTargetsPerSec ? ` (A: ${fmtRate(r.core.coreBench.splitTargetsPerSec)})` : '') : '–'} |`,
  );
}
for (const r of table) {
  if (r.duckdbMatched && r.tilsyn)
    lines.push(
      `| ${fmtN(r.rows)}, DuckDB also writing matched.csv | ${fmtMs(r.tilsyn.ms)} | ${fmtMs(r.duckdbMatched.ms)} | ${(r.tilsyn.ms / r.duckdbMatched.ms).toFixed(2)} | | ${fmtRate(r.rows / (r.duckdbMatched.ms / 1000))} | | ${fmtMb(r.duckdbMatched.peakKbTimed ?? r.duckdbMatched.peakKb)} | – / ${(r.duckdbMatched.cpuSTimed ?? r.duckdbMatched.cpuS)?.toFixed(1) ?? '–'} | | | | |`,
    );
}
console.log('\n' + lines.join('\n'));
console.log(`\nGoals: end-to-end ≤ 1.5× DuckDB; core ≥ 5 M rows/s; peak RSS ≤ 1.5 GB at 10M rows/side; split ≥ 1,000 targets/s.`);
process.exit(failed ? 1 : 0);
