import type { Actor } from '../../context.js';
import type { Edition } from '../../documents/model.js';
import { allow } from '../access/grants.js';
import { visibilityOf } from '../access/visibility.js';

/**
 * Who may have which document. Every signed-in user may have the public edition (it holds what a
 * reader may see anyway); the internal edition, with confidential findings and unapproved plans,
 * is for staff only.
 */
export const documentsPolicy = {
  read: (_actor: Actor) => allow(true),
  edition: (actor: Actor, edition: Edition) => allow(edition === 'public' || visibilityOf(actor).confidential),
};
