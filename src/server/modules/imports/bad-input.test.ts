import { crc32 } from 'node:zlib';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeaders, client, createTestContext, seedMunicipality, type SeededMunicipality, type TestContext } from '../../../test/app.js';
import { tableSnapshot } from '../../../test/kit.js';
import { FINDINGS_IMPORT_TABLES } from '../../../test/tables.js';
import { findingsSheet, plansSheet, sheetName, type SheetSpec } from './columns.js';
import { columnLetter } from './parse.js';
import { applyUrl, buildWorkbook, dryRunUrl, uploadFile, type TestRow, type TestSheets } from './test-fixtures.js';

/**
 * Bad input, file by file: a corpus of broken workbooks generated here (written by exceljs, then
 * corrupted, cut short or replaced by other formats; the encrypted one is a compound-file header
 * built by hand). Each must be refused with an error that names the sheet, row and column (or
 * the file), by the dry run and by the apply alike, and leave every table it could touch exactly
 * as it was.
 */

let ctx: TestContext;
let m: SeededMunicipality;
/** Every row of the tables a findings import writes, and the audit trail. */
const snapshot = () => tableSnapshot(ctx.engine, FINDINGS_IMPORT_TABLES);

const col = (sheet: SheetSpec, key: string) => columnLetter(sheet.columns.findIndex((c) => c.key === key) + 1);

const report = { reportTitle: 'Beretning 2025', reportYear: 2025, reportKind: 'årsberetning', auditor: 'Revisor' };
const finding = (over: TestRow = {}): TestRow => ({ ...report, findingNumber: 1, title: 'Bemærkning', departments: 'BUF', ...over });
const measure = (over: TestRow = {}): TestRow => ({
  findingNumber: 1,
  department: 'BUF',
  measureNumber: 1,
  measureTitle: 'Tiltag',
  deadline: 'Q1-2026',
  ...over,
});
const file = (sheets: TestSheets) => buildWorkbook(sheets);
const valid = () =>
  file({ findings: [finding()], recommendations: [{ findingNumber: 1, number: 1, text: 'Anbefaling' }], plans: [measure({ recommendations: 1 })] });

/** A ZIP archive with the given entries, stored uncompressed (for archives that are not workbooks). */
function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const nameBytes = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/**
 * An OLE compound file (CFB) as Excel writes a password-protected workbook: the header (signature
 * D0 CF 11 E0 A1 B1 1A E1, version 3, 512-byte sectors), one FAT sector and one directory sector
 * naming the root and the EncryptionInfo and EncryptedPackage streams. With other stream names it
 * stands for a legacy .xls.
 */
function compoundFile(streams: string[]): Buffer {
  const sector = 512;
  const header = Buffer.alloc(sector);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x003e, 24); // minor version
  header.writeUInt16LE(0x0003, 26); // major version 3
  header.writeUInt16LE(0xfffe, 28); // byte order
  header.writeUInt16LE(9, 30); // sector shift: 512
  header.writeUInt16LE(6, 32); // mini sector shift: 64
  header.writeUInt32LE(1, 44); // FAT sectors
  header.writeUInt32LE(1, 48); // first directory sector
  header.writeUInt32LE(0x1000, 56); // mini stream cutoff
  header.writeUInt32LE(0xfffffffe, 60); // no mini FAT
  header.writeUInt32LE(0xfffffffe, 68); // no DIFAT sectors
  header.writeUInt32LE(0, 76); // DIFAT[0]: the FAT is sector 0
  for (let i = 80; i < sector; i += 4) header.writeUInt32LE(0xffffffff, i);
  const fat = Buffer.alloc(sector, 0xff);
  fat.writeUInt32LE(0xfffffffd, 0); // sector 0: FAT
  fat.writeUInt32LE(0xfffffffe, 4); // sector 1: directory, end of chain
  const dir = Buffer.alloc(sector);
  ['Root Entry', ...streams].forEach((name, i) => {
    const at = i * 128;
    Buffer.from(`${name}\0`, 'utf16le').copy(dir, at);
    dir.writeUInt16LE((name.length + 1) * 2, at + 64);
    dir.writeUInt8(i === 0 ? 5 : 2, at + 66); // root storage / stream
    dir.writeUInt32LE(0xffffffff, at + 68);
    dir.writeUInt32LE(0xffffffff, at + 72);
    dir.writeUInt32LE(i === 0 ? 1 : 0xffffffff, at + 76);
  });
  return Buffer.concat([header, fat, dir]);
}

