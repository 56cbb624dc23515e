/**
 * The follow-up report of one round as a Word document: cover, contents, index of findings,
 * summary (charts and the same figures as tables), then one finding per page with its
 * observations, recommendations and, per department, the plan beside this round's status (or, for
 * a new plan, beside its follow-up plan). In the internal edition each confidential finding is a
 * section of its own whose header marks every page of it.
 */
import { AlignmentType, Paragraph, ShadingType, TableOfContents, TextRun, type Document, type FileChild, type ISectionOptions, type Table } from 'docx';
import { slippageChartSvg, statusChartSvg } from '../chart.js';
import { fill } from '../format.js';
import type { FollowUpReport, ReportFinding, ReportMeasure, ReportPlan } from '../model.js';
import {
  COLOURS,
  bodyRow,
  buildDocument,
  chartParagraph,
  columns,
  confidentialParagraph,
  confidentialText,
  ctxOf,
  dataTable,
  gradeLabel,
  heading,
  labelled,
  numbered,
  omittedText,
  p,
  section,
  stateLabel,
  statusLabel,
  textParagraphs,
  type Ctx,
  type DocxOptions,
} from './common.js';

export function followUpReportDocx(report: FollowUpReport, opts: DocxOptions = {}): Document {
  const ctx = ctxOf(report.meta);
  const front: FileChild[] = [...cover(ctx, report), ...contents(ctx), ...index(ctx, report), ...summary(ctx, report)];
  const sections: ISectionOptions[] = [section(ctx, front)];
  // Consecutive ordinary findings share a section (a page break before each); a confidential
  // finding of the internal edition is a section of its own with the confidential header.
  let run: FileChild[] = [];
  const flush = () => {
    if (run.length) sections.push(section(ctx, run));
    run = [];
  };
  for (const f of report.findings) {
    if (f.confidential && report.meta.edition === 'internal') {
      flush();
      sections.push(section(ctx, findingSection(ctx, report, f, false), { basis: f.confidentialBasis }));
    } else {
      run.push(...findingSection(ctx, report, f, run.length > 0));
    }
  }
  flush();
  return buildDocument(ctx, sections, {
    subject: `${report.round.name} · ${scopeText(ctx, report)}`,
    tableOfContents: opts.tocPageNumbers ?? numbersAffordable(report),
  });
}

/**
 * Laying the pages out to number the contents grows faster than the document: about 2 s for the
 * demo's 10 findings, 7.5 s for 50. Up to this many findings the numbers are written; above it
 * the contents list and link every heading, and Word fills the numbers in when it opens the file.
 */
export const TOC_PAGE_NUMBERS_UP_TO = 25;

/**
 * The layout also breaks words that do not fit a line letter by letter, and that grows with the
 * square of the word: one 20,000-letter word held the server for 54 s. Above a 200-letter word or
 * 200,000 letters of text, Word fills the numbers in too.
 */
export const TOC_LONGEST_WORD = 200;
export const TOC_TEXT_UP_TO = 200_000;

function numbersAffordable(report: FollowUpReport): boolean {
  if (report.findings.length > TOC_PAGE_NUMBERS_UP_TO) return false;
  let total = 0;
  const longWord = new RegExp(`\\S{${TOC_LONGEST_WORD + 1}}`);
  const fits = (value: unknown): boolean => {
    if (typeof value === 'string') {
      total += value.length;
      return total <= TOC_TEXT_UP_TO && !longWord.test(value);
    }
    if (Array.isArray(value)) return value.every(fits);
    if (value && typeof value === 'object') return Object.values(value).every(fits);
    return true;
  };
  return fits(report.findings);
}

function scopeText(ctx: Ctx, report: FollowUpReport): string {
  const s = report.scope;
  return s.kind === 'municipality' ? ctx.l.scopeMunicipality : fill(s.kind === 'committee' ? ctx.l.scopeCommittee : ctx.l.scopeDepartment, { name: s.name });
}

function findingName(ctx: Ctx, f: { number: number; title: string }): string {
  return `${ctx.l.number} ${f.number} ${f.title}`;
}

// ── Cover, contents ─────────────────────────────────────────────────────────────────────────

