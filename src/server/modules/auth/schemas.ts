import { z } from 'zod';
import { roles, tokenScopes } from '../../db/schema/values.js';
import { Id, Name } from '../../http/schemas.js';

const Email = z.string().trim().max(320);
const Password = z.string().min(1).max(1024);

/** The longest an API token may live. */
export const MAX_TOKEN_DAYS = 366;

export const LoginInput = z.object({
  email: Email,
  password: Password,
  /** The municipality's slug; needed only when the same e-mail has accounts in several. */
  municipality: z.string().trim().max(100).optional(),
});

export const SignInResult = z.object({
  status: z.enum(['signedIn', 'mfaRequired']),
  csrfToken: z.string(),
  expiresAt: z.string(),
});

/** Which sign-in methods are configured (the sign-in page shows their buttons). */
export const Providers = z.object({
  local: z.boolean().describe('E-mail and password'),
  oidc: z.boolean().describe('OpenID Connect: GET /api/v1/auth/oidc/login'),
  saml: z.boolean().describe('SAML 2.0: GET /api/v1/auth/saml/login'),
});

export const TotpInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'Six digits'),
});
export const TotpSetup = z.object({ secret: z.string(), uri: z.string() });
/** Setting the factor up again while one is on replaces it, so it needs the password like turning it off. */
export const TotpSetupInput = z.object({ password: Password.optional() }).nullish();
export const PasswordCheck = z.object({ password: Password });
export const PasswordChange = z.object({ currentPassword: Password, newPassword: Password });
export const PasswordSet = z.object({ password: Password });

export const RoleGrantSchema = z.object({ role: z.enum(roles), departmentId: Id.nullable() });
export const RoleGrants = z.object({ items: z.array(RoleGrantSchema).max(100) });

export const SessionInfo = z.object({
  user: z.object({ id: Id, name: z.string(), email: z.string(), language: z.enum(['da', 'sv', 'en']).nullable() }),
  municipality: z.object({ id: Id, slug: z.string(), name: z.string(), language: z.enum(['da', 'sv', 'en']), vocabulary: z.enum(['DK', 'SE']) }),
  roles: z.array(RoleGrantSchema),
  via: z.enum(['session', 'token', 'cli', 'system']),
  method: z.enum(['password', 'oidc', 'saml']).nullable(),
  csrfToken: z.string().nullable(),
  totpEnabled: z.boolean(),
  expiresAt: z.string().nullable(),
});

export const TokenInput = z.object({
  name: Name,
  scopes: z.array(z.enum(tokenScopes)).min(1).max(2),
  expiresInDays: z.number().int().min(1).max(MAX_TOKEN_DAYS).default(90),
});

export const Token = z.object({
  id: Id,
  userId: Id,
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.enum(tokenScopes)),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const NewToken = Token.extend({ token: z.string().describe('Shown once; store it now') });

const Language = z.enum(['da', 'sv', 'en']);

/** The signed-in user's own account: what the account page shows and may do. */
export const Account = z
  .object({
    id: Id,
    name: z.string(),
    email: z.string(),
    version: z.number().int(),
    language: Language.nullable().describe('Your own choice; null follows the municipality'),
    municipalityLanguage: Language,
    hasPassword: z.boolean(),
    passwordMinLength: z.number().int(),
    totp: z.enum(['off', 'pending', 'on']).describe('pending: set up but not yet confirmed with a code'),
    method: z.enum(['password', 'oidc', 'saml']).nullable(),
    actions: z.object({
      update: z.boolean(),
      changePassword: z.boolean(),
      setUpTotp: z.boolean(),
      enableTotp: z.boolean(),
      disableTotp: z.boolean(),
      signOutEverywhere: z.boolean(),
      createToken: z.boolean(),
    }),
  })
  .meta({ id: 'Account' });
export const AccountPatch = z.object({ language: Language.nullable() }).partial();
export type AccountT = z.infer<typeof Account>;
export type SignInResultT = z.infer<typeof SignInResult>;
export type ProvidersT = z.infer<typeof Providers>;
export type SessionInfoT = z.infer<typeof SessionInfo>;
export type RoleGrantT = z.infer<typeof RoleGrantSchema>;
export type TokenT = z.infer<typeof Token>;
export type NewTokenT = z.infer<typeof NewToken>;
export type TotpSetupT = z.infer<typeof TotpSetup>;
