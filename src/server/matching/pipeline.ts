/**
 * A matching run from files to results: both sides read at once (a worker thread each, columns
 * transferred back without copying), the core's passes, then the results files and the items a
 * person has to look at. Matched rows go to a results file as numbers only (group, pass, line,
 * amount, date: no CPR); unmatched, timing and suggested rows are re-read from the source by
 * offset, written with their original lines (CPR masked) and returned with plaintext fields for
 * the caller to seal.
 */
import { maskCpr, maskCprBytes, maskCprInText } from '../../domain/cpr.js';
import { csvCell, isFormulaLike, mayStartFormula } from '../csv.js';
import fs from 'node:fs';
import path from 'node:path';
import { hashKeyFrom, hashOut, type HashKey } from '../../domain/matching/hash.js';
import { matchSides, type MatchResult, type PassStats } from '../../domain/matching/match.js';
import { parseRules, type MatchRules, type MatchRulesInput } from '../../domain/matching/rules.js';
import { NO_DAY, RowState, type KeyField, type SideColumns } from '../../domain/matching/types.js';
import { BAD_DAY, daysFromCivil, isoFromDay, parseDay, writeInt, writeIsoDay } from './bytes.js';
import { forEachRecord, resizeColumns, type SideRead } from './csv-reader.js';
import { SourceError, abortError, reviveError, type SourceWarning } from './errors.js';
import { hashKeyStrings } from './key-bytes.js';
import { readSide, type ReadSideRequest } from './read-side.js';
import { sourceConfigSchema, type SourceConfig, type SourceConfigInput } from './source-config.js';
import { startWorker } from './worker-url.js';
import { readXlsxRows } from './xlsx-reader.js';

export interface SideSource {
  path: string;
  config: SourceConfigInput;
}

/** A previous run's timing item, added to its side as a carried row. */
export interface CarriedItem {
  amountOre: number;
  /** ISO yyyy-mm-dd. */
  date: string | null;
  caseId: string | null;
  cpr: string | null;
  account: string | null;
  text: string | null;
}

export interface MatchingProgress {
  phase: 'read' | 'match' | 'write';
  fraction: number;
}

export interface MatchingInput {
  left: SideSource;
  right: SideSource;
  rules: MatchRules | MatchRulesInput;
  /** 'YYYY-MM'. */
  period: string;
  /** 32-byte per-run secret for the keyed hash. */
  hashKey: Uint8Array;
  outDir: string;
  carried?: { left: CarriedItem[]; right: CarriedItem[] };
  onProgress?: (p: MatchingProgress) => void;
  signal?: AbortSignal;
  /** Read the sides in worker threads (default true); false reads them here, one after the other. */
  readInWorkers?: boolean;
  /** Read buffer size (tests use tiny ones). */
  chunkSize?: number;
  /** Fail the run (code too_many_unmatched) when more rows than this are left unmatched. */
  maxItems?: number;
}

export type ItemState = 'unmatched' | 'timing' | 'suggested';

export interface MatchingItem {
  side: 'left' | 'right';
  /** Source line (CSV) or row (XLSX); 0 for a carried item. */
  line: number;
  state: ItemState;
  /** Suggestion group (split pass). */
  group?: number;
  amountOre: number;
  date: string | null;
  caseId: string | null;
  account: string | null;
  /** Plaintext: the caller encrypts it before storing. */
  cpr: string | null;
  text: string | null;
  carried: boolean;
}

export interface AmountCount {
  rows: number;
  amountOre: number;
}

export interface SideSummary {
  rows: number;
  amountOre: number;
  carried: number;
  matched: AmountCount;
  suggested: AmountCount;
  timing: AmountCount;
  unmatched: AmountCount;
  bytes: number;
  warnings: SourceWarning[];
}

