import type { Actor } from '../../context.js';
import { allow } from '../access/grants.js';

/**
 * A person's notifications and e-mail choices are theirs alone: every signed-in user reads and
 * marks their own (the repository filters by the caller), whatever the role. The CLI and the
 * system act for no person and have none.
 */
export const notificationsPolicy = {
  own: (actor: Actor) => allow(actor.userId !== null),
};
