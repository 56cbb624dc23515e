import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLanguage } from '../api';
import { catalogues } from './catalogues';

export { catalogues };
export type Language = keyof typeof catalogues;
export const languages: Language[] = ['da', 'sv', 'en'];

const isLanguage = (v: unknown): v is Language => v === 'da' || v === 'sv' || v === 'en';
const STORAGE_KEY = 'tilsyn.language';

/**
 * The first of da/sv/en among the browser's languages (`sv-SE` counts as sv; Norwegian reads
 * Danish best), else Danish.
 */
export function languageFromBrowser(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0] ?? '';
    const lang = base === 'nb' || base === 'nn' || base === 'no' ? 'da' : base;
    if (isLanguage(lang)) return lang;
  }
  return 'da';
}

/** Signed out: a choice made on this device (the sign-in page's switch), else the browser's language. */
function signedOutLanguage(): Language {
  const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  if (isLanguage(stored)) return stored;
  return languageFromBrowser(typeof navigator !== 'undefined' ? (navigator.languages ?? [navigator.language]) : []);
}

const initial = signedOutLanguage();

void i18n.use(initReactI18next).init({
  resources: { da: { translation: catalogues.da }, sv: { translation: catalogues.sv }, en: { translation: catalogues.en } },
  lng: initial,
  fallbackLng: false,
  // Missing keys are a bug, not something to paper over with another language: catalogue.test.ts.
  returnNull: false,
  interpolation: { escapeValue: false },
});

// Whatever changes the language, the page's lang attribute and the API's Accept-Language follow.
const follow = (lang: string) => {
  setApiLanguage(lang);
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
};
follow(initial);
i18n.on('languageChanged', follow);

/** Shows the app in a language without remembering it on this device (a signed-in user's stored choice). */
export function applyLanguage(lang: Language): void {
  if (i18n.language !== lang) void i18n.changeLanguage(lang);
}

/** The sign-in page's switch: remembered on this device for the next visit while signed out. */
export function setLanguage(lang: Language): void {
  localStorage.setItem(STORAGE_KEY, lang);
  applyLanguage(lang);
}

/** After signing out, back to this device's choice or the browser's language. */
export function applySignedOutLanguage(): void {
  applyLanguage(signedOutLanguage());
}

/** BCP 47 tags for Intl: Danish and Swedish formats (`-598.124`, `31.03.2025`; `−598 124`, `2025-03-31`). */
export const intlLocale: Record<Language, string> = { da: 'da-DK', sv: 'sv-SE', en: 'en-GB' };

export default i18n;
