import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  FindingReminderT,
  ReminderSettingsInputT,
  ReminderSettingsT,
  RoundScheduleInputT,
  RoundScheduleList,
  RoundScheduleT,
} from '../../server/modules/reminders/schemas';
import { api, get } from '../api';
import { ifMatch } from '../components/activity/forms';

export type ReminderSettings = ReminderSettingsT;
export type ReminderSettingsInput = ReminderSettingsInputT;
export type RoundSchedule = RoundScheduleT;
export type RoundScheduleInput = RoundScheduleInputT;
export type FindingReminder = FindingReminderT;

/** Query keys of the reminder settings, the round schedules and a finding's reminders. */
export const reminderKeys = {
  settings: ['reminder-settings'] as const,
  schedules: ['round-schedules'] as const,
  finding: (id: string) => ['findings', id, 'reminders'] as const,
};

export const useReminderSettings = () => useQuery({ queryKey: reminderKeys.settings, queryFn: () => get<ReminderSettings>('/reminder-settings') });

export function useSaveReminderSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ version, input }: { version: number; input: ReminderSettingsInput }) =>
      api<ReminderSettings>('PUT', '/reminder-settings', input, ifMatch(version)),
    onSuccess: (s) => client.setQueryData(reminderKeys.settings, s),
  });
}

export const useRoundSchedules = () =>
  useQuery({ queryKey: reminderKeys.schedules, queryFn: () => get<z.infer<typeof RoundScheduleList>>('/round-schedules') });

/** Creates (no row) or changes a schedule; deletes with `remove`. */
export function useSaveRoundSchedule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ row, input }: { row: RoundSchedule | null; input: RoundScheduleInput }) =>
      row ? api<RoundSchedule>('PATCH', `/round-schedules/${row.id}`, input, ifMatch(row.version)) : api<RoundSchedule>('POST', '/round-schedules', input),
    onSuccess: () => client.invalidateQueries({ queryKey: reminderKeys.schedules }),
  });
}

export const useFindingReminders = (findingId: string, enabled = true) =>
  useQuery({ queryKey: reminderKeys.finding(findingId), queryFn: () => get<{ items: FindingReminder[] }>(`/findings/${findingId}/reminders`), enabled });
