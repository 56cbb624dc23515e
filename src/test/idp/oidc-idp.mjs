// A real OpenID Connect provider (panva/oidc-provider) for the SSO tests, run as its own process.
//
//   node oidc-idp.mjs '{"clientId":"…","clientSecret":"…","redirectUri":"…"}'
//
// Prints "READY <issuer>" on stdout once it listens on 127.0.0.1 (a free port).
//
// Test hooks (not part of OpenID Connect):
//   GET  /interaction/:uid/login?sub=…&email=…&name=…&roles=a,b
//        signs the given account in and consents, instead of a login form: the test drives the
//        browser side with fetch and this stands in for the user typing a password.
//   POST /__test/tamper {"aud":…,"iss":…,"nonce":…}
//        the next token response's ID token gets these claims, re-signed with the provider's
//        own key, so the relying party's claim checks are tested with a valid signature.
import http from 'node:http';
import { createSign, generateKeyPairSync } from 'node:crypto';
import Provider from 'oidc-provider';

const { clientId, clientSecret, redirectUri } = JSON.parse(process.argv[2] ?? '{}');
if (!clientId || !clientSecret || !redirectUri) {
  console.error('usage: oidc-idp.mjs {"clientId","clientSecret","redirectUri"}');
  process.exit(2);
}

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' };

/** Accounts are whatever the test signs in with: claims by subject. */
const accounts = new Map();
let tamper = null;

const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    },
  ],
  jwks: { keys: [jwk] },
  cookies: { keys: ['test-cookie-key-not-secret'] },
  // `roles` rides on the profile scope so the relying party needs no provider-specific scope.
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'roles'] },
  // Put the scope claims into the ID token (as Entra ID does with roles/groups).
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: false } },
  pkce: { required: () => true },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(_ctx, sub) {
    const claims = accounts.get(sub);
    if (!claims) return undefined;
    return {
      accountId: sub,
      async claims() {
        return { sub, ...claims };
      },
    };
  },
});
provider.proxy = false;

const b64url = (buf) => Buffer.from(buf).toString('base64url');
function resign(jwt, overrides) {
  const [h, p] = jwt.split('.');
  const header = JSON.parse(Buffer.from(h, 'base64url').toString());
  const payload = { ...JSON.parse(Buffer.from(p, 'base64url').toString()), ...overrides };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  const signature = createSign('RSA-SHA256').update(input).sign(privateKey);
  return `${input}.${b64url(signature)}`;
}

provider.use(async (ctx, next) => {
  await next();
  if (ctx.path === '/token' && ctx.status === 200 && tamper && ctx.body?.id_token) {
    ctx.body = { ...ctx.body, id_token: resign(ctx.body.id_token, tamper) };
    tamper = null;
  }
});

const oidcHandler = provider.callback();
server.on('request', async (req, res) => {
  try {
    const url = new URL(req.url, issuer);
    const login = /^\/interaction\/([^/]+)\/login$/.exec(url.pathname);
    if (login && req.method === 'GET') {
      const details = await provider.interactionDetails(req, res);
      const sub = url.searchParams.get('sub');
      const claims = {
        email: url.searchParams.get('email') ?? undefined,
        email_verified: true,
        name: url.searchParams.get('name') ?? undefined,
        roles: (url.searchParams.get('roles') ?? '').split(',').filter(Boolean),
      };
      accounts.set(sub, claims);
      const grant = new provider.Grant({ accountId: sub, clientId: details.params.client_id });
      grant.addOIDCScope(details.params.scope);
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { login: { accountId: sub }, consent: { grantId } }, { mergeWithLastSubmission: false });
      return;
    }
    if (url.pathname === '/__test/tamper' && req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      tamper = JSON.parse(body);
      res.writeHead(204).end();
      return;
    }
    oidcHandler(req, res);
  } catch (err) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err?.stack ?? err));
  }
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
console.log(`READY ${issuer}`);
