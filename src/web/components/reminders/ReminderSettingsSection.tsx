import { Alert, Button, Group, NumberInput, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConflictAlert } from '../activity/ConflictAlert';
import { errorAlertStyles, saveFailure, useLeaveGuard, type SaveFailure } from '../activity/forms';
import { useReminderSettings, useSaveReminderSettings, type ReminderSettings, type ReminderSettingsInput } from '../../queries/reminders';

const steps = ['departmentCoordinator', 'departmentHead', 'centralCoordinator'] as const;
type Step = (typeof steps)[number];
const noFailure: SaveFailure = { fields: {}, conflict: null, message: null };
const inputOf = (s: ReminderSettings): ReminderSettingsInput => ({
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
  const [draft, setDraft] = useState<ReminderSettingsInput | null>(null);
  const [failure, setFailure] = useState<SaveFailure>(noFailure);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (settings.data && draft === null) setDraft(inputOf(settings.data));
  }, [settings.data, draft]);
  const dirty = settings.data && draft ? JSON.stringify(draft) !== JSON.stringify(inputOf(settings.data)) : false;
  const readOnly = !settings.data?.actions.update;
  useLeaveGuard(dirty && !readOnly, t('admin.unsavedConfirm'));
  if (!settings.data || !draft) return null;
  const set = (patch: Partial<ReminderSettingsInput>) => {
    setSaved(false);
    setDraft((d) => ({ ...d!, ...patch }));
  };
  const submit = (version: number) => {
    setFailure(noFailure);
    save.mutate(
      { version, input: draft },
      {
        onSuccess: (s) => {
          setDraft(inputOf(s));
          setSaved(true);
        },
        onError: (err) => setFailure(saveFailure(err, t)),
      },
    );
  };
  const chain = draft.escalationChain as Step[];
  const number = (name: 'daysBefore' | 'overdueEveryDays' | 'escalateAfterDays', min: number, max: number, description?: string) => (
    <NumberInput
      label={t(`reminders.settings.${name}`)}
      description={description}
      min={min}
      max={max}
      allowDecimal={false}
      allowNegative={false}
      value={draft[name]}
      onChange={(v) => set({ [name]: typeof v === 'number' ? v : Number(v) })}
      readOnly={readOnly}
      error={failure.fields[name]}
      required
    />
  );
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
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit(settings.data.version);
          }}
        >
          <Stack gap="xs" maw={480}>
            {number('daysBefore', 0, 90, t('reminders.settings.daysBeforeHelp'))}
            {number('overdueEveryDays', 1, 90)}
            {number('escalateAfterDays', 1, 365)}
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
                      w={280}
                      label={t('reminders.settings.step', { n: i + 1 })}
                      data={steps.filter((s) => s === step || !chain.includes(s)).map((s) => ({ value: s, label: t(`reminders.steps.${s}`) }))}
                      value={step}
                      onChange={(v) => v && set({ escalationChain: chain.map((s, j) => (j === i ? (v as Step) : s)) })}
                      allowDeselect={false}
                      readOnly={readOnly}
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
                {failure.message ?? Object.values(failure.fields).join(' ')}
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
