/**
 * The matching engine's shared shapes. One side of a run (the specialist system's extract, or the
 * ledger/debtor extract) is held column by column in typed arrays: row i of every array is item i.
 * A plain object per row (or a Map of string keys) is ~20× slower and ~10× bigger at 10M rows;
 * the typed-array layout is the design, not an optimisation.
 */

/** Days since 1970-01-01 (UTC) for a row without a date. */
export const NO_DAY = -2147483648;

/** The fields a source column can be mapped to and a key can be built from. */
export const keyFields = ['caseId', 'cpr', 'account'] as const;
export type KeyField = (typeof keyFields)[number];

export interface SideColumns {
  /** Number of rows. Arrays may be longer (grown in chunks); only [0, n) is meaningful. */
  n: number;
  /**
   * 64-bit keyed hash of the match key (the rules' `key` fields of the row, joined), as two
   * 32-bit halves. Computed in memory from the source bytes; never stored or logged, so CPR
   * numbers are matched without being kept.
   */
  keyHi: Uint32Array;
  keyLo: Uint32Array;
  /** 64-bit keyed hash of the rules' `groupKey` fields (the 1:n / n:1 pass's group). */
  groupHi: Uint32Array;
  groupLo: Uint32Array;
  /** Amount in øre: an integer, exact in a double up to 2^53. */
  amount: Float64Array;
  /** Date as days since 1970-01-01 (UTC), NO_DAY when the row has none. */
  day: Int32Array;
  /** 1-based line (CSV) or row (XLSX) number in the source, for messages and the UI. */
  line: Int32Array;
  /** 1 when the row was carried forward from the previous month's run as a timing difference. */
  carried: Uint8Array;
}

/** What became of a row. */
export const RowState = { unmatched: 0, matched: 1, suggested: 2, timing: 3 } as const;
export type RowStateT = (typeof RowState)[keyof typeof RowState];
