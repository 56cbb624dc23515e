import { Anchor, Badge, Group, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Language } from '../../i18n';
import { useVocabulary } from '../../session';
import { formatDay } from '../../format';
import { LoadError, Loading } from '../../components/LoadState';
import { DocumentDownload } from '../../components/documents/DocumentDownload';
import { SubmissionBadge } from '../../components/rounds/StatusBadge';
import { roundQuery, useRounds } from '../../queries/rounds';

/** Follow-up rounds, newest first, each with every department's answer state and progress. */
export default function Rounds() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const context = useVocabulary();
  const rounds = useRounds();
  const sorted = [...(rounds.data?.items ?? [])].sort((a, b) => (a.opensOn < b.opensOn ? 1 : a.opensOn > b.opensOn ? -1 : 0));
  const details = useQueries({ queries: sorted.map((r) => roundQuery(r.id)) });

  return (
    <Stack gap="md">
      <Title order={2}>{t('rounds.list.title', { context })}</Title>
      {rounds.isPending && <Loading />}
      {rounds.isError && <LoadError error={rounds.error} />}
      {rounds.data && sorted.length === 0 && <Text size="sm">{t('rounds.list.empty')}</Text>}
      {sorted.map((r, i) => {
        const detail = details[i]?.data;
        const departments = (detail?.departments ?? []).filter((d) => d.total > 0 || d.submissionId);
        return (
          <Paper key={r.id} withBorder p="sm" component="section" aria-labelledby={`round-${r.id}`}>
            <Group justify="space-between" align="start" mb="xs" wrap="wrap">
              <Stack gap={2}>
                <Title order={3} size="h4" id={`round-${r.id}`}>
                  {r.name}
                </Title>
                <Text size="sm">{t('rounds.list.period', { opens: formatDay(r.opensOn, lang), due: formatDay(r.dueOn, lang) })}</Text>
              </Stack>
              <Group gap={6}>
                <DocumentDownload
                  label={t('documents.report')}
                  title={t('documents.reportTitle', { round: r.name })}
                  path={`/rounds/${r.id}/report`}
                  formats={['pdf', 'docx', 'xlsx']}
                  withScope
                />
                <Badge variant="outline" color="gray.8" size="sm">
                  {t(`rounds.list.kind.${r.kind}`)}
                </Badge>
                <Badge variant={r.state === 'open' ? 'filled' : 'outline'} color={r.state === 'open' ? 'indigo.8' : 'gray.8'} size="sm">
                  {t(`rounds.list.state.${r.state}`)}
                </Badge>
              </Group>
            </Group>
            {details[i]?.isPending && <Loading size="sm" />}
            {detail && departments.length === 0 && <Text size="sm">{t('rounds.list.noMeasures')}</Text>}
            {departments.length > 0 && (
              // On a phone the table scrolls inside its box, never the page (390 px).
              <Table.ScrollContainer minWidth={340} type="native">
                <Table verticalSpacing={4} striped={false} highlightOnHover>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('rounds.list.department')}</Table.Th>
                      <Table.Th scope="col">{t('rounds.list.submission')}</Table.Th>
                      <Table.Th scope="col" w="35%">
                        {t('rounds.list.progress')}
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {departments.map((d) => (
                      <Table.Tr key={d.departmentId}>
                        <Table.Th scope="row" fw={400}>
                          {r.kind === 'status' ? (
                            <Anchor component={Link} to={`/rounds/${r.id}/departments/${d.departmentId}`} size="sm">
                              {`${d.code} ${d.name}`}
                            </Anchor>
                          ) : (
                            `${d.code} ${d.name}`
                          )}
                        </Table.Th>
                        <Table.Td>
                          <SubmissionBadge state={d.state} />
                        </Table.Td>
                        <Table.Td>
                          <Group gap={4} wrap="wrap">
                            <Progress value={d.total ? (d.answered / d.total) * 100 : 0} size="sm" style={{ flex: '1 1 48px', minWidth: 48 }} aria-hidden />
                            <Text size="sm">{t('rounds.progress', { answered: d.answered, total: d.total })}</Text>
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Paper>
        );
      })}
    </Stack>
  );
}
