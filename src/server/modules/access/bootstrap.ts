import { and, count, eq, sql } from 'drizzle-orm';
import type { Engine } from '../../db/engine.js';
import { departments, municipalities, users, type Role, roles } from '../../db/schema/index.js';
import { runCommand } from '../../unit-of-work.js';
import { authWrites } from '../auth/reads.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../auth/secrets.js';
import { accessRepository } from './repository.js';
import { departmentRoles } from './service.js';

export interface LocalUserInput {
  email: string;
  name?: string | undefined;
  password: string;
  role: Role;
  /** Department code, for department roles. */
  department?: string | undefined;
  /** Municipality slug; may be left out when the installation has exactly one (or none yet). */
  municipality?: string | undefined;
}

export class UserSetupError extends Error {}

/** The checks that need no database, so the CLI can refuse before opening one. */
export function checkLocalUserInput(input: Pick<LocalUserInput, 'role' | 'password' | 'department'>): void {
  if (!roles.includes(input.role)) throw new UserSetupError(`Unknown role ${input.role}; choose one of ${roles.join(', ')}`);
  if (input.password.length < MIN_PASSWORD_LENGTH) throw new UserSetupError(`The password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  if (departmentRoles.has(input.role) !== Boolean(input.department)) {
    throw new UserSetupError(
      departmentRoles.has(input.role) ? `${input.role} needs --department CODE` : `${input.role} is municipality-wide; leave out --department`,
    );
  }
}

/**
 * Creates a local user with a password and one role, outside any session: the first
 * administrator (`tilsyn user add`, or TILSYN_ADMIN_EMAIL/TILSYN_ADMIN_PASSWORD at start). On a
 * database without municipalities it creates the municipality too (Danish defaults; an
 * administrator changes them under Settings); on any other it refuses an unknown one. The command is audited with no acting user and
 * `via: 'cli'`.
 */
export async function addLocalUser(engine: Engine, input: LocalUserInput): Promise<{ userId: string; municipalityId: string; createdMunicipality: boolean }> {
  const db = engine.db;
  checkLocalUserInput(input);
  const all = await db.select({ id: municipalities.id, slug: municipalities.slug }).from(municipalities);
  let municipality = input.municipality ? all.find((m) => m.slug === input.municipality) : all.length === 1 ? all[0] : undefined;
  if (!municipality && all.length > 0 && !input.municipality) throw new UserSetupError(`Name the municipality (${all.map((m) => m.slug).join(', ')})`);
  // A new tenant only on an empty database: elsewhere an unknown slug is a typo more often than a
  // new municipality, which `tilsyn municipality add` creates with its settings and administrator.
  if (!municipality && all.length > 0) {
    throw new UserSetupError(
      `No municipality "${input.municipality}" (there are: ${all.map((m) => m.slug).join(', ')}). A new municipality is created with: tilsyn municipality add --slug ${input.municipality} --name <name> --admin-email <address>`,
    );
  }
  const passwordHash = await hashPassword(input.password);
  let createdMunicipality = false;
  if (!municipality) {
    const slug = input.municipality ?? 'kommune';
    if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(slug)) throw new UserSetupError('A municipality slug is lower-case letters, digits and hyphens');
    const [row] = await db
      .insert(municipalities)
      .values({ slug, name: slug, language: 'da', vocabulary: 'DK', currency: 'DKK' })
      .returning({ id: municipalities.id, slug: municipalities.slug });
    municipality = row!;
    createdMunicipality = true;
  }
  const mid = municipality.id;
  let departmentId: string | null = null;
  if (input.department) {
    const [d] = await db
      .select({ id: departments.id })
      .from(departments)
      .where(and(eq(departments.municipalityId, mid), eq(departments.code, input.department)));
    if (!d) throw new UserSetupError(`No department ${input.department} in ${municipality.slug}`);
    departmentId = d.id;
  }
  const [existing] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.municipalityId, mid), sql`lower(${users.email}) = lower(${input.email})`));
  if (existing && existing.n > 0) throw new UserSetupError(`${input.email} already has an account in ${municipality.slug}`);
  const userId = await runCommand(db, { municipalityId: mid, userId: null, via: 'cli' }, async (tx, changes) => {
    const [u] = await tx
      .insert(users)
      .values({ municipalityId: mid, name: input.name ?? input.email, email: input.email })
      .returning();
    await accessRepository.replaceRoles(tx, mid, u!.id, [{ role: input.role, departmentId }], 'local');
    await authWrites.upsertCredentials(tx, mid, u!.id, { passwordHash, passwordChangedAt: new Date() });
    await changes.record({ resource: 'user', resourceId: u!.id, action: 'create', after: { ...u, roles: [{ role: input.role, departmentId }] } });
    return u!.id;
  });
  return { userId, municipalityId: mid, createdMunicipality };
}

/** TILSYN_ADMIN_EMAIL/PASSWORD: the first administrator, only when the database has no users at all. */
export async function bootstrapAdmin(engine: Engine, admin: { email: string; password: string; municipality: string | null }): Promise<boolean> {
  const [row] = await engine.db.select({ n: count() }).from(users);
  if ((row?.n ?? 0) > 0) return false;
  await addLocalUser(engine, {
    email: admin.email,
    password: admin.password,
    role: 'admin',
    municipality: admin.municipality ?? undefined,
    name: 'Administrator',
  });
  return true;
}
