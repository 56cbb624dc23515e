import type { Locale, Vocabulary } from '../domain/i18n.js';
import type { Role } from './db/schema/values.js';

/** A role held municipality-wide (departmentId null) or in one department. */
export interface RoleGrant {
  role: Role;
  departmentId: string | null;
}

/** How the actor proved who it is: a browser session, an API token, or the local CLI / system. */
export type Via = 'session' | 'token' | 'cli' | 'system';

/**
 * Who is acting, and for which municipality. Every service call takes one; the municipality id
 * comes from the authenticated user, never from the request, so no query can reach another tenant.
 */
export interface Actor {
  /** Null only for commands the system runs itself (seeding, the CLI's first admin). */
  userId: string | null;
  municipalityId: string;
  /** Language the user reads (Accept-Language, else the municipality's). */
  locale: Locale;
  /** The municipality's own language: decides text-search stemming and document defaults. */
  language: Locale;
  vocabulary: Vocabulary;
  /** The municipality's IANA time zone. */
  timeZone: string;
  /** The municipality's local date (YYYY-MM-DD) when the request began, from the injected clock. */
  today: string;
  roles: RoleGrant[];
  via: Via;
  /** An API token's scopes; a session or the CLI may do whatever its roles allow. */
  scopes: readonly ('read' | 'write')[] | null;
}

/** The municipality as the operator of the installation acts for it: an administrator without a user id (seeding, the CLI, a run whose starter is gone). */
export function operatorActor(
  m: { id: string; language: Locale; vocabulary: Vocabulary; timeZone: string },
  today: string,
  via: Extract<Via, 'cli' | 'system'>,
): Actor {
  return {
    userId: null,
    municipalityId: m.id,
    locale: m.language,
    language: m.language,
    vocabulary: m.vocabulary,
    timeZone: m.timeZone,
    today,
    roles: [{ role: 'admin', departmentId: null }],
    via,
    scopes: null,
  };
}
