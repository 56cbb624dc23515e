import ExcelJS from 'exceljs';
import type { Locale, Vocabulary } from '../../../domain/i18n.js';
import { documentLabels } from '../../i18n/documents/index.js';
import { csvCell } from '../../csv.js';
import type { FindingDto } from './service.js';

/** Column headings the document labels do not have, in the three languages. */
const extra: Record<Locale, { year: string; confidential: string; planDue: string; file: string; file_SE: string }> = {
  da: { year: 'År', confidential: 'Fortrolig', planDue: 'Frist for handleplan', file: 'revisionsbemaerkninger', file_SE: 'iakttagelser' },
  sv: { year: 'År', confidential: 'Sekretess', planDue: 'Sista dag för yttrande', file: 'revisionsbemaerkninger', file_SE: 'iakttagelser' },
  en: { year: 'Year', confidential: 'Confidential', planDue: 'Plan due', file: 'findings', file_SE: 'findings' },
};

const stateKey = (state: string) => `state${state[0]!.toUpperCase()}${state.slice(1)}` as const;

/** The export's rows: a heading row, then one row per finding, as plain values. */
function table(items: FindingDto[], reports: Map<string, string>, locale: Locale, vocabulary: Vocabulary): (string | number)[][] {
  const l = documentLabels(locale, vocabulary);
  const x = extra[locale];
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
  return `${vocabulary === 'SE' ? extra[locale].file_SE : extra[locale].file}.${format}`;
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
