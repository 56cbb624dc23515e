import { Alert, Autocomplete, Button, Checkbox, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ConflictAlert } from '../../components/activity/ConflictAlert';
import { errorAlertStyles, saveFailure, useLeaveGuard, type SaveFailure } from '../../components/activity/forms';
import { editable, readAmount } from '../../components/balance/money';
import { ReminderSettingsSection } from '../../components/reminders/ReminderSettingsSection';
import type { Language } from '../../i18n';
import { useQueryClient } from '@tanstack/react-query';
import {
  accountKeys,
  useBalanceSettings,
  useMunicipality,
  useUpdateBalanceSettings,
  useUpdateMunicipality,
  type Municipality as MunicipalityT,
} from '../../queries/account';

const noFailure: SaveFailure = { fields: {}, conflict: null, message: null };
/** The roles that can be let see personal data (readers never); the server holds the same list. */
const personalDataRoles = ['admin', 'centralCoordinator', 'departmentCoordinator', 'measureOwner', 'auditor'] as const;

const zones = (() => {
  try {
    return Intl.supportedValuesOf('timeZone').filter((z) => z.includes('/'));
  } catch {
    return ['Europe/Copenhagen', 'Europe/Stockholm'];
  }
})();

/**
 * One section of the settings page: its own form, resource and version, so saving one never
 * overwrites another. Later issues add their settings as further sections.
 */
function Section({ title, help, children }: { title: string; help?: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        {help && <Text size="sm">{help}</Text>}
        {children}
      </Stack>
    </Paper>
  );
}

function Outcome({ failure, saved }: { failure: SaveFailure; saved: boolean }) {
  const { t } = useTranslation();
  const text = failure.message ?? (Object.keys(failure.fields).length ? Object.values(failure.fields).join(' ') : null);
  return (
    <>
      {text && (
        <Alert color="red" role="alert" styles={errorAlertStyles} title={t('admin.saveFailed')}>
          {text}
        </Alert>
      )}
      {saved && (
        <Text size="sm" role="status">
          {t('account.municipality.saved')}
        </Text>
      )}
    </>
  );
}

type General = Pick<MunicipalityT, 'name' | 'language' | 'vocabulary' | 'currency' | 'timeZone'>;
const generalOf = (m: MunicipalityT): General => ({ name: m.name, language: m.language, vocabulary: m.vocabulary, currency: m.currency, timeZone: m.timeZone });

function GeneralSection({ m, readOnly }: { m: MunicipalityT; readOnly: boolean }) {
  const { t } = useTranslation();
  const update = useUpdateMunicipality();
  const [draft, setDraft] = useState<General>(generalOf(m));
  const [failure, setFailure] = useState<SaveFailure>(noFailure);
  const [saved, setSaved] = useState(false);
  const client = useQueryClient();
  const dirty = JSON.stringify(draft) !== JSON.stringify(generalOf(m));
  useLeaveGuard(dirty && !readOnly, t('admin.unsavedConfirm'));
  const set = (patch: Partial<General>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, ...patch }));
  };
  const save = (version: number) => {
    setFailure(noFailure);
    update.mutate(
      { version, patch: draft },
      {
        onSuccess: (row) => {
          setDraft(generalOf(row));
          setSaved(true);
        },
        // A 409 keeps what was typed; the conflict box offers the saved version or to save this one.
        onError: (err) => setFailure(saveFailure(err, t)),
      },
    );
  };
  const fields = [
    { name: 'name', label: t('account.municipality.name') },
    { name: 'language', label: t('account.municipality.language') },
    { name: 'vocabulary', label: t('account.municipality.vocabulary') },
    { name: 'currency', label: t('account.municipality.currency') },
    { name: 'timeZone', label: t('account.municipality.timeZone') },
  ];
  return (
    <Section title={t('account.municipality.general')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save(m.version);
        }}
      >
        <Stack gap="xs" maw={480}>
          <TextInput
            label={t('account.municipality.name')}
            value={draft.name}
            onChange={(e) => set({ name: e.currentTarget.value })}
            error={failure.fields.name}
            readOnly={readOnly}
            required
          />
          <Select
            label={t('account.municipality.language')}
            description={t('account.municipality.languageHelp')}
            data={(['da', 'sv', 'en'] as const).map((l) => ({ value: l, label: t(`account.languageName.${l}`) }))}
            value={draft.language}
            onChange={(v) => v && set({ language: v as Language })}
            allowDeselect={false}
            readOnly={readOnly}
            error={failure.fields.language}
          />
          <Select
            label={t('account.municipality.vocabulary')}
            data={(['DK', 'SE'] as const).map((v) => ({ value: v, label: t(`account.municipality.vocabularyOption.${v}`) }))}
            value={draft.vocabulary}
            onChange={(v) => v && set({ vocabulary: v as General['vocabulary'] })}
            allowDeselect={false}
            readOnly={readOnly}
            error={failure.fields.vocabulary}
          />
          <Select
            label={t('account.municipality.currency')}
            data={['DKK', 'SEK']}
            value={draft.currency}
            onChange={(v) => v && set({ currency: v as General['currency'] })}
            allowDeselect={false}
            readOnly={readOnly}
            error={failure.fields.currency}
          />
          <Autocomplete
            label={t('account.municipality.timeZone')}
            description={t('account.municipality.timeZoneHelp')}
            data={zones}
            limit={20}
            value={draft.timeZone}
            onChange={(v) => set({ timeZone: v })}
            readOnly={readOnly}
            error={failure.fields.timeZone}
          />
          {failure.conflict && (
            <ConflictAlert
              fields={fields}
              theirs={failure.conflict}
              mine={draft}
              onTakeTheirs={() => {
                setDraft(generalOf(failure.conflict as MunicipalityT));
                setFailure(noFailure);
                void client.invalidateQueries({ queryKey: accountKeys.municipality });
              }}
              onKeepMine={() => save(Number(failure.conflict!.version))}
            />
          )}
          {!readOnly && (
            <Group>
              <Button type="submit" loading={update.isPending}>
                {t('account.municipality.save')}
              </Button>
            </Group>
          )}
          <Outcome failure={{ ...failure, conflict: null, fields: failure.conflict ? {} : failure.fields }} saved={saved} />
        </Stack>
      </form>
    </Section>
  );
}

