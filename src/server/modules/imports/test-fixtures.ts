import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { Locale } from '../../../domain/i18n.js';
import { authHeaders } from '../../../test/app.js';
import { headerText, sheetName, sheets, type SheetKey } from './columns.js';

/** A cell as a test writes it: a value, or a formula. */
export type TestCell =
  string | number | boolean | Date | null | undefined | { formula: string; result?: string | number } | { error: '#N/A' | '#REF!' | '#VALUE!' };
export type TestRow = Record<string, TestCell>;
export type TestSheets = Partial<Record<SheetKey, TestRow[]>>;

/**
 * An .xlsx with the template's sheets and headers (in `locale`), one row per object keyed by the
 * column keys of columns.ts. Written by exceljs, as the tests' files must be real workbooks.
 */
export async function buildWorkbook(
  data: TestSheets,
  locale: Locale = 'da',
  opts: { extraColumns?: Partial<Record<SheetKey, string[]>> } = {},
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const spec of sheets) {
    const rows = data[spec.key];
    if (rows === undefined) continue;
    const ws = wb.addWorksheet(sheetName(spec, locale));
    const extra = opts.extraColumns?.[spec.key] ?? [];
    ws.addRow([...spec.columns.map((c) => headerText(spec, c, locale)), ...extra]);
    for (const r of rows) {
      const row = ws.addRow(spec.columns.map((c) => r[c.key] ?? null));
      spec.columns.forEach((c, i) => {
        const v = r[c.key];
        if (v instanceof Date) row.getCell(i + 1).numFmt = 'dd.mm.yyyy';
      });
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface InjectResult {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON body of any shape, as the tests read it
  body: any;
  headers: Record<string, unknown>;
}

/** POSTs a file as multipart/form-data (field "file") as the user. */
export async function uploadFile(
  app: FastifyInstance,
  userId: string,
  url: string,
  bytes: Buffer,
  fileName = 'import.xlsx',
  field = 'file',
): Promise<InjectResult> {
  const boundary = `----import${randomBytes(6).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await app.inject({
    method: 'POST',
    url,
    headers: { ...(await authHeaders(app, userId)), 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
  const body = /json/.test(String(res.headers['content-type'])) ? JSON.parse(res.body) : res.body;
  return { status: res.statusCode, body, headers: res.headers };
}

export const dryRunUrl = '/api/v1/imports/findings-xlsx?dryRun=true';
export const applyUrl = '/api/v1/imports/findings-xlsx?dryRun=false';
