import { Alert, Badge, Button, Group, Loader, Paper, Radio, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDeadline, parseDeadline } from '../../../domain/deadline';
import type { Language } from '../../i18n';
import { EvidencePanel } from './EvidencePanel';
import { StatusBadge } from './StatusBadge';
import type { MeasureStatus, RoundMeasure, StatusEntry } from './types';

/** What the user is typing for one measure; kept until it is saved, whatever the server says. */
export interface Draft {
  status: MeasureStatus | null;
  note: string;
  reason: string;
  newDeadline: string;
  selfCheckResult: string;
}

export type DraftField = keyof Draft;

export const draftOf = (e: StatusEntry | null): Draft => ({
  status: e?.status ?? null,
  note: e?.note ?? '',
  reason: e?.reason ?? '',
  newDeadline: e?.newDeadline?.display ?? '',
  selfCheckResult: e?.selfCheckResult ?? '',
});

/** "Q2-2026" → how it was understood, in the reader's way of writing it; or the domain's message why not. */
export function understood(text: string, lang: Language): { ok: true; shown: string } | { ok: false; message: string } | null {
  if (!text.trim()) return null;
  const parsed = parseDeadline(text);
  return parsed.ok ? { ok: true, shown: formatDeadline(parsed.value, lang) } : { ok: false, message: parsed.error.message[lang] };
}

interface Props {
  measure: RoundMeasure;
  entry: StatusEntry | null;
  draft: Draft;
  dirty: boolean;
  editable: boolean;
  errors: Partial<Record<DraftField, string>>;
  formError: string | null;
  conflict: StatusEntry | null;
  saving: boolean;
  context: 'SE' | undefined;
  onChange: (patch: Partial<Draft>) => void;
  onSave: () => void;
  onUseTheirs: () => void;
}

