/**
 * Word (DOCX) rendering of the documents: `renderDocx(doc)` lays out a document model built by the
 * documents service (services.documents.*) and returns the .docx file's bytes.
 */
import { Packer, type Document } from 'docx';
import type { TilsynDocument } from '../model.js';
import { answerDocumentDocx } from './answer-document.js';
import { councilDecisionSheetDocx } from './council-decision-sheet.js';
import type { DocxOptions } from './common.js';
import { followUpReportDocx } from './follow-up-report.js';

export { DOCX_MIME, type DocxOptions } from './common.js';

/** The docx Document of a model (before packing); tests and tools may inspect it. */
export function docxDocument(doc: TilsynDocument, opts: DocxOptions = {}): Document {
  switch (doc.kind) {
    case 'followUpReport':
      return followUpReportDocx(doc, opts);
    case 'answerDocument':
      return answerDocumentDocx(doc);
    case 'councilDecisionSheet':
      return councilDecisionSheetDocx(doc);
  }
}

/** The .docx file of a document model. */
export async function renderDocx(doc: TilsynDocument, opts: DocxOptions = {}): Promise<Buffer> {
  return Packer.toBuffer(docxDocument(doc, opts));
}
