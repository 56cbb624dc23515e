import type { Locale } from '../../domain/i18n.js';

/** One invalid field of a request, named by its path (`body.measures.0.deadline`). */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

type Localized = Record<Locale, string>;

const titles = {
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
} satisfies Record<string, Localized>;

export type ProblemCode = keyof typeof titles;

/**
 * An error that becomes an RFC 9457 problem+json response. Thrown by services and routes; the
 * app's error handler renders it in the request's language.
 */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    readonly detail: Localized | string | null = null,
    readonly errors: FieldError[] = [],
    /** Extra members, e.g. the current representation on a version conflict. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(typeof detail === 'string' ? detail : (detail?.en ?? code));
    this.name = 'Problem';
  }

  title(locale: Locale): string {
    return titles[this.code][locale];
  }

  detailText(locale: Locale): string | undefined {
    if (this.detail === null) return undefined;
    return typeof this.detail === 'string' ? this.detail : this.detail[locale];
  }
}

/** 404 for a resource of this municipality; another municipality's ids answer the same way. */
export function notFound(resource: string, id: string): Problem {
  return new Problem(404, 'notFound', {
    da: `Findes ikke: ${resource} ${id}`,
    sv: `Finns inte: ${resource} ${id}`,
    en: `Not found: ${resource} ${id}`,
  });
}

/** 422: the request is well-formed but breaks a rule; each broken field is named. */
export function invalid(errors: FieldError[]): Problem {
  return new Problem(422, 'validation', null, errors);
}

export function invalidField(field: string, code: string, message: Localized, locale: Locale): Problem {
  return invalid([{ field, code, message: message[locale] }]);
}

export function conflict(detail: Localized, errors: FieldError[] = []): Problem {
  return new Problem(409, 'conflict', detail, errors);
}

export function versionConflict(current: unknown, currentVersion: number): Problem {
  return new Problem(409, 'versionConflict', null, [], { currentVersion, current });
}