export interface MatchingSummary {
  period: string;
  left: SideSummary;
  right: SideSummary;
  passes: PassStats[];
  groups: number;
  /** Σ unmatched left − Σ unmatched right (øre). */
  differenceOre: number;
  ms: { read: number; match: number; write: number; total: number };
  warnings: Array<SourceWarning & { side: 'left' | 'right' }>;
}

export interface MatchingOutcome {
  summary: MatchingSummary;
  items: MatchingItem[];
  files: { matched: string; unmatchedLeft: string; unmatchedRight: string };
}

/** First and last day of a 'YYYY-MM' period. */
export function periodDays(period: string): { first: number; last: number } {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (!m) throw new Error(`period must be YYYY-MM, got "${period}"`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  return { first: daysFromCivil(y, mo, 1), last: daysFromCivil(mo === 12 ? y + 1 : y, mo === 12 ? 1 : mo + 1, 1) - 1 };
}

export async function runMatching(input: MatchingInput): Promise<MatchingOutcome> {
  const t0 = performance.now();
  const rules = parseRules(input.rules);
  const period = periodDays(input.period);
  const hk = hashKeyFrom(input.hashKey);
  const leftConfig = sourceConfigSchema.parse(input.left.config);
  const rightConfig = sourceConfigSchema.parse(input.right.config);
  const signal = input.signal;
  if (signal?.aborted) throw abortError();
  const progress = input.onProgress ?? (() => {});

  // --- read
  const req = (s: SideSource, config: SourceConfig): ReadSideRequest => ({
    path: s.path,
    config,
    keyFields: [...rules.key],
    groupFields: [...rules.groupKey],
    hashKey: hk,
    ...(input.chunkSize !== undefined ? { chunkSize: input.chunkSize } : {}),
  });
  const done = [0, 0];
  const totals = [fileSize(input.left.path), fileSize(input.right.path)];
  const readProgress = (side: number) => (bytes: number) => {
    done[side] = bytes;
    progress({ phase: 'read', fraction: Math.min(1, (done[0]! + done[1]!) / Math.max(1, totals[0]! + totals[1]!)) });
  };
  let left: SideRead;
  let right: SideRead;
  // a bad file is named by its side as well as its line
  const onSide = (side: 'left' | 'right') => (e: unknown) => {
    if (e instanceof SourceError && e.code !== 'aborted') e.side ??= side;
    throw e;
  };
  if (input.readInWorkers === false) {
    left = await readSide(req(input.left, leftConfig), readProgress(0), signal).catch(onSide('left'));
    right = await readSide(req(input.right, rightConfig), readProgress(1), signal).catch(onSide('right'));
  } else {
    const inner = new AbortController();
    const onOuter = () => inner.abort();
    signal?.addEventListener('abort', onOuter, { once: true });
    try {
      const reads: [Promise<SideRead>, Promise<SideRead>] = [
        readSideInWorker(req(input.left, leftConfig), readProgress(0), inner.signal).catch(onSide('left')),
        readSideInWorker(req(input.right, rightConfig), readProgress(1), inner.signal).catch(onSide('right')),
      ];
      // one side failing stops the other
      for (const r of reads) r.catch(() => inner.abort());
      [left, right] = await Promise.all(reads);
    } finally {
      signal?.removeEventListener('abort', onOuter);
    }
    if (signal?.aborted) throw abortError();
  }
  const leftCarried = input.carried?.left ?? [];
  const rightCarried = input.carried?.right ?? [];
  appendCarried(left, leftCarried, rules, hk);
  appendCarried(right, rightCarried, rules, hk);
  const t1 = performance.now();

  // --- match
  if (signal?.aborted) throw abortError();
  progress({ phase: 'match', fraction: 0 });
  const result = matchSides(left.columns, right.columns, rules, {
    periodFirstDay: period.first,
    periodLastDay: period.last,
    onProgress: (fraction: number) => progress({ phase: 'match', fraction }),
  });
  const t2 = performance.now();
  // every row not matched becomes an item the caller stores: a wrong layout (the sign, the date
  // format) leaves nearly everything unmatched, and that is refused here, before the items exist
  if (input.maxItems !== undefined) {
    let open = 0;
    for (let i = 0; i < left.columns.n; i++) if (result.leftState[i] !== RowState.matched) open++;
    for (let i = 0; i < right.columns.n; i++) if (result.rightState[i] !== RowState.matched) open++;
    if (open > input.maxItems) {
      throw new SourceError(
        'too_many_unmatched',
        0,
        `${open.toLocaleString('en')} rows are left unmatched, more than the ${input.maxItems.toLocaleString('en')} a run stores; check the layouts (sign, date format, key columns) and the rules`,
      );
    }
  }

  // --- write
  if (signal?.aborted) throw abortError();
  progress({ phase: 'write', fraction: 0 });
  fs.mkdirSync(input.outDir, { recursive: true, mode: 0o700 });
  const files = {
    matched: path.join(input.outDir, 'matched.csv'),
    unmatchedLeft: path.join(input.outDir, 'unmatched-left.csv'),
    unmatchedRight: path.join(input.outDir, 'unmatched-right.csv'),
  };
  // Written under temporary names and renamed at the end: a failed run leaves no results files
  // that look complete.
  const tmp = (f: string) => `${f}.partial`;
  const items: MatchingItem[] = [];
  try {
    writeMatched(tmp(files.matched), left.columns, right.columns, result, rules);
    progress({ phase: 'write', fraction: 0.4 });
    await writeUnmatched('left', tmp(files.unmatchedLeft), input.left.path, leftConfig, left, result.leftState, result.leftGroup, leftCarried, items);
    progress({ phase: 'write', fraction: 0.7 });
    await writeUnmatched('right', tmp(files.unmatchedRight), input.right.path, rightConfig, right, result.rightState, result.rightGroup, rightCarried, items);
    for (const f of Object.values(files)) fs.renameSync(tmp(f), f);
  } catch (e) {
    for (const f of Object.values(files)) fs.rmSync(tmp(f), { force: true });
    throw e;
  }
  progress({ phase: 'write', fraction: 1 });
  const t3 = performance.now();

  const ls = sideSummary(left, result.leftState, leftCarried.length);
  const rs = sideSummary(right, result.rightState, rightCarried.length);
  return {
    summary: {
      period: input.period,
      left: ls,
      right: rs,
      passes: result.passes,
      groups: result.groups.count,
      differenceOre: ls.unmatched.amountOre - rs.unmatched.amountOre,
      ms: { read: t1 - t0, match: t2 - t1, write: t3 - t2, total: t3 - t0 },
      warnings: [...ls.warnings.map((w) => ({ ...w, side: 'left' as const })), ...rs.warnings.map((w) => ({ ...w, side: 'right' as const }))],
    },
    items,
    files,
  };
}

function fileSize(p: string): number {
  try {
    return fs.statSync(p).size;
  } catch {
    throw new SourceError('empty_file', 0, `the file ${path.basename(p)} does not exist`);
  }
}

function readSideInWorker(req: ReadSideRequest, onProgress: (bytes: number) => void, signal: AbortSignal): Promise<SideRead> {
  return new Promise((resolve, reject) => {
    const w = startWorker(import.meta.url, 'side-worker', { workerData: req });
    let settled = false;
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      f();
    };
    const onAbort = () => {
      void w.terminate();
      finish(() => reject(abortError()));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    w.on('message', (m: { type: string; bytes?: number; side?: SideRead; error?: unknown }) => {
      if (m.type === 'progress') onProgress(m.bytes ?? 0);
      else if (m.type === 'done') finish(() => resolve(m.side!));
      else if (m.type === 'error') finish(() => reject(reviveError(m.error)));
    });
    w.on('error', (e) => finish(() => reject(e)));
    w.on('exit', (code) => finish(() => reject(new Error(`the reader thread stopped (exit code ${code})`))));
  });
}

/** Adds carried items as extra rows (line 0, carried 1, offset −1 − index into the carried list). */
function appendCarried(side: SideRead, carried: CarriedItem[], rules: MatchRules, hk: HashKey): void {
  if (carried.length === 0) return;
  const c = side.columns;
  const n0 = c.n;
  let cols: SideColumns = c;
  let offset = side.offset;
  if (c.keyHi.length < n0 + carried.length) ({ columns: cols, offset } = resizeColumns(c, side.offset, n0 + carried.length));
  const enc = new TextEncoder();
  const field = (it: CarriedItem, f: KeyField) => (f === 'caseId' ? it.caseId : f === 'cpr' ? it.cpr : it.account);
  for (let k = 0; k < carried.length; k++) {
    const it = carried[k]!;
    const i = n0 + k;
    hashKeyStrings(
      rules.key.map((f) => field(it, f)),
      rules.key.map((f) => f === 'cpr'),
      hk.seedHi,
      hk.seedLo,
    );
    cols.keyHi[i] = hashOut[0]!;
    cols.keyLo[i] = hashOut[1]!;
    hashKeyStrings(
      rules.groupKey.map((f) => field(it, f)),
      rules.groupKey.map((f) => f === 'cpr'),
      hk.seedHi,
      hk.seedLo,
    );
    cols.groupHi[i] = hashOut[0]!;
    cols.groupLo[i] = hashOut[1]!;
    cols.amount[i] = it.amountOre;
    let d = NO_DAY;
    if (it.date) {
      const b = enc.encode(it.date);
      d = parseDay(b, 0, b.length, 'yyyy-mm-dd');
      if (d === BAD_DAY) throw new Error(`carried item ${k + 1} has a bad date`);
    }
    cols.day[i] = d;
    cols.line[i] = 0;
    cols.carried[i] = 1;
    offset[i] = -1 - k;
  }
  cols.n = n0 + carried.length;
  side.columns = cols;
  side.offset = offset;
}

/** A buffered writer: output is built in one large Buffer and written in big pieces. */
class Out {
  buf = Buffer.allocUnsafe(4 << 20);
  pos = 0;
  constructor(readonly fd: number) {}
  room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    this.flush();
    if (n > this.buf.length) this.buf = Buffer.allocUnsafe(n * 2);
  }
  flush(): void {
    let off = 0;
    while (off < this.pos) off += fs.writeSync(this.fd, this.buf, off, this.pos - off);
    this.pos = 0;
  }
  ascii(s: string): void {
    this.room(s.length * 3);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }
  bytes(b: Uint8Array, s: number, e: number): void {
    this.room(e - s);
    this.buf.set(b.subarray(s, e), this.pos);
    this.pos += e - s;
  }
  /** bytes() with every CPR-shaped number in them masked (texts and unmapped columns carry them too). */
  bytesMasked(b: Uint8Array, s: number, e: number): void {
    const at = this.pos;
    this.bytes(b, s, e);
    maskCprBytes(this.buf, at, this.pos);
  }
  byte(c: number): void {
    this.room(1);
    this.buf[this.pos++] = c;
  }
}

