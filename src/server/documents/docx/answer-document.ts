/**
 * The answer to the auditors for one review as a Word document: the Swedish yttrande (planned
 * measures with their expected effect and deadline), the uppföljande yttrande (what was done and
 * its effect; postponed measures with the reason and new date), or the Danish reply. Summary,
 * proposal for decision, background, the auditors' assessment and recommendations with the
 * measures under each, the decision plan, recipients, responsible officials and the due date.
 */
import { Paragraph, TextRun, type Document, type FileChild, type Table } from 'docx';
import { fill } from '../format.js';
import type { AnswerDocument, AnswerMeasure } from '../model.js';
import {
  COLOURS,
  bodyRow,
  bullet,
  buildDocument,
  columns,
  confidentialParagraph,
  ctxOf,
  dataTable,
  heading,
  labelled,
  numbered,
  p,
  section,
  statusLabel,
  textParagraphs,
  type Ctx,
} from './common.js';

export function answerDocumentDocx(doc: AnswerDocument): Document {
  const ctx = ctxOf(doc.meta);
  const { l } = ctx;
  const followUp = doc.answerKind === 'uppfoljandeYttrande';
  const out: FileChild[] = [];

  // Heading block
  out.push(
    p([new TextRun({ text: doc.meta.municipality, bold: true, size: 24, color: COLOURS.heading })], { spacing: { after: 120 } }),
    new Paragraph({ style: 'Title', children: [new TextRun(l[doc.answerKind])] }),
    p([new TextRun({ text: `${doc.report.title} – ${l.finding} ${doc.finding.number}: ${doc.finding.title}`, size: 26, color: COLOURS.heading })], {
      spacing: { after: 240 },
    }),
  );
  if (doc.finding.confidential) out.push(confidentialParagraph(l, doc.finding.confidentialBasis));
  out.push(labelled(l.date, ctx.date(doc.meta.generatedOn)));
  if (doc.report.caseNumber) out.push(labelled(l.caseNumber, doc.report.caseNumber));
  out.push(labelled(l.department, doc.department.name));
  if (doc.committee) out.push(labelled(l.committee, doc.committee));
  if (doc.dueDate) out.push(labelled(l.dueDate, ctx.date(doc.dueDate)));
  if (doc.sentOn) out.push(p(fill(l.sentOn, { date: ctx.date(doc.sentOn) })));
  out.push(
    p([
      new TextRun({
        text: doc.meta.edition === 'internal' ? l.editionInternal : l.editionPublic,
        color: doc.meta.edition === 'internal' ? COLOURS.mark : COLOURS.muted,
      }),
    ]),
  );

  // Summary and proposal
  out.push(heading(1, l.answerSummary), p(fill(l.answerSummaryText, { ...doc.summary })));
  const body = doc.decisionPlan.at(-1)?.body ?? doc.committee ?? doc.department.name;
  out.push(heading(1, l.proposal), p(fill(l.proposalText, { body, recipients: doc.recipients.join(', ') || doc.report.auditor })));

  // Background
  out.push(heading(1, l.background));
  out.push(labelled(l.auditReport, `${doc.report.title} (${doc.report.year})`), labelled(l.auditor, doc.report.auditor));
  if (doc.report.receivedOn) out.push(labelled(l.date, ctx.date(doc.report.receivedOn)));
  out.push(heading(2, l.observationsAndRisks), ...textParagraphs(doc.finding.observations));
  if (doc.finding.risks) out.push(labelled(l.risks, doc.finding.risks));
  if (doc.plan.problem) out.push(labelled(l.problem, doc.plan.problem));
  if (doc.plan.extent) out.push(labelled(l.extent, doc.plan.extent));

  // The auditors' assessment and recommendations, then the measures under each
  out.push(heading(1, l.auditorsAssessment));
  out.push(...(doc.recommendations.length ? doc.recommendations.map((r) => numbered(r.number, r.text)) : [p(l.none)]));
  out.push(heading(1, followUp ? l.measuresTaken : l.measuresPlanned));
  for (const r of doc.recommendations) {
    out.push(heading(2, fill(l.recommendation, { number: r.number })), p([new TextRun({ text: r.text, italics: true })]));
    out.push(...(r.measures.length ? [measureTable(ctx, doc, r.measures), p('')] : [p(l.none)]));
  }
  if (doc.otherMeasures.length) out.push(heading(2, l.otherMeasures), measureTable(ctx, doc, doc.otherMeasures), p(''));
  out.push(labelled(l.overallDeadline, doc.plan.overallDeadline?.display ?? l.none));
  for (const a of doc.plan.approvals) {
    const at = a.meeting ? ` (${[a.meeting.body, a.meeting.agendaItem].filter(Boolean).join(' ')})` : '';
    out.push(p(`${fill(l.approvedOn, { date: ctx.date(a.approvedOn) })}${at}`));
  }

  // Decision plan, recipients, officials, due date
  out.push(heading(1, l.decisionPlan));
  if (doc.decisionPlan.length) {
    const w = columns([50, 25, 25]);
    out.push(
      dataTable(
        [l.meeting, l.date, l.agendaItem],
        w,
        doc.decisionPlan.map((m) => bodyRow([m.body, ctx.date(m.heldOn), m.agendaItem ?? l.none], w, { cantSplit: true })),
      ),
    );
  } else out.push(p(l.none));
  out.push(heading(2, l.sentTo), ...(doc.recipients.length ? doc.recipients.map((x) => bullet(x)) : [p(l.none)]));
  out.push(heading(2, l.responsibleOfficials), ...(doc.responsibleOfficials.length ? doc.responsibleOfficials.map((x) => bullet(x)) : [p(l.none)]));
  out.push(heading(2, l.dueDate), p(doc.dueDate ? ctx.date(doc.dueDate) : l.none));

  const confidential = doc.finding.confidential && doc.meta.edition === 'internal' ? { basis: doc.finding.confidentialBasis } : null;
  return buildDocument(ctx, [section(ctx, out, confidential)], { subject: `${doc.report.title} · ${doc.department.name}` });
}

