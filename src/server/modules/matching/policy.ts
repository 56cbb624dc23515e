import type { Actor } from '../../context.js';
import { allow, coordinates, isCentral, isStaff } from '../access/grants.js';

/**
 * Who may do what with the matching engine (no new role):
 * - read systems, runs, items (CPR masked), suggestions and results files: staff, as the balance
 *   register; readers see the system reconciliations in the annual report only;
 * - set up a system (its rules and source layouts): central coordination;
 * - run a system's matching, decide its suggestions and match manually: the coordinator of the
 *   system's department, or central coordination — the same people who record its system
 *   reconciliation;
 * - see a CPR number unmasked: the same people, each time logged in the audit trail. Auditors and
 *   other departments explain nothing down to the citizen, so they see `010190-****`.
 */
export const matchingPolicy = {
  read: (actor: Actor) => allow(isStaff(actor)),
  manage: (actor: Actor) => allow(isCentral(actor)),
  run: (actor: Actor, departmentId: string) => allow(coordinates(actor, departmentId)),
  canUnmask: (actor: Actor, departmentId: string) => coordinates(actor, departmentId),
  unmask: (actor: Actor, departmentId: string) => allow(coordinates(actor, departmentId)),
};
