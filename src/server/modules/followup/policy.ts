import type { Actor } from '../../context.js';
import { allow, coordinates, holdsIn, isCentral } from '../access/grants.js';
import { visibilityOf } from '../access/visibility.js';

/**
 * Who may do what in a follow-up round. Central coordination opens, edits and closes rounds and
 * reviews submissions; a department's coordinator answers and submits its department's part; a
 * measure owner answers the status of the measures assigned to them, and nothing else.
 */
export const followupPolicy = {
  manageRounds: (actor: Actor) => allow(isCentral(actor)),
  /** Submissions and their entries are internal working material, not for readers. */
  readSubmissions: (actor: Actor) => allow(visibilityOf(actor).internal),
  answer: (actor: Actor, departmentId: string, measure: { ownerUserId: string | null }) =>
    allow(coordinates(actor, departmentId) || (holdsIn(actor, 'measureOwner', departmentId) && measure.ownerUserId !== null && measure.ownerUserId === actor.userId)),
  submit: (actor: Actor, departmentId: string) => allow(coordinates(actor, departmentId)),
  review: (actor: Actor) => allow(isCentral(actor)),
};
