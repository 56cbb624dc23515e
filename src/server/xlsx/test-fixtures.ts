/**
 * Decompression bombs for the tests, generated here (nothing is checked in): ZIP archives written
 * byte by byte so each can lie about its sizes, built on the entries of a real workbook so every
 * check before the zip guard (a ZIP with xl/workbook.xml) passes.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import type { WorkbookRefusalCode } from './zip-guard.js';

export interface ZipEntrySpec {
  name: string;
  /** Unpacked content (deflated here). */
  data?: Buffer | Uint8Array;
  /** Or the raw deflate stream with its real unpacked size and CRC. */
  deflated?: { bytes: Buffer; size: number; crc: number };
  /** The unpacked size the archive declares, when it should lie. */
  declaredSize?: number;
}

/** A ZIP archive (deflate) of the entries, sizes as declared. */
export function zipOf(entries: ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const d = e.deflated ?? { bytes: deflateRawSync(e.data ?? Buffer.alloc(0)), size: e.data?.length ?? 0, crc: crc32(e.data ?? Buffer.alloc(0)) };
    const size = e.declaredSize ?? d.size;
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(d.crc, 14);
    local.writeUInt32LE(d.bytes.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(d.crc, 16);
    central.writeUInt32LE(d.bytes.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, d.bytes);
    centrals.push(central, name);
    offset += 30 + name.length + d.bytes.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The entries of a workbook (e.g. one written by exceljs), in order. */
export function entriesOf(workbook: Buffer): ZipEntrySpec[] {
  return Object.entries(unzipSync(new Uint8Array(workbook))).map(([name, data]) => ({ name, data }));
}

let gib: { bytes: Buffer; size: number; crc: number } | null = null;

/**
 * 1 GiB of zeros as one raw deflate stream of about 1 MB, without ever holding the GiB: a mebibyte
 * deflated with a full flush (byte-aligned, history reset) is the same block sequence every time, so
 * 1,024 copies of it and an empty final block (03 00) inflate to exactly 2^30 zeros.
 */
export function gibOfZeros(): { bytes: Buffer; size: number; crc: number } {
  if (gib) return gib;
  const mib = Buffer.alloc(1 << 20);
  const segment = deflateRawSync(mib, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  let crc = 0;
  for (let i = 0; i < 1024; i++) crc = crc32(mib, crc);
  gib = { bytes: Buffer.concat([...Array.from({ length: 1024 }, () => segment), Buffer.from([0x03, 0x00])]), size: 2 ** 30, crc };
  return gib;
}

const SHEET = 'xl/worksheets/sheet1.xml';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';

export interface Bomb {
  name: string;
  bytes: Buffer;
  status: 413 | 422;
  code: WorkbookRefusalCode;
}

/** The bombs, each built on the given workbook's entries (replacing its first sheet or adding to it). */
export function bombs(workbook: Buffer): Bomb[] {
  const base = entriesOf(workbook);
  const withSheet = (xml: string) => zipOf(base.map((e) => (e.name === SHEET ? { name: SHEET, data: Buffer.from(xml) } : e)));
  const depth = 100_000;
  const laughs = [
    '<!DOCTYPE lolz [',
    '<!ENTITY lol "lol">',
    ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`),
    ']>',
  ].join('\n');
  return [
    {
      name: 'one entry of 1 GiB of zeros, declared as it is',
      bytes: zipOf([...base, { name: 'xl/media/image1.png', deflated: gibOfZeros() }]),
      status: 413,
      code: 'xlsx.unpackedTooLarge',
    },
    {
      name: 'one entry of 1 GiB of zeros, declared as 1 KiB (the declared size lies)',
      bytes: zipOf([...base, { name: 'xl/media/image1.png', deflated: gibOfZeros(), declaredSize: 1024 }]),
      status: 422,
      code: 'xlsx.sizeMismatch',
    },
    {
      name: 'a sheet of 1 GiB of zeros declared as 10 MiB (the declared size lies)',
      bytes: zipOf(base.map((e) => (e.name === SHEET ? { name: SHEET, deflated: gibOfZeros(), declaredSize: 10 * 1024 * 1024 } : e))),
      // the XML scan refuses the NUL bytes of the first chunk, long before the lie is reached
      status: 422,
      code: 'xlsx.notUtf8',
    },
    {
      name: '10,001 entries',
      bytes: zipOf([...base, ...Array.from({ length: 10_001 }, (_, i) => ({ name: `xl/media/p${i}.bin`, data: Buffer.alloc(0) }))]),
      status: 413,
      code: 'xlsx.tooManyEntries',
    },
    {
      name: 'XML nested 100,000 deep',
      bytes: withSheet(`${HEAD}<worksheet ${NS}><sheetData>${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}</sheetData></worksheet>`),
      status: 422,
      code: 'xlsx.tooDeep',
    },
    {
      name: 'entity expansion (<!DOCTYPE … <!ENTITY, a billion laughs)',
      bytes: withSheet(
        `${HEAD}${laughs}\n<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>`,
      ),
      status: 422,
      code: 'xlsx.entityDeclaration',
    },
    {
      name: '1,000,001 cells',
      bytes: withSheet(`${HEAD}<worksheet ${NS}><sheetData><row r="1">${'<c/>'.repeat(1_000_001)}</row></sheetData></worksheet>`),
      status: 413,
      code: 'xlsx.tooManyCells',
    },
  ];
}
