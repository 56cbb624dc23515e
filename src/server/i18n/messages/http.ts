import { defineMessages } from '../catalogue.js';

/** The titles of the problem kinds (problem+json `title`) and the messages every module shares. */
export const problemTitles = defineMessages({
  badRequest: { da: 'Ugyldig forespørgsel', sv: 'Ogiltig begäran', en: 'Bad request' },
  unauthenticated: { da: 'Ikke logget ind', sv: 'Inte inloggad', en: 'Not signed in' },
  forbidden: { da: 'Ikke tilladt', sv: 'Inte tillåtet', en: 'Forbidden' },
  notFound: { da: 'Findes ikke', sv: 'Finns inte', en: 'Not found' },
  conflict: { da: 'Konflikt', sv: 'Konflikt', en: 'Conflict' },
  versionConflict: {
    da: 'Ressourcen er ændret af en anden siden du hentede den',
    sv: 'Resursen har ändrats av någon annan sedan du hämtade den',
    en: 'The resource was changed by someone else since you loaded it',
  },
  preconditionRequired: {
    da: 'If-Match-header med ressourcens ETag mangler',
    sv: 'If-Match-huvud med resursens ETag saknas',
    en: 'An If-Match header with the resource ETag is required',
  },
  payloadTooLarge: { da: 'Filen er for stor', sv: 'Filen är för stor', en: 'The file is too large' },
  unsupportedMediaType: { da: 'Filtypen er ikke tilladt', sv: 'Filtypen är inte tillåten', en: 'The file type is not allowed' },
  validation: { da: 'Ugyldige data', sv: 'Ogiltiga uppgifter', en: 'Invalid data' },
  locked: { da: 'Låst', sv: 'Låst', en: 'Locked' },
  tooManyRequests: { da: 'For mange forespørgsler', sv: 'För många förfrågningar', en: 'Too many requests' },
  internal: { da: 'Der opstod en fejl', sv: 'Ett fel uppstod', en: 'An error occurred' },
  notConfigured: { da: 'Ikke sat op på denne server', sv: 'Inte konfigurerat på denna server', en: 'Not configured on this server' },
});

export const httpMessages = defineMessages({
  'resource.notFound': { da: 'Findes ikke: {resource} {id}', sv: 'Finns inte: {resource} {id}', en: 'Not found: {resource} {id}' },
  concurrentChange: { da: 'Samtidig ændring; prøv igen', sv: 'Samtidig ändring; försök igen', en: 'Concurrent change; try again' },
});