function withFile(file: string, f: (out: Out) => void | Promise<void>): Promise<void> | void {
  const fd = fs.openSync(file, 'w', 0o600);
  const out = new Out(fd);
  const close = () => {
    out.flush();
    fs.closeSync(fd);
  };
  try {
    const r = f(out);
    if (r instanceof Promise) {
      return r.then(close, (e: unknown) => {
        fs.closeSync(fd);
        throw e;
      });
    }
    close();
  } catch (e) {
    fs.closeSync(fd);
    throw e;
  }
}

/**
 * matched.csv: one line per row in a group (matched, or suggested by the split pass), left side
 * then right side, each in source order: group;pass;state;side;line;amount_ore;date. Numbers only.
 * Row order, not group order: the core numbers groups in hash-partition order, and walking the
 * columns by group was a cache miss per field (3-4× slower at 1M rows); readers join on group.
 */
function writeMatched(file: string, L: SideColumns, R: SideColumns, res: MatchResult, rules: MatchRules): void {
  // ";<kind>;<state>;<side>;" per pass, state and side: one copy per row
  const mids = rules.passes.map((p) => ['matched', 'suggested'].map((st) => ['left', 'right'].map((sd) => Buffer.from(`;${p.kind};${st};${sd};`))));
  void withFile(file, (out) => {
    out.ascii('group;pass;state;side;line;amount_ore;date\n');
    writeMatchedSide(out, L, res.leftGroup, res.leftState, res.groups.pass, mids, 0);
    writeMatchedSide(out, R, res.rightGroup, res.rightState, res.groups.pass, mids, 1);
  });
}

