import type { Actor } from '../../context.js';
import { allow, has } from '../access/grants.js';

/**
 * The delivery log names recipients and subjects of the whole municipality, and a test mail goes
 * to any address: administrators only. Unsubscribing needs no sign-in (a signed link).
 */
export const mailPolicy = {
  administer: (actor: Actor) => allow(has(actor, 'admin')),
};
