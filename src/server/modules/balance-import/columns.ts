import { LOCALES, type Locale } from '../../../domain/i18n.js';
import type { Params } from '../../i18n/catalogue.js';
import { type MessageCode, renderMessage } from '../../i18n/messages.js';

import type { ImportKind } from './kinds.js';

export { IMPORT_KINDS, type ImportKind } from './kinds.js';

export type ColumnType =
  | 'account'
  | 'period'
  | 'month'
  | 'amount'
  | 'count'
  | 'year'
  | 'text'
  | 'date'
  | 'category'
  | 'subReason'
  | 'im'
  | 'department'
  | 'section'
  | 'writeOffKind'
  | 'imCode'
  | 'side'
  | 'accountNumber'
  | 'imFunction'
  | 'reconciler';

/** The catalogue codes of the column headers, `balanceImport.column.<kind>.<key>`. */
type HeaderCode = Extract<MessageCode, `balanceImport.column.${string}`>;
/** The keys a kind has headers for in the catalogue: a column without one is a type error. */
type ColumnKey<K extends ImportKind> = HeaderCode extends infer C ? (C extends `balanceImport.column.${K}.${infer Key}` ? Key : never) : never;

export interface ColumnSpec {
  key: string;
  type: ColumnType;
  required: boolean;
  /** The header's catalogue code; the header in any language (any case) is accepted. */
  header: HeaderCode;
}

const columns = <K extends ImportKind>(kind: K, specs: [key: ColumnKey<K>, type: ColumnType, required: boolean][]): ColumnSpec[] =>
  specs.map(([key, type, required]) => ({ key, type, required, header: `balanceImport.column.${kind}.${key}` as HeaderCode }));

export const COLUMNS: Record<ImportKind, ColumnSpec[]> = {
  ledgerBalances: columns('ledgerBalances', [
    ['account', 'account', true],
    ['period', 'period', true],
    ['balance', 'amount', true],
  ]),
  reconciliationLog: columns('reconciliationLog', [
    ['account', 'account', true],
    ['period', 'period', true],
    ['category', 'category', true],
    ['subReason', 'subReason', true],
    ['text', 'text', false],
    ['amount', 'amount', false],
    ['originDate', 'date', false],
    ['reference', 'text', false],
  ]),
  activity: columns('activity', [
    ['account', 'account', true],
    ['month', 'month', true],
    ['transactions', 'count', true],
    ['volume', 'amount', true],
  ]),
  adjustments: columns('adjustments', [
    ['year', 'year', true],
    ['section', 'section', true],
    ['writeOffKind', 'writeOffKind', false],
    ['department', 'department', true],
    ['im', 'im', true],
    ['imName', 'text', false],
    ['appropriation', 'text', false],
    ['text', 'text', false],
    ['amount', 'amount', true],
  ]),
  imFunctions: columns('imFunctions', [
    ['code', 'imCode', true],
    ['name', 'text', true],
    ['side', 'side', true],
  ]),
  accounts: columns('accounts', [
    ['number', 'accountNumber', true],
    ['name', 'text', true],
    ['imFunction', 'imFunction', true],
    ['department', 'department', true],
    ['reconciler', 'reconciler', true],
  ]),
};

/** A column's header in a language. */
export const headerText = (spec: ColumnSpec, locale: Locale) => renderMessage(locale, spec.header);

/** Headers that name a computed total: refused, since totals are computed from the items, never imported. */
export const TOTAL_HEADERS = [
  'total',
  'i alt',
  'sum',
  'totalt',
  'summa',
  'opfølgning',
  'opfølgningsbeløb',
  'follow-up',
  'follow-up amount',
  'uppföljning',
  'ældre end et år',
  'older than one year',
];

/** Accepted words for the section and write-off kind columns (any language, any case). */
export const SECTION_WORDS: Record<string, 'writeOff' | 'undocumentedAccrual' | 'equityMovement'> = {
  '3': 'writeOff',
  writeoff: 'writeOff',
  afskrivning: 'writeOff',
  avskrivning: 'writeOff',
  'write-off': 'writeOff',
  '4': 'undocumentedAccrual',
  undocumentedaccrual: 'undocumentedAccrual',
  'periodisering uden dokumentation': 'undocumentedAccrual',
  'periodisering utan dokumentation': 'undocumentedAccrual',
  'undocumented accrual': 'undocumentedAccrual',
  '5': 'equityMovement',
  equitymovement: 'equityMovement',
  'bevægelse på egenkapitalen': 'equityMovement',
  'rörelse i eget kapital': 'equityMovement',
  'equity movement': 'equityMovement',
};
export const WRITE_OFF_WORDS: Record<string, 'operations' | 'balanceOnly' | 'other'> = {
  operations: 'operations',
  drift: 'operations',
  'over driften': 'operations',
  'via driften': 'operations',
  balanceonly: 'balanceOnly',
  balance: 'balanceOnly',
  'direkte på balancen': 'balanceOnly',
  'direkt i balansräkningen': 'balanceOnly',
  'directly on the balance': 'balanceOnly',
  balancen: 'balanceOnly',
  other: 'other',
  øvrige: 'other',
  andre: 'other',
  övriga: 'other',
};

/** Accepted words for the balance side and the reconciler (any language, any case). */
export const SIDE_WORDS: Record<string, 'asset' | 'liability'> = {
  asset: 'asset',
  assets: 'asset',
  aktiv: 'asset',
  aktiver: 'asset',
  aktiva: 'asset',
  tillgång: 'asset',
  tillgångar: 'asset',
  liability: 'liability',
  liabilities: 'liability',
  passiv: 'liability',
  passiver: 'liability',
  passiva: 'liability',
  skuld: 'liability',
  skulder: 'liability',
};
export const RECONCILER_WORDS: Record<string, 'centralService' | 'department'> = {
  centralservice: 'centralService',
  central: 'centralService',
  'central service': 'centralService',
  centralt: 'centralService',
  'central funktion': 'centralService',
  'central enhet': 'centralService',
  department: 'department',
  forvaltning: 'department',
  forvaltningen: 'department',
  förvaltning: 'department',
  förvaltningen: 'department',
};

export const headerMatches = (spec: ColumnSpec, header: string) => {
  const h = header.trim().toLowerCase();
  return LOCALES.some((l) => headerText(spec, l).toLowerCase() === h) || spec.key.toLowerCase() === h;
};

/** The code of an issue of a file (`file.empty`, `account.unknown`, …); its text is 'balanceImport.issue.<code>' in the catalogue. */
export type IssueCode = MessageCode extends infer M ? (M extends `balanceImport.issue.${infer C}` ? C : never) : never;

/** An issue's text in the caller's language. */
export const issueMessage = (code: IssueCode, locale: Locale, params: Params = {}) => renderMessage(locale, `balanceImport.issue.${code}`, params);

/** What a column of a type expects, for 'cell.dateInText'. */
export const expectedWord = (type: ColumnType, locale: Locale) => renderMessage(locale, `balanceImport.expected.${type}`);