interface Expected {
  code: string;
  sheet?: string | null;
  row?: number | null;
  column?: string | null;
  header?: string | null;
}

interface Case {
  name: string;
  bytes: () => Promise<Buffer> | Buffer;
  expect: Expected;
  /** HTTP status of the dry run and the apply (200/422 unless the upload itself is refused). */
  status?: number;
}

const F = sheetName(findingsSheet, 'da');
const P = sheetName(plansSheet, 'da');
const fileLevel = { sheet: null, row: null, column: null, header: null };

const cases: Case[] = [
  { name: 'an empty file', bytes: () => Buffer.alloc(0), expect: { code: 'import.empty', ...fileLevel } },
  {
    name: 'a malformed workbook (its central directory overwritten)',
    bytes: async () => {
      const b = await valid();
      const cd = b.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
      b.fill(0x55, cd, cd + 200);
      return b;
    },
    expect: { code: 'import.damaged', ...fileLevel },
  },
  {
    name: 'a workbook whose compressed sheet is garbage',
    bytes: async () => {
      const b = await valid();
      // Overwrite the compressed bytes of every entry, leaving the ZIP's structure intact.
      for (let at = b.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04])); at >= 0; at = b.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]), at + 4)) {
        const start = at + 30 + b.readUInt16LE(at + 26) + b.readUInt16LE(at + 28);
        const size = b.readUInt32LE(at + 18);
        if (size > 8) b.fill(0xff, start, start + size);
      }
      return b;
    },
    expect: { code: 'import.damaged', ...fileLevel },
  },
  { name: 'a truncated workbook', bytes: async () => (await valid()).subarray(0, 3000), expect: { code: 'import.damaged', ...fileLevel } },
  { name: 'a workbook missing its last byte', bytes: async () => (await valid()).subarray(0, -1), expect: { code: 'import.damaged', ...fileLevel } },
  {
    name: 'a password-protected (encrypted) workbook',
    bytes: () => compoundFile(['EncryptionInfo', 'EncryptedPackage']),
    expect: { code: 'import.encrypted', ...fileLevel },
  },
  { name: 'a legacy .xls', bytes: () => compoundFile(['Workbook', '\u0005SummaryInformation']), expect: { code: 'import.legacyOffice', ...fileLevel } },
  {
    name: 'a PDF renamed .xlsx',
    bytes: () => Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n'),
    expect: { code: 'import.notXlsx', ...fileLevel },
  },
  {
    name: 'a CSV renamed .xlsx',
    bytes: () => Buffer.from('Beretning;År;Bemærkning nr.;Titel\nBeretning 2025;2025;1;Bemærkning\n'),
    expect: { code: 'import.notXlsx', ...fileLevel },
  },
  {
    name: 'a Word document renamed .xlsx',
    bytes: () => zip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' }),
    expect: { code: 'import.notWorkbook', ...fileLevel },
  },
  { name: 'a workbook without the template’s sheets', bytes: () => buildWorkbookWithSheet('Ark1'), expect: { code: 'import.noSheets', ...fileLevel } },
  {
    name: 'an over-size file',
    bytes: async () => Buffer.concat([await valid(), Buffer.alloc(5 * 1024 * 1024)]),
    status: 413,
    expect: { code: 'import.tooLarge', ...fileLevel },
  },
  {
    name: 'a sheet without a required column',
    bytes: async () => {
      const b = await file({ findings: [finding()] });
      return renameHeader(b, 'Titel *', 'Overskrift');
    },
    expect: { code: 'import.columnMissing', sheet: F, row: 1, column: null, header: 'Titel' },
  },
  {
    name: 'a formula where a value is expected',
    bytes: () => file({ findings: [finding({ title: { formula: 'A2&" – kopi"', result: 'Beretning 2025 – kopi' } })] }),
    expect: { code: 'cell.formula', sheet: F, row: 2, column: col(findingsSheet, 'title'), header: 'Titel *' },
  },
  {
    name: 'an Excel error value',
    bytes: () => file({ findings: [finding({ observations: { error: '#N/A' } })] }),
    expect: { code: 'cell.excelError', sheet: F, row: 2, column: col(findingsSheet, 'observations'), header: 'Observationer' },
  },
  {
    name: 'a date typed as text in a date cell',
    bytes: () => file({ findings: [finding({ receivedOn: '15.03.2025' })] }),
    expect: { code: 'cell.notDate', sheet: F, row: 2, column: col(findingsSheet, 'receivedOn'), header: 'Modtaget' },
  },
  {
    name: 'a text with U+0000 in it',
    bytes: () => file({ findings: [finding({ title: 'Bemærk_x0000_ning' })] }), // how a workbook carries U+0000 (exceljs drops a raw one when writing)
    expect: { code: 'cell.nul', sheet: F, row: 2, column: col(findingsSheet, 'title'), header: 'Titel *' },
  },
  {
    name: 'a number where text is expected',
    bytes: () => file({ findings: [finding({ title: 42 })] }),
    expect: { code: 'cell.notText', sheet: F, row: 2, column: col(findingsSheet, 'title'), header: 'Titel *' },
  },
  {
    name: 'text where a whole number is expected',
    bytes: () => file({ findings: [finding({ findingNumber: 'tre' })] }),
    expect: { code: 'cell.notInteger', sheet: F, row: 2, column: col(findingsSheet, 'findingNumber'), header: 'Bemærkning nr. *' },
  },
  {
    name: 'a word that is not a grade',
    bytes: () => file({ findings: [finding({ grade: 'lilla' })] }),
    expect: { code: 'cell.choice', sheet: F, row: 2, column: col(findingsSheet, 'grade'), header: 'Vurdering' },
  },
  {
    name: 'an unknown department code',
    bytes: () => file({ findings: [finding({ departments: 'BUF, XYZ' })] }),
    expect: { code: 'department.unknown', sheet: F, row: 2, column: col(findingsSheet, 'departments'), header: 'Forvaltninger' },
  },
  {
    name: 'an unknown department code for a plan',
    bytes: () => file({ findings: [finding()], plans: [measure({ department: 'XYZ' })] }),
    expect: { code: 'department.unknown', sheet: P, row: 2, column: col(plansSheet, 'department'), header: 'Forvaltning *' },
  },
  {
    name: 'a duplicate finding number in the file',
    bytes: () => file({ findings: [finding(), finding({ title: 'En anden' })] }),
    expect: { code: 'finding.duplicate', sheet: F, row: 3, column: col(findingsSheet, 'findingNumber'), header: 'Bemærkning nr. *' },
  },
  {
    name: 'a report that the database has twice (same title and year)',
    bytes: () => file({ findings: [finding({ reportTitle: 'Dobbelt beretning', reportYear: 2023 })] }),
    expect: { code: 'report.ambiguous', sheet: F, row: 2, column: col(findingsSheet, 'reportTitle'), header: 'Beretning *' },
  },
  {
    name: 'a plan for a finding neither in the file nor in the database',
    bytes: () => file({ findings: [finding()], plans: [measure({ findingNumber: 7 })] }),
    expect: { code: 'finding.unknown', sheet: P, row: 2, column: col(plansSheet, 'findingNumber'), header: 'Bemærkning nr. *' },
  },
  {
    name: 'a duplicate measure number in a plan',
    bytes: () => file({ findings: [finding()], plans: [measure(), measure({ measureTitle: 'Igen' })] }),
    expect: { code: 'measure.duplicate', sheet: P, row: 3, column: col(plansSheet, 'measureNumber'), header: 'Tiltag nr.' },
  },
  {
    name: 'a missing required cell',
    bytes: () => file({ findings: [finding({ title: null })] }),
    expect: { code: 'cell.required', sheet: F, row: 2, column: col(findingsSheet, 'title'), header: 'Titel *' },
  },
  {
    name: 'a new finding without departments',
    bytes: () => file({ findings: [finding({ findingNumber: 9, departments: null })] }),
    expect: { code: 'cell.requiredNew', sheet: F, row: 2, column: col(findingsSheet, 'departments'), header: 'Forvaltninger' },
  },
  {
    name: 'a confidential finding without its legal basis',
    bytes: () => file({ findings: [finding({ confidential: 'ja' })] }),
    expect: {
      code: 'finding.confidentialBasisRequired',
      sheet: F,
      row: 2,
      column: col(findingsSheet, 'confidentialBasis'),
      header: 'Hjemmel for fortrolighed',
    },
  },
  {
    name: 'an unparseable deadline',
    bytes: () => file({ findings: [finding()], plans: [measure({ deadline: 'når det passer' })] }),
    expect: { code: 'deadline.invalid', sheet: P, row: 2, column: col(plansSheet, 'deadline'), header: 'Frist' },
  },
  {
    name: 'a deadline that is not a calendar date',
    bytes: () => file({ findings: [finding()], plans: [measure({ deadline: '31.02.2026' })] }),
    expect: { code: 'deadline.invalid', sheet: P, row: 2, column: col(plansSheet, 'deadline'), header: 'Frist' },
  },
  {
    name: 'a plan of a department the finding does not affect',
    bytes: () => file({ findings: [finding()], plans: [measure({ department: 'SOF' })] }),
    expect: { code: 'plan.departmentNotAffected', sheet: P, row: 2, column: col(plansSheet, 'department'), header: 'Forvaltning *' },
  },
  {
    name: 'a measure addressing a recommendation the finding lacks',
    bytes: () => file({ findings: [finding()], plans: [measure({ recommendations: '1, 4' })] }),
    expect: { code: 'recommendation.unknown', sheet: P, row: 2, column: col(plansSheet, 'recommendations'), header: 'Adresserer anbefaling nr.' },
  },
  {
    name: 'rows of one report that disagree',
    bytes: () => file({ findings: [finding(), finding({ findingNumber: 2, auditor: 'En anden revisor' })] }),
    expect: { code: 'report.conflict', sheet: F, row: 3, column: col(findingsSheet, 'auditor'), header: 'Revisor' },
  },
  {
    name: 'rows of one plan that disagree',
    bytes: () => file({ findings: [finding()], plans: [measure({ problem: 'Et problem' }), measure({ measureNumber: 2, problem: 'Et andet problem' })] }),
    expect: { code: 'plan.conflict', sheet: P, row: 3, column: col(plansSheet, 'problem'), header: 'Problem' },
  },
  {
    name: 'removing a department whose plan is drafted',
    bytes: () => file({ findings: [finding({ departments: 'SOF' })] }),
    expect: { code: 'finding.departmentHasPlan', sheet: F, row: 2, column: col(findingsSheet, 'departments'), header: 'Forvaltninger' },
  },
  {
    name: 'changing a plan that is submitted for approval',
    bytes: () =>
      file({
        findings: [finding({ reportTitle: 'Låst beretning' })],
        plans: [measure({ reportTitle: 'Låst beretning', reportYear: 2025, measureTitle: 'Nyt navn' })],
      }),
    expect: { code: 'plan.locked', sheet: P, row: 2, column: col(plansSheet, 'department'), header: 'Forvaltning *' },
  },
  {
    name: 'an owner e-mail no user has',
    bytes: () => file({ findings: [finding()], plans: [measure({ ownerEmail: 'ingen@bad-import.example' })] }),
    expect: { code: 'user.unknown', sheet: P, row: 2, column: col(plansSheet, 'ownerEmail'), header: 'Tiltagsejer (e-mail)' },
  },
];

