import { useEffect } from 'react';
import { useBlocker } from '../leave';
import type { TFunction } from 'i18next';
import i18n from '../../i18n';
import { ApiError } from '../../api';

/**
 * What a failed save means for a form: field errors beside the fields (keyed by the field path
 * after `body.`, e.g. `code` or `items.2.departmentId`), a version conflict with the server's
 * current row, or one message for the whole form.
 */
export interface SaveFailure {
  fields: Record<string, string>;
  conflict: Record<string, unknown> | null;
  message: string | null;
}

/** A field error in the reader's language: known codes from the catalogue, else the server's own text. */
export function fieldErrorText(t: TFunction, code: string, message: string): string {
  const key = `admin.errorCodes.${code.replace(/\./g, '_')}`;
  return i18n.exists(key) ? t(key) : message;
}

export function saveFailure(err: unknown, t: TFunction): SaveFailure {
  if (!(err instanceof ApiError)) return { fields: {}, conflict: null, message: t('app.error') };
  const fields: Record<string, string> = {};
  for (const e of err.errors) {
    const field = e.field.replace(/^body\.?/, '');
    fields[field] ??= fieldErrorText(t, e.code, e.message);
  }
  const conflict = err.status === 409 && err.body.current && typeof err.body.current === 'object' ? (err.body.current as Record<string, unknown>) : null;
  const message = Object.keys(fields).length > 0 && !conflict ? null : conflict ? null : (err.detail ?? err.title);
  // Field errors that no field shows (e.g. on a whole list) still reach the user.
  return { fields, conflict, message };
}

/** Alert titles in a shade that keeps 4.5:1 on the alert's tinted background (WCAG 1.4.3). */
export const errorAlertStyles = { title: { color: 'var(--mantine-color-red-9)' } };

/** The ETag of a row (`"3"`), for If-Match. */
export const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

/** Asks before the tab closes or reloads while a form has unsaved changes. */
export function useUnsavedWarning(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);
}

/**
 * Asks before leaving a form with unsaved changes: closing or reloading the tab (beforeunload)
 * and moving inside the app (react-router's blocker, e.g. the browser's back button or a menu
 * link). Several may be mounted at once (components/leave.tsx).
 */
export function useLeaveGuard(dirty: boolean, question: string): void {
  useUnsavedWarning(dirty);
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    if (window.confirm(question)) blocker.proceed();
    else blocker.reset();
  }, [blocker, question]);
}

export function formatDateTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}
