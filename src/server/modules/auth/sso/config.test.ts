import { describe, expect, it } from 'vitest';
import { ssoConfig } from '../../../config.js';
import { grantsFromValues, parseGrant, validateRoleMap } from './grants.js';

describe('single sign-on configuration', () => {
  it('is off without variables and reads OIDC, SAML and the role map from the environment', () => {
    expect(ssoConfig({})).toEqual({ oidc: null, saml: null, roleMap: {} });
    const cfg = ssoConfig({
      TILSYN_OIDC_ISSUER: 'https://login.example/tenant/v2.0',
      TILSYN_OIDC_CLIENT_ID: 'tilsyn',
      TILSYN_OIDC_CLIENT_SECRET: 'secret',
      TILSYN_OIDC_REDIRECT_URI: 'https://tilsyn.example/api/v1/auth/oidc/callback',
      TILSYN_OIDC_MUNICIPALITY: 'kobenhavn',
      TILSYN_SAML_ENTRY_POINT: 'https://idp.example/sso',
      TILSYN_SAML_IDP_CERT: '-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----',
      TILSYN_SAML_ISSUER: 'https://tilsyn.example/saml',
      TILSYN_SAML_IDP_ISSUER: 'https://idp.example/saml',
      TILSYN_SAML_CALLBACK_URL: 'https://tilsyn.example/api/v1/auth/saml/acs',
      TILSYN_SAML_MUNICIPALITY: 'kobenhavn',
      TILSYN_SAML_ROLES_ATTRIBUTE: 'groups',
      TILSYN_SSO_ROLE_MAP: '{"Revision":"auditor","BUF-koord":"departmentCoordinator:BUF"}',
    });
    expect(cfg.oidc).toMatchObject({ clientId: 'tilsyn', rolesClaim: 'roles' });
    expect(cfg.saml).toMatchObject({ rolesAttribute: 'groups', idpCert: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----' });
    expect(cfg.roleMap).toEqual({ Revision: 'auditor', 'BUF-koord': 'departmentCoordinator:BUF' });
  });

  it('refuses a partial provider and a role map that is not an object of strings', () => {
    expect(() => ssoConfig({ TILSYN_OIDC_ISSUER: 'https://login.example' })).toThrow(/TILSYN_OIDC_CLIENT_ID/);
    expect(() => ssoConfig({ TILSYN_SSO_ROLE_MAP: '["auditor"]' })).toThrow(/JSON object/);
    expect(() => ssoConfig({ TILSYN_SSO_ROLE_MAP: '{"a":1}' })).toThrow(/JSON object/);
  });
});

describe('role grants from claims', () => {
  it('parses grant strings by the department rule', () => {
    expect(parseGrant('auditor')).toEqual({ role: 'auditor', departmentCode: null });
    expect(parseGrant('measureOwner:ØKF')).toEqual({ role: 'measureOwner', departmentCode: 'ØKF' });
    expect(parseGrant('measureOwner')).toBeNull();
    expect(parseGrant('admin:BUF')).toBeNull();
    expect(parseGrant('superuser')).toBeNull();
  });

  it('maps values through the map, takes grant strings as they are, ignores the rest and duplicates', () => {
    const { grants, ignored } = grantsFromValues(['Revision', 'reader', 'Kantine', 'auditor', 'toString'], { Revision: 'auditor' });
    expect(grants).toEqual([
      { role: 'auditor', departmentCode: null },
      { role: 'reader', departmentCode: null },
    ]);
    expect(ignored).toEqual(['Kantine', 'toString']);
  });

  it('fails the start on a role map entry that is no grant', () => {
    expect(() => validateRoleMap({ ok: 'reader', bad: 'departmentCoordinator' })).toThrow(/bad/);
  });
});
