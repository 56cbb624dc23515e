import { nulProblem } from '../../http/text-guard.js';
/**
 * Which file types evidence may have, and how to recognise them from their first bytes. The
 * declared type and the file name's extension are only claims of the uploading browser; the
 * stored content type is the one the bytes, the extension and the declared type agree on.
 */

/** What the first bytes say a file is (a container format, not yet a document type). */
export type SniffedKind = 'pdf' | 'png' | 'jpeg' | 'gif' | 'zip' | 'ole' | 'text';

const signatures: [Exclude<SniffedKind, 'text'>, number[]][] = [
  ['pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['gif', [0x47, 0x49, 0x46, 0x38, 0x37, 0x61]], // GIF87a
  ['gif', [0x47, 0x49, 0x46, 0x38, 0x39, 0x61]], // GIF89a
  ['zip', [0x50, 0x4b, 0x03, 0x04]], // PK\x03\x04: OOXML and OpenDocument
  ['ole', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]], // Outlook .msg, legacy .doc/.xls
];

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function sniff(bytes: Uint8Array): SniffedKind | null {
  for (const [kind, magic] of signatures) {
    if (bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b)) return kind;
  }
  if (bytes.includes(0)) return null;
  try {
    utf8.decode(bytes);
    return 'text';
  } catch {
    return null;
  }
}

interface FileType {
  kind: SniffedKind;
  extensions: string[];
  /** The type stored and served; first of the types a browser may declare. */
  contentType: string;
  /** Other declared types browsers send for the same file (Windows with Excel sends CSV as ms-excel). */
  aliases?: string[];
}

export const fileTypes: FileType[] = [
  { kind: 'pdf', extensions: ['pdf'], contentType: 'application/pdf' },
  { kind: 'png', extensions: ['png'], contentType: 'image/png' },
  { kind: 'jpeg', extensions: ['jpg', 'jpeg'], contentType: 'image/jpeg', aliases: ['image/pjpeg'] },
  { kind: 'gif', extensions: ['gif'], contentType: 'image/gif' },
  { kind: 'zip', extensions: ['docx'], contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  { kind: 'zip', extensions: ['xlsx'], contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  { kind: 'zip', extensions: ['pptx'], contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' },
  { kind: 'zip', extensions: ['odt'], contentType: 'application/vnd.oasis.opendocument.text' },
  { kind: 'zip', extensions: ['ods'], contentType: 'application/vnd.oasis.opendocument.spreadsheet' },
  { kind: 'ole', extensions: ['msg'], contentType: 'application/vnd.ms-outlook' },
  { kind: 'ole', extensions: ['doc'], contentType: 'application/msword' },
  { kind: 'ole', extensions: ['xls'], contentType: 'application/vnd.ms-excel' },
  { kind: 'text', extensions: ['txt'], contentType: 'text/plain' },
  { kind: 'text', extensions: ['csv'], contentType: 'text/csv', aliases: ['application/vnd.ms-excel', 'text/plain'] },
  { kind: 'text', extensions: ['eml'], contentType: 'message/rfc822', aliases: ['text/plain'] },
];

/** Browsers declare this when they do not know a type; then the extension and the bytes decide. */
const undeclared = 'application/octet-stream';

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
}

/**
 * The verified content type of an upload, or null when the bytes, the extension and the
 * declared type do not all name the same allowed type.
 */
export function verifyContentType(bytes: Uint8Array, fileName: string, declaredType: string): string | null {
  const type = fileTypes.find((t) => t.extensions.includes(extensionOf(fileName)));
  if (!type || sniff(bytes) !== type.kind) return null;
  const declared = declaredType.split(';')[0]!.trim().toLowerCase();
  if (declared !== undeclared && declared !== type.contentType && !type.aliases?.includes(declared)) return null;
  return type.contentType;
}

/** An uploaded file's name as we keep it: refused with U+0000 in it (400 naming the field), otherwise sanitised. */
export function uploadFileName(raw: string | undefined, fallback: string, field = 'file.filename'): string {
  if (raw?.includes('\u0000')) throw nulProblem(field);
  return sanitiseFileName(raw || fallback);
}

/**
 * The file name without any path (browsers on Windows may send one), without control characters,
 * at most 200 characters with its extension kept.
 */
export function sanitiseFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  // Bidirectional controls make "invoice\u202Efdp.txt" show as "invoicetxt.pdf": they go, like other control characters
  const clean = base
    // eslint-disable-next-line no-control-regex -- control characters are what this removes
    .replace(/[\u0000-\u001f\u007f"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  const name = clean || 'file';
  if (name.length <= 200) return name;
  const ext = extensionOf(name);
  const keep = ext && ext.length < 20 ? `.${ext}` : '';
  return name.slice(0, 200 - keep.length) + keep;
}
