/**
 * The follow-up report of a round as PDF (A4 portrait, like the paper departments make today):
 * cover, index of findings with page numbers and links, a summary with both charts and their
 * figures as tables, then one section per finding (each starts a new page): observations and
 * risks, recommendations, and per department the plan with, side by side, this round's status or
 * (a new plan) the follow-up plan.
 *
 * Portrait, not landscape: two columns of ~240 pt hold a measure's few sentences comfortably at
 * 9 pt, the reference document is portrait, and committee papers are printed and bound portrait.
 */
import type { Content, ContentText, TableCell } from 'pdfmake/interfaces.js';
import { slippageChartSvg, statusChartSvg } from '../chart.js';
import { fill, formatDate, formatInteger } from '../format.js';
import type { FollowUpReport, ReportFinding, ReportMeasure, ReportPlan } from '../model.js';
import {
  A4_PORTRAIT_WIDTH,
  COLOURS,
  MARGIN_X,
  compact,
  confidentialText,
  documentDefinition,
  factsTable,
  gradeMarker,
  gridLayout,
  heading,
  labelled,
  notice,
  paragraph,
  runningHeader,
  section,
  stateWord,
  statusColour,
  statusWord,
  th,
  toBuffer,
} from './common.js';

const CONTENT_WIDTH = A4_PORTRAIT_WIDTH - 2 * MARGIN_X;
const findingId = (i: number) => `finding-${i + 1}`;

type Meta = FollowUpReport['meta'];

function scopeText(report: FollowUpReport): string {
  const l = report.meta.labels;
  const s = report.scope;
  return s.kind === 'municipality' ? l.scopeMunicipality : fill(s.kind === 'committee' ? l.scopeCommittee : l.scopeDepartment, { name: s.name });
}

function omittedText(meta: Meta, count: number): string | null {
  if (count <= 0) return null;
  return count === 1 ? meta.labels.confidentialOmittedOne : fill(meta.labels.confidentialOmitted, { count: formatInteger(count, meta.locale) });
}

// ── Cover ─────────────────────────────────────────────────────────────────────────────────────

function cover(report: FollowUpReport): Content[] {
  const { meta, round, summary } = report;
  const l = meta.labels;
  const n = (v: number) => formatInteger(v, meta.locale);
  const omitted = omittedText(meta, report.confidentialOmitted);
  const t = summary.totals;
  return compact([
    { text: meta.municipality, fontSize: 14, color: COLOURS.accent, bold: true, margin: [0, 40, 0, 24] },
    heading(l.followUpReport, 1, { fontSize: 24, outlineText: meta.title }),
    { text: round.name, fontSize: 20, color: COLOURS.accent, margin: [0, 0, 0, 20] },
    factsTable([
      [l.scope, { text: scopeText(report) }],
      [
        l.round,
        {
          text: [
            round.name,
            {
              text: `  ${fill(l.roundPeriod, { from: formatDate(round.opensOn, meta.locale), to: formatDate(round.dueOn, meta.locale) })}`,
              color: COLOURS.muted,
            },
          ],
        },
      ],
      [l.date, { text: formatDate(meta.generatedOn, meta.locale) }],
      [
        l.edition,
        {
          text: meta.edition === 'internal' ? l.editionInternal : l.editionPublic,
          bold: meta.edition === 'internal',
          color: meta.edition === 'internal' ? COLOURS.confidential : COLOURS.ink,
        },
      ],
    ]),
    omitted ? notice(omitted) : null,
    heading(l.summary, 3, { margin: [0, 18, 0, 6] }),
    keyFigures([
      [l.totalFindings, n(t.findings)],
      [l.totalPlans, n(t.plans)],
      [l.totalMeasures, n(t.measures)],
      [l.statusCompleted, n(t.completed)],
      [l.statusOnTrack, n(t.onTrack)],
      [l.statusDelayed, n(t.delayed)],
      [l.statusPostponed, n(t.postponed)],
      [l.overdue, n(t.overdue)],
    ]),
  ]);
}

