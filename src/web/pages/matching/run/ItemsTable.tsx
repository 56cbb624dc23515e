import { Badge, Button, Checkbox, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../../api';
import { ListPager } from '../../../components/filters';
import { parseSort, SortableTh } from '../../../components/sorting';
import { formatDay } from '../../../format';
import type { Language } from '../../../i18n';
import { unmaskCpr, useMatchingItems, type MatchingItem, type MatchingRun as Run, type Side } from '../../../queries/matching';
import { money } from '../shared';

const PAGE = 50;

/** Unmatched or timing items of one run, a page at a time, with the side in the URL; selectable for a manual match. */
export function ItemsTable(props: {
  run: Run;
  state: 'unmatched' | 'timing';
  /** Whether the system's layouts have a CPR column at all. */
  withCpr: boolean;
  selected?: Map<string, MatchingItem>;
  onToggle?: (item: MatchingItem, on: boolean) => void;
  onAnnounce: (text: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const [params, setParams] = useSearchParams();
  const side = params.get('side') === 'left' || params.get('side') === 'right' ? (params.get('side') as Side) : null;
  const page = Number(params.get('page') ?? '1') || 1;
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };
  const sort = parseSort(params.get('sort'));
  const query = new URLSearchParams({ state: props.state, limit: String(PAGE), offset: String((page - 1) * PAGE) });
  if (side) query.set('side', side);
  if (sort.key) query.set('sort', params.get('sort')!);
  const items = useMatchingItems(props.run.id, { state: props.state, side, page, sort }, query);
  const [clear, setClear] = useState<Record<string, string>>({});
  const [unmasking, setUnmasking] = useState<string | null>(null);
  const sideName = (s: Side) => t(`matching.sides.${s}`);

  async function unmask(item: MatchingItem) {
    setUnmasking(item.id);
    try {
      const r = await unmaskCpr(item.id);
      setClear((c) => ({ ...c, [item.id]: r.cpr }));
      props.onAnnounce(t('matching.items.cprShown', { side: sideName(item.side), line: item.line }));
    } catch (e) {
      props.onAnnounce(`${t('matching.items.cprFailed')}: ${e instanceof ApiError ? (e.detail ?? e.title) : String(e)}`);
    } finally {
      setUnmasking(null);
    }
  }

  const rows = items.data?.items ?? [];
  const canUnmask = items.data?.canUnmask ?? false;
  const selectable = Boolean(props.onToggle);
  const total = items.data?.total ?? 0;
  return (
    <Stack gap="sm">
      <Group align="end" gap="md">
        <NativeSelect
          label={t('matching.items.side')}
          value={side ?? ''}
          onChange={(e) => set('side', e.currentTarget.value || null)}
          data={[
            { value: '', label: t('matching.items.allSides') },
            { value: 'left', label: sideName('left') },
            { value: 'right', label: sideName('right') },
          ]}
          w={220}
        />
        <Text size="sm" aria-live="polite">
          {t('matching.items.count', { count: total })}
        </Text>
      </Group>
      {canUnmask && rows.some((r) => r.cpr) && (
        <Text size="sm" c="dimmed">
          {t('matching.items.cprLogged')}
        </Text>
      )}
      <Table.ScrollContainer minWidth={900}>
        <Table striped withTableBorder captionSide="top" verticalSpacing={4}>
          <Table.Caption ta="left">{t(props.state === 'timing' ? 'matching.items.timingCaption' : 'matching.items.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              {selectable && (
                <Table.Th scope="col">
                  <Checkbox
                    aria-label={t('matching.items.selectAll')}
                    checked={rows.length > 0 && rows.every((r) => props.selected!.has(r.id))}
                    indeterminate={rows.some((r) => props.selected!.has(r.id)) && !rows.every((r) => props.selected!.has(r.id))}
                    onChange={(e) => {
                      const on = e.currentTarget.checked;
                      for (const r of rows) props.onToggle!(r, on);
                    }}
                  />
                </Table.Th>
              )}
              <Table.Th scope="col">{t('matching.items.side')}</Table.Th>
              <SortableTh column="line" sort={sort} onSort={(next) => set('sort', next)} ta="right">
                {t('matching.items.line')}
              </SortableTh>
              <SortableTh column="date" sort={sort} onSort={(next) => set('sort', next)}>
                {t('matching.items.date')}
              </SortableTh>
              <SortableTh column="caseId" sort={sort} onSort={(next) => set('sort', next)}>
                {t('matching.items.caseId')}
              </SortableTh>
              <SortableTh column="account" sort={sort} onSort={(next) => set('sort', next)}>
                {t('matching.items.account')}
              </SortableTh>
              {props.withCpr && <Table.Th scope="col">{t('matching.items.cpr')}</Table.Th>}
              <Table.Th scope="col">{t('matching.items.text')}</Table.Th>
              <SortableTh column="amount" sort={sort} onSort={(next) => set('sort', next)} ta="right">
                {t('matching.items.amount')}
              </SortableTh>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={7 + (selectable ? 1 : 0) + (props.withCpr ? 1 : 0)}>{items.isFetching ? '' : t('matching.items.none')}</Table.Td>
              </Table.Tr>
            )}
            {rows.map((item) => (
              <Table.Tr key={item.id} bg={props.selected?.has(item.id) ? 'var(--mantine-primary-color-light)' : undefined}>
                {selectable && (
                  <Table.Td>
                    <Checkbox
                      aria-label={t('matching.items.select', { side: sideName(item.side), line: item.line })}
                      checked={props.selected!.has(item.id)}
                      onChange={(e) => props.onToggle!(item, e.currentTarget.checked)}
                    />
                  </Table.Td>
                )}
                <Table.Td>
                  {sideName(item.side)}
                  {item.carried && (
                    <Badge ml={6} size="xs" color="gray.8" variant="filled" title={t('matching.items.carriedYes')}>
                      {t('matching.items.carried')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td ta="right">{item.line > 0 ? item.line : '–'}</Table.Td>
                <Table.Td>{item.date ? formatDay(item.date, lang) : ''}</Table.Td>
                <Table.Td>{item.caseId ?? ''}</Table.Td>
                <Table.Td>{item.account ?? ''}</Table.Td>
                {props.withCpr && (
                  <Table.Td>
                    {item.cpr && (
                      <Group gap={6} wrap="nowrap">
                        <Text size="sm" ff="monospace">
                          {clear[item.id] ?? item.cpr}
                        </Text>
                        {canUnmask && !clear[item.id] && (
                          <Button
                            size="compact-xs"
                            variant="light"
                            loading={unmasking === item.id}
                            aria-label={t('matching.items.showCprLabel', { side: sideName(item.side), line: item.line })}
                            onClick={() => void unmask(item)}
                          >
                            {t('matching.items.showCpr')}
                          </Button>
                        )}
                      </Group>
                    )}
                  </Table.Td>
                )}
                <Table.Td>{item.text ?? ''}</Table.Td>
                <Table.Td ta="right">{money(item.amountOre, lang)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ListPager page={page} total={total} pageSize={PAGE} onChange={(p) => set('page', String(p))} />
    </Stack>
  );
}
