import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { applyLanguage, languages, setLanguage, type Language } from '../../i18n';
import { useSetOwnLanguage } from '../../queries/account';

/**
 * Each language's name in its own form (endonyms), the same whatever language the app is shown in,
 * so a reader finds theirs even in a language they cannot read: not a translated text, so not in
 * the catalogues.
 */
const names: Record<Language, string> = { da: 'Dansk', sv: 'Svenska', en: 'English' };

/**
 * The language switch. Signed out it is remembered on this device; signed in it is the user's
 * stored choice (so the server speaks it too, and every device follows).
 */
export function LanguageSelect({ signedIn, label }: { signedIn: boolean; label?: string }) {
  const { t, i18n } = useTranslation();
  const store = useSetOwnLanguage();
  return (
    <Select
      aria-label={label ?? t('nav.language')}
      size="xs"
      w={110}
      value={i18n.language}
      data={languages.map((l) => ({ value: l, label: names[l] }))}
      onChange={(v) => {
        if (!v) return;
        const lang = v as Language;
        if (!signedIn) return setLanguage(lang);
        applyLanguage(lang);
        store.mutate(lang);
      }}
      allowDeselect={false}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
