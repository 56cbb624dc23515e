/**
 * The balance imports: the chart of accounts (IM functions, accounts) and the register's figures.
 * Apart from columns.ts so that the API's schemas (and the web app through them) name the kinds
 * without the text catalogue.
 */
export const IMPORT_KINDS = ['ledgerBalances', 'reconciliationLog', 'activity', 'adjustments', 'imFunctions', 'accounts'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
