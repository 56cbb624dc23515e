import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashBytes, hashFields, hashFinish, hashKeyFrom, hashOut, hashSeparator, hashStart, hashUpdate, hashUpdateByte } from './hash.js';
import { matchSides, monthOfDay, sideFromRows, subsetSum, withinAmount, type MatchResult, type PlainRow } from './match.js';
import { defaultRules, matchRulesSchema, parseRules, type MatchRules, type Pass } from './rules.js';
import { NO_DAY, RowState } from './types.js';

const KEY = new Uint8Array(32).map((_, i) => i * 7 + 3);
const HK = hashKeyFrom(KEY);
const D0 = 20_454; // 2026-01-01
const period = { periodFirstDay: D0, periodLastDay: D0 + 30 };

function run(left: PlainRow[], right: PlainRow[], passes: Pass[], ctx: Partial<Parameters<typeof matchSides>[3]> = {}): MatchResult {
  const rules: MatchRules = { key: ['caseId'], groupKey: ['caseId'], passes };
  return matchSides(sideFromRows(left, HK), sideFromRows(right, HK), rules, { ...period, ...ctx });
}

/** Groups as canonical strings "pass:L1,L2|R1" (row indexes), sorted; independent of group ids. */
function canonical(res: { leftGroup: ArrayLike<number>; rightGroup: ArrayLike<number>; groupPass: (g: number) => number }): string[] {
  const m = new Map<number, { l: number[]; r: number[] }>();
  const at = (g: number) => m.get(g) ?? m.set(g, { l: [], r: [] }).get(g)!;
  for (let i = 0; i < res.leftGroup.length; i++) if (res.leftGroup[i]) at(res.leftGroup[i]!).l.push(i);
  for (let i = 0; i < res.rightGroup.length; i++) if (res.rightGroup[i]) at(res.rightGroup[i]!).r.push(i);
  return [...m].map(([g, { l, r }]) => `${res.groupPass(g)}:${l.join(',')}|${r.join(',')}`).sort();
}
const canonOf = (res: MatchResult) => canonical({ ...res, groupPass: (g) => res.groups.pass[g]! });

const exact = (useDate = true): Pass => ({ kind: 'exact', useDate });

describe('hash', () => {
  it('gives the same result however the bytes are split', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.array(fc.nat(40), { maxLength: 5 }), (bytes, cuts) => {
        hashBytes(bytes, 0, bytes.length, HK.seedHi, HK.seedLo);
        const whole = [...hashOut];
        const points = [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b);
        hashStart(HK.seedHi, HK.seedLo);
        let at = 0;
        for (const p of points) {
          hashUpdate(bytes, at, p);
          at = p;
        }
        if (at < bytes.length) {
          hashUpdateByte(bytes[at]!);
          hashUpdate(bytes, at + 1, bytes.length);
        }
        hashFinish();
        expect([...hashOut]).toEqual(whole);
      }),
    );
  });

  it('separates fields, depends on the key, and sees every byte', () => {
    const h = (fields: string[], key = HK) => (hashFields(fields, key), [...hashOut].join(':'));
    expect(h(['ab', 'c'])).not.toBe(h(['a', 'bc']));
    expect(h(['abc'])).not.toBe(h(['ab', 'c']));
    expect(h(['010190-1234'])).not.toBe(h(['010190-1235']));
    expect(h(['010190-1234'])).not.toBe(h(['010190-1234'], hashKeyFrom(new Uint8Array(32))));
    expect(h([''])).not.toBe(h(['\u0000']));
    // The separator byte is what joins fields.
    const bytes = new TextEncoder().encode('ab');
    hashStart(HK.seedHi, HK.seedLo);
    hashUpdate(bytes, 0, 1);
    hashSeparator();
    hashUpdate(bytes, 1, 2);
    hashFinish();
    expect([...hashOut].join(':')).toBe(h(['a', 'b']));
    expect(() => hashKeyFrom(new Uint8Array(16))).toThrow(/32 bytes/);
  });

  it('has no collisions among 200,000 case-id-like keys', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200_000; i++) {
      hashFields([`S-${i}`], HK);
      seen.add(`${hashOut[0]}:${hashOut[1]}`);
    }
    expect(seen.size).toBe(200_000);
  });
});

