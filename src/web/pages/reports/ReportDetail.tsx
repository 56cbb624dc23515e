import { Alert, Anchor, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { LoadError, Loading } from '../../components/LoadState';
import { GradeBadge, ConfidentialBadge } from '../../components/badges';
import { formatDay } from '../../format';
import type { Language } from '../../i18n';
import { reportKeys, useFindings, useInvalidateFindings, useReport } from '../../queries/findings';
import { useVocabulary } from '../../session';
import { ReportForm } from './ReportForm';

/** One audit report: its facts (editable by central coordination) and its findings. */
export default function ReportDetail() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const context = useVocabulary();
  const client = useQueryClient();
  const invalidate = useInvalidateFindings();
  const report = useReport(id);
  const findings = useFindings(new URLSearchParams({ reportId: id, sort: 'number', limit: '500', offset: '0' }).toString());
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  if (report.isPending) return <Loading />;
  if (report.isError) return <LoadError error={report.error} color="red.9" variant="outline" />;
  const r = report.data;
  return (
    <Stack>
      <Anchor component={Link} to="/reports" size="sm">
        {t('registry.report.back', { context })}
      </Anchor>
      <Group justify="space-between">
        <Title order={2}>
          {r.title} ({r.year})
        </Title>
        {r.actions.update && !editing && (
          <Button variant="default" onClick={() => (setEditing(true), setSaved(false))}>
            {t('registry.report.edit', { context })}
          </Button>
        )}
      </Group>
      {saved && (
        <Alert color="green.9" variant="outline" role="status">
          {t('registry.report.saved', { context })}
        </Alert>
      )}
      {editing ? (
        <ReportForm
          report={r}
          onCancel={() => setEditing(false)}
          onStale={() => void client.invalidateQueries({ queryKey: reportKeys.detail(id) })}
          onSaved={(next) => {
            client.setQueryData(reportKeys.detail(id), next);
            void invalidate();
            setEditing(false);
            setSaved(true);
          }}
        />
      ) : (
        <Text size="sm">
          {t(`registry.report.kinds.${r.kind}`)} · {t('registry.report.auditor')}: {r.auditor}
          {r.caseNumber ? ` · ${t('registry.report.caseNumber', { context })}: ${r.caseNumber}` : ''}
          {r.receivedOn ? ` · ${t('registry.report.receivedOn')}: ${formatDay(r.receivedOn, lang)}` : ''}
        </Text>
      )}
      <Paper withBorder p="md">
        <Group justify="space-between" mb="xs">
          <Title order={3} size="h4">
            {t('registry.report.findings', { context })}
          </Title>
          {r.actions.createFinding && (
            <Button component={Link} to={`/reports/${r.id}/findings/new`} size="sm">
              {t('registry.report.newFinding', { context })}
            </Button>
          )}
        </Group>
        {findings.data && findings.data.items.length === 0 ? (
          <Text size="sm">{t('registry.report.noFindings', { context })}</Text>
        ) : (
          <List spacing="xs" listStyleType="none" ml={0}>
            {(findings.data?.items ?? []).map((f) => (
              <List.Item key={f.id}>
                <Group gap="xs" wrap="wrap">
                  <Anchor component={Link} to={`/findings/${f.id}`}>
                    {f.number}. {f.title}
                  </Anchor>
                  <GradeBadge grade={f.grade} />
                  {f.confidential && <ConfidentialBadge />}
                </Group>
              </List.Item>
            ))}
          </List>
        )}
      </Paper>
    </Stack>
  );
}
