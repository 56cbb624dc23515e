/** The annual balance report in the three office formats. */
import { Packer } from 'docx';
import type { DocumentFormat } from '../render.js';
import { balanceReportDocx } from './docx.js';
import type { BalanceReportDocument } from './model.js';
import { balanceReportPdf } from './pdf.js';
import { balanceReportXlsx } from './xlsx.js';

export type { BalanceReportDocument } from './model.js';

export async function renderBalanceReport(doc: BalanceReportDocument, format: DocumentFormat): Promise<Buffer> {
  switch (format) {
    case 'pdf':
      return balanceReportPdf(doc);
    case 'docx':
      return Packer.toBuffer(balanceReportDocx(doc));
    case 'xlsx':
      return balanceReportXlsx(doc);
  }
}