/** Key figures as boxes, three to a row: the number large, its word under it. */
function keyFigures(figures: [string, string][]): Content {
  const cells: TableCell[] = figures.map(([label, value]) => ({
    stack: [
      { text: value, fontSize: 20, bold: true, color: COLOURS.accent },
      { text: label, fontSize: 9, color: COLOURS.muted },
    ],
    margin: [4, 4, 4, 4],
  }));
  const body: TableCell[][] = [];
  for (let i = 0; i < cells.length; i += 3) body.push([cells[i] ?? '', cells[i + 1] ?? '', cells[i + 2] ?? '']);
  return {
    table: { widths: ['*', '*', '*'], body },
    layout: {
      hLineWidth: () => 0.5,
      vLineWidth: () => 0.5,
      hLineColor: () => COLOURS.rule,
      vLineColor: () => COLOURS.rule,
      paddingLeft: () => 6,
      paddingRight: () => 6,
      paddingTop: () => 4,
      paddingBottom: () => 4,
    },
  };
}

// ── Index ─────────────────────────────────────────────────────────────────────────────────────

function departmentsText(report: FollowUpReport, f: ReportFinding): string {
  const l = report.meta.labels;
  if (f.allDepartments && report.scope.kind === 'municipality') return l.allDepartments;
  return f.departments.map((d) => d.code).join(', ') || l.none;
}

function indexSection(report: FollowUpReport): Content[] {
  const { meta, findings } = report;
  const l = meta.labels;
  // One table per audit report, under the report's title as a heading (as in the paper today).
  const groups: { title: string; rows: { f: ReportFinding; i: number }[] }[] = [];
  findings.forEach((f, i) => {
    const title = f.report.title;
    const last = groups.at(-1);
    if (last && last.title === title) last.rows.push({ f, i });
    else groups.push({ title, rows: [{ f, i }] });
  });
  const table = (rows: { f: ReportFinding; i: number }[]): Content => {
    const body: TableCell[][] = [
      [th(l.number), th(l.title), th(l.departments), th(l.grade), th(l.state), th(l.repeat), th(l.pageColumn, { alignment: 'right' })],
    ];
    for (const { f, i } of rows) {
      const title: ContentText['text'] = [{ text: f.title, linkToDestination: findingId(i), color: COLOURS.link }];
      if (f.confidential) title.push({ text: `\n${confidentialText(meta, f.confidentialBasis)}`, bold: true, color: COLOURS.confidential, fontSize: 8 });
      body.push([
        { text: String(f.number), alignment: 'right' },
        { text: title },
        { text: departmentsText(report, f) },
        gradeMarker(meta, f.grade, 8.5) as TableCell,
        { text: stateWord(meta, f.state) },
        { text: f.repeatOfEarlierYears ? l.yes : l.no },
        { pageReference: findingId(i), alignment: 'right' } as TableCell,
      ]);
    }
    return {
      table: { headerRows: 1, keepWithHeaderRows: 1, dontBreakRows: true, widths: [20, '*', 74, 70, 64, 56, 28], body },
      layout: gridLayout(),
      fontSize: 8.5,
      margin: [0, 0, 0, 6],
    };
  };
  const omitted = omittedText(meta, report.confidentialOmitted);
  return compact([
    heading(l.index, 2, { margin: [0, 0, 0, 4] }),
    ...(findings.length === 0 ? [paragraph(l.none)] : groups.flatMap((g) => [heading(g.title, 3, { margin: [0, 8, 0, 4] }), table(g.rows)])),
    omitted ? notice(omitted) : null,
  ]);
}

// ── Summary ───────────────────────────────────────────────────────────────────────────────────