function writeMatchedSide(out: Out, S: SideColumns, group: Int32Array, state: Uint8Array, groupPass: Uint8Array, mids: Buffer[][][], side: number): void {
  // the ISO date of a day, cached (a run's dates fall in a few dozen days)
  const dayKey = new Int32Array(256).fill(NO_DAY);
  const dayBytes = new Uint8Array(256 * 10);
  const { line, amount, day } = S;
  const n = S.n;
  for (let i = 0; i < n; i++) {
    const g = group[i]!;
    if (g === 0) continue;
    out.room(128);
    const b = out.buf;
    let p = writeInt(b, out.pos, g);
    const m = mids[groupPass[g]!]![state[i] === RowState.suggested ? 1 : 0]![side]!;
    for (let x = 0; x < m.length; x++) b[p + x] = m[x]!;
    p += m.length;
    p = writeInt(b, p, line[i]!);
    b[p++] = 0x3b;
    p = writeInt(b, p, amount[i]!);
    b[p++] = 0x3b;
    const d = day[i]!;
    if (d !== NO_DAY) {
      const slot = d & 255;
      if (dayKey[slot] !== d) {
        writeIsoDay(dayBytes, slot * 10, d);
        dayKey[slot] = d;
      }
      for (let x = 0; x < 10; x++) b[p + x] = dayBytes[slot * 10 + x]!;
      p += 10;
    }
    b[p++] = 0x0a;
    out.pos = p;
  }
}

