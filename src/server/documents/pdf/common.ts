/**
 * Page furniture shared by the PDF documents: pdfmake set up for the server (fonts from disk, no
 * URLs, no other files), the document definition's metadata (title, language, tagged), the running
 * header and footer, styles, and small building blocks (labelled lines, grade markers, status
 * words, notices, table layouts).
 *
 * What pdfmake 0.3.11 gives for accessibility: `tagged` sets /MarkInfo <</Marked true>> and an
 * (empty) /StructTreeRoot, `language` the catalog's /Lang, `displayTitle` the viewer preference
 * DisplayDocTitle, `info.title` /Title. It never marks content (no BDC/EMC, no structure
 * elements): its Renderer writes text and vectors straight to pdfkit without pdfkit's
 * `structParent` options, so headings and tables are not tagged as such. What we can give without
 * forking it: bookmarks (`outline`) for every heading, links from the index to each section, table
 * header rows that repeat, and a reading order that text extraction keeps.
 */
import pdfmake from 'pdfmake';
import type { Content, ContentSection, ContentText, CustomTableLayout, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { FONT_DIR, FONT_FILES, STATUS_COLOURS } from '../chart.js';
import { fill, formatDate, isoToDate, languageTag } from '../format.js';
import type { DocumentMeta, FindingState, Grade, MeasureStatus } from '../model.js';

let configured = false;
function configure(): void {
  if (configured) return;
  pdfmake.setFonts({ Roboto: { ...FONT_FILES } });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((p) => p.startsWith(FONT_DIR));
  configured = true;
}

/** Renders a document definition to PDF bytes. */
export async function toBuffer(def: TDocumentDefinitions): Promise<Buffer> {
  configure();
  return pdfmake.createPdf(def).getBuffer();
}

export const A4_PORTRAIT_WIDTH = 595.28;
export const A4_LANDSCAPE_WIDTH = 841.89;
export const MARGIN_X = 50;
/** Room for the running header, and the confidential banner under it. */
export const MARGIN_TOP = 74;
export const MARGIN_BOTTOM = 52;

export const COLOURS = {
  ink: '#1a1a1a',
  muted: '#4d4d4d',
  accent: '#12355b',
  link: '#1f4e8c',
  rule: '#b8c2cc',
  headerFill: '#e4eaf1',
  zebra: '#f6f8fa',
  delayedFill: '#fbe9e7',
  completedFill: '#edf4fb',
  confidential: '#a31515',
  noticeFill: '#fff6d6',
  noticeRule: '#9e7700',
} as const;

/** Grade markers: a small square beside the grade's word (never the colour alone). */
export const GRADE_COLOURS: Record<Grade, string> = { red: '#c62828', yellow: '#f2c200', green: '#2e7d32' };

export function dateOf(meta: DocumentMeta, iso: string | null | undefined): string {
  return iso ? formatDate(iso, meta.locale) : meta.labels.none;
}

export function gradeWord(meta: DocumentMeta, grade: Grade | null): string {
  const l = meta.labels;
  return grade === 'red' ? l.gradeRed : grade === 'yellow' ? l.gradeYellow : grade === 'green' ? l.gradeGreen : l.gradeNone;
}

export function stateWord(meta: DocumentMeta, state: FindingState): string {
  const l = meta.labels;
  const words: Record<FindingState, string> = {
    received: l.stateReceived,
    assigned: l.stateAssigned,
    planDrafted: l.statePlanDrafted,
    planApproved: l.statePlanApproved,
    inProgress: l.stateInProgress,
    closureProposed: l.stateClosureProposed,
    closed: l.stateClosed,
    carriedOver: l.stateCarriedOver,
  };
  return words[state];
}

export function statusWord(meta: DocumentMeta, status: MeasureStatus | null): string {
  const l = meta.labels;
  return status === 'onTrack'
    ? l.statusOnTrack
    : status === 'delayed'
      ? l.statusDelayed
      : status === 'completed'
        ? l.statusCompleted
        : status === 'cancelled'
          ? l.statusCancelled
          : status === 'postponed'
            ? l.statusPostponed
            : l.statusNone;
}

export function statusColour(status: MeasureStatus | null): string {
  return status ? STATUS_COLOURS[status] : COLOURS.muted;
}

/** A grade as a coloured square followed by its word; no grade: the word alone. */
export function gradeMarker(meta: DocumentMeta, grade: Grade | null, fontSize = 9): Content {
  if (!grade) return { text: gradeWord(meta, null), fontSize, color: COLOURS.muted };
  const size = fontSize - 1;
  return {
    columns: [
      { width: size + 4, canvas: [{ type: 'rect', x: 0, y: 2, w: size, h: size, color: GRADE_COLOURS[grade], lineColor: '#333333', lineWidth: 0.6 }] },
      { width: '*', text: gradeWord(meta, grade), fontSize },
    ],
    columnGap: 0,
  };
}

/** "Label: value" with the label in bold. */
export function labelled(label: string, value: string | ContentText['text'], extra: Partial<ContentText> = {}): ContentText {
  return { text: [{ text: `${label}: `, bold: true }, ...(Array.isArray(value) ? value : [value])], ...extra };
}

export function paragraph(text: string | null | undefined, extra: Partial<ContentText> = {}): ContentText | null {
  return text ? { text, margin: [0, 0, 0, 5], ...extra } : null;
}

/** Drops the nulls from a list of content. */
export function compact(items: (Content | null | undefined | false)[]): Content[] {
  return items.filter((x): x is Content => x !== null && x !== undefined && x !== false);
}

/** A heading: its own style, and a bookmark in the PDF's outline (the navigation pane). */
export function heading(text: string, level: 1 | 2 | 3 | 4, extra: Partial<ContentText> & { id?: string } = {}): ContentText {
  // `id` (a link and page-reference target) works on any text node; the typings only allow it on anchors.
  return { text, style: `h${level}`, headlineLevel: level, outline: level <= 2 || extra.outline === true, ...extra } as ContentText;
}

/** A boxed notice (omitted confidential findings, the internal edition, a withheld plan). */
export function notice(text: string, kind: 'info' | 'confidential' = 'info'): Content {
  const rule = kind === 'confidential' ? COLOURS.confidential : COLOURS.noticeRule;
  return {
    table: {
      widths: ['*'],
      body: [[{ text, margin: [6, 5, 6, 5], bold: kind === 'confidential', color: kind === 'confidential' ? COLOURS.confidential : COLOURS.ink }]],
    },
    layout: {
      hLineWidth: () => 1,
      vLineWidth: () => 1,
      hLineColor: () => rule,
      vLineColor: () => rule,
      fillColor: () => (kind === 'confidential' ? '#fdf0f0' : COLOURS.noticeFill),
    },
    margin: [0, 4, 0, 8],
  };
}

/** The confidential mark with its legal basis, e.g. "FORTROLIG · Fortrolig efter offentlighedsloven § 33". */
export function confidentialText(meta: DocumentMeta, basis: string | null): string {
  const l = meta.labels;
  return basis ? `${l.confidentialMark} · ${fill(l.confidentialBasis, { basis })}` : l.confidentialMark;
}

/** A full-width red band with the confidential mark, for the page header of a confidential finding. */
export function confidentialBand(meta: DocumentMeta, basis: string | null, margin: [number, number, number, number] = [0, 0, 0, 0]): Content {
  return {
    margin,
    table: {
      widths: ['*'],
      body: [[{ text: confidentialText(meta, basis), bold: true, color: '#ffffff', fontSize: 9.5, margin: [6, 3, 6, 3], alignment: 'center' }]],
    },
    layout: { hLineWidth: () => 0, vLineWidth: () => 0, fillColor: () => COLOURS.confidential },
  };
}

/** Grid lines and paddings of the documents' tables. */
export function gridLayout(opts: { zebra?: boolean; fills?: (string | null)[] } = {}): CustomTableLayout {
  return {
    hLineWidth: () => 0.5,
    vLineWidth: () => 0.5,
    hLineColor: () => COLOURS.rule,
    vLineColor: () => COLOURS.rule,
    paddingLeft: () => 5,
    paddingRight: () => 5,
    paddingTop: () => 4,
    paddingBottom: () => 4,
    fillColor: (row: number) => {
      if (row === 0) return COLOURS.headerFill;
      const own = opts.fills?.[row];
      if (own) return own;
      return opts.zebra && row % 2 === 0 ? COLOURS.zebra : null;
    },
  };
}

/** A header cell. */
export function th(text: string, extra: Partial<ContentText> = {}): TableCell {
  return { text, style: 'th', ...extra } as TableCell;
}

/** A facts table without grid: label left, value right. */
export function factsTable(rows: [string, Content][], labelWidth = 130): Content {
  return {
    table: { widths: [labelWidth, '*'], body: rows.map(([label, value]) => [{ text: label, bold: true, color: COLOURS.muted }, value] as TableCell[]) },
    layout: {
      hLineWidth: (i: number, node) => (i === 0 || i === node.table.body.length ? 0 : 0.5),
      vLineWidth: () => 0,
      hLineColor: () => COLOURS.rule,
      paddingLeft: () => 0,
      paddingRight: () => 8,
      paddingTop: () => 4,
      paddingBottom: () => 4,
    },
    margin: [0, 6, 0, 10],
  };
}

export function footerText(meta: DocumentMeta): string {
  return fill(meta.labels.footer, { municipality: meta.municipality, date: formatDate(meta.generatedOn, meta.locale) });
}

/** The running header: the document's title left, its edition right; optionally the confidential band under it. */
export function runningHeader(meta: DocumentMeta, pageWidth: number, confidential: { basis: string | null } | null = null, title = meta.title): Content {
  const l = meta.labels;
  return {
    stack: compact([
      {
        columns: [
          { text: title, width: '*', fontSize: 8, color: COLOURS.muted },
          {
            text: meta.edition === 'internal' ? l.editionInternal : l.editionPublic,
            width: 'auto',
            fontSize: 8,
            color: meta.edition === 'internal' ? COLOURS.confidential : COLOURS.muted,
            bold: meta.edition === 'internal',
          },
        ],
        columnGap: 12,
      },
      {
        canvas: [{ type: 'line', x1: 0, y1: 3, x2: pageWidth - 2 * MARGIN_X, y2: 3, lineWidth: 0.5, lineColor: COLOURS.rule }],
      },
      confidential ? confidentialBand(meta, confidential.basis, [0, 6, 0, 0]) : null,
    ]),
    margin: [MARGIN_X, 24, MARGIN_X, 0],
  };
}

/** The footer of every page: municipality and date left, "Side 1 af 12" right. */
export function footer(meta: DocumentMeta): TDocumentDefinitions['footer'] {
  return (currentPage: number, pageCount: number) => ({
    columns: [
      { text: footerText(meta), width: '*' },
      { text: fill(meta.labels.page, { page: currentPage, pages: pageCount }), width: 'auto', alignment: 'right' },
    ],
    fontSize: 8.5,
    color: COLOURS.muted,
    margin: [MARGIN_X, 18, MARGIN_X, 0],
  });
}

export const styles: TDocumentDefinitions['styles'] = {
  h1: { fontSize: 22, bold: true, color: COLOURS.accent, margin: [0, 0, 0, 10], lineHeight: 1.1 },
  h2: { fontSize: 15, bold: true, color: COLOURS.accent, margin: [0, 14, 0, 6], lineHeight: 1.1 },
  h3: { fontSize: 12, bold: true, color: COLOURS.ink, margin: [0, 12, 0, 5] },
  h4: { fontSize: 10.5, bold: true, color: COLOURS.ink, margin: [0, 8, 0, 3] },
  th: { bold: true, fontSize: 9, color: COLOURS.ink },
  small: { fontSize: 8.5, color: COLOURS.muted },
  cell: { fontSize: 9 },
};

/**
 * No heading alone at the foot of a page: a heading with nothing of the page's content after it
 * moves to the next page. (Header and footer nodes lie outside the margins: ratio < 0 or > 1.)
 */
export const keepHeadingsWithContent: NonNullable<TDocumentDefinitions['pageBreakBefore']> = (node, queries) => {
  if (!node.headlineLevel || node.headlineLevel < 2 || node.startPosition.verticalRatio < 0.05) return false;
  const inContent = (n: { startPosition: { verticalRatio: number } }) => n.startPosition.verticalRatio >= 0 && n.startPosition.verticalRatio <= 1;
  return queries.getFollowingNodesOnPage().filter(inContent).length === 0;
};

/** A whole document definition: metadata for accessibility, page furniture, styles. */
export function documentDefinition(
  meta: DocumentMeta,
  content: Content[],
  opts: { orientation?: 'portrait' | 'landscape'; subject?: string; header?: TDocumentDefinitions['header'] } = {},
): TDocumentDefinitions {
  const orientation = opts.orientation ?? 'portrait';
  const width = orientation === 'landscape' ? A4_LANDSCAPE_WIDTH : A4_PORTRAIT_WIDTH;
  return {
    pageSize: 'A4',
    pageOrientation: orientation,
    pageMargins: [MARGIN_X, MARGIN_TOP, MARGIN_X, MARGIN_BOTTOM],
    // Tagged PDF (MarkInfo), /Lang and DisplayDocTitle belong to PDF 1.4 and later; pdfmake's default is 1.3.
    version: '1.7',
    tagged: true,
    displayTitle: true,
    language: languageTag[meta.locale],
    info: {
      title: meta.title,
      author: meta.municipality,
      subject: opts.subject ?? meta.title,
      creator: 'Tilsyn',
      producer: 'Tilsyn (pdfmake)',
      // The document's day, so the same data gives the same document.
      creationDate: isoToDate(meta.generatedOn),
      modDate: isoToDate(meta.generatedOn),
    },
    header: opts.header ?? (() => runningHeader(meta, width)),
    pageBreakBefore: keepHeadingsWithContent,
    footer: footer(meta),
    content,
    styles,
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2, color: COLOURS.ink },
  };
}

/** A section: starts a new page, with its own running header (e.g. with the confidential band). */
export function section(content: Content[], header?: ContentSection['header'], extra: Partial<ContentSection> = {}): ContentSection {
  return { section: content, ...(header !== undefined ? { header } : {}), ...extra } as ContentSection;
}
