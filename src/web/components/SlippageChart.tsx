import { Table } from '@mantine/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../format';
import type { Language } from '../i18n';
import type { SlippageRound } from '../queries/overview';

echarts.use([BarChart, GridComponent, TooltipComponent, SVGRenderer]);

/** Mean deadline slippage per round as bars, with the same figures as a table for screen readers. */
export default function SlippageChart({ rounds }: { rounds: SlippageRound[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      grid: { left: 48, right: 16, top: 16, bottom: 32 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: rounds.map((r) => r.name) },
      yAxis: { type: 'value', name: t('overview.slippage'), nameLocation: 'middle', nameGap: 36 },
      series: [
        { type: 'bar', data: rounds.map((r) => (r.averageSlippageDays === null ? 0 : Math.round(r.averageSlippageDays))), itemStyle: { color: '#3b5bdb' } },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [rounds, t]);
  return (
    <>
      <div ref={ref} style={{ height: 220 }} role="img" aria-label={t('overview.slippageChart')} />
      {/* Fixed layout: the columns share the width and wrap, so the overview never scrolls sideways on a phone. */}
      <Table mt="sm" fz="sm" layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('overview.round')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('overview.delayed')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('overview.slippage')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rounds.map((r) => (
            <Table.Tr key={r.roundId}>
              <Table.Th scope="row" fw={400}>
                {r.name}
              </Table.Th>
              <Table.Td ta="right">{formatNumber(r.delayedCount, lang)}</Table.Td>
              <Table.Td ta="right">{r.averageSlippageDays === null ? '–' : formatNumber(Math.round(r.averageSlippageDays), lang)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
