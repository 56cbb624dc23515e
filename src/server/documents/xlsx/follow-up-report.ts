/**
 * The follow-up report as a workbook: one table per sheet. Index (the findings), Measures (one row
 * per measure with its deadline, slippage and this round's status), Summary (the figures behind
 * the report's charts, per department, with totals) and About (municipality, round, scope,
 * edition, date). Public editions come without confidential findings (the model left them out);
 * the About and Index sheets say how many were omitted.
 */
import type ExcelJS from 'exceljs';
import { fill, formatDate } from '../format.js';
import type { DocumentLabels } from '../../i18n/documents/index.js';
import type { FindingState, FollowUpReport, Grade, MeasureStatus, ReportFinding, ReportMeasure, ReportPlan } from '../model.js';
import { addSheet, BOLD, FILLS, newWorkbook, noteBelow, toBuffer, writeTable, type CellKind, type CellValue, type Column } from './sheet.js';

const STATE_LABEL: Record<FindingState, keyof DocumentLabels> = {
  received: 'stateReceived',
  assigned: 'stateAssigned',
  planDrafted: 'statePlanDrafted',
  planApproved: 'statePlanApproved',
  inProgress: 'stateInProgress',
  closureProposed: 'stateClosureProposed',
  closed: 'stateClosed',
  carriedOver: 'stateCarriedOver',
};

export const STATUS_LABEL: Record<MeasureStatus, keyof DocumentLabels> = {
  onTrack: 'statusOnTrack',
  delayed: 'statusDelayed',
  completed: 'statusCompleted',
  cancelled: 'statusCancelled',
  postponed: 'statusPostponed',
};

const PLAN_STATE_LABEL: Record<ReportPlan['state'], keyof DocumentLabels> = {
  draft: 'xlsxPlanDraft',
  submitted: 'xlsxPlanSubmitted',
  approved: 'xlsxPlanApproved',
};

export function gradeText(grade: Grade | null, l: DocumentLabels): string {
  return grade === 'red' ? l.gradeRed : grade === 'yellow' ? l.gradeYellow : grade === 'green' ? l.gradeGreen : l.gradeNone;
}

export const gradeFill = (grade: Grade | null): string | null => (grade ? FILLS[grade] : null);

export function confidentialText(f: { confidential: boolean; confidentialBasis: string | null }, l: DocumentLabels): string {
  if (!f.confidential) return l.no;
  return f.confidentialBasis ? `${l.confidentialMark} – ${fill(l.confidentialBasis, { basis: f.confidentialBasis })}` : l.confidentialMark;
}

export function omittedText(count: number, l: DocumentLabels): string | null {
  if (count <= 0) return null;
  return count === 1 ? l.confidentialOmittedOne : fill(l.confidentialOmitted, { count });
}

function scopeText(doc: FollowUpReport): string {
  const l = doc.meta.labels;
  const s = doc.scope;
  return s.kind === 'municipality'
    ? l.scopeMunicipality
    : s.kind === 'committee'
      ? fill(l.scopeCommittee, { name: s.name })
      : fill(l.scopeDepartment, { name: s.name });
}

/** One row of the Measures sheet: a measure, or a plan shown without measures (withheld or empty). */
interface MeasureRow {
  finding: ReportFinding;
  plan: ReportPlan;
  measure: ReportMeasure | null;
}

