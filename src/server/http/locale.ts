import type { Locale } from '../../domain/i18n.js';

const locales: readonly Locale[] = ['da', 'sv', 'en'];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** The first of da/sv/en the client asks for in Accept-Language, or null. */
export function localeFromHeader(header: string | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { lang: tag.toLowerCase().split('-')[0] ?? '', q: q ? Number(q) : 1, index };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const r of ranked) {
    // Norwegian readers get Danish: the closest written language we ship.
    const lang = r.lang === 'nb' || r.lang === 'no' || r.lang === 'nn' ? 'da' : r.lang;
    if (isLocale(lang)) return lang;
  }
  return null;
}
