import { TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDeadline, lastDay, parseDeadline } from '../../../domain';
import type { Language } from '../../i18n';
import type { DeadlineDto } from './draft';
import { formatDay } from '../../format';

/**
 * A deadline as users write it (`Q1-2026`, `1. halvår 2025`, `31.03.2026`): while typing it shows
 * how the domain's parser understands it, or why it does not; once saved, how the server stored it.
 */
export function DeadlineField({
  id,
  label,
  value,
  saved,
  serverError,
  onChange,
  readOnly,
}: {
  id: string;
  label: string;
  value: string;
  saved: DeadlineDto | null;
  serverError: string | undefined;
  onChange: (v: string) => void;
  readOnly?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const parsed = value.trim() ? parseDeadline(value) : null;
  let description = t('plans.deadlineHint');
  if (saved && value === saved.display) description = t('plans.savedAs', { display: saved.display, due: formatDay(saved.due, lang) });
  else if (parsed?.ok) description = t('plans.understood', { display: formatDeadline(parsed.value, lang), due: formatDay(lastDay(parsed.value), lang) });
  const error = serverError ?? (parsed && !parsed.ok ? parsed.error.message[lang] : undefined);
  return (
    <TextInput
      id={id}
      label={label}
      value={value}
      readOnly={readOnly}
      onChange={(e) => onChange(e.currentTarget.value)}
      description={description}
      error={error}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      autoComplete="off"
    />
  );
}
