import type { Locale, Vocabulary } from '../domain/i18n.js';

/**
 * Who is acting, and for which municipality. Every service call takes one; the municipality id
 * comes from the acting user, never from the request, so no query can reach another tenant.
 */
export interface Actor {
  userId: string;
  municipalityId: string;
  /** Language the user reads (Accept-Language, else the municipality's). */
  locale: Locale;
  /** The municipality's own language: decides text-search stemming and document defaults. */
  language: Locale;
  vocabulary: Vocabulary;
}