const stateName: Record<number, ItemState> = { [RowState.unmatched]: 'unmatched', [RowState.timing]: 'timing', [RowState.suggested]: 'suggested' };

function formatAmount(ore: number, decimal: string): string {
  const neg = ore < 0;
  const a = Math.abs(ore);
  return `${neg ? '-' : ''}${Math.floor(a / 100)}${decimal}${String(a % 100).padStart(2, '0')}`;
}

function formatDate(iso: string | null, format: SourceConfig['dateFormat']): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-') as [string, string, string];
  switch (format) {
    case 'yyyy-mm-dd':
      return iso;
    case 'yyyymmdd':
      return `${y}${m}${d}`;
    default:
      return `${d}${format[2]}${m}${format[2]}${y}`;
  }
}

/**
 * unmatched-<side>.csv: every row not matched (unmatched, timing, suggested), as its original
 * line with two columns in front (status, line) and the CPR column masked; carried items are
 * written from their fields. Also collects the rows as items with plaintext fields.
 */
async function writeUnmatched(
  side: 'left' | 'right',
  file: string,
  srcPath: string,
  config: SourceConfig,
  read: SideRead,
  state: Uint8Array,
  group: Int32Array,
  carried: CarriedItem[],
  items: MatchingItem[],
): Promise<void> {
  const c = read.columns;
  const rows: number[] = [];
  for (let i = 0; i < c.n; i++) if (state[i] !== RowState.matched) rows.push(i);
  const d = config.delimiter;
  const ci = read.columnIndex;
  const decoder = new TextDecoder(read.encoding);
  const pre = (i: number) => `${stateName[state[i]!]}${c.carried[i] ? '+carried' : ''}${d}${c.carried[i] ? '' : c.line[i]}${d}`;
  const item = (i: number, f: (k: number) => string | null): MatchingItem => {
    const st = stateName[state[i]!]!;
    const it: MatchingItem = {
      side,
      line: c.line[i]!,
      state: st,
      amountOre: c.amount[i]!,
      date: c.day[i] === NO_DAY ? null : isoFromDay(c.day[i]!),
      caseId: f(ci.caseId),
      account: f(ci.account),
      cpr: f(ci.cpr),
      text: f(ci.text),
      carried: c.carried[i] === 1,
    };
    if (st === 'suggested' && group[i]! > 0) it.group = group[i]!;
    return it;
  };
  const fromSource = rows.filter((i) => read.offset[i]! >= 0);
  await withFile(file, async (out) => {
    const headerLine = (cells: string[]) => `status${d}line${d}` + cells.map((h) => csvCell(h, d)).join(d);
    const carriedLine = (it: CarriedItem): string => {
      const cells = read.header.map(() => '');
      const set = (idx: number, v: string | null) => {
        if (idx >= 0 && v !== null) cells[idx] = v;
      };
      set(ci.amount, formatAmount(config.negate ? -it.amountOre : it.amountOre, config.decimal));
      set(ci.date, formatDate(it.date, config.dateFormat));
      set(ci.caseId, it.caseId);
      set(ci.cpr, it.cpr === null ? null : maskCpr(it.cpr));
      set(ci.account, it.account);
      set(ci.text, it.text === null ? null : maskCprInText(it.text));
      return cells.map((v) => csvCell(v, d)).join(d);
    };
    if (config.format === 'xlsx') {
      out.ascii(headerLine(read.header) + '\n');
      const cells = await readXlsxRows(srcPath, config, new Set(fromSource.map((i) => read.offset[i]!)));
      for (const i of rows) {
        const k = read.offset[i]!;
        if (k < 0) continue;
        const row = cells.get(k) ?? [];
        const get = (idx: number) => (idx >= 0 ? (row[idx] ?? '').trim() || null : null);
        items.push(item(i, get));
        const shown = row.map((v, idx) => (idx === ci.cpr ? maskCpr(v) : maskCprInText(v)));
        out.ascii(pre(i) + shown.map((v) => csvCell(v, d)).join(d) + '\n');
      }
    } else {
      // header: the original header record's bytes, unless a name in it would run as a formula
      if (read.header.some(isFormulaLike)) out.ascii(headerLine(read.header) + '\n');
      else {
        out.ascii(`status${d}line${d}`);
        forEachRecord(srcPath, [read.headerStart], d, (r) => out.bytes(r.b, r.start, r.end));
        out.byte(0x0a);
      }
      const offsets = Float64Array.from(fromSource, (i) => read.offset[i]!);
      const cpr = ci.cpr;
      forEachRecord(srcPath, offsets, d, (r, k) => {
        const i = fromSource[k]!;
        const text = (idx: number): string | null => {
          if (idx < 0 || idx >= r.starts.length) return null;
          const fs0 = r.starts[idx]!;
          const fe0 = r.ends[idx]!;
          // ASCII fields (most) without a TextDecoder call and a subarray per field
          let ascii = true;
          for (let x = fs0; x < fe0; x++) if (r.b[x]! >= 0x80) ascii = false;
          let t = ascii ? r.b.toString('latin1', fs0, fe0) : decoder.decode(r.b.subarray(fs0, fe0));
          if (r.flags[idx] === 2) t = t.replaceAll('""', '"');
          t = t.trim();
          return t === '' ? null : t;
        };
        items.push(item(i, text));
        out.ascii(pre(i));
        // A cell a spreadsheet would run as a formula is written defused, field by field; the rest of the record as its bytes
        let formula = false;
        for (let f = 0; f < r.starts.length && !formula; f++)
          if (mayStartFormula(r.b[r.starts[f]!]) && r.starts[f]! < r.ends[f]!) formula = isFormulaLike(text(f) ?? '');
        if (formula) {
          for (let f = 0; f < r.starts.length; f++) {
            if (f > 0) out.ascii(d);
            const quoted = r.flags[f] !== 0 ? 1 : 0;
            const fs0 = r.starts[f]! - quoted;
            const fe0 = r.ends[f]! + quoted;
            if (f === cpr) out.ascii(csvCell(maskCpr(text(f) ?? ''), d));
            else if (mayStartFormula(r.b[r.starts[f]!]) && isFormulaLike(text(f) ?? '')) out.ascii(csvCell(maskCprInText(text(f) ?? ''), d));
            else out.bytesMasked(r.b, fs0, fe0);
          }
        } else if (cpr >= 0 && cpr < r.starts.length) {
          const cs = r.starts[cpr]!;
          const ce = r.ends[cpr]!;
          out.bytesMasked(r.b, r.start, cs);
          out.ascii(maskCpr(decoder.decode(r.b.subarray(cs, ce))));
          out.bytesMasked(r.b, ce, r.end);
        } else out.bytesMasked(r.b, r.start, r.end);
        out.byte(0x0a);
      });
    }
    for (const i of rows) {
      const k = read.offset[i]!;
      if (k >= 0) continue;
      const it = carried[-1 - k]!;
      items.push(item(i, () => null));
      const last = items[items.length - 1]!;
      last.caseId = it.caseId;
      last.account = it.account;
      last.cpr = it.cpr;
      last.text = it.text;
      out.ascii(pre(i) + carriedLine(it) + '\n');
    }
  });
}

