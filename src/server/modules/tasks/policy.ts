import type { Actor } from '../../context.js';
import { allow } from '../access/grants.js';

/**
 * Who may ask what waits for them: every signed-in user, whatever the role; each sees only what
 * is theirs (the service loads by their grants and the domain picks by role). The CLI and the
 * system act for no person and have no tasks.
 */
export const tasksPolicy = {
  read: (actor: Actor) => allow(actor.userId !== null),
};
