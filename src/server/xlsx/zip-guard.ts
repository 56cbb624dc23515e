/**
 * The one way an uploaded .xlsx reaches a spreadsheet reader: we inflate every entry ourselves,
 * counting the bytes as they come out of zlib, and hand the reader a re-packed archive of the
 * checked entries (stored, not compressed, so nothing is inflated twice and nothing the reader
 * sees was left unchecked).
 *
 * A ZIP only *declares* how large its entries are; a zip bomb lies, or tells the truth about a
 * gigabyte of zeros in a megabyte. So: the declared sizes of the central directory must add up
 * to at most `maxUnpackedBytes` (checked before anything is inflated), and each entry is inflated
 * through a counter that stops at its declared size plus one byte — so what is unpacked can never
 * exceed the limit, whatever the archive says. While the XML parts stream past, a small scanner
 * refuses DTDs (`<!DOCTYPE`, `<!ENTITY`: entity expansion), counts cells, rows, shared strings and
 * elements, and bounds the nesting depth, so the reader is never handed a workbook whose model
 * would not fit in memory.
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32, createInflateRaw } from 'node:zlib';

export interface WorkbookLimits {
  /** Sum of the entries' unpacked bytes. */
  maxUnpackedBytes: number;
  /** Entries in the archive. */
  maxEntries: number;
  /** `<c>` elements in all parts (cells). */
  maxCells: number;
  /** `<row>` elements in all parts. */
  maxRows: number;
  /** `<si>` elements (shared strings). */
  maxSharedStrings: number;
  /** Elements of any kind in all XML parts. */
  maxElements: number;
  /** Nesting depth of one XML part (OOXML needs about 20). */
  maxDepth: number;
}

export const WORKBOOK_LIMITS: Readonly<WorkbookLimits> = Object.freeze({
  maxUnpackedBytes: 100 * 1024 * 1024,
  maxEntries: 10_000,
  maxCells: 1_000_000,
  maxRows: 1_048_576,
  maxSharedStrings: 1_000_000,
  maxElements: 10_000_000,
  maxDepth: 100,
});

export type WorkbookRefusalCode =
  | 'xlsx.tooManyEntries'
  | 'xlsx.unpackedTooLarge'
  | 'xlsx.tooManyCells'
  | 'xlsx.tooManyRows'
  | 'xlsx.tooManyStrings'
  | 'xlsx.tooManyElements'
  | 'xlsx.tooDeep'
  | 'xlsx.entityDeclaration'
  | 'xlsx.notUtf8'
  | 'xlsx.sizeMismatch'
  | 'xlsx.damaged';

/** 413 for a workbook over a size limit, 422 for one that is malformed or dangerous as written. */
export const refusalStatus: Record<WorkbookRefusalCode, 413 | 422> = {
  'xlsx.tooManyEntries': 413,
  'xlsx.unpackedTooLarge': 413,
  'xlsx.tooManyCells': 413,
  'xlsx.tooManyRows': 413,
  'xlsx.tooManyStrings': 413,
  'xlsx.tooManyElements': 413,
  'xlsx.tooDeep': 422,
  'xlsx.entityDeclaration': 422,
  'xlsx.notUtf8': 422,
  'xlsx.sizeMismatch': 422,
  'xlsx.damaged': 422,
};

/** Why a workbook was refused; `limit` is the limit it broke, `entry` the archive entry where. */
export class WorkbookRefused extends Error {
  constructor(
    readonly code: WorkbookRefusalCode,
    readonly limit: number | null = null,
    readonly entry: string | null = null,
    reason?: string,
  ) {
    super(reason ?? `${code}${entry ? ` (${entry})` : ''}`);
    this.name = 'WorkbookRefused';
  }

  get status(): 413 | 422 {
    return refusalStatus[this.code];
  }
}

export interface WorkbookStats {
  entries: number;
  unpackedBytes: number;
  cells: number;
  rows: number;
  sharedStrings: number;
  elements: number;
}

// Reading the archive --------------------------------------------------------------------------

/** Random access to the uploaded bytes: a buffer in memory or a file on disk. */
interface Source {
  size: number;
  read(position: number, length: number): Promise<Buffer>;
}

/** Where the re-packed archive goes; every byte's position is known before it is written. */
interface Sink {
  open(size: number): Promise<void>;
  write(chunk: Buffer, position: number): Promise<void>;
}