describe('rules', () => {
  it('fills in defaults and accepts the default rules', () => {
    expect(parseRules(defaultRules)).toEqual(defaultRules);
    const r = parseRules({ key: ['cpr'], groupKey: ['caseId'], passes: [{ kind: 'split' }, { kind: 'tolerance' }] });
    expect(r.passes[0]).toEqual({ kind: 'split', maxCandidates: 24, timeBudgetMs: 2000, byMonth: true });
    expect(r.passes[1]).toEqual({ kind: 'tolerance', amountOre: 0, amountPercent: 0, dateWindowDays: 0 });
  });

  it('rejects bad rules', () => {
    const ok = { key: ['caseId'], groupKey: ['caseId'], passes: [{ kind: 'exact' }] };
    expect(matchRulesSchema.safeParse(ok).success).toBe(true);
    for (const bad of [
      { ...ok, key: [] },
      { ...ok, key: ['name'] },
      { ...ok, passes: [] },
      { ...ok, passes: Array(9).fill({ kind: 'exact' }) },
      { ...ok, passes: [{ kind: 'tolerance', amountPercent: 101 }] },
      { ...ok, passes: [{ kind: 'tolerance', amountOre: 1.5 }] },
      { ...ok, passes: [{ kind: 'tolerance', dateWindowDays: 63 }] },
      { ...ok, passes: [{ kind: 'split', maxCandidates: 25 }] },
      { ...ok, passes: [{ kind: 'split', maxCandidates: 1 }] },
      { ...ok, passes: [{ kind: 'timing', lastDays: 16 }] },
      { ...ok, passes: [{ kind: 'timing' }] },
      { ...ok, passes: [{ kind: 'fuzzy' }] },
    ]) {
      expect(matchRulesSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('exact pass', () => {
  it('pairs duplicates of a combination in row order', () => {
    const L = [
      { key: 'A', amount: 100, day: D0 },
      { key: 'A', amount: 100, day: D0 },
      { key: 'A', amount: 100, day: D0 },
      { key: 'B', amount: 100, day: D0 },
    ];
    const R = [
      { key: 'A', amount: 100, day: D0 },
      { key: 'B', amount: 100, day: D0 },
      { key: 'A', amount: 100, day: D0 },
    ];
    const res = run(L, R, [exact()]);
    expect(canonOf(res)).toEqual(['0:0|0', '0:1|2', '0:3|1']);
    expect([...res.leftState]).toEqual([1, 1, 0, 1]);
    expect(res.passes[0]).toMatchObject({ kind: 'exact', groups: 3, leftRows: 3, rightRows: 3, leftAmountOre: 300, rightAmountOre: 300 });
  });

  it('uses the date only when asked, and a missing date equals a missing date', () => {
    const L = [
      { key: 'A', amount: 100, day: D0 },
      { key: 'A', amount: 200 },
      { key: 'A', amount: 300, day: D0 },
    ];
    const R = [
      { key: 'A', amount: 100, day: D0 + 1 },
      { key: 'A', amount: 200 },
      { key: 'A', amount: 300 },
    ];
    expect(canonOf(run(L, R, [exact(true)]))).toEqual(['0:1|1']);
    expect(canonOf(run(L, R, [exact(false)]))).toEqual(['0:0|0', '0:1|1', '0:2|2']);
  });

  it('compares keys and amounts exactly, including amounts beyond 32 bits', () => {
    const big = 2 ** 33 + 5;
    const L = [
      { key: 'A', amount: 5, day: D0 },
      { key: 'A', amount: big, day: D0 },
      { key: 'A', amount: -5, day: D0 },
      { key: 'A', amount: big + 2 ** 32, day: D0 },
    ];
    const R = [
      { key: 'A', amount: big, day: D0 },
      { key: 'B', amount: 5, day: D0 },
      { key: 'A', amount: 5, day: D0 },
      { key: 'A', amount: 5 - 2 ** 32, day: D0 },
    ];
    expect(canonOf(run(L, R, [exact()]))).toEqual(['0:0|2', '0:1|0']);
  });

  it('a later exact pass only sees rows the earlier passes left', () => {
    const L = [
      { key: 'A', amount: 100, day: D0 },
      { key: 'A', amount: 100, day: D0 + 2 },
    ];
    const R = [
      { key: 'A', amount: 100, day: D0 + 2 },
      { key: 'A', amount: 100, day: D0 + 5 },
    ];
    const res = run(L, R, [exact(true), exact(false)]);
    expect(canonOf(res)).toEqual(['0:1|0', '1:0|1']);
    expect(res.passes.map((p) => p.groups)).toEqual([1, 1]);
  });

  it('pairs like row_number() per combination across many partitions (60k rows, many duplicates)', () => {
    let seed = 42;
    const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), seed % n);
    // With and without amounts beyond int32 (records with and without the amount's high word).
    const mk = (n: number, big: boolean): PlainRow[] =>
      Array.from({ length: n }, () => ({ key: `C${rnd(4000)}`, amount: rnd(4) * 100 - 100 + (big && rnd(50) === 0 ? 2 ** 40 : 0), day: D0 + rnd(3) }));
    for (const [useDate, big] of [
      [true, true],
      [false, true],
      [true, false],
      [false, false],
    ] as const) {
      const L = mk(60_000, big),
        R = mk(50_000, big);
      const res = run(L, R, [exact(useDate)]);
      const combo = (x: PlainRow) => `${x.key}|${x.amount}|${useDate ? x.day : ''}`;
      const queues = new Map<string, number[]>();
      R.forEach((x, j) => (queues.get(combo(x)) ?? queues.set(combo(x), []).get(combo(x))!).push(j));
      const rightOfGroup = new Map<number, number>();
      res.rightGroup.forEach((g, j) => g && rightOfGroup.set(g, j));
      const want = L.map((x) => queues.get(combo(x))?.shift() ?? -1);
      const got = L.map((_, i) => (res.leftGroup[i] ? rightOfGroup.get(res.leftGroup[i]!) : -1));
      expect(got).toEqual(want);
      const pairs = want.filter((j) => j >= 0).length;
      expect(res.passes[0]!.leftRows).toBe(pairs);
      expect(pairs).toBeGreaterThan(30_000);
    }
  });

  it('handles empty sides', () => {
    const res = run([], [{ key: 'A', amount: 1, day: D0 }], [exact()]);
    expect(res.groups.count).toBe(0);
    expect([...res.rightState]).toEqual([0]);
  });
});

describe('tolerance pass', () => {
  const tol = (amountOre: number, amountPercent: number, dateWindowDays: number): Pass => ({ kind: 'tolerance', amountOre, amountPercent, dateWindowDays });

  it('takes the closest pair first, not the first row', () => {
    const L = [
      { key: 'A', amount: 1000, day: D0 },
      { key: 'A', amount: 1040, day: D0 },
    ];
    const R = [
      { key: 'A', amount: 1045, day: D0 },
      { key: 'A', amount: 1090, day: D0 },
    ];
    // 1040↔1045 (5) first; 1000 is then 90 from 1090: inside 100, so it pairs too.
    expect(canonOf(run(L, R, [tol(100, 0, 0)]))).toEqual(['0:0|1', '0:1|0']);
    // With 50 øre, 1000 is left alone.
    expect(canonOf(run(L, R, [tol(50, 0, 0)]))).toEqual(['0:1|0']);
  });

  it('uses the larger of the absolute and the percentage tolerance, within the same key and date window', () => {
    expect(withinAmount(10_000, 10_200, 0, 2)).toBe(true);
    expect(withinAmount(10_000, 10_205, 0, 2)).toBe(false);
    expect(withinAmount(10_000, 10_205, 300, 2)).toBe(true);
    expect(withinAmount(-100, 100, 200, 0)).toBe(true);
    const L = [
      { key: 'A', amount: 10_000, day: D0 },
      { key: 'B', amount: 500, day: D0 },
      { key: 'C', amount: 500, day: D0 },
    ];
    const R = [
      { key: 'A', amount: 10_150, day: D0 + 3 },
      { key: 'X', amount: 500, day: D0 },
      { key: 'C', amount: 501, day: D0 + 4 },
    ];
    expect(canonOf(run(L, R, [tol(0, 2, 3)]))).toEqual(['0:0|0']);
    expect(canonOf(run(L, R, [tol(1, 2, 4)]))).toEqual(['0:0|0', '0:2|2']);
  });

  it('pairs a missing date only with a missing date', () => {
    const L = [
      { key: 'A', amount: 100 },
      { key: 'A', amount: 200, day: D0 },
    ];
    const R = [
      { key: 'A', amount: 101, day: D0 },
      { key: 'A', amount: 201 },
    ];
    expect(canonOf(run(L, R, [tol(5, 0, 62)]))).toEqual([]);
    expect(canonOf(run(L, [{ key: 'A', amount: 99 }], [tol(5, 0, 0)]))).toEqual(['0:0|0']);
  });

  it('in a large key (over 1,024 combinations) equals the reference when each row has few near amounts', () => {
    const L: PlainRow[] = [];
    const R: PlainRow[] = [];
    for (let i = 0; i < 60; i++) {
      L.push({ key: 'same', amount: 1000 * i + (i % 7), day: D0 + (i % 5) });
      R.push({ key: 'same', amount: 1000 * ((i * 37) % 60) + 3, day: D0 + (i % 3) });
    }
    const pass = tol(10, 0, 2);
    const res = run(L, R, [pass]);
    expect(canonOf(res)).toEqual(reference(L, R, [pass]));
    expect(res.groups.count).toBeGreaterThan(10);
  });
});

describe('split pass', () => {
  const split = (over: Partial<Extract<Pass, { kind: 'split' }>> = {}): Pass => ({
    kind: 'split',
    maxCandidates: 24,
    timeBudgetMs: 2000,
    byMonth: true,
    ...over,
  });

  it('matches a whole group whose sums agree, as one suggestion', () => {
    const L = [
      { key: 'A', amount: 300, day: D0 },
      { key: 'A', amount: 200, day: D0 + 1 },
    ];
    const R = [
      { key: 'A', amount: 100, day: D0 },
      { key: 'A', amount: 150, day: D0 },
      { key: 'A', amount: 250, day: D0 },
    ];
    const res = run(L, R, [split()]);
    expect(canonOf(res)).toEqual(['0:0,1|0,1,2']);
    expect([...res.leftState, ...res.rightState]).toEqual(Array(5).fill(RowState.suggested));
  });

  it('finds 1:n and n:1 with the fewest parts', () => {
    // Left 500 = 200 + 300 (2 parts) or 100 + 150 + 250 (3): two parts win.
    const L = [
      { key: 'A', amount: 500, day: D0 },
      { key: 'A', amount: 7, day: D0 },
    ];
    const R = [100, 150, 250, 200, 300].map((amount) => ({ key: 'A', amount, day: D0 }));
    expect(canonOf(run(L, R, [split()]))).toEqual(['0:0|3,4']);
    // n:1: right 900 = left 400 + 500.
    const L2 = [400, 500, 11].map((amount) => ({ key: 'A', amount, day: D0 }));
    const R2 = [{ key: 'A', amount: 900, day: D0 }];
    expect(canonOf(run(L2, R2, [split()]))).toEqual(['0:0,1|0']);
  });

  it('stays inside the group key and, with byMonth, the month', () => {
    const L = [{ key: 'A', amount: 500, day: D0 + 30 }];
    const R = [
      { key: 'A', amount: 200, day: D0 + 30 },
      { key: 'A', amount: 300, day: D0 + 31 },
      { key: 'B', amount: 300, day: D0 },
    ];
    expect(canonOf(run(L, R, [split({ byMonth: true })]))).toEqual([]);
    expect(canonOf(run(L, R, [split({ byMonth: false })]))).toEqual(['0:0|0,1']);
  });

  it('keeps the maxCandidates nearest in date', () => {
    const L = [{ key: 'A', amount: 1000, day: D0 + 10 }];
    const R = [
      { key: 'A', amount: 400, day: D0 },
      { key: 'A', amount: 600, day: D0 + 1 },
      { key: 'A', amount: 1, day: D0 + 10 },
      { key: 'A', amount: 2, day: D0 + 10 },
      { key: 'A', amount: 1, day: D0 + 11 },
    ];
    // With 3 candidates the far 400 and 600 are cut; 1+2+… never makes 1000.
    expect(canonOf(run(L, R, [split({ maxCandidates: 3 })]))).toEqual([]);
    expect(canonOf(run(L, R, [split({ maxCandidates: 5 })]))).toEqual(['0:0|0,1']);
  });

  it('stops at the time budget and reports the targets not examined', () => {
    let t = 0;
    const now = () => (t += 10);
    const L = Array.from({ length: 20 }, (_, i) => ({ key: `K${i}`, amount: 1000, day: D0 }));
    const R = L.flatMap((l) => [
      { ...l, amount: 400 },
      { ...l, amount: 600 },
      { ...l, amount: 5 },
    ]);
    const res = run(L, R, [split({ timeBudgetMs: 100 })], { now });
    const p = res.passes[0]!;
    // Each group key costs two clock reads (the left target, then the right 5 øre); the budget
    // runs out after a few, and the rest of the targets (4 a key) are reported.
    expect(res.groups.count).toBeGreaterThan(0);
    expect(res.groups.count).toBeLessThan(20);
    expect(p.timedOut).toBeGreaterThanOrEqual((20 - res.groups.count - 1) * 4);
    const free = run(L, R, [split()]);
    expect(free.groups.count).toBe(20);
    expect(free.passes[0]!.timedOut).toBeUndefined();
  });

  it('subsetSum finds the fewest parts with the smallest mask, or −1', () => {
    const a = Float64Array.from([5, 3, 2, 8, 1, 4]);
    // 9 = 8 + 1 (bits 3, 4: 0b011000) = 5 + 4 (bits 0, 5: 0b100001): the smaller mask wins.
    expect(subsetSum(a, 6, 9)).toBe(0b011000);
    expect(subsetSum(a, 6, 23)).toBe(0b111111);
    expect(subsetSum(a, 6, 100)).toBe(-1);
    expect(subsetSum(a, 6, 8)).toBe(0b000011); // 5 + 3; 8 alone is one part, not a split
    // Reference by brute force.
    const brute = (arr: Float64Array, k: number, t: number) => {
      let best = -1,
        bestN = 99;
      for (let m = 1; m < 1 << k; m++) {
        let s = 0,
          n = 0;
        for (let i = 0; i < k; i++)
          if (m & (1 << i)) {
            s += arr[i]!;
            n++;
          }
        if (n >= 2 && s === t && (n < bestN || (n === bestN && m < best))) {
          best = m;
          bestN = n;
        }
      }
      return best;
    };
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -20, max: 40 }), { minLength: 2, maxLength: 14 }), fc.integer({ min: -30, max: 90 }), (xs, t) => {
        const arr = Float64Array.from(xs);
        expect(subsetSum(arr, xs.length, t)).toBe(brute(arr, xs.length, t));
      }),
      { numRuns: 300 },
    );
  });
});

