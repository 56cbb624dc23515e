import { randomBytes, randomUUID } from 'node:crypto';
import { defaultTimeZone, isTimeZone } from '../../clock.js';
import type { Engine } from '../../db/engine.js';
import { municipalities, users } from '../../db/schema/index.js';
import { runCommand } from '../../unit-of-work.js';
import { accessWrites } from '../access/reads.js';
import { authWrites } from '../auth/reads.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../auth/secrets.js';
import { pgError } from '../../http/errors.js';
import { municipalityRepository } from './repository.js';

export interface NewMunicipalityInput {
  slug: string;
  name: string;
  vocabulary: 'DK' | 'SE';
  /** Defaults by vocabulary: sv for SE, da for DK. */
  language?: 'da' | 'sv' | 'en' | undefined;
  /** Defaults by vocabulary: SEK for SE, DKK for DK. */
  currency?: 'DKK' | 'SEK' | undefined;
  /** Defaults by vocabulary: Europe/Stockholm or Europe/Copenhagen. */
  timeZone?: string | undefined;
  adminEmail: string;
  adminName?: string | undefined;
  /** Left out: one is generated and returned, to be handed to the administrator once. */
  adminPassword?: string | undefined;
}

export interface NewMunicipality {
  municipalityId: string;
  userId: string;
  slug: string;
  language: 'da' | 'sv' | 'en';
  currency: 'DKK' | 'SEK';
  timeZone: string;
  /** The password made for the administrator, when none was given. */
  generatedPassword: string | null;
}

/** A refusal the operator can act on (the CLI shows it as a usage error). */
export class MunicipalitySetupError extends Error {}

export const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** The checks that need no database, so the CLI refuses before opening one. */
export function checkNewMunicipality(input: NewMunicipalityInput): void {
  if (!SLUG.test(input.slug)) throw new MunicipalitySetupError('--slug is lower-case letters, digits and hyphens (e.g. exempelstad)');
  if (!input.name.trim() || input.name.length > 200) throw new MunicipalitySetupError("--name is the municipality's name (at most 200 characters)");
  if (!EMAIL.test(input.adminEmail) || input.adminEmail.length > 254) throw new MunicipalitySetupError('--admin-email must be an e-mail address');
  if (input.timeZone !== undefined && !isTimeZone(input.timeZone))
    throw new MunicipalitySetupError(`unknown time zone "${input.timeZone}" (an IANA zone such as Europe/Stockholm)`);
  if (input.adminPassword !== undefined && input.adminPassword.length < MIN_PASSWORD_LENGTH)
    throw new MunicipalitySetupError(`the administrator's password needs at least ${MIN_PASSWORD_LENGTH} characters`);
}

/**
 * A new municipality and its first administrator, in one audited transaction (the municipality's
 * chain starts with it; no acting user, `via: cli`): the operator's way to set up a tenant.
 * Language, currency and time zone follow the vocabulary unless given.
 */
export async function addMunicipality(engine: Engine, input: NewMunicipalityInput): Promise<NewMunicipality> {
  checkNewMunicipality(input);
  const db = engine.db;
  if (await municipalityRepository.bySlug(db, input.slug)) throw new MunicipalitySetupError(`a municipality "${input.slug}" already exists`);
  const se = input.vocabulary === 'SE';
  const language = input.language ?? (se ? 'sv' : 'da');
  const currency = input.currency ?? (se ? 'SEK' : 'DKK');
  const timeZone = input.timeZone ?? defaultTimeZone(input.vocabulary);
  // 18 random bytes: 24 characters, well above the minimum, easy to copy (no padding, URL-safe).
  const generatedPassword = input.adminPassword === undefined ? randomBytes(18).toString('base64url') : null;
  const passwordHash = await hashPassword(input.adminPassword ?? generatedPassword!);
  const mid = randomUUID();
  const userId = await guardSlugRace(input.slug, () =>
    runCommand(db, { municipalityId: mid, userId: null, via: 'cli' }, async (tx, changes) => {
      const [m] = await tx
        .insert(municipalities)
        .values({ id: mid, slug: input.slug, name: input.name.trim(), language, vocabulary: input.vocabulary, currency, timeZone })
        .returning();
      await changes.record({ resource: 'municipality', resourceId: mid, action: 'create', after: m });
      const [u] = await tx
        .insert(users)
        .values({ municipalityId: mid, name: input.adminName?.trim() || input.adminEmail, email: input.adminEmail })
        .returning();
      const grants = [{ role: 'admin' as const, departmentId: null }];
      await accessWrites.replaceRoles(tx, mid, u!.id, grants, 'local');
      await authWrites.upsertCredentials(tx, mid, u!.id, { passwordHash, passwordChangedAt: new Date() });
      await changes.record({ resource: 'user', resourceId: u!.id, action: 'create', after: { ...u, roles: grants } });
      return u!.id;
    }),
  );
  return { municipalityId: mid, userId, slug: input.slug, language, currency, timeZone, generatedPassword };
}

/** Two operators adding the same slug at once: the unique index decides, and the loser hears why. */
async function guardSlugRace<T>(slug: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (pgError(err)?.code === '23505') throw new MunicipalitySetupError(`a municipality "${slug}" already exists`);
    throw err;
  }
}
