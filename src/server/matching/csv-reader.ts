/**
 * Streaming byte-level CSV reader for one side of a matching run. The file is read in chunks into
 * one reused buffer (never the whole file, never a string per row); amounts and dates are parsed
 * from the bytes and the key fields are fed to the keyed hash, so a row costs a few typed-array
 * writes. Each row's byte offset is kept so the few rows that stay unmatched can be re-read later
 * (recordAt) for their text, case id and CPR number.
 */
import fs from 'node:fs';
import { hashOut, type HashKey } from '../../domain/matching/hash.js';
import { NO_DAY, type KeyField, type SideColumns } from '../../domain/matching/types.js';
import { BAD_DAY, parseAmount, parseDay, type DateFormat } from './bytes.js';
import { SourceError, abortError, safeValue, type SourceWarning } from './errors.js';
import { hashKeyFields } from './key-bytes.js';
import { sourceFields, type SourceConfig, type SourceField } from './source-config.js';

/** Where the bytes come from: a file, or (in tests) a generator. read() returns 0 at the end. */
export interface ByteInput {
  readonly size?: number;
  read(buf: Uint8Array, offset: number, length: number): number;
  close(): void;
}

export function fileInput(path: string): ByteInput {
  const fd = fs.openSync(path, 'r');
  const size = fs.fstatSync(fd).size;
  let pos = 0;
  return {
    size,
    read(buf, offset, length) {
      const n = fs.readSync(fd, buf, offset, length, pos);
      pos += n;
      return n;
    },
    close() {
      fs.closeSync(fd);
    },
  };
}

/** Bytes from memory (an upload, a test), handed out at most `step` bytes per read. */
export function bufferInput(bytes: Uint8Array, step = 1 << 30): ByteInput {
  let pos = 0;
  return {
    size: bytes.length,
    read(buf, off, len) {
      const k = Math.min(len, step, bytes.length - pos);
      buf.set(bytes.subarray(pos, pos + k), off);
      pos += k;
      return k;
    },
    close() {},
  };
}

export interface ReadOptions {
  /** The rules' key and group-key fields, hashed per row. */
  keyFields: readonly KeyField[];
  groupFields: readonly KeyField[];
  hashKey: HashKey;
  /** Bytes per read (default 4 MiB). Tests use tiny chunks to cross every boundary. */
  chunkSize?: number;
  /** A single record longer than this is an error (default 64 MiB). */
  maxRecordBytes?: number;
  signal?: AbortSignal;
  onProgress?: (bytesRead: number, totalBytes: number | undefined) => void;
}

