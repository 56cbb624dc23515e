/**
 * The report's charts: ECharts rendered on the server to SVG (no browser, no canvas), embedded in
 * the PDF as vector graphics and in the DOCX as SVG with a PNG fallback (resvg, with the same font
 * the PDF uses, so Word versions without SVG support and LibreOffice show the same picture).
 * Every chart's figures are also printed as a table beside it; the chart is never the only carrier.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import * as echarts from 'echarts';
import { Resvg } from '@resvg/resvg-js';
import type { FollowUpReport } from './model.js';

const require = createRequire(import.meta.url);
/** Roboto from pdfmake's package: one font for the PDF text and the charts' labels. */
export const FONT_DIR = path.join(path.dirname(require.resolve('pdfmake/fonts/Roboto.js')), 'Roboto');
export const FONT_FILES = {
  normal: path.join(FONT_DIR, 'Roboto-Regular.ttf'),
  bold: path.join(FONT_DIR, 'Roboto-Medium.ttf'),
  italics: path.join(FONT_DIR, 'Roboto-Italic.ttf'),
  bolditalics: path.join(FONT_DIR, 'Roboto-MediumItalic.ttf'),
};

/**
 * Status colours with enough contrast against white (WCAG 1.4.11, 3:1) and told apart by the
 * legend's words, not by colour alone.
 */
export const STATUS_COLOURS = {
  onTrack: '#2f7d32',
  delayed: '#b3261e',
  completed: '#1f5fa8',
  cancelled: '#6b6b6b',
  postponed: '#6a3d9a',
  noStatus: '#9e7700',
} as const;

export interface ChartSize {
  width: number;
  height: number;
}

function render(option: echarts.EChartsOption, size: ChartSize): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: 'Roboto' }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Stacked bars: measures by this round's status, one bar per department. */
export function statusChartSvg(report: FollowUpReport, size: ChartSize = { width: 680, height: 320 }): string {
  const l = report.meta.labels;
  const rows = report.summary.byDepartment;
  const series = (['completed', 'onTrack', 'delayed', 'postponed', 'cancelled', 'noStatus'] as const).map((key) => ({
    name: {
      completed: l.statusCompleted,
      onTrack: l.statusOnTrack,
      delayed: l.statusDelayed,
      postponed: l.statusPostponed,
      cancelled: l.statusCancelled,
      noStatus: l.statusNone,
    }[key],
    type: 'bar' as const,
    stack: 'measures',
    itemStyle: { color: STATUS_COLOURS[key] },
    label: { show: true, formatter: (p: { value: unknown }) => (Number(p.value) > 0 ? String(p.value) : ''), color: '#ffffff', fontSize: 11 },
    data: rows.map((r) => r[key]),
  }));
  return render(
    {
      title: { text: l.measuresByStatus, left: 'center', textStyle: { fontSize: 14, fontWeight: 'bold', fontFamily: 'Roboto' } },
      legend: { bottom: 0, textStyle: { fontFamily: 'Roboto' } },
      grid: { left: 48, right: 16, top: 40, bottom: 56 },
      xAxis: { type: 'category', data: rows.map((r) => r.code), axisLabel: { fontFamily: 'Roboto', color: '#222222' } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { fontFamily: 'Roboto', color: '#222222' } },
      series,
    },
    size,
  );
}

/** Bars: days of deadline slippage per department, with how many measures moved. */
export function slippageChartSvg(report: FollowUpReport, size: ChartSize = { width: 680, height: 300 }): string {
  const l = report.meta.labels;
  const rows = report.summary.slippage;
  return render(
    {
      title: { text: l.slippage, left: 'center', top: 4, textStyle: { fontSize: 14, fontWeight: 'bold', fontFamily: 'Roboto' } },
      legend: { bottom: 0, textStyle: { fontFamily: 'Roboto' } },
      grid: { left: 64, right: 64, top: 76, bottom: 56 },
      xAxis: { type: 'category', data: rows.map((r) => r.code), axisLabel: { fontFamily: 'Roboto', color: '#222222' } },
      yAxis: [
        { type: 'value', name: l.slippageDays, minInterval: 1, axisLabel: { fontFamily: 'Roboto', color: '#222222' }, nameTextStyle: { fontFamily: 'Roboto' } },
        {
          type: 'value',
          name: l.slippageMoved,
          minInterval: 1,
          position: 'right',
          axisLabel: { fontFamily: 'Roboto', color: '#222222' },
          nameTextStyle: { fontFamily: 'Roboto' },
        },
      ],
      series: [
        {
          name: l.slippageDays,
          type: 'bar',
          itemStyle: { color: STATUS_COLOURS.delayed },
          label: { show: true, position: 'top', fontSize: 11, color: '#222222', fontFamily: 'Roboto' },
          data: rows.map((r) => r.totalDays),
        },
        {
          name: l.slippageMoved,
          type: 'bar',
          yAxisIndex: 1,
          itemStyle: { color: STATUS_COLOURS.completed },
          label: { show: true, position: 'top', fontSize: 11, color: '#222222', fontFamily: 'Roboto' },
          data: rows.map((r) => r.moved),
        },
      ],
    },
    size,
  );
}

/** A PNG of an SVG chart (2× for print), drawn with the documents' font. */
export function svgToPng(svg: string, scale = 2): Buffer {
  const resvg = new Resvg(svg, {
    font: { fontFiles: Object.values(FONT_FILES), loadSystemFonts: false, defaultFontFamily: 'Roboto', sansSerifFamily: 'Roboto' },
    fitTo: { mode: 'zoom', value: scale },
  });
  return resvg.render().asPng();
}
