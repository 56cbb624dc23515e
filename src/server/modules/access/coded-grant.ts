import { roles, type Role } from '../../db/schema/values.js';
import { departmentRoles } from './service.js';

/** A grant named by department code, before the code is resolved to the municipality's department id. */
export interface CodedGrant {
  role: Role;
  departmentCode: string | null;
}

const roleSet = new Set<string>(roles);

/**
 * Parses `role` or `role:DEPARTMENTCODE`. Department roles need a code and the municipality-wide
 * ones must not have one, the same rule administrators are held to; anything else is null.
 */
export function parseGrant(value: string): CodedGrant | null {
  const at = value.indexOf(':');
  const role = at < 0 ? value : value.slice(0, at);
  const code = at < 0 ? null : value.slice(at + 1).trim();
  if (!roleSet.has(role)) return null;
  const r = role as Role;
  if (departmentRoles.has(r) !== Boolean(code)) return null;
  return { role: r, departmentCode: code || null };
}
