import type { Actor } from '../../context.js';
import { allow, isStaff } from '../access/grants.js';

/**
 * Who may read the annual balance report computed from the register: staff, as for the balance
 * register itself (balance/policy.ts). Readers (politicians, the public) get the published report
 * document, not the working register it is computed from.
 */
export const balanceReportPolicy = {
  read: (actor: Actor) => allow(isStaff(actor)),
};
