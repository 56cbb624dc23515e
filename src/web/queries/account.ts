import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AccountT, NewTokenT, TokenT, TotpSetupT } from '../../server/modules/auth/schemas';
import type { MunicipalityPatchT, MunicipalityT } from '../../server/modules/tenancy/schemas';
import type { Settings } from '../../server/modules/balance/schemas';
import { api, get } from '../api';
import { ifMatch } from '../components/activity/forms';
import { sessionKeys } from './session';

export type Account = AccountT;
export type ApiToken = TokenT;
export type CreatedToken = NewTokenT;
export type TotpSecret = TotpSetupT;
export type Municipality = MunicipalityT;
export type BalanceSettings = z.infer<typeof Settings>;

/** Query keys of one's own account and the municipality's settings. */
export const accountKeys = {
  account: ['account'] as const,
  tokens: ['tokens'] as const,
  municipality: ['municipality'] as const,
  balanceSettings: ['balance-settings'] as const,
};

export const useAccount = () => useQuery({ queryKey: accountKeys.account, queryFn: () => get<Account>('/account') });
export const useTokens = () => useQuery({ queryKey: accountKeys.tokens, queryFn: async () => (await get<{ items: ApiToken[] }>('/tokens')).items });
export const useMunicipality = () => useQuery({ queryKey: accountKeys.municipality, queryFn: () => get<Municipality>('/municipality') });
export const useBalanceSettings = () => useQuery({ queryKey: accountKeys.balanceSettings, queryFn: () => get<BalanceSettings>('/balance-settings') });

/** Starts setting up the second factor; replacing one that is on needs the password. */
export const setUpTotp = (password: string | undefined) => api<TotpSecret>('POST', '/auth/totp/setup', password !== undefined ? { password } : undefined);

/** Creates an API token; the answer holds the token itself, once. */
export const createToken = (input: { name: string; scopes: string[]; expiresInDays: number }) => api<CreatedToken>('POST', '/tokens', input);

/** Stores the user's language (null: the municipality's); the session then carries it. */
export function useSetOwnLanguage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (language: Account['language']) => {
      // The current version, so a change made in another tab is not overwritten blindly.
      const current = client.getQueryData<Account>(accountKeys.account) ?? (await get<Account>('/account'));
      return api<Account>('PATCH', '/account', { language }, ifMatch(current.version));
    },
    onSuccess: async (account) => {
      client.setQueryData(accountKeys.account, account);
      await client.invalidateQueries({ queryKey: sessionKeys.session });
    },
    onError: () => client.invalidateQueries({ queryKey: accountKeys.account }),
  });
}

export function useUpdateMunicipality() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ version, patch }: { version: number; patch: MunicipalityPatchT }) => api<Municipality>('PATCH', '/municipality', patch, ifMatch(version)),
    onSuccess: async (m) => {
      client.setQueryData(accountKeys.municipality, m);
      await client.invalidateQueries({ queryKey: sessionKeys.session });
    },
  });
}

export function useUpdateBalanceSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ version, materialityThresholdOre }: { version: number; materialityThresholdOre: number }) =>
      api<BalanceSettings>('PUT', '/balance-settings', { materialityThresholdOre }, ifMatch(version)),
    onSuccess: (s) => client.setQueryData(accountKeys.balanceSettings, s),
  });
}
