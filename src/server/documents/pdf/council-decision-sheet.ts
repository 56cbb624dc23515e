/**
 * The council's decision sheet for one audit report: per finding the responsible committees, the
 * committee's comment, and the council's decision with its meeting.
 *
 * A4 landscape: it is one table of five text columns (finding, committees, comment, decision and
 * meeting), which in portrait would leave each column a few words wide.
 * Rows never break across pages, so a confidential finding's row (internal edition), which
 * carries the confidential mark, marks every page it is on.
 */
import type { Content, ContentText, TableCell } from 'pdfmake/interfaces.js';
import { fill, formatDate, formatInteger } from '../format.js';
import type { CouncilDecisionSheet } from '../model.js';
import {
  A4_LANDSCAPE_WIDTH,
  COLOURS,
  compact,
  confidentialText,
  documentDefinition,
  factsTable,
  gradeMarker,
  gridLayout,
  heading,
  notice,
  paragraph,
  runningHeader,
  th,
  toBuffer,
} from './common.js';

export async function renderCouncilDecisionSheet(sheet: CouncilDecisionSheet): Promise<Buffer> {
  const { meta, report } = sheet;
  const l = meta.labels;
  const omitted =
    sheet.confidentialOmitted > 0
      ? sheet.confidentialOmitted === 1
        ? l.confidentialOmittedOne
        : fill(l.confidentialOmitted, { count: formatInteger(sheet.confidentialOmitted, meta.locale) })
      : null;

  const fills: (string | null)[] = [null];
  const body: TableCell[][] = [[th(l.number), th(l.finding), th(l.committee), th(l.committeeComment), th(l.councilDecision)]];
  for (const f of sheet.findings) {
    const title: ContentText['text'] = [{ text: f.title, bold: true }];
    if (f.confidential) title.push({ text: `\n${confidentialText(meta, f.confidentialBasis)}`, bold: true, color: COLOURS.confidential, fontSize: 8.5 });
    body.push([
      { text: String(f.number), alignment: 'right' },
      {
        stack: compact([
          { text: title, margin: [0, 0, 0, 3] },
          f.grade ? (gradeMarker(meta, f.grade, 8.5) as Content) : null,
          f.repeatOfEarlierYears ? { text: l.repeatOfEarlierYears, fontSize: 8.5, color: COLOURS.muted } : null,
          { text: `${l.departments}: ${f.departments.map((d) => d.code).join(', ') || l.none}`, fontSize: 8.5, color: COLOURS.muted },
        ]),
      },
      { text: f.committees.length > 0 ? f.committees.join('\n') : l.none },
      f.committeeComment ? { text: f.committeeComment } : { text: l.none, color: COLOURS.muted },
      f.decision
        ? {
            stack: compact([
              { text: f.decision.text, margin: [0, 0, 0, 3] },
              f.decision.meeting
                ? {
                    text: [
                      fill(l.decidedAt, { body: f.decision.meeting.body, date: formatDate(f.decision.meeting.heldOn, meta.locale) }),
                      f.decision.meeting.agendaItem ? `, ${f.decision.meeting.agendaItem}` : '',
                    ].join(''),
                    fontSize: 8.5,
                    color: COLOURS.muted,
                  }
                : null,
            ]),
          }
        : { text: l.noDecision, italics: true, color: COLOURS.muted },
    ]);
    fills.push(f.confidential ? '#fdf0f0' : null);
  }

  const facts = (
    [
      [l.auditor, { text: report.auditor }],
      report.caseNumber ? [l.caseNumber, { text: report.caseNumber }] : null,
      report.receivedOn ? [l.auditReport, { text: formatDate(report.receivedOn, meta.locale) }] : null,
      [l.date, { text: formatDate(meta.generatedOn, meta.locale) }],
      [
        l.edition,
        {
          text: meta.edition === 'internal' ? l.editionInternal : l.editionPublic,
          bold: meta.edition === 'internal',
          color: meta.edition === 'internal' ? COLOURS.confidential : COLOURS.ink,
        },
      ],
    ] as ([string, Content] | null)[]
  ).filter((x): x is [string, Content] => x !== null);

  const content: Content[] = compact([
    { text: meta.municipality, fontSize: 12, bold: true, color: COLOURS.accent, margin: [0, 0, 0, 4] },
    heading(l.councilDecisionSheet, 1, { margin: [0, 0, 0, 2], outlineText: meta.title }),
    { text: report.title, fontSize: 14, color: COLOURS.accent, margin: [0, 0, 0, 4] },
    factsTable(facts, 140),
    omitted ? notice(omitted) : null,
    sheet.findings.length > 0
      ? {
          table: { headerRows: 1, dontBreakRows: true, widths: [24, 180, 160, '*', '*'], body },
          layout: gridLayout({ fills }),
          fontSize: 9.5,
        }
      : paragraph(l.none),
  ]);
  return toBuffer(
    documentDefinition(meta, content, {
      orientation: 'landscape',
      subject: `${l.councilDecisionSheet} – ${report.title}`,
      header: () => runningHeader(meta, A4_LANDSCAPE_WIDTH),
    }),
  );
}
