import type { Actor } from '../../context.js';
import { allow, isCentral, isStaff } from '../access/grants.js';

/**
 * Who may do what with the risk model (no new role): staff read runs, results, the back-test and the
 * reconciliation calendar; central coordination (and admins) run the model, apply a run and link
 * accounts to findings, since a run and its application change every department's accounts at once.
 */
export const riskPolicy = {
  read: (actor: Actor) => allow(isStaff(actor)),
  run: (actor: Actor) => allow(isCentral(actor)),
};