interface Entry {
  name: string;
  nameBytes: Buffer;
  /** Only the UTF-8 flag (bit 11) is carried over. */
  utf8: boolean;
  method: number;
  dosTime: number;
  dosDate: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const READ_CHUNK = 64 * 1024;

const damaged = (reason: string, entry: string | null = null) => new WorkbookRefused('xlsx.damaged', null, entry, reason);

/** The central directory's entries, refusing what we will not unpack before a byte is inflated. */
async function readDirectory(src: Source, limits: WorkbookLimits): Promise<{ entries: Entry[]; directoryOffset: number }> {
  if (src.size < 22) throw damaged('too short for a ZIP archive');
  // End of central directory: 22 bytes plus a comment of up to 65,535 bytes, at the very end.
  const tailStart = Math.max(0, src.size - 22 - 0xffff);
  const tail = await src.read(tailStart, src.size - tailStart);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === SIG_END) {
      at = i;
      break;
    }
  }
  if (at < 0) throw damaged('no end of central directory');
  const disk = tail.readUInt16LE(at + 4);
  const directoryDisk = tail.readUInt16LE(at + 6);
  const onDisk = tail.readUInt16LE(at + 8);
  const count = tail.readUInt16LE(at + 10);
  const directorySize = tail.readUInt32LE(at + 12);
  const directoryOffset = tail.readUInt32LE(at + 16);
  // ZIP64 (over 65,535 entries or 4 GiB): far beyond any workbook we accept.
  if (count === 0xffff) throw new WorkbookRefused('xlsx.tooManyEntries', limits.maxEntries, null, 'ZIP64 archive');
  if (directorySize === 0xffffffff || directoryOffset === 0xffffffff)
    throw new WorkbookRefused('xlsx.unpackedTooLarge', limits.maxUnpackedBytes, null, 'ZIP64 archive');
  if (disk !== 0 || directoryDisk !== 0 || onDisk !== count) throw damaged('a multi-part archive');
  if (count > limits.maxEntries) throw new WorkbookRefused('xlsx.tooManyEntries', limits.maxEntries);
  if (directoryOffset + directorySize > tailStart + at) throw damaged('the central directory is cut off');
  const dir = await src.read(directoryOffset, directorySize);
  const entries: Entry[] = [];
  const names = new Set<string>();
  let declared = 0;
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > dir.length || dir.readUInt32LE(p) !== SIG_CENTRAL) throw damaged('a central directory entry is cut off');
    const flags = dir.readUInt16LE(p + 8);
    const method = dir.readUInt16LE(p + 10);
    const compressedSize = dir.readUInt32LE(p + 20);
    const size = dir.readUInt32LE(p + 24);
    const nameLength = dir.readUInt16LE(p + 28);
    const next = p + 46 + nameLength + dir.readUInt16LE(p + 30) + dir.readUInt16LE(p + 32);
    if (next > dir.length) throw damaged('a central directory entry is cut off');
    const nameBytes = Buffer.from(dir.subarray(p + 46, p + 46 + nameLength));
    const name = nameBytes.toString('utf8');
    if (flags & 0x41) throw damaged('an encrypted entry', name);
    if (method !== 0 && method !== 8) throw damaged(`compression method ${method}`, name);
    if (method === 0 && compressedSize !== size) throw damaged('a stored entry whose sizes differ', name);
    if (compressedSize === 0xffffffff || size === 0xffffffff) throw new WorkbookRefused('xlsx.unpackedTooLarge', limits.maxUnpackedBytes, name);
    if (names.has(name)) throw damaged('two entries of the same name', name);
    names.add(name);
    declared += size;
    // Refused on what the archive admits to; what it hides is caught while inflating.
    if (declared > limits.maxUnpackedBytes) throw new WorkbookRefused('xlsx.unpackedTooLarge', limits.maxUnpackedBytes, name);
    const entry: Entry = {
      name,
      nameBytes,
      utf8: (flags & 0x800) !== 0,
      method,
      dosTime: dir.readUInt16LE(p + 12),
      dosDate: dir.readUInt16LE(p + 14),
      crc: dir.readUInt32LE(p + 16),
      compressedSize,
      size,
      localOffset: dir.readUInt32LE(p + 42),
    };
    // A folder entry carries nothing a reader needs.
    if (!(name.endsWith('/') && size === 0)) entries.push(entry);
    p = next;
  }
  return { entries, directoryOffset };
}

async function* compressedBytes(src: Source, start: number, length: number): AsyncGenerator<Buffer> {
  for (let done = 0; done < length;) {
    const n = Math.min(READ_CHUNK, length - done);
    yield await src.read(start + done, n);
    done += n;
  }
}

/**
 * Unpacks one entry chunk by chunk; `onChunk` sees every byte (and may throw to stop). The
 * inflater's output is pulled as it is consumed, so at most a chunk or two is held at a time.
 */
