import { Alert, Anchor, Badge, Button, Group, List, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, ApiError } from '../../api';
import { formatDay, formatNumber } from '../../format';
import type { Language } from '../../i18n';
import { useSession } from '../../session';
import { mayRunRiskModel } from '../../components/balance/risk';
import { riskKeys, useRiskRun, type RiskResult, type RunFilter } from '../../queries/risk';

const PAGE = 50;
const FILTERS = ['all', 'qualified', 'changed'] as const;

const decimal = (value: number, lang: Language) =>
  new Intl.NumberFormat(lang === 'en' ? 'en-GB' : lang === 'sv' ? 'sv-SE' : 'da-DK', { maximumFractionDigits: 2 }).format(value);

/** One risk model run: its counts, the accounts with score and frequencies, each explained on demand; apply for central coordination. */
export default function RiskRun() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { id = '' } = useParams();
  const session = useSession();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const filter = (FILTERS as readonly string[]).includes(params.get('filter') ?? '') ? (params.get('filter') as RunFilter) : 'all';
  const page = Number(params.get('page') ?? '1');
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };
  const run = useRiskRun(id, filter, page, PAGE);
  const [expanded, setExpanded] = useState<string[]>([]);
  const [applyError, setApplyError] = useState<string | null>(null);
  const [applying, setApplying] = useState(false);

  if (run.error) {
    const notFound = run.error instanceof ApiError && run.error.status === 404;
    return (
      <Stack>
        <Anchor component={Link} to="/balance/risk">
          {t('risk.detail.back')}
        </Anchor>
        <Title order={2}>{notFound ? t('risk.detail.notFound') : String(run.error)}</Title>
      </Stack>
    );
  }
  const r = run.data;

  async function apply() {
    setApplying(true);
    setApplyError(null);
    try {
      await api('POST', `/risk-runs/${id}/apply`);
      await queryClient.invalidateQueries({ queryKey: riskKeys.run(id) });
      await queryClient.invalidateQueries({ queryKey: riskKeys.runs });
    } catch (e) {
      setApplyError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setApplying(false);
    }
  }

  const frequency = (f: RiskResult['previousFrequency']) => t(`risk.frequency.${f}`);

  return (
    <Stack>
      <Anchor component={Link} to="/balance/risk">
        {t('risk.detail.back')}
      </Anchor>
      <Group justify="space-between" align="center">
        <Title order={2}>{t('risk.detail.title', { asOf: r?.asOf ?? '' })}</Title>
        {r && (
          <Badge color={r.state === 'applied' ? '#1e6b2e' : 'gray.8'} variant="filled">
            {t(`risk.state.${r.state}`)}
          </Badge>
        )}
      </Group>
      {r && (
        <SimpleGrid cols={{ base: 2, md: 5 }}>
          {(['accounts', 'qualified', 'lowered', 'stayedMonthly', 'raised'] as const).map((k) => (
            <Stack gap={0} key={k}>
              <Text size="sm" c="dimmed">
                {t(`risk.columns.${k}`)}
              </Text>
              <Text fw={700} size="xl">
                {formatNumber(r.counts[k], lang)}
              </Text>
            </Stack>
          ))}
        </SimpleGrid>
      )}
      {r?.appliedAt && <Text>{t('risk.detail.applied', { at: formatDay(r.appliedAt.slice(0, 10), lang) })}</Text>}
      {r && r.state === 'draft' && mayRunRiskModel(session.roles) && (
        <Group>
          <Button onClick={apply} loading={applying}>
            {t('risk.detail.apply')}
          </Button>
        </Group>
      )}
      {applyError && (
        <Alert color="red" variant="light" role="alert" title={t('risk.detail.applyFailed')}>
          {applyError}
        </Alert>
      )}
      <Group align="end">
        <Select
          label={t('risk.detail.filter')}
          value={filter}
          onChange={(v) => set('filter', v === 'all' ? null : v)}
          data={FILTERS.map((f) => ({ value: f, label: t(`risk.detail.filters.${f}`) }))}
          allowDeselect={false}
          w={300}
        />
        <Text size="sm" aria-live="polite">
          {t('risk.detail.count', { count: r?.results.total ?? 0 })}
        </Text>
      </Group>
      <DataTable
        withTableBorder
        striped
        minHeight={160}
        fetching={run.isFetching}
        idAccessor="accountId"
        records={r?.results.items ?? []}
        totalRecords={r?.results.total ?? 0}
        recordsPerPage={PAGE}
        page={page}
        onPageChange={(p) => set('page', String(p))}
        paginationText={({ from, to, totalRecords }) =>
          t('common.pager.range', { from: formatNumber(from, lang), to: formatNumber(to, lang), total: formatNumber(totalRecords, lang) })
        }
        getPaginationControlProps={(control) => ({ 'aria-label': t(`common.pager.${control}`) })}
        columns={[
          {
            accessor: 'accountNumber',
            title: t('risk.columns.account'),
            render: (x) => (
              <Anchor component={Link} to={`/balance/accounts/${x.accountId}`}>
                {x.accountNumber}
              </Anchor>
            ),
          },
          { accessor: 'score', title: t('risk.columns.score'), textAlign: 'right', render: (x) => (x.score === null ? '–' : decimal(x.score, lang)) },
          { accessor: 'change', title: t('risk.columns.change'), render: (x) => `${frequency(x.previousFrequency)} → ${frequency(x.proposedFrequency)}` },
          { accessor: 'qualified', title: t('risk.columns.qualified'), render: (x) => (x.qualified ? t('risk.yes') : t('risk.no')) },
          {
            accessor: 'details',
            title: t('risk.columns.details'),
            render: (x) => {
              const open = expanded.includes(x.accountId);
              return (
                <Button
                  size="compact-sm"
                  variant="subtle"
                  aria-expanded={open}
                  aria-controls={`risk-explain-${x.accountId}`}
                  onClick={() => setExpanded(open ? expanded.filter((e) => e !== x.accountId) : [...expanded, x.accountId])}
                >
                  {t('risk.detail.explain', { account: x.accountNumber })}
                </Button>
              );
            },
          },
        ]}
        rowExpansion={{
          allowMultiple: true,
          trigger: 'never',
          expanded: { recordIds: expanded, onRecordIdsChange: (ids: unknown[]) => setExpanded(ids as string[]) },
          content: ({ record }) => (
            <Stack p="sm" gap="xs" id={`risk-explain-${record.accountId}`}>
              {record.components.length > 0 && (
                <Table withTableBorder aria-label={t('risk.detail.explain', { account: record.accountNumber })}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('risk.detail.component')}</Table.Th>
                      <Table.Th ta="right">{t('risk.detail.points')}</Table.Th>
                      <Table.Th ta="right">{t('risk.detail.weight')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {record.components.map((c) => (
                      <Table.Tr key={c.component}>
                        <Table.Td>{t(`risk.components.${c.component}`)}</Table.Td>
                        <Table.Td ta="right">{decimal(c.points, lang)}</Table.Td>
                        <Table.Td ta="right">{decimal(c.weight, lang)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
              <Text fw={500} size="sm">
                {t('risk.detail.reasons')}
              </Text>
              <List size="sm">
                {record.reasons.map((reason, i) => (
                  <List.Item key={i}>{reason}</List.Item>
                ))}
              </List>
            </Stack>
          ),
        }}
      />
    </Stack>
  );
}