/** One side as read: the matcher's columns plus what is needed to re-read rows and explain. */
export interface SideRead {
  columns: SideColumns;
  /** Byte offset of each row's record (CSV) or the row number (XLSX); only [0, n) is meaningful. */
  offset: Float64Array;
  /** Header names as in the file. */
  header: string[];
  /** 0-based column index of each mapped field, -1 when not mapped. */
  columnIndex: Record<SourceField, number>;
  warnings: SourceWarning[];
  bytes: number;
  /** Byte offsets of the header record (CSV): [headerStart, headerEnd), terminator included. */
  headerStart: number;
  headerEnd: number;
  /** Encoding actually used (a UTF-8 BOM overrides a configured windows-1252). */
  encoding: 'utf-8' | 'windows-1252';
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

const INCOMPLETE = -1;
const UNTERMINATED = -2;
const BAD_QUOTE = -3;

const ROLE_AMOUNT = 0;
const ROLE_DATE = 1;
const ROLES = sourceFields.length;

/** Allocates a side's columns with room for `cap` rows. */
export function allocColumns(cap: number): { columns: SideColumns; offset: Float64Array } {
  return {
    columns: {
      n: 0,
      keyHi: new Uint32Array(cap),
      keyLo: new Uint32Array(cap),
      groupHi: new Uint32Array(cap),
      groupLo: new Uint32Array(cap),
      amount: new Float64Array(cap),
      day: new Int32Array(cap),
      line: new Int32Array(cap),
      carried: new Uint8Array(cap),
    },
    offset: new Float64Array(cap),
  };
}

/** Copies the first n rows into arrays of capacity cap (grow or trim). */
export function resizeColumns(c: SideColumns, offset: Float64Array, cap: number): { columns: SideColumns; offset: Float64Array } {
  const r = allocColumns(cap);
  const n = Math.min(c.n, cap);
  r.columns.n = n;
  r.columns.keyHi.set(c.keyHi.subarray(0, n));
  r.columns.keyLo.set(c.keyLo.subarray(0, n));
  r.columns.groupHi.set(c.groupHi.subarray(0, n));
  r.columns.groupLo.set(c.groupLo.subarray(0, n));
  r.columns.amount.set(c.amount.subarray(0, n));
  r.columns.day.set(c.day.subarray(0, n));
  r.columns.line.set(c.line.subarray(0, n));
  r.columns.carried.set(c.carried.subarray(0, n));
  r.offset.set(offset.subarray(0, n));
  return r;
}

/**
 * Record parser state, module-level so the per-record function allocates nothing. fs/fe/ff hold,
 * per role (amount, date, caseId, cpr, account, text), the field's byte range and its quoting:
 * 0 plain, 1 quoted, 2 quoted with doubled quotes inside.
 */
const fs0 = new Int32Array(ROLES);
const fe0 = new Int32Array(ROLES);
const ff0 = new Uint8Array(ROLES);
let nFields = 0;
let nLines = 0; // line breaks consumed by the record (inside quotes and the terminator)
let errAt = 0; // position of a quoting error

/**
 * Parses one record at p in b[0, len). roleOf maps a field index to a role (or -1). Returns the
 * position after the record's terminator, INCOMPLETE when more bytes are needed, or a quoting
 * error code.
 */
function parseRecord(b: Uint8Array, p: number, len: number, eof: boolean, delim: number, roleOf: Int8Array): number {
  nFields = 0;
  nLines = 0;
  const nRoles = roleOf.length;
  for (;;) {
    const role = nFields < nRoles ? roleOf[nFields]! : -1;
    if (p < len && b[p] === QUOTE) {
      let q = p + 1;
      let esc = 0;
      for (;;) {
        if (q >= len) {
          if (!eof) return INCOMPLETE;
          errAt = p;
          return UNTERMINATED;
        }
        const c = b[q]!;
        if (c === QUOTE) {
          if (q + 1 >= len && !eof) return INCOMPLETE;
          if (b[q + 1] === QUOTE && q + 1 < len) {
            esc = 1;
            q += 2;
            continue;
          }
          break;
        }
        if (c === LF) nLines++;
        q++;
      }
      if (role >= 0) {
        fs0[role] = p + 1;
        fe0[role] = q;
        ff0[role] = esc ? 2 : 1;
      }
      p = q + 1;
      if (p < len) {
        const c = b[p]!;
        if (c !== delim && c !== CR && c !== LF) {
          errAt = p;
          return BAD_QUOTE;
        }
      }
    } else {
      let q = p;
      while (q < len) {
        const c = b[q]!;
        if (c === delim || c === LF || c === CR) break;
        q++;
      }
      if (role >= 0) {
        fs0[role] = p;
        fe0[role] = q;
        ff0[role] = 0;
      }
      p = q;
    }
    nFields++;
    if (p >= len) return eof ? p : INCOMPLETE;
    const c = b[p]!;
    if (c === delim) {
      p++;
      continue;
    }
    p++;
    if (c === CR) {
      if (p >= len) {
        if (!eof) return INCOMPLETE;
      } else if (b[p] === LF) p++;
    }
    nLines++;
    return p;
  }
}

/** Same parser, for a header or a re-read record: every field's range (and quoting) into out. */
export function parseFields(
  b: Uint8Array,
  p: number,
  len: number,
  eof: boolean,
  delim: number,
): { end: number; starts: number[]; ends: number[]; flags: number[]; lines: number } | number {
  const starts: number[] = [];
  const ends: number[] = [];
  const flags: number[] = [];
  // Straightforward generic loop (not hot: header and re-read rows only).
  let lines = 0;
  for (;;) {
    if (p < len && b[p] === QUOTE) {
      let q = p + 1;
      let esc = 0;
      for (;;) {
        if (q >= len) return eof ? UNTERMINATED : INCOMPLETE;
        const c = b[q]!;
        if (c === QUOTE) {
          if (q + 1 >= len && !eof) return INCOMPLETE;
          if (q + 1 < len && b[q + 1] === QUOTE) {
            esc = 1;
            q += 2;
            continue;
          }
          break;
        }
        if (c === LF) lines++;
        q++;
      }
      starts.push(p + 1);
      ends.push(q);
      flags.push(esc ? 2 : 1);
      p = q + 1;
      if (p < len && b[p] !== delim && b[p] !== CR && b[p] !== LF) return BAD_QUOTE;
    } else {
      let q = p;
      while (q < len && b[q] !== delim && b[q] !== LF && b[q] !== CR) q++;
      starts.push(p);
      ends.push(q);
      flags.push(0);
      p = q;
    }
    if (p >= len) {
      if (!eof) return INCOMPLETE;
      return { end: p, starts, ends, flags, lines };
    }
    const c = b[p]!;
    p++;
    if (c === delim) continue;
    if (c === CR) {
      if (p >= len) {
        if (!eof) return INCOMPLETE;
      } else if (b[p] === LF) p++;
    }
    lines++;
    return { end: p, starts, ends, flags, lines };
  }
}

/** Decodes a field's bytes as text (quotes undone). */
export function fieldText(b: Uint8Array, s: number, e: number, flag: number, decoder: TextDecoder): string {
  const t = decoder.decode(b.subarray(s, e));
  return flag === 2 ? t.replaceAll('""', '"') : t;
}

const DELIMS = [';', ',', '\t', '|'];
function delimName(d: string): string {
  return d === '\t' ? 'tab' : `'${d}'`;
}

/** Maps the configured header names to column indexes, or throws missing_column/wrong_delimiter. */
export function mapHeader(header: string[], config: SourceConfig, line: number): Record<SourceField, number> {
  const norm = header.map((h) => h.trim().toLowerCase());
  const idx = {} as Record<SourceField, number>;
  for (const f of sourceFields) {
    const name = config.columns[f];
    if (name === undefined) {
      idx[f] = -1;
      continue;
    }
    const i = norm.indexOf(name.trim().toLowerCase());
    if (i < 0) {
      if (header.length === 1) {
        const other = DELIMS.find((d) => d !== config.delimiter && header[0]!.includes(d));
        throw new SourceError(
          'wrong_delimiter',
          line,
          `the header has 1 column; is the delimiter ${delimName(config.delimiter)}?` + (other ? ` The header contains ${delimName(other)}.` : ''),
        );
      }
      throw new SourceError(
        'missing_column',
        line,
        `column "${name}" (${f}) is not in the header; the header has: ${header.map((h) => `"${safeValue(h.trim())}"`).join(', ')}`,
      );
    }
    idx[f] = i;
  }
  return idx;
}

/** Checks that every key/group field of the rules has a mapped column. */
export function checkKeyColumns(config: SourceConfig, keyFields: readonly KeyField[], groupFields: readonly KeyField[]): void {
  for (const f of [...keyFields, ...groupFields]) {
    if (config.columns[f] === undefined) {
      throw new SourceError('missing_key_column', 0, `the rules match on ${f}, but no ${f} column is mapped for this source`);
    }
  }
}

/**
 * Reads a whole CSV side. Synchronous on purpose: it runs in a worker thread, and sync reads into
 * one buffer are the fastest way through a file in Node.
 */
export function readCsv(input: ByteInput, config: SourceConfig, opts: ReadOptions): SideRead {
  try {
    return readCsvInner(input, config, opts);
  } finally {
    input.close();
  }
}

/** Everything the hot loop needs, in one monomorphic object (read into locals per chunk). */
interface ScanState {
  delim: number;
  decimal: number;
  thousands: number;
  dateFormat: DateFormat;
  negate: boolean;
  cp1252: boolean;
  /** Line breaks are lone CRs: the LF fast path cannot be used. */
  crOnly: boolean;
  roleOf: Int8Array;
  needFields: number;
  keyRoles: Int8Array;
  groupRoles: Int8Array;
  groupIsKey: boolean;
  cprRole: number;
  hasDate: boolean;
  seedHi: number;
  seedLo: number;
  // output
  n: number;
  cap: number;
  line: number;
  cols: SideColumns;
  offset: Float64Array;
  /** File offset of b[0]. */
  base: number;
  /** Position of the next quote in b at or after the scan position (len when none). */
  nq: number;
  // for messages
  config: SourceConfig;
  names: string[];
  columnIndex: Record<SourceField, number>;
  decoder: TextDecoder;
}

/**
 * Parses records from b[p, len) into the columns until the buffer runs out (returns the position
 * of the first unparsed record) or the columns are full. The fast path handles a line without
 * quotes: its end is found with memchr (Buffer.indexOf) and only the fields up to the last needed
 * column are scanned; any line with a quote goes through the general parser.
 */
/**
 * The hot loop's inputs and outputs live in module variables, not in properties of the state
 * object: property access compiled from a first (on-stack-replaced) call kept deoptimising at the
 * end of every chunk ("insufficient type feedback"), sending the next chunk to the interpreter.
 */
let hDelim = 0;
let hDecimal = 0;
let hThousands = 0;
let hNegate = false;
let hHasDate = false;
let hDateFormat: DateFormat = 'dd-mm-yyyy';
let hKeyRoles: Int8Array = new Int8Array(0);
let hGroupRoles: Int8Array = new Int8Array(0);
let hGroupIsKey = false;
let hCprRole = -1;
let hCp1252 = false;
let hSeedHi = 0;
let hSeedLo = 0;
let hN = 0;
let hLine = 0;
let hNq = 0;

function setHot(st: ScanState): void {
  hDelim = st.delim;
  hDecimal = st.decimal;
  hThousands = st.thousands;
  hNegate = st.negate;
  hHasDate = st.hasDate;
  hDateFormat = st.dateFormat;
  hKeyRoles = st.keyRoles;
  hGroupRoles = st.groupRoles;
  hGroupIsKey = st.groupIsKey;
  hCprRole = st.cprRole;
  hCp1252 = st.cp1252;
  hSeedHi = st.seedHi;
  hSeedLo = st.seedLo;
}

function scan(st: ScanState, cols: SideColumns, offset: Float64Array, cap: number, base: number, b: Buffer, p: number, len: number, eof: boolean): number {
  const delim = hDelim;
  const roleOf = st.roleOf;
  const needFields = st.needFields;
  const crOnly = st.crOnly;
  const { keyHi, keyLo, groupHi, groupLo, amount, day, line: lineCol } = cols;
  const decimal = hDecimal;
  const thousands = hThousands;
  const negate = hNegate;
  const hasDate = hHasDate;
  const dateFormat = hDateFormat;
  const keyRoles = hKeyRoles;
  const groupRoles = hGroupRoles;
  const groupIsKey = hGroupIsKey;
  const cprRole = hCprRole;
  const cp1252 = hCp1252;
  const seedHi = hSeedHi;
  const seedLo = hSeedLo;
  let n = hN;
  let line = hLine;
  let nq = hNq;
  if (nq < p) {
    nq = b.indexOf(QUOTE, p);
    if (nq < 0 || nq > len) nq = len;
  }
  while (n < cap && p < len) {
    const c0 = b[p]!;
    if (c0 === LF || c0 === CR) {
      // blank line
      if (c0 === CR && p + 1 >= len && !eof) break;
      p += c0 === CR && b[p + 1] === LF ? 2 : 1;
      line++;
      continue;
    }
    let lf = crOnly ? -1 : b.indexOf(LF, p);
    if (lf < 0 || lf >= len) {
      if (!eof && !crOnly) break;
      lf = len;
    }
    if (nq < p) {
      nq = b.indexOf(QUOTE, p);
      if (nq < 0 || nq > len) nq = len;
    }
    let end: number;
    let recLines: number;
    let fields = 0;
    if (nq >= lf && !crOnly) {
      const le = lf > p && b[lf - 1] === CR ? lf - 1 : lf;
      let s = p;
      for (;;) {
        let q = s;
        while (q < le && b[q] !== delim) q++;
        const role = roleOf[fields]!;
        if (role >= 0) {
          fs0[role] = s;
          fe0[role] = q;
          ff0[role] = 0;
        }
        fields++;
        if (fields >= needFields || q >= le) break;
        s = q + 1;
      }
      end = lf < len ? lf + 1 : lf;
      recLines = 1;
    } else {
      end = parseRecord(b, p, len, eof, delim, roleOf);
      if (end < 0) {
        if (end === INCOMPLETE) break;
        if (end === UNTERMINATED) throw new SourceError('unterminated_quote', line, `line ${line}: a quoted field is never closed`);
        const at = lineOf(b, p, errAt, line);
        throw new SourceError('bad_quote', at, `line ${at}: unexpected character after a closing quote`);
      }
      fields = nFields;
      recLines = nLines;
    }
    if (fields < needFields) {
      // a line of spaces only is blank
      let blank = fields === 1;
      for (let i = p; blank && i < end; i++) if (b[i] !== 0x20 && b[i] !== 0x09 && b[i] !== CR && b[i] !== LF) blank = false;
      if (blank) {
        line += recLines;
        p = end;
        continue;
      }
      throw new SourceError(
        'too_few_columns',
        line,
        `line ${line} has ${fields} column${fields === 1 ? '' : 's'}, the header has ${st.names.length}` +
          (fields === 1 ? `; is the delimiter ${delimName(st.config.delimiter)}?` : ''),
      );
    }
    // amount
    const as = fs0[ROLE_AMOUNT]!;
    const ae = fe0[ROLE_AMOUNT]!;
    let a = parseAmount(b, as, ae, decimal, thousands);
    if (a !== a) {
      const v = fieldText(b, as, ae, ff0[ROLE_AMOUNT]!, st.decoder).trim();
      throw new SourceError(
        'bad_amount',
        line,
        v === ''
          ? `line ${line}: the amount is empty`
          : `line ${line}: the amount "${safeValue(v)}" is not a number with decimal '${st.config.decimal}' and at most 2 decimals`,
        st.columnIndex.amount + 1,
      );
    }
    if (negate && a !== 0) a = -a;
    amount[n] = a;
    let d = NO_DAY;
    if (hasDate) {
      d = parseDay(b, fs0[ROLE_DATE]!, fe0[ROLE_DATE]!, dateFormat);
      if (d === BAD_DAY) {
        const v = fieldText(b, fs0[ROLE_DATE]!, fe0[ROLE_DATE]!, ff0[ROLE_DATE]!, st.decoder).trim();
        throw new SourceError(
          'bad_date',
          line,
          `line ${line}: the date "${safeValue(v)}" is not a valid date in the format ${st.dateFormat}`,
          st.columnIndex.date + 1,
        );
      }
    }
    day[n] = d;
    hashKeyFields(b, fs0, fe0, ff0, keyRoles, cprRole, cp1252, seedHi, seedLo);
    keyHi[n] = hashOut[0]!;
    keyLo[n] = hashOut[1]!;
    if (!groupIsKey) hashKeyFields(b, fs0, fe0, ff0, groupRoles, cprRole, cp1252, seedHi, seedLo);
    groupHi[n] = hashOut[0]!;
    groupLo[n] = hashOut[1]!;
    lineCol[n] = line;
    offset[n] = base + p;
    n++;
    line += recLines;
    p = end;
  }
  hN = n;
  hLine = line;
  hNq = nq;
  return p;
}

function readCsvInner(input: ByteInput, config: SourceConfig, opts: ReadOptions): SideRead {
  checkKeyColumns(config, opts.keyFields, opts.groupFields);
  const chunk = Math.max(4, opts.chunkSize ?? 4 << 20);
  const maxRecord = opts.maxRecordBytes ?? 64 << 20;
  const delim = config.delimiter.charCodeAt(0);
  const total = input.size;

  // The first read is small so the hot loop gathers type feedback on a short first call before
  // the big chunks (a fresh worker otherwise runs much of its first 4 MiB chunk unoptimised).
  let b = Buffer.allocUnsafe(Math.min(chunk, 64 << 10));
  let len = 0; // valid bytes in b
  let base = 0; // file offset of b[0]
  let eof = false;
  let bytesRead = 0;
  let line = 1;

  const fill = (): void => {
    if (opts.signal?.aborted) throw abortError();
    if (len === b.length) {
      if (b.length >= maxRecord) throw new SourceError('line_too_long', line, `line ${line}: a record is longer than ${maxRecord} bytes`);
      const nb = Buffer.allocUnsafe(Math.min(b.length * 2, maxRecord));
      nb.set(b.subarray(0, len));
      b = nb;
    }
    const n = input.read(b, len, b.length - len);
    if (n === 0) eof = true;
    len += n;
    bytesRead += n;
    opts.onProgress?.(bytesRead, total);
  };
  /** Moves b[p, len) to the front; the caller's position becomes 0. */
  const compact = (p: number): void => {
    if (p > 0) b.copyWithin(0, p, len);
    base += p;
    len -= p;
  };

  // --- BOM and header
  while (!eof && len < 4) fill();
  let p = 0;
  let encoding = config.encoding;
  if (len >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) {
    throw new SourceError('unsupported_encoding', 1, 'the file is UTF-16; save it as UTF-8 or Windows-1252 (ANSI) CSV');
  }
  if (len >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    p = 3;
    encoding = 'utf-8';
  }
  const decoder = new TextDecoder(encoding);
  let header: ReturnType<typeof parseFields>;
  for (;;) {
    // blank lines before the header
    while (p < len && (b[p] === LF || b[p] === CR || b[p] === 0x20)) {
      if (b[p] === LF) line++;
      p++;
    }
    if (p >= len) {
      if (eof) throw new SourceError('empty_file', 1, 'the file is empty');
      compact(p);
      p = 0;
      fill();
      continue;
    }
    header = parseFields(b, p, len, eof, delim);
    if (header === INCOMPLETE) {
      compact(p);
      p = 0;
      fill();
      continue;
    }
    break;
  }
  if (typeof header === 'number') throw new SourceError('bad_quote', line, `line ${line}: the header has an unterminated or misplaced quote`);
  const headerStart = base + p;
  const names = header.starts.map((s, i) => fieldText(b, s, header.ends[i]!, header.flags[i]!, decoder));
  const columnIndex = mapHeader(names, config, line);
  const crOnly = header.end > 0 && b[header.end - 1] === CR;
  line += header.lines;
  p = header.end;
  const headerEnd = base + p;

  // Only the columns the hot loop needs get a role: amount, date and the key/group fields.
  const hot = new Set<SourceField>(['amount', 'date', ...opts.keyFields, ...opts.groupFields]);
  let needFields = 0;
  for (const f of hot) if (columnIndex[f] >= 0) needFields = Math.max(needFields, columnIndex[f] + 1);
  const roleOf = new Int8Array(needFields).fill(-1);
  for (let r = 0; r < ROLES; r++) {
    const f = sourceFields[r]!;
    if (hot.has(f) && columnIndex[f] >= 0) roleOf[columnIndex[f]] = r;
  }
  const keyRoles = Int8Array.from(opts.keyFields.map((f) => sourceFields.indexOf(f)));
  const groupRoles = Int8Array.from(opts.groupFields.map((f) => sourceFields.indexOf(f)));

  // Capacity from the file size and the first chunk's line length; grown by 1.5× if short.
  let cap = 1024;
  if (total !== undefined) {
    let nl = 0;
    for (let i = b.indexOf(LF, p); i >= 0 && i < len; i = b.indexOf(LF, i + 1)) nl++;
    const avg = nl > 0 ? (len - p) / nl : 64;
    cap = Math.max(1024, Math.ceil(((total - headerEnd) / avg) * 1.05) + 16);
  }
  const alloc = allocColumns(cap);
  const st: ScanState = {
    delim,
    decimal: config.decimal.charCodeAt(0),
    thousands: config.decimal === ',' ? 0x2e : 0x2c,
    dateFormat: config.dateFormat,
    negate: config.negate,
    cp1252: encoding === 'windows-1252',
    crOnly,
    roleOf,
    needFields,
    keyRoles,
    groupRoles,
    groupIsKey: keyRoles.length === groupRoles.length && keyRoles.every((r, i) => r === groupRoles[i]),
    cprRole: sourceFields.indexOf('cpr'),
    hasDate: columnIndex.date >= 0,
    seedHi: opts.hashKey.seedHi,
    seedLo: opts.hashKey.seedLo,
    n: 0,
    cap,
    line,
    cols: alloc.columns,
    offset: alloc.offset,
    base,
    nq: -1,
    config,
    names,
    columnIndex,
    decoder,
  };

  setHot(st);
  hN = 0;
  hLine = line;
  hNq = -1;
  for (;;) {
    p = scan(st, st.cols, st.offset, st.cap, base, b, p, len, eof);
    st.n = hN;
    st.line = hLine;
    if (st.n === st.cap) {
      st.cap = Math.ceil(st.cap * 1.5);
      st.cols.n = st.n;
      ({ columns: st.cols, offset: st.offset } = resizeColumns(st.cols, st.offset, st.cap));
      continue;
    }
    if (p >= len && eof) break;
    line = st.line;
    compact(p);
    p = 0;
    hNq = -1;
    if (b.length < chunk) {
      const nb = Buffer.allocUnsafe(chunk);
      nb.set(b.subarray(0, len));
      b = nb;
    }
    fill();
  }
  let cols = st.cols;
  let offset = st.offset;
  const n = st.n;
  cols.n = n;
  // Trim when the estimate overshot by more than a quarter (memory at 10M rows matters).
  if (st.cap > n * 1.25 + 1024) ({ columns: cols, offset } = resizeColumns(cols, offset, n));
  const warnings: SourceWarning[] = [];
  if (n === 0) warnings.push({ code: 'no_rows', message: 'the file has a header but no rows', count: 0, lines: [] });
  const dup = duplicateKeys(cols);
  if (dup) warnings.push(dup);
  return { columns: cols, offset, header: names, columnIndex, warnings, bytes: bytesRead, headerStart, headerEnd, encoding };
}

/** Line of position `at` given that position p starts line `line`. */
function lineOf(b: Uint8Array, p: number, at: number, line: number): number {
  for (let i = p; i < at; i++) if (b[i] === LF) line++;
  return line;
}

/**
 * Rows repeating an earlier row's key and amount on the same side: legal (paired in row order
 * with the other side's repeats) but worth a warning, since they are often double postings.
 * Radix-partitioned by a fingerprint, then one small (cache-sized) open-addressing table per
 * partition: a single table over 10M rows was a cache miss per row and 268 MB per side.
 */
export function duplicateKeys(c: SideColumns, maxLines = 5): SourceWarning | null {
  const n = c.n;
  if (n < 2) return null;
  const { keyHi, keyLo, amount } = c;
  const bits = n > 1 << 22 ? 10 : n > 1 << 16 ? 8 : 2;
  const shift = 32 - bits;
  const P = 1 << bits;
  const fp = new Int32Array(n);
  const start = new Int32Array(P + 1);
  for (let i = 0; i < n; i++) {
    const am = amount[i]!;
    let h = Math.imul(keyLo[i]! ^ Math.imul(keyHi[i]!, 0x9e3779b1) ^ (am | 0) ^ ((am / 4294967296) | 0), 0x85ebca6b);
    h ^= h >>> 15;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 13;
    fp[i] = h | 1; // never 0: 0 marks an empty slot
    start[((h | 1) >>> shift) + 1]!++;
  }
  let maxPart = 0;
  for (let q = 1; q <= P; q++) {
    maxPart = Math.max(maxPart, start[q]!);
    start[q]! += start[q - 1]!;
  }
  const order = new Int32Array(n); // rows by partition, in row order within each (stable)
  const fill = start.slice(0, P);
  for (let i = 0; i < n; i++) order[fill[fp[i]! >>> shift]!++] = i;
  let size = 2;
  while (size < maxPart * 2) size <<= 1;
  const table = new Int32Array(size * 2); // [fingerprint, row + 1]
  let count = 0;
  // the first maxLines duplicates in row order: (row, first row) pairs kept sorted by row
  const dupRow: number[] = [];
  const firstRow: number[] = [];
  for (let q = 0; q < P; q++) {
    const s0 = start[q]!;
    const e0 = start[q + 1]!;
    if (e0 - s0 < 2) continue;
    let m = 2;
    while (m < (e0 - s0) * 2) m <<= 1;
    const mask = m - 1;
    table.fill(0, 0, m * 2);
    for (let k = s0; k < e0; k++) {
      const i = order[k]!;
      const f = fp[i]!;
      let slot = f & mask;
      for (;;) {
        const t = table[slot * 2]!;
        if (t === 0) {
          table[slot * 2] = f;
          table[slot * 2 + 1] = i + 1;
          break;
        }
        if (t === f) {
          const j = table[slot * 2 + 1]! - 1;
          if (keyHi[j] === keyHi[i] && keyLo[j] === keyLo[i] && amount[j] === amount[i]) {
            count++;
            if (dupRow.length < maxLines || i < dupRow[dupRow.length - 1]!) {
              let at = dupRow.length;
              while (at > 0 && dupRow[at - 1]! > i) at--;
              dupRow.splice(at, 0, i);
              firstRow.splice(at, 0, j);
              if (dupRow.length > maxLines) {
                dupRow.pop();
                firstRow.pop();
              }
            }
            break;
          }
        }
        slot = (slot + 1) & mask;
      }
    }
  }
  if (count === 0) return null;
  const lines = dupRow.map((i) => c.line[i]!);
  const pairs = dupRow.map((i, k) => `line ${c.line[i]} repeats line ${c.line[firstRow[k]!]}`);
  return {
    code: 'duplicate_keys',
    count,
    lines,
    message: `${count} row${count === 1 ? '' : 's'} repeat the key and amount of an earlier row (paired in order): ${pairs.join(', ')}${count > pairs.length ? ', …' : ''}`,
  };
}

/** A re-read record: its bytes are b[start, end) (terminator excluded), fields as ranges into b. */
export interface RawRecord {
  b: Buffer;
  start: number;
  end: number;
  starts: number[];
  ends: number[];
  flags: number[];
}

/**
 * Re-reads the records at the given byte offsets (ascending) through a window buffer: dense
 * offsets cost one sequential pass, sparse ones a read each. Used for the few rows that stay
 * unmatched, to get their text fields and original lines.
 */
export function forEachRecord(
  path: string,
  offsets: ArrayLike<number>,
  delimiter: string,
  fn: (r: RawRecord, index: number) => void,
  windowSize = 1 << 20,
): void {
  const delim = delimiter.charCodeAt(0);
  const fd = fs.openSync(path, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    let b = Buffer.allocUnsafe(windowSize);
    let winStart = 0;
    let winLen = 0;
    for (let i = 0; i < offsets.length; i++) {
      const o = offsets[i]!;
      for (;;) {
        if (o >= winStart && o < winStart + winLen) {
          const eof = winStart + winLen >= size;
          const r = parseFields(b, o - winStart, winLen, eof, delim);
          if (typeof r !== 'number') {
            let end = r.end;
            while (end > o - winStart && (b[end - 1] === LF || b[end - 1] === CR)) end--;
            fn({ b, start: o - winStart, end, starts: r.starts, ends: r.ends, flags: r.flags }, i);
            break;
          }
          if (r !== INCOMPLETE) throw new SourceError('bad_quote', 0, 'a row changed since it was read');
          if (winStart === o && winLen === b.length) b = Buffer.allocUnsafe(b.length * 2);
          else if (winStart === o && eof) throw new SourceError('bad_quote', 0, 'a row changed since it was read');
        }
        winStart = o;
        winLen = fs.readSync(fd, b, 0, b.length, o);
        if (winLen === 0) throw new SourceError('empty_file', 0, 'the file is shorter than when it was read');
      }
    }
  } finally {
    fs.closeSync(fd);
  }
}
