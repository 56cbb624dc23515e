import { Alert, Button, Checkbox, Group, Modal, NumberInput, Select, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api';
import { formatDay } from '../../format';
import { intlLocale, type Language } from '../../i18n';
import { ConfirmRowDialog } from '../../pages/admin/Register';
import { reminderKeys, useRoundSchedules, useSaveRoundSchedule, type RoundSchedule, type RoundScheduleInput } from '../../queries/reminders';
import { errorAlertStyles, ifMatch, saveFailure, useLeaveGuard, type SaveFailure } from '../activity/forms';
import { LoadError } from '../LoadState';
import { focusFirstInvalid, toNumber, wholeNumberError, type Typed } from './numbers';

const noFailure: SaveFailure = { fields: {}, conflict: null, message: null };
type Draft = { name: string; kind: 'status' | 'plan'; opensOn: string; dueAfterDays: Typed; active: boolean };
const dueAfterRange = [1, 365] as const;
const draftOf = (r: RoundSchedule | null): Draft =>
  r
    ? { name: r.name, kind: r.kind, opensOn: r.opensOn.join(', '), dueAfterDays: r.dueAfterDays, active: r.active }
    : { name: 'Status', kind: 'status', opensOn: '02-01, 08-01', dueAfterDays: 28, active: true };
const inputOf = (d: Draft): RoundScheduleInput => ({
  name: d.name.trim(),
  kind: d.kind,
  opensOn: d.opensOn
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean),
  dueAfterDays: toNumber(d.dueAfterDays),
  active: d.active,
});
/** A day of the year as the server takes it (MM-DD); whether the day exists the server says. */
const dayForm = /^\d{2}-\d{2}$/;

