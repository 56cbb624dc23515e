/** UI and document language. */
export type Locale = 'da' | 'sv' | 'en';

/**
 * The municipality's domain vocabulary, independent of the display language: a Danish
 * municipality writes "handleplan / tiltag / opfølgningspunkt", a Swedish one
 * "yttrande / åtgärd / förväntad effekt", even when a user reads the product in English.
 */
export type Vocabulary = 'DK' | 'SE';

export const LOCALES: readonly Locale[] = ['da', 'sv', 'en'];
export const VOCABULARIES: readonly Vocabulary[] = ['DK', 'SE'];

/** A text in every supported locale, e.g. an error message the API returns to any client. */
export type Localized = Record<Locale, string>;

/** Decimal number with the locale's separator (da/sv "58,3", en "58.3"), at most one decimal. */
export function formatDecimal(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1, useGrouping: false }).format(value);
}