/** One measure of the round: its status and the fields the status requires, saved on its own. */
export function MeasureCard({ measure, entry, draft, dirty, editable, errors, formError, conflict, saving, context, onChange, onSave, onUseTheirs }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const id = (field: string) => `m-${measure.measureId}-${field}`;
  const deadlineText = measure.deadline ? measure.deadline.display : t('rounds.form.noDeadline');
  const newDate = understood(draft.newDeadline, lang);
  const titleId = id('title');
  // After its deadline a measure cannot be on track: the server offers only what it will accept.
  const onTrackClosed = !measure.allowedStatuses.includes('onTrack');
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby={titleId} data-measure={measure.number} id={`m-${measure.measureId}`} tabIndex={-1}>
      {/* On a phone the badges go under the title instead of pushing the card wider than the screen */}
      <Group justify="space-between" align="start" wrap="wrap" gap="sm">
        <Stack gap={2} style={{ flex: '1 1 16rem', minWidth: 0 }}>
          <Title order={4} size="h5" id={titleId}>
            {t('rounds.form.measure', { context, number: measure.number, title: measure.title })}
          </Title>
          <Text size="sm">{t('rounds.form.deadline', { context, deadline: deadlineText })}</Text>
        </Stack>
        <Group gap={6} wrap="wrap">
          {dirty && (
            <Badge variant="outline" color="#9a4400" size="sm">
              {t('rounds.form.unsaved')}
            </Badge>
          )}
          {measure.overdue && (
            <Badge variant="outline" color="#9a4400" size="sm">
              {t('rounds.form.overdue', { context })}
            </Badge>
          )}
          <StatusBadge status={entry?.status ?? null} />
        </Group>
      </Group>

      {editable ? (
        <Stack gap="xs" mt="xs">
          <Radio.Group
            label={t('rounds.form.statusLabel')}
            description={onTrackClosed ? t('rounds.form.deadlinePassed', { context }) : undefined}
            value={draft.status && measure.allowedStatuses.includes(draft.status) ? draft.status : ''}
            onChange={(v) => onChange({ status: v as MeasureStatus })}
            error={errors.status}
          >
            <Group gap="lg" mt={4}>
              {measure.allowedStatuses.map((s) => (
                <Radio key={s} value={s} label={t(`rounds.status.${s}`)} />
              ))}
            </Group>
          </Radio.Group>
          {draft.status === 'delayed' && (
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
              <Textarea
                id={id('reason')}
                label={t('rounds.form.reason')}
                value={draft.reason}
                onChange={(e) => onChange({ reason: e.currentTarget.value })}
                error={errors.reason}
                autosize
                minRows={2}
                required
              />
              <TextInput
                id={id('newDeadline')}
                label={t('rounds.form.newDeadline')}
                description={newDate?.ok ? t('rounds.form.understood', { value: newDate.shown }) : t('rounds.form.newDeadlineHint')}
                value={draft.newDeadline}
                onChange={(e) => onChange({ newDeadline: e.currentTarget.value })}
                error={errors.newDeadline ?? (newDate && !newDate.ok ? newDate.message : undefined)}
                required
              />
            </SimpleGrid>
          )}
          {draft.status === 'cancelled' && (
            <Textarea
              id={id('reason')}
              label={t('rounds.form.cancelReason')}
              value={draft.reason}
              onChange={(e) => onChange({ reason: e.currentTarget.value })}
              error={errors.reason}
              autosize
              minRows={2}
              required
            />
          )}
          {draft.status === 'postponed' && (
            <Textarea
              id={id('reason')}
              label={t('rounds.form.waitingFor')}
              description={t('rounds.form.waitingForHint')}
              value={draft.reason}
              onChange={(e) => onChange({ reason: e.currentTarget.value })}
              error={errors.reason}
              autosize
              minRows={2}
              required
            />
          )}
          {draft.status === 'completed' && (
            <Textarea
              id={id('selfCheckResult')}
              label={t('rounds.form.selfCheck', { context })}
              description={t('rounds.form.selfCheckHint')}
              value={draft.selfCheckResult}
              onChange={(e) => onChange({ selfCheckResult: e.currentTarget.value })}
              error={errors.selfCheckResult}
              autosize
              minRows={2}
              required
            />
          )}
          {draft.status && (
            <Textarea
              id={id('note')}
              label={t('rounds.form.note')}
              value={draft.note}
              onChange={(e) => onChange({ note: e.currentTarget.value })}
              error={errors.note}
              autosize
              minRows={1}
            />
          )}
          {formError && (
            <Alert color="red" variant="light" role="alert" p="xs">
              {formError}
            </Alert>
          )}
          {conflict && (
            <Alert color="orange" variant="light" role="alert" title={t('rounds.form.conflict')}>
              <SavedEntry entry={conflict} context={context} label={t('rounds.form.theirs', { status: t(`rounds.status.${conflict.status}`) })} />
              <Group gap="xs" mt="xs">
                <Button size="xs" variant="default" onClick={onUseTheirs}>
                  {t('rounds.form.useTheirs')}
                </Button>
                <Button size="xs" onClick={onSave}>
                  {t('rounds.form.keepMine')}
                </Button>
              </Group>
            </Alert>
          )}
          <Group gap="sm">
            {/* Unavailable but still focusable (aria-disabled, not disabled, not `loading`): after a save the keyboard focus stays here instead of falling back to the page. */}
            <Button
              size="xs"
              onClick={() => {
                if (draft.status && dirty && !saving) onSave();
              }}
              rightSection={saving ? <Loader size={12} color="white" /> : undefined}
              aria-busy={saving || undefined}
              data-disabled={!draft.status || !dirty || saving || undefined}
              aria-disabled={!draft.status || !dirty || saving || undefined}
            >
              {t('rounds.form.save')}
            </Button>
            {entry && !dirty && (
              <Text size="xs" role="status">
                {t('rounds.form.saved')}
              </Text>
            )}
          </Group>
        </Stack>
      ) : (
        <Stack gap={4} mt="xs">
          {entry && <SavedEntry entry={entry} context={context} />}
          {!measure.canAnswer && <Text size="xs">{t('rounds.form.readOnly')}</Text>}
        </Stack>
      )}
      {entry && (
        <Stack mt="sm">
          <EvidencePanel entryId={entry.id} canUpload={editable} />
        </Stack>
      )}
    </Paper>
  );
}

/** A saved status, read-only: the fields its status carries. */
export function SavedEntry({ entry, context, label }: { entry: StatusEntry; context: 'SE' | undefined; label?: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2}>
      {label && (
        <Text size="sm" fw={600}>
          {label}
        </Text>
      )}
      {entry.reason && <Text size="sm">{t(entry.status === 'postponed' ? 'rounds.side.waitingFor' : 'rounds.side.reason', { text: entry.reason })}</Text>}
      {entry.newDeadline && <Text size="sm">{t('rounds.side.newDeadline', { deadline: entry.newDeadline.display })}</Text>}
      {entry.selfCheckResult && <Text size="sm">{t('rounds.side.selfCheck', { context, text: entry.selfCheckResult })}</Text>}
      {entry.note && <Text size="sm">{entry.note}</Text>}
    </Stack>
  );
}
