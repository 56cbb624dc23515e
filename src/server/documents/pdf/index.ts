/**
 * The PDF renderer of the documents: one function per document, all laid out with pdfmake on the
 * server (see common.ts for what pdfmake does and does not tag).
 */
import type { TilsynDocument } from '../model.js';
import { renderAnswerDocument } from './answer-document.js';
import { renderCouncilDecisionSheet } from './council-decision-sheet.js';
import { renderFollowUpReport } from './follow-up-report.js';

export async function renderPdf(doc: TilsynDocument): Promise<Buffer> {
  switch (doc.kind) {
    case 'followUpReport':
      return renderFollowUpReport(doc);
    case 'answerDocument':
      return renderAnswerDocument(doc);
    case 'councilDecisionSheet':
      return renderCouncilDecisionSheet(doc);
  }
}
