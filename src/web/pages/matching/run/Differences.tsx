import { NativeSelect, Stack, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { formatNumber } from '../../../format';
import type { Language } from '../../../i18n';
import { useDifferences, type MatchingRun as Run } from '../../../queries/matching';
import { money } from '../shared';

const BY = ['account', 'case', 'month'] as const;

/** The unmatched difference by account, case or month (left +, right −). */
export function Differences({ run }: { run: Run }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const [params, setParams] = useSearchParams();
  const by = (BY as readonly string[]).includes(params.get('by') ?? '') ? (params.get('by') as (typeof BY)[number]) : 'account';
  const rows = useDifferences(run.id, by);
  const byLabel = t(`matching.differences.byOptions.${by}`);
  return (
    <Stack gap="sm">
      <NativeSelect
        label={t('matching.differences.by')}
        value={by}
        onChange={(e) => {
          const next = new URLSearchParams(params);
          next.set('by', e.currentTarget.value);
          setParams(next, { replace: true });
        }}
        data={BY.map((b) => ({ value: b, label: t(`matching.differences.byOptions.${b}`) }))}
        w={220}
      />
      <Table.ScrollContainer minWidth={720}>
        <Table striped withTableBorder captionSide="top">
          <Table.Caption ta="left">{t('matching.differences.caption', { by: byLabel.toLocaleLowerCase(lang) })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{byLabel}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('matching.differences.leftCount')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('matching.differences.leftAmount')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('matching.differences.rightCount')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('matching.differences.rightAmount')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('matching.differences.difference')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.data && rows.data.rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={6}>{t('matching.differences.none')}</Table.Td>
              </Table.Tr>
            )}
            {(rows.data?.rows ?? []).map((r) => (
              <Table.Tr key={r.key ?? ''}>
                <Table.Th scope="row" fw={400}>
                  {r.key ?? t('matching.differences.noKey')}
                </Table.Th>
                <Table.Td ta="right">{formatNumber(r.leftCount, lang)}</Table.Td>
                <Table.Td ta="right">{money(r.leftOre, lang)}</Table.Td>
                <Table.Td ta="right">{formatNumber(r.rightCount, lang)}</Table.Td>
                <Table.Td ta="right">{money(r.rightOre, lang)}</Table.Td>
                <Table.Td ta="right">{money(r.differenceOre, lang)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
