import { intlLocale, type Language } from './i18n';

/** Numbers in the reader's locale: da `-598.124`, sv `−598 124`. */
export const formatNumber = (value: number, lang: Language) => new Intl.NumberFormat(intlLocale[lang]).format(value);

/** A day in the reader's format: da `31.03.2026`, sv `2026-03-31`, en `31/03/2026`. */
export function formatDay(iso: string, lang: Language): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return new Intl.DateTimeFormat(intlLocale[lang], { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))),
  );
}

/** Reads `31.03.2025`, `31.3.2025`, `31/03/2025` or `2025-03-31` into ISO, or null. */
export function parseDay(text: string): string | null {
  const t = text.trim();
  let y: number, mo: number, d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const dk = /^(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})$/.exec(t);
  if (iso) [y, mo, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dk) [d, mo, y] = [Number(dk[1]), Number(dk[2]), Number(dk[3])];
  else return null;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}
