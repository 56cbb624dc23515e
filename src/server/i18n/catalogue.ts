import type { Locale } from '../../domain/i18n.js';

/** Values a message is filled with: `{name}` in a text is replaced by `params.name`. */
export type Params = Record<string, string | number>;

/**
 * One text in Danish, Swedish and English. Most are templates with `{name}` placeholders; a text
 * that needs more than substitution (quoting, lists, plural forms) is a function of its params.
 */
export type Entry = Record<Locale, string | ((params: Params) => string)>;

/** Replaces `{name}` by `values.name`; an unknown placeholder stays as written. */
export function fill(template: string, values: Params): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

export function renderEntry(entry: Entry, locale: Locale, params: Params = {}): string {
  const text = entry[locale];
  return typeof text === 'function' ? text(params) : fill(text, params);
}

/** Declares one area's messages: every entry in all three languages (a type error otherwise). */
export function defineMessages<const C extends Record<string, Entry>>(messages: C): C {
  return messages;
}
