import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../format';
import type { Language } from '../../../i18n';
import type { MatchingRun as Run, PassRule } from '../../../queries/matching';
import { money, sideTally } from '../shared';

/** A number of a summary entry under the first of the names the pipeline may use (`leftRows` or `left.rows`). */
function num(obj: unknown, ...paths: string[]): number {
  for (const p of paths) {
    const v = p.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
    if (typeof v === 'number') return v;
  }
  return 0;
}

function usePassText() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  return (pass: PassRule | undefined, fallback: string | undefined) => {
    switch (pass?.kind) {
      case 'exact':
        return t(pass.useDate ? 'matching.passKinds.exactDate' : 'matching.passKinds.exact');
      case 'tolerance':
        return t('matching.passKinds.tolerance', {
          amount: money(pass.amountOre, lang),
          percent: formatNumber(pass.amountPercent, lang),
          days: pass.dateWindowDays,
        });
      case 'split':
        return t(pass.byMonth ? 'matching.passKinds.splitMonth' : 'matching.passKinds.split', { max: pass.maxCandidates });
      case 'timing':
        return t('matching.passKinds.timing', { days: pass.lastDays });
      default:
        return fallback ?? '';
    }
  };
}

/** The run's result per pass, with what is left over on each side. */
export function PassSummary({ run }: { run: Run }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const passText = usePassText();
  const passes = Array.isArray(run.summary?.passes) ? (run.summary.passes as unknown[]) : [];
  const rules = run.rules.passes;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table withTableBorder striped captionSide="top">
        <Table.Caption ta="left">{t('matching.run.summaryCaption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('matching.run.pass')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('matching.run.groups')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('matching.run.leftRows')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('matching.run.leftAmount')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('matching.run.rightRows')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('matching.run.rightAmount')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th scope="row">{t('matching.run.readRow')}</Table.Th>
            <Table.Td />
            <Table.Td ta="right">{formatNumber(num(run.summary?.left, 'rows'), lang)}</Table.Td>
            <Table.Td ta="right">{money(num(run.summary?.left, 'amountOre'), lang)}</Table.Td>
            <Table.Td ta="right">{formatNumber(num(run.summary?.right, 'rows'), lang)}</Table.Td>
            <Table.Td ta="right">{money(num(run.summary?.right, 'amountOre'), lang)}</Table.Td>
          </Table.Tr>
          {passes.map((p, i) => {
            const index = num(p, 'index') || i;
            return (
              <Table.Tr key={i}>
                <Table.Th scope="row" fw={400}>
                  {`${index + 1}. ${passText(rules[index], run.rulesText[index]?.replace(/^\d+\.\s*/, ''))}`}
                </Table.Th>
                <Table.Td ta="right">{formatNumber(num(p, 'groups'), lang)}</Table.Td>
                <Table.Td ta="right">{formatNumber(num(p, 'leftRows'), lang)}</Table.Td>
                <Table.Td ta="right">{money(num(p, 'leftAmountOre'), lang)}</Table.Td>
                <Table.Td ta="right">{formatNumber(num(p, 'rightRows'), lang)}</Table.Td>
                <Table.Td ta="right">{money(num(p, 'rightAmountOre'), lang)}</Table.Td>
              </Table.Tr>
            );
          })}
          {(['unmatched', 'timing', 'suggested'] as const).map((k) => {
            const l = sideTally(run.summary, k, 'left');
            const r = sideTally(run.summary, k, 'right');
            if (!l && !r) return null;
            return (
              <Table.Tr key={k}>
                <Table.Th scope="row">{t(`matching.run.restRow.${k}`)}</Table.Th>
                <Table.Td />
                <Table.Td ta="right">{formatNumber(l?.rows ?? 0, lang)}</Table.Td>
                <Table.Td ta="right">{money(l?.ore ?? 0, lang)}</Table.Td>
                <Table.Td ta="right">{formatNumber(r?.rows ?? 0, lang)}</Table.Td>
                <Table.Td ta="right">{money(r?.ore ?? 0, lang)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
