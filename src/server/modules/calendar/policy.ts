import type { Actor } from '../../context.js';
import { allow, departmentsWith, has, isAuditor, isCentral } from '../access/grants.js';
import { visibilityOf } from '../access/visibility.js';
import type { EventScope } from './repository.js';

/** Municipality-wide roles read every department: central coordination, auditors and readers. */
const readsEveryDepartment = (actor: Actor) => isCentral(actor) || isAuditor(actor) || has(actor, 'reader');

/**
 * The departments the actor may read as a department: all of them ('all') for municipality-wide
 * roles, else those where it coordinates or owns measures.
 */
export function readableDepartments(actor: Actor): string[] | 'all' {
  if (readsEveryDepartment(actor)) return 'all';
  const coordinated = departmentsWith(actor, 'departmentCoordinator');
  const owned = departmentsWith(actor, 'measureOwner');
  if (coordinated === 'all' || owned === 'all') return 'all';
  return [...new Set([...coordinated, ...owned])];
}

/**
 * Who may have calendar feeds: every signed-in person has their own, and a department feed only
 * of a department they may read. A feed shows what its owner may see when it is fetched, so a
 * lost role empties (or, for a department, ends) it without anyone revoking it.
 */
export const calendarPolicy = {
  own: (actor: Actor) => allow(actor.userId !== null),

  mayReadDepartment(actor: Actor, departmentId: string): boolean {
    const readable = readableDepartments(actor);
    return readable === 'all' || readable.includes(departmentId);
  },

  /**
   * A user feed: what concerns the person. Municipality-wide roles see every department (readers
   * only what readers see), a department coordinator its departments, a measure owner the measures
   * it owns.
   */
  userScope(actor: Actor): EventScope {
    const publicOnly = !visibilityOf(actor).confidential;
    const coordinated = departmentsWith(actor, 'departmentCoordinator');
    const departmentIds = readsEveryDepartment(actor) || coordinated === 'all' ? null : coordinated;
    return { departmentIds, ownerUserId: has(actor, 'measureOwner') ? actor.userId : null, publicOnly };
  },

  /** A department feed: the department's deadlines, as the owner may see them. */
  departmentScope(actor: Actor, departmentId: string): EventScope {
    return { departmentIds: [departmentId], ownerUserId: null, publicOnly: !visibilityOf(actor).confidential };
  },

  /** Rounds are internal: readers get none. Central coordination and auditors follow a round as a whole. */
  roundsAsWhole: (actor: Actor) => isCentral(actor) || isAuditor(actor),
};
