import { Alert, Anchor, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorAlertStyles } from '../../components/activity/forms';
import { holds } from '../../components/activity/roles';
import type { z } from 'zod';
import type { ImportReport as ImportReportSchema } from '../../../server/modules/imports/schemas';
import { ImportApplyButton, ImportErrorsTable, ImportFileForm, useImportRun } from '../../components/imports/ImportParts';
import { useSession, useVocabulary } from '../../session';

/** The server's report of a check or an import (Zod-inferred). */
type ImportReport = z.infer<typeof ImportReportSchema>;
type Action = ImportReport['rows'][number]['action'];

const entities: (keyof ImportReport['counts'])[] = ['reports', 'findings', 'recommendations', 'plans', 'measures'];
const actions: Action[] = ['create', 'update', 'unchanged'];
const path = (dryRun: boolean) => `/imports/findings-xlsx?dryRun=${dryRun}`;

/**
 * Import from Excel: download the template, check a filled-in file (a dry run that shows what
 * would be created and updated and every error with its sheet, row and column), then import it,
 * which the server does in one transaction or not at all.
 */
export default function Import() {
  const { t, i18n } = useTranslation();
  const context = useVocabulary();
  const session = useSession();
  const allowed = holds(session, 'admin', 'centralCoordinator');
  const { file, choose, report, applied, failed, busy, send } = useImportRun<ImportReport>(path, (err, file, previous) => {
    if (!err.errors.length || !('sheet' in (err.errors[0] as object))) return null;
    // A refused import or upload: its errors, shown like a check's.
    const counts = (err.body.counts as ImportReport['counts'] | undefined) ?? previous?.counts;
    return {
      dryRun: true,
      applied: false,
      fileName: file.name,
      counts: counts ?? emptyCounts(),
      rows: previous?.rows ?? [],
      errors: err.errors as unknown as ImportReport['errors'],
    };
  });

  const changing = report?.rows.filter((r) => r.action !== 'unchanged') ?? [];
  const unchanged = (report?.rows.length ?? 0) - changing.length;
  const total = (r: ImportReport, action: Action) => entities.reduce((n, e) => n + r.counts[e][action], 0);

  return (
    <Stack gap="md">
      <Title order={2}>{t('imports.title')}</Title>
      <Text>{t('imports.intro', { context })}</Text>
      {!allowed && (
        <Alert color="yellow" role="status">
          {t('imports.notAllowed')}
        </Alert>
      )}
      {allowed && (
        <>
          <Paper withBorder p="md" component="section" aria-labelledby="import-template">
            <Title order={3} size="h4" id="import-template" mb="xs">
              {t('imports.template.title')}
            </Title>
            <Text size="sm" mb="sm">
              {t('imports.template.text')}
            </Text>
            <Anchor href={`/api/v1/templates/findings.xlsx?lang=${i18n.language}`} download>
              {t('imports.template.download')}
            </Anchor>
          </Paper>

          <Paper withBorder p="md" component="section" aria-labelledby="import-file">
            <Title order={3} size="h4" id="import-file" mb="xs">
              {t('imports.file.title')}
            </Title>
            <ImportFileForm
              file={file}
              onChange={choose}
              onCheck={() => void send(true)}
              checking={busy === 'check'}
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            />
          </Paper>
        </>
      )}

      {failed && (
        <Alert color="red" role="alert" styles={errorAlertStyles} title={t('imports.failed')}>
          {failed}
        </Alert>
      )}

      {applied && (
        <Alert color="green" role="status" title={t('imports.applied.title')} styles={{ title: { color: 'var(--mantine-color-text)' } }}>
          <Stack gap={4}>
            <Text size="sm">{t('imports.applied.text', { created: total(applied, 'create'), updated: total(applied, 'update') })}</Text>
            <CountsTable report={applied} />
            <Anchor component={Link} to="/findings" size="sm">
              {t('imports.applied.findings', { context })}
            </Anchor>
          </Stack>
        </Alert>
      )}

      {report && (
        <Paper withBorder p="md" component="section" aria-labelledby="import-result">
          <Stack gap="sm">
            <Title order={3} size="h4" id="import-result">
              {t('imports.result.title')}
            </Title>
            <Text role="status" fw={600} c={report.errors.length ? 'red.9' : undefined}>
              {report.errors.length
                ? t('imports.result.errors', { count: report.errors.length })
                : changing.length
                  ? t('imports.result.ready')
                  : t('imports.result.nothing')}
            </Text>

            {report.errors.length > 0 && <ImportErrorsTable errors={report.errors} withSheet />}

            {report.rows.length > 0 && (
              <>
                <Title order={4} size="h5">
                  {t('imports.result.counts')}
                </Title>
                <CountsTable report={report} />
              </>
            )}

            {changing.length > 0 && (
              <>
                <Title order={4} size="h5">
                  {t('imports.result.rowsTitle')}
                </Title>
                <Table.ScrollContainer minWidth={720}>
                  <Table verticalSpacing={4}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('imports.result.sheet')}</Table.Th>
                        <Table.Th scope="col">{t('imports.result.row')}</Table.Th>
                        <Table.Th scope="col">{t('imports.result.what')}</Table.Th>
                        <Table.Th scope="col">{t('imports.result.action')}</Table.Th>
                        <Table.Th scope="col">{t('imports.result.key')}</Table.Th>
                        <Table.Th scope="col">{t('imports.result.changes')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {changing.map((r) => (
                        <Table.Tr key={`${r.sheet}-${r.row}-${r.entity}-${r.key}`}>
                          <Table.Td>{r.sheet}</Table.Td>
                          <Table.Td>{r.row}</Table.Td>
                          <Table.Td>{t(`imports.entities.${r.entity}`, { context })}</Table.Td>
                          <Table.Td>{t(`imports.actions.${r.action}`)}</Table.Td>
                          <Table.Td>{r.key}</Table.Td>
                          <Table.Td>{r.changes.join(', ')}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </>
            )}
            {unchanged > 0 && <Text size="sm">{t('imports.result.unchangedRows', { count: unchanged })}</Text>}

            <ImportApplyButton errors={report.errors.length} disabled={!file || busy !== null} loading={busy === 'apply'} onApply={() => void send(false)} />
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

function emptyCounts(): ImportReport['counts'] {
  const zero = () => ({ create: 0, update: 0, unchanged: 0 });
  return { reports: zero(), findings: zero(), recommendations: zero(), plans: zero(), measures: zero() };
}

/** Per kind of thing: how many are created, updated and left as they are. */
function CountsTable({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const context = useVocabulary();
  return (
    <Table verticalSpacing={4} w="auto" maw={560}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('imports.result.what')}</Table.Th>
          {actions.map((a) => (
            <Table.Th key={a} scope="col" ta="right">
              {t(`imports.actions.${a}`)}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entities.map((e) => (
          <Table.Tr key={e}>
            <Table.Th scope="row" fw={400}>
              {t(`imports.plural.${e}`, { context })}
            </Table.Th>
            {actions.map((a) => (
              <Table.Td key={a} ta="right">
                {report.counts[e][a]}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
