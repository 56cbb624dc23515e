import { departmentRoles } from '../../access/service.js';
import { parseGrant, type CodedGrant } from '../../access/coded-grant.js';

export { parseGrant, type CodedGrant };

/** Checks the configured role map once at start, so a typo fails the boot instead of silently granting nothing. */
export function validateRoleMap(map: Record<string, string>): void {
  const bad = Object.entries(map).filter(([, grant]) => !parseGrant(grant));
  if (bad.length) {
    throw new Error(
      `TILSYN_SSO_ROLE_MAP: not a grant (role or role:DEPARTMENTCODE; ${[...departmentRoles].join(' and ')} need a department, the others must not have one): ` +
        bad.map(([k, v]) => `${JSON.stringify(k)} → ${JSON.stringify(v)}`).join(', '),
    );
  }
}

/**
 * The grants that claim/attribute values stand for: a mapped value through the map, otherwise the
 * value itself when it already is a grant string. Returns the grants and the values that meant
 * nothing (for the debug log).
 */
export function grantsFromValues(values: readonly string[], map: Record<string, string>): { grants: CodedGrant[]; ignored: string[] } {
  const grants: CodedGrant[] = [];
  const ignored: string[] = [];
  const seen = new Set<string>();
  for (const value of values) {
    const grant = parseGrant(Object.hasOwn(map, value) ? map[value]! : value);
    if (!grant) {
      ignored.push(value);
      continue;
    }
    const key = `${grant.role}:${grant.departmentCode ?? ''}`;
    if (!seen.has(key)) {
      seen.add(key);
      grants.push(grant);
    }
  }
  return { grants, ignored };
}

/** A claim or attribute as a list of strings: IdPs send one value as a string and several as an array. */
export function stringValues(raw: unknown): string[] {
  if (typeof raw === 'string') return [raw];
  if (Array.isArray(raw)) return raw.filter((v): v is string => typeof v === 'string');
  return [];
}
