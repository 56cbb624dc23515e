/**
 * The council decision sheet of one audit report as a Word document: one table row per finding
 * with the responsible committees, the committee's comment and the council's decision and meeting.
 * A row never splits across pages, so a confidential finding's mark (internal edition) is on the
 * page its row is on; the internal edition's header is on every page.
 */
import { Paragraph, TextRun, type Document, type FileChild } from 'docx';
import { fill } from '../format.js';
import type { CouncilDecisionSheet } from '../model.js';
import {
  COLOURS,
  bodyRow,
  buildDocument,
  columns,
  confidentialText,
  ctxOf,
  dataTable,
  gradeLabel,
  heading,
  labelled,
  omittedText,
  p,
  section,
  textParagraphs,
  TEXT_WIDTH_LANDSCAPE,
} from './common.js';

export function councilDecisionSheetDocx(sheet: CouncilDecisionSheet): Document {
  const ctx = ctxOf(sheet.meta);
  const { l } = ctx;
  const r = sheet.report;
  const out: FileChild[] = [
    p([new TextRun({ text: sheet.meta.municipality, bold: true, size: 24, color: COLOURS.heading })], { spacing: { after: 120 } }),
    new Paragraph({ style: 'Title', children: [new TextRun(l.councilDecisionSheet)] }),
    labelled(l.auditReport, `${r.title} (${r.year})`),
    labelled(l.auditor, r.auditor),
  ];
  if (r.caseNumber) out.push(labelled(l.caseNumber, r.caseNumber));
  if (r.receivedOn) out.push(labelled(l.date, ctx.date(r.receivedOn)));
  out.push(
    p([
      new TextRun({
        text: `${sheet.meta.edition === 'internal' ? l.editionInternal : l.editionPublic} · ${fill(l.generatedOn, { date: ctx.date(sheet.meta.generatedOn) })}`,
        color: sheet.meta.edition === 'internal' ? COLOURS.mark : COLOURS.muted,
      }),
    ]),
  );
  const omitted = sheet.meta.edition === 'public' ? omittedText(l, sheet.confidentialOmitted) : null;
  if (omitted) out.push(p(omitted));

  out.push(heading(1, l.findings));
  if (sheet.findings.length === 0) out.push(p(l.none));
  else {
    const w = columns([5, 25, 20, 25, 25], TEXT_WIDTH_LANDSCAPE);
    const rows = sheet.findings.map((f) => {
      const finding: Paragraph[] = [p([new TextRun({ text: f.title, bold: true })])];
      if (f.confidential) finding.push(p([new TextRun({ text: confidentialText(l, f.confidentialBasis), bold: true, color: COLOURS.mark, size: 17 })]));
      finding.push(p([new TextRun({ text: `${l.grade}: ${gradeLabel(l, f.grade)}`, size: 17 })]));
      if (f.repeatOfEarlierYears) finding.push(p([new TextRun({ text: l.repeatOfEarlierYears, size: 17, italics: true })]));
      if (f.departments.length) finding.push(p([new TextRun({ text: `${l.departments}: ${f.departments.map((d) => d.code).join(', ')}`, size: 17 })]));
      const decision: Paragraph[] = f.decision
        ? [
            ...textParagraphs(f.decision.text),
            ...(f.decision.meeting
              ? [
                  p([
                    new TextRun({
                      text: [fill(l.decidedAt, { body: f.decision.meeting.body, date: ctx.date(f.decision.meeting.heldOn) }), f.decision.meeting.agendaItem]
                        .filter(Boolean)
                        .join(', '),
                      size: 17,
                      color: COLOURS.muted,
                    }),
                  ]),
                ]
              : []),
          ]
        : [p([new TextRun({ text: l.noDecision, italics: true })])];
      return bodyRow(
        [
          String(f.number),
          finding,
          f.committees.length ? f.committees.map((c) => p(c)) : l.none,
          f.committeeComment ? textParagraphs(f.committeeComment) : l.none,
          decision,
        ],
        w,
        { cantSplit: true },
      );
    });
    out.push(dataTable([l.number, l.finding, l.committee, l.committeeComment, l.councilDecision], w, rows));
  }
  return buildDocument(ctx, [section(ctx, out, null, { landscape: true })], { subject: r.title });
}
