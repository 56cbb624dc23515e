/**
 * Excel versions of the follow-up report and the council decision sheet (exceljs): tables with
 * typed cells for those who filter, sort and count. The routes call `renderXlsx`.
 */
import type { CouncilDecisionSheet, FollowUpReport } from '../model.js';
import { councilDecisionSheetXlsx } from './council-decision-sheet.js';
import { followUpReportXlsx } from './follow-up-report.js';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function renderXlsx(doc: FollowUpReport | CouncilDecisionSheet): Promise<Buffer> {
  return doc.kind === 'followUpReport' ? followUpReportXlsx(doc) : councilDecisionSheetXlsx(doc);
}