async function unpack(src: Source, entry: Entry, dataStart: number, onChunk: (chunk: Buffer) => Promise<void>): Promise<void> {
  if (entry.method === 0) {
    for await (const chunk of compressedBytes(src, dataStart, entry.compressedSize)) await onChunk(chunk);
    return;
  }
  await pipeline(
    Readable.from(compressedBytes(src, dataStart, entry.compressedSize)),
    createInflateRaw({ chunkSize: READ_CHUNK }),
    async (out: AsyncIterable<Buffer>) => {
      for await (const chunk of out) await onChunk(chunk);
    },
  );
}

// Scanning the XML -----------------------------------------------------------------------------

interface Counts {
  cells: number;
  rows: number;
  sharedStrings: number;
  elements: number;
}

const enum S {
  Text,
  Open, // after '<'
  Name, // a start tag's name
  Tag, // inside a start tag
  DoubleQuoted,
  SingleQuoted,
  EndTag,
  Instruction, // <? … ?>
  Bang, // after '<!'
  Comment,
  Cdata,
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const QUESTION = 0x3f;
const BANG = 0x21;
const DASH = 0x2d;
const RBRACKET = 0x5d;
const DQ = 0x22;
const SQ = 0x27;
const COLON = 0x3a;
const CDATA_OPEN = Buffer.from('[CDATA[');

const isSpace = (b: number) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;

/**
 * A byte-level pass over one XML part, chunk by chunk: just enough of XML to find where each
 * element starts and ends. It does not check well-formedness (the reader does); it refuses what
 * makes a reader blow up: any `<!` that is not a comment or CDATA (DOCTYPE, ENTITY, …), nesting
 * beyond the depth limit, NUL bytes (UTF-16 text, which would hide a DOCTYPE from a byte scan), and
 * counts elements against the workbook's limits.
 */
class XmlScanner {
  private state = S.Text;
  private depth = 0;
  /** The local name (after any prefix) of the start tag being read: its first bytes and length. */
  private local = 0;
  private localLength = 0;
  private slash = false;
  private run = 0; // consecutive '-', ']' or '?' before a possible end
  private bang = 0; // bytes seen after '<!'
  private bangKind: 'comment' | 'cdata' | null = null;
  private first = true;

  constructor(
    private readonly entry: string,
    private readonly counts: Counts,
    private readonly limits: WorkbookLimits,
  ) {}

  feed(b: Buffer): void {
    if (b.includes(0)) throw new WorkbookRefused('xlsx.notUtf8', null, this.entry, 'a NUL byte in an XML part');
    if (this.first && b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)))
      throw new WorkbookRefused('xlsx.notUtf8', null, this.entry, 'a UTF-16 XML part');
    this.first = false;
    const n = b.length;
    let i = 0;
    while (i < n) {
      switch (this.state) {
        case S.Text: {
          const lt = b.indexOf(LT, i);
          if (lt < 0) return;
          i = lt + 1;
          this.state = S.Open;
          break;
        }
        case S.Open: {
          const c = b[i]!;
          if (c === SLASH) {
            this.state = S.EndTag;
            i++;
          } else if (c === QUESTION) {
            this.state = S.Instruction;
            this.run = 0;
            i++;
          } else if (c === BANG) {
            this.state = S.Bang;
            this.bang = 0;
            this.bangKind = null;
            i++;
          } else {
            this.state = S.Name;
            this.local = 0;
            this.localLength = 0;
          }
          break;
        }
        case S.Name: {
          const c = b[i]!;
          if (isSpace(c) || c === SLASH || c === GT) {
            this.startElement();
            this.state = S.Tag;
            this.slash = false;
            break; // the Tag state reads this byte
          }
          if (c === COLON) {
            this.local = 0;
            this.localLength = 0;
          } else {
            if (this.localLength < 3) this.local = (this.local << 8) | c;
            this.localLength++;
          }
          i++;
          break;
        }
        case S.Tag: {
          const c = b[i++]!;
          if (c === GT) {
            if (this.slash) this.depth--;
            this.state = S.Text;
          } else if (c === DQ) this.state = S.DoubleQuoted;
          else if (c === SQ) this.state = S.SingleQuoted;
          else this.slash = c === SLASH;
          break;
        }
        case S.DoubleQuoted:
        case S.SingleQuoted: {
          const q = b.indexOf(this.state === S.DoubleQuoted ? DQ : SQ, i);
          if (q < 0) return;
          i = q + 1;
          this.slash = false;
          this.state = S.Tag;
          break;
        }
        case S.EndTag: {
          const gt = b.indexOf(GT, i);
          if (gt < 0) return;
          i = gt + 1;
          this.depth--;
          this.state = S.Text;
          break;
        }
        case S.Instruction: {
          const c = b[i++]!;
          if (c === GT && this.run > 0) this.state = S.Text;
          this.run = c === QUESTION ? 1 : 0;
          break;
        }
        case S.Bang: {
          const c = b[i++]!;
          // Only `<!--` and `<![CDATA[` may follow; anything else is a declaration.
          if (this.bang === 0) this.bangKind = c === DASH ? 'comment' : c === CDATA_OPEN[0] ? 'cdata' : null;
          const expected = this.bangKind === 'comment' ? DASH : this.bangKind === 'cdata' ? CDATA_OPEN[this.bang] : -1;
          if (c !== expected) throw new WorkbookRefused('xlsx.entityDeclaration', null, this.entry);
          this.bang++;
          if (this.bangKind === 'comment' && this.bang === 2) {
            this.state = S.Comment;
            this.run = 0;
          } else if (this.bangKind === 'cdata' && this.bang === CDATA_OPEN.length) {
            this.state = S.Cdata;
            this.run = 0;
          }
          break;
        }
        case S.Comment:
        case S.Cdata: {
          const c = b[i++]!;
          const closer = this.state === S.Comment ? DASH : RBRACKET;
          if (c === GT && this.run >= 2) this.state = S.Text;
          else this.run = c === closer ? this.run + 1 : 0;
          break;
        }
      }
    }
  }

  private startElement(): void {
    const c = this.counts;
    const l = this.limits;
    if (++c.elements > l.maxElements) throw new WorkbookRefused('xlsx.tooManyElements', l.maxElements, this.entry);
    if (++this.depth > l.maxDepth) throw new WorkbookRefused('xlsx.tooDeep', l.maxDepth, this.entry);
    if (this.localLength === 1 && this.local === 0x63) {
      if (++c.cells > l.maxCells) throw new WorkbookRefused('xlsx.tooManyCells', l.maxCells, this.entry);
    } else if (this.localLength === 3 && this.local === 0x726f77) {
      if (++c.rows > l.maxRows) throw new WorkbookRefused('xlsx.tooManyRows', l.maxRows, this.entry);
    } else if (this.localLength === 2 && this.local === 0x7369) {
      if (++c.sharedStrings > l.maxSharedStrings) throw new WorkbookRefused('xlsx.tooManyStrings', l.maxSharedStrings, this.entry);
    }
  }
}

