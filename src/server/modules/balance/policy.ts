import type { Actor } from '../../context.js';
import { allow, coordinates, isAuditor, isCentral, isStaff } from '../access/grants.js';

/**
 * Who may do what in the balance register (no new role was needed):
 * - read (chart, accounts, reconciliations, system reconciliations): staff; readers (politicians,
 *   the public) see the annual report, not the working register;
 * - the chart of accounts, the accounts and the settings: central coordination (and admin);
 * - prepare a reconciliation (enter balance, category, items; sign off; reopen) and record system
 *   reconciliations: the coordinator of the account's (system's) department, or central coordination;
 * - approve a signed-off reconciliation: central coordination or an auditor, and never the user who
 *   signed it off (segregation of duties, checked in the service and by a database constraint).
 */
export const balancePolicy = {
  read: (actor: Actor) => allow(isStaff(actor)),
  manage: (actor: Actor) => allow(isCentral(actor)),
  prepare: (actor: Actor, departmentId: string) => allow(coordinates(actor, departmentId)),
  review: (actor: Actor) => allow(isCentral(actor) || isAuditor(actor)),
};
