import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { get } from '../api';

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

export const useDepartments = () => useQuery({ queryKey: ['departments'], queryFn: () => get<{ items: { id: string; code: string; name: string }[] }>('/departments') });

/** The department filter of a list page: `departmentId` in the URL. */
export function DepartmentFilter({ label, placeholder, value, onChange }: { label: string; placeholder: string; value: string | null; onChange: (id: string | null) => void }) {
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
