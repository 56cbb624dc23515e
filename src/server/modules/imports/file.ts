/**
 * What an uploaded file is, from its bytes alone, before any spreadsheet library sees it: an
 * .xlsx is a ZIP archive holding `xl/workbook.xml`. A password-protected .xlsx is not a ZIP at
 * all but an OLE compound file (signature D0 CF 11 E0 A1 B1 1A E1) with an `EncryptedPackage`
 * stream; so is a legacy .xls. The ZIP's central directory is read here too, so a truncated
 * file is named as such. What the archive unpacks to (sizes, cells, XML) is the zip guard's
 * (server/xlsx/zip-guard.ts), which inflates it before exceljs sees a byte.
 */

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export type FileProblem =
  | { code: 'import.empty' }
  | { code: 'import.tooLarge'; limitMb: number }
  | { code: 'import.encrypted' }
  | { code: 'import.legacyOffice' }
  | { code: 'import.notXlsx'; seems: 'pdf' | 'text' | 'image' | 'opendocument' | null }
  | { code: 'import.damaged' }
  | { code: 'import.notWorkbook' };

const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];

const startsWith = (bytes: Uint8Array, magic: number[]) => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

/** UTF-16LE, as the names in a compound file's directory are stored. */
const utf16 = (s: string) => Buffer.from(s, 'utf16le');

function sniffOther(bytes: Buffer): FileProblem {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return { code: 'import.notXlsx', seems: 'pdf' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) || startsWith(bytes, [0xff, 0xd8, 0xff]) || startsWith(bytes, [0x47, 0x49, 0x46, 0x38]))
    return { code: 'import.notXlsx', seems: 'image' };
  const head = bytes.subarray(0, 4096);
  if (!head.includes(0)) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, Math.max(0, head.length - 4)));
      return { code: 'import.notXlsx', seems: 'text' };
    } catch {
      // not UTF-8 text either
    }
  }
  return { code: 'import.notXlsx', seems: null };
}

interface ZipEntry {
  name: string;
  uncompressedSize: number;
}

/** The entries of a ZIP's central directory, or null when it is missing or cut off. */
export function zipEntries(bytes: Buffer): ZipEntry[] | null {
  // End of central directory: 22 bytes plus a comment of up to 65 535 bytes, at the very end.
  const from = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= from; i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = bytes.readUInt16LE(eocd + 10);
  const size = bytes.readUInt32LE(eocd + 12);
  const offset = bytes.readUInt32LE(eocd + 16);
  if (offset === 0xffffffff || count === 0xffff) return null; // ZIP64: no spreadsheet of ours is that big
  if (offset + size > eocd) return null;
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || bytes.readUInt32LE(p) !== 0x02014b50) return null;
    const uncompressedSize = bytes.readUInt32LE(p + 24);
    const nameLength = bytes.readUInt16LE(p + 28);
    const extraLength = bytes.readUInt16LE(p + 30);
    const commentLength = bytes.readUInt16LE(p + 32);
    const localOffset = bytes.readUInt32LE(p + 42);
    if (p + 46 + nameLength > eocd || localOffset + 30 > offset) return null;
    entries.push({ name: bytes.toString('utf8', p + 46, p + 46 + nameLength), uncompressedSize });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Whether the bytes can be an .xlsx worth handing to the spreadsheet reader; the problem otherwise. */
export function checkFile(bytes: Buffer, maxBytes = MAX_IMPORT_BYTES): FileProblem | null {
  if (bytes.length === 0) return { code: 'import.empty' };
  if (bytes.length > maxBytes) return { code: 'import.tooLarge', limitMb: maxBytes / (1024 * 1024) };
  if (startsWith(bytes, CFB)) {
    const encrypted = bytes.includes(utf16('EncryptedPackage')) || bytes.includes(utf16('EncryptionInfo'));
    return { code: encrypted ? 'import.encrypted' : 'import.legacyOffice' };
  }
  if (startsWith(bytes, ZIP_EMPTY)) return { code: 'import.notWorkbook' };
  if (!startsWith(bytes, ZIP_LOCAL)) return sniffOther(bytes);
  const entries = zipEntries(bytes);
  if (!entries) return { code: 'import.damaged' };
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('xl/workbook.xml')) {
    const mimetype = entries.find((e) => e.name === 'mimetype');
    return mimetype ? { code: 'import.notXlsx', seems: 'opendocument' } : { code: 'import.notWorkbook' };
  }
  return null;
}
