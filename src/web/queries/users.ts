import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RoleGrantT } from '../../server/modules/auth/schemas';
import type { UserT } from '../../server/modules/tenancy/schemas';
import { api, get } from '../api';
import { ifMatch } from '../components/activity/forms';

/** The server's shapes (Zod-inferred), not hand copies. */
export type User = UserT;
export type RoleGrant = RoleGrantT;

/** Query keys of the user register; `users.all` also covers every user's roles. */
export const userKeys = {
  all: ['users'] as const,
  roles: (id: string) => ['users', id, 'roles'] as const,
};

export const useUsers = () => useQuery({ queryKey: userKeys.all, queryFn: () => get<{ items: User[] }>('/users') });
export const useUserRoles = (id: string) => useQuery({ queryKey: userKeys.roles(id), queryFn: () => get<{ items: RoleGrant[] }>(`/users/${id}/roles`) });

/** Replaces a user's roles; the register loads again. */
export function useSetUserRoles(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (items: { role: RoleGrant['role'] | ''; departmentId: string | null }[]) => api<{ items: RoleGrant[] }>('PUT', `/users/${id}/roles`, { items }),
    onSuccess: () => client.invalidateQueries({ queryKey: userKeys.all }),
  });
}

/** Turns a user's account on or off with the user's version. */
export const setUserActive = (u: User) => api<User>('PATCH', `/users/${u.id}`, { active: !u.active }, ifMatch(u.version));