/** Planned: measure | expected effect (DK: follow-up point) | deadline. Follow-up: measure | what was done and its effect. */
function measureTable(ctx: Ctx, doc: AnswerDocument, measures: AnswerMeasure[]): Table {
  const { l } = ctx;
  if (doc.answerKind === 'uppfoljandeYttrande') {
    const w = columns([1, 1]);
    return dataTable(
      [l.measure, `${l.status} · ${l.effect}`],
      w,
      measures.map((m) =>
        bodyRow([measureCell(ctx, m, true), outcomeCell(ctx, m)], w, {
          fill: m.status?.status === 'delayed' ? COLOURS.delayedFill : undefined,
          cantSplit: true,
        }),
      ),
    );
  }
  const w = columns([45, 37, 18]);
  const effectHeader = doc.meta.vocabulary === 'SE' ? l.expectedEffect : l.followUpPoint;
  return dataTable(
    [l.measure, effectHeader, l.deadline],
    w,
    measures.map((m) => {
      const effect: Paragraph[] = [];
      if (doc.meta.vocabulary === 'SE') {
        effect.push(...textParagraphs(m.expectedEffect));
        if (m.followUpPoint) effect.push(small(l.followUpPoint, m.followUpPoint));
      } else {
        effect.push(...textParagraphs(m.followUpPoint));
        if (m.expectedEffect) effect.push(small(l.expectedEffect, m.expectedEffect));
      }
      return bodyRow([measureCell(ctx, m, false), effect.length ? effect : l.none, m.deadline?.display ?? l.none], w, { cantSplit: true });
    }),
  );
}

function small(label: string, value: string): Paragraph {
  return p([new TextRun({ text: `${label}: `, bold: true, size: 18 }), new TextRun({ text: value, size: 18 })], { spacing: { after: 40 } });
}

function measureCell(ctx: Ctx, m: AnswerMeasure, withDeadline: boolean): Paragraph[] {
  const { l } = ctx;
  const out = [p([new TextRun({ text: `${m.number}. ${m.title}`, bold: true })]), ...textParagraphs(m.text)];
  if (withDeadline) out.push(small(l.deadline, m.deadline?.display ?? l.none));
  if (withDeadline && m.expectedEffect) out.push(small(l.expectedEffect, m.expectedEffect));
  if (m.responsible) out.push(small(l.responsible, m.responsible));
  return out;
}

/** What was done and its effect: the status, the self-check; delayed ones with reason and new date, postponed ones with what they wait for. */
function outcomeCell(ctx: Ctx, m: AnswerMeasure): Paragraph[] {
  const { l } = ctx;
  const s = m.status;
  if (!s) return [p([new TextRun({ text: l.statusNone, italics: true })])];
  const word = statusLabel(l, s.status);
  const out = [p([new TextRun({ text: word, bold: true, color: s.status === 'delayed' ? COLOURS.mark : COLOURS.text })]), ...textParagraphs(s.note)];
  if (s.selfCheckResult) out.push(small(l.selfCheck, s.selfCheckResult));
  if (s.reason) out.push(small(s.status === 'postponed' ? l.waitingFor : l.reason, s.reason));
  if (s.status === 'delayed') out.push(small(l.newDeadline, s.newDeadline?.display ?? m.deadline?.display ?? l.none));
  out.push(p([new TextRun({ text: s.roundName, size: 17, color: COLOURS.muted })]));
  return out;
}
