import { defineArea } from '../area';

/**
 * The frame around every page: the app itself (name, skip link, loading and error states), the main
 * menu, the error pages, date fields and the footer. `_SE` keys carry the Swedish vocabulary.
 */
export const app = defineArea({
  da: { name: 'Tilsyn', skipToContent: 'Spring til indhold', loading: 'Indlæser …', error: 'Noget gik galt', retry: 'Prøv igen' },
  sv: { name: 'Tilsyn', skipToContent: 'Hoppa till innehållet', loading: 'Laddar …', error: 'Något gick fel', retry: 'Försök igen' },
  en: { name: 'Tilsyn', skipToContent: 'Skip to content', loading: 'Loading …', error: 'Something went wrong', retry: 'Try again' },
});

export const nav = defineArea({
  da: {
    main: 'Hovedmenu',
    overview: 'Overblik',
    findings: 'Bemærkninger',
    findings_SE: 'Granskningar',
    accessibility: 'Tilgængelighedserklæring',
    language: 'Sprog',
    signOut: 'Log ud',
    user: 'Bruger',
  },
  sv: {
    main: 'Huvudmeny',
    overview: 'Översikt',
    findings: 'Revisionsanmärkningar',
    findings_SE: 'Granskningar',
    accessibility: 'Tillgänglighetsredogörelse',
    language: 'Språk',
    signOut: 'Logga ut',
    user: 'Användare',
  },
  en: {
    main: 'Main menu',
    overview: 'Overview',
    findings: 'Audit findings',
    findings_SE: 'Reviews',
    accessibility: 'Accessibility statement',
    language: 'Language',
    signOut: 'Sign out',
    user: 'User',
  },
});

export const errors = defineArea({
  da: { notFound: 'Siden findes ikke', forbidden: 'Du har ikke adgang til denne side', offline: 'Kan ikke nå serveren' },
  sv: { notFound: 'Sidan finns inte', forbidden: 'Du har inte tillgång till den här sidan', offline: 'Kan inte nå servern' },
  en: { notFound: 'The page does not exist', forbidden: 'You do not have access to this page', offline: 'Cannot reach the server' },
});

export const date = defineArea({
  da: { hint: 'Dato som 31.03.2025', invalid: 'Skriv datoen som 31.03.2025' },
  sv: { hint: 'Datum som 2025-03-31', invalid: 'Skriv datumet som 2025-03-31' },
  en: { hint: 'Date as 2025-03-31', invalid: 'Write the date as 2025-03-31' },
});

export const footer = defineArea({
  da: { accessibility: 'Tilgængelighedserklæring' },
  sv: { accessibility: 'Tillgänglighetsredogörelse' },
  en: { accessibility: 'Accessibility statement' },
});
