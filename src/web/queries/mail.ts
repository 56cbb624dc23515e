import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MailMessageT, MailStatusT } from '../../server/modules/mail/schemas';
import { api, get, type Page } from '../api';

/** The server's shapes (Zod-inferred), not hand copies. */
export type MailStatus = MailStatusT;
export type MailMessage = MailMessageT;
export type MailState = MailMessage['state'];

export const mailKeys = {
  all: ['mail'] as const,
  status: ['mail', 'status'] as const,
  log: (page: number, state: MailState | null) => ['mail', 'log', page, state] as const,
};

/** Whether this server mails, and as whom (administrators: others do not ask, so no 403 is logged). */
export const useMailStatus = (enabled: boolean) => useQuery({ queryKey: mailKeys.status, queryFn: () => get<MailStatus>('/mail/status'), enabled });

/** One page of the delivery log, newest first, optionally of one state. */
export const useMailLog = (page: number, pageSize: number, state: MailState | null) =>
  useQuery({
    queryKey: mailKeys.log(page, state),
    queryFn: () => get<Page<MailMessage>>(`/mail/messages?limit=${pageSize}&offset=${(page - 1) * pageSize}${state ? `&state=${state}` : ''}`),
    placeholderData: keepPreviousData,
  });

/** Sends a test mail now; answers its log entry (sent or failed), and the log shows it. */
export function useSendTestMail() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (to: string) => api<MailMessage>('POST', '/mail/test', { to }),
    onSuccess: () => client.invalidateQueries({ queryKey: mailKeys.all }),
  });
}