describe('timing pass', () => {
  it('marks unmatched, not carried rows in the last days of the period', () => {
    const L = [
      { key: 'A', amount: 100, day: D0 + 30 },
      { key: 'A', amount: 100, day: D0 + 27 },
      { key: 'A', amount: 100, day: D0 + 28 },
      { key: 'A', amount: 100, day: D0 + 29, carried: true },
      { key: 'A', amount: 100 },
      { key: 'B', amount: 100, day: D0 + 30 },
    ];
    const R = [
      { key: 'B', amount: 100, day: D0 + 30 },
      { key: 'C', amount: 5, day: D0 + 29 },
    ];
    const res = run(L, R, [exact(), { kind: 'timing', lastDays: 3 }]);
    expect([...res.leftState]).toEqual([3, 0, 3, 0, 0, 1]);
    expect([...res.rightState]).toEqual([1, 3]);
    expect(res.leftGroup[0]).toBe(0);
    expect(res.passes[1]).toMatchObject({ kind: 'timing', groups: 0, leftRows: 2, rightRows: 1, leftAmountOre: 200, rightAmountOre: 5 });
  });
});

describe('monthOfDay', () => {
  it('agrees with Date', () => {
    fc.assert(
      fc.property(fc.integer({ min: -800_000, max: 800_000 }), (d) => {
        const dt = new Date(d * 86_400_000);
        expect(monthOfDay(d)).toBe(dt.getUTCFullYear() * 12 + dt.getUTCMonth());
      }),
    );
    expect(monthOfDay(NO_DAY)).toBe(-1);
  });
});

