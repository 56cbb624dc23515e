import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AccountT, NewToken, Token, TotpSetup } from '../../server/modules/auth/schemas';
import type { MunicipalityPatchT, MunicipalityT } from '../../server/modules/tenancy/schemas';
import type { AuditVerifyResult } from '../../server/modules/history/schemas';
import { api, get } from '../api';
import { ifMatch } from '../components/activity/forms';

export type Account = AccountT;
export type ApiToken = z.infer<typeof Token>;
export type CreatedToken = z.infer<typeof NewToken>;
export type TotpSecret = z.infer<typeof TotpSetup>;
export type Municipality = MunicipalityT;
export type VerifyResult = z.infer<typeof AuditVerifyResult>;
export interface BalanceSettings {
  materialityThresholdOre: number;
  version: number;
}

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
      await client.invalidateQueries({ queryKey: ['session'] });
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
      await client.invalidateQueries({ queryKey: ['session'] });
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
