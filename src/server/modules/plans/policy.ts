import type { Actor } from '../../context.js';
import { allow, coordinates, isCentral } from '../access/grants.js';

/**
 * Who may do what to action plans. A plan belongs to one department (a cross-cutting plan to the
 * coordinating one): its coordinator writes, reorders and submits it, and central coordination
 * may too; only central coordination returns or records an approval, so whoever submits a plan
 * cannot also approve it. Auditors and readers never edit plans.
 */
export const planPolicy = {
  write: (actor: Actor, departmentId: string) => allow(coordinates(actor, departmentId)),
  review: (actor: Actor) => allow(isCentral(actor)),
};
