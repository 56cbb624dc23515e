/**
 * The answer to the auditors for one granskning (SE "Yttrande" / "Uppföljande yttrande"; a DK
 * reply), laid out like a committee's tjänsteskrivelse: heading block with the facts, summary,
 * proposal for decision, background, the auditors' assessment and recommendations, per
 * recommendation the measures (planned, or taken with their effect), the decision plan, who it is
 * sent to, the responsible officials and the due date. A4 portrait.
 */
import type { Content, ContentText, TableCell } from 'pdfmake/interfaces.js';
import { fill, formatDate, formatInteger } from '../format.js';
import type { AnswerDocument, AnswerMeasure, MeetingRef } from '../model.js';
import {
  A4_PORTRAIT_WIDTH,
  COLOURS,
  compact,
  confidentialText,
  documentDefinition,
  factsTable,
  gradeMarker,
  gridLayout,
  heading,
  labelled,
  paragraph,
  runningHeader,
  statusColour,
  statusWord,
  th,
  toBuffer,
} from './common.js';

type Meta = AnswerDocument['meta'];

function listText(items: string[], none: string): string {
  return items.length > 0 ? items.join(', ') : none;
}

function meetingText(meta: Meta, m: MeetingRef): string {
  return [m.body, formatDate(m.heldOn, meta.locale), m.agendaItem].filter(Boolean).join(', ');
}

/** The body that adopts the answer: the last meeting of the decision plan, else the committee. */
function decidingBody(doc: AnswerDocument): string {
  return doc.decisionPlan.at(-1)?.body ?? doc.committee ?? doc.department.name;
}

function summaryText(doc: AnswerDocument): string {
  const l = doc.meta.labels;
  const n = (v: number) => formatInteger(v, doc.meta.locale);
  const s = doc.summary;
  if (doc.answerKind === 'yttrande' || doc.answerKind === 'reply') {
    // A first answer plans measures; what later rounds reported does not belong in its summary.
    const planned = fill(l.answerSummaryPlanned, { measures: n(s.measures), recommendations: n(doc.recommendations.length) });
    return doc.plan.overallDeadline ? `${planned} ${l.overallDeadline}: ${doc.plan.overallDeadline.display}.` : planned;
  }
  return fill(l.answerSummaryText, {
    measures: n(s.measures),
    completed: n(s.completed),
    onTrack: n(s.onTrack),
    delayed: n(s.delayed),
    postponed: n(s.postponed),
  });
}

/** Planned measures (yttrande): what, the expected effect, by when. */
function plannedTable(doc: AnswerDocument, measures: AnswerMeasure[]): Content {
  const { meta } = doc;
  const l = meta.labels;
  const body: TableCell[][] = [[th(l.measure), th(l.expectedEffect), th(l.deadline)]];
  for (const m of measures) {
    body.push([
      {
        stack: compact([
          { text: `${m.number}. ${m.title}`, bold: true },
          paragraph(m.text, { margin: [0, 0, 0, 0] }),
          m.followUpPoint ? labelled(l.followUpPoint, m.followUpPoint, { color: COLOURS.muted }) : null,
          m.responsible ? { text: `${l.responsible}: ${m.responsible}`, color: COLOURS.muted } : null,
        ]),
      },
      { text: m.expectedEffect ?? l.none },
      { text: m.deadline?.display ?? l.none, bold: true },
    ]);
  }
  return { table: { headerRows: 1, dontBreakRows: true, widths: ['*', 150, 62], body }, layout: gridLayout(), fontSize: 9, margin: [0, 2, 0, 8] };
}