function summarySection(report: FollowUpReport): Content[] {
  const { meta, summary } = report;
  const l = meta.labels;
  const n = (v: number) => ({ text: formatInteger(v, meta.locale), alignment: 'right' }) as TableCell;
  const statusKeys = ['completed', 'onTrack', 'delayed', 'postponed', 'cancelled', 'noStatus'] as const;
  const statusHead = statusKeys.map((k) => th(statusWord(meta, k === 'noStatus' ? null : k), { alignment: 'right' }));
  const rows = summary.byDepartment;
  const byStatus: Content = {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: [34, '*', 46, 46, 46, 46, 46, 46, 40],
      body: [
        [th(''), th(l.department), ...statusHead, th(l.total, { alignment: 'right' })],
        ...rows.map((r) => [{ text: r.code, bold: true }, { text: r.name }, ...statusKeys.map((k) => n(r[k])), n(statusKeys.reduce((s, k) => s + r[k], 0))]),
        [
          { text: '' },
          { text: l.total, bold: true },
          ...statusKeys.map((k) => ({ ...(n(rows.reduce((s, r) => s + r[k], 0)) as object), bold: true }) as TableCell),
          { ...(n(rows.reduce((s, r) => s + statusKeys.reduce((t, k) => t + r[k], 0), 0)) as object), bold: true } as TableCell,
        ],
      ],
    },
    layout: gridLayout({ zebra: true }),
    fontSize: 8.5,
    margin: [0, 4, 0, 8],
  };
  const slip = summary.slippage;
  const slippage: Content = {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: [34, '*', 50, 62, 52, 70],
      body: [
        [
          th(''),
          th(l.department),
          th(l.totalMeasures, { alignment: 'right' }),
          th(l.slippageMoved, { alignment: 'right' }),
          th(l.slippageDays, { alignment: 'right' }),
          th(l.slippageMaxDays, { alignment: 'right' }),
        ],
        ...slip.map((r) => [{ text: r.code, bold: true }, { text: r.name }, n(r.measures), n(r.moved), n(r.totalDays), n(r.maxDays)]),
        [
          { text: '' },
          { text: l.total, bold: true },
          ...[
            slip.reduce((s, r) => s + r.measures, 0),
            slip.reduce((s, r) => s + r.moved, 0),
            slip.reduce((s, r) => s + r.totalDays, 0),
            Math.max(0, ...slip.map((r) => r.maxDays)),
          ].map((v) => ({ ...(n(v) as object), bold: true }) as TableCell),
        ],
      ],
    },
    layout: gridLayout({ zebra: true }),
    fontSize: 8.5,
    margin: [0, 4, 0, 8],
  };
  const chartWidth = CONTENT_WIDTH - 40;
  return compact([
    heading(l.summary, 2, { margin: [0, 0, 0, 6] }),
    heading(l.measuresByStatus, 3, { margin: [0, 4, 0, 4] }),
    rows.length > 0 ? byStatus : paragraph(l.none),
    rows.length > 0 ? { svg: statusChartSvg(report, { width: 680, height: 290 }), width: chartWidth, alignment: 'center', margin: [0, 4, 0, 4] } : null,
    heading(l.slippage, 3, { margin: [0, 10, 0, 4] }),
    slip.length > 0 ? slippage : paragraph(l.none),
    slip.length > 0 ? { svg: slippageChartSvg(report, { width: 680, height: 270 }), width: chartWidth, alignment: 'center', margin: [0, 4, 0, 4] } : null,
  ]);
}

// ── Finding sections ──────────────────────────────────────────────────────────────────────────

function measureCell(meta: Meta, m: ReportMeasure, withEffect: boolean): TableCell {
  const l = meta.labels;
  const deadline: ContentText['text'] = [{ text: `${l.deadline}: `, bold: true }, m.deadline?.display ?? l.none];
  if (m.originalDeadline) deadline.push({ text: `  (${l.originalDeadline}: ${m.originalDeadline.display})`, color: COLOURS.muted });
  if (m.overdue) deadline.push({ text: `  ${l.overdue}`, bold: true, color: statusColour('delayed') });
  return {
    stack: compact([
      { text: `${m.number}. ${m.title}`, bold: true },
      paragraph(m.text, { margin: [0, 0, 0, 0] }),
      withEffect && m.expectedEffect ? labelled(l.expectedEffect, m.expectedEffect) : null,
      { text: deadline },
      m.recommendationNumbers.length > 0 ? { text: fill(l.addresses, { numbers: m.recommendationNumbers.join(', ') }), color: COLOURS.muted } : null,
      m.responsible ? { text: `${l.responsible}: ${m.responsible}`, color: COLOURS.muted } : null,
    ]),
  };
}

