import { Alert, Button, Group, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { formatDay } from '../../format';
import type { Language } from '../../i18n';
import { useMeetings } from '../../queries/register';
import { DateField } from '../DateField';
import type { MeetingRef } from './draft';

export interface ApprovalValues {
  approvedOn: string;
  meetingId: string | null;
  note: string | null;
  overrideReason?: string | null;
}

const meetingLabel = (m: MeetingRef, lang: Language) => `${m.body}, ${formatDay(m.heldOn, lang)}${m.agendaItem ? ` (${m.agendaItem})` : ''}`;

/** A failed command's message: the first field error, else the problem's detail or title. */
export const problemText = (err: unknown, fallback: string) => (err instanceof ApiError ? (err.errors[0]?.message ?? err.detail ?? err.title) : fallback);

/**
 * Central coordination's approval: the date, the meeting that decided it, a note, and (when the
 * guidance check has open errors) the reason for approving anyway. Inline, not a modal, so the
 * form keeps what was typed when the server refuses it.
 */
export function ApproveForm({
  id,
  title,
  openErrors,
  allowOverride,
  onApprove,
  onCancel,
}: {
  id: string;
  title: string;
  openErrors: number;
  allowOverride: boolean;
  onApprove: (v: ApprovalValues) => Promise<void>;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const meetings = useMeetings();
  const [approvedOn, setApprovedOn] = useState('');
  const [meetingId, setMeetingId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [override, setOverride] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const needsOverride = allowOverride && openErrors > 0;
  const submit = async () => {
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      await onApprove({ approvedOn, meetingId, note: note.trim() || null, ...(needsOverride ? { overrideReason: override.trim() || null } : {}) });
    } catch (err) {
      if (err instanceof ApiError)
        setErrors(Object.fromEntries(err.errors.filter((e) => e.field.startsWith('body.')).map((e) => [e.field.slice(5), e.message])));
      setFailure(problemText(err, t('app.error')));
    } finally {
      setBusy(false);
    }
  };
  const items = [...(meetings.data?.items ?? [])].sort((a, b) => b.heldOn.localeCompare(a.heldOn));
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby={`${id}-title`}>
      <Title order={4} size="h5" id={`${id}-title`} mb="xs">
        {title}
      </Title>
      <Stack gap="xs">
        {openErrors > 0 && (
          <Alert color="red.9" variant="light" p="xs">
            <Text size="sm" c="red.9" fw={600}>
              {t('plans.review.openErrors', { count: openErrors })}
            </Text>
            {needsOverride && <Text size="sm">{t('plans.review.overrideHint')}</Text>}
          </Alert>
        )}
        <DateField id={`${id}-date`} label={t('plans.review.approvedOn')} value={approvedOn} required error={errors.approvedOn} onChange={setApprovedOn} />
        <Select
          id={`${id}-meeting`}
          label={t('plans.review.meeting')}
          placeholder={t('plans.review.meetingNone')}
          data={items.map((m) => ({ value: m.id, label: meetingLabel(m, lang) }))}
          value={meetingId}
          onChange={setMeetingId}
          error={errors.meetingId}
          searchable
          clearable
          comboboxProps={{ withinPortal: false }}
        />
        <Textarea
          id={`${id}-note`}
          label={t('plans.review.note')}
          autosize
          minRows={1}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={errors.note}
        />
        {needsOverride && (
          <Textarea
            id={`${id}-override`}
            label={t('plans.review.override')}
            required
            autosize
            minRows={2}
            value={override}
            onChange={(e) => setOverride(e.currentTarget.value)}
            error={errors.overrideReason}
          />
        )}
        {failure && (
          <Alert color="red.9" variant="light" role="alert" p="xs">
            <Text size="sm">{failure}</Text>
          </Alert>
        )}
        <Group gap="xs">
          <Button onClick={() => void submit()} loading={busy}>
            {t('plans.review.confirmApprove')}
          </Button>
          <Button variant="default" onClick={onCancel} disabled={busy}>
            {t('plans.review.cancel')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** Central coordination sends a submitted plan or answer back, with a comment the department reads. */
export function ReturnForm({ id, onReturn, onCancel }: { id: string; onReturn: (comment: string) => Promise<void>; onCancel: () => void }) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!comment.trim()) {
      setError(t('plans.review.commentRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onReturn(comment.trim());
    } catch (err) {
      setError(problemText(err, t('app.error')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby={`${id}-title`}>
      <Title order={4} size="h5" id={`${id}-title`} mb="xs">
        {t('plans.review.returnTitle')}
      </Title>
      <Stack gap="xs">
        <Textarea
          id={`${id}-comment`}
          label={t('plans.review.comment')}
          required
          autosize
          minRows={2}
          value={comment}
          error={error}
          onChange={(e) => setComment(e.currentTarget.value)}
        />
        <Group gap="xs">
          <Button color="red.9" onClick={() => void submit()} loading={busy}>
            {t('plans.review.confirmReturn')}
          </Button>
          <Button variant="default" onClick={onCancel} disabled={busy}>
            {t('plans.review.cancel')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
