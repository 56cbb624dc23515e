/**
 * Uploaded workbooks for exceljs: checked by the zip guard first (zip-guard.ts), then exceljs
 * reads only the re-packed, checked entries. Also the answer to a refused workbook: 413 or 422
 * problem+json whose error names the limit, in the reader's language.
 */
import ExcelJS from 'exceljs';
import type { Locale } from '../../domain/i18n.js';
import { type Detail, detail, Problem } from '../http/problem.js';
import { renderMessage } from '../i18n/messages.js';
import { checkWorkbookBuffer, WORKBOOK_LIMITS, WorkbookRefused, type WorkbookLimits } from './zip-guard.js';

export { WorkbookRefused } from './zip-guard.js';

/**
 * A workbook read by exceljs from the checked entries of the upload. Throws WorkbookRefused: a
 * broken limit, or `xlsx.damaged` when the archive or exceljs cannot read it.
 */
export async function loadCheckedWorkbook(bytes: Buffer, limits: WorkbookLimits = WORKBOOK_LIMITS): Promise<ExcelJS.Workbook> {
  const checked = await checkWorkbookBuffer(bytes, limits);
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs reads a Node Buffer; its type declares its own Buffer interface.
    await wb.xlsx.load(checked.bytes as unknown as ExcelJS.Buffer);
  } catch (err) {
    throw new WorkbookRefused('xlsx.damaged', null, null, `exceljs could not read it (${(err as Error).message})`);
  }
  return wb;
}

/** The refusal as a catalogue message: the limit in the unit its text names (bytes as MB), the archive entry. */
export function refusalDetail(err: WorkbookRefused): Detail {
  const limit = err.code === 'xlsx.unpackedTooLarge' && err.limit !== null ? err.limit / (1024 * 1024) : err.limit;
  const params = { ...(limit !== null ? { limit } : {}), ...(err.entry !== null ? { entry: err.entry } : {}) };
  return detail(`uploads.${err.code}`, Object.keys(params).length ? params : undefined);
}

/**
 * The problem for a refused workbook: 413 (over a size limit) or 422 (malformed, declarations),
 * with one error naming the limit's code and `limit`; `where` says where, in the shape of the
 * route's other errors (e.g. `{ field: 'file' }` or `{ field: 'body.left' }`).
 */
export function refusalProblem(err: WorkbookRefused, locale: Locale, where: Record<string, unknown> & { field: string }): Problem {
  const refusal = refusalDetail(err);
  // Rendered here rather than by the error handler: the error carries members beside field, code and message (the limit, the import's sheet and row)
  const message = renderMessage(locale, refusal.code, refusal.params);
  const error = { ...where, code: err.code, message, ...(err.limit !== null ? { limit: err.limit } : {}) };
  return new Problem(err.status, err.status === 413 ? 'payloadTooLarge' : 'validation', refusal, [error]);
}
