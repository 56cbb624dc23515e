import { Anchor, Badge, Checkbox, Group, Select, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DepartmentFilter, useUrlFilters } from '../../components/filters';
import { CATEGORY_LABELS, isCategory } from '../../../domain/reconciliation';
import { get, type Page } from '../../api';
import { formatNumber } from '../../format';
import type { Language } from '../../i18n';
import { kr } from '../../components/balance/money';
import { StatusBadge } from '../../components/balance/StatusBadge';
import type { BalanceAccount } from '../../components/balance/types';

const PAGE = 25;


/** The balance accounts: filters in the URL, filtering and paging on the server. */
export default function Accounts() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { params, page, set, query } = useUrlFilters(['category', 'imFunction', 'departmentId', 'olderThanOneYear', 'overdue'], PAGE);
  const accounts = useQuery({ queryKey: ['balance-accounts', query.toString()], queryFn: () => get<Page<BalanceAccount>>(`/balance-accounts?${query}`), placeholderData: keepPreviousData });
  const imFunctions = useQuery({ queryKey: ['im-functions'], queryFn: () => get<{ id: string; code: string; name: string }[]>('/im-functions') });

  return (
    <Stack>
      <Title order={2}>{t('balance.title')}</Title>
      <Text size="sm">{t('balance.intro')}</Text>
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
        <DepartmentFilter label={t('balance.filters.department')} placeholder={t('balance.filters.all')} value={params.get('departmentId')} onChange={(v) => set('departmentId', v)} />
        <Checkbox label={t('balance.filters.older')} checked={params.get('olderThanOneYear') === 'true'} onChange={(e) => set('olderThanOneYear', e.currentTarget.checked ? 'true' : null)} mb={8} />
        <Checkbox label={t('balance.plans.overdueFilter')} checked={params.get('overdue') === 'true'} onChange={(e) => set('overdue', e.currentTarget.checked ? 'true' : null)} mb={8} />
      </Group>
      <Text size="sm" aria-live="polite">
        {t('balance.count', { count: accounts.data?.total ?? 0 })}
      </Text>
      <DataTable
        withTableBorder
        striped
        highlightOnHover
        minHeight={160}
        fetching={accounts.isFetching}
        records={accounts.data?.items ?? []}
        totalRecords={accounts.data?.total ?? 0}
        recordsPerPage={PAGE}
        page={page}
        onPageChange={(p) => set('page', String(p))}
        noRecordsText={t('balance.empty')}
        paginationText={({ from, to, totalRecords }) => `${from}–${to} / ${formatNumber(totalRecords, lang)}`}
        getPaginationControlProps={(control) => ({ 'aria-label': control })}
        columns={[
          {
            accessor: 'number',
            title: t('balance.columns.number'),
            render: (a) => (
              <Anchor component={Link} to={`/balance/accounts/${a.id}`}>
                {a.number}
              </Anchor>
            ),
          },
          { accessor: 'name', title: t('balance.columns.name') },
          { accessor: 'imFunction', title: t('balance.columns.imFunction'), render: (a) => a.imFunction.code },
          { accessor: 'department', title: t('balance.columns.department'), render: (a) => a.department.code },
          { accessor: 'frequency', title: t('risk.accountFrequency'), render: (a) => t(`risk.frequency.${a.frequency}`) },
          { accessor: 'period', title: t('balance.columns.period'), render: (a) => a.latest?.period ?? t('balance.noReconciliation') },
          { accessor: 'category', title: t('balance.columns.category'), render: (a) => (a.latest && isCategory(a.latest.category) ? <span title={CATEGORY_LABELS[a.latest.category][lang]}>{a.latest.category}</span> : '') },
          { accessor: 'followUp', title: t('balance.columns.followUp'), textAlign: 'right', render: (a) => (a.latest ? kr(a.latest.followUpOre, lang) : '') },
          { accessor: 'older', title: t('balance.columns.older'), textAlign: 'right', render: (a) => (a.latest ? kr(a.latest.olderThanOneYearOre, lang) : '') },
          {
            accessor: 'needs',
            title: t('balance.columns.needs'),
            // The list answer carries each account's needs and plans: no request per row.
            render: (a) => {
              if (!a.latest) return '';
              const needs = a.needs;
              return (
                <Group gap={4} wrap="wrap">
                  {needs.length === 0 ? (
                    t('balance.nothingNeeded')
                  ) : (
                    // Short names in the table; the server's full sentences on hover and on the account page.
                    <span title={needs.map((n) => n.message).join(' ')}>
                      {needs.map((n) => (n.code === 'actionPlanMissing' || n.code === 'consequenceMissing' ? t(`balance.needs.${n.code}`) : n.message)).join(', ')}
                    </span>
                  )}
                  {a.overdue && (
                    <Badge color="red.9" variant="filled" size="sm">
                      {t('balance.plans.overdueBadge')}
                    </Badge>
                  )}
                </Group>
              );
            },
          },
          {
            accessor: 'status',
            title: t('balance.columns.status'),
            render: (a) =>
              a.latest ? <StatusBadge status={a.latest.status} /> : '',
          },
        ]}
      />
    </Stack>
  );
}