/** A workbook with one sheet of an unknown name. */
async function buildWorkbookWithSheet(name: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet(name).addRow(['Titel', 'År']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The workbook with one header text replaced (re-written by exceljs). */
async function renameHeader(bytes: Buffer, from: string, to: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  for (const ws of wb.worksheets) ws.getRow(1).eachCell((c) => void (c.value === from && (c.value = to)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

beforeAll(async () => {
  ctx = await createTestContext();
  m = await seedMunicipality(ctx.engine, { slug: 'bad-import', departments: ['ØKF', 'BUF', 'SOF'] });
  const api = client(ctx.app, m.userId);
  // Data the file could touch: the report a valid file would update, and a report twice.
  const res = await uploadFile(ctx.app, m.userId, applyUrl, await valid());
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const locked = await uploadFile(ctx.app, m.userId, applyUrl, await file({ findings: [finding({ reportTitle: 'Låst beretning' })], plans: [measure()] }));
  expect(locked.status, JSON.stringify(locked.body)).toBe(200);
  await ctx.engine.db.execute(
    sql`update action_plans p set state = 'submitted' from findings f join audit_reports r on r.id = f.report_id where f.id = p.finding_id and r.title = 'Låst beretning'`,
  );
  for (let i = 0; i < 2; i++)
    expect((await api.post('/api/v1/reports', { title: 'Dobbelt beretning', auditor: 'A', year: 2023, kind: 'review' })).status).toBe(201);
});
afterAll(() => ctx.close());

describe('bad input is refused with the place of the error, and changes nothing', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const bytes = await c.bytes();
      const before = await snapshot();
      const match = expect.objectContaining({ ...c.expect, message: expect.any(String) });

      const dry = await uploadFile(ctx.app, m.userId, dryRunUrl, bytes);
      expect(dry.status, JSON.stringify(dry.body)).toBe(c.status ?? 200);
      expect(dry.body.errors, JSON.stringify(dry.body.errors)).toEqual(expect.arrayContaining([match]));
      expect(await snapshot()).toEqual(before);

      const apply = await uploadFile(ctx.app, m.userId, applyUrl, bytes);
      expect(apply.status, JSON.stringify(apply.body)).toBe(c.status ?? 422);
      expect(apply.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(apply.body.errors).toEqual(expect.arrayContaining([match]));
      expect(await snapshot()).toEqual(before);

      // Every error names where it is: a cell, a row, a sheet or the file.
      for (const e of [...dry.body.errors, ...apply.body.errors]) {
        expect(e.field).toMatch(/^(file|.+!([A-Z]+)?\d+)$/);
        expect(e.message.length).toBeGreaterThan(5);
      }
    });
  }

  it('says what is wrong in the reader’s language', async () => {
    const bytes = await file({ findings: [finding({ departments: 'XYZ' })] });
    const messages: Record<string, string> = {};
    for (const lang of ['da', 'sv', 'en']) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: dryRunUrl,
        headers: { ...(await authHeaders(ctx.app, m.userId)), 'accept-language': lang, 'content-type': 'multipart/form-data; boundary=x' },
        payload: Buffer.concat([
          Buffer.from('--x\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\n'),
          bytes,
          Buffer.from('\r\n--x--\r\n'),
        ]),
      });
      messages[lang] = JSON.parse(res.body).errors[0].message;
    }
    // The messages follow the reader's language (Accept-Language, else the municipality's).
    expect(messages.da).toMatch(/^Ukendt forvaltningskode »XYZ«\. Kommunens koder: [A-ZØ, ]+\.$/);
    expect(new Set(Object.values(messages)).size).toBe(3);
    expect(messages.en).toMatch(/Unknown department code “XYZ”/);
    expect(messages.sv).toMatch(/Okänd förvaltningskod/);
  });

  it('lets a file leave a submitted plan as it is', async () => {
    const res = await uploadFile(
      ctx.app,
      m.userId,
      applyUrl,
      await file({ findings: [finding({ reportTitle: 'Låst beretning' })], plans: [measure({ reportTitle: 'Låst beretning', reportYear: 2025 })] }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.rows.map((r: { action: string }) => r.action)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
  });

  it('refuses an upload without a file, or not as multipart', async () => {
    const noFile = await uploadFile(ctx.app, m.userId, dryRunUrl, Buffer.from('x'), 'a.xlsx', 'other');
    expect(noFile.status).toBe(400);
    expect(noFile.body.errors[0]).toMatchObject({ field: 'file', code: 'import.fileMissing' });
    const json = await ctx.app.inject({
      method: 'POST',
      url: dryRunUrl,
      headers: { ...(await authHeaders(ctx.app, m.userId)), 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(json.statusCode).toBe(415);
  });
});
