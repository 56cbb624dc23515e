import { Table, UnstyledButton, type TableThProps } from '@mantine/core';
import type { ReactNode } from 'react';

/** A list's sort as the URL keeps it: `sort=amount` ascending, `sort=-amount` descending. */
export interface SortState {
  key: string | null;
  descending: boolean;
}

export function parseSort(value: string | null): SortState {
  if (!value) return { key: null, descending: false };
  return value.startsWith('-') ? { key: value.slice(1), descending: true } : { key: value, descending: false };
}

/** The next `sort` value when a header is chosen: a new column ascending, the same column the other way. */
export function nextSort(current: SortState, key: string): string {
  return current.key === key && !current.descending ? `-${key}` : key;
}

/**
 * A column header that sorts the table: a button (Tab, Enter or Space) inside the header cell,
 * and the cell's aria-sort telling screen readers which column orders the rows and which way.
 * The arrow is decoration; the state is in aria-sort.
 */
export function SortableTh({
  column,
  sort,
  onSort,
  children,
  ...props
}: { column: string; sort: SortState; onSort: (next: string) => void; children: ReactNode } & Omit<TableThProps, 'children'>) {
  const active = sort.key === column;
  const direction = active ? (sort.descending ? 'descending' : 'ascending') : 'none';
  return (
    <Table.Th scope="col" aria-sort={direction} {...props}>
      <UnstyledButton className="sort-button" onClick={() => onSort(nextSort(sort, column))} data-active={active || undefined}>
        {children}
        <span aria-hidden="true" className="sort-arrow">
          {direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : '↕'}
        </span>
      </UnstyledButton>
    </Table.Th>
  );
}
