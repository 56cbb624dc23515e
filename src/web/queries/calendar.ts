import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CalendarFeedInputT, CalendarFeedListT, CalendarFeedT, CreatedCalendarFeedT } from '../../server/modules/calendar/schemas';
import { api, get } from '../api';

export type CalendarFeed = CalendarFeedT;
export type CalendarFeedList = CalendarFeedListT;
export type CreatedCalendarFeed = CreatedCalendarFeedT;

/** Query keys of one's calendar feeds. */
export const calendarKeys = {
  feeds: ['calendar-feeds'] as const,
};

/** One's feeds (never their tokens) and the departments one may make a feed for. */
export const useCalendarFeeds = () => useQuery({ queryKey: calendarKeys.feeds, queryFn: () => get<CalendarFeedList>('/calendar/feeds') });

/** Makes a feed; the answer's URL holds the secret token, once. */
export function useCreateCalendarFeed() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CalendarFeedInputT) => api<CreatedCalendarFeed>('POST', '/calendar/feeds', input),
    onSuccess: () => client.invalidateQueries({ queryKey: calendarKeys.feeds }),
  });
}

export function useRevokeCalendarFeed() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api('DELETE', `/calendar/feeds/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: calendarKeys.feeds }),
  });
}
