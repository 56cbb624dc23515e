import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { catalogues } from './catalogues';

export { catalogues };
export type Language = keyof typeof catalogues;
export const languages: Language[] = ['da', 'sv', 'en'];

const stored = typeof localStorage !== 'undefined' ? localStorage.getItem('tilsyn.language') : null;
const initial: Language = stored === 'sv' || stored === 'en' || stored === 'da' ? stored : 'da';

void i18n.use(initReactI18next).init({
  resources: { da: { translation: catalogues.da }, sv: { translation: catalogues.sv }, en: { translation: catalogues.en } },
  lng: initial,
  fallbackLng: false,
  // Missing keys are a bug, not something to paper over with another language: catalogue.test.ts.
  returnNull: false,
  interpolation: { escapeValue: false },
});

export function setLanguage(lang: Language): void {
  localStorage.setItem('tilsyn.language', lang);
  void i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
}

/** BCP 47 tags for Intl: Danish and Swedish formats (`-598.124`, `31.03.2025`; `−598 124`, `2025-03-31`). */
export const intlLocale: Record<Language, string> = { da: 'da-DK', sv: 'sv-SE', en: 'en-GB' };

export default i18n;
