import { Alert, Loader, type AlertProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';

/** A page (or a part of one) still loading. */
export function Loading({ size }: { size?: string }) {
  const { t } = useTranslation();
  return <Loader size={size} role="status" aria-label={t('app.loading')} />;
}

/**
 * Why a page could not be shown: a 404 as "not found" (grey, `notFound` or the common text), a 403
 * as "forbidden" when `forbidden` is given, anything else as the common error (red). The one
 * rendering of a failed load, so every page says it alike.
 */
export function LoadError({
  error,
  notFound,
  forbidden,
  color = 'red',
  variant,
  styles,
  children,
}: {
  error: unknown;
  /** The title of a 404 (default: the common "not found"). */
  notFound?: string;
  /** The title of a 403; without it a 403 is a plain error. */
  forbidden?: string;
  /** The colour of an error other than "not found" / "forbidden". */
  color?: string;
  variant?: AlertProps['variant'];
  styles?: AlertProps['styles'];
  /** Below the title, e.g. a retry link. */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const status = error instanceof ApiError ? error.status : null;
  const title = status === 404 ? (notFound ?? t('errors.notFound')) : status === 403 && forbidden ? forbidden : t('app.error');
  const muted = status === 404 || (status === 403 && forbidden !== undefined);
  return (
    <Alert color={muted ? 'gray' : color} variant={variant} styles={styles} role="alert" title={title}>
      {children}
    </Alert>
  );
}
