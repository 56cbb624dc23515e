import { Alert, Anchor, Badge, Button, Group, List, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useSession, useVocabulary } from '../session';
import { ActivityPanel } from '../components/activity/ActivityPanel';
import { mayAudit } from '../components/activity/roles';
import { ConfidentialBadge, GradeBadge } from '../components/badges';
import { CarryOverPanel, CouncilDecisionPanel } from '../components/findings/CouncilDecisionPanel';
import { PartsPanel, RequestPlansForm } from '../components/findings/PartsPanel';
import { NewPlan } from '../components/plans/NewPlan';
import { useFinding, useInvalidateFindings } from '../queries/findings';
import { LoadError, Loading } from '../components/LoadState';

/**
 * One finding: observations, recommendations, each department's part (its plan request, state and
 * closure), its plans, the council's decision and carry-over. Every button is one of the
 * `actions` the server returned, so the page offers exactly what the server will accept.
 */
export default function FindingDetail() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const context = useVocabulary();
  const session = useSession();
  const finding = useFinding(id);
  const invalidate = useInvalidateFindings();
  const refresh = () => invalidate(id);
  if (finding.isPending) return <Loading />;
  if (finding.isError) return <LoadError error={finding.error} />;
  const f = finding.data;
  const departmentCode = (departmentId: string) => f.departments.find((d) => d.departmentId === departmentId)?.code ?? '';
  return (
    <Stack>
      <Group justify="space-between" className="no-print">
        <Anchor component={Link} to="/findings" size="sm">
          {t('finding.back')}
        </Anchor>
        {mayAudit(session) && (
          <Anchor component={Link} to={`/findings/${f.id}/history`} size="sm">
            {t('admin.history.link')}
          </Anchor>
        )}
      </Group>
      <Group gap="sm" align="center">
        <Title order={2}>
          {f.number}. {f.title}
        </Title>
        <GradeBadge grade={f.grade} />
        {f.confidential && <ConfidentialBadge />}
        {f.repeatOfEarlierYears && <Badge variant="light">{t('findings.repeat')}</Badge>}
        {f.actions.update && (
          <Button component={Link} to={`/findings/${f.id}/edit`} size="xs" variant="default" ml="auto">
            {t('registry.detail.edit')}
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {t('findings.report', { context })}:{' '}
        <Anchor component={Link} to={`/reports/${f.report.id}`} size="sm" underline="always">
          {f.report.title} ({f.report.year})
        </Anchor>{' '}
        · {f.report.auditor}
        {f.caseNumber ? ` · ${f.caseNumber}` : ''}
      </Text>
      {f.confidential && f.confidentialBasis && (
        <Alert color="dark" variant="light" title={t('finding.confidentialBasis', { basis: f.confidentialBasis })}>
          {null}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md">
          <Title order={3} size="h4" mb="xs">
            {t('finding.observations')}
          </Title>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{f.observations}</Text>
          {f.risks && (
            <>
              <Title order={3} size="h4" mt="md" mb="xs">
                {t('finding.risks')}
              </Title>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{f.risks}</Text>
            </>
          )}
        </Paper>
        <Paper withBorder p="md">
          <Title order={3} size="h4" mb="xs">
            {t('finding.recommendations', { context })}
          </Title>
          <List type="ordered" spacing="xs">
            {f.recommendations.map((r) => (
              <List.Item key={r.id}>{r.text}</List.Item>
            ))}
          </List>
        </Paper>
      </SimpleGrid>
      <PartsPanel finding={f} onChanged={refresh} />
      <RequestPlansForm finding={f} onDone={refresh} />
      <Paper withBorder p="md">
        <Group justify="space-between" mb="xs">
          <Title order={3} size="h4">
            {t('finding.plans', { context })}
          </Title>
          {f.plans.length > 0 && (
            <Anchor component={Link} to={`/findings/${f.id}/side-by-side`} size="sm">
              {t('rounds.side.link', { context })}
            </Anchor>
          )}
        </Group>
        {f.plans.length === 0 ? (
          <Text size="sm">{t('finding.noPlans', { context })}</Text>
        ) : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('findings.department')}</Table.Th>
                <Table.Th scope="col">{t('findings.state')}</Table.Th>
                <Table.Th scope="col">{t('overview.measures', { context })}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {f.plans.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Th scope="row" fw={400}>
                    <Anchor component={Link} to={`/plans/${p.id}`} size="sm">
                      {departmentCode(p.departmentId)}
                      {p.crossCutting ? ` (${t('finding.crossCutting')})` : ''}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>{t(`finding.planState.${p.state}`)}</Table.Td>
                  <Table.Td>{t('finding.measureCount', { context, count: p.measureCount })}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <NewPlan findingId={f.id} parts={f.departments} />
      </Paper>
      {f.earlierYears.length > 0 && (
        <Paper withBorder p="md">
          <Title order={3} size="h4" mb="xs">
            {t('finding.earlierYears')}
          </Title>
          <List>
            {f.earlierYears.map((e) => (
              <List.Item key={e.id}>
                <Anchor component={Link} to={`/findings/${e.id}`}>
                  {e.year}: {e.number}. {e.title}
                </Anchor>
              </List.Item>
            ))}
          </List>
        </Paper>
      )}
      <CouncilDecisionPanel finding={f} onChanged={refresh} />
      <CarryOverPanel finding={f} />
      <ActivityPanel kind="finding" id={f.id} />
    </Stack>
  );
}
