import type { Actor } from '../../context.js';
import { allow, has } from '../access/grants.js';

/**
 * The municipality's own settings (name, language, vocabulary, currency, time zone, who may see
 * personal data): everyone signed in reads them (the app needs the language and vocabulary), only
 * an administrator changes them.
 */
export const municipalityPolicy = {
  mayUpdate: (actor: Actor) => has(actor, 'admin'),
  update: (actor: Actor) => allow(has(actor, 'admin')),
  /** The commands the caller may take on the settings now, for the page's buttons. */
  actions: (actor: Actor) => ({ update: has(actor, 'admin') }),
};
