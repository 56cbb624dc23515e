// A SAML 2.0 identity provider (samlify IdentityProvider) for the SSO tests, run as its own process.
//
//   node saml-idp.mjs '{"idpEntityId","spEntityId","acsUrl","keyFile","certFile","otherKeyFile","otherCertFile"}'
//
// Prints "READY <base url>" on stdout once it listens on 127.0.0.1 (a free port). The key pairs
// are made by the test (openssl) so the test knows the certificate the relying party must trust;
// the "other" pair is a key the relying party does not trust.
//
// POST /__test/response (JSON) answers {SAMLResponse, inResponseTo}: a login response as the IdP
// would post it to the ACS, for
//   authnRequestUrl   the Location the relying party redirected to (its AuthnRequest is parsed
//                     with samlify for the request id), or inResponseTo given directly
//   nameId, attributes {name: string | string[]}
//   switches: audience, issuer (assertion and response), notOnOrAfter (ISO), sign
//   ('assertion' | 'response' | 'both' | 'none'), key ('idp' | 'other')
import http from 'node:http';
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import * as samlify from 'samlify';

const cfg = JSON.parse(process.argv[2] ?? '{}');
for (const k of ['idpEntityId', 'spEntityId', 'acsUrl', 'keyFile', 'certFile', 'otherKeyFile', 'otherCertFile']) {
  if (!cfg[k]) {
    console.error(`saml-idp.mjs: missing ${k}`);
    process.exit(2);
  }
}

// Parsing the relying party's AuthnRequest needs a schema validator; this IdP only reads its id.
samlify.setSchemaValidator({ validate: async () => 'skipped' });

const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const { post, redirect } = samlify.Constants.namespace.binding;
const idpOf = (keyFile, certFile) =>
  samlify.IdentityProvider({
    entityID: cfg.idpEntityId,
    privateKey: fs.readFileSync(keyFile, 'utf8'),
    signingCert: fs.readFileSync(certFile, 'utf8'),
    singleSignOnService: [{ Binding: redirect, Location: `${base}/sso` }],
    nameIDFormat: ['urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified'],
    wantAuthnRequestsSigned: false,
  });
const idps = { idp: idpOf(cfg.keyFile, cfg.certFile), other: idpOf(cfg.otherKeyFile, cfg.otherCertFile) };
const spOf = (wantAssertionsSigned, wantMessageSigned) =>
  samlify.ServiceProvider({
    entityID: cfg.spEntityId,
    assertionConsumerService: [{ Binding: post, Location: cfg.acsUrl }],
    wantAssertionsSigned,
    wantMessageSigned,
  });
// samlify signs the assertion when the SP wants it, and the message when the SP wants that or not the assertion.
const sps = { assertion: spOf(true, false), both: spOf(true, true), response: spOf(false, true) };

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const id = () => `_${randomBytes(16).toString('hex')}`;

function responseXml(o) {
  const now = new Date();
  const issueInstant = o.notOnOrAfter ? new Date(Date.parse(o.notOnOrAfter) - 10 * 60_000) : now;
  const notOnOrAfter = o.notOnOrAfter ?? new Date(now.getTime() + 5 * 60_000).toISOString();
  const issuer = esc(o.issuer ?? cfg.idpEntityId);
  const attrs = Object.entries(o.attributes ?? {})
    .map(
      ([name, value]) =>
        `<saml:Attribute Name="${esc(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic">` +
        [value]
          .flat()
          .map((v) => `<saml:AttributeValue xsi:type="xs:string">${esc(v)}</saml:AttributeValue>`)
          .join('') +
        `</saml:Attribute>`,
    )
    .join('');
  const inResponseTo = esc(o.inResponseTo);
  return (
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${id()}" Version="2.0" IssueInstant="${issueInstant.toISOString()}" Destination="${esc(cfg.acsUrl)}" InResponseTo="${inResponseTo}">` +
    `<saml:Issuer>${issuer}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
    `<saml:Assertion xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema" ID="${o.assertionId ?? id()}" Version="2.0" IssueInstant="${issueInstant.toISOString()}">` +
    `<saml:Issuer>${issuer}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">${esc(o.nameId)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${notOnOrAfter}" Recipient="${esc(cfg.acsUrl)}" InResponseTo="${inResponseTo}"/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${issueInstant.toISOString()}" NotOnOrAfter="${notOnOrAfter}"><saml:AudienceRestriction><saml:Audience>${esc(o.audience ?? cfg.spEntityId)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${issueInstant.toISOString()}" SessionIndex="${id()}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    (attrs ? `<saml:AttributeStatement>${attrs}</saml:AttributeStatement>` : '') +
    `</saml:Assertion></samlp:Response>`
  );
}

async function loginResponse(o) {
  let inResponseTo = o.inResponseTo;
  if (o.authnRequestUrl) {
    const query = Object.fromEntries(new URL(o.authnRequestUrl).searchParams);
    const parsed = await idps.idp.parseLoginRequest(sps.assertion, 'redirect', { query, octetString: '' });
    inResponseTo = parsed.extract.request.id;
  }
  const xml = responseXml({ ...o, inResponseTo });
  if ((o.sign ?? 'assertion') === 'none') return { SAMLResponse: Buffer.from(xml).toString('base64'), inResponseTo };
  const idp = idps[o.key ?? 'idp'];
  const sp = sps[o.sign ?? 'assertion'];
  const { context } = await idp.createLoginResponse(sp, {}, 'post', {}, { customTagReplacement: () => ({ id: 'unused', context: xml }) });
  return { SAMLResponse: context, inResponseTo };
}

server.on('request', async (req, res) => {
  try {
    const url = new URL(req.url, base);
    if (url.pathname === '/__test/response' && req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const out = await loginResponse(JSON.parse(body));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(out));
      return;
    }
    res.writeHead(404).end();
  } catch (err) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err?.stack ?? err));
  }
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
console.log(`READY ${base}`);