// ---------------------------------------------------------------------------------------------
// Brute-force reference: the passes' definitions written as plainly as possible (strings, arrays,
// nested loops), to compare the engine against on small inputs.

function refMonth(day: number | undefined): number {
  if (day === undefined || day === NO_DAY) return -1;
  const dt = new Date(day * 86_400_000);
  return dt.getUTCFullYear() * 12 + dt.getUTCMonth();
}

function reference(L: PlainRow[], R: PlainRow[], passes: Pass[], ctx = period): string[] {
  const ls = L.map(() => 0),
    rs = R.map(() => 0);
  const groups: string[] = [];
  const dayOf = (x: PlainRow) => x.day ?? NO_DAY;
  const add = (pi: number, l: number[], r: number[], state: number) => {
    l.forEach((i) => (ls[i] = state));
    r.forEach((i) => (rs[i] = state));
    groups.push(`${pi}:${[...l].sort((a, b) => a - b).join(',')}|${[...r].sort((a, b) => a - b).join(',')}`);
  };
  passes.forEach((p, pi) => {
    if (p.kind === 'exact') {
      const combo = (x: PlainRow) => `${x.key}|${x.amount}|${p.useDate ? dayOf(x) : ''}`;
      const used = new Set<number>();
      L.forEach((l, i) => {
        if (ls[i]) return;
        const j = R.findIndex((r, j) => !rs[j] && !used.has(j) && combo(r) === combo(l));
        if (j >= 0) {
          used.add(j);
          add(pi, [i], [j], RowState.matched);
        }
      });
    } else if (p.kind === 'tolerance') {
      const pairs: { l: number; r: number; diff: number; dd: number }[] = [];
      L.forEach((l, i) =>
        R.forEach((r, j) => {
          if (ls[i] || rs[j] || String(l.key) !== String(r.key)) return;
          const dl = dayOf(l),
            dr = dayOf(r);
          const dateOk = dl === NO_DAY || dr === NO_DAY ? dl === dr : Math.abs(dl - dr) <= p.dateWindowDays;
          const tolOk = Math.abs(l.amount - r.amount) <= Math.max(p.amountOre, (p.amountPercent * Math.max(Math.abs(l.amount), Math.abs(r.amount))) / 100);
          if (dateOk && tolOk) pairs.push({ l: i, r: j, diff: Math.abs(l.amount - r.amount), dd: dl === NO_DAY ? 0 : Math.abs(dl - dr) });
        }),
      );
      pairs.sort((a, b) => a.diff - b.diff || a.dd - b.dd || a.l - b.l || a.r - b.r);
      for (const q of pairs) if (!ls[q.l] && !rs[q.r]) add(pi, [q.l], [q.r], RowState.matched);
    } else if (p.kind === 'split') {
      const bucketOf = (x: PlainRow) => `${x.group ?? x.key}|${p.byMonth ? refMonth(x.day) : 0}`;
      const buckets = new Set([...L.filter((_, i) => !ls[i]), ...R.filter((_, j) => !rs[j])].map(bucketOf));
      for (const b of buckets) {
        const li = L.map((x, i) => i).filter((i) => !ls[i] && bucketOf(L[i]!) === b);
        const ri = R.map((x, j) => j).filter((j) => !rs[j] && bucketOf(R[j]!) === b);
        if (!li.length || !ri.length) continue;
        const sum = (rows: PlainRow[], idx: number[]) => idx.reduce((s, i) => s + rows[i]!.amount, 0);
        if (sum(L, li) === sum(R, ri)) {
          add(pi, li, ri, RowState.suggested);
          continue;
        }
        const targets = [...li.map((i) => ['L', i] as const), ...ri.map((j) => ['R', j] as const)];
        for (const [side, t] of targets) {
          const T = side === 'L' ? L : R,
            O = side === 'L' ? R : L;
          const tState = side === 'L' ? ls : rs,
            oState = side === 'L' ? rs : ls;
          if (tState[t]) continue;
          const ta = T[t]!.amount;
          if (ta === 0) continue;
          let cands = (side === 'L' ? ri : li).filter((j) => !oState[j] && O[j]!.amount !== 0);
          if (!cands.some((j) => O[j]!.amount > 0 !== ta > 0)) cands = cands.filter((j) => Math.abs(O[j]!.amount) <= Math.abs(ta));
          if (cands.length < 2) continue;
          if (cands.length > p.maxCandidates) {
            const td = dayOf(T[t]!);
            const dist = (j: number) => {
              const x = dayOf(O[j]!);
              return td === NO_DAY || x === NO_DAY ? (td === x ? 0 : 1e10) : Math.abs(x - td);
            };
            cands = [...cands]
              .sort((a, b) => dist(a) - dist(b) || a - b)
              .slice(0, p.maxCandidates)
              .sort((a, b) => a - b);
          }
          let best = -1,
            bestN = 99;
          for (let m = 1; m < 1 << cands.length; m++) {
            let s = 0,
              n = 0;
            cands.forEach((j, k) => {
              if (m & (1 << k)) {
                s += O[j]!.amount;
                n++;
              }
            });
            if (n >= 2 && s === ta && (n < bestN || (n === bestN && m < best))) {
              best = m;
              bestN = n;
            }
          }
          if (best < 0) continue;
          const parts = cands.filter((_, k) => best & (1 << k));
          if (side === 'L') add(pi, [t], parts, RowState.suggested);
          else add(pi, parts, [t], RowState.suggested);
        }
      }
    } else {
      const from = Math.max(ctx.periodFirstDay, ctx.periodLastDay - p.lastDays + 1);
      const mark = (rows: PlainRow[], st: number[]) =>
        rows.forEach((x, i) => {
          const d = dayOf(x);
          if (!st[i] && !x.carried && d !== NO_DAY && d >= from && d <= ctx.periodLastDay) st[i] = RowState.timing;
        });
      mark(L, ls);
      mark(R, rs);
    }
  });
  groups.sort();
  lastStates = [ls, rs];
  return groups;
}
/** The row states of the last reference() call. */
let lastStates: [number[], number[]] = [[], []];

