import { maskCprInText } from '../../domain/cpr.js';
/**
 * A problem with a source file, with where it is. `code` is stable (the UI/API translates it);
 * `message` is English detail. Messages never carry a CPR number: values quoted in a message go
 * through `safeValue`.
 */
export type SourceErrorCode =
  | 'empty_file'
  | 'wrong_delimiter'
  | 'missing_column'
  | 'missing_key_column'
  | 'too_few_columns'
  | 'bad_amount'
  | 'bad_date'
  | 'unterminated_quote'
  | 'bad_quote'
  | 'line_too_long'
  | 'unsupported_encoding'
  | 'bad_xlsx'
  | 'sheet_not_found'
  | 'too_many_unmatched'
  | 'aborted';

export class SourceError extends Error {
  override readonly name = 'SourceError';
  /** Which extract the problem is in; set by the pipeline, which reads both. */
  side?: 'left' | 'right';
  constructor(
    readonly code: SourceErrorCode,
    readonly line: number,
    message: string,
    readonly column?: number,
  ) {
    super(message);
  }
  toJSON(): { code: SourceErrorCode; line: number; column?: number; message: string } {
    return { code: this.code, line: this.line, ...(this.column !== undefined ? { column: this.column } : {}), message: this.message };
  }
}

export interface SourceWarning {
  code: 'duplicate_keys' | 'no_rows';
  message: string;
  count: number;
  /** First few lines involved. */
  lines: number[];
}

/** A value shown in a message: CPR-like digit runs are masked, long values cut. */
export function safeValue(v: string): string {
  const masked = maskCprInText(v);
  return masked.length > 40 ? `${masked.slice(0, 40)}…` : masked;
}

export function abortError(): SourceError {
  return new SourceError('aborted', 0, 'the run was cancelled');
}

/** An error as a plain object, to cross a worker boundary. */
export function serializeError(e: unknown): Record<string, unknown> {
  if (e instanceof SourceError) return { name: 'SourceError', code: e.code, line: e.line, column: e.column, message: e.message, side: e.side };
  return { name: 'Error', message: e instanceof Error ? e.message : String(e) };
}

export function reviveError(o: unknown): Error {
  const x = (o ?? {}) as { name?: string; code?: SourceErrorCode; line?: number; column?: number; message?: string; side?: 'left' | 'right' };
  if (x.name === 'SourceError' && x.code) {
    const e = new SourceError(x.code, x.line ?? 0, x.message ?? '', x.column ?? undefined);
    if (x.side) e.side = x.side;
    return e;
  }
  return new Error(x.message ?? 'worker failed');
}
