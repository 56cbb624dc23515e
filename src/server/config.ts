import path from 'node:path';
import { clockFromEnv, type Clock } from './clock.js';
import { parseEncryptionKey } from './crypto/secret-box.js';

/** Settings come only from the environment (secrets included); nothing is read from files. */
export interface Config {
  port: number;
  host: string;
  /** PostgreSQL connection string; when unset the embedded PGlite store is used. */
  databaseUrl: string | null;
  dataDir: string;
  /** Load the demo municipalities into an empty database at start. */
  demo: boolean;
  logLevel: string;
  /** Largest evidence file accepted, in bytes. */
  maxEvidenceBytes: number;
  /** A session unused this long ends (TILSYN_SESSION_IDLE_MINUTES, default 30). */
  sessionIdleMinutes: number;
  /** A session ends this long after sign-in (TILSYN_SESSION_MAX_HOURS, default 12). */
  sessionMaxHours: number;
  /** Session cookie's Secure flag: `auto` sets it when the request came over https (TILSYN_SECURE_COOKIES). */
  secureCookies: boolean | 'auto';
  /** Trust X-Forwarded-* from a reverse proxy that terminates TLS (TILSYN_TRUST_PROXY=1). */
  trustProxy: boolean;
  /** Sign-in attempts per client address per minute (TILSYN_LOGIN_RATE_LIMIT, default 10). */
  loginRateLimit: number;
  /** First administrator, created at start on a database without users (TILSYN_ADMIN_EMAIL / TILSYN_ADMIN_PASSWORD). */
  bootstrapAdmin: { email: string; password: string; municipality: string | null } | null;
  /** Single sign-on (OIDC and/or SAML 2.0); each provider is null when not configured. */
  sso: SsoConfig;
  /**
   * Key that seals secrets stored in the database (TOTP seeds), 32 bytes as hex or base64
   * (TILSYN_ENCRYPTION_KEY). Without it no new second factor can be set up.
   */
  encryptionKey: Buffer | null;
  /** Largest extract a matching run accepts per side, in bytes (TILSYN_MAX_MATCHING_MB, default 4096). */
  maxMatchingBytes: number;
  /** The one clock (TILSYN_FAKE_NOW fixes it, with NODE_ENV=test only). */
  clock: Clock;
  /** The job queue (pg-boss) runs in this process; always on for a server. */
  jobs: boolean;
  /** A matching run whose server stopped beating this long is taken over (TILSYN_STALE_RUN_SECONDS, default 30). */
  staleRunSeconds: number;
  /** E-mail: the SMTP server (none: mail is off), the sender and the address links in mails point to. */
  mail: MailConfig;
}

/** E-mail settings (TILSYN_SMTP_URL, TILSYN_MAIL_FROM, TILSYN_MAIL_REPLY_TO, TILSYN_PUBLIC_URL). */
export interface MailConfig {
  /** smtp:// or smtps:// URL with credentials; null: no mail is sent and notifications stay in the app. */
  smtpUrl: string | null;
  /** The sender, `Name <address>` or an address. */
  from: string;
  replyTo: string | null;
  /** Where the app is reached from a mail (no trailing slash), e.g. https://tilsyn.kk.dk. */
  publicUrl: string;
}

/** An OpenID Connect identity provider serving one municipality (TILSYN_OIDC_*). */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Our callback, as registered at the provider: https://host/api/v1/auth/oidc/callback. */
  redirectUri: string;
  /** Slug of the municipality whose users this provider signs in. */
  municipality: string;
  /** The claim that carries role values (default `roles`). */
  rolesClaim: string;
}

/** A SAML 2.0 identity provider serving one municipality (TILSYN_SAML_*). */
export interface SamlConfig {
  /** The IdP's single sign-on URL (HTTP-Redirect binding). */
  entryPoint: string;
  /** The IdP's signing certificate (PEM). */
  idpCert: string;
  /** Our entity id (also the audience we require). */
  issuer: string;
  /** The IdP's entity id, required as the assertion's issuer. */
  idpIssuer: string;
  /** Our assertion consumer service: https://host/api/v1/auth/saml/acs. */
  callbackUrl: string;
  municipality: string;
  /** The attribute that carries role values (default `roles`). */
  rolesAttribute: string;
}

