import { type Locale, LOCALES } from '../../../domain/i18n.js';
import { limits } from '../../http/schemas.js';
import { type MessageCode, renderMessage } from '../../i18n/messages.js';

/**
 * The spreadsheet layout of the findings import: its sheets and columns and how each cell is read.
 * Their words (sheet names, headers, explanations, examples, the words a cell may hold) are
 * catalogue entries in Danish, Swedish and English (i18n/messages/imports-columns.ts), found by
 * the sheet and column keys. The template is written from these definitions and an uploaded file
 * is read by them, so the two cannot drift.
 *
 * A file is recognised by its sheet names and header texts in any of the three languages (and
 * columns may come in any order), so a Swedish template filled in and uploaded by a Danish user
 * imports the same.
 */

export type SheetKey = 'findings' | 'recommendations' | 'plans';

/**
 * How a cell is read:
 * - `text`: a text cell (a number or date there is refused: a shifted column, most likely);
 * - `code`: text or a whole number taken as text (case numbers, measure numbers "2A" or 2);
 * - `int`: a whole number (a number cell, or text of digits);
 * - `date`: a real Excel date cell (text such as "31.03.2025" is refused: its meaning depends on
 *   the computer's regional settings);
 * - `deadline`: as users write deadlines ("Q1-2026", "1. halvår 2025", "31.03.2026"), a date
 *   cell, or a year as a number;
 * - `choice`: one of the listed words; `bool`: yes or no;
 * - `codes`: department codes separated by commas, semicolons or spaces, or "all";
 * - `numbers`: whole numbers separated by commas or semicolons (or one number cell);
 * - `email`: an e-mail address (text or a mailto link).
 */
export type CellKind = 'text' | 'code' | 'int' | 'date' | 'deadline' | 'choice' | 'bool' | 'codes' | 'numbers' | 'email';

/** `always`: every row; `new`: when the row creates its report/finding/measure; `optional`: never. */
export type Requirement = 'always' | 'new' | 'optional';

export type ChoiceSet = 'reportKind' | 'grade';

export interface ColumnSpec {
  key: string;
  kind: CellKind;
  required: Requirement;
  /** Longest text accepted (characters). */
  maxLength?: number;
  /** Range of an `int`. */
  min?: number;
  max?: number;
  choices?: ChoiceSet;
  /** Column width in the template (characters). */
  width: number;
}

export interface SheetSpec {
  key: SheetKey;
  columns: ColumnSpec[];
}

// Columns that several sheets share -----------------------------------------------------------

const reportTitle = (required: Requirement): ColumnSpec => ({
  key: 'reportTitle',
  kind: 'text',
  required,
  maxLength: limits.title,
  width: 32,
});

const reportYear = (required: Requirement): ColumnSpec => ({
  key: 'reportYear',
  kind: 'int',
  required,
  min: 2000,
  max: 2100,
  width: 8,
});

const findingNumber: ColumnSpec = {
  key: 'findingNumber',
  kind: 'int',
  required: 'always',
  min: 1,
  max: 10_000,
  width: 12,
};

// The sheets ----------------------------------------------------------------------------------

export const findingsSheet: SheetSpec = {
  key: 'findings',
  columns: [
    reportTitle('always'),
    reportYear('always'),
    { key: 'reportKind', kind: 'choice', choices: 'reportKind', required: 'new', width: 18 },
    { key: 'auditor', kind: 'text', required: 'new', maxLength: limits.name, width: 22 },
    { key: 'receivedOn', kind: 'date', required: 'optional', width: 12 },
    findingNumber,
    { key: 'title', kind: 'text', required: 'always', maxLength: limits.title, width: 40 },
    { key: 'observations', kind: 'text', required: 'optional', maxLength: limits.longText, width: 50 },
    { key: 'risks', kind: 'text', required: 'optional', maxLength: limits.longText, width: 40 },
    { key: 'grade', kind: 'choice', choices: 'grade', required: 'optional', width: 12 },
    { key: 'confidential', kind: 'bool', required: 'optional', width: 11 },
    { key: 'confidentialBasis', kind: 'text', required: 'optional', maxLength: limits.shortText, width: 24 },
    { key: 'departments', kind: 'codes', required: 'new', width: 20 },
    { key: 'repeat', kind: 'bool', required: 'optional', width: 12 },
    { key: 'caseNumber', kind: 'code', required: 'optional', maxLength: 100, width: 16 },
  ],
};

