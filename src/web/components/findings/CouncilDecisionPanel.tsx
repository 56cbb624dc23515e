import { Alert, Button, Group, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, ApiError } from '../../api';
import { formatDay } from '../../format';
import type { Language } from '../../i18n';
import { useReports, type FindingDetail } from '../../queries/findings';
import { useMeetings } from '../../queries/register';
import { useVocabulary } from '../../session';

/** The council's decision on the finding, with the meeting and the committee's comment; central coordination records it. */
export function CouncilDecisionPanel({ finding, onChanged }: { finding: FindingDetail; onChanged: () => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const context = useVocabulary();
  const decision = finding.councilDecision;
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  if (!decision && !finding.actions.setCouncilDecision) return null;
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4">
          {t('registry.council.title', { context })}
        </Title>
        {finding.actions.setCouncilDecision && !editing && (
          <Button size="xs" variant="default" onClick={() => (setEditing(true), setSaved(false))}>
            {decision ? t('registry.council.edit') : t('registry.council.record')}
          </Button>
        )}
      </Group>
      {saved && (
        <Alert color="green.9" variant="outline" role="status" mb="xs">
          {t('registry.council.saved')}
        </Alert>
      )}
      {editing ? (
        <CouncilDecisionForm
          finding={finding}
          onCancel={() => setEditing(false)}
          onSaved={async () => {
            setEditing(false);
            setSaved(true);
            await onChanged();
          }}
          onStale={onChanged}
        />
      ) : decision ? (
        <Stack gap={4}>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{decision.text}</Text>
          {decision.meeting && (
            <Text size="sm">
              {t('registry.council.meeting')}:{' '}
              {t('registry.council.atMeeting', { body: decision.meeting.body, date: formatDay(decision.meeting.heldOn, lang) })}
              {decision.meeting.agendaItem ? `, ${decision.meeting.agendaItem}` : ''}
            </Text>
          )}
          {decision.committeeComment && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {decision.committeeComment}
            </Text>
          )}
        </Stack>
      ) : (
        <Text size="sm">{t('registry.council.none')}</Text>
      )}
    </Paper>
  );
}

function CouncilDecisionForm({
  finding,
  onCancel,
  onSaved,
  onStale,
}: {
  finding: FindingDetail;
  onCancel: () => void;
  onSaved: () => Promise<void>;
  onStale: () => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const context = useVocabulary();
  const decision = finding.councilDecision;
  const meetings = useMeetings();
  const [text, setText] = useState(decision?.text ?? '');
  const [meetingId, setMeetingId] = useState<string | null>(decision?.meetingId ?? null);
  const [comment, setComment] = useState(decision?.committeeComment ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      // The version comes from the finding as last loaded; a stale one is refused (409) and the text stays.
      const headers: Record<string, string> = decision ? { 'if-match': `"${finding.councilDecision!.version}"` } : {};
      await api('PUT', `/findings/${finding.id}/council-decision`, { text, meetingId, committeeComment: comment.trim() || null }, headers);
      await onSaved();
    } catch (err) {
      if (err instanceof ApiError) {
        setErrors(Object.fromEntries(err.errors.map((e) => [e.field.replace(/^body\./, ''), e.message])));
        if (err.status === 409 || err.status === 428) {
          setFailure(t('registry.council.conflict'));
          await onStale();
        } else if (!err.errors.length) setFailure(err.detail ?? err.title);
      } else setFailure(t('app.error'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack gap="sm">
        {failure && (
          <Alert color="red.9" variant="outline" role="alert">
            {failure}
          </Alert>
        )}
        <Textarea
          label={t('registry.council.text')}
          required
          autosize
          minRows={2}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={errors.text}
        />
        <Select
          label={t('registry.council.meeting')}
          placeholder={t('registry.council.noMeeting')}
          value={meetingId}
          onChange={setMeetingId}
          clearable
          searchable
          data={(meetings.data?.items ?? []).map((m) => ({
            value: m.id,
            label: `${m.body} ${formatDay(m.heldOn, lang)}${m.agendaItem ? `, ${m.agendaItem}` : ''}`,
          }))}
          error={errors.meetingId}
        />
        <Textarea
          label={t('registry.council.committeeComment', { context })}
          autosize
          minRows={2}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          error={errors.committeeComment}
        />
        <Group gap="xs">
          <Button type="submit" loading={busy}>
            {t('registry.council.save')}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t('registry.detail.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Carries the finding into a later year's report with its open measures (central coordination). */
export function CarryOverPanel({ finding }: { finding: FindingDetail }) {
  const { t } = useTranslation();
  const context = useVocabulary();
  const navigate = useNavigate();
  const reports = useReports();
  const later = (reports.data?.items ?? []).filter((r) => r.year > finding.reportYear);
  const [reportId, setReportId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!finding.actions.carryOver) return null;
  const submit = async () => {
    if (!reportId) return;
    setBusy(true);
    setError(null);
    try {
      const next = await api<FindingDetail>('POST', `/findings/${finding.id}/carry-over`, { reportId });
      navigate(`/findings/${next.id}`);
    } catch (err) {
      setError(err instanceof ApiError ? (err.errors[0]?.message ?? err.detail ?? err.title) : t('app.error'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="xs">
        {t('registry.carryOver.title')}
      </Title>
      {reports.data && later.length === 0 ? (
        <Text size="sm">{t('registry.carryOver.noReport', { context })}</Text>
      ) : (
        <Group align="end" gap="xs" wrap="wrap">
          <Select
            label={t('registry.carryOver.report', { context })}
            value={reportId}
            onChange={setReportId}
            data={later.map((r) => ({ value: r.id, label: `${r.title} (${r.year})` }))}
            error={error ?? undefined}
            w={{ base: '100%', sm: 320 }}
          />
          <Button onClick={() => void submit()} loading={busy} disabled={!reportId}>
            {t('registry.carryOver.action', { context })}
          </Button>
        </Group>
      )}
    </Paper>
  );
}