export interface SsoConfig {
  oidc: OidcConfig | null;
  saml: SamlConfig | null;
  /** Claim/attribute value → grant string (`role` or `role:DEPARTMENTCODE`), from TILSYN_SSO_ROLE_MAP. */
  roleMap: Record<string, string>;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!(value > 0) || !Number.isFinite(value)) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const maxEvidenceMb = Number(env.TILSYN_MAX_EVIDENCE_MB ?? 10);
  if (!(maxEvidenceMb > 0)) throw new Error(`TILSYN_MAX_EVIDENCE_MB must be a positive number, got "${env.TILSYN_MAX_EVIDENCE_MB}"`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL?.trim() || null,
    dataDir: path.resolve(env.TILSYN_DATA_DIR ?? 'data'),
    demo: env.TILSYN_DEMO !== '0',
    logLevel: env.LOG_LEVEL ?? 'info',
    maxEvidenceBytes: Math.round(maxEvidenceMb * 1024 * 1024),
    sessionIdleMinutes: positive(env, 'TILSYN_SESSION_IDLE_MINUTES', 30),
    sessionMaxHours: positive(env, 'TILSYN_SESSION_MAX_HOURS', 12),
    secureCookies:
      env.TILSYN_SECURE_COOKIES === '1' || env.TILSYN_SECURE_COOKIES === 'true'
        ? true
        : env.TILSYN_SECURE_COOKIES === '0' || env.TILSYN_SECURE_COOKIES === 'false'
          ? false
          : 'auto',
    trustProxy: env.TILSYN_TRUST_PROXY === '1' || env.TILSYN_TRUST_PROXY === 'true',
    loginRateLimit: Math.floor(positive(env, 'TILSYN_LOGIN_RATE_LIMIT', 10)),
    bootstrapAdmin: bootstrapAdmin(env),
    sso: ssoConfig(env),
    encryptionKey: env.TILSYN_ENCRYPTION_KEY?.trim() ? parseEncryptionKey(env.TILSYN_ENCRYPTION_KEY) : null,
    maxMatchingBytes: Math.round(positive(env, 'TILSYN_MAX_MATCHING_MB', 4096) * 1024 * 1024),
    clock: clockFromEnv(env),
    jobs: true,
    staleRunSeconds: staleRunSeconds(env),
    mail: mailConfig(env, port),
  };
}

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+$/;
/** `address` or `Display Name <address>`. */
const isMailbox = (v: string) => ADDRESS.test(v) || /^[^<>]*<[^\s@<>]+@[^\s@<>]+>$/.test(v);

/** A run beats every 5 s: a limit under two beats would take over runs whose server is alive. */
function staleRunSeconds(env: NodeJS.ProcessEnv): number {
  const seconds = positive(env, 'TILSYN_STALE_RUN_SECONDS', 30);
  if (seconds < 10)
    throw new Error(
      `TILSYN_STALE_RUN_SECONDS must be at least 10 (a running matching run writes its heartbeat every 5 s), got "${env.TILSYN_STALE_RUN_SECONDS}"`,
    );
  return seconds;
}

/** Reads and checks the e-mail settings: a malformed URL or address stops the start with the variable's name. */
export function mailConfig(env: NodeJS.ProcessEnv, port: number): MailConfig {
  const rawPublic = env.TILSYN_PUBLIC_URL?.trim() || `http://localhost:${port || 8080}`;
  let publicUrl: URL;
  try {
    publicUrl = new URL(rawPublic);
  } catch {
    throw new Error(`TILSYN_PUBLIC_URL must be an http(s) URL, got "${rawPublic}"`);
  }
  if (!['http:', 'https:'].includes(publicUrl.protocol) || publicUrl.search || publicUrl.hash) {
    throw new Error(`TILSYN_PUBLIC_URL must be an http(s) URL without query or fragment, got "${rawPublic}"`);
  }
  const smtpRaw = env.TILSYN_SMTP_URL?.trim() || null;
  if (smtpRaw) {
    let smtp: URL;
    try {
      smtp = new URL(smtpRaw);
    } catch {
      // never echo the value: it holds the SMTP password
      throw new Error('TILSYN_SMTP_URL is not a URL (expected smtp://user:password@host:587 or smtps://…:465)');
    }
    if (!['smtp:', 'smtps:'].includes(smtp.protocol) || !smtp.hostname) {
      throw new Error('TILSYN_SMTP_URL must start with smtp:// or smtps:// and name a host');
    }
  }
  const from = env.TILSYN_MAIL_FROM?.trim() || `Tilsyn <noreply@${publicUrl.hostname}>`;
  if (!isMailbox(from)) throw new Error(`TILSYN_MAIL_FROM must be an address or "Name <address>", got "${from}"`);
  const replyTo = env.TILSYN_MAIL_REPLY_TO?.trim() || null;
  if (replyTo && !isMailbox(replyTo)) throw new Error(`TILSYN_MAIL_REPLY_TO must be an address or "Name <address>", got "${replyTo}"`);
  return { smtpUrl: smtpRaw, from, replyTo, publicUrl: publicUrl.href.replace(/\/+$/, '') };
}

