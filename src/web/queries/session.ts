import { useQuery } from '@tanstack/react-query';
import type { ProvidersT, SessionInfoT, SignInResultT } from '../../server/modules/auth/schemas';
import { api, get } from '../api';

/** The server's shapes (Zod-inferred), not hand copies. */
export type SessionInfo = SessionInfoT;
export type Role = SessionInfo['roles'][number]['role'];
export type SignInResult = SignInResultT;
export type Providers = ProvidersT;

/** Query keys of who is signed in and how one may sign in. */
export const sessionKeys = {
  session: ['session'] as const,
  providers: ['providers'] as const,
};

/** Who is signed in (401 when nobody is). */
export const fetchSession = () => get<SessionInfo>('/auth/session');

/** The sign-in methods the server has configured (the sign-in page's SSO buttons). */
export const useProviders = () => useQuery({ queryKey: sessionKeys.providers, queryFn: () => get<Providers>('/auth/providers') });

/** The first step of sign-in (e-mail and password) or the second (the TOTP code). */
export const signIn = (step: 'password' | 'code', input: { email: string; password: string; code: string }) =>
  step === 'password'
    ? api<SignInResult>('POST', '/auth/login', { email: input.email, password: input.password })
    : api<SignInResult>('POST', '/auth/totp', { code: input.code });
