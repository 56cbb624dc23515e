import { randomBytes } from 'node:crypto';
import { SAML, ValidateInResponseTo, type CacheProvider, type Profile } from '@node-saml/node-saml';
import type { Clock } from '../../../clock.js';
import type { SamlConfig } from '../../../config.js';

/** How long an AuthnRequest may wait for its response; also the lifetime of its sso_requests row. */
export const SAML_REQUEST_TTL_MS = 10 * 60_000;
/** Clock difference tolerated between us and the IdP. */
export const SAML_CLOCK_SKEW_MS = 30_000;

/** The store behind InResponseTo: node-saml asks it for the request ids it issued. */
export interface RequestStore {
  save(id: string): Promise<void>;
  /** When the request was made (for node-saml's age check), or null when unknown or expired. */
  issuedAt(id: string): Promise<Date | null>;
  remove(id: string): Promise<void>;
}

export interface SamlAssertion {
  profile: Profile;
  assertionId: string;
  /** Until when the assertion could be accepted, i.e. how long its id must stay in the replay cache. */
  validUntil: Date;
}

type XmlNode = { $?: Record<string, string | undefined> } & Record<string, unknown>;

function first(node: unknown, key: string): XmlNode | undefined {
  const v = (node as Record<string, unknown> | undefined)?.[key];
  return Array.isArray(v) ? (v[0] as XmlNode | undefined) : undefined;
}

/**
 * The SAML 2.0 service provider, on node-saml: signed assertions required, our entity id as the
 * audience, InResponseTo checked against the requests we made (ValidateInResponseTo.always, so
 * unsolicited responses are refused), small clock skew. node-saml checks the assertion's
 * NotBefore/NotOnOrAfter against the system clock and offers no way to pass ours; the requests'
 * lifetime and the replay cache's fallback are by the server's clock. node-saml does not compare the
 * assertion's Issuer with idpIssuer for login responses, so that check is done here.
 */
export function createSamlClient(cfg: SamlConfig, clock: Clock) {
  function saml(store: RequestStore, nextId?: string): SAML {
    const cacheProvider: CacheProvider = {
      async saveAsync(key) {
        await store.save(key);
        return { value: key, createdAt: clock.now().getTime() };
      },
      async getAsync(key) {
        const issuedAt = await store.issuedAt(key);
        if (!issuedAt) return null;
        // node-saml checks the request's age against the system clock (it takes no other); the
        // store already refused an expired one by ours, so it is given the age our clock measures.
        return new Date(Date.now() - (clock.now().getTime() - issuedAt.getTime())).toISOString();
      },
      async removeAsync(key) {
        if (key) await store.remove(key);
        return key;
      },
    };
    return new SAML({
      entryPoint: cfg.entryPoint,
      idpCert: cfg.idpCert,
      issuer: cfg.issuer,
      audience: cfg.issuer,
      idpIssuer: cfg.idpIssuer,
      callbackUrl: cfg.callbackUrl,
      wantAssertionsSigned: true,
      // Many IdPs (Entra ID's default among them) sign the assertion only; that is what we require.
      wantAuthnResponseSigned: false,
      validateInResponseTo: ValidateInResponseTo.always,
      requestIdExpirationPeriodMs: SAML_REQUEST_TTL_MS,
      acceptedClockSkewMs: SAML_CLOCK_SKEW_MS,
      // Asking for a password-protected context would refuse users who sign in another way (MFA, Kerberos).
      disableRequestedAuthnContext: true,
      identifierFormat: null,
      cacheProvider,
      ...(nextId ? { generateUniqueId: () => nextId } : {}),
    });
  }

  return {
    /** A redirect to the IdP with a new AuthnRequest; its id is saved through the store. */
    async authorizationUrl(store: RequestStore): Promise<string> {
      // XML ids must not start with a digit.
      const id = `_${randomBytes(20).toString('hex')}`;
      return saml(store, id).getAuthorizeUrlAsync('', undefined, {});
    },

    async validate(samlResponse: string, store: RequestStore): Promise<SamlAssertion> {
      const { profile } = await saml(store).validatePostResponseAsync({ SAMLResponse: samlResponse });
      if (!profile) throw new Error('no assertion in the response');
      if (profile.issuer !== cfg.idpIssuer) throw new Error(`assertion issuer is not the configured IdP (got ${JSON.stringify(profile.issuer)})`);
      const assertion = first(profile.getAssertion?.(), 'Assertion') ?? (profile.getAssertion?.() as { Assertion?: XmlNode } | undefined)?.Assertion;
      const assertionId = assertion?.$?.ID;
      if (!assertionId) throw new Error('assertion without an ID');
      const times = [
        first(assertion, 'Conditions')?.$?.NotOnOrAfter,
        first(first(first(assertion, 'Subject'), 'SubjectConfirmation'), 'SubjectConfirmationData')?.$?.NotOnOrAfter,
      ]
        .map((t) => (t ? Date.parse(t) : NaN))
        .filter((t) => Number.isFinite(t));
      // Without a NotOnOrAfter node-saml would accept the assertion indefinitely; keep its id a day.
      const validUntil = new Date((times.length ? Math.max(...times) : clock.now().getTime() + 86_400_000) + SAML_CLOCK_SKEW_MS);
      return { profile, assertionId, validUntil };
    },

    metadata(): string {
      const store: RequestStore = { save: async () => {}, issuedAt: async () => null, remove: async () => {} };
      return saml(store).generateServiceProviderMetadata(null, null);
    },
  };
}

export type SamlClient = ReturnType<typeof createSamlClient>;