function PersonalDataSection({ m, readOnly }: { m: MunicipalityT; readOnly: boolean }) {
  const { t } = useTranslation();
  const update = useUpdateMunicipality();
  const [roles, setRoles] = useState<string[]>(m.personalDataRoles);
  const [failure, setFailure] = useState<SaveFailure>(noFailure);
  const [saved, setSaved] = useState(false);
  useEffect(() => setRoles(m.personalDataRoles), [m.personalDataRoles]);
  return (
    <Section title={t('account.municipality.personalData')} help={t('account.municipality.personalDataHelp')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setFailure(noFailure);
          setSaved(false);
          update.mutate(
            { version: m.version, patch: { personalDataRoles: personalDataRoles.filter((r) => roles.includes(r)) } },
            { onSuccess: () => setSaved(true), onError: (err) => setFailure(saveFailure(err, t)) },
          );
        }}
      >
        <Stack gap="xs">
          <Checkbox.Group label={t('account.municipality.personalData')} value={roles} onChange={setRoles}>
            <Stack gap={6} mt={6}>
              {personalDataRoles.map((r) => (
                <Checkbox key={r} value={r} label={t(`roles.${r}`)} disabled={readOnly} />
              ))}
            </Stack>
          </Checkbox.Group>
          {!readOnly && (
            <Group>
              <Button type="submit" loading={update.isPending}>
                {t('account.municipality.save')}
              </Button>
            </Group>
          )}
          <Outcome failure={failure.conflict ? { ...noFailure, message: t('admin.conflict.deleted') } : failure} saved={saved} />
        </Stack>
      </form>
    </Section>
  );
}

function MaterialitySection({ readOnly }: { readOnly: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const settings = useBalanceSettings();
  const update = useUpdateBalanceSettings();
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<SaveFailure>(noFailure);
  const [saved, setSaved] = useState(false);
  if (!settings.data) return null;
  const shown = text ?? editable(settings.data.materialityThresholdOre, lang);
  return (
    <Section title={t('account.municipality.materiality')} help={t('account.municipality.materialityHelp')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setSaved(false);
          setFailure(noFailure);
          const read = readAmount(shown, lang);
          if (!read.ok || read.value < 0) return setError(t('account.municipality.amountInvalid'));
          setError(null);
          update.mutate(
            { version: settings.data.version, materialityThresholdOre: read.value },
            {
              onSuccess: () => {
                setText(null);
                setSaved(true);
              },
              onError: (err) => setFailure(saveFailure(err, t)),
            },
          );
        }}
      >
        <Stack gap="xs" maw={480}>
          <TextInput
            label={t('account.municipality.materialityLabel')}
            inputMode="decimal"
            value={shown}
            onChange={(e) => setText(e.currentTarget.value)}
            error={error ?? failure.fields.materialityThresholdOre}
            readOnly={readOnly}
          />
          {!readOnly && (
            <Group>
              <Button type="submit" loading={update.isPending}>
                {t('account.municipality.save')}
              </Button>
            </Group>
          )}
          <Outcome failure={failure.conflict ? { ...noFailure, message: t('admin.conflict.deleted') } : failure} saved={saved} />
        </Stack>
      </form>
    </Section>
  );
}

/** The municipality's settings (administrators change them; the server refuses anyone else). */
export default function Municipality() {
  const { t } = useTranslation();
  const m = useMunicipality();
  if (!m.data) return null;
  const readOnly = !m.data.actions.update;
  return (
    <Stack gap="md" maw={900}>
      <Title order={1} size="h2">
        {t('account.municipality.title')}
      </Title>
      {readOnly && <Text size="sm">{t('account.municipality.readOnly')}</Text>}
      <GeneralSection key={`general-${m.data.id}`} m={m.data} readOnly={readOnly} />
      <PersonalDataSection m={m.data} readOnly={readOnly} />
      <MaterialitySection readOnly={readOnly} />
      <ReminderSettingsSection />
    </Stack>
  );
}
