import type { Locale } from '../../../domain/i18n.js';

/** PostgreSQL text-search configuration for a municipality's language (stemming, stop words). */
export function searchConfig(language: Locale): 'danish' | 'swedish' | 'english' {
  return language === 'da' ? 'danish' : language === 'sv' ? 'swedish' : 'english';
}
