import * as client from 'openid-client';
import type { OidcConfig } from '../../../config.js';

/** What survives the round trip to the provider, kept server-side in sso_requests. */
export interface OidcRequestData {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
}

export interface OidcResult {
  issuer: string;
  claims: Record<string, unknown>;
}

/** HTTP to the provider is allowed only on loopback (the test and development IdPs); anything else must be TLS. */
function isLoopback(url: URL): boolean {
  return url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
}

/**
 * The OpenID Connect relying party: authorization code flow with PKCE, state and nonce,
 * validated by openid-client (issuer, audience, signature, expiry, nonce, state, RFC 9207 `iss`).
 * The ID token's times are the provider's, checked by openid-client against the system clock (it
 * takes only a fixed offset, set at discovery); how long a sign-in request is good for is ours
 * (sso_requests, by the server's clock in routes.ts).
 */
export function createOidcClient(cfg: OidcConfig) {
  const issuerUrl = new URL(cfg.issuer);
  const insecure = issuerUrl.protocol === 'http:' && isLoopback(issuerUrl);
  let discovered: Promise<client.Configuration> | null = null;

  /** Discovery once per process; a failure is not cached, so a provider that was down is retried. */
  function configuration(): Promise<client.Configuration> {
    if (!discovered) {
      discovered = client.discovery(issuerUrl, cfg.clientId, cfg.clientSecret, undefined, insecure ? { execute: [client.allowInsecureRequests] } : undefined);
      discovered.catch(() => {
        discovered = null;
      });
    }
    return discovered;
  }

  return {
    async authorizationUrl(returnTo: string): Promise<{ url: string; data: OidcRequestData }> {
      const config = await configuration();
      const codeVerifier = client.randomPKCECodeVerifier();
      const data: OidcRequestData = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier, returnTo };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: cfg.redirectUri,
        response_type: 'code',
        scope: 'openid email profile',
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state: data.state,
        nonce: data.nonce,
      });
      return { url: url.href, data };
    },

    /**
     * Redeems the code. The callback URL is rebuilt from the configured redirect URI plus the
     * query the browser brought, so the token request's redirect_uri is the registered one even
     * behind a proxy that rewrites the host.
     */
    async callback(query: string, data: OidcRequestData): Promise<OidcResult> {
      const config = await configuration();
      const current = new URL(cfg.redirectUri);
      current.search = query;
      const tokens = await client.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: data.codeVerifier,
        expectedState: data.state,
        expectedNonce: data.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims) throw new Error('no ID token');
      let claims: Record<string, unknown> = { ...idClaims };
      // Providers that keep the ID token small (only `sub`) answer the rest at userinfo.
      if (claims.email === undefined && config.serverMetadata().userinfo_endpoint) {
        const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
        claims = { ...info, ...claims };
      }
      return { issuer: config.serverMetadata().issuer, claims };
    },
  };
}

export type OidcClient = ReturnType<typeof createOidcClient>;
