import type { Actor } from '../../context.js';
import { allow, coordinates, isAuditor, isCentral } from '../access/grants.js';
import type { FindingState } from './state.js';

/** Who may do what to audit reports and findings. Reading is governed by access/visibility. */
export const findingPolicy = {
  /** Central coordination registers reports and findings and records council decisions. */
  manage: (actor: Actor) => allow(isCentral(actor)),

  /**
   * Manual moves of a department's part: the department (or central) proposes closure; only the
   * auditor closes, and the auditor or central reopens; central marks a part assigned.
   */
  changeState(actor: Actor, departmentId: string, to: FindingState) {
    switch (to) {
      case 'closed':
        return allow(isAuditor(actor));
      case 'closureProposed':
        return allow(coordinates(actor, departmentId));
      case 'inProgress':
        return allow(isAuditor(actor) || isCentral(actor));
      default:
        return allow(isCentral(actor));
    }
  },

  /** Year rollover belongs to central coordination. */
  carryOver: (actor: Actor) => allow(isCentral(actor)),
};