function indexSheet(wb: ExcelJS.Workbook, doc: FollowUpReport, internal: boolean, marked: boolean): void {
  const { meta } = doc;
  const l = meta.labels;
  const ws = addSheet(wb, meta, l.xlsxSheetIndex, { confidential: marked });
  const columns: Column<ReportFinding>[] = [
    { header: l.auditReport, kind: 'wrap', width: 30, value: (f) => f.report.title },
    { header: l.number, kind: 'int', width: 7, value: (f) => f.number },
    { header: l.title, kind: 'wrap', width: 40, value: (f) => f.title },
    { header: l.departments, kind: 'wrap', width: 40, value: (f) => (f.allDepartments ? l.allDepartments : f.departments.map((d) => d.name).join(', ')) },
    { header: l.grade, kind: 'text', width: 16, value: (f) => gradeText(f.grade, l) },
    { header: l.state, kind: 'text', width: 22, value: (f) => l[STATE_LABEL[f.state]] },
    { header: l.repeat, kind: 'text', width: 12, value: (f) => (f.repeatOfEarlierYears ? l.yes : l.no) },
    { header: l.caseNumber, kind: 'text', width: 16, value: (f) => f.caseNumber },
  ];
  if (internal) columns.push({ header: l.xlsxConfidential, kind: 'wrap', width: 34, value: (f) => confidentialText(f, l) });
  const gradeColumn = 4;
  const last = writeTable(ws, meta, columns, doc.findings, {
    highlight: (f) => (f.confidential ? FILLS.confidential : null),
    cellFill: (f, i) => (i === gradeColumn ? gradeFill(f.grade) : null),
  });
  const omitted = omittedText(doc.confidentialOmitted, l);
  if (omitted) noteBelow(ws, last + 2, omitted);
}

function measuresSheet(wb: ExcelJS.Workbook, doc: FollowUpReport, internal: boolean, marked: boolean): void {
  const { meta } = doc;
  const l = meta.labels;
  const ws = addSheet(wb, meta, l.measures, { confidential: marked, wide: true });
  const rows: MeasureRow[] = [];
  for (const finding of doc.findings) {
    for (const plan of finding.plans) {
      if (plan.withheld || plan.measures.length === 0) rows.push({ finding, plan, measure: null });
      else for (const measure of plan.measures) rows.push({ finding, plan, measure });
    }
  }
  const m =
    <V extends CellValue>(get: (x: ReportMeasure) => V) =>
    (r: MeasureRow) =>
      r.measure ? get(r.measure) : null;
  const col = (header: string, kind: CellKind, width: number, value: (r: MeasureRow) => CellValue): Column<MeasureRow> => ({ header, kind, width, value });
  const columns: Column<MeasureRow>[] = [
    col(l.auditReport, 'wrap', 26, (r) => r.finding.report.title),
    col(l.xlsxFindingNumber, 'int', 12, (r) => r.finding.number),
    col(l.finding, 'wrap', 30, (r) => r.finding.title),
    ...(internal ? [col(l.xlsxConfidential, 'wrap', 24, (r) => confidentialText(r.finding, l))] : []),
    col(l.department, 'wrap', 28, (r) => (r.plan.crossCutting ? `${r.plan.department.name} (${l.crossCutting})` : r.plan.department.name)),
    col(l.xlsxPlanState, 'text', 14, (r) => l[PLAN_STATE_LABEL[r.plan.state]]),
    col(l.overallDeadline, 'text', 12, (r) => r.plan.overallDeadline?.display ?? null),
    col(
      l.xlsxMeasureNumber,
      'text',
      9,
      m((x) => x.number),
    ),
    col(
      l.measure,
      'wrap',
      30,
      m((x) => x.title),
    ),
    col(l.xlsxMeasureText, 'wrap', 50, (r) => (r.measure ? r.measure.text : r.plan.withheld ? l.planWithheld : l.noMeasures)),
    col(
      l.deadline,
      'text',
      12,
      m((x) => x.deadline?.display ?? null),
    ),
    col(
      l.xlsxDeadlineDue,
      'date',
      13,
      m((x) => x.deadline?.due ?? null),
    ),
    col(
      l.overdue,
      'text',
      12,
      m((x) => (x.overdue ? l.yes : l.no)),
    ),
    col(
      l.originalDeadline,
      'text',
      12,
      m((x) => x.originalDeadline?.display ?? null),
    ),
    col(
      l.xlsxOriginalDeadlineDue,
      'date',
      13,
      m((x) => x.originalDeadline?.due ?? null),
    ),
    col(
      l.xlsxSlippageDays,
      'days',
      12,
      m((x) => x.slippageDays),
    ),
    col(
      l.followUpPoint,
      'wrap',
      34,
      m((x) => x.followUpPoint),
    ),
    col(
      l.expectedEffect,
      'wrap',
      30,
      m((x) => x.expectedEffect),
    ),
    col(
      l.responsible,
      'wrap',
      20,
      m((x) => x.responsible),
    ),
    col(
      l.recommendations,
      'text',
      14,
      m((x) => (x.recommendationNumbers.length ? x.recommendationNumbers.join(', ') : null)),
    ),
    col(
      l.status,
      'text',
      14,
      m((x) => (x.status ? l[STATUS_LABEL[x.status.status]] : l.statusNone)),
    ),
    col(
      l.round,
      'text',
      20,
      m((x) => x.status?.roundName ?? null),
    ),
    col(
      l.xlsxNote,
      'wrap',
      30,
      m((x) => x.status?.note ?? null),
    ),
    col(
      l.reason,
      'wrap',
      30,
      m((x) => x.status?.reason ?? null),
    ),
    col(
      l.newDeadline,
      'text',
      12,
      m((x) => x.status?.newDeadline?.display ?? null),
    ),
    col(
      l.xlsxNewDeadlineDue,
      'date',
      13,
      m((x) => x.status?.newDeadline?.due ?? null),
    ),
    col(
      l.selfCheck,
      'wrap',
      36,
      m((x) => x.status?.selfCheckResult ?? null),
    ),
  ];
  const statusColumn = columns.findIndex((c) => c.header === l.status);
  writeTable(ws, meta, columns, rows, {
    highlight: (r) => (r.finding.confidential ? FILLS.confidential : null),
    cellFill: (r, i) => {
      if (i !== statusColumn || !r.measure?.status) return null;
      const s = r.measure.status.status;
      return s === 'delayed' ? FILLS.delayed : s === 'completed' ? FILLS.completed : null;
    },
  });
}