function bootstrapAdmin(env: NodeJS.ProcessEnv): Config['bootstrapAdmin'] {
  const email = env.TILSYN_ADMIN_EMAIL?.trim();
  const password = env.TILSYN_ADMIN_PASSWORD;
  if (!email && !password) return null;
  if (!email || !password) throw new Error('Set both TILSYN_ADMIN_EMAIL and TILSYN_ADMIN_PASSWORD, or neither');
  return { email, password, municipality: env.TILSYN_ADMIN_MUNICIPALITY?.trim() || null };
}

/** Reads a group of variables that are set all together or not at all; null when none is set. */
function group<K extends string>(env: NodeJS.ProcessEnv, vars: Record<K, string>, optional: Partial<Record<K, string>> = {}): Record<K, string> | null {
  const keys = Object.keys(vars) as K[];
  const given = keys.filter((k) => env[vars[k]]?.trim());
  if (!given.length) return null;
  const missing = keys.filter((k) => !env[vars[k]]?.trim() && optional[k] === undefined).map((k) => vars[k]);
  if (missing.length) throw new Error(`Single sign-on is partly configured: set ${missing.join(', ')}`);
  return Object.fromEntries(keys.map((k) => [k, env[vars[k]]?.trim() || optional[k]!])) as Record<K, string>;
}

export function ssoConfig(env: NodeJS.ProcessEnv): SsoConfig {
  const oidc = group(
    env,
    {
      issuer: 'TILSYN_OIDC_ISSUER',
      clientId: 'TILSYN_OIDC_CLIENT_ID',
      clientSecret: 'TILSYN_OIDC_CLIENT_SECRET',
      redirectUri: 'TILSYN_OIDC_REDIRECT_URI',
      municipality: 'TILSYN_OIDC_MUNICIPALITY',
      rolesClaim: 'TILSYN_OIDC_ROLES_CLAIM',
    },
    { rolesClaim: 'roles' },
  );
  const saml = group(
    env,
    {
      entryPoint: 'TILSYN_SAML_ENTRY_POINT',
      idpCert: 'TILSYN_SAML_IDP_CERT',
      issuer: 'TILSYN_SAML_ISSUER',
      idpIssuer: 'TILSYN_SAML_IDP_ISSUER',
      callbackUrl: 'TILSYN_SAML_CALLBACK_URL',
      municipality: 'TILSYN_SAML_MUNICIPALITY',
      rolesAttribute: 'TILSYN_SAML_ROLES_ATTRIBUTE',
    },
    { rolesAttribute: 'roles' },
  );
  let roleMap: Record<string, string> = {};
  const rawMap = env.TILSYN_SSO_ROLE_MAP?.trim();
  if (rawMap) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(rawMap);
    } catch {
      throw new Error('TILSYN_SSO_ROLE_MAP must be a JSON object of strings');
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || !Object.values(parsed).every((v) => typeof v === 'string')) {
      throw new Error('TILSYN_SSO_ROLE_MAP must be a JSON object of strings');
    }
    roleMap = parsed as Record<string, string>;
  }
  // A PEM pasted into one environment variable often arrives with literal "\n"s.
  return { oidc, saml: saml ? { ...saml, idpCert: saml.idpCert.replace(/\\n/g, '\n') } : null, roleMap };
}