/** The create / edit form of one schedule, in a dialog; field errors beside the fields (a day of the year by its place). */
function ScheduleForm({ row, onClose }: { row: RoundSchedule | null; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveRoundSchedule();
  const [draft, setDraft] = useState<Draft>(() => draftOf(row));
  const [failure, setFailure] = useState<SaveFailure>(noFailure);
  const dirty = JSON.stringify(draft) !== JSON.stringify(draftOf(row));
  useLeaveGuard(dirty, t('admin.unsavedConfirm'));
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const formRef = useRef<HTMLFormElement>(null);
  const days = inputOf(draft).opensOn;
  // A day's error names the day as typed and the form it needs (the schema's own word is only "invalid format")
  const dayErrors = Object.entries(failure.fields)
    .filter(([f]) => f.startsWith('opensOn'))
    .map(([f, m]) => {
      const value = days[Number(f.split('.')[1])];
      return value !== undefined && f !== 'opensOn' ? t('reminders.schedules.badDay', { value }) : m;
    });
  const rest = Object.entries(failure.fields).filter(([f]) => !['name', 'kind', 'dueAfterDays', 'active'].includes(f) && !f.startsWith('opensOn'));
  return (
    <Modal
      opened
      onClose={onClose}
      title={row ? t('reminders.schedules.edit', { name: row.name }) : t('reminders.schedules.new')}
      closeButtonProps={{ 'aria-label': t('admin.close') }}
    >
      <form
        noValidate
        ref={formRef}
        onSubmit={(e) => {
          e.preventDefault();
          const fields: Record<string, string> = {};
          if (!draft.name.trim()) fields.name = t('admin.errorCodes.schema_too_small');
          days.forEach((day, i) => {
            if (!dayForm.test(day)) fields[`opensOn.${i}`] = day;
          });
          if (days.length === 0) fields.opensOn = t('admin.errorCodes.schema_too_small');
          const due = wholeNumberError(draft.dueAfterDays, ...dueAfterRange, t);
          if (due) fields.dueAfterDays = due;
          if (Object.keys(fields).length > 0) {
            setFailure({ fields, conflict: null, message: null });
            focusFirstInvalid(formRef.current);
            return;
          }
          setFailure(noFailure);
          save.mutate(
            { row, input: inputOf(draft) },
            {
              onSuccess: onClose,
              onError: (err) => {
                setFailure(saveFailure(err, t));
                focusFirstInvalid(formRef.current);
              },
            },
          );
        }}
      >
        <Stack gap="xs">
          <TextInput
            label={t('reminders.schedules.name')}
            value={draft.name}
            onChange={(e) => set({ name: e.currentTarget.value })}
            error={failure.fields.name}
            required
          />
          <Select
            label={t('reminders.schedules.kind')}
            data={(['status', 'plan'] as const).map((k) => ({ value: k, label: t(`admin.rounds.kind.${k}`) }))}
            value={draft.kind}
            onChange={(v) => v && set({ kind: v as Draft['kind'] })}
            allowDeselect={false}
            error={failure.fields.kind}
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput
            label={t('reminders.schedules.opensOn')}
            description={t('reminders.schedules.opensOnHelp')}
            value={draft.opensOn}
            onChange={(e) => set({ opensOn: e.currentTarget.value })}
            error={dayErrors.length ? dayErrors.join(' ') : undefined}
            required
          />
          <NumberInput
            label={t('reminders.schedules.dueAfterDays')}
            min={dueAfterRange[0]}
            max={dueAfterRange[1]}
            clampBehavior="none"
            allowDecimal={false}
            value={draft.dueAfterDays}
            onChange={(v) => set({ dueAfterDays: v })}
            error={failure.fields.dueAfterDays}
            required
          />
          <Checkbox label={t('reminders.schedules.active')} checked={draft.active} onChange={(e) => set({ active: e.currentTarget.checked })} />
          {(failure.message || rest.length > 0) && (
            <Alert color="red" role="alert" styles={errorAlertStyles} title={t('reminders.schedules.saveFailed')}>
              {failure.conflict ? t('admin.conflict.deleted') : (failure.message ?? rest.map(([, m]) => m).join(' '))}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('reminders.schedules.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('reminders.schedules.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The rounds that open themselves each year (on the round settings page); central coordination manages them. */
export function RoundSchedules() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const schedules = useRoundSchedules();
  const [editing, setEditing] = useState<RoundSchedule | 'new' | null>(null);
  const [deleting, setDeleting] = useState<RoundSchedule | null>(null);
  const title = t('reminders.schedules.title');
  // Readers do not see the schedules (the server refuses them): nothing to show, not an error
  if (schedules.error instanceof ApiError && schedules.error.status === 403) return null;
  if (schedules.isError) return <LoadError error={schedules.error} />;
  if (!schedules.data) return null;
  const canWrite = schedules.data.actions.create;
  const day = (d: string | null) => (d ? formatDay(d, lang) : t('reminders.schedules.never'));
  // A day of the year as people say it ("1. feb.", "1 feb."), not the MM-DD the form takes
  const dayOfYear = (mmdd: string) => {
    const [m, d] = mmdd.split('-').map(Number);
    return new Intl.DateTimeFormat(intlLocale[lang], { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(Date.UTC(2001, m! - 1, d));
  };
  return (
    <Stack gap="sm" component="section" aria-label={title} mt="xl">
      <Group justify="space-between">
        <Title order={2} size="h3">
          {title}
        </Title>
        {canWrite && <Button onClick={() => setEditing('new')}>{t('reminders.schedules.new')}</Button>}
      </Group>
      <Text size="sm">{t('reminders.schedules.help')}</Text>
      {schedules.data.items.length === 0 ? (
        <Text size="sm">{t('reminders.schedules.empty')}</Text>
      ) : (
        <Table withTableBorder fz="sm" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('reminders.schedules.name')}</Table.Th>
              <Table.Th scope="col">{t('reminders.schedules.kind')}</Table.Th>
              <Table.Th scope="col">{t('reminders.schedules.opensOnColumn')}</Table.Th>
              <Table.Th scope="col">{t('reminders.schedules.dueAfterDays')}</Table.Th>
              <Table.Th scope="col">{t('reminders.schedules.lastOpenedOn')}</Table.Th>
              <Table.Th scope="col">{t('reminders.schedules.nextOpensOn')}</Table.Th>
              {canWrite && (
                <Table.Th scope="col">
                  <VisuallyHidden>{t('admin.actions')}</VisuallyHidden>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {schedules.data.items.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Th scope="row" fw={500}>
                  {r.name}
                </Table.Th>
                <Table.Td>{t(`admin.rounds.kind.${r.kind}`)}</Table.Td>
                <Table.Td>{r.opensOn.map(dayOfYear).join(', ')}</Table.Td>
                <Table.Td>{r.dueAfterDays}</Table.Td>
                <Table.Td>{day(r.lastOpenedOn)}</Table.Td>
                <Table.Td>{r.active ? day(r.nextOpensOn) : t('reminders.schedules.inactive')}</Table.Td>
                {canWrite && (
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button size="compact-xs" variant="subtle" onClick={() => setEditing(r)} aria-label={t('reminders.schedules.edit', { name: r.name })}>
                        {t('admin.edit')}
                      </Button>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        c="red.9"
                        onClick={() => setDeleting(r)}
                        aria-label={t('reminders.schedules.delete', { name: r.name })}
                      >
                        {t('admin.delete')}
                      </Button>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && <ScheduleForm row={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {deleting && (
        <ConfirmRowDialog
          title={t('reminders.schedules.delete', { name: deleting.name })}
          text={t('reminders.schedules.deleteConfirm', { name: deleting.name })}
          failedTitle={t('admin.deleteFailed')}
          actionLabel={t('admin.delete')}
          queryKey={reminderKeys.schedules}
          send={() => api('DELETE', `/round-schedules/${deleting.id}`, undefined, ifMatch(deleting.version))}
          onClose={() => setDeleting(null)}
        />
      )}
    </Stack>
  );
}
