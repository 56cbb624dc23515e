import type { Actor } from '../../context.js';
import { allow } from '../access/grants.js';

/** What the account page needs to know about the caller's credentials. */
export interface CredentialState {
  hasPassword: boolean;
  totp: 'off' | 'pending' | 'on';
  /** Whether the server can seal a TOTP seed (TILSYN_ENCRYPTION_KEY). */
  canSeal: boolean;
}

/**
 * One's own account. Credentials belong to the person at the keyboard, so changing them takes a
 * browser session, never an integration's token; a second factor guards a password sign-in (with
 * single sign-on the identity provider does it), so it needs a password.
 */
export const accountPolicy = {
  actions(actor: Actor, c: CredentialState) {
    const session = actor.via === 'session' && actor.userId !== null;
    return {
      update: actor.userId !== null,
      changePassword: session && c.hasPassword,
      setUpTotp: session && c.hasPassword && c.canSeal,
      enableTotp: session && c.totp === 'pending',
      disableTotp: session && c.totp !== 'off',
      signOutEverywhere: session,
      createToken: session,
    };
  },
  update: (actor: Actor) => allow(actor.userId !== null),
};
