import { intlLocale, type Language } from './i18n';

/** Numbers in the reader's locale: da `-598.124`, sv `−598 124`. */
export const formatNumber = (value: number, lang: Language) => new Intl.NumberFormat(intlLocale[lang]).format(value);
