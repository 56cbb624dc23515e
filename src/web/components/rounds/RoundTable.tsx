import { Anchor, Badge, Checkbox, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { StatusBadge } from './StatusBadge';
import type { RoundMeasure, StatusEntry } from './types';

interface Props {
  measures: RoundMeasure[];
  entries: Record<string, StatusEntry | null>;
  selected: Set<string>;
  selectable: (m: RoundMeasure) => boolean;
  context: 'SE' | undefined;
  onSelect: (ids: string[], on: boolean) => void;
  onOpen: (m: RoundMeasure) => void;
}

/**
 * Every measure of the department in one table: finding, measure, deadline and status, with a
 * choice box on the rows that may be reported on track now (the server's allowedStatuses and
 * actions), for the bulk "on track".
 */
export function RoundTable({ measures, entries, selected, selectable, context, onSelect, onOpen }: Props) {
  const { t } = useTranslation();
  const choosable = measures.filter(selectable);
  const all = choosable.length > 0 && choosable.every((m) => selected.has(m.measureId));
  const some = choosable.some((m) => selected.has(m.measureId));
  return (
    <Table.ScrollContainer minWidth={520} type="native">
      <Table verticalSpacing={6} striped={false} highlightOnHover data-testid="round-table">
        <VisuallyHidden component="caption">{t('rounds.form.table.caption')}</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={48}>
              <Checkbox
                aria-label={t('rounds.form.table.selectAll')}
                checked={all}
                indeterminate={some && !all}
                disabled={choosable.length === 0}
                onChange={(e) =>
                  onSelect(
                    choosable.map((m) => m.measureId),
                    e.currentTarget.checked,
                  )
                }
              />
            </Table.Th>
            <Table.Th scope="col">{t('rounds.form.table.finding', { context })}</Table.Th>
            <Table.Th scope="col">{t('rounds.form.table.measure', { context })}</Table.Th>
            <Table.Th scope="col">{t('rounds.form.table.deadline', { context })}</Table.Th>
            <Table.Th scope="col">{t('rounds.form.table.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {measures.map((m) => {
            const finding = `${m.findingNumber} (${m.findingYear})`;
            const entry = entries[m.measureId] ?? m.entry;
            return (
              <Table.Tr key={m.measureId} data-measure-row={`${m.findingNumber}.${m.number}`}>
                <Table.Td>
                  {selectable(m) ? (
                    <Checkbox
                      aria-label={t('rounds.form.table.selectRow', { number: m.number, finding })}
                      checked={selected.has(m.measureId)}
                      onChange={(e) => onSelect([m.measureId], e.currentTarget.checked)}
                    />
                  ) : (
                    <VisuallyHidden>{t('rounds.form.table.notSelectable')}</VisuallyHidden>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{finding}</Text>
                </Table.Td>
                <Table.Td>
                  <Anchor
                    component="button"
                    type="button"
                    size="sm"
                    ta="left"
                    onClick={() => onOpen(m)}
                    aria-label={`${t('rounds.form.table.open', { number: m.number })}: ${m.title}`}
                  >
                    {m.number}. {m.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{m.deadline?.display ?? t('rounds.form.noDeadline')}</Text>
                  {m.overdue && (
                    <Badge variant="outline" color="#9a4400" size="sm" mt={2}>
                      {t('rounds.form.overdue', { context })}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={entry?.status ?? null} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
