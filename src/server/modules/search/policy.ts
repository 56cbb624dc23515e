import type { Actor } from '../../context.js';
import { visibilityOf } from '../access/visibility.js';

/**
 * Anyone signed in may search; what they find is what they may read elsewhere: confidential
 * findings (and their plans and measures) only for those who see confidential material.
 */
export const searchPolicy = {
  includesConfidential: (actor: Actor) => visibilityOf(actor).confidential,
};
