/**
 * The matching core: both sides as typed-array columns in, a group id and a state per row out.
 * Pure and synchronous (the pipeline runs it in a worker thread). Passes run in the rules' order,
 * each only on rows the earlier passes left unmatched, so a row is matched at most once and ends in
 * exactly one state.
 *
 * Pass semantics (the tests' brute-force references implement the same definitions naively):
 * - exact: 1:1 on (key, amount[, day]); duplicates of a combination are paired in row order (the
 *   i-th left row with the i-th right row of the same combination, as SQL's row_number() per
 *   combination does). A missing date (NO_DAY) equals a missing date (SQL: IS NOT DISTINCT FROM).
 * - tolerance: 1:1 within the same key when |a − b| ≤ max(amountOre, amountPercent·max(|a|,|b|)/100)
 *   and the days are at most dateWindowDays apart (a missing date only pairs with a missing date).
 *   Greedy closest-first: all qualifying pairs of a key sorted by (|a − b|, day distance, left line,
 *   right line) and taken while both rows are free. In a key with more than 1,024 left×right
 *   combinations each left row considers only its 32 nearest amounts (bounds the work on a
 *   degenerate key, e.g. an empty case id on every row).
 * - split: buckets of the group key (and calendar month when byMonth). A bucket whose left sum equals
 *   its right sum becomes one group. Otherwise each row (left rows in row order, then right rows) is a
 *   target: among the free rows of the other side in its bucket (non-zero; when none has the opposite
 *   sign, only those not larger than the target), at most maxCandidates (the nearest in date, ties by
 *   row) are searched by meet-in-the-middle for a subset of ≥ 2 rows summing exactly to the target:
 *   fewest rows first, ties broken by the smallest bit mask over the candidates in row order (bit i =
 *   i-th candidate). Every split group is a suggestion (RowState.suggested). When the pass's time
 *   budget runs out it stops; timedOut counts the targets not examined.
 * - timing: rows still unmatched, not carried, dated in the last lastDays days of the period.
 */
import { civil, civilFromDays } from './days.js';
import { hashFields, hashKeyFrom, hashOut, type HashKey } from './hash.js';
import type { MatchRules, Pass, PassKind, SplitPass, TolerancePass } from './rules.js';
import { NO_DAY, RowState, type SideColumns } from './types.js';

export interface MatchContext {
  /** First and last day (days since 1970-01-01) of the run's period. */
  periodFirstDay: number;
  periodLastDay: number;
  /** Clock in ms (default performance.now); injectable so time budgets can be tested. */
  now?: () => number;
  onProgress?: (fraction: number) => void;
}

export interface PassStats {
  /** Index into rules.passes. */
  index: number;
  kind: PassKind;
  groups: number;
  leftRows: number;
  rightRows: number;
  leftAmountOre: number;
  rightAmountOre: number;
  ms: number;
  /** Split pass only, when its time budget ran out: targets not examined. */
  timedOut?: number;
}

export interface MatchResult {
  /** Per row: 0 = no group, else the 1-based group id. */
  leftGroup: Int32Array;
  rightGroup: Int32Array;
  /** Per row: a RowState value. */
  leftState: Uint8Array;
  rightState: Uint8Array;
  /** pass[g] = index into rules.passes of the pass that made group g (pass[0] unused). */
  groups: { count: number; pass: Uint8Array };
  passes: PassStats[];
}

/** Run state shared by the passes. */
interface Run {
  L: SideColumns;
  R: SideColumns;
  lState: Uint8Array;
  rState: Uint8Array;
  lGroup: Int32Array;
  rGroup: Int32Array;
  groupPass: Uint8Array;
  groupCount: number;
  now: () => number;
}

export function matchSides(left: SideColumns, right: SideColumns, rules: MatchRules, ctx: MatchContext): MatchResult {
  const now = ctx.now ?? (() => performance.now());
  const run: Run = {
    L: left,
    R: right,
    lState: new Uint8Array(left.n),
    rState: new Uint8Array(right.n),
    lGroup: new Int32Array(left.n),
    rGroup: new Int32Array(right.n),
    // Every group holds at least one row of each side, so there are at most min(nL, nR) groups.
    groupPass: new Uint8Array(Math.min(left.n, right.n) + 1),
    groupCount: 0,
    now,
  };
  const passes: PassStats[] = [];
  rules.passes.forEach((pass, index) => {
    const stats: PassStats = {
      index,
      kind: pass.kind,
      groups: 0,
      leftRows: 0,
      rightRows: 0,
      leftAmountOre: 0,
      rightAmountOre: 0,
      ms: 0,
    };
    const t0 = now();
    const g0 = run.groupCount;
    runPass(run, pass, index, stats, ctx);
    stats.groups = run.groupCount - g0;
    stats.ms = now() - t0;
    passes.push(stats);
    ctx.onProgress?.((index + 1) / rules.passes.length);
  });
  return {
    leftGroup: run.lGroup,
    rightGroup: run.rGroup,
    leftState: run.lState,
    rightState: run.rState,
    groups: { count: run.groupCount, pass: run.groupPass.subarray(0, run.groupCount + 1) },
    passes,
  };
}

