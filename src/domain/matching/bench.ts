/**
 * Core-only figures for bench/matching (no CSV, no I/O): the exact pass in rows per second per
 * side and the split pass in targets per second, on fixed-seed synthetic columns. Kept next to the
 * core so the benchmark measures exactly what the pipeline calls.
 */
import { matchSides } from './match.js';
import type { MatchRules } from './rules.js';
import type { SideColumns } from './types.js';
import { allocSide } from './match.js';

/** mulberry32: small, fast, fixed-seed. */
function rng(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

export interface ExactBenchResult {
  rows: number;
  matchedPairs: number;
  ms: number;
  /** Rows per second per side: rows / seconds. */
  rowsPerSecond: number;
}

/**
 * n rows per side: the right side is the left in shuffled order with ~2 % of rows missing and
 * ~1 % of amounts changed, ~5 % duplicate keys; keys as random 64-bit hashes, amounts skewed.
 */
export function makeExactSides(n: number, seed = 1): { left: SideColumns; right: SideColumns } {
  const r = rng(seed);
  const left = allocSide(n);
  const right = allocSide(n);
  const dayBase = 20_454; // 2026-01-01
  for (let i = 0; i < n; i++) {
    const dup = i > 0 && r() % 20 === 0; // a second payment on an earlier case
    const src = dup ? r() % i : i;
    left.keyHi[i] = dup ? left.keyHi[src]! : r();
    left.keyLo[i] = dup ? left.keyLo[src]! : r();
    left.groupHi[i] = left.keyHi[i]!;
    left.groupLo[i] = left.keyLo[i]!;
    const mag = r() % 100;
    left.amount[i] = mag < 60 ? r() % 500_000 : mag < 95 ? r() % 5_000_000 : r() % 200_000_000;
    left.day[i] = dayBase + (r() % 31);
    left.line[i] = i + 2;
  }
  left.n = n;
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = r() % (i + 1);
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
  let m = 0;
  for (let k = 0; k < n; k++) {
    const i = perm[k]!;
    const roll = r() % 100;
    if (roll < 2) continue; // missing on the right
    right.keyHi[m] = left.keyHi[i]!;
    right.keyLo[m] = left.keyLo[i]!;
    right.groupHi[m] = left.groupHi[i]!;
    right.groupLo[m] = left.groupLo[i]!;
    right.amount[m] = roll < 3 ? left.amount[i]! + 100 : left.amount[i]!;
    right.day[m] = left.day[i]!;
    right.line[m] = m + 2;
    m++;
  }
  right.n = m;
  return { left, right };
}

export function benchExact(n: number, seed = 1): ExactBenchResult {
  const { left, right } = makeExactSides(n, seed);
  const rules: MatchRules = { key: ['caseId'], groupKey: ['caseId'], passes: [{ kind: 'exact', useDate: true }] };
  const t0 = performance.now();
  const res = matchSides(left, right, rules, { periodFirstDay: 20_454, periodLastDay: 20_484 });
  const ms = performance.now() - t0;
  return { rows: n, matchedPairs: res.passes[0]!.leftRows, ms, rowsPerSecond: n / (ms / 1000) };
}

export interface SplitBenchResult {
  targets: number;
  candidates: number;
  found: number;
  ms: number;
  targetsPerSecond: number;
}

/**
 * `targets` groups, each one left row against `candidates` right rows of the same group key: half
 * of the targets equal the sum of 3 of their candidates, the other half no subset (the search's
 * worst case: both halves fully enumerated). Targets/s counts the left targets examined.
 */
export function benchSplit(targets: number, candidates = 24, seed = 2): SplitBenchResult {
  const r = rng(seed);
  const left = allocSide(targets);
  const right = allocSide(targets * candidates);
  for (let t = 0; t < targets; t++) {
    const hi = r(),
      lo = r();
    let m = right.n;
    let sum3 = 0;
    for (let c = 0; c < candidates; c++) {
      right.groupHi[m] = hi;
      right.groupLo[m] = lo;
      right.keyHi[m] = r();
      right.keyLo[m] = r();
      right.amount[m] = 1 + (r() % 10_000_000);
      if (c < 3) sum3 += right.amount[m]!;
      right.day[m] = 20_454 + (r() % 28);
      right.line[m] = m + 2;
      m++;
    }
    right.n = m;
    left.groupHi[t] = hi;
    left.groupLo[t] = lo;
    left.keyHi[t] = r();
    left.keyLo[t] = r();
    left.amount[t] = t % 2 === 0 ? sum3 : 1_000_000_000_000;
    left.day[t] = 20_454 + (r() % 28);
    left.line[t] = t + 2;
  }
  left.n = targets;
  const rules: MatchRules = {
    key: ['caseId'],
    groupKey: ['caseId'],
    passes: [{ kind: 'split', maxCandidates: candidates, timeBudgetMs: 600_000, byMonth: false }],
  };
  const res = matchSides(left, right, rules, { periodFirstDay: 20_454, periodLastDay: 20_484 });
  const p = res.passes[0]!;
  return { targets, candidates, found: p.groups, ms: p.ms, targetsPerSecond: targets / (p.ms / 1000) };
}
