import { Alert, Button, Group, NumberInput, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConflictAlert } from '../activity/ConflictAlert';
import { errorAlertStyles, saveFailure, useLeaveGuard, type SaveFailure } from '../activity/forms';
import { useReminderSettings, useSaveReminderSettings, type ReminderSettings, type ReminderSettingsInput } from '../../queries/reminders';
import { focusFirstInvalid, toNumber, wholeNumberError, type Typed } from './numbers';

const steps = ['departmentCoordinator', 'departmentHead', 'centralCoordinator'] as const;
type Step = (typeof steps)[number];
const noFailure: SaveFailure = { fields: {}, conflict: null, message: null };
type NumberField = 'daysBefore' | 'overdueEveryDays' | 'escalateAfterDays';
/** Each number's range (the server's too): the form says it beside the field instead of clamping. */
const ranges: Record<NumberField, [number, number]> = { daysBefore: [0, 90], overdueEveryDays: [1, 90], escalateAfterDays: [1, 365] };
/** The form's state: the numbers as typed, so an emptied field stays empty (not 0) until it is corrected. */
type Draft = Omit<ReminderSettingsInput, NumberField> & Record<NumberField, Typed>;
const toInput = (d: Draft): ReminderSettingsInput => ({
  ...d,
  daysBefore: toNumber(d.daysBefore),
  overdueEveryDays: toNumber(d.overdueEveryDays),
  escalateAfterDays: toNumber(d.escalateAfterDays),
});
const inputOf = (s: ReminderSettings): Draft => ({
  daysBefore: s.daysBefore,
  overdueEveryDays: s.overdueEveryDays,
  escalateAfterDays: s.escalateAfterDays,
  escalationChain: s.escalationChain,
});

/**
 * The municipality's reminder settings (a section of the settings page): days before a due date,
 * how often while overdue, when to escalate and along which chain. Central coordination and the
 * administrators change them; everyone else on staff reads them.
 */
export function ReminderSettingsSection() {
  const { t } = useTranslation();
  const settings = useReminderSettings();
  const save = useSaveReminderSettings();
  const [draft, setDraft] = useState<Draft | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const [failure, setFailure] = useState<SaveFailure>(noFailure);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (settings.data && draft === null) setDraft(inputOf(settings.data));
  }, [settings.data, draft]);
  const dirty = settings.data && draft ? JSON.stringify(draft) !== JSON.stringify(inputOf(settings.data)) : false;
  const readOnly = !settings.data?.actions.update;
  useLeaveGuard(dirty && !readOnly, t('admin.unsavedConfirm'));
  if (!settings.data || !draft) return null;
  const set = (patch: Partial<Draft>) => {
    setSaved(false);
    setDraft((d) => ({ ...d!, ...patch }));
  };
  const submit = (version: number) => {
    const invalid = Object.fromEntries(
      (Object.keys(ranges) as NumberField[]).flatMap((name) => {
        const error = wholeNumberError(draft[name], ...ranges[name], t);
        return error ? [[name, error]] : [];
      }),
    );
    if (Object.keys(invalid).length > 0) {
      setSaved(false);
      setFailure({ fields: invalid, conflict: null, message: null });
      focusFirstInvalid(formRef.current);
      return;
    }
    setFailure(noFailure);
    save.mutate(
      { version, input: toInput(draft) },
      {
        onSuccess: (s) => {
          setDraft(inputOf(s));
          setSaved(true);
        },
        onError: (err) => {
          setFailure(saveFailure(err, t));
          focusFirstInvalid(formRef.current);
        },
      },
    );
  };
  const chain = draft.escalationChain as Step[];
  const number = (name: NumberField, description?: string) => (
    <NumberInput
      label={t(`reminders.settings.${name}`)}
      description={description}
      min={ranges[name][0]}
      max={ranges[name][1]}
      clampBehavior="none"
      allowDecimal={false}
      value={draft[name]}
      onChange={(v) => set({ [name]: v })}
      readOnly={readOnly}
      error={failure.fields[name]}
      required
    />
  );
  // The summary under the button names each field, as a screen reader hears it apart from the field
  const fieldLabel = (field: string) =>
    field in ranges ? t(`reminders.settings.${field}`) : field.startsWith('escalationChain') ? t('reminders.settings.chain') : field;
  const title = t('reminders.settings.title');
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        <Text size="sm">{t('reminders.settings.help')}</Text>
        {settings.data.isDefault && <Text size="sm">{t('reminders.settings.defaults')}</Text>}
        <form
          ref={formRef}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit(settings.data.version);
          }}
        >
          <Stack gap="xs" maw={480}>
            {number('daysBefore', t('reminders.settings.daysBeforeHelp'))}
            {number('overdueEveryDays')}
            {number('escalateAfterDays')}
            <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
              <legend>
                <Text size="sm" fw={500}>
                  {t('reminders.settings.chain')}
                </Text>
              </legend>
              <Text size="xs" mb={4}>
                {t('reminders.settings.chainHelp')}
              </Text>
              <Stack gap={6}>
                {chain.map((step, i) => (
                  <Group key={i} gap="xs" align="end">
                    <Select
                      label={t('reminders.settings.step', { n: i + 1 })}
                      data={steps.filter((s) => s === step || !chain.includes(s)).map((s) => ({ value: s, label: t(`reminders.steps.${s}`) }))}
                      value={step}
                      onChange={(v) => v && set({ escalationChain: chain.map((s, j) => (j === i ? (v as Step) : s)) })}
                      allowDeselect={false}
                      readOnly={readOnly}
                      w={280}
                      maw="100%"
                      error={i === 0 ? failure.fields.escalationChain : failure.fields[`escalationChain.${i}`]}
                    />
                    {!readOnly && chain.length > 1 && (
                      <Button variant="subtle" color="red" c="red.9" onClick={() => set({ escalationChain: chain.filter((_, j) => j !== i) })}>
                        {t('reminders.settings.removeStep', { n: i + 1 })}
                      </Button>
                    )}
                  </Group>
                ))}
              </Stack>
              {!readOnly && chain.length < steps.length && (
                <Button variant="light" mt="xs" size="compact-sm" onClick={() => set({ escalationChain: [...chain, steps.find((s) => !chain.includes(s))!] })}>
                  {t('reminders.settings.addStep')}
                </Button>
              )}
            </fieldset>
            {failure.conflict && (
              <ConflictAlert
                fields={['daysBefore', 'overdueEveryDays', 'escalateAfterDays'].map((name) => ({ name, label: t(`reminders.settings.${name}`) }))}
                theirs={failure.conflict}
                mine={draft}
                onTakeTheirs={() => {
                  setDraft(inputOf(failure.conflict as ReminderSettings));
                  setFailure(noFailure);
                  void settings.refetch();
                }}
                onKeepMine={() => submit(Number(failure.conflict!.version))}
              />
            )}
            {!readOnly && (
              <Group>
                <Button type="submit" loading={save.isPending}>
                  {t('reminders.settings.save')}
                </Button>
              </Group>
            )}
            {(failure.message || (!failure.conflict && Object.keys(failure.fields).length > 0)) && (
              <Alert color="red" role="alert" styles={errorAlertStyles} title={t('admin.saveFailed')}>
                {failure.message ??
                  Object.entries(failure.fields)
                    .map(([field, message]) => `${fieldLabel(field)}: ${message}`)
                    .join(' ')}
              </Alert>
            )}
            {saved && (
              <Text size="sm" role="status">
                {t('reminders.settings.saved')}
              </Text>
            )}
          </Stack>
        </form>
      </Stack>
    </Paper>
  );
}