/** Measures taken (uppföljande yttrande): what was done, its effect (self-check), postponed ones with reason and new date. */
function takenTable(doc: AnswerDocument, measures: AnswerMeasure[]): Content {
  const { meta } = doc;
  const l = meta.labels;
  const fills: (string | null)[] = [null];
  const body: TableCell[][] = [[th(l.measure), th(`${l.status} / ${l.effect}`)]];
  for (const m of measures) {
    const s = m.status;
    const word: ContentText['text'] = [{ text: statusWord(meta, s?.status ?? null), bold: true, color: statusColour(s?.status ?? null) }];
    if (s) word.push({ text: `  (${s.roundName})`, color: COLOURS.muted });
    body.push([
      {
        stack: compact([
          { text: `${m.number}. ${m.title}`, bold: true },
          paragraph(m.text, { margin: [0, 0, 0, 0] }),
          m.expectedEffect ? labelled(l.expectedEffect, m.expectedEffect) : null,
          labelled(l.deadline, m.deadline?.display ?? l.none),
        ]),
      },
      {
        stack: compact([
          { text: word },
          paragraph(s?.note, { margin: [0, 0, 0, 0] }),
          s?.status === 'completed' ? labelled(l.effect, s.selfCheckResult ?? l.none) : null,
          s?.status === 'delayed' && s.reason ? labelled(l.reason, s.reason) : null,
          s?.status === 'delayed' ? labelled(l.newDeadline, (s.newDeadline ?? m.deadline)?.display ?? l.none) : null,
          s?.status === 'postponed' ? labelled(l.waitingFor, s.reason ?? l.none) : null,
        ]),
      },
    ]);
    fills.push(s?.status === 'delayed' ? COLOURS.delayedFill : s?.status === 'completed' ? COLOURS.completedFill : null);
  }
  return { table: { headerRows: 1, dontBreakRows: true, widths: ['*', '*'], body }, layout: gridLayout({ fills }), fontSize: 9, margin: [0, 2, 0, 8] };
}

function measuresBlock(doc: AnswerDocument, measures: AnswerMeasure[]): Content {
  if (measures.length === 0) return { text: doc.meta.labels.none, color: COLOURS.muted, margin: [0, 0, 0, 6] };
  return doc.answerKind === 'uppfoljandeYttrande' ? takenTable(doc, measures) : plannedTable(doc, measures);
}