function statusCell(meta: Meta, m: ReportMeasure): TableCell {
  const l = meta.labels;
  const s = m.status;
  if (!s) return { text: l.statusNone, italics: true, color: COLOURS.muted };
  const word: ContentText['text'] = [{ text: statusWord(meta, s.status), bold: true, color: statusColour(s.status) }];
  if (!s.fromThisRound) word.push({ text: ` (${fill(l.completedIn, { round: s.roundName })})`, color: COLOURS.muted });
  return {
    stack: compact([
      { text: word },
      paragraph(s.note, { margin: [0, 0, 0, 0] }),
      s.status === 'delayed' && s.reason ? labelled(l.reason, s.reason, {}) : null,
      s.status === 'delayed' ? labelled(l.newDeadline, (s.newDeadline ?? m.deadline)?.display ?? l.none) : null,
      s.status === 'delayed' && m.originalDeadline ? labelled(l.originalDeadline, m.originalDeadline.display, { color: COLOURS.muted }) : null,
      s.status === 'completed' ? labelled(l.selfCheck, s.selfCheckResult ?? l.none) : null,
      s.status === 'postponed' ? labelled(l.waitingFor, s.reason ?? l.none) : null,
      s.status === 'cancelled' && s.reason ? labelled(l.reason, s.reason) : null,
    ]),
  };
}

function followUpCell(meta: Meta, m: ReportMeasure): TableCell {
  const l = meta.labels;
  const items = compact([
    m.expectedEffect || meta.vocabulary === 'SE' ? labelled(l.expectedEffect, m.expectedEffect ?? l.none, { margin: [0, 0, 0, 0] }) : null,
    m.followUpPoint
      ? meta.vocabulary === 'SE' || m.expectedEffect
        ? labelled(l.followUpPoint, m.followUpPoint)
        : { text: m.followUpPoint }
      : { text: l.none, color: COLOURS.muted },
  ]);
  return { stack: items };
}

/** A rough height guess: rows that could not fit on a page must be allowed to break. */
function shortRows(measures: ReportMeasure[]): boolean {
  const chars = (m: ReportMeasure) =>
    Math.max(
      (m.title.length + (m.text?.length ?? 0) + 120) * 1,
      (m.status?.note?.length ?? 0) +
        (m.status?.reason?.length ?? 0) +
        (m.status?.selfCheckResult?.length ?? 0) +
        (m.followUpPoint?.length ?? 0) +
        (m.expectedEffect?.length ?? 0) +
        120,
    );
  // ~45 characters a line in a half-page column, ~55 lines on a page: keep rows under half a page.
  return measures.every((m) => chars(m) < 45 * 26);
}

function sideBySide(report: FollowUpReport, plan: ReportPlan): Content {
  const { meta, round } = report;
  const l = meta.labels;
  const second = plan.secondColumn === 'status' ? round.name : l.followUpPlan;
  const fills: (string | null)[] = [null];
  const body: TableCell[][] = [[th(`${l.plan} (${plan.department.code})`), th(second)]];
  for (const m of plan.measures) {
    // SE: a measure is planned with its expected effect; with the status beside it, it stays in the first column.
    body.push([
      measureCell(meta, m, meta.vocabulary === 'SE' && plan.secondColumn === 'status'),
      plan.secondColumn === 'status' ? statusCell(meta, m) : followUpCell(meta, m),
    ]);
    const s = plan.secondColumn === 'status' ? m.status?.status : undefined;
    fills.push(s === 'delayed' ? COLOURS.delayedFill : s === 'completed' ? COLOURS.completedFill : null);
  }
  return {
    table: { headerRows: 1, keepWithHeaderRows: 1, dontBreakRows: shortRows(plan.measures), widths: ['*', '*'], body },
    layout: gridLayout({ fills }),
    fontSize: 9,
    margin: [0, 4, 0, 6],
  };
}

