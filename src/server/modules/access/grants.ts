import type { Actor } from '../../context.js';
import type { Role } from '../../db/schema/values.js';
import { detail, Problem } from '../../http/problem.js';

/**
 * Questions about an actor's roles, shared by every module's policy. Department-scoped roles
 * count only in their department; municipality-wide grants (departmentId null) count everywhere.
 */
export const has = (actor: Actor, role: Role) => actor.roles.some((g) => g.role === role);

/** Admin and central coordinator see and manage everything of the municipality. */
export const isCentral = (actor: Actor) => has(actor, 'admin') || has(actor, 'centralCoordinator');

export const isAuditor = (actor: Actor) => has(actor, 'auditor');

/** Readers only (politicians, the public): approved, non-confidential material. */
export const isReaderOnly = (actor: Actor) => actor.roles.length > 0 && actor.roles.every((g) => g.role === 'reader');

/** Staff: anyone with a role other than reader; they read the municipality's internal material. */
export const isStaff = (actor: Actor) => actor.roles.some((g) => g.role !== 'reader');

/** Holds `role` in the department (or municipality-wide). */
export function holdsIn(actor: Actor, role: Role, departmentId: string | null): boolean {
  return actor.roles.some((g) => g.role === role && (g.departmentId === null || g.departmentId === departmentId));
}

/** Departments where the actor holds `role`; 'all' for a municipality-wide grant. */
export function departmentsWith(actor: Actor, role: Role): string[] | 'all' {
  const grants = actor.roles.filter((g) => g.role === role);
  if (grants.some((g) => g.departmentId === null)) return 'all';
  return grants.map((g) => g.departmentId!);
}

/** Department coordinator of the department, or central. */
export const coordinates = (actor: Actor, departmentId: string | null) =>
  isCentral(actor) || (departmentId !== null && holdsIn(actor, 'departmentCoordinator', departmentId));

/** Any department role (coordinator or measure owner) in one of the departments. */
export function worksIn(actor: Actor, departmentIds: readonly string[]): boolean {
  return actor.roles.some(
    (g) => (g.role === 'departmentCoordinator' || g.role === 'measureOwner') && (g.departmentId === null || departmentIds.includes(g.departmentId)),
  );
}

export function forbidden(): Problem {
  return new Problem(403, 'forbidden', detail('access.forbidden'));
}

/** Throws 403 unless the rule holds. (A token's read/write scope is enforced per request in http/actor.) */
export function allow(condition: boolean): void {
  if (!condition) throw forbidden();
}

/** The acting user's id, for the rows that must name a person (approvals, acceptances). */
export function userOf(actor: Actor): string {
  if (!actor.userId) throw forbidden();
  return actor.userId;
}