function sideSummary(read: SideRead, state: Uint8Array, carried: number): SideSummary {
  const c = read.columns;
  const acc = [0, 0, 0, 0];
  const cnt = [0, 0, 0, 0];
  let total = 0;
  for (let i = 0; i < c.n; i++) {
    const s = state[i]!;
    cnt[s]!++;
    acc[s]! += c.amount[i]!;
    total += c.amount[i]!;
  }
  const ac = (s: number): AmountCount => ({ rows: cnt[s]!, amountOre: acc[s]! });
  return {
    rows: c.n,
    amountOre: total,
    carried,
    matched: ac(RowState.matched),
    suggested: ac(RowState.suggested),
    timing: ac(RowState.timing),
    unmatched: ac(RowState.unmatched),
    bytes: read.bytes,
    warnings: read.warnings,
  };
}

/**
 * The whole run in a worker thread, so the caller's event loop (the HTTP server) stays free.
 * Progress arrives as messages; aborting terminates the thread. Results files are written by the
 * worker; the outcome is copied back.
 */
export function runMatchingInWorker(input: MatchingInput): Promise<MatchingOutcome> {
  const { onProgress, signal, ...data } = input;
  if (signal?.aborted) return Promise.reject(abortError());
  return new Promise((resolve, reject) => {
    const w = startWorker(import.meta.url, 'pipeline-worker', { workerData: data });
    let settled = false;
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      f();
    };
    const onAbort = () => {
      void w.terminate();
      finish(() => reject(abortError()));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    w.on('message', (m: { type: string; progress?: MatchingProgress; outcome?: MatchingOutcome; error?: unknown }) => {
      if (m.type === 'progress') onProgress?.(m.progress!);
      else if (m.type === 'done') finish(() => resolve(m.outcome!));
      else if (m.type === 'error') finish(() => reject(reviveError(m.error)));
    });
    w.on('error', (e) => finish(() => reject(e)));
    w.on('exit', (code) => finish(() => reject(new Error(`the matching thread stopped (exit code ${code})`))));
  });
}