// ---------------------------------------------------------------------------------------------
// Properties

const rowArb = fc.record(
  {
    key: fc.constantFrom('a', 'b', 'c'),
    group: fc.constantFrom('g', 'h'),
    amount: fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: -6, max: 12 }).map((x) => x * 50) },
      { weight: 1, arbitrary: fc.constantFrom(2 ** 33, 2 ** 33 + 50, -(2 ** 32)) },
    ),
    day: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: D0 + 20, max: D0 + 33 }) }, { weight: 1, arbitrary: fc.constant(NO_DAY) }),
    carried: fc.boolean(),
  },
  { requiredKeys: ['key', 'amount', 'day'] },
);
const sideArb = fc.array(rowArb, { maxLength: 10 });
const passArb: fc.Arbitrary<Pass> = fc.oneof(
  fc.record({ kind: fc.constant('exact' as const), useDate: fc.boolean() }),
  fc.record({
    kind: fc.constant('tolerance' as const),
    amountOre: fc.constantFrom(0, 50, 100),
    amountPercent: fc.constantFrom(0, 1, 10, 100),
    dateWindowDays: fc.integer({ min: 0, max: 4 }),
  }),
  fc.record({
    kind: fc.constant('split' as const),
    maxCandidates: fc.integer({ min: 2, max: 24 }),
    timeBudgetMs: fc.constant(60_000),
    byMonth: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('timing' as const), lastDays: fc.integer({ min: 1, max: 15 }) }),
);