function runPass(run: Run, pass: Pass, index: number, stats: PassStats, ctx: MatchContext): void {
  switch (pass.kind) {
    case 'exact':
      exactPass(run, pass.useDate, index, stats);
      return;
    case 'tolerance':
      tolerancePass(run, pass, index, stats);
      return;
    case 'split':
      splitPass(run, pass, index, stats);
      return;
    case 'timing':
      timingPass(run, pass.lastDays, ctx, stats);
      return;
  }
}

function nextPow2(x: number): number {
  let p = 16;
  while (p < x) p *= 2;
  return p;
}

/** Put one left row and one right row in a new group (exact and tolerance pairs). */
function pair(run: Run, l: number, r: number, passIndex: number, stats: PassStats): void {
  const g = ++run.groupCount;
  run.groupPass[g] = passIndex;
  run.lState[l] = RowState.matched;
  run.rState[r] = RowState.matched;
  run.lGroup[l] = g;
  run.rGroup[r] = g;
  stats.leftRows++;
  stats.rightRows++;
  stats.leftAmountOre += run.L.amount[l]!;
  stats.rightAmountOre += run.R.amount[r]!;
}

// ---------------------------------------------------------------------------------------------
// Exact pass

/**
 * A partitioned (radix) hash join, the cache-conscious way: row-by-row probing of one big hash
 * table spends nearly all its time waiting for cache and TLB misses (measured ~3M rows/s at 10M
 * rows on 4 KB pages); here every random access stays inside a partition small enough for L2.
 *  1. Each side's unmatched rows are scattered by the top bits of their (key, amount, day) hash into
 *     P partitions of packed 3-5 int records (see fill), stable, so each partition keeps row order.
 *  2. Per partition: a small open-addressing table over the build side's records (chained in row
 *     order), probed by the other side's records in row order: the i-th row of a combination on one
 *     side pairs with the i-th on the other (SQL's row_number() per combination).
 *  3. Each side is swept in row order again, reading each row's partition (kept from step 1) and
 *     its result (packed at the front of the partition's records) from that partition's cursor, to
 *     write group ids and states sequentially.
 * Scatter and gather touch P sequential streams, not random lines. 14-22 bytes a row per side
 * (18 for the usual exact pass with dates and amounts under ±21 million kr).
 * Amounts are split exactly into floor(a / 2^32) and the rest, so any safe integer compares.
 */
const PART_ROWS = 16384;

