import { Anchor, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { DataTable } from 'mantine-datatable';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CommitteeFilter, DepartmentFilter, useUrlFilters } from '../components/filters';
import { MEASURE_STATUS_FILTERS } from '../../domain/measure-status';
import { formatNumber } from '../format';
import { useFindings, useReports } from '../queries/findings';
import type { Language } from '../i18n';
import { useVocabulary } from '../session';
import { ConfidentialBadge, GradeBadge } from '../components/badges';
import { DocumentDownload } from '../components/documents/DocumentDownload';

const PAGE = 25;

/** The findings list: filters in the URL (shareable), paging and filtering on the server. */
export default function Findings() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const context = useVocabulary();
  const { params, page, set, query } = useUrlFilters(['year', 'reportId', 'grade', 'state', 'departmentId', 'committeeId', 'measureStatus', 'sort', 'q'], PAGE);
  const [q, setQ] = useState(params.get('q') ?? '');
  const [debouncedQ] = useDebouncedValue(q, 300);
  // The search is a filter like the others: in the URL, so a shared or reloaded link shows the same list.
  useEffect(() => {
    if ((params.get('q') ?? '') !== debouncedQ.trim()) set('q', debouncedQ.trim() || null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debouncedQ]);
  // The export takes the same filters, without paging.
  const exportQuery = new URLSearchParams(query);
  exportQuery.delete('limit');
  exportQuery.delete('offset');
  exportQuery.delete('sort');
  const exportHref = (format: 'csv' | 'xlsx') => `/api/v1/findings/export?${new URLSearchParams([...exportQuery, ['format', format]])}`;
  // The server sorts (GET /findings?sort=-grade); the table only shows which column and direction.
  const sort = params.get('sort') ?? '';
  const sortStatus = { columnAccessor: sort.replace(/^-/, '') || 'year', direction: sort.startsWith('-') || !sort ? ('desc' as const) : ('asc' as const) };
  const findings = useFindings(query.toString());
  const reports = useReports();
  const selectedReport = reports.data?.items.find((r) => r.id === params.get('reportId'));
  const states = ['assigned', 'planDrafted', 'planApproved', 'inProgress', 'closureProposed', 'closed', 'carriedOver'];

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('findings.title', { context })}</Title>
        <Anchor component={Link} to="/reports">
          {t('registry.list.reports', { context })}
        </Anchor>
      </Group>
      <Group align="end" gap="sm" wrap="wrap">
        <TextInput label={t('findings.search')} value={q} onChange={(e) => setQ(e.currentTarget.value)} w={240} type="search" />
        <Select
          label={t('findings.year')}
          value={params.get('year')}
          onChange={(v) => set('year', v)}
          data={Array.from({ length: 6 }, (_, i) => String(new Date().getFullYear() - i))}
          placeholder={t('findings.all')}
          clearable
          w={110}
        />
        <Select
          label={t('findings.report', { context })}
          value={params.get('reportId')}
          onChange={(v) => set('reportId', v)}
          data={(reports.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.title} (${r.year})` }))}
          placeholder={t('findings.all')}
          clearable
          searchable
          w={240}
        />
        <Select
          label={t('findings.grade')}
          value={params.get('grade')}
          onChange={(v) => set('grade', v)}
          data={(['red', 'yellow', 'green'] as const).map((g) => ({ value: g, label: t(`grade.${g}`) }))}
          placeholder={t('findings.all')}
          clearable
          w={170}
        />
        <Select
          label={t('findings.state')}
          value={params.get('state')}
          onChange={(v) => set('state', v)}
          data={states.map((s) => ({ value: s, label: t(`state.${s}`) }))}
          placeholder={t('findings.all')}
          clearable
          w={200}
        />
        <DepartmentFilter
          label={t('findings.department')}
          placeholder={t('findings.all')}
          value={params.get('departmentId')}
          onChange={(v) => set('departmentId', v)}
        />
        <CommitteeFilter
          label={t('findings.committee')}
          placeholder={t('findings.all')}
          value={params.get('committeeId')}
          onChange={(v) => set('committeeId', v)}
        />
        <Select
          label={t('findings.measureStatus', { context })}
          value={params.get('measureStatus')}
          onChange={(v) => set('measureStatus', v)}
          data={MEASURE_STATUS_FILTERS.map((s) => ({ value: s, label: t(`overview.${s}`, { context }) }))}
          placeholder={t('findings.all')}
          clearable
          w={200}
        />
      </Group>
      <Group justify="space-between" align="center">
        <Group gap="sm">
          <Text size="sm" aria-live="polite">
            {t('findings.count', { context, count: findings.data?.total ?? 0 })}
          </Text>
          <Text size="sm">{t('registry.list.export')}</Text>
          <Anchor href={exportHref('csv')} size="sm" download>
            {t('registry.list.csv')}
          </Anchor>
          <Anchor href={exportHref('xlsx')} size="sm" download>
            {t('registry.list.xlsx')}
          </Anchor>
        </Group>
        {selectedReport && (
          <DocumentDownload
            label={t('documents.council')}
            title={t('documents.councilTitle', { report: `${selectedReport.title} (${selectedReport.year})` })}
            path={`/reports/${selectedReport.id}/council-decisions`}
            formats={['pdf', 'docx', 'xlsx']}
          />
        )}
      </Group>
      <DataTable
        withTableBorder
        striped
        highlightOnHover
        minHeight={160}
        fetching={findings.isFetching}
        records={findings.data?.items ?? []}
        totalRecords={findings.data?.total ?? 0}
        recordsPerPage={PAGE}
        page={page}
        onPageChange={(p) => set('page', String(p))}
        sortStatus={sortStatus}
        onSortStatusChange={(status) => set('sort', `${status.direction === 'desc' ? '-' : ''}${status.columnAccessor}`)}
        noRecordsText={t('findings.empty', { context })}
        paginationText={({ from, to, totalRecords }) => `${from}–${to} / ${formatNumber(totalRecords, lang)}`}
        getPaginationControlProps={(control) => ({ 'aria-label': control })}
        columns={[
          { accessor: 'year', title: t('findings.year'), width: 80, sortable: true, render: (f) => f.reportYear },
          { accessor: 'number', title: t('findings.number'), width: 70, sortable: true },
          {
            accessor: 'title',
            title: t('findings.heading'),
            sortable: true,
            render: (f) => (
              <Group gap="xs" wrap="nowrap">
                <Link to={`/findings/${f.id}`}>{f.title}</Link>
                {f.confidential && <ConfidentialBadge />}
              </Group>
            ),
          },
          { accessor: 'grade', title: t('findings.grade'), sortable: true, render: (f) => <GradeBadge grade={f.grade} /> },
          {
            accessor: 'departments',
            title: t('findings.departments'),
            render: (f) => f.departments.map((d) => `${d.code}: ${t(`state.${d.state}`)}`).join(', '),
          },
        ]}
      />
    </Stack>
  );
}
