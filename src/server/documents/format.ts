/**
 * Numbers and dates the way each locale writes them in a document (docs/domain.md §6): Danish `2.412`
 * and `31.03.2025`, Swedish `2 412` and `2026-02-27`, English `2,412` and `31 March 2025`.
 */
import type { Locale } from '../../domain/i18n.js';

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** An ISO date (`2025-03-31`) in the locale's form; anything else comes back unchanged. */
export function formatDate(iso: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  if (locale === 'da') return `${d}.${mo}.${y}`;
  if (locale === 'sv') return `${y}-${mo}-${d}`;
  return `${Number(d)} ${MONTHS_EN[Number(mo) - 1]} ${y}`;
}

/** An integer with the locale's grouping: da `2.412`, sv `2 412` (no-break space), en `2,412`. */
export function formatInteger(value: number, locale: Locale): string {
  const grouped = Math.abs(Math.trunc(value))
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, locale === 'da' ? '.' : locale === 'sv' ? '\u00a0' : ',');
  return value < 0 ? `-${grouped}` : grouped;
}

/** The Excel number format for dates in the locale (cells hold real dates; this only shows them). */
export function excelDateFormat(locale: Locale): string {
  return locale === 'da' ? 'dd.mm.yyyy' : locale === 'sv' ? 'yyyy-mm-dd' : 'd mmmm yyyy';
}

/** An ISO date as a JS Date at UTC midnight, for typed date cells. */
export function isoToDate(iso: string): Date {
  return new Date(`${iso.slice(0, 10)}T00:00:00Z`);
}

/** Fills `{name}` placeholders: the server catalogue's own, so documents and messages fill alike. */
export { fill } from '../i18n/catalogue.js';

/** BCP 47 tag for the document's language metadata. */
export const languageTag: Record<Locale, string> = { da: 'da-DK', sv: 'sv-SE', en: 'en-GB' };