const isXml = (name: string) => /\.(xml|rels|vml)$/i.test(name);
/** Worksheets go last: exceljs's streaming reader then has the shared strings and styles first. */
const isWorksheet = (name: string) => /^xl\/worksheets\/[^/]+\.xml$/i.test(name);

// Checking and re-packing ----------------------------------------------------------------------

function localHeader(e: Entry): Buffer {
  const h = Buffer.alloc(30);
  h.writeUInt32LE(SIG_LOCAL, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(e.utf8 ? 0x800 : 0, 6);
  h.writeUInt16LE(0, 8); // stored
  h.writeUInt16LE(e.dosTime, 10);
  h.writeUInt16LE(e.dosDate, 12);
  h.writeUInt32LE(e.crc, 14);
  h.writeUInt32LE(e.size, 18);
  h.writeUInt32LE(e.size, 22);
  h.writeUInt16LE(e.nameBytes.length, 26);
  return Buffer.concat([h, e.nameBytes]);
}

function centralHeader(e: Entry, offset: number): Buffer {
  const h = Buffer.alloc(46);
  h.writeUInt32LE(SIG_CENTRAL, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(20, 6);
  h.writeUInt16LE(e.utf8 ? 0x800 : 0, 8);
  h.writeUInt16LE(0, 10);
  h.writeUInt16LE(e.dosTime, 12);
  h.writeUInt16LE(e.dosDate, 14);
  h.writeUInt32LE(e.crc, 16);
  h.writeUInt32LE(e.size, 20);
  h.writeUInt32LE(e.size, 24);
  h.writeUInt16LE(e.nameBytes.length, 28);
  h.writeUInt32LE(offset, 42);
  return Buffer.concat([h, e.nameBytes]);
}

async function check(src: Source, sink: Sink, limits: WorkbookLimits): Promise<WorkbookStats> {
  const { entries, directoryOffset } = await readDirectory(src, limits);
  const ordered = [...entries.filter((e) => !isWorksheet(e.name)), ...entries.filter((e) => isWorksheet(e.name))];
  let size = 0;
  const offsets = ordered.map((e) => {
    const at = size;
    size += 30 + e.nameBytes.length + e.size;
    return at;
  });
  const directory = Buffer.concat(ordered.map((e, i) => centralHeader(e, offsets[i]!)));
  const end = Buffer.alloc(22);
  end.writeUInt32LE(SIG_END, 0);
  end.writeUInt16LE(ordered.length, 8);
  end.writeUInt16LE(ordered.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(size, 16);
  await sink.open(size + directory.length + end.length);

  const counts: Counts = { cells: 0, rows: 0, sharedStrings: 0, elements: 0 };
  let unpacked = 0;
  for (const [i, e] of ordered.entries()) {
    const local = await src.read(e.localOffset, 30);
    if (local.length < 30 || local.readUInt32LE(0) !== SIG_LOCAL) throw damaged('a local header is missing', e.name);
    const dataStart = e.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    if (dataStart + e.compressedSize > directoryOffset) throw damaged('an entry runs into the central directory', e.name);
    const header = localHeader(e);
    await sink.write(header, offsets[i]!);
    const dataAt = offsets[i]! + header.length;
    const scanner = isXml(e.name) ? new XmlScanner(e.name, counts, limits) : null;
    let produced = 0;
    let crc = 0;
    // Kept here: the stream pipeline may reject with the inflater's premature close instead.
    let refused: WorkbookRefused | null = null;
    try {
      await unpack(src, e, dataStart, async (chunk) => {
        try {
          // The entry said how large it is; one byte more and it lied (a bomb, or damage).
          if (produced + chunk.length > e.size) throw new WorkbookRefused('xlsx.sizeMismatch', e.size, e.name);
          crc = crc32(chunk, crc);
          scanner?.feed(chunk);
        } catch (err) {
          refused = err as WorkbookRefused;
          throw err;
        }
        await sink.write(chunk, dataAt + produced);
        produced += chunk.length;
      });
    } catch (err) {
      if (refused) throw refused;
      if (err instanceof WorkbookRefused) throw err;
      throw damaged(`the entry cannot be unpacked (${(err as Error).message})`, e.name);
    }
    if (produced !== e.size) throw new WorkbookRefused('xlsx.sizeMismatch', e.size, e.name);
    if (crc !== e.crc) throw damaged('checksum mismatch', e.name);
    unpacked += produced;
  }
  await sink.write(directory, size);
  await sink.write(end, size + directory.length);
  return { entries: ordered.length, unpackedBytes: unpacked, ...counts };
}

/**
 * Checks a workbook in memory; answers the re-packed archive of its checked entries (stored) to
 * give the reader instead of the upload. Throws WorkbookRefused.
 */
export async function checkWorkbookBuffer(bytes: Buffer, limits: WorkbookLimits = WORKBOOK_LIMITS): Promise<{ bytes: Buffer; stats: WorkbookStats }> {
  let out: Buffer | null = null;
  const src: Source = { size: bytes.length, read: async (p, n) => bytes.subarray(p, Math.min(p + n, bytes.length)) };
  const stats = await check(
    src,
    {
      async open(size) {
        // Sized from the declared (and by now limited) sizes; pages are touched only as bytes arrive.
        out = Buffer.allocUnsafe(size);
      },
      async write(chunk, position) {
        chunk.copy(out!, position);
      },
    },
    limits,
  );
  return { bytes: out!, stats };
}

/**
 * Checks a workbook on disk (a matching extract) and writes the re-packed archive of its checked
 * entries to `target`; `target` is removed again when the workbook is refused.
 */
export async function checkWorkbookFile(file: string, target: string, limits: WorkbookLimits = WORKBOOK_LIMITS): Promise<WorkbookStats> {
  const input = await fs.promises.open(file, 'r');
  let output: fs.promises.FileHandle | null = null;
  try {
    const size = (await input.stat()).size;
    const src: Source = {
      size,
      async read(p, n) {
        const buf = Buffer.allocUnsafe(Math.max(0, Math.min(n, size - p)));
        const { bytesRead } = await input.read(buf, 0, buf.length, p);
        return buf.subarray(0, bytesRead);
      },
    };
    return await check(
      src,
      {
        async open() {
          output = await fs.promises.open(target, 'w');
        },
        async write(chunk, position) {
          for (let done = 0; done < chunk.length;) done += (await output!.write(chunk, done, chunk.length - done, position + done)).bytesWritten;
        },
      },
      limits,
    );
  } catch (err) {
    await (output as fs.promises.FileHandle | null)?.close();
    output = null;
    await fs.promises.rm(target, { force: true });
    throw err;
  } finally {
    await (output as fs.promises.FileHandle | null)?.close();
    await input.close();
  }
}
