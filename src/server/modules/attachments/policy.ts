import type { Actor } from '../../context.js';
import { allow, holdsIn, isCentral, isStaff } from '../access/grants.js';
import { visibilityOf } from '../access/visibility.js';

/**
 * Comments and evidence are internal working material: staff read them, readers do not. Anyone
 * on the staff may comment (auditors too); only a comment's author edits or deletes it. Evidence
 * comes from those who answer for the target: the department's coordinator, the measure's owner,
 * or central coordination; the uploader or central coordination may remove it.
 */
export const attachmentPolicy = {
  read: (actor: Actor) => allow(visibilityOf(actor).internal),
  comment: (actor: Actor) => allow(isStaff(actor)),
  addEvidence(actor: Actor, target: { departmentIds: string[]; ownerUserId: string | null }) {
    const coordinator = target.departmentIds.some((d) => holdsIn(actor, 'departmentCoordinator', d));
    const owner = target.ownerUserId !== null && target.ownerUserId === actor.userId && target.departmentIds.some((d) => holdsIn(actor, 'measureOwner', d));
    allow(isCentral(actor) || coordinator || owner);
  },
  /** The uploader only while on the staff: a user who is now only a reader no longer touches internal material. */
  deleteEvidence: (actor: Actor, evidence: { createdBy: string | null }) =>
    allow(isCentral(actor) || (isStaff(actor) && evidence.createdBy !== null && evidence.createdBy === actor.userId)),
};
