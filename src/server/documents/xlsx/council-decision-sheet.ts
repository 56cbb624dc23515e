/**
 * The council decision sheet of one audit report as a workbook: one sheet, one row per finding with
 * the departments, the committees they answer to, the committee's comment and the council's
 * decision with its meeting (body, date as a real date, agenda item).
 */
import type { CouncilDecisionSheet } from '../model.js';
import { confidentialText, gradeFill, gradeText, omittedText } from './follow-up-report.js';
import { addSheet, FILLS, newWorkbook, noteBelow, toBuffer, writeTable, type Column } from './sheet.js';

type Row = CouncilDecisionSheet['findings'][number];

export async function councilDecisionSheetXlsx(doc: CouncilDecisionSheet): Promise<Buffer> {
  const { meta } = doc;
  const l = meta.labels;
  const internal = meta.edition === 'internal';
  const marked = internal && doc.findings.some((f) => f.confidential);
  const wb = newWorkbook(meta, `${doc.report.title} (${doc.report.year})`);
  const ws = addSheet(wb, meta, l.xlsxSheetDecisions, { confidential: marked });
  const columns: Column<Row>[] = [
    { header: l.number, kind: 'int', width: 7, value: (f) => f.number },
    { header: l.title, kind: 'wrap', width: 36, value: (f) => f.title },
    { header: l.grade, kind: 'text', width: 16, value: (f) => gradeText(f.grade, l) },
    { header: l.repeat, kind: 'text', width: 12, value: (f) => (f.repeatOfEarlierYears ? l.yes : l.no) },
    ...(internal ? [{ header: l.xlsxConfidential, kind: 'wrap', width: 30, value: (f: Row) => confidentialText(f, l) } satisfies Column<Row>] : []),
    { header: l.departments, kind: 'wrap', width: 36, value: (f) => f.departments.map((d) => d.name).join(', ') },
    { header: l.xlsxCommittees, kind: 'wrap', width: 36, value: (f) => f.committees.join(', ') },
    { header: l.committeeComment, kind: 'wrap', width: 44, value: (f) => f.committeeComment },
    { header: l.councilDecision, kind: 'wrap', width: 44, value: (f) => f.decision?.text ?? l.noDecision },
    { header: l.meeting, kind: 'wrap', width: 28, value: (f) => f.decision?.meeting?.body ?? null },
    { header: l.xlsxMeetingDate, kind: 'date', width: 13, value: (f) => f.decision?.meeting?.heldOn ?? null },
    { header: l.agendaItem, kind: 'text', width: 10, value: (f) => f.decision?.meeting?.agendaItem ?? null },
    { header: l.caseNumber, kind: 'text', width: 16, value: (f) => f.decision?.meeting?.caseNumber ?? null },
  ];
  const last = writeTable(ws, meta, columns, doc.findings, {
    highlight: (f) => (f.confidential ? FILLS.confidential : null),
    cellFill: (f, i) => (i === 2 ? gradeFill(f.grade) : null),
  });
  const omitted = omittedText(doc.confidentialOmitted, l);
  if (omitted) noteBelow(ws, last + 2, omitted);
  return toBuffer(wb);
}
