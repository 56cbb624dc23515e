import { Anchor, Badge, Group, Loader, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatNumber } from '../format';
import type { Language } from '../i18n';
import { useVocabulary } from '../session';
import { gradeColor } from '../components/badges';
import { WhatNeedsMe } from '../components/activity/WhatNeedsMe';
import { LoadError, Loading } from '../components/LoadState';
import { useOverview, useSlippage, type OverviewRow } from '../queries/overview';

const SlippageChart = lazy(() => import('../components/SlippageChart'));

type Row = OverviewRow;

const states = ['assigned', 'planDrafted', 'planApproved', 'inProgress', 'closureProposed', 'closed', 'carriedOver'] as const;
const measureKeys = ['onTrack', 'delayed', 'postponed', 'completed', 'overdue', 'noStatus'] as const;
type Group = 'department' | 'committee';

/** The findings list filtered to what a number counts: the department's or committee's findings (the server counts and filters alike). */
function findingsPath(group: Group, row: Row, filter: Record<string, string>): string {
  const params = new URLSearchParams(filter);
  if (row.id !== null) params.set(group === 'committee' ? 'committeeId' : 'departmentId', row.id);
  return `/findings?${params.toString()}`;
}

/** A count, as a link to the list it counts when there is one. */
function Count({ value, to, lang }: { value: number; to: string | null; lang: Language }) {
  const text = formatNumber(value, lang);
  // A zero leads to an empty list: no link
  return to && value > 0 ? (
    <Anchor component={Link} to={to} size="sm">
      {text}
    </Anchor>
  ) : (
    <>{text}</>
  );
}

/** One table of the overview: a row per department (or committee) and the total, scrolling inside itself on a phone. */
function OverviewTable({
  caption,
  group,
  rows,
  total,
  head,
  cells,
}: {
  caption: string;
  group: Group;
  rows: Row[];
  total: Row;
  head: ReactNode;
  cells: (row: Row) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={640} type="native" tabIndex={0} aria-label={caption}>
      <Table striped highlightOnHover>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{group === 'department' ? t('overview.department') : t('overview.committee')}</Table.Th>
            {head}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Th scope="row" fw={400}>
                {r.code} {r.name}
              </Table.Th>
              {cells(r)}
            </Table.Tr>
          ))}
          <Table.Tr fw={600}>
            <Table.Th scope="row" fw={600}>
              {t('overview.total')}
            </Table.Th>
            {cells(total)}
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * The start page: what waits for the user, then per department or per committee the findings by
 * state and the measures by status (each count a link to the findings list filtered to it), and the deadline slippage per round.
 */
export default function Overview() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const context = useVocabulary();
  const [params, setParams] = useSearchParams();
  const group: Group = params.get('group') === 'committee' ? 'committee' : 'department';
  const overview = useOverview();
  const slippage = useSlippage();
  const n = (v: number) => formatNumber(v, lang);

  if (overview.isPending) return <Loading />;
  if (overview.isError) return <LoadError error={overview.error} />;
  const rows = group === 'department' ? overview.data.departments : overview.data.committees;
  const total = overview.data.total;

  return (
    <Stack gap="lg">
      <Title order={2}>{t('overview.title')}</Title>
      <WhatNeedsMe />
      <Group gap="xs">
        {(['red', 'yellow', 'green'] as const).map((g) => (
          <Badge
            key={g}
            component={Link}
            to={`/findings?grade=${g}`}
            color={gradeColor[g]}
            c={g === 'yellow' ? 'dark' : undefined}
            variant="filled"
            size="lg"
            style={{ cursor: 'pointer' }}
          >
            {t(`grade.${g}`)}: {n(total.findings.byGrade[g])}
          </Badge>
        ))}
      </Group>
      <Paper withBorder p="sm">
        <Stack gap="md">
          <Group gap="xs">
            <Text size="sm" fw={500} id="overview-group">
              {t('overview.groupBy')}
            </Text>
            <SegmentedControl
              aria-labelledby="overview-group"
              size="xs"
              value={group}
              onChange={(v) =>
                setParams(
                  (p) => {
                    if (v === 'committee') p.set('group', 'committee');
                    else p.delete('group');
                    return p;
                  },
                  { replace: true },
                )
              }
              data={[
                { value: 'department', label: t('overview.byDepartment') },
                { value: 'committee', label: t('overview.byCommittee') },
              ]}
            />
          </Group>
          <OverviewTable
            caption={t('overview.findingsByState', { context })}
            group={group}
            rows={rows}
            total={total}
            head={states.map((s) => (
              <Table.Th key={s} scope="col" ta="right">
                {t(`state.${s}`)}
              </Table.Th>
            ))}
            cells={(r) =>
              states.map((s) => (
                <Table.Td key={s} ta="right">
                  <Count value={r.findings.byState[s] ?? 0} to={findingsPath(group, r, { state: s })} lang={lang} />
                </Table.Td>
              ))
            }
          />
          <OverviewTable
            caption={t('overview.measuresByStatus', { context })}
            group={group}
            rows={rows}
            total={total}
            head={
              <>
                {measureKeys.map((k) => (
                  <Table.Th key={k} scope="col" ta="right">
                    {t(`overview.${k}`, { context })}
                  </Table.Th>
                ))}
                <Table.Th scope="col" ta="right">
                  {t('overview.slippage')}
                </Table.Th>
              </>
            }
            cells={(r) => (
              <>
                {measureKeys.map((k) => (
                  <Table.Td key={k} ta="right" c={k === 'overdue' && r.measures[k] > 0 ? 'red.9' : undefined}>
                    <Count value={r.measures[k]} to={findingsPath(group, r, { measureStatus: k })} lang={lang} />
                  </Table.Td>
                ))}
                <Table.Td ta="right">{r.averageSlippageDays === null ? '–' : n(Math.round(r.averageSlippageDays))}</Table.Td>
              </>
            )}
          />
        </Stack>
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
