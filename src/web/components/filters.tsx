import { Group, Pagination, Select, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { formatNumber } from '../format';
import type { Language } from '../i18n';
import { useCommittees, useDepartments } from '../queries/register';

// The registers' hooks live in queries/register.ts; re-exported for the pages that import them from here.
export { useCommittees, useDepartments };

/**
 * A list page's filters live in the URL (shareable, kept on back): the current page, a setter that
 * goes back to page 1 on any other change, and the API query of the given filter keys with paging.
 */
export function useUrlFilters(keys: readonly string[], pageSize: number) {
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? '1');
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };
  const query = new URLSearchParams();
  for (const key of keys) {
    const v = params.get(key);
    if (v) query.set(key, v);
  }
  query.set('limit', String(pageSize));
  query.set('offset', String((page - 1) * pageSize));
  return { params, page, set, query };
}

/** The department filter of a list page: `departmentId` in the URL. */
export function DepartmentFilter({
  label,
  placeholder,
  value,
  onChange,
}: {
  label: string;
  placeholder: string;
  value: string | null;
  onChange: (id: string | null) => void;
}) {
  const departments = useDepartments();
  return (
    <Select
      label={label}
      value={value}
      onChange={onChange}
      data={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.code} ${d.name}` }))}
      placeholder={placeholder}
      clearable
      searchable
      w={240}
    />
  );
}

/** The committee filter of a list page: `committeeId` in the URL. */
export function CommitteeFilter({
  label,
  placeholder,
  value,
  onChange,
}: {
  label: string;
  placeholder: string;
  value: string | null;
  onChange: (id: string | null) => void;
}) {
  const committees = useCommittees();
  return (
    <Select
      label={label}
      value={value}
      onChange={onChange}
      data={(committees.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.code} ${c.name}` }))}
      placeholder={placeholder}
      clearable
      searchable
      w={240}
    />
  );
}

/** The pager under a server-paged table: where in the list the page is, and the pages by number, in the user's language. */
export function ListPager({ page, total, pageSize, onChange }: { page: number; total: number; pageSize: number; onChange: (page: number) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  if (total === 0) return null;
  const from = (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const labels: Record<string, string> = {
    previous: t('common.pager.previous'),
    next: t('common.pager.next'),
    first: t('common.pager.first'),
    last: t('common.pager.last'),
  };
  return (
    <Group justify="space-between" gap="sm" wrap="wrap">
      <Text size="sm">{t('common.pager.range', { from: formatNumber(from, lang), to: formatNumber(to, lang), total: formatNumber(total, lang) })}</Text>
      {total > pageSize && (
        <nav aria-label={t('common.pager.label')}>
          <Pagination
            size="sm"
            total={Math.ceil(total / pageSize)}
            value={page}
            onChange={onChange}
            getControlProps={(control) => ({ 'aria-label': labels[control] })}
            getItemProps={(p) => ({ 'aria-label': t('common.pager.page', { page: p }), ...(p === page ? { 'aria-current': 'page' as const } : {}) })}
          />
        </nav>
      )}
    </Group>
  );
}
