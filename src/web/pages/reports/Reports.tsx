import { Anchor, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { formatDay } from '../../format';
import type { Language } from '../../i18n';
import { useInvalidateFindings, useReports } from '../../queries/findings';
import { LoadError, Loading } from '../../components/LoadState';
import { useSession, useVocabulary } from '../../session';
import { ReportForm } from './ReportForm';

/** The audit reports, newest year first; central coordination registers a new one here. */
export default function Reports() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const context = useVocabulary();
  const session = useSession();
  const navigate = useNavigate();
  const invalidate = useInvalidateFindings();
  const reports = useReports();
  const [creating, setCreating] = useState(false);
  // Creating is central coordination's: the same rule as every report's `actions` (findings/policy.ts).
  const mayCreate = session.roles.some((r) => r.role === 'admin' || r.role === 'centralCoordinator');
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('registry.reports.title', { context })}</Title>
        {mayCreate && !creating && <Button onClick={() => setCreating(true)}>{t('registry.reports.new', { context })}</Button>}
      </Group>
      {creating && (
        <ReportForm
          onCancel={() => setCreating(false)}
          onSaved={(r) => {
            void invalidate();
            navigate(`/reports/${r.id}`);
          }}
        />
      )}
      {reports.isPending ? (
        <Loading />
      ) : reports.isError ? (
        <LoadError error={reports.error} color="red.9" variant="outline" />
      ) : reports.data.items.length === 0 ? (
        <Text>{t('registry.reports.empty', { context })}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('registry.report.year')}</Table.Th>
                <Table.Th scope="col">{t('registry.report.title')}</Table.Th>
                <Table.Th scope="col">{t('registry.report.kind')}</Table.Th>
                <Table.Th scope="col">{t('registry.report.auditor')}</Table.Th>
                <Table.Th scope="col">{t('registry.report.receivedOn')}</Table.Th>
                <Table.Th scope="col">{t('registry.reports.findingCount', { context })}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {reports.data.items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{r.year}</Table.Td>
                  <Table.Th scope="row" fw={400}>
                    <Anchor component={Link} to={`/reports/${r.id}`}>
                      {r.title}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>{t(`registry.report.kinds.${r.kind}`)}</Table.Td>
                  <Table.Td>{r.auditor}</Table.Td>
                  <Table.Td>{r.receivedOn ? formatDay(r.receivedOn, lang) : ''}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/findings?reportId=${r.id}`}>
                      {r.findingCount}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