function cover(ctx: Ctx, report: FollowUpReport): FileChild[] {
  const { l } = ctx;
  const out: FileChild[] = [
    p([new TextRun({ text: report.meta.municipality, bold: true, size: 28, color: COLOURS.heading })], { spacing: { before: 1200, after: 360 } }),
    new Paragraph({ style: 'Title', children: [new TextRun(l.followUpReport)] }),
    p([new TextRun({ text: report.round.name, size: 32, color: COLOURS.heading })], { spacing: { after: 600 } }),
    labelled(l.scope, scopeText(ctx, report)),
    labelled(l.round, `${report.round.name} (${fill(l.roundPeriod, { from: ctx.date(report.round.opensOn), to: ctx.date(report.round.dueOn) })})`),
    labelled(l.date, ctx.date(report.meta.generatedOn)),
    p(
      [
        new TextRun({
          text: report.meta.edition === 'internal' ? l.editionInternal : l.editionPublic,
          bold: true,
          color: report.meta.edition === 'internal' ? COLOURS.mark : COLOURS.text,
        }),
      ],
      { spacing: { before: 360 } },
    ),
  ];
  const omitted = report.meta.edition === 'public' ? omittedText(l, report.confidentialOmitted) : null;
  if (omitted) out.push(p(omitted));
  return out;
}

function contents(ctx: Ctx): FileChild[] {
  return [
    new Paragraph({ style: 'ContentsTitle', pageBreakBefore: true, children: [new TextRun(ctx.l.contents)] }),
    new TableOfContents(ctx.l.contents, { headingStyleRange: '1-1', hyperlink: true }),
  ];
}

// ── Index ───────────────────────────────────────────────────────────────────────────────────

function departmentsText(ctx: Ctx, report: FollowUpReport, f: ReportFinding): string {
  if (f.allDepartments && report.scope.kind === 'municipality') return ctx.l.allDepartments;
  return f.departments.map((d) => d.name).join(', ') || ctx.l.none;
}

function index(ctx: Ctx, report: FollowUpReport): FileChild[] {
  const { l } = ctx;
  const out: FileChild[] = [heading(1, l.index, { pageBreakBefore: true })];
  const omitted = report.meta.edition === 'public' ? omittedText(l, report.confidentialOmitted) : null;
  if (omitted) out.push(p(omitted, { spacing: { after: 200 } }));
  if (report.findings.length === 0) return out;
  const widths = columns([6, 26, 24, 13, 16, 15]);
  // One table per audit report, in the report's order.
  const byReport = new Map<string, ReportFinding[]>();
  for (const f of report.findings) {
    const key = `${f.report.year}|${f.report.title}`;
    byReport.set(key, [...(byReport.get(key) ?? []), f]);
  }
  for (const findings of byReport.values()) {
    const r = findings[0]!.report;
    out.push(
      heading(2, `${r.title}`),
      p([new TextRun({ text: `${l.auditor}: ${r.auditor}${r.caseNumber ? ` · ${l.caseNumber} ${r.caseNumber}` : ''}`, color: COLOURS.muted })]),
    );
    const rows = findings.map((f) => {
      const title: Paragraph[] = [p(f.title)];
      if (f.confidential) title.push(p([new TextRun({ text: confidentialText(l, f.confidentialBasis), bold: true, color: COLOURS.mark, size: 17 })]));
      return bodyRow(
        [
          String(f.number),
          title,
          departmentsText(ctx, report, f),
          { content: gradeLabel(l, f.grade), opts: { fill: f.grade ? COLOURS.grade[f.grade] : undefined } },
          stateLabel(l, f.state),
          f.repeatOfEarlierYears ? l.yes : l.no,
        ],
        widths,
        { cantSplit: true },
      );
    });
    out.push(dataTable([l.number, l.title, l.departments, l.grade, l.state, l.repeat], widths, rows), p(''));
  }
  return out;
}

// ── Summary ─────────────────────────────────────────────────────────────────────────────────

const STATUS_KEYS = ['onTrack', 'delayed', 'completed', 'postponed', 'cancelled', 'noStatus'] as const;

