import type { Locale } from '../../../domain/i18n.js';

/** One fixed text of the documents in Danish, Swedish and English; placeholders are `{name}` (catalogue.ts `fill`). */
export type LabelEntry = Record<Locale, string>;

/**
 * The SE vocabulary's word for the label `key`, written as the entry `key_SE`. Only the languages
 * whose SE word differs have one; the others keep the label's own text.
 */
export type VocabularyOverride = Partial<Record<Locale, string>>;

/**
 * Declares one document's or feature's labels: every label in all three languages, and an `_SE`
 * override only next to a label it overrides (a type error otherwise).
 */
export function defineLabels<
  const C extends { [K in keyof C]: K extends `${infer Base}_SE` ? (Base extends keyof C ? VocabularyOverride : never) : LabelEntry },
>(labels: C): C {
  return labels;
}
