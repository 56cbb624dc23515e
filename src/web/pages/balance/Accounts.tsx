import { Alert, Anchor, Badge, Button, Checkbox, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DepartmentFilter, ListPager, useUrlFilters } from '../../components/filters';
import { parseSort, SortableTh } from '../../components/sorting';
import { CATEGORY_LABELS, isCategory } from '../../../domain/reconciliation';
import { ApiError } from '../../api';
import { errorAlertStyles } from '../../components/activity/forms';
import { holds } from '../../components/activity/roles';
import { useSession } from '../../session';
import type { Language } from '../../i18n';
import { kr } from '../../components/balance/money';
import { StatusBadge } from '../../components/balance/StatusBadge';
import { balanceKeys, loadStarterChart, useBalanceAccounts, useImFunctions } from '../../queries/balance';

const PAGE = 25;

/**
 * An empty chart of accounts (IM functions): central coordination loads the starter chart here
 * (the server's loadStarterChart, idempotent), instead of importing a file first; others read why
 * the list is empty.
 */
function StarterChart({ onLoaded }: { onLoaded: (created: number) => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const mayLoad = holds(session, 'admin', 'centralCoordinator');
  const load = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const result = await loadStarterChart();
      await client.invalidateQueries({ queryKey: balanceKeys.imFunctions });
      onLoaded(result.created);
    } catch (e) {
      setFailure(e instanceof ApiError && e.detail ? `${t('balance.starter.failed')}: ${e.detail}` : t('balance.starter.failed'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="starter-chart-title">
      <Stack gap="xs">
        <Title order={3} size="h4" id="starter-chart-title">
          {t('balance.starter.title')}
        </Title>
        <Text size="sm">{mayLoad ? t('balance.starter.intro') : t('balance.starter.introReader')}</Text>
        {failure && (
          <Alert color="red.9" variant="light" role="alert" p="xs" styles={errorAlertStyles}>
            <Text size="sm">{failure}</Text>
          </Alert>
        )}
        {mayLoad && (
          <Group>
            <Button onClick={() => void load()} loading={busy}>
              {t('balance.starter.load')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/** The balance accounts: filters and sort in the URL, filtering, sorting and paging on the server. */
export default function Accounts() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { params, page, set, query } = useUrlFilters(['category', 'imFunction', 'departmentId', 'olderThanOneYear', 'overdue', 'sort'], PAGE);
  const sort = parseSort(params.get('sort'));
  const accounts = useBalanceAccounts(query.toString());
  const rows = accounts.data?.items ?? [];
  const total = accounts.data?.total ?? 0;
  // The columns the server sorts by (balance schemas' ACCOUNT_SORT_KEYS), in the table's order
  const sortable: [string, string, 'right' | undefined][] = [
    ['number', t('balance.columns.number'), undefined],
    ['name', t('balance.columns.name'), undefined],
    ['imFunction', t('balance.columns.imFunction'), undefined],
    ['department', t('balance.columns.department'), undefined],
    ['period', t('balance.columns.period'), undefined],
    ['category', t('balance.columns.category'), undefined],
    ['followUp', t('balance.columns.followUp'), 'right'],
    ['older', t('balance.columns.older'), 'right'],
  ];
  const imFunctions = useImFunctions();
  // How many IM functions the starter chart just added, for the status line
  const [loaded, setLoaded] = useState<number | null>(null);

  return (
    <Stack>
      <Title order={2}>{t('balance.title')}</Title>
      <Text size="sm">{t('balance.intro')}</Text>
      {imFunctions.data?.length === 0 && <StarterChart onLoaded={setLoaded} />}
      {loaded !== null && (
        <Alert color="green.9" variant="light" role="status" p="xs">
          <Text size="sm">{t('balance.starter.loaded', { count: loaded })}</Text>
        </Alert>
      )}
      <Group align="end" gap="sm" wrap="wrap">
        <Select
          label={t('balance.filters.category')}
          value={params.get('category')}
          onChange={(v) => set('category', v)}
          data={(['1', '2', '3'] as const).map((c) => ({ value: c, label: `${c} ${CATEGORY_LABELS[Number(c) as 1 | 2 | 3][lang]}` }))}
          placeholder={t('balance.filters.all')}
          clearable
          w={260}
        />
        <Select
          label={t('balance.filters.imFunction')}
          value={params.get('imFunction')}
          onChange={(v) => set('imFunction', v)}
          data={(imFunctions.data ?? []).map((f) => ({ value: f.code, label: `${f.code} ${f.name}` }))}
          placeholder={t('balance.filters.all')}
          clearable
          searchable
          w={280}
        />
        <DepartmentFilter
          label={t('balance.filters.department')}
          placeholder={t('balance.filters.all')}
          value={params.get('departmentId')}
          onChange={(v) => set('departmentId', v)}
        />
        <Checkbox
          label={t('balance.filters.older')}
          checked={params.get('olderThanOneYear') === 'true'}
          onChange={(e) => set('olderThanOneYear', e.currentTarget.checked ? 'true' : null)}
          mb={8}
        />
        <Checkbox
          label={t('balance.plans.overdueFilter')}
          checked={params.get('overdue') === 'true'}
          onChange={(e) => set('overdue', e.currentTarget.checked ? 'true' : null)}
          mb={8}
        />
      </Group>
      <Text size="sm" aria-live="polite">
        {t('balance.count', { count: total })}
      </Text>
      <Table.ScrollContainer minWidth={1100}>
        <Table striped highlightOnHover withTableBorder captionSide="top" aria-busy={accounts.isFetching || undefined}>
          <Table.Caption ta="left">{t('balance.title')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              {sortable.map(([column, label, ta]) => (
                <SortableTh key={column} column={column} sort={sort} onSort={(next) => set('sort', next)} ta={ta}>
                  {label}
                </SortableTh>
              ))}
              <Table.Th scope="col">{t('risk.accountFrequency')}</Table.Th>
              <Table.Th scope="col">{t('balance.columns.needs')}</Table.Th>
              <Table.Th scope="col">{t('balance.columns.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.length === 0 && !accounts.isPending && (
              <Table.Tr>
                <Table.Td colSpan={sortable.length + 3}>{t('balance.empty')}</Table.Td>
              </Table.Tr>
            )}
            {rows.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/balance/accounts/${a.id}`}>
                    {a.number}
                  </Anchor>
                </Table.Td>
                <Table.Td>{a.name}</Table.Td>
                <Table.Td>{a.imFunction.code}</Table.Td>
                <Table.Td>{a.department.code}</Table.Td>
                <Table.Td>{a.latest?.period ?? t('balance.noReconciliation')}</Table.Td>
                <Table.Td>
                  {a.latest && isCategory(a.latest.category) ? <span title={CATEGORY_LABELS[a.latest.category][lang]}>{a.latest.category}</span> : ''}
                </Table.Td>
                <Table.Td ta="right">{a.latest ? kr(a.latest.followUpOre, lang) : ''}</Table.Td>
                <Table.Td ta="right">{a.latest ? kr(a.latest.olderThanOneYearOre, lang) : ''}</Table.Td>
                <Table.Td>{t(`risk.frequency.${a.frequency}`)}</Table.Td>
                <Table.Td>
                  {a.latest && (
                    <Group gap={4} wrap="wrap">
                      {a.needs.length === 0 ? (
                        t('balance.nothingNeeded')
                      ) : (
                        // Short names in the table; the server's full sentences on hover and on the account page.
                        <span title={a.needs.map((n) => n.message).join(' ')}>
                          {a.needs
                            .map((n) => (n.code === 'actionPlanMissing' || n.code === 'consequenceMissing' ? t(`balance.needs.${n.code}`) : n.message))
                            .join(', ')}
                        </span>
                      )}
                      {a.overdue && (
                        <Badge color="red.9" variant="filled" size="sm">
                          {t('balance.plans.overdueBadge')}
                        </Badge>
                      )}
                    </Group>
                  )}
                </Table.Td>
                <Table.Td>{a.latest ? <StatusBadge status={a.latest.status} /> : ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ListPager page={page} total={total} pageSize={PAGE} onChange={(p) => set('page', String(p))} />
    </Stack>
  );
}
