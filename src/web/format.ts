import { intlLocale, type Language } from './i18n';

/** Numbers and dates in the reader's locale: da `-598.124` / `31.03.2025`, sv `−598 124` / `2025-03-31`. */
export const formatNumber = (value: number, lang: Language) => new Intl.NumberFormat(intlLocale[lang]).format(value);

export function formatDate(iso: string, lang: Language): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  if (lang === 'da') return `${d}.${m}.${y}`;
  if (lang === 'sv') return `${y}-${m}-${d}`;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${y}-${m}-${d}T00:00:00Z`));
}