function planBlock(report: FollowUpReport, plan: ReportPlan): Content[] {
  const { meta } = report;
  const l = meta.labels;
  const title: ContentText['text'] = [`${plan.department.name} (${plan.department.code})`];
  if (plan.crossCutting) title.push({ text: ` – ${l.crossCutting}`, color: COLOURS.muted, bold: false });
  const head = heading('', 3, { text: title, margin: [0, 14, 0, 3] });
  if (plan.withheld) return [head, notice(l.planWithheld)];
  const notSubmitted = plan.secondColumn === 'status' && plan.submissionState !== 'submitted' && plan.submissionState !== 'accepted';
  return compact([
    head,
    plan.approvedOn ? { text: fill(l.approvedOn, { date: formatDate(plan.approvedOn, meta.locale) }), style: 'small', margin: [0, 0, 0, 4] } : null,
    plan.problem ? labelled(l.problem, plan.problem, { margin: [0, 0, 0, 3] }) : null,
    plan.extent ? labelled(l.extent, plan.extent, { margin: [0, 0, 0, 3] }) : null,
    notSubmitted ? notice(l.submissionNotSubmitted) : null,
    plan.measures.length > 0 ? sideBySide(report, plan) : paragraph(l.noMeasures, { italics: true }),
    labelled(l.overallDeadline, plan.overallDeadline?.display ?? l.none, { margin: [0, 0, 0, 4] }),
  ]);
}

function findingSection(report: FollowUpReport, f: ReportFinding, i: number): Content[] {
  const { meta } = report;
  const l = meta.labels;
  const departments = f.allDepartments && report.scope.kind === 'municipality' ? l.allDepartments : f.departments.map((d) => d.name).join(', ');
  const facts: [string, Content][] = [
    [l.auditReport, { text: `${f.report.title} (${f.report.auditor})` }],
    [l.departments, { text: departments || l.none }],
    [l.grade, gradeMarker(meta, f.grade, 10)],
    [l.state, { text: stateWord(meta, f.state) }],
  ];
  if (f.repeatOfEarlierYears) facts.push([l.repeat, { text: l.repeatOfEarlierYears }]);
  if (f.caseNumber) facts.push([l.caseNumber, { text: f.caseNumber }]);
  return compact([
    heading(`${l.number} ${f.number} ${f.title}`, 2, { id: findingId(i), margin: [0, 0, 0, 2] }),
    // Internal edition: the page header of every page of this section carries the confidential band.
    factsTable(facts, 110),
    heading(l.observationsAndRisks, 3),
    paragraph(f.observations),
    f.risks ? labelled(l.risks, f.risks, { margin: [0, 0, 0, 5] }) : null,
    heading(l.recommendations, 3),
    f.recommendations.length > 0
      ? {
          stack: f.recommendations.map((r) => ({
            columns: [
              { text: `${r.number}.`, width: 16 },
              { text: r.text, width: '*' },
            ],
            margin: [0, 0, 0, 3],
          })),
        }
      : paragraph(l.none),
    ...(f.plans.length > 0 ? f.plans.flatMap((p) => planBlock(report, p)) : [heading(l.plan, 3), paragraph(l.noPlan, { italics: true })]),
  ]);
}

export async function renderFollowUpReport(report: FollowUpReport): Promise<Buffer> {
  const { meta } = report;
  const header = () => runningHeader(meta, A4_PORTRAIT_WIDTH);
  const content: Content[] = [
    section(cover(report), null),
    section(indexSection(report), header),
    section(summarySection(report), header),
    ...report.findings.map((f, i) => {
      // Every page of a finding names it in the header (and, if confidential, carries the band).
      const confidential = f.confidential ? { basis: f.confidentialBasis } : null;
      const title = `${meta.labels.number} ${f.number} ${f.title}`;
      return section(findingSection(report, f, i), () => runningHeader(meta, A4_PORTRAIT_WIDTH, confidential, title));
    }),
  ];
  return toBuffer(documentDefinition(meta, content, { subject: `${report.round.name} – ${scopeText(report)}` }));
}