type SummaryRow = { code: string; name: string } & Record<MeasureStatus | 'noStatus', number> & {
    overdue: number;
    measures: number;
    moved: number;
    totalDays: number;
    maxDays: number;
  };

function summarySheet(wb: ExcelJS.Workbook, doc: FollowUpReport, marked: boolean): void {
  const { meta, summary } = doc;
  const l = meta.labels;
  const ws = addSheet(wb, meta, l.summary, { confidential: marked });
  const slip = new Map(summary.slippage.map((s) => [s.code, s]));
  const rows: SummaryRow[] = summary.byDepartment.map((d) => {
    const s = slip.get(d.code);
    return { ...d, measures: s?.measures ?? 0, moved: s?.moved ?? 0, totalDays: s?.totalDays ?? 0, maxDays: s?.maxDays ?? 0 };
  });
  const n = (header: string, get: (r: SummaryRow) => number, kind: CellKind = 'int'): Column<SummaryRow> => ({ header, kind, width: 14, value: get });
  const columns: Column<SummaryRow>[] = [
    { header: l.department, kind: 'wrap', width: 36, value: (r) => r.name },
    n(l.statusOnTrack, (r) => r.onTrack),
    n(l.statusDelayed, (r) => r.delayed),
    n(l.statusCompleted, (r) => r.completed),
    n(l.statusPostponed, (r) => r.postponed),
    n(l.statusCancelled, (r) => r.cancelled),
    n(l.statusNone, (r) => r.noStatus),
    n(l.totalMeasures, (r) => r.measures),
    n(l.overdue, (r) => r.overdue),
    n(l.slippageMoved, (r) => r.moved),
    n(l.slippageDays, (r) => r.totalDays, 'days'),
    n(l.slippageMaxDays, (r) => r.maxDays, 'days'),
  ];
  const last = writeTable(ws, meta, columns, rows);

  // The total row sums the rows above it (below the table, outside its filter, so filtering and
  // sorting leave it alone). The report's own totals follow: in a department's or committee's
  // report they also count the measures of another department's cross-cutting plan.
  const t = summary.totals;
  const sum = (get: (r: SummaryRow) => number) => rows.reduce((a, r) => a + get(r), 0);
  const totals: SummaryRow = {
    code: '',
    name: l.total,
    onTrack: sum((r) => r.onTrack),
    delayed: sum((r) => r.delayed),
    completed: sum((r) => r.completed),
    postponed: sum((r) => r.postponed),
    cancelled: sum((r) => r.cancelled),
    noStatus: sum((r) => r.noStatus),
    overdue: sum((r) => r.overdue),
    measures: sum((r) => r.measures),
    moved: sum((r) => r.moved),
    totalDays: sum((r) => r.totalDays),
    maxDays: rows.reduce((a, r) => Math.max(a, r.maxDays), 0),
  };
  const totalRow = ws.getRow(last + 1);
  columns.forEach((c, i) => {
    const cell = totalRow.getCell(i + 1);
    const v = c.value(totals);
    cell.value = v ?? null;
    if (typeof v === 'number') cell.numFmt = c.kind === 'days' ? '#,##0' : '0';
    cell.font = BOLD;
    cell.border = { top: { style: 'thin' } };
  });
  const block: [string, number][] = [
    [l.totalFindings, t.findings],
    [l.totalPlans, t.plans],
    [l.totalMeasures, t.measures],
  ];
  block.forEach(([label, value], i) => {
    const row = ws.getRow(last + 3 + i);
    row.getCell(1).value = label;
    row.getCell(1).font = BOLD;
    row.getCell(2).value = value;
    row.getCell(2).numFmt = '0';
  });
}