/** Hash of (key, amount, day); the key half is already a keyed hash. */
function comboHash(keyLo: number, aLo: number, aHi: number, day: number): number {
  let h = keyLo ^ Math.imul(aLo, 0x9e3779b1) ^ Math.imul(day ^ aHi, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return h ^ (h >>> 16);
}

interface Partitioned {
  /** Start record of each partition (P + 1 entries). */
  start: Int32Array;
  recs: Int32Array;
  /** Partition of each row (unmatched rows only), so the fill and the gather need no second hash. */
  partOf: Uint16Array;
  /** Some amount is outside the int32 range: records then carry the amount's high word too. */
  big: boolean;
}

/** Step 1a: each unmatched row's partition, and the partitions' sizes. */
function histogram(side: SideColumns, state: Uint8Array, useDate: boolean, shift: number, parts: number): Partitioned {
  const { keyLo, amount, day } = side;
  const n = side.n;
  const start = new Int32Array(parts + 1);
  const partOf = new Uint16Array(n);
  let big = false;
  for (let i = 0; i < n; i++) {
    if (state[i] !== RowState.unmatched) continue;
    const a = amount[i]!;
    const aHi = Math.floor(a / 4294967296) | 0;
    if ((a | 0) !== a) big = true;
    const h = comboHash(keyLo[i]! | 0, (a - aHi * 4294967296) | 0, aHi, useDate ? day[i]! : 0);
    const p = (h >>> 1) >>> (shift - 1);
    partOf[i] = p;
    start[p + 1]!++;
  }
  for (let p = 0; p < parts; p++) start[p + 1]! += start[p]!;
  return { start, recs: new Int32Array(0), partOf, big };
}

/**
 * Step 1b: the records, [keyLo, keyHi, amountLo, (amountHi when big), (day when useDate)]. When
 * every amount is an int32, amountLo is the amount itself, so the high word can go.
 */
function fill(side: SideColumns, state: Uint8Array, part: Partitioned, parts: number, big: boolean, useDate: boolean): void {
  const { keyLo, keyHi, amount, day } = side;
  const { start, partOf } = part;
  const rec = 3 + (big ? 1 : 0) + (useDate ? 1 : 0);
  const dOff = big ? 4 : 3;
  const recs = new Int32Array(start[parts]! * rec);
  const cur = start.slice(0, parts);
  for (let p = 0; p < parts; p++) cur[p] = cur[p]! * rec;
  for (let i = 0; i < side.n; i++) {
    if (state[i] !== RowState.unmatched) continue;
    const a = amount[i]!;
    const aHi = Math.floor(a / 4294967296) | 0;
    const p = partOf[i]!;
    const o = cur[p]!;
    recs[o] = keyLo[i]! | 0;
    recs[o + 1] = keyHi[i]! | 0;
    recs[o + 2] = (a - aHi * 4294967296) | 0;
    if (big) recs[o + 3] = aHi;
    if (useDate) recs[o + dOff] = day[i]!;
    cur[p] = o + rec;
  }
  part.recs = recs;
}

/** Step 3 for one side: group ids from the partitions' results back to the rows, in row order. */
function gather(side: SideColumns, state: Uint8Array, group: Int32Array, part: Partitioned, parts: number): { rows: number; sum: number } {
  const { recs, partOf } = part;
  const amount = side.amount;
  const cur = part.start.slice(0, parts);
  let rows = 0,
    sum = 0;
  for (let i = 0; i < side.n; i++) {
    if (state[i] !== RowState.unmatched) continue;
    const g = recs[cur[partOf[i]!]!++]!;
    if (g > 0) {
      group[i] = g;
      state[i] = RowState.matched;
      rows++;
      sum += amount[i]!;
    }
  }
  return { rows, sum };
}

function exactPass(run: Run, useDate: boolean, passIndex: number, stats: PassStats): void {
  // Build on the smaller side; pairing the i-th with the i-th is symmetric.
  const leftBuilds = run.L.n < run.R.n;
  const B = leftBuilds ? run.L : run.R;
  const P = leftBuilds ? run.R : run.L;
  const bState = leftBuilds ? run.lState : run.rState;
  const pState = leftBuilds ? run.rState : run.lState;
  let m = 0;
  for (let r = 0; r < B.n; r++) if (bState[r] === RowState.unmatched) m++;
  if (m === 0) return;
  // ≤ 16k build rows a partition: its records, table and chains (~600 KB) stay in L2.
  let bits = 0;
  while (bits < 14 && m >>> bits > PART_ROWS) bits++;
  const parts = 1 << bits;
  // Partition = top `bits` bits of the hash, as (h >>> 1) >>> (shift − 1) because JS shifts
  // count mod 32 (h >>> 32 would be h, not 0).
  const shift = 32 - bits;
  const pb = histogram(B, bState, useDate, shift, parts);
  const pp = histogram(P, pState, useDate, shift, parts);
  const big = pb.big || pp.big;
  const rec = 3 + (big ? 1 : 0) + (useDate ? 1 : 0);
  const dOff = big ? 4 : 3;
  fill(B, bState, pb, parts, big, useDate);
  fill(P, pState, pp, parts, big, useDate);

  let maxB = 0;
  for (let p = 0; p < parts; p++) maxB = Math.max(maxB, pb.start[p + 1]! - pb.start[p]!);
  let cap = 16;
  while (cap < maxB * 2) cap *= 2;
  const table = new Int32Array(cap);
  const next = new Int32Array(maxB);
  const bRes = new Int32Array(maxB);
  const bRecs = pb.recs,
    pRecs = pp.recs;
  let g = run.groupCount;
  const groupPass = run.groupPass;

  for (let p = 0; p < parts; p++) {
    const b0 = pb.start[p]!,
      nb = pb.start[p + 1]! - b0;
    const p0 = pp.start[p]!,
      p1 = pp.start[p + 1]!;
    if (nb === 0) {
      for (let k = p0; k < p1; k++) pRecs[k] = 0;
      continue;
    }
    let c = 16;
    while (c < nb * 2) c *= 2;
    const mask = c - 1;
    table.fill(0, 0, c);
    // Insert in reverse so each combination's chain runs in row order. code: 0 empty, k+1 head
    // record k, −(k+1) combination used up (record k kept to compare against).
    for (let k = nb - 1; k >= 0; k--) {
      const o = (b0 + k) * rec;
      const kLo = bRecs[o]!,
        kHi = bRecs[o + 1]!,
        aLo = bRecs[o + 2]!;
      const aHi = big ? bRecs[o + 3]! : 0,
        d = useDate ? bRecs[o + dOff]! : 0;
      let s = comboHash(kLo, aLo, aHi, d) & mask;
      bRes[k] = 0;
      for (;;) {
        const code = table[s]!;
        if (code === 0) {
          table[s] = k + 1;
          next[k] = -1;
          break;
        }
        const q = (b0 + code - 1) * rec;
        if (bRecs[q] === kLo && bRecs[q + 1] === kHi && bRecs[q + 2] === aLo && (!big || bRecs[q + 3] === aHi) && (!useDate || bRecs[q + dOff] === d)) {
          next[k] = code - 1;
          table[s] = k + 1;
          break;
        }
        s = (s + 1) & mask;
      }
    }
    for (let k = p0; k < p1; k++) {
      const o = k * rec;
      const kLo = pRecs[o]!,
        kHi = pRecs[o + 1]!,
        aLo = pRecs[o + 2]!;
      const aHi = big ? pRecs[o + 3]! : 0,
        d = useDate ? pRecs[o + dOff]! : 0;
      let s = comboHash(kLo, aLo, aHi, d) & mask;
      let got = 0;
      for (;;) {
        const code = table[s]!;
        if (code === 0) break;
        const j = code > 0 ? code - 1 : -code - 1;
        const q = (b0 + j) * rec;
        if (bRecs[q] === kLo && bRecs[q + 1] === kHi && bRecs[q + 2] === aLo && (!big || bRecs[q + 3] === aHi) && (!useDate || bRecs[q + dOff] === d)) {
          if (code > 0) {
            const nx = next[j]!;
            table[s] = nx >= 0 ? nx + 1 : -(j + 1);
            got = ++g;
            groupPass[g] = passIndex;
            bRes[j] = g;
          }
          break;
        }
        s = (s + 1) & mask;
      }
      // Results go compactly to recs[start + k]: below every record still to be read (those
      // are at (start + k')·rec, k' > k, rec ≥ 3), so the gather reads 16 results a cache line.
      pRecs[k] = got;
    }
    for (let k = 0; k < nb; k++) bRecs[b0 + k] = bRes[k]!;
  }
  run.groupCount = g;
  const bGroup = leftBuilds ? run.lGroup : run.rGroup;
  const pGroup = leftBuilds ? run.rGroup : run.lGroup;
  const gb = gather(B, bState, bGroup, pb, parts);
  const gp = gather(P, pState, pGroup, pp, parts);
  stats.leftRows += leftBuilds ? gb.rows : gp.rows;
  stats.rightRows += leftBuilds ? gp.rows : gb.rows;
  stats.leftAmountOre += leftBuilds ? gb.sum : gp.sum;
  stats.rightAmountOre += leftBuilds ? gp.sum : gb.sum;
}

// ---------------------------------------------------------------------------------------------
// Buckets: the unmatched rows of both sides grouped by a 64-bit hash (+ an extra int, the month)

interface Buckets {
  count: number;
  /** Rows of bucket b on the left: lRows[lStart[b] .. lStart[b+1]), in row order. */
  lStart: Int32Array;
  lRows: Int32Array;
  rStart: Int32Array;
  rRows: Int32Array;
}

/** Month index (year·12 + month − 1) of a day number; −1 for NO_DAY. */
export function monthOfDay(day: number): number {
  if (day === NO_DAY) return -1;
  civilFromDays(day);
  return civil[0]! * 12 + civil[1]! - 1;
}

function bucketize(run: Run, byGroup: boolean, byMonth: boolean): Buckets {
  const { L, R, lState, rState } = run;
  let nl = 0,
    nr = 0;
  for (let i = 0; i < L.n; i++) if (lState[i] === RowState.unmatched) nl++;
  for (let i = 0; i < R.n; i++) if (rState[i] === RowState.unmatched) nr++;
  const total = nl + nr;
  const cap = nextPow2(Math.ceil(total * 1.3));
  const mask = cap - 1;
  const table = new Int32Array(cap); // bucket id + 1
  const repHi = new Uint32Array(Math.max(1, total));
  const repLo = new Uint32Array(Math.max(1, total));
  const repX = new Int32Array(Math.max(1, total));
  const lb = new Int32Array(nl); // bucket of the k-th eligible left row
  const rb = new Int32Array(nr);
  const lIdx = new Int32Array(nl);
  const rIdx = new Int32Array(nr);
  let count = 0;

  const assign = (side: SideColumns, state: Uint8Array, idx: Int32Array, bucketOf: Int32Array): void => {
    const hiCol = byGroup ? side.groupHi : side.keyHi;
    const loCol = byGroup ? side.groupLo : side.keyLo;
    let k = 0;
    for (let i = 0; i < side.n; i++) {
      if (state[i] !== RowState.unmatched) continue;
      const hi = hiCol[i]!,
        lo = loCol[i]!;
      const x = byMonth ? monthOfDay(side.day[i]!) : 0;
      let h = lo ^ Math.imul(x, 0x9e3779b1);
      h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
      h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
      h ^= h >>> 16;
      let s = h & mask;
      let b: number;
      for (;;) {
        const code = table[s]!;
        if (code === 0) {
          b = count++;
          repHi[b] = hi;
          repLo[b] = lo;
          repX[b] = x;
          table[s] = b + 1;
          break;
        }
        const o = code - 1;
        if (repLo[o] === lo && repHi[o] === hi && repX[o] === x) {
          b = o;
          break;
        }
        s = (s + 1) & mask;
      }
      idx[k] = i;
      bucketOf[k] = b;
      k++;
    }
  };
  assign(L, lState, lIdx, lb);
  assign(R, rState, rIdx, rb);

  // Counting sort by bucket, stable, so each bucket's rows stay in row order.
  const csr = (idx: Int32Array, bucketOf: Int32Array): [Int32Array, Int32Array] => {
    const start = new Int32Array(count + 1);
    for (let k = 0; k < bucketOf.length; k++) start[bucketOf[k]! + 1]!++;
    for (let b = 0; b < count; b++) start[b + 1]! += start[b]!;
    const fill = start.slice(0, count);
    const rows = new Int32Array(idx.length);
    for (let k = 0; k < idx.length; k++) rows[fill[bucketOf[k]!]!++] = idx[k]!;
    return [start, rows];
  };
  const [lStart, lRows] = csr(lIdx, lb);
  const [rStart, rRows] = csr(rIdx, rb);
  return { count, lStart, lRows, rStart, rRows };
}

// ---------------------------------------------------------------------------------------------
// Tolerance pass

/** |a − b| within the pass's amount tolerance. The tests' reference uses the same expression. */
export function withinAmount(a: number, b: number, amountOre: number, amountPercent: number): boolean {
  return Math.abs(a - b) <= Math.max(amountOre, (amountPercent * Math.max(Math.abs(a), Math.abs(b))) / 100);
}

/** Day distance, or −1 when the dates cannot pair (one has a date and the other not). */
function dayDistance(a: number, b: number): number {
  if (a === NO_DAY || b === NO_DAY) return a === b ? 0 : -1;
  return Math.abs(a - b);
}

const FULL_PAIRS = 1024;
const NEAREST = 32;

function tolerancePass(run: Run, pass: TolerancePass, passIndex: number, stats: PassStats): void {
  const bk = bucketize(run, false, false);
  const { L, R } = run;
  const lAmt = L.amount,
    rAmt = R.amount,
    lDay = L.day,
    rDay = R.day;
  const { amountOre, amountPercent, dateWindowDays } = pass;
  // Candidate pairs of the current bucket (grown as needed).
  let pl = new Int32Array(256);
  let pr = new Int32Array(256);
  let pd = new Float64Array(256);
  let pdd = new Int32Array(256);
  let np = 0;
  const push = (l: number, r: number, diff: number, dd: number): void => {
    if (np === pl.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      pl = grow(pl);
      pr = grow(pr);
      pd = grow(pd);
      pdd = grow(pdd);
    }
    pl[np] = l;
    pr[np] = r;
    pd[np] = diff;
    pdd[np] = dd;
    np++;
  };
  const consider = (l: number, r: number): boolean => {
    const a = lAmt[l]!,
      b = rAmt[r]!;
    if (!withinAmount(a, b, amountOre, amountPercent)) return false;
    const dd = dayDistance(lDay[l]!, rDay[r]!);
    if (dd >= 0 && dd <= dateWindowDays) push(l, r, Math.abs(a - b), dd);
    return true;
  };

  let sorted = new Int32Array(64);
  for (let b = 0; b < bk.count; b++) {
    const l0 = bk.lStart[b]!,
      l1 = bk.lStart[b + 1]!;
    const r0 = bk.rStart[b]!,
      r1 = bk.rStart[b + 1]!;
    if (l0 === l1 || r0 === r1) continue;
    np = 0;
    if ((l1 - l0) * (r1 - r0) <= FULL_PAIRS) {
      for (let i = l0; i < l1; i++) for (let j = r0; j < r1; j++) consider(bk.lRows[i]!, bk.rRows[j]!);
    } else {
      // Right rows sorted by amount; each left row walks outward from its amount, nearest first.
      // Outside the tolerance on one side means outside for every row further out (the bound grows
      // by at most 1 øre per øre of distance), so each direction stops at its first miss.
      const nr = r1 - r0;
      if (sorted.length < nr) sorted = new Int32Array(nr * 2);
      const rs = sorted.subarray(0, nr);
      rs.set(bk.rRows.subarray(r0, r1));
      rs.sort((x, y) => rAmt[x]! - rAmt[y]! || x - y);
      for (let i = l0; i < l1; i++) {
        const l = bk.lRows[i]!;
        const a = lAmt[l]!;
        let lo = 0,
          hi = nr;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (rAmt[rs[mid]!]! < a) lo = mid + 1;
          else hi = mid;
        }
        let up = lo,
          down = lo - 1,
          taken = 0;
        let upOk = up < nr,
          downOk = down >= 0;
        while (taken < NEAREST && (upOk || downOk)) {
          const useUp = upOk && (!downOk || rAmt[rs[up]!]! - a <= a - rAmt[rs[down]!]!);
          if (useUp) {
            if (consider(l, rs[up]!)) {
              taken++;
              up++;
              upOk = up < nr;
            } else upOk = false;
          } else {
            if (consider(l, rs[down]!)) {
              taken++;
              down--;
              downOk = down >= 0;
            } else downOk = false;
          }
        }
      }
    }
    if (np === 0) continue;
    const order = new Int32Array(np);
    for (let k = 0; k < np; k++) order[k] = k;
    order.sort((x, y) => pd[x]! - pd[y]! || pdd[x]! - pdd[y]! || pl[x]! - pl[y]! || pr[x]! - pr[y]!);
    for (let k = 0; k < np; k++) {
      const o = order[k]!;
      const l = pl[o]!,
        r = pr[o]!;
      if (run.lState[l] === RowState.unmatched && run.rState[r] === RowState.unmatched) pair(run, l, r, passIndex, stats);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Split pass

const MAX_HALF = 12; // 24 candidates → two halves of 12: 4,096 subsets each
const popcount = new Uint8Array(1 << MAX_HALF);
for (let i = 1; i < popcount.length; i++) popcount[i] = popcount[i >> 1]! + (i & 1);
const sumsA = new Float64Array(1 << MAX_HALF);
const sumsB = new Float64Array(1 << MAX_HALF);
const T_BITS = MAX_HALF + 1;
const T_SIZE = 1 << T_BITS;
const tKey = new Float64Array(T_SIZE);
const tStamp = new Int32Array(T_SIZE);
const tPc1 = new Uint8Array(T_SIZE); // best subset with ≥ 1 row: size, mask
const tM1 = new Int32Array(T_SIZE);
const tPc2 = new Uint8Array(T_SIZE); // best subset with ≥ 2 rows (0 = none)
const tM2 = new Int32Array(T_SIZE);
let stamp = 0;

function sumSlot(s: number): number {
  const x = (s | 0) ^ ((s / 4294967296) | 0);
  return Math.imul(x, 0x9e3779b1) >>> (32 - T_BITS);
}

/**
 * Meet-in-the-middle exact subset sum over amounts[0..k) (k ≤ 24): the subset of ≥ 2 items summing
 * to target with the fewest items, ties broken by the smallest mask (bit i = item i). −1 if none.
 */
export function subsetSum(amounts: Float64Array, k: number, target: number): number {
  if (k > 2 * MAX_HALF) throw new Error(`subsetSum: at most ${2 * MAX_HALF} candidates`);
  const h = k >> 1;
  const nA = 1 << h,
    nB = 1 << (k - h);
  sumsA[0] = 0;
  for (let m = 1; m < nA; m++) {
    const low = m & -m;
    sumsA[m] = sumsA[m ^ low]! + amounts[31 - Math.clz32(low)]!;
  }
  sumsB[0] = 0;
  if (++stamp === 0x7fffffff) {
    tStamp.fill(0);
    stamp = 1;
  }
  for (let m = 1; m < nB; m++) {
    const low = m & -m;
    const s = sumsB[m ^ low]! + amounts[h + 31 - Math.clz32(low)]!;
    sumsB[m] = s;
    const pc = popcount[m]!;
    let t = sumSlot(s);
    for (;;) {
      if (tStamp[t] !== stamp) {
        tStamp[t] = stamp;
        tKey[t] = s;
        tPc1[t] = pc;
        tM1[t] = m;
        tPc2[t] = pc >= 2 ? pc : 0;
        tM2[t] = m;
        break;
      }
      if (tKey[t] === s) {
        // Masks arrive in increasing order, so on equal size the stored one is already smaller.
        if (pc < tPc1[t]!) {
          tPc1[t] = pc;
          tM1[t] = m;
        }
        if (pc >= 2 && (tPc2[t] === 0 || pc < tPc2[t]!)) {
          tPc2[t] = pc;
          tM2[t] = m;
        }
        break;
      }
      t = (t + 1) & (T_SIZE - 1);
    }
  }
  let bestN = 99,
    bestB = 0,
    bestA = 0;
  for (let ma = 0; ma < nA; ma++) {
    const pa = popcount[ma]!;
    const need = target - sumsA[ma]!;
    let pb = -1,
      mb = 0;
    if (pa >= 2 && need === 0) {
      pb = 0;
    } else {
      let t = sumSlot(need);
      while (tStamp[t] === stamp) {
        if (tKey[t] === need) {
          if (pa >= 1) {
            pb = tPc1[t]!;
            mb = tM1[t]!;
          } else if (tPc2[t]! > 0) {
            pb = tPc2[t]!;
            mb = tM2[t]!;
          }
          break;
        }
        t = (t + 1) & (T_SIZE - 1);
      }
    }
    if (pb < 0) continue;
    const n = pa + pb;
    if (n < bestN || (n === bestN && (mb < bestB || (mb === bestB && ma < bestA)))) {
      bestN = n;
      bestB = mb;
      bestA = ma;
    }
  }
  return bestN === 99 ? -1 : bestA | (bestB << h);
}

function splitPass(run: Run, pass: SplitPass, passIndex: number, stats: PassStats): void {
  const bk = bucketize(run, true, pass.byMonth);
  const { L, R, lState, rState } = run;
  const t0 = run.now();
  const maxC = Math.min(pass.maxCandidates, 2 * MAX_HALF);
  let cand = new Int32Array(64);
  const candAmt = new Float64Array(2 * MAX_HALF);

  const suggest = (side: 'L' | 'R', row: number, g: number): void => {
    if (side === 'L') {
      lState[row] = RowState.suggested;
      run.lGroup[row] = g;
      stats.leftRows++;
      stats.leftAmountOre += L.amount[row]!;
    } else {
      rState[row] = RowState.suggested;
      run.rGroup[row] = g;
      stats.rightRows++;
      stats.rightAmountOre += R.amount[row]!;
    }
  };
  const newGroup = (): number => {
    const g = ++run.groupCount;
    run.groupPass[g] = passIndex;
    return g;
  };

  /** One target row against the free rows of the other side in its bucket. */
  const tryTarget = (tSide: 'L' | 'R', t: number, oRows: Int32Array, o0: number, o1: number): void => {
    const T = tSide === 'L' ? L : R;
    const O = tSide === 'L' ? R : L;
    const oState = tSide === 'L' ? rState : lState;
    const ta = T.amount[t]!;
    if (ta === 0) return;
    let n = 0;
    let opposite = false;
    if (cand.length < o1 - o0) cand = new Int32Array((o1 - o0) * 2);
    for (let j = o0; j < o1; j++) {
      const r = oRows[j]!;
      if (oState[r] !== RowState.unmatched) continue;
      const a = O.amount[r]!;
      if (a === 0) continue;
      if (a > 0 !== ta > 0) opposite = true;
      cand[n++] = r;
    }
    if (!opposite) {
      // All candidates share the target's sign: a part larger than the target cannot be in a sum.
      let w = 0;
      for (let j = 0; j < n; j++) if (Math.abs(O.amount[cand[j]!]!) <= Math.abs(ta)) cand[w++] = cand[j]!;
      n = w;
    }
    if (n < 2) return;
    if (n > maxC) {
      // Keep the maxC nearest in date (ties: row order), then back to row order.
      const td = T.day[t]!;
      const d = (r: number): number => {
        const x = O.day[r]!;
        return td === NO_DAY || x === NO_DAY ? (td === x ? 0 : 1e10) : Math.abs(x - td);
      };
      const sel = cand
        .slice(0, n)
        .sort((x, y) => d(x) - d(y) || x - y)
        .subarray(0, maxC)
        .sort();
      cand.set(sel);
      n = maxC;
    }
    for (let j = 0; j < n; j++) candAmt[j] = O.amount[cand[j]!]!;
    const mask = subsetSum(candAmt, n, ta);
    if (mask < 0) return;
    const g = newGroup();
    const oSide = tSide === 'L' ? 'R' : 'L';
    suggest(tSide, t, g);
    for (let j = 0; j < n; j++) if (mask & (1 << j)) suggest(oSide, cand[j]!, g);
  };

  let timedOut = -1;
  for (let b = 0; b < bk.count; b++) {
    const l0 = bk.lStart[b]!,
      l1 = bk.lStart[b + 1]!;
    const r0 = bk.rStart[b]!,
      r1 = bk.rStart[b + 1]!;
    if (l0 === l1 || r0 === r1) continue;
    if (timedOut >= 0) {
      timedOut += l1 - l0 + r1 - r0;
      continue;
    }
    let sl = 0,
      sr = 0;
    for (let i = l0; i < l1; i++) sl += L.amount[bk.lRows[i]!]!;
    for (let j = r0; j < r1; j++) sr += R.amount[bk.rRows[j]!]!;
    if (sl === sr) {
      const g = newGroup();
      for (let i = l0; i < l1; i++) suggest('L', bk.lRows[i]!, g);
      for (let j = r0; j < r1; j++) suggest('R', bk.rRows[j]!, g);
      continue;
    }
    for (let k = 0; k < l1 - l0 + (r1 - r0); k++) {
      const isLeft = k < l1 - l0;
      const t = isLeft ? bk.lRows[l0 + k]! : bk.rRows[r0 + k - (l1 - l0)]!;
      if ((isLeft ? lState : rState)[t] !== RowState.unmatched) continue;
      if (run.now() - t0 > pass.timeBudgetMs) {
        // Count this and the bucket's later free targets as not examined.
        timedOut = 0;
        for (let k2 = k; k2 < l1 - l0 + (r1 - r0); k2++) {
          const left2 = k2 < l1 - l0;
          const t2 = left2 ? bk.lRows[l0 + k2]! : bk.rRows[r0 + k2 - (l1 - l0)]!;
          if ((left2 ? lState : rState)[t2] === RowState.unmatched) timedOut++;
        }
        break;
      }
      if (isLeft) tryTarget('L', t, bk.rRows, r0, r1);
      else tryTarget('R', t, bk.lRows, l0, l1);
    }
  }
  if (timedOut >= 0) stats.timedOut = timedOut;
}

// ---------------------------------------------------------------------------------------------
// Timing pass

function timingPass(run: Run, lastDays: number, ctx: MatchContext, stats: PassStats): void {
  const from = Math.max(ctx.periodFirstDay, ctx.periodLastDay - lastDays + 1);
  const to = ctx.periodLastDay;
  const mark = (side: SideColumns, state: Uint8Array, isLeft: boolean): void => {
    for (let i = 0; i < side.n; i++) {
      if (state[i] !== RowState.unmatched || side.carried[i] !== 0) continue;
      const d = side.day[i]!;
      if (d === NO_DAY || d < from || d > to) continue;
      state[i] = RowState.timing;
      if (isLeft) {
        stats.leftRows++;
        stats.leftAmountOre += side.amount[i]!;
      } else {
        stats.rightRows++;
        stats.rightAmountOre += side.amount[i]!;
      }
    }
  };
  mark(run.L, run.lState, true);
  mark(run.R, run.rState, false);
}

// ---------------------------------------------------------------------------------------------
// Building sides from plain rows (tests, carried items, small inputs)

export interface PlainRow {
  /** Match key (already the joined key fields); numbers are hashed as their decimal text. */
  key: string | number;
  /** Group key; defaults to the key. */
  group?: string | number;
  amount: number;
  /** Days since 1970-01-01; NO_DAY (or omitted) for none. */
  day?: number;
  /** Source line; defaults to the 1-based position. */
  line?: number;
  carried?: boolean;
}

/** Empty columns with room for `capacity` rows (n = 0). */
export function allocSide(capacity: number): SideColumns {
  return {
    n: 0,
    keyHi: new Uint32Array(capacity),
    keyLo: new Uint32Array(capacity),
    groupHi: new Uint32Array(capacity),
    groupLo: new Uint32Array(capacity),
    amount: new Float64Array(capacity),
    day: new Int32Array(capacity),
    line: new Int32Array(capacity),
    carried: new Uint8Array(capacity),
  };
}

export function sideFromRows(rows: readonly PlainRow[], hashKey: HashKey | Uint8Array): SideColumns {
  const key = hashKey instanceof Uint8Array ? hashKeyFrom(hashKey) : hashKey;
  const side = allocSide(rows.length);
  rows.forEach((row, i) => {
    hashFields([String(row.key)], key);
    side.keyHi[i] = hashOut[0]!;
    side.keyLo[i] = hashOut[1]!;
    hashFields([String(row.group ?? row.key)], key);
    side.groupHi[i] = hashOut[0]!;
    side.groupLo[i] = hashOut[1]!;
    side.amount[i] = row.amount;
    side.day[i] = row.day ?? NO_DAY;
    side.line[i] = row.line ?? i + 1;
    side.carried[i] = row.carried ? 1 : 0;
  });
  side.n = rows.length;
  return side;
}
