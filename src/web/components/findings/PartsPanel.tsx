import { Alert, Badge, Button, Checkbox, Group, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api';
import { formatDay } from '../../format';
import { intlLocale, type Language } from '../../i18n';
import type { FindingDetail, FindingPart } from '../../queries/findings';
import { useVocabulary } from '../../session';
import { fieldErrorText } from '../activity/forms';
import { DateField } from '../DateField';

type Move = 'proposeClosure' | 'close' | 'reopen';
const target: Record<Move, 'closureProposed' | 'closed' | 'inProgress'> = { proposeClosure: 'closureProposed', close: 'closed', reopen: 'inProgress' };

/** The day of an instant in the reader's time zone and format. */
const dayOf = (instant: string, lang: Language) =>
  new Intl.DateTimeFormat(intlLocale[lang], { day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(instant));

/**
 * Each department's part of a finding: its state and comment, central coordination's request for
 * its plan, and the moves the caller may make now (the part's `actions`): propose closure, close,
 * reopen, each with a comment.
 */
export function PartsPanel({ finding, onChanged }: { finding: FindingDetail; onChanged: () => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const context = useVocabulary();
  const [open, setOpen] = useState<{ departmentId: string; move: Move } | null>(null);
  const [saved, setSaved] = useState(false);
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="xs">
        {t('registry.detail.part')}
      </Title>
      {saved && (
        <Alert color="green.9" variant="outline" role="status" mb="xs">
          {t('registry.detail.moved')}
        </Alert>
      )}
      <Stack gap="sm">
        {finding.departments.map((d) => (
          <Paper key={d.departmentId} withBorder p="sm" data-testid={`part-${d.code}`}>
            <Group justify="space-between" align="start" wrap="wrap" gap="xs">
              <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
                <Group gap="xs">
                  <Text fw={600}>
                    {d.code} {d.name}
                  </Text>
                  <Badge variant="outline" color="dark">
                    {t(`state.${d.state}`)}
                  </Badge>
                </Group>
                {d.planRequest && (
                  <Text size="sm">
                    {t('registry.detail.requested', {
                      context,
                      name: d.planRequest.requestedBy?.name ?? '',
                      date: dayOf(d.planRequest.requestedAt, lang),
                      due: formatDay(d.planRequest.dueOn, lang),
                    })}
                  </Text>
                )}
                {d.planRequest?.note && <Text size="sm">{t('registry.detail.requestNote', { note: d.planRequest.note })}</Text>}
                {d.stateNote && <Text size="sm">{t('registry.detail.stateNote', { note: d.stateNote })}</Text>}
              </Stack>
              <Group gap="xs">
                {(['proposeClosure', 'close', 'reopen'] as const)
                  // While a move's form is open, its own button is the form's submit.
                  .filter((m) => d.actions[m] && open?.departmentId !== d.departmentId)
                  .map((m) => (
                    <Button
                      key={m}
                      size="xs"
                      variant={m === 'reopen' ? 'default' : 'filled'}
                      onClick={() => (setOpen({ departmentId: d.departmentId, move: m }), setSaved(false))}
                    >
                      {t(`registry.detail.${m}`)}
                    </Button>
                  ))}
              </Group>
            </Group>
            {open?.departmentId === d.departmentId && (
              <MoveForm
                findingId={finding.id}
                part={d}
                move={open.move}
                onCancel={() => setOpen(null)}
                onDone={async () => {
                  setOpen(null);
                  setSaved(true);
                  await onChanged();
                }}
              />
            )}
          </Paper>
        ))}
      </Stack>
    </Paper>
  );
}

function MoveForm({
  findingId,
  part,
  move,
  onCancel,
  onDone,
}: {
  findingId: string;
  part: FindingPart;
  move: Move;
  onCancel: () => void;
  onDone: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!note.trim()) {
      setError(t('registry.detail.commentRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api('PUT', `/findings/${findingId}/departments/${part.departmentId}/state`, { state: target[move], note }, { 'if-match': `"${part.version}"` });
      await onDone();
    } catch (err) {
      setError(err instanceof ApiError ? (err.errors[0]?.message ?? err.detail ?? err.title) : t('app.error'));
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
      <Stack gap="xs" mt="sm">
        <Textarea
          label={t('registry.detail.comment', { code: part.code })}
          withAsterisk
          aria-required
          autosize
          minRows={2}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={error ?? undefined}
          autoFocus
        />
        <Group gap="xs">
          <Button type="submit" size="xs" loading={busy}>
            {t(`registry.detail.${move}`)}
          </Button>
          <Button size="xs" variant="default" onClick={onCancel}>
            {t('registry.detail.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Central coordination asks the departments that have neither a plan nor a request for one. */
export function RequestPlansForm({ finding, onDone }: { finding: FindingDetail; onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const context = useVocabulary();
  const askable = finding.departments.filter((d) => d.actions.requestPlan);
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<string[]>(() => askable.map((d) => d.departmentId));
  const [dueOn, setDueOn] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!finding.actions.requestPlans && !sent) return null;
  const submit = async () => {
    setErrors({});
    // An empty date is said beside the field in the page's language (not the browser's own bubble)
    const missing = {
      ...(chosen.length ? {} : { departmentIds: t('registry.detail.noneChosen') }),
      ...(dueOn ? {} : { dueOn: t('admin.errorCodes.schema_too_small') }),
    };
    if (Object.keys(missing).length > 0) {
      setErrors(missing);
      return;
    }
    setBusy(true);
    try {
      await api('POST', `/findings/${finding.id}/plan-requests`, { departmentIds: chosen, dueOn, note: note.trim() || null });
      setSent(true);
      setOpen(false);
      await onDone();
    } catch (err) {
      if (err instanceof ApiError) {
        // Known codes in the reader's language (the server's own message may be English)
        const named = Object.fromEntries(
          err.errors.map((e) => [e.field.replace(/^body\./, '').replace(/^departmentIds\.\d+$/, 'departmentIds'), fieldErrorText(t, e.code, e.message)]),
        );
        setErrors(Object.keys(named).length ? named : { departmentIds: err.detail ?? err.title });
      } else setErrors({ departmentIds: t('app.error') });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="md">
      {sent && (
        <Alert color="green.9" variant="outline" role="status" mb={open ? 'sm' : 0}>
          {t('registry.detail.sent', { context })}
        </Alert>
      )}
      {!open && finding.actions.requestPlans && (
        <Button mt={sent ? 'sm' : 0} onClick={() => (setOpen(true), setSent(false), setChosen(askable.map((d) => d.departmentId)))}>
          {t('registry.detail.requestPlans', { context })}
        </Button>
      )}
      {open && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
          aria-labelledby="request-plans-title"
        >
          <Stack gap="sm">
            <Title order={3} size="h4" id="request-plans-title">
              {t('registry.detail.requestPlans', { context })}
            </Title>
            <Checkbox.Group label={t('registry.detail.requestDepartments', { context })} value={chosen} onChange={setChosen} error={errors.departmentIds}>
              <Group gap="md" mt={4}>
                {askable.map((d) => (
                  <Checkbox key={d.departmentId} value={d.departmentId} label={`${d.code} ${d.name}`} />
                ))}
              </Group>
            </Checkbox.Group>
            <DateField label={t('registry.detail.dueOn', { context })} required value={dueOn} onChange={setDueOn} error={errors.dueOn} />
            <TextInput label={t('registry.detail.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.note} maxLength={2000} />
            <Group gap="xs">
              <Button type="submit" loading={busy}>
                {t('registry.detail.send')}
              </Button>
              <Button variant="default" onClick={() => setOpen(false)}>
                {t('registry.detail.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Paper>
  );
}
