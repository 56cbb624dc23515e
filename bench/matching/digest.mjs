// How a side's unmatched rows are compared between DuckDB and Tilsyn: the multiset of
// (case id, CPR, amount øre, ISO date) tuples, and the set of source lines. Tuples are compared by
// SHA-256 (sorted, so order does not matter); the files written for a diff hold only line numbers
// and per-tuple hashes, never a CPR number.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const tupleText = (r) => `${r.caseId}\x1f${r.cpr}\x1f${r.ore}\x1f${r.date}`;

/**
 * rows: Array<{ line: number, caseId: string, cpr: string, ore: number, date: string }> of one
 * side's unmatched rows. Writes `<prefix>-lines.txt` and `<prefix>-tuples.txt` (sorted) into dir
 * when dir is given, for a diff when the digests differ.
 */
export function digestSide(rows, dir, prefix) {
  const lines = Int32Array.from(rows, (r) => r.line).sort();
  const tuples = rows.map((r) => crypto.createHash('sha256').update(tupleText(r)).digest('hex').slice(0, 24)).sort();
  const linesText = lines.join('\n');
  const tuplesText = tuples.join('\n');
  if (dir) {
    fs.writeFileSync(path.join(dir, `${prefix}-lines.txt`), linesText + '\n');
    fs.writeFileSync(path.join(dir, `${prefix}-tuples.txt`), tuplesText + '\n');
  }
  let sumOre = 0;
  for (const r of rows) sumOre += r.ore;
  return {
    count: rows.length,
    sumOre,
    lines: crypto.createHash('sha256').update(linesText).digest('hex'),
    tuples: crypto.createHash('sha256').update(tuplesText).digest('hex'),
  };
}

/** Peak resident set of this whole process (all threads, native memory too), in KiB. */
export function vmHwmKb() {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]);
  } catch {
    // not Linux
  }
  return Math.round(process.resourceUsage().maxRSS);
}
