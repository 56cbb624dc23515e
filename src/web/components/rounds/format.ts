import { intlLocale, type Language } from '../../i18n';

/** "august 2025" / "augusti 2025": the month a plan or round belongs to. */
export function formatMonth(iso: string, lang: Language): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale[lang], { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}
