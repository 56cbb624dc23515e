import type { Actor } from '../../context.js';
import type { PersonalDataRole } from '../../db/schema/values.js';
import { allow, coordinates, holdsIn, isCentral, isStaff } from '../access/grants.js';

/**
 * Whether the actor holds one of the roles the municipality lets see personal data: the
 * municipality-wide roles anywhere, the department roles only in the system's department.
 */
function seesPersonalData(actor: Actor, departmentId: string, allowed: readonly PersonalDataRole[]): boolean {
  return allowed.some((role) => holdsIn(actor, role, role === 'departmentCoordinator' || role === 'measureOwner' ? departmentId : null));
}

/**
 * Who may do what with the matching engine (no new role):
 * - read systems, runs, items (CPR masked), suggestions and results files: staff, as the balance
 *   register; readers see the system reconciliations in the annual report only;
 * - set up a system (its rules and source layouts): central coordination;
 * - run a system's matching, decide its suggestions and match manually: the coordinator of the
 *   system's department, or central coordination — the same people who record its system
 *   reconciliation;
 * - see a CPR number unmasked: the roles the municipality's administrator allows under "who may
 *   see personal data" (`municipalities.personal_data_roles`; by default the people above), each
 *   time logged in the audit trail. Readers never.
 */
export const matchingPolicy = {
  read: (actor: Actor) => allow(isStaff(actor)),
  manage: (actor: Actor) => allow(isCentral(actor)),
  run: (actor: Actor, departmentId: string) => allow(coordinates(actor, departmentId)),
  canUnmask: (actor: Actor, departmentId: string, allowed: readonly PersonalDataRole[]) => seesPersonalData(actor, departmentId, allowed),
  unmask: (actor: Actor, departmentId: string, allowed: readonly PersonalDataRole[]) => allow(seesPersonalData(actor, departmentId, allowed)),
};
