import type { AmountFormat } from '../../../domain/money.js';
import type { Locale } from '../../../domain/i18n.js';
import type { Actor } from '../../context.js';
import type { Executor } from '../../db/engine.js';
import type { ImFunctionRow, ReconciliationRow } from '../balance/reads.js';
import type { RegisterAccount } from '../balance-report/reads.js';
import type { ColumnSpec, IssueCode } from './columns.js';
import type { Table } from './table.js';

/** One problem of the file: `field` names the cell (`C7`), the column (`C1`) or `file`. */
export interface BalanceImportIssue {
  row: number | null;
  column: string | null;
  header: string | null;
  field: string;
  code: string;
  message: string;
}

export interface BalanceImportOptions {
  dryRun: boolean;
  amountFormat: AmountFormat;
}

export type Value = string | number | null;
export type Row = { row: number; values: Record<string, Value> };

/** What a row of the chart imports does to the register. */
export type RowAction = 'create' | 'update' | 'unchanged';

/** A file being planned: its table and rows read, the register it is checked against, and the issues so far. */
export interface PlanContext {
  ex: Executor;
  actor: Actor;
  mid: string;
  locale: Locale;
  table: Table;
  specs: ColumnSpec[];
  /** Each known column's index in the file. */
  at: Map<string, number>;
  issues: BalanceImportIssue[];
  rows: Row[];
  accountByNumber: Map<string, RegisterAccount>;
  chart: ImFunctionRow[];
  chartByCode: Map<string, ImFunctionRow>;
  accountIds: string[];
  /** The stored reconciliations of the file's accounts and periods, by account and period. */
  recAt: Map<string, ReconciliationRow>;
  counts: { create: number; update: number; unchanged: number; replaced: number };
  cellIssue: (row: number, spec: ColumnSpec, code: string, text: string) => void;
  rowIssue: (row: number, key: string, code: IssueCode, p?: Record<string, string | number>) => void;
  /** Names the later rows with the same key as repeats of the first. */
  unique: (key: (r: Row) => string | null, column: string) => void;
}
