import { asciiName, attachment } from '../http/download.js';
/**
 * One entry point for every document format: the routes, the CLI and the benchmark go through
 * here, so a document looks the same whichever way it was asked for.
 */
import type { CouncilDecisionSheet, FollowUpReport, TilsynDocument } from './model.js';
import { renderDocx } from './docx/index.js';
import { renderPdf } from './pdf/index.js';
import { renderXlsx } from './xlsx/index.js';

export const DOCUMENT_FORMATS = ['pdf', 'docx', 'xlsx'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export const MIME_TYPES: Record<DocumentFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Whether a document has an Excel form (tables of data; the answer document is prose). */
export const hasSpreadsheet = (doc: TilsynDocument): doc is FollowUpReport | CouncilDecisionSheet => doc.kind !== 'answerDocument';

export async function renderDocument(doc: TilsynDocument, format: DocumentFormat): Promise<Buffer> {
  switch (format) {
    case 'pdf':
      return renderPdf(doc);
    case 'docx':
      return renderDocx(doc);
    case 'xlsx':
      if (!hasSpreadsheet(doc)) throw new Error(`${doc.kind} has no spreadsheet form`);
      return renderXlsx(doc);
  }
}

/** A file name safe in any header and file system: `opfoelgning-status-august-2025.pdf`. */
export function fileNameOf(title: string, format: DocumentFormat): string {
  return `${asciiName(title)}.${format}`;
}

/** `Content-Disposition` with an ASCII fallback and the real (UTF-8) title (RFC 6266 / 5987). */
export function contentDisposition(title: string, format: DocumentFormat): string {
  return attachment(`${title}.${format}`);
}