function summary(ctx: Ctx, report: FollowUpReport): FileChild[] {
  const { l } = ctx;
  const s = report.summary;
  const statusNames = {
    onTrack: l.statusOnTrack,
    delayed: l.statusDelayed,
    completed: l.statusCompleted,
    postponed: l.statusPostponed,
    cancelled: l.statusCancelled,
    noStatus: l.statusNone,
  };
  const out: FileChild[] = [
    heading(1, l.summary, { pageBreakBefore: true }),
    p([
      new TextRun({ text: `${l.totalFindings}: `, bold: true }),
      new TextRun(`${ctx.int(s.totals.findings)}   `),
      new TextRun({ text: `${l.totalPlans}: `, bold: true }),
      new TextRun(`${ctx.int(s.totals.plans)}   `),
      new TextRun({ text: `${l.totalMeasures}: `, bold: true }),
      new TextRun(`${ctx.int(s.totals.measures)}   `),
      new TextRun({ text: `${l.overdue}: `, bold: true }),
      new TextRun(ctx.int(s.totals.overdue)),
    ]),
  ];

  // Measures by status: chart, then the same figures as a table.
  const statusDesc = s.byDepartment.map((d) => `${d.code}: ${STATUS_KEYS.map((k) => `${statusNames[k]} ${ctx.int(d[k])}`).join(', ')}`).join('; ');
  out.push(heading(2, l.measuresByStatus), chartParagraph(statusChartSvg(report), 'status-chart', l.measuresByStatus, `${l.measuresByStatus}. ${statusDesc}`));
  // Figures tables in 9 pt, so the status names fit their columns.
  const sw = columns([28, 11, 11, 11, 11, 11, 11, 11]);
  const st = { right: [false, true, true, true, true, true, true, true], size: 18 };
  const statusRows = s.byDepartment.map((d) =>
    bodyRow([d.name, ...STATUS_KEYS.map((k) => ctx.int(d[k])), ctx.int(STATUS_KEYS.reduce((a, k) => a + d[k], 0))], sw, { cantSplit: true, ...st }),
  );
  const totals = [l.total, ...STATUS_KEYS.map((k) => ctx.int(s.totals[k])), ctx.int(s.totals.measures)];
  statusRows.push(
    bodyRow(
      totals.map((text, i) => [p([new TextRun({ text, bold: true, size: st.size })], st.right[i] ? { alignment: AlignmentType.RIGHT } : {})]),
      sw,
      { cantSplit: true },
    ),
  );
  out.push(dataTable([l.department, ...STATUS_KEYS.map((k) => statusNames[k]), l.total], sw, statusRows, st), p(''));

  // Deadline slippage: chart, then the table.
  const slipDesc = s.slippage.map((d) => `${d.code}: ${l.slippageMoved} ${ctx.int(d.moved)}, ${l.slippageDays} ${ctx.int(d.totalDays)}`).join('; ');
  out.push(heading(2, l.slippage), chartParagraph(slippageChartSvg(report), 'slippage-chart', l.slippage, `${l.slippage}. ${slipDesc}`));
  const dw = columns([32, 17, 17, 17, 17]);
  const dt = { right: [false, true, true, true, true], size: 18 };
  const slipRows = s.slippage.map((d) =>
    bodyRow([d.name, ctx.int(d.measures), ctx.int(d.moved), ctx.int(d.totalDays), ctx.int(d.maxDays)], dw, { cantSplit: true, ...dt }),
  );
  out.push(dataTable([l.department, l.totalMeasures, l.slippageMoved, l.slippageDays, l.slippageMaxDays], dw, slipRows, dt));
  return out;
}

// ── One finding ─────────────────────────────────────────────────────────────────────────────

function findingSection(ctx: Ctx, report: FollowUpReport, f: ReportFinding, pageBreakBefore: boolean): FileChild[] {
  const { l } = ctx;
  const out: FileChild[] = [heading(1, findingName(ctx, f), { pageBreakBefore })];
  if (f.confidential) out.push(confidentialParagraph(l, f.confidentialBasis));
  out.push(labelled(l.auditReport, `${f.report.title} (${l.auditor}: ${f.report.auditor})`));
  out.push(labelled(l.departments, departmentsText(ctx, report, f)));
  out.push(
    p([
      new TextRun({ text: `${l.grade}: `, bold: true }),
      new TextRun({ text: gradeLabel(l, f.grade), ...(f.grade ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: COLOURS.grade[f.grade] } } : {}) }),
      new TextRun({ text: `   ${l.state}: `, bold: true }),
      new TextRun(stateLabel(l, f.state)),
    ]),
  );
  if (f.repeatOfEarlierYears) out.push(p([new TextRun({ text: l.repeatOfEarlierYears, italics: true })]));
  if (f.caseNumber) out.push(labelled(l.caseNumber, f.caseNumber));

  out.push(heading(2, l.observationsAndRisks), ...textParagraphs(f.observations));
  if (f.risks) out.push(p([new TextRun({ text: `${l.risks}: `, bold: true }), new TextRun(f.risks)]));

  out.push(heading(2, l.recommendations));
  out.push(...(f.recommendations.length ? f.recommendations.map((r) => numbered(r.number, r.text)) : [p(l.none)]));

  if (f.plans.length === 0) out.push(heading(2, l.plan), p([new TextRun({ text: l.noPlan, italics: true })]));
  for (const plan of f.plans) out.push(...planBlock(ctx, report, plan));
  return out;
}