describe('properties', () => {
  it('each pass kind, alone and in sequence, equals the brute-force reference', () => {
    fc.assert(
      fc.property(sideArb, sideArb, fc.array(passArb, { minLength: 1, maxLength: 4 }), (L, R, passes) => {
        const res = run(L, R, passes);
        expect(canonOf(res)).toEqual(reference(L, R, passes));
        const [ls, rs] = lastStates;
        expect([...res.leftState]).toEqual(ls);
        expect([...res.rightState]).toEqual(rs);
      }),
      { numRuns: 1500 },
    );
  });

  it('never matches a row twice, loses no row, and keeps group sums', () => {
    fc.assert(
      fc.property(sideArb, sideArb, fc.array(passArb, { minLength: 1, maxLength: 8 }), (L, R, passes) => {
        const res = run(L, R, passes);
        const members = new Map<number, { l: number[]; r: number[] }>();
        const at = (g: number) => members.get(g) ?? members.set(g, { l: [], r: [] }).get(g)!;
        for (const [rows, state, group, side] of [
          [L, res.leftState, res.leftGroup, 'l'],
          [R, res.rightState, res.rightGroup, 'r'],
        ] as const) {
          const count = [0, 0, 0, 0];
          rows.forEach((_, i) => {
            const s = state[i]!;
            count[s]!++;
            // A group exactly when matched or suggested.
            expect(group[i]! > 0).toBe(s === RowState.matched || s === RowState.suggested);
            if (group[i]) at(group[i]!)[side].push(i);
          });
          expect(count.reduce((a, b) => a + b, 0)).toBe(rows.length);
        }
        // Each group id used once, by one pass, with rows on both sides; sums agree per pass kind.
        expect(members.size).toBe(res.groups.count);
        const perPassLeft = passes.map(() => 0);
        for (const [g, { l, r }] of members) {
          expect(l.length).toBeGreaterThan(0);
          expect(r.length).toBeGreaterThan(0);
          const p = passes[res.groups.pass[g]!]!;
          const sl = l.reduce((s, i) => s + L[i]!.amount, 0),
            sr = r.reduce((s, i) => s + R[i]!.amount, 0);
          if (p.kind === 'exact' || p.kind === 'split') expect(sl).toBe(sr);
          if (p.kind === 'tolerance') expect(withinAmount(sl, sr, p.amountOre, p.amountPercent)).toBe(true);
          if (p.kind === 'exact' || p.kind === 'tolerance') expect(l.length + r.length).toBe(2);
          perPassLeft[res.groups.pass[g]!]! += l.length;
        }
        expect(res.passes.map((p) => (p.kind === 'timing' ? 0 : p.leftRows))).toEqual(perPassLeft);
        const timing = res.passes.reduce((s, p) => s + (p.kind === 'timing' ? p.leftRows + p.rightRows : 0), 0);
        expect(timing).toBe([...res.leftState, ...res.rightState].filter((s) => s === RowState.timing).length);
      }),
      { numRuns: 800 },
    );
  });
});
