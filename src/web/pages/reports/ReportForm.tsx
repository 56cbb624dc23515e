import { Alert, Button, Group, NumberInput, Paper, Select, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api';
import { DateField } from '../../components/DateField';
import type { Report } from '../../queries/findings';
import { useVocabulary } from '../../session';

const kinds = ['annualAccounts', 'ongoingAudit', 'review'] as const;

interface Values {
  title: string;
  kind: (typeof kinds)[number];
  year: number | string;
  auditor: string;
  caseNumber: string;
  receivedOn: string;
}

const valuesOf = (r: Report | undefined, year: number): Values => ({
  title: r?.title ?? '',
  kind: r?.kind ?? 'ongoingAudit',
  year: r?.year ?? year,
  auditor: r?.auditor ?? '',
  caseNumber: r?.caseNumber ?? '',
  receivedOn: r?.receivedOn ?? '',
});

/**
 * Creates a report or edits one (with If-Match). A refusal keeps what was typed and names the
 * fields; a version conflict says so and keeps the text, so the user can reload and save again.
 */
export function ReportForm({
  report,
  onSaved,
  onCancel,
  onStale,
}: {
  report?: Report | undefined;
  onSaved: (r: Report) => void;
  onCancel?: () => void;
  onStale?: () => void;
}) {
  const { t } = useTranslation();
  const context = useVocabulary();
  const [values, setValues] = useState<Values>(() => valuesOf(report, new Date().getFullYear()));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));

  const save = async () => {
    setBusy(true);
    setErrors({});
    setFailure(null);
    const body = {
      title: values.title,
      kind: values.kind,
      year: Number(values.year),
      auditor: values.auditor,
      caseNumber: values.caseNumber.trim() || null,
      receivedOn: values.receivedOn || null,
    };
    try {
      const saved = report
        ? await api<Report>('PATCH', `/reports/${report.id}`, body, { 'if-match': `"${report.version}"` })
        : await api<Report>('POST', '/reports', body);
      onSaved(saved);
    } catch (err) {
      if (err instanceof ApiError) {
        setErrors(Object.fromEntries(err.errors.map((e) => [e.field.replace(/^body\./, ''), e.message])));
        setFailure(err.status === 409 ? t('registry.report.conflict') : t('registry.report.failed', { context }));
        // The newer version loads underneath; the typed values stay, and the next save uses it.
        if (err.status === 409) onStale?.();
      } else setFailure(t('app.error'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        aria-labelledby="report-form-title"
      >
        <Stack>
          <Title order={3} size="h4" id="report-form-title">
            {report ? t('registry.report.edit', { context }) : t('registry.reports.new', { context })}
          </Title>
          {failure && (
            <Alert color="red.9" variant="outline" role="alert">
              {failure}
            </Alert>
          )}
          <TextInput
            label={t('registry.report.title')}
            required
            value={values.title}
            onChange={(e) => set('title', e.currentTarget.value)}
            error={errors.title}
            maxLength={300}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t('registry.report.kind')}
              required
              value={values.kind}
              onChange={(v) => v && set('kind', v as Values['kind'])}
              data={kinds.map((k) => ({ value: k, label: t(`registry.report.kinds.${k}`) }))}
              allowDeselect={false}
              error={errors.kind}
            />
            <NumberInput
              label={t('registry.report.year')}
              required
              value={values.year}
              onChange={(v) => set('year', v)}
              min={2000}
              max={2100}
              allowDecimal={false}
              thousandSeparator=""
              error={errors.year}
            />
            <DateField label={t('registry.report.receivedOn')} value={values.receivedOn} onChange={(v) => set('receivedOn', v)} error={errors.receivedOn} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('registry.report.auditor')}
              required
              value={values.auditor}
              onChange={(e) => set('auditor', e.currentTarget.value)}
              error={errors.auditor}
              maxLength={200}
            />
            <TextInput
              label={t('registry.report.caseNumber', { context })}
              value={values.caseNumber}
              onChange={(e) => set('caseNumber', e.currentTarget.value)}
              error={errors.caseNumber}
              maxLength={100}
            />
          </SimpleGrid>
          <Group gap="xs">
            <Button type="submit" loading={busy}>
              {t('registry.report.save', { context })}
            </Button>
            {onCancel && (
              <Button variant="default" onClick={onCancel}>
                {t('registry.report.cancel')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