function planBlock(ctx: Ctx, report: FollowUpReport, plan: ReportPlan): FileChild[] {
  const { l } = ctx;
  const title = plan.crossCutting ? `${l.plan}: ${plan.department.name} (${l.crossCutting})` : `${l.plan}: ${plan.department.name}`;
  const out: FileChild[] = [heading(2, title)];
  if (plan.withheld) {
    out.push(p([new TextRun({ text: l.planWithheld, italics: true })]));
    return out;
  }
  if (plan.approvedOn) out.push(p([new TextRun({ text: fill(l.approvedOn, { date: ctx.date(plan.approvedOn) }), color: COLOURS.muted })]));
  if (plan.problem) out.push(labelled(l.problem, plan.problem));
  if (plan.extent) out.push(labelled(l.extent, plan.extent));
  if (plan.secondColumn === 'status' && plan.submissionState !== 'submitted' && plan.submissionState !== 'accepted') {
    out.push(p([new TextRun({ text: l.submissionNotSubmitted, italics: true })]));
  }
  if (plan.measures.length === 0) out.push(p([new TextRun({ text: l.noMeasures, italics: true })]));
  else out.push(sideBySide(ctx, report, plan), p(''));
  out.push(labelled(l.overallDeadline, plan.overallDeadline?.display ?? l.none));
  return out;
}

/** The plan beside this round's status (or the follow-up plan): one row per measure. */
function sideBySide(ctx: Ctx, report: FollowUpReport, plan: ReportPlan): Table {
  const { l } = ctx;
  const widths = columns([1, 1]);
  const second = plan.secondColumn === 'status' ? report.round.name : l.followUpPlan;
  const rows = plan.measures.map((m) => {
    const status = m.status?.status ?? null;
    const fillColour = status === 'delayed' ? COLOURS.delayedFill : status === 'completed' ? COLOURS.completedFill : undefined;
    return bodyRow([planCell(ctx, m, plan.secondColumn), plan.secondColumn === 'status' ? statusCell(ctx, m) : followUpCell(ctx, m)], widths, {
      fill: fillColour,
      cantSplit: true,
    });
  });
  return dataTable([l.plan, second], widths, rows);
}

function small(label: string, value: string): Paragraph {
  return p([new TextRun({ text: `${label}: `, bold: true, size: 18 }), new TextRun({ text: value, size: 18 })], { spacing: { after: 40 } });
}

function planCell(ctx: Ctx, m: ReportMeasure, secondColumn: ReportPlan['secondColumn']): Paragraph[] {
  const { l } = ctx;
  const out: Paragraph[] = [p([new TextRun({ text: `${m.number}. ${m.title}`, bold: true })])];
  out.push(...textParagraphs(m.text));
  out.push(small(l.deadline, m.deadline?.display ?? l.none));
  if (m.originalDeadline) out.push(small(l.originalDeadline, m.originalDeadline.display));
  if (m.overdue) out.push(p([new TextRun({ text: l.overdue, bold: true, size: 18, color: COLOURS.mark })]));
  // SE: the expected effect is part of the answer (a new plan shows it in its follow-up column).
  if (ctx.meta.vocabulary === 'SE' && m.expectedEffect && secondColumn === 'status') out.push(small(l.expectedEffect, m.expectedEffect));
  if (m.responsible) out.push(small(l.responsible, m.responsible));
  if (m.recommendationNumbers.length)
    out.push(p([new TextRun({ text: fill(l.addresses, { numbers: m.recommendationNumbers.join(', ') }), size: 18, color: COLOURS.muted })]));
  return out;
}

function statusParagraphs(ctx: Ctx, m: ReportMeasure): Paragraph[] {
  const { l } = ctx;
  const s = m.status;
  if (!s) return [p([new TextRun({ text: l.statusNone, italics: true })])];
  const word = s.status === 'completed' && !s.fromThisRound ? fill(l.completedIn, { round: s.roundName }) : statusLabel(l, s.status);
  const out: Paragraph[] = [p([new TextRun({ text: word, bold: true, color: s.status === 'delayed' ? COLOURS.mark : COLOURS.text })])];
  out.push(...textParagraphs(s.note));
  if (s.status === 'delayed') {
    if (s.reason) out.push(small(l.reason, s.reason));
    out.push(small(l.newDeadline, s.newDeadline?.display ?? m.deadline?.display ?? l.none));
  } else if (s.reason) {
    out.push(small(s.status === 'postponed' ? l.waitingFor : l.reason, s.reason));
  }
  if (s.selfCheckResult) out.push(small(l.selfCheck, s.selfCheckResult));
  return out;
}

function statusCell(ctx: Ctx, m: ReportMeasure): Paragraph[] {
  return statusParagraphs(ctx, m);
}

/** A new plan's second column: how each measure will be followed up (SE: and its expected effect). */
function followUpCell(ctx: Ctx, m: ReportMeasure): Paragraph[] {
  const { l } = ctx;
  const out: Paragraph[] = textParagraphs(m.followUpPoint);
  if (out.length === 0) out.push(p(l.none));
  if (ctx.meta.vocabulary === 'SE' && m.expectedEffect) out.push(small(l.expectedEffect, m.expectedEffect));
  if (m.status) out.push(...statusParagraphs(ctx, m));
  return out;
}
