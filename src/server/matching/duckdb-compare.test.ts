import { ensureBuilt } from '../../cli/test-cli.js';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The matching benchmark's comparison at 100k rows per side, inside `npm test`: the generator's
 * month (bench/matching/generate.mjs), DuckDB's exact pass (bench/matching/duckdb-exact.mjs) and
 * Tilsyn's pipeline with one exact pass (bench/matching/tilsyn-exact.mjs, on the built dist/, as
 * the crash and CLI tests run the built code) each in its own process, as the benchmark runs them.
 * The unmatched rows of each side must be the same lines with the same (key, amount, date) tuples
 * in both, and the same as a naive reference computed here from the CSV text.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const ROWS = 100_000;
let tmp: string;

interface Digest {
  count: number;
  sumOre: number;
  lines: string;
  tuples: string;
}
interface EngineResult {
  ms: number;
  matchedPairs: number;
  left: Digest;
  right: Digest;
}

function node(script: string, args: string[]): string {
  const r = spawnSync(process.execPath, [path.join(root, 'bench/matching', script), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${script} exited with ${r.status ?? r.signal}:\n${r.stderr}`);
  return r.stdout.trim().split('\n').pop() ?? '';
}

/** Naive exact matching over the CSV text: a queue of lines per (case, CPR, øre, date) string. */
function referenceUnmatched(leftCsv: string, rightCsv: string): { left: number[]; right: number[] } {
  const ore = (s: string) => {
    const neg = s.startsWith('-');
    const [kr, dec = '0'] = (neg ? s.slice(1) : s).split(',');
    const v = Number(kr) * 100 + Number(dec.padEnd(2, '0'));
    return neg ? -v : v;
  };
  const iso = (s: string) => `${s.slice(6, 10)}-${s.slice(3, 5)}-${s.slice(0, 2)}`;
  const rows = (text: string, pick: (f: string[]) => string) =>
    text
      .split('\n')
      .slice(1)
      .filter((l) => l !== '')
      .map((l, i) => ({ line: i + 2, key: pick(l.split(';')) }));
  // left: Sagsnr;CPR;Konto;Dato;Beløb;Tekst (only Tekst may be quoted, and it is last)
  const left = rows(leftCsv, (f) => `${f[0]}|${f[1]}|${ore(f[4] ?? '')}|${iso(f[3] ?? '')}`);
  // right: Bilagsdato;Beløb;Sag;Personnr;Artskonto;Posteringstekst
  const right = rows(rightCsv, (f) => `${f[2]}|${f[3]}|${ore(f[1] ?? '')}|${iso(f[0] ?? '')}`);
  const queues = new Map<string, number[]>();
  for (const r of right) {
    const q = queues.get(r.key);
    if (q) q.push(r.line);
    else queues.set(r.key, [r.line]);
  }
  const matchedRight = new Set<number>();
  const unmatchedLeft: number[] = [];
  const taken = new Map<string, number>();
  for (const l of left) {
    const q = queues.get(l.key);
    const k = taken.get(l.key) ?? 0;
    if (q && k < q.length) {
      matchedRight.add(q[k] as number);
      taken.set(l.key, k + 1);
    } else unmatchedLeft.push(l.line);
  }
  return { left: unmatchedLeft, right: right.filter((r) => !matchedRight.has(r.line)).map((r) => r.line) };
}

const readLines = (file: string) =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map(Number);

describe('exact pass against DuckDB on 100k rows per side', () => {
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tilsyn-duckdb-compare-'));
    // the bench scripts run the built pipeline: build when dist/ is missing or older than src/
    ensureBuilt();
  }, 180_000);
  afterAll(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('leaves the same rows unmatched on each side as DuckDB and a naive reference', () => {
    const data = path.join(tmp, 'data');
    const meta = JSON.parse(node('generate.mjs', ['--rows', String(ROWS), '--seed', '11', '--out', data])) as {
      leftRows: number;
      rightRows: number;
      left: string;
      right: string;
    };
    expect(meta.leftRows).toBe(ROWS);
    const duck = JSON.parse(node('duckdb-exact.mjs', ['--data', data, '--out', path.join(tmp, 'duckdb')])) as EngineResult;
    const tilsyn = JSON.parse(node('tilsyn-exact.mjs', ['--data', data, '--out', path.join(tmp, 'tilsyn')])) as EngineResult;

    // the generator's 2 % missing, 1 % changed, 0.5 % split and 1 % timing leave rows on both sides
    expect(duck.left.count).toBeGreaterThan(ROWS * 0.03);
    expect(duck.right.count).toBeGreaterThan(ROWS * 0.02);
    for (const side of ['left', 'right'] as const) {
      expect({ side, ...tilsyn[side] }).toEqual({ side, ...duck[side] });
      expect(readLines(path.join(tmp, 'tilsyn', `tilsyn-${side}-lines.txt`))).toEqual(readLines(path.join(tmp, 'duckdb', `duckdb-${side}-lines.txt`)));
    }
    expect(tilsyn.matchedPairs).toBe(duck.matchedPairs);

    const ref = referenceUnmatched(fs.readFileSync(meta.left, 'utf8'), fs.readFileSync(meta.right, 'utf8'));
    expect(readLines(path.join(tmp, 'duckdb', 'duckdb-left-lines.txt'))).toEqual(ref.left.sort((a, b) => a - b));
    expect(readLines(path.join(tmp, 'duckdb', 'duckdb-right-lines.txt'))).toEqual(ref.right.sort((a, b) => a - b));
  }, 120_000);
});
