// The matching core alone (src/domain/matching/match.ts, from dist/), on columns built in memory:
//  - exact: one exact 1:1 pass on (key, amount, day) over N rows per side shaped like the
//    generator's month (cases with several rows, repeats, 2 % missing, 1 % changed, 0.5 % split,
//    1 % timing, the right side in day order); rows/s is rows per side per second of matchSides.
//  - split: the 1:n / n:1 pass with 24 candidates per target: each target row on the left has its
//    own group holding 24 rows on the right; in half of the groups 3 of them sum to the target, in
//    the other half no subset does (odd target, even candidates), so the search runs to the end.
//
//   node bench/matching/core.mjs [--rows 1000000] [--targets 2000] [--seed 7] [--dist dist]
// Prints one JSON line: { rows, exactMs, exactRowsPerSec, matchedPairs, targets, splitMs, splitTargetsPerSec, ... }.
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { vmHwmKb } from './digest.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const rows = Number(arg('rows', '1000000'));
const targets = Number(arg('targets', '2000'));
const seed = Number(arg('seed', '7'));
const dist = path.resolve(root, arg('dist', 'dist'));
const { matchSides } = await import(pathToFileURL(path.join(dist, 'domain/matching/match.js')).href);

const FIRST = Date.UTC(2026, 10, 1) / 86400000; // 2026-11-01 in days since 1970
const LAST = FIRST + 29;

// xorshift32-based stream (fixed seed), and a stateless mix for key hashes
let st = (seed * 2654435761) >>> 0 || 1;
const u32 = () => {
  st ^= st << 13;
  st >>>= 0;
  st ^= st >>> 17;
  st ^= st << 5;
  st >>>= 0;
  return st;
};
const uni = () => u32() / 4294967296;
const mix32 = (x) => {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
};

function side(cap) {
  return {
    n: 0,
    keyHi: new Uint32Array(cap),
    keyLo: new Uint32Array(cap),
    groupHi: new Uint32Array(cap),
    groupLo: new Uint32Array(cap),
    amount: new Float64Array(cap),
    day: new Int32Array(cap),
    line: new Int32Array(cap),
    carried: new Uint8Array(cap),
  };
}
function push(s, hi, lo, ghi, glo, amount, day) {
  const i = s.n++;
  s.keyHi[i] = hi;
  s.keyLo[i] = lo;
  s.groupHi[i] = ghi;
  s.groupLo[i] = glo;
  s.amount[i] = amount;
  s.day[i] = day;
  s.line[i] = i + 2;
}

function exactInput(n) {
  const left = side(n);
  const tmp = side(Math.ceil(n * 1.05) + 16);
  let c = 0;
  while (left.n < n) {
    const hi = mix32(c * 2 + 1 + seed),
      lo = mix32(c * 2 + 2 + seed);
    const base = Math.round(Math.exp(Math.log(600000) + 0.9 * (uni() + uni() + uni() - 1.5) * 2));
    const mainDay = FIRST + (uni() < 0.7 ? 1 : 29);
    const k = Math.min(n - left.n, 1 + Math.floor(-Math.log(1 - uni()) * 2.5));
    for (let j = 0; j < k; j++) {
      let amount = j === 0 || uni() < 0.2 ? base : 1 + Math.floor(uni() * 200000);
      let day = j === 0 || uni() < 0.4 ? mainDay : FIRST + Math.floor(uni() * 30);
      const p = uni();
      if (p < 0.01) day = LAST - Math.floor(uni() * 2);
      push(left, hi, lo, hi, 0, amount, day);
      if (p < 0.03) continue; // timing or missing: not on the right
      if (p < 0.04) amount += 1 + Math.floor(uni() * 99);
      if (p < 0.045 && p >= 0.04 && amount > 2) {
        const cut = 1 + Math.floor(uni() * (amount - 1));
        push(tmp, hi, lo, hi, 0, cut, day);
        amount -= cut;
      }
      push(tmp, hi, lo, hi, 0, amount, day);
    }
    c++;
  }
  while (tmp.n < n) {
    const cc = Math.floor(uni() * c);
    push(tmp, mix32(cc * 2 + 1 + seed), mix32(cc * 2 + 2 + seed), 0, 0, 1 + Math.floor(uni() * 100000), FIRST + Math.floor(uni() * 30));
  }
  // the right side in day order, as a ledger extract comes
  const right = side(tmp.n);
  for (let d = FIRST; d <= LAST; d++) {
    for (let i = 0; i < tmp.n; i++) {
      if (tmp.day[i] !== d) continue;
      push(right, tmp.keyHi[i], tmp.keyLo[i], tmp.groupHi[i], 0, tmp.amount[i], d);
    }
  }
  return { left, right };
}