export const recommendationsSheet: SheetSpec = {
  key: 'recommendations',
  columns: [
    reportTitle('optional'),
    reportYear('optional'),
    findingNumber,
    { key: 'number', kind: 'int', required: 'always', min: 1, max: 100, width: 14 },
    { key: 'text', kind: 'text', required: 'always', maxLength: limits.shortText, width: 60 },
  ],
};

export const plansSheet: SheetSpec = {
  key: 'plans',
  columns: [
    reportTitle('optional'),
    reportYear('optional'),
    findingNumber,
    { key: 'department', kind: 'code', required: 'always', maxLength: 50, width: 14 },
    { key: 'crossCutting', kind: 'bool', required: 'optional', width: 12 },
    { key: 'problem', kind: 'text', required: 'optional', maxLength: limits.longText, width: 40 },
    { key: 'extent', kind: 'text', required: 'optional', maxLength: limits.longText, width: 30 },
    { key: 'overallDeadline', kind: 'deadline', required: 'optional', width: 16 },
    { key: 'measureNumber', kind: 'code', required: 'optional', maxLength: 10, width: 10 },
    { key: 'measureTitle', kind: 'text', required: 'new', maxLength: limits.title, width: 36 },
    { key: 'measureText', kind: 'text', required: 'optional', maxLength: limits.longText, width: 40 },
    { key: 'deadline', kind: 'deadline', required: 'optional', width: 16 },
    { key: 'followUpPoint', kind: 'text', required: 'optional', maxLength: limits.shortText, width: 36 },
    { key: 'expectedEffect', kind: 'text', required: 'optional', maxLength: limits.shortText, width: 36 },
    { key: 'responsibleUnit', kind: 'text', required: 'optional', maxLength: limits.name, width: 22 },
    { key: 'responsiblePerson', kind: 'text', required: 'optional', maxLength: limits.name, width: 22 },
    { key: 'ownerEmail', kind: 'email', required: 'optional', maxLength: 320, width: 26 },
    { key: 'recommendations', kind: 'numbers', required: 'optional', width: 14 },
  ],
};

export const sheets: SheetSpec[] = [findingsSheet, recommendationsSheet, plansSheet];

// The words -----------------------------------------------------------------------------------

/** A sheet's name (its tab) in a language. */
export const sheetName = (sheet: SheetSpec, locale: Locale): string => renderMessage(locale, `importsColumns.${sheet.key}.name`);

/** One line for the instructions sheet: what one row of the sheet is. */
export const sheetRowIs = (sheet: SheetSpec, locale: Locale): string => renderMessage(locale, `importsColumns.${sheet.key}.rowIs`);

export const instructionsSheetName = (locale: Locale): string => renderMessage(locale, 'importsColumns.instructions.name');

/** `header`: the column's header; `help`: what it means, for the instructions sheet; `example`: a value. */
export type ColumnText = 'header' | 'help' | 'example';

/** A column's text in a language, catalogue code 'importsColumns.<sheet>.<column>.<text>' (a test checks each exists). */
export const columnText = (sheet: SheetSpec, column: ColumnSpec, text: ColumnText, locale: Locale): string =>
  renderMessage(locale, `importsColumns.${sheet.key}.${column.key}.${text}` as MessageCode);

