import { describe, expect, it } from 'vitest';
import { sanitiseFileName, sniff, verifyContentType } from './sniff.js';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const pdf = bytes('%PDF-1.7\n%âãÏÓ\n');
const png = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13]);
const jpeg = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
const gif = bytes('GIF89a', [1, 0, 1, 0]);
const zip = bytes('PK', [3, 4, 20, 0, 0, 0]);
const ole = bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
const exe = bytes('MZ', [0x90, 0, 3, 0]);
const text = Buffer.from('Afstemning;Beløb\nKonto 1;1.000\n', 'utf8');
const latin1Text = Buffer.from('Beløb', 'latin1');
const withNul = Buffer.from('abc\u0000def', 'utf8');

describe('sniff', () => {
  it.each([
    ['pdf', pdf, 'pdf'],
    ['png', png, 'png'],
    ['jpeg', jpeg, 'jpeg'],
    ['gif87', bytes('GIF87a'), 'gif'],
    ['gif89', gif, 'gif'],
    ['zip', zip, 'zip'],
    ['ole', ole, 'ole'],
    ['utf-8 text', text, 'text'],
    ['empty', Buffer.alloc(0), 'text'],
    ['exe', exe, null],
    ['latin-1 text is not valid UTF-8', latin1Text, null],
    ['NUL byte', withNul, null],
    ['truncated png signature', png.subarray(0, 4), null],
  ])('%s', (_name, input, kind) => {
    expect(sniff(input)).toBe(kind);
  });
});

describe('verifyContentType', () => {
  const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  it.each([
    [pdf, 'rapport.pdf', 'application/pdf', 'application/pdf'],
    [pdf, 'RAPPORT.PDF', 'application/pdf; charset=binary', 'application/pdf'],
    [pdf, 'rapport.pdf', 'application/octet-stream', 'application/pdf'],
    [png, 'skærm.png', 'image/png', 'image/png'],
    [jpeg, 'foto.jpeg', 'image/jpeg', 'image/jpeg'],
    [jpeg, 'foto.jpg', 'image/jpeg', 'image/jpeg'],
    [gif, 'anim.gif', 'image/gif', 'image/gif'],
    [zip, 'plan.docx', docx, docx],
    [zip, 'tal.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    [
      zip,
      'slides.pptx',
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    ],
    [zip, 'plan.odt', 'application/vnd.oasis.opendocument.text', 'application/vnd.oasis.opendocument.text'],
    [zip, 'tal.ods', 'application/vnd.oasis.opendocument.spreadsheet', 'application/vnd.oasis.opendocument.spreadsheet'],
    [ole, 'mail.msg', 'application/vnd.ms-outlook', 'application/vnd.ms-outlook'],
    [ole, 'gammel.doc', 'application/msword', 'application/msword'],
    [ole, 'gammel.xls', 'application/vnd.ms-excel', 'application/vnd.ms-excel'],
    [text, 'noter.txt', 'text/plain', 'text/plain'],
    [text, 'konti.csv', 'text/csv', 'text/csv'],
    [text, 'konti.csv', 'application/vnd.ms-excel', 'text/csv'],
    [text, 'svar.eml', 'message/rfc822', 'message/rfc822'],
    // Disagreements: every one is refused.
    [png, 'skærm.pdf', 'application/pdf', null],
    [png, 'skærm.png', 'application/pdf', null],
    [exe, 'rapport.pdf', 'application/pdf', null],
    [exe, 'setup.exe', 'application/octet-stream', null],
    [zip, 'arkiv.zip', 'application/zip', null],
    [zip, 'plan.docx', 'application/zip', null],
    [zip, 'plan.docx', 'application/vnd.ms-excel', null],
    [ole, 'mail.msg', 'application/msword', null],
    [pdf, 'rapport', 'application/pdf', null],
    [text, 'noter.txt', 'text/html', null],
    [text, 'side.html', 'text/html', null],
    [latin1Text, 'noter.txt', 'text/plain', null],
    [withNul, 'noter.txt', 'text/plain', null],
  ])('%#: %s as %s declared %s', (input, name, declared, expected) => {
    expect(verifyContentType(input, name, declared)).toBe(expected);
  });
});

describe('sanitiseFileName', () => {
  it.each([
    ['C:\\Users\\kbh\\Dokumenter\\bilag.pdf', 'bilag.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['  bi\u0000lag\r\n.pdf ', 'bilag.pdf'],
    ['"quoted".pdf', 'quoted.pdf'],
    ['.hidden', 'hidden'],
    ['', 'file'],
    ['dir/', 'file'],
    ['æøå résumé.docx', 'æøå résumé.docx'],
    // shown right-to-left from U+202E on, "invoice\u202Efdp.txt" reads "invoicetxt.pdf": the controls go
    ['invoice\u202Efdp.txt', 'invoicefdp.txt'],
    ['\u2066rapport\u2069\u200F.pdf\u061C', 'rapport.pdf'],
  ])('%j → %j', (raw, expected) => {
    expect(sanitiseFileName(raw)).toBe(expected);
  });

  it('cuts long names to 200 characters and keeps the extension', () => {
    const name = sanitiseFileName(`${'a'.repeat(300)}.xlsx`);
    expect(name).toHaveLength(200);
    expect(name.endsWith('.xlsx')).toBe(true);
  });
});
