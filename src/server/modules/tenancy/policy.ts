import type { Actor } from '../../context.js';
import { allow, has, isCentral, isStaff } from '../access/grants.js';

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

/**
 * The registers' permissions: departments and committees are read by everyone (readers need the
 * names) and changed by administrators; the user list is for staff (and each user's own row);
 * meetings are read by everyone and recorded by central coordination.
 */
export const everyoneReadsAdminWrites = { read: () => true, write: (a: Actor) => has(a, 'admin') };
export const usersPolicy = { read: (a: Actor, id: string | null) => isStaff(a) || (id !== null && id === a.userId), write: (a: Actor) => has(a, 'admin') };
export const meetingsPolicy = { read: () => true, write: (a: Actor) => isCentral(a) };