function splitInput(t) {
  const left = side(t);
  const right = side(t * 24);
  for (let g = 0; g < t; g++) {
    const ghi = mix32(g + 0x1000),
      glo = mix32(g + 0x2000);
    const day = FIRST + (g % 30);
    const cands = [];
    for (let j = 0; j < 24; j++) cands.push(2 * (50 + Math.floor(uni() * 50000)));
    let target;
    if (g % 2 === 0) {
      const a = Math.floor(uni() * 8),
        b = 8 + Math.floor(uni() * 8),
        c = 16 + Math.floor(uni() * 8);
      target = cands[a] + cands[b] + cands[c];
    } else {
      target = 2 * (50 + Math.floor(uni() * 50000)) + 1;
    }
    push(left, mix32(g * 3 + 7), mix32(g * 3 + 8), ghi, glo, target, day);
    for (let j = 0; j < 24; j++) push(right, mix32((g * 24 + j) * 5 + 11), mix32((g * 24 + j) * 5 + 12), ghi, glo, cands[j], day);
  }
  return { left, right };
}

const ctx = { periodFirstDay: FIRST, periodLastDay: LAST };
const ex = exactInput(rows);
const exactRules = { key: ['caseId', 'cpr'], groupKey: ['cpr'], passes: [{ kind: 'exact', useDate: true }] };
const runs = [];
let matchedPairs = 0;
const cpuRuns = [];
for (let r = 0; r < 3; r++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const res = matchSides(ex.left, ex.right, exactRules, ctx);
  runs.push(performance.now() - t0);
  // CPU time of this process while matchSides ran (it is single-threaded): the figure an idle core
  // would give, when other jobs share the machine's cores
  const c = process.cpuUsage(c0);
  cpuRuns.push((c.user + c.system) / 1000);
  matchedPairs = res.leftState.reduce((a, s) => a + (s === 1 ? 1 : 0), 0);
}
const exactMs = Math.min(...runs);

const sp = splitInput(targets);
const splitRules = { key: ['caseId'], groupKey: ['cpr'], passes: [{ kind: 'split', maxCandidates: 24, timeBudgetMs: 600_000, byMonth: true }] };
const t1 = performance.now();
const c1 = process.cpuUsage();
const sres = matchSides(sp.left, sp.right, splitRules, ctx);
const splitMs = performance.now() - t1;
const splitCpu = process.cpuUsage(c1);
const splitCpuMs = (splitCpu.user + splitCpu.system) / 1000;
let found = 0;
for (let i = 0; i < sp.left.n; i++) if (sres.leftState[i] === 2) found++;
const pass = sres.passes[0] ?? {};

// Part A's own core bench (src/domain/matching/bench.ts): the right side fully shuffled, and a
// no-solution target above every subset's sum; reported next to ours.
let own;
try {
  const b = await import(pathToFileURL(path.join(dist, 'domain/matching/bench.js')).href);
  const e = b.benchExact(rows, seed);
  const sp2 = b.benchSplit(targets, 24, seed);
  own = { exactRowsPerSec: e.rowsPerSecond, exactMs: e.ms, splitTargetsPerSec: sp2.targetsPerSecond, splitMs: sp2.ms, splitFound: sp2.found };
} catch (err) {
  own = { error: String(err?.message ?? err) };
}

console.log(
  JSON.stringify({
    rows,
    rightRows: ex.right.n,
    exactMs,
    exactRuns: runs,
    exactRowsPerSec: rows / (exactMs / 1000),
    exactCpuMs: Math.min(...cpuRuns),
    exactRowsPerCpuSec: rows / (Math.min(...cpuRuns) / 1000),
    matchedPairs,
    targets,
    splitMs,
    splitTargetsPerSec: targets / (splitMs / 1000),
    splitCpuMs,
    splitTargetsPerCpuSec: targets / (splitCpuMs / 1000),
    splitFound: found,
    splitExpected: Math.ceil(targets / 2),
    splitTimedOut: pass.timedOut ?? 0,
    coreBench: own,
    vmHwmKb: vmHwmKb(),
  }),
);
