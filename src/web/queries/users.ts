import { useQuery } from '@tanstack/react-query';
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

/** A role grant as the roles dialog edits it: a new row has no role yet (the server refuses it so). */
export type RoleGrantDraft = Omit<RoleGrant, 'role'> & { role: RoleGrant['role'] | '' };

/** Replaces a user's roles with the whole list (invalidate `userKeys.all` after). */
export const setUserRoles = (id: string, items: RoleGrantDraft[]) => api<{ items: RoleGrant[] }>('PUT', `/users/${id}/roles`, { items });

/** Turns a user's account on or off with the user's version. */
export const setUserActive = (u: User) => api<User>('PATCH', `/users/${u.id}`, { active: !u.active }, ifMatch(u.version));
