import ExcelJS from 'exceljs';
import type { Locale, Vocabulary } from '../../../domain/i18n.js';
import { documentLabels } from '../../i18n/documents/index.js';
import { csvCell } from '../../csv.js';
import { renderMessage } from '../../i18n/messages.js';
import type { FindingDto } from './service.js';

const stateKey = (state: string) => `state${state[0]!.toUpperCase()}${state.slice(1)}` as const;

/** The export's rows: a heading row, then one row per finding, as plain values. */
function table(items: FindingDto[], reports: Map<string, string>, locale: Locale, vocabulary: Vocabulary): (string | number)[][] {
  const l = documentLabels(locale, vocabulary);
  // The column headings the document labels do not have
  const x = {
    year: renderMessage(locale, 'findings.exportYear'),
    confidential: renderMessage(locale, 'findings.exportConfidential'),
    planDue: renderMessage(locale, 'findings.exportPlanDue'),
  };
  const grade = (g: FindingDto['grade']) => (g === 'red' ? l.gradeRed : g === 'yellow' ? l.gradeYellow : g === 'green' ? l.gradeGreen : '');
  const head = [x.year, l.auditReport, l.number, l.title, l.grade, x.confidential, l.repeat, l.departments, x.planDue, l.caseNumber];
  const rows = items.map((f) => [
    f.reportYear,
    reports.get(f.reportId) ?? '',
    f.number,
    f.title,
    grade(f.grade),
    f.confidential ? l.yes : l.no,
    f.repeatOfEarlierYears ? l.yes : l.no,
    f.departments.map((d) => `${d.code}: ${(l as unknown as Record<string, string>)[stateKey(d.state)] ?? d.state}`).join(', '),
    f.departments
      .filter((d) => d.planRequest)
      .map((d) => `${d.code}: ${d.planRequest!.dueOn}`)
      .join(', '),
    f.caseNumber ?? '',
  ]);
  return [head, ...rows];
}

export function exportFileName(locale: Locale, vocabulary: Vocabulary, format: 'csv' | 'xlsx'): string {
  return `${renderMessage(locale, vocabulary === 'SE' ? 'findings.exportFileSE' : 'findings.exportFile')}.${format}`;
}

/**
 * The findings list as CSV: UTF-8 with a BOM and semicolons, as spreadsheets in Denmark and
 * Sweden read it; a cell starting with = + - @ tab or CR is defused so it never runs as a formula.
 */
export function findingsCsv(items: FindingDto[], reports: Map<string, string>, locale: Locale, vocabulary: Vocabulary): string {
  return `\uFEFF${table(items, reports, locale, vocabulary)
    .map((row) => row.map((v) => csvCell(v, ';')).join(';'))
    .join('\r\n')}\r\n`;
}

/** The findings list as a workbook: one sheet, values only (strings stay strings, never formulas). */
export async function findingsXlsx(items: FindingDto[], reports: Map<string, string>, locale: Locale, vocabulary: Vocabulary): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const l = documentLabels(locale, vocabulary);
  const ws = wb.addWorksheet(l.findings.slice(0, 31));
  const [head, ...rows] = table(items, reports, locale, vocabulary);
  ws.addRow(head).font = { bold: true };
  for (const row of rows) ws.addRow(row);
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.columns.forEach((c, i) => (c.width = [8, 30, 6, 50, 16, 10, 10, 40, 24, 16][i] ?? 16));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