function aboutSheet(wb: ExcelJS.Workbook, doc: FollowUpReport, marked: boolean): void {
  const { meta } = doc;
  const l = meta.labels;
  const ws = addSheet(wb, meta, l.xlsxSheetAbout, { confidential: marked });
  type Item = { key: string; value: CellValue; kind: CellKind };
  const items: Item[] = [
    { key: l.title, value: meta.title, kind: 'wrap' },
    { key: l.xlsxMunicipality, value: meta.municipality, kind: 'wrap' },
    { key: l.round, value: doc.round.name, kind: 'wrap' },
    { key: l.xlsxRoundOpens, value: doc.round.opensOn, kind: 'date' },
    { key: l.dueDate, value: doc.round.dueOn, kind: 'date' },
    { key: l.scope, value: scopeText(doc), kind: 'wrap' },
    { key: l.xlsxEdition, value: meta.edition === 'internal' ? l.editionInternal : l.editionPublic, kind: 'wrap' },
    { key: l.date, value: meta.generatedOn, kind: 'date' },
  ];
  if (meta.edition === 'public') items.push({ key: l.xlsxConfidentialOmittedCount, value: doc.confidentialOmitted, kind: 'int' });
  const last = writeTable(
    ws,
    meta,
    [
      { header: l.xlsxItem, kind: 'wrap', width: 44, value: (i: Item) => i.key },
      { header: l.xlsxValue, kind: (i: Item) => i.kind, width: 70, value: (i: Item) => i.value },
    ],
    items,
  );
  const omitted = omittedText(doc.confidentialOmitted, l);
  if (omitted) noteBelow(ws, last + 2, omitted);
}

export async function followUpReportXlsx(doc: FollowUpReport): Promise<Buffer> {
  const { meta } = doc;
  const internal = meta.edition === 'internal';
  const marked = internal && doc.findings.some((f) => f.confidential);
  const wb = newWorkbook(meta, `${doc.round.name} · ${scopeText(doc)} · ${formatDate(meta.generatedOn, meta.locale)}`);
  indexSheet(wb, doc, internal, marked);
  measuresSheet(wb, doc, internal, marked);
  summarySheet(wb, doc, marked);
  aboutSheet(wb, doc, marked);
  return toBuffer(wb);
}
