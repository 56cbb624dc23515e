import { TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDay, parseDay } from '../format';
import type { Language } from '../i18n';

/**
 * A date input in the locale's format instead of the browser's own date picker (which shows the
 * browser's format, not the municipality's). The parent holds ISO; text that is not a date is
 * passed on as typed, so the server names the field and nothing the user wrote is lost.
 */
export function DateField({
  id,
  label,
  value,
  error,
  required,
  onChange,
}: {
  id?: string;
  label: string;
  value: string;
  error?: string | undefined;
  required?: boolean | undefined;
  onChange: (isoOrText: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const [text, setText] = useState(() => formatDay(value, lang));
  useEffect(() => {
    // Follow the parent (a reload, another language) unless it is what the user is typing.
    if ((parseDay(text) ?? text) !== value) setText(formatDay(value, lang));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value, lang]);
  const unreadable = text.trim() !== '' && parseDay(text) === null;
  return (
    <TextInput
      id={id}
      label={label}
      required={required}
      value={text}
      inputMode="numeric"
      autoComplete="off"
      description={t('date.hint')}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      error={error ?? (unreadable ? t('date.invalid') : undefined)}
      onChange={(e) => {
        const next = e.currentTarget.value;
        setText(next);
        onChange(next.trim() === '' ? '' : (parseDay(next) ?? next));
      }}
    />
  );
}