export async function renderAnswerDocument(doc: AnswerDocument): Promise<Buffer> {
  const { meta, finding, report } = doc;
  const l = meta.labels;
  const title = l[doc.answerKind];
  const confidential = finding.confidential && meta.edition === 'internal' ? { basis: finding.confidentialBasis } : null;
  const facts = (
    [
      [l.committee, { text: doc.committee ?? l.none }],
      [l.department, { text: `${doc.department.name} (${doc.department.code})` }],
      [l.auditReport, { text: `${report.title} (${report.auditor}, ${report.year})` }],
      report.caseNumber || finding.caseNumber ? [l.caseNumber, { text: [report.caseNumber, finding.caseNumber].filter(Boolean).join(' / ') }] : null,
      [l.date, { text: formatDate(meta.generatedOn, meta.locale) }],
      [l.dueDate, { text: doc.dueDate ? formatDate(doc.dueDate, meta.locale) : l.none, bold: true }],
      doc.sentOn ? [l.date, { text: fill(l.sentOn, { date: formatDate(doc.sentOn, meta.locale) }) }] : null,
      [l.sentTo, { text: listText(doc.recipients, l.none) }],
    ] as ([string, Content] | null)[]
  ).filter((x): x is [string, Content] => x !== null);

  const proposal = fill(l.proposalText, { body: decidingBody(doc), recipients: listText(doc.recipients, l.none) });
  const decisionPlan: Content =
    doc.decisionPlan.length > 0
      ? {
          table: {
            headerRows: 1,
            dontBreakRows: true,
            widths: ['*', 90, 90],
            body: [
              [th(l.meeting), th(l.date), th(l.agendaItem)],
              ...doc.decisionPlan.map((m) => [{ text: m.body }, { text: formatDate(m.heldOn, meta.locale) }, { text: m.agendaItem ?? l.none }] as TableCell[]),
            ],
          },
          layout: gridLayout(),
          fontSize: 9.5,
          margin: [0, 2, 0, 8],
        }
      : { text: l.none };

  const approvals = doc.plan.approvals.map(
    (a) => fill(l.approvedOn, { date: formatDate(a.approvedOn, meta.locale) }) + (a.meeting ? ` (${meetingText(meta, a.meeting)})` : ''),
  );

  const content: Content[] = compact([
    { text: meta.municipality, fontSize: 12, bold: true, color: COLOURS.accent, margin: [0, 0, 0, 2] },
    doc.committee ? { text: doc.committee, fontSize: 10, color: COLOURS.muted, margin: [0, 0, 0, 12] } : null,
    heading(title, 1, { margin: [0, 0, 0, 2], outlineText: meta.title }),
    { text: report.title, fontSize: 14, color: COLOURS.accent, margin: [0, 0, 0, 6] },
    confidential ? { text: confidentialText(meta, confidential.basis), bold: true, color: COLOURS.confidential, margin: [0, 0, 0, 4] } : null,
    factsTable(facts, 120),

    heading(l.answerSummary, 2),
    paragraph(summaryText(doc)),

    heading(l.proposal, 2),
    paragraph(proposal),

    heading(l.background, 2),
    paragraph(`${report.title} (${report.auditor}, ${report.year}).`),
    heading(`${finding.number}. ${finding.title}`, 3),
    paragraph(finding.observations),
    finding.risks ? labelled(l.risks, finding.risks, { margin: [0, 0, 0, 5] }) : null,
    doc.plan.problem ? labelled(l.problem, doc.plan.problem, { margin: [0, 0, 0, 3] }) : null,
    doc.plan.extent ? labelled(l.extent, doc.plan.extent, { margin: [0, 0, 0, 5] }) : null,

    heading(l.auditorsAssessment, 2),
    finding.grade
      ? ({
          columns: [
            { text: `${l.grade}:`, bold: true, width: 'auto' },
            { ...(gradeMarker(meta, finding.grade) as object), width: '*' },
          ],
          columnGap: 6,
          margin: [0, 0, 0, 4],
        } as Content)
      : null,
    {
      stack: doc.recommendations.map((r) => ({
        columns: [
          { text: `${r.number}.`, width: 16 },
          { text: r.text, width: '*' },
        ],
        margin: [0, 0, 0, 3],
      })),
      margin: [0, 0, 0, 6],
    },

    heading(doc.answerKind === 'uppfoljandeYttrande' ? l.measuresTaken : l.measuresPlanned, 2),
    ...doc.recommendations.flatMap((r) => [
      heading(fill(l.recommendation, { number: r.number }), 3, { margin: [0, 8, 0, 2] }),
      { text: r.text, italics: true, margin: [0, 0, 0, 4] } as Content,
      measuresBlock(doc, r.measures),
    ]),
    ...(doc.otherMeasures.length > 0 ? [heading(l.otherMeasures, 3, { margin: [0, 8, 0, 2] }), measuresBlock(doc, doc.otherMeasures)] : []),
    labelled(l.overallDeadline, doc.plan.overallDeadline?.display ?? l.none, { margin: [0, 2, 0, 2] }),
    approvals.length > 0 ? { text: approvals.join('; '), style: 'small', margin: [0, 0, 0, 6] } : null,

    // The decision plan stays whole, and so do the lines on who gets the answer (each may move to the next page).
    { unbreakable: true, stack: [heading(l.decisionPlan, 2), decisionPlan] },
    {
      unbreakable: true,
      stack: [
        factsTable(
          [
            [l.sentTo, { text: listText(doc.recipients, l.none) }],
            [l.responsibleOfficials, { text: listText(doc.responsibleOfficials, l.none) }],
            [l.dueDate, { text: doc.dueDate ? formatDate(doc.dueDate, meta.locale) : l.none, bold: true }],
          ],
          150,
        ),
      ],
    },
  ]);
  return toBuffer(
    documentDefinition(meta, content, {
      subject: `${title} – ${report.title}`,
      header: () => runningHeader(meta, A4_PORTRAIT_WIDTH, confidential),
    }),
  );
}