/** The catalogue entries of the words a `choice` cell may hold, per value, in the template's order. */
const choiceCodes = {
  reportKind: {
    annualAccounts: 'importsColumns.choice.reportKind.annualAccounts',
    ongoingAudit: 'importsColumns.choice.reportKind.ongoingAudit',
    review: 'importsColumns.choice.reportKind.review',
  },
  grade: { red: 'importsColumns.choice.grade.red', yellow: 'importsColumns.choice.grade.yellow', green: 'importsColumns.choice.grade.green' },
} as const satisfies Record<ChoiceSet, Record<string, MessageCode>>;

/** An entry's words (" | " between them) in each language; the first of a language is the one the template writes. */
const wordsOf = (code: MessageCode): Record<Locale, string[]> => ({
  da: renderMessage('da', code).split(' | '),
  sv: renderMessage('sv', code).split(' | '),
  en: renderMessage('en', code).split(' | '),
});

// Read once: every cell of a choice, yes/no or departments column is matched against them.
const choiceWords: Record<ChoiceSet, Record<string, Record<Locale, string[]>>> = {
  reportKind: Object.fromEntries(Object.entries(choiceCodes.reportKind).map(([value, code]) => [value, wordsOf(code)])),
  grade: Object.fromEntries(Object.entries(choiceCodes.grade).map(([value, code]) => [value, wordsOf(code)])),
};
const yesWords = wordsOf('importsColumns.words.yes');
const noWords = wordsOf('importsColumns.words.no');
/** "All departments" in a departments cell. */
const allWords = wordsOf('importsColumns.words.all');

/** Lower case, single spaces, NFC; a header's required marker and trailing colon removed. */
export function normalizeWord(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u00a0\s]+/g, ' ')
    .trim()
    .replace(/\s*[*:]+$/, '')
    .toLowerCase();
}

/** The value a choice word stands for, in any language (or the code itself), or null. */
export function choiceValue(set: ChoiceSet, word: string): string | null {
  const w = normalizeWord(word);
  for (const [value, words] of Object.entries(choiceWords[set])) {
    if (w === value.toLowerCase()) return value;
    for (const l of LOCALES) if (words[l].some((x) => x === w || `${words[l][0]} (${x})` === w)) return value;
  }
  return null;
}

/** The word the template shows for a choice value. */
export const choiceLabel = (set: ChoiceSet, value: string, locale: Locale): string => choiceWords[set][value]![locale][0]!;

/** The words the template shows for a choice set, one per value, in order. */
export const choiceOptions = (set: ChoiceSet, locale: Locale): string[] => Object.keys(choiceWords[set]).map((value) => choiceLabel(set, value, locale));

export const yesNoLabel = (yes: boolean, locale: Locale) => (yes ? yesWords[locale][0]! : noWords[locale][0]!);

export function boolValue(word: string): boolean | null {
  const w = normalizeWord(word);
  if (['1', ...LOCALES.flatMap((l) => yesWords[l])].includes(w)) return true;
  if (['0', ...LOCALES.flatMap((l) => noWords[l])].includes(w)) return false;
  return null;
}

export const isAllWord = (word: string) => LOCALES.some((l) => allWords[l].includes(normalizeWord(word)));

/** The sheet a tab name belongs to, in any language. */
export function sheetOfName(name: string): SheetSpec | null {
  const n = normalizeWord(name);
  return sheets.find((s) => LOCALES.some((l) => normalizeWord(sheetName(s, l)) === n)) ?? null;
}

/** The column a header text belongs to in a sheet, and the language it is written in. */
export function columnOfHeader(sheet: SheetSpec, header: string): { column: ColumnSpec; locale: Locale } | null {
  const n = normalizeWord(header);
  for (const l of LOCALES) {
    const column = sheet.columns.find((c) => normalizeWord(columnText(sheet, c, 'header', l)) === n);
    if (column) return { column, locale: l };
  }
  return null;
}

/** The header as the template writes it: required columns marked with an asterisk. */
export function headerText(sheet: SheetSpec, c: ColumnSpec, locale: Locale): string {
  const header = columnText(sheet, c, 'header', locale);
  return c.required === 'always' ? `${header} *` : header;
}
