import { Alert, Anchor, Group, List, NativeSelect, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorAlertStyles } from '../../components/activity/forms';
import { holds } from '../../components/activity/roles';
import { ImportApplyButton, ImportErrorsTable, ImportFileForm, useImportRun, type ImportIssue } from '../../components/imports/ImportParts';
import type { BalanceImportReport } from '../../queries/balance';
import { importJobDone, useBalanceImportJob, type BalanceImportJob } from '../../queries/balanceImportJobs';
import { intlLocale, type Language } from '../../i18n';
import { useSession } from '../../session';

type Kind = BalanceImportReport['kind'];
type Counts = BalanceImportReport['counts'];
const KINDS = ['imFunctions', 'accounts', 'ledgerBalances', 'reconciliationLog', 'activity', 'adjustments'] as const satisfies readonly Kind[];

const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The balance imports for central coordination: choose what to import and the amount format,
 * check the file (a dry run listing what each row does and every error by cell), then import it,
 * all or nothing. The templates of every kind are linked in the chosen language.
 */
export default function BalanceImport() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const allowed = holds(session, 'admin', 'centralCoordinator');
  const [kind, setKind] = useState<Kind>('imFunctions');
  const [amountFormat, setAmountFormat] = useState<'da' | 'en'>(i18n.language === 'en' ? 'en' : 'da');
  const { file, choose, reset, report, applied, failed, busy, send } = useImportRun<BalanceImportReport>(
    (dryRun) => `/balance-imports/${kind}?dryRun=${dryRun}&amountFormat=${amountFormat}`,
    (err, file, previous) => {
      if (err.status !== 422 || !err.errors.length) return null;
      // refused on import (the register changed since the check): its errors, shown like a check's
      const counts = (err.body.counts as Counts | null) ?? { create: 0, update: 0, unchanged: 0, replaced: 0 };
      return {
        kind,
        dryRun: true,
        applied: false,
        fileName: file.name,
        fileFormat: previous?.fileFormat ?? null,
        amountFormat,
        counts,
        rows: previous?.rows ?? [],
        errors: err.errors as unknown as ImportIssue[],
      };
    },
  );

  // a file over the server's row limit is answered with its job (202) instead of the report: polled until done
  const queued = applied && 'state' in applied ? (applied as unknown as BalanceImportJob) : null;
  const jobQuery = useBalanceImportJob(queued);
  const job = queued ? (jobQuery.data ?? queued) : null;
  const queryClient = useQueryClient();
  useEffect(() => {
    if (job?.state === 'succeeded') void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'balance-import-jobs' });
  }, [job?.state, queryClient]);
  const done = queued ? (job?.state === 'succeeded' ? job.report : null) : applied;

  const changing = report?.rows.filter((r) => r.action !== 'unchanged') ?? [];
  const changes = report ? report.counts.create + report.counts.update + report.counts.replaced : 0;

  return (
    <Stack gap="md">
      <Title order={2}>{t('balanceAdmin.import.title')}</Title>
      <Text>{t('balanceAdmin.import.intro')}</Text>
      {!allowed && (
        <Alert color="yellow" role="status">
          {t('balanceAdmin.import.notAllowed')}
        </Alert>
      )}
      {allowed && (
        <>
          <Paper withBorder p="md" component="section" aria-labelledby="balance-import-file">
            <Title order={3} size="h4" id="balance-import-file" mb="xs">
              {t('balanceAdmin.import.fileTitle')}
            </Title>
            <ImportFileForm
              file={file}
              onChange={choose}
              onCheck={() => void send(true)}
              checking={busy === 'check'}
              accept={ACCEPT}
              label={t('balanceAdmin.import.fileLabel')}
            >
              <NativeSelect
                label={t('balanceAdmin.import.kind')}
                value={kind}
                onChange={(e) => {
                  setKind(e.currentTarget.value as Kind);
                  reset();
                }}
                data={KINDS.map((k) => ({ value: k, label: t(`balanceAdmin.import.kinds.${k}`) }))}
              />
              <NativeSelect
                label={t('balanceAdmin.import.amountFormat')}
                value={amountFormat}
                onChange={(e) => {
                  setAmountFormat(e.currentTarget.value as 'da' | 'en');
                  reset();
                }}
                data={(['da', 'en'] as const).map((f) => ({ value: f, label: t(`balanceAdmin.import.formats.${f}`) }))}
              />
            </ImportFileForm>
          </Paper>

          <Paper withBorder p="md" component="section" aria-labelledby="balance-import-templates">
            <Title order={3} size="h4" id="balance-import-templates" mb="xs">
              {t('balanceAdmin.import.templates.title')}
            </Title>
            <Text size="sm" mb="sm">
              {t('balanceAdmin.import.templates.text')}
            </Text>
            <Group gap="lg">
              {(['xlsx', 'csv'] as const).map((format) => (
                <Anchor key={format} href={`/api/v1/templates/balance/${kind}.${format}?lang=${i18n.language}`} download>
                  {t(`balanceAdmin.import.templates.${format}`, { kind: t(`balanceAdmin.import.kinds.${kind}`) })}
                </Anchor>
              ))}
            </Group>
          </Paper>
        </>
      )}

      {failed && (
        <Alert color="red" role="alert" styles={errorAlertStyles} title={t('balanceAdmin.import.failed')}>
          {failed}
        </Alert>
      )}

      {job && !importJobDone(job.state) && <ImportJobProgress job={job} lang={i18n.language as Language} lost={jobQuery.isError} />}

      {job?.state === 'failed' && job.error && (
        <Alert color="red" role="alert" styles={errorAlertStyles} title={t('balanceImportJob.failed')}>
          <Stack gap="sm">
            <Text size="sm">{job.error.message}</Text>
            {job.error.errors.length > 0 && <ImportErrorsTable errors={job.error.errors} />}
          </Stack>
        </Alert>
      )}

      {done && (
        <Alert color="green" role="status" title={t('balanceAdmin.import.applied.title')} styles={{ title: { color: 'var(--mantine-color-text)' } }}>
          <Stack gap={4}>
            <Text size="sm">{t('balanceAdmin.import.applied.text', { create: done.counts.create, update: done.counts.update })}</Text>
            <Anchor component={Link} to="/balance/accounts" size="sm">
              {t('balanceAdmin.import.applied.accounts')}
            </Anchor>
          </Stack>
        </Alert>
      )}

      {report && (
        <Paper withBorder p="md" component="section" aria-labelledby="balance-import-result">
          <Stack gap="sm">
            <Title order={3} size="h4" id="balance-import-result">
              {t('balanceAdmin.import.result.title')}
            </Title>
            <Text role="status" fw={600} c={report.errors.length ? 'red.9' : undefined}>
              {report.errors.length
                ? t('balanceAdmin.import.result.errors', { count: report.errors.length })
                : changes
                  ? t('balanceAdmin.import.result.ready')
                  : t('balanceAdmin.import.result.nothing')}
            </Text>
            {report.errors.length > 0 && <ImportErrorsTable errors={report.errors} />}
            <List size="sm">
              <List.Item>{t('balanceAdmin.import.result.counts', report.counts)}</List.Item>
              {report.counts.replaced > 0 && <List.Item>{t('balanceAdmin.import.result.replaced', { count: report.counts.replaced })}</List.Item>}
            </List>
            {changing.length > 0 && (
              <>
                <Title order={4} size="h5">
                  {t('balanceAdmin.import.result.rowsTitle')}
                </Title>
                <Table verticalSpacing={4} w="auto" maw={560}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('balanceAdmin.import.result.row')}</Table.Th>
                      <Table.Th scope="col">{t('balanceAdmin.import.result.key')}</Table.Th>
                      <Table.Th scope="col">{t('balanceAdmin.import.result.action')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {changing.map((r) => (
                      <Table.Tr key={r.row}>
                        <Table.Td>{r.row}</Table.Td>
                        <Table.Td>{r.key}</Table.Td>
                        <Table.Td>{t(`balanceAdmin.import.actions.${r.action}`)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </>
            )}
            <ImportApplyButton
              errors={report.errors.length}
              disabled={!file || busy !== null || changes === 0}
              loading={busy === 'apply'}
              onApply={() => void send(false)}
            />
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

/** A queued or running import: how many of the file's rows are written, as an accessible progress bar. */
function ImportJobProgress({ job, lang, lost }: { job: BalanceImportJob; lang: Language; lost: boolean }) {
  const { t } = useTranslation();
  const share = job.rowsTotal ? job.rowsDone / job.rowsTotal : 0;
  const percent = new Intl.NumberFormat(intlLocale[lang], { style: 'percent', maximumFractionDigits: 0 }).format(share);
  const text = job.state === 'queued' ? t('balanceImportJob.queued') : t('balanceImportJob.running', { done: job.rowsDone, total: job.rowsTotal, percent });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="balance-import-job">
      <Stack gap="xs">
        <Title order={3} size="h4" id="balance-import-job">
          {t('balanceImportJob.title')}
        </Title>
        <Text size="sm">{t('balanceImportJob.intro', { count: job.rowsTotal })}</Text>
        <Group gap="xs" wrap="nowrap">
          <Progress
            value={Math.floor(share * 100)}
            size="lg"
            style={{ flex: 1 }}
            aria-label={t('balanceImportJob.progressLabel')}
            animated={job.state === 'running'}
          />
        </Group>
        <Text size="sm" role="status">
          {text}
        </Text>
        {lost && (
          <Text size="sm" c="red.9">
            {t('balanceImportJob.lost')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
