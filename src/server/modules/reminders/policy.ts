import type { Actor } from '../../context.js';
import { allow, isCentral } from '../access/grants.js';
import { visibilityOf } from '../access/visibility.js';

/**
 * Reminder settings and round schedules are central coordination's (and the administrators'):
 * everyone on staff may read them, they change them. Who was reminded of what is internal
 * working material, like the finding's change history: staff read it, readers do not.
 */
export const remindersPolicy = {
  read: (actor: Actor) => allow(visibilityOf(actor).internal),
  mayManage: (actor: Actor) => isCentral(actor),
  manage: (actor: Actor) => allow(isCentral(actor)),
};
