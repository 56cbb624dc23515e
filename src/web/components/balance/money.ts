import { formatAmount, parseAmount, type ParseAmountResult } from '../../../domain/money';
import type { Language } from '../../i18n';

/** Whole kroner from øre in the reader's locale: da `-598.124`, sv `-598 124`, en `-598,124`. */
export const kr = (ore: number, lang: Language) => formatAmount(ore, lang, 'kr');

/** Kroner and øre in the reader's locale: da `1.234,56`. */
export const krOre = (ore: number, lang: Language) => formatAmount(ore, lang, 'kr', { decimals: 2 });

/** The form shows an øre amount for editing the way the reader types it. */
export const editable = (ore: number, lang: Language) => krOre(ore, lang).replace(/\u00a0/g, ' ');

/**
 * Reads a typed amount into øre: Danish and Swedish `1.234,56` (Swedish also `1 234,56`), English
 * `1,234.56`, with the domain's strict parser (never rounded).
 */
export function readAmount(text: string, lang: Language): ParseAmountResult {
  if (lang === 'en') return parseAmount(text, 'en');
  return parseAmount(lang === 'sv' ? text.replace(/(\d)[\s\u00a0\u202f](?=\d{3}\b)/g, '$1') : text, 'da');
}
