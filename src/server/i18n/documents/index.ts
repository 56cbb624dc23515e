/**
 * Every fixed text of the documents, in Danish, Swedish and English, one file per document or
 * feature. A municipality's vocabulary (DK: handleplan / tiltag / opfølgningspunkt; SE: yttrande /
 * åtgärd / förväntad effekt) decides the domain words, whatever language the document is in:
 * `_SE` entries override for SE. Placeholders are `{name}` (i18n/catalogue.ts `fill`).
 */
import type { Locale, Vocabulary } from '../../../domain/i18n.js';
import type { VocabularyOverride } from './define.js';
import { commonLabels } from './common.js';
import { findingLabels } from './findings.js';
import { followUpReportLabels } from './follow-up-report.js';
import { answerDocumentLabels } from './answer-document.js';
import { councilDecisionSheetLabels } from './council-decision-sheet.js';
import { workbookLabels } from './workbooks.js';
import { balanceReportLabels } from './balance-report.js';

/** The feature files in the order their labels are listed; a key belongs to exactly one of them. */
export const labelFiles = {
  common: commonLabels,
  findings: findingLabels,
  followUpReport: followUpReportLabels,
  answerDocument: answerDocumentLabels,
  councilDecisionSheet: councilDecisionSheetLabels,
  workbooks: workbookLabels,
  balanceReport: balanceReportLabels,
};

const labels = {
  ...commonLabels,
  ...findingLabels,
  ...followUpReportLabels,
  ...answerDocumentLabels,
  ...councilDecisionSheetLabels,
  ...workbookLabels,
  ...balanceReportLabels,
};

export type DocumentLabels = { [K in keyof typeof labels as K extends `${string}_SE` ? never : K]: string };

export const labelKeys = Object.keys(labels).filter((k) => !k.endsWith('_SE')) as (keyof DocumentLabels)[];

/** The labels of one document: the language's texts, with the SE vocabulary's words where it has them. */
export function documentLabels(locale: Locale, vocabulary: Vocabulary): DocumentLabels {
  const entries = labels as Record<string, VocabularyOverride | undefined>;
  const out: Record<string, string> = {};
  for (const key of labelKeys) {
    const se = vocabulary === 'SE' ? entries[`${key}_SE`]?.[locale] : undefined;
    out[key] = se ?? (entries[key]?.[locale] as string);
  }
  return out as DocumentLabels;
}
