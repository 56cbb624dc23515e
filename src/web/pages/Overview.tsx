import { Alert, Badge, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../api';
import { formatNumber } from '../format';
import type { Language } from '../i18n';
import { useVocabulary } from '../session';
import { gradeColor } from '../components/badges';
import { WhatNeedsMe } from '../components/activity/WhatNeedsMe';

const SlippageChart = lazy(() => import('../components/SlippageChart'));

interface Row {
  id: string | null;
  code: string | null;
  name: string;
  findings: { byState: Record<string, number>; byGrade: Record<'red' | 'yellow' | 'green' | 'none', number> };
  measures: { onTrack: number; delayed: number; completed: number; cancelled: number; noStatus: number; overdue: number };
  averageSlippageDays: number | null;
}
interface OverviewData {
  departments: Row[];
  committees: Row[];
  total: Row;
}
export interface SlippageRound {
  roundId: string;
  name: string;
  opensOn: string;
  delayedCount: number;
  averageSlippageDays: number | null;
}

const states = ['assigned', 'planDrafted', 'planApproved', 'inProgress', 'closureProposed', 'closed', 'carriedOver'] as const;
const measureKeys = ['onTrack', 'delayed', 'completed', 'overdue', 'noStatus'] as const;

/** The coordinator's dashboard: per department and committee, findings by state and measures by status. */
export default function Overview() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const context = useVocabulary();
  const overview = useQuery({ queryKey: ['overview'], queryFn: () => get<OverviewData>('/overview') });
  const slippage = useQuery({ queryKey: ['overview', 'slippage'], queryFn: () => get<{ items: SlippageRound[] }>('/overview/slippage') });
  const n = (v: number) => formatNumber(v, lang);

  if (overview.isPending) return <Loader role="status" aria-label={t('app.loading')} />;
  if (overview.isError) return <Alert color="red" role="alert" title={t('app.error')} />;
  // Departments, then the committees they answer to, then the municipality's total.
  const rows = [...overview.data.departments.map((r) => ({ ...r, group: 'department' })), ...overview.data.committees.map((r) => ({ ...r, group: 'committee' })), { ...overview.data.total, group: 'total' }];
  const columns = 1 + states.length + measureKeys.length + 1;

  return (
    <Stack gap="lg">
      <Title order={2}>{t('overview.title')}</Title>
      <WhatNeedsMe />
      <Group gap="xs">
        {(['red', 'yellow', 'green'] as const).map((g) => (
          <Badge key={g} color={gradeColor[g]} c={g === 'yellow' ? 'dark' : undefined} variant="filled" size="lg">
            {t(`grade.${g}`)}: {n(overview.data.total.findings.byGrade[g])}
          </Badge>
        ))}
      </Group>
      <Paper withBorder p="sm">
        <Table.ScrollContainer minWidth={900} type="native" tabIndex={0} aria-label={t('overview.findingsByState', { context })}>
          <Table striped highlightOnHover stickyHeader>
            <Table.Caption>{t('overview.findingsByState', { context })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('overview.department')}</Table.Th>
                {states.map((s) => (
                  <Table.Th key={s} scope="col" ta="right">
                    {t(`state.${s}`)}
                  </Table.Th>
                ))}
                {measureKeys.map((k) => (
                  <Table.Th key={k} scope="col" ta="right">
                    {t(`overview.${k}`)}
                  </Table.Th>
                ))}
                <Table.Th scope="col" ta="right">
                  {t('overview.slippage')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r, i) => [
                r.group === 'committee' && rows[i - 1]?.group !== 'committee' ? (
                  <Table.Tr key="committees">
                    <Table.Th scope="colgroup" colSpan={columns}>
                      {t('overview.committee')}
                    </Table.Th>
                  </Table.Tr>
                ) : null,
                <Table.Tr key={`${r.group}-${r.id ?? 'total'}`} fw={r.id === null ? 600 : undefined}>
                  <Table.Th scope="row" fw={r.id === null ? 600 : 400}>
                    {r.id === null ? t('overview.total') : `${r.code} ${r.name}`}
                  </Table.Th>
                  {states.map((s) => (
                    <Table.Td key={s} ta="right">
                      {n(r.findings.byState[s] ?? 0)}
                    </Table.Td>
                  ))}
                  {measureKeys.map((k) => (
                    <Table.Td key={k} ta="right" c={k === 'overdue' && r.measures[k] > 0 ? 'red.9' : undefined}>
                      {n(r.measures[k])}
                    </Table.Td>
                  ))}
                  <Table.Td ta="right">{r.averageSlippageDays === null ? '–' : n(Math.round(r.averageSlippageDays))}</Table.Td>
                </Table.Tr>,
              ])}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <Paper withBorder p="sm">
        <Title order={3} size="h5" mb="xs">
          {t('overview.slippageChart')}
        </Title>
        {slippage.data && slippage.data.items.length > 0 ? (
          <Suspense fallback={<Loader size="sm" role="status" aria-label={t('app.loading')} />}>
            <SlippageChart rounds={slippage.data.items} />
          </Suspense>
        ) : (
          <Text size="sm">{t('overview.empty')}</Text>
        )}
      </Paper>
    </Stack>
  );
}
