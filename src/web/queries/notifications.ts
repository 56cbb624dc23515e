import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { NotificationKind } from '../../server/db/schema/values';
import type { NotificationPageT, NotificationPreferencesInputT, NotificationPreferencesT, NotificationT } from '../../server/modules/notifications/schemas';
import { api, get } from '../api';

export type Notification = NotificationT;
export type NotificationPage = NotificationPageT;
export type NotificationPreferences = NotificationPreferencesT;
export type { NotificationKind };

export interface NotificationFilter {
  kind: NotificationKind | null;
  unreadOnly: boolean;
  page: number;
}

export const PAGE_SIZE = 25;

// Every kind once, in the order the filter and the preferences list them (a Record, so a kind added on the server is a type error here).
const kindOrder: Record<NotificationKind, true> = {
  planRequested: true,
  planSubmitted: true,
  planReturned: true,
  planApproved: true,
  planDueSoon: true,
  planOverdue: true,
  roundOpened: true,
  roundDueSoon: true,
  roundOverdue: true,
  answerSubmitted: true,
  answerReturned: true,
  answerAccepted: true,
  answerDueSoon: true,
  answerOverdue: true,
  measureDueSoon: true,
  measureOverdue: true,
  escalation: true,
  findingClosed: true,
  findingReopened: true,
  matchingRunFinished: true,
  matchingRunFailed: true,
};
export const notificationKinds = Object.keys(kindOrder) as NotificationKind[];

/**
 * Query keys of the notification centre: invalidate `notificationKeys.all` after marking read.
 * The list carries the language, as its texts come from the server in the reader's language.
 */
export const notificationKeys = {
  all: ['notifications'] as const,
  list: (filter: NotificationFilter, language: string) => [...notificationKeys.all, 'list', filter, language] as const,
  unread: () => [...notificationKeys.all, 'unread'] as const,
  preferences: ['notification-preferences'] as const,
};

function listPath(filter: NotificationFilter): string {
  const q = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(filter.page * PAGE_SIZE) });
  if (filter.kind) q.set('kind', filter.kind);
  if (filter.unreadOnly) q.set('unread', 'true');
  return `/notifications?${q.toString()}`;
}

export function useNotifications(filter: NotificationFilter) {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: notificationKeys.list(filter, i18n.language),
    queryFn: () => get<NotificationPage>(listPath(filter)),
    placeholderData: keepPreviousData,
  });
}

/** The bell's count: refreshed every minute and when the window regains focus. */
export function useUnreadCount() {
  return useQuery({
    queryKey: notificationKeys.unread(),
    queryFn: async () => (await get<{ unread: number }>('/notifications/unread-count')).unread,
    refetchInterval: 60_000,
  });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<Notification>('POST', `/notifications/${id}/read`),
    onSuccess: () => client.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useMarkAllRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ marked: number; unread: number }>('POST', '/notifications/read-all'),
    onSuccess: () => client.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export const useNotificationPreferences = () =>
  useQuery({ queryKey: notificationKeys.preferences, queryFn: () => get<NotificationPreferences>('/notifications/preferences') });

export function useSaveNotificationPreferences() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: NotificationPreferencesInputT) => api<NotificationPreferences>('PUT', '/notifications/preferences', input),
    onSuccess: (saved) => client.setQueryData(notificationKeys.preferences, saved),
  });
}
