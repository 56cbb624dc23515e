import { canonicalDeadline, formatDeadline, lastDay, parseDeadline, type Deadline } from '../../../domain/deadline.js';
import type { Locale } from '../../../domain/i18n.js';
import { invalidField } from '../../http/problem.js';

export interface StoredDeadline {
  /** Canonical, locale-neutral form (`2026-Q1`), as stored in the `deadline` columns. */
  text: string;
  /** Last day of the period, ISO date, as stored in the `*_due` columns for sorting and overdue. */
  due: string;
  value: Deadline;
}

/**
 * Parses a deadline typed by a user at the API boundary. Empty means "no deadline" (null); a
 * string no form matches is a 422 naming the field and listing the accepted forms, worded in the
 * reader's language when the problem is sent (`_locale` is no longer needed; callers still pass it).
 */
export function deadlineField(input: string | null | undefined, field: string, _locale?: Locale): StoredDeadline | null {
  if (input === null || input === undefined || input.trim() === '') return null;
  const parsed = parseDeadline(input);
  if (!parsed.ok) throw invalidField(field, parsed.error.code, 'uploads.deadlineInvalid', { input });
  return { text: canonicalDeadline(parsed.value), due: lastDay(parsed.value), value: parsed.value };
}

/** A stored canonical deadline back as a value (stored strings always parse). */
export function storedDeadline(text: string | null): Deadline | null {
  if (!text) return null;
  const parsed = parseDeadline(text);
  return parsed.ok ? parsed.value : null;
}

/**
 * A stored canonical deadline as the API shows it (DeadlineDto in plans/schemas.ts): canonical
 * text, the reader's way of writing it, precision, last day (the stored `*_due` when given).
 */
export function deadlineDto(text: string | null, locale: Locale, storedDue: string | null = null) {
  const value = storedDeadline(text);
  if (!text || !value) return null;
  return { text, display: formatDeadline(value, locale), precision: value.precision, due: storedDue ?? lastDay(value) };
}
