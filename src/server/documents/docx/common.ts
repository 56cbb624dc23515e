/**
 * Pieces every Word document shares: page set-up (A4), styles with real Heading 1–3, the
 * document's language and title, the footer ("Side 1 af 12" with PAGE/NUMPAGES fields and the
 * municipality and date), the header that marks the internal edition and confidential sections,
 * tables whose first row is a repeating header row, and charts as SVG with a PNG fallback.
 */
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  LineRuleType,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Tab,
  TabStopType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type FileChild,
  type IParagraphOptions,
  type ISectionOptions,
  type ParagraphChild,
} from 'docx';
import { estimatePageNumbers } from 'docx/layout';
import { svgToPng } from '../chart.js';
import { fill, formatDate, formatInteger, languageTag } from '../format.js';
import type { DocumentLabels } from '../../i18n/documents/index.js';
import type { DocumentMeta, FindingState, Grade, MeasureStatus } from '../model.js';

// ── Page ────────────────────────────────────────────────────────────────────────────────────
/** A4 in twips, 2 cm margins. */
export const PAGE = { width: 11906, height: 16838, margin: 1134 } as const;
/** The width of the text between the margins (twips), portrait and landscape. */
export const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;
export const TEXT_WIDTH_LANDSCAPE = PAGE.height - 2 * PAGE.margin;
/** The text width in pixels at 96 dpi, the unit of image sizes. */
export const TEXT_WIDTH_PX = Math.floor((TEXT_WIDTH / 1440) * 96);

export const FONT = 'Arial';
export const COLOURS = {
  text: '1A1A1A',
  heading: '1F3A5F',
  muted: '4D4D4D',
  headerFill: 'DCE3EC',
  delayedFill: 'FBE3E1',
  completedFill: 'E7F2E7',
  mark: 'A8201A',
  grade: { red: 'F4C7C3', yellow: 'FCE8A6', green: 'CDE8CD' } satisfies Record<Grade, string>,
} as const;

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

// ── Context ─────────────────────────────────────────────────────────────────────────────────
/** What every piece needs: the labels and the locale's formats. */
export interface Ctx {
  meta: DocumentMeta;
  l: DocumentLabels;
  /** An ISO date in the locale's form ('' for null). */
  date(iso: string | null | undefined): string;
  int(n: number): string;
}

export function ctxOf(meta: DocumentMeta): Ctx {
  return {
    meta,
    l: meta.labels,
    date: (iso) => (iso ? formatDate(iso, meta.locale) : ''),
    int: (n) => formatInteger(n, meta.locale),
  };
}

// ── Labels of the model's enums ─────────────────────────────────────────────────────────────
export function gradeLabel(l: DocumentLabels, grade: Grade | null): string {
  return grade === 'red' ? l.gradeRed : grade === 'yellow' ? l.gradeYellow : grade === 'green' ? l.gradeGreen : l.gradeNone;
}

export function stateLabel(l: DocumentLabels, state: FindingState): string {
  const key = `state${state.charAt(0).toUpperCase()}${state.slice(1)}` as keyof DocumentLabels;
  return l[key];
}

export function statusLabel(l: DocumentLabels, status: MeasureStatus | null): string {
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

/** "FORTROLIG – Fortrolig efter offentlighedsloven § 33" (or only the mark without a basis). */
export function confidentialText(l: DocumentLabels, basis: string | null): string {
  return basis ? `${l.confidentialMark} – ${fill(l.confidentialBasis, { basis })}` : l.confidentialMark;
}

/** The public edition's note of left-out confidential findings (null when none). */
export function omittedText(l: DocumentLabels, count: number): string | null {
  if (count <= 0) return null;
  return count === 1 ? l.confidentialOmittedOne : fill(l.confidentialOmitted, { count });
}

// ── Paragraphs ──────────────────────────────────────────────────────────────────────────────
type Runs = string | readonly ParagraphChild[];

const toChildren = (content: Runs): readonly ParagraphChild[] => (typeof content === 'string' ? [new TextRun(content)] : content);

export function p(content: Runs, opts: Omit<IParagraphOptions, 'children' | 'text'> = {}): Paragraph {
  return new Paragraph({ ...opts, children: toChildren(content) });
}

export function heading(level: 1 | 2 | 3, text: string, opts: Omit<IParagraphOptions, 'children' | 'text' | 'heading'> = {}): Paragraph {
  const h = level === 1 ? HeadingLevel.HEADING_1 : level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3;
  return new Paragraph({ ...opts, heading: h, children: [new TextRun(text)] });
}

/** "Label: value" with the label in bold. */
export function labelled(label: string, value: string, opts: Omit<IParagraphOptions, 'children' | 'text'> = {}): Paragraph {
  return new Paragraph({ ...opts, children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)] });
}

/** A text field as paragraphs: one per line (blank lines dropped). */
export function textParagraphs(text: string | null | undefined, opts: Omit<IParagraphOptions, 'children' | 'text'> = {}): Paragraph[] {
  if (!text) return [];
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => new Paragraph({ ...opts, children: [new TextRun(line)] }));
}

/** A numbered item whose number is part of the data ("1.", "2A."), with a hanging indent. */
export function numbered(number: string | number, text: string, opts: Omit<IParagraphOptions, 'children' | 'text'> = {}): Paragraph {
  return new Paragraph({
    ...opts,
    indent: { left: 454, hanging: 454 },
    tabStops: [{ type: TabStopType.LEFT, position: 454 }],
    children: [new TextRun(`${number}.`), new TextRun({ children: [new Tab(), text] })],
  });
}

/** An item of a real bullet list (Word's list numbering, read as a list). */
export function bullet(content: Runs): Paragraph {
  return new Paragraph({ numbering: { reference: 'bullets', level: 0 }, children: toChildren(content) });
}

/** The confidential mark as a paragraph (bold, dark red). */
export function confidentialParagraph(l: DocumentLabels, basis: string | null): Paragraph {
  return new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text: confidentialText(l, basis), bold: true, color: COLOURS.mark })] });
}

// ── Tables ──────────────────────────────────────────────────────────────────────────────────
export type CellContent = string | readonly Paragraph[];

export interface CellOptions {
  fill?: string | undefined;
  columnSpan?: number | undefined;
  /** Text cells only: right-aligned (figures). */
  right?: boolean | undefined;
  /** Text cells only: font size in half-points. */
  size?: number | undefined;
}

function cellOf(content: CellContent, width: number, opts: CellOptions = {}, bold = false): TableCell {
  const children =
    typeof content === 'string'
      ? [
          new Paragraph({
            ...(opts.right ? { alignment: AlignmentType.RIGHT } : {}),
            children: [new TextRun({ text: content, bold, ...(opts.size ? { size: opts.size } : {}) })],
          }),
        ]
      : content.length > 0
        ? [...content]
        : [new Paragraph('')];
  return new TableCell({
    children,
    width: { size: width, type: WidthType.DXA },
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    verticalAlign: VerticalAlignTable.TOP,
    ...(opts.columnSpan ? { columnSpan: opts.columnSpan } : {}),
    ...(opts.fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: opts.fill } } : {}),
  });
}

/** The header row: repeats on every page the table runs over and is read as the table's header. */
export interface TableOptions {
  /** Per column: right-aligned text (figures). */
  right?: readonly boolean[] | undefined;
  /** Font size of text cells in half-points (default the document's). */
  size?: number | undefined;
}

export function headerRow(headers: readonly string[], widths: readonly number[], opts: TableOptions = {}): TableRow {
  return new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: headers.map((h, i) => cellOf(h, widths[i] ?? 0, { fill: COLOURS.headerFill, right: opts.right?.[i], size: opts.size }, true)),
  });
}

export function bodyRow(
  cells: readonly (CellContent | { content: CellContent; opts: CellOptions })[],
  widths: readonly number[],
  opts: Pick<CellOptions, 'fill'> & TableOptions & { cantSplit?: boolean } = {},
): TableRow {
  let col = 0;
  const children = cells.map((c) => {
    const { content, opts: own } =
      typeof c === 'string' || Array.isArray(c) ? { content: c as CellContent, opts: {} as CellOptions } : (c as { content: CellContent; opts: CellOptions });
    const span = own.columnSpan ?? 1;
    const width = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
    const right = own.right ?? opts.right?.[col];
    col += span;
    return cellOf(content, width, { fill: own.fill ?? opts.fill, columnSpan: own.columnSpan, right, size: own.size ?? opts.size });
  });
  return new TableRow({ children, ...(opts.cantSplit ? { cantSplit: true } : {}) });
}

/** A data table: header row first (repeating), full text width, fixed column widths (twips). */
export function dataTable(headers: readonly string[], widths: readonly number[], rows: readonly TableRow[], opts: TableOptions = {}): Table {
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: [...widths],
    layout: TableLayoutType.FIXED,
    rows: [headerRow(headers, widths, opts), ...rows],
  });
}

/** Column widths (twips) from proportions, summing exactly to the text width (of a portrait page by default). */
export function columns(parts: readonly number[], textWidth: number = TEXT_WIDTH): number[] {
  const total = parts.reduce((a, b) => a + b, 0);
  const widths = parts.map((x) => Math.floor((x / total) * textWidth));
  widths[widths.length - 1]! += textWidth - widths.reduce((a, b) => a + b, 0);
  return widths;
}

// ── Charts ──────────────────────────────────────────────────────────────────────────────────
/**
 * An SVG chart with its PNG fallback (Word versions without SVG and LibreOffice show the PNG),
 * scaled to the text width, with alternative text. The same figures are always printed as a table too.
 */
export function chartParagraph(svg: string, name: string, title: string, description: string): Paragraph {
  const w = Number(/<svg[^>]*\bwidth="(\d+(?:\.\d+)?)/.exec(svg)?.[1] ?? 680);
  const h = Number(/<svg[^>]*\bheight="(\d+(?:\.\d+)?)/.exec(svg)?.[1] ?? 320);
  const width = Math.min(w, TEXT_WIDTH_PX);
  const height = Math.round((h * width) / w);
  return new Paragraph({
    keepNext: true,
    spacing: { after: 120 },
    children: [
      new ImageRun({
        type: 'svg',
        data: Buffer.from(svg, 'utf8'),
        fallback: { type: 'png', data: svgToPng(svg) },
        transformation: { width, height },
        altText: { name, title, description },
      }),
    ],
  });
}

// ── Header, footer, sections, document ──────────────────────────────────────────────────────
/** "Side {page} af {pages}" with the PAGE and NUMPAGES fields in place of the placeholders. */
function pageNumberRuns(template: string): TextRun {
  const children: (string | (typeof PageNumber)[keyof typeof PageNumber])[] = [];
  for (const part of template.split(/(\{page\}|\{pages\})/)) {
    if (part === '{page}') children.push(PageNumber.CURRENT);
    else if (part === '{pages}') children.push(PageNumber.TOTAL_PAGES);
    else if (part) children.push(part);
  }
  return new TextRun({ children, size: 17, color: COLOURS.muted });
}

export function pageFooter(ctx: Ctx, textWidth: number = TEXT_WIDTH): Footer {
  return new Footer({
    children: [
      new Paragraph({
        tabStops: [{ type: TabStopType.RIGHT, position: textWidth }],
        children: [
          new TextRun({
            text: fill(ctx.l.footer, { municipality: ctx.meta.municipality, date: ctx.date(ctx.meta.generatedOn) }),
            size: 17,
            color: COLOURS.muted,
          }),
          new TextRun({ children: [new Tab()], size: 17 }),
          pageNumberRuns(ctx.l.page),
        ],
      }),
    ],
  });
}

/**
 * The page header: nothing in the public edition; the internal edition says so on every page, and
 * a confidential finding's pages carry the confidential mark and its basis.
 */
export function pageHeader(ctx: Ctx, confidential: { basis: string | null } | null): Header | null {
  if (ctx.meta.edition === 'public' && !confidential) return null;
  const children: Paragraph[] = [];
  if (confidential)
    children.push(
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [new TextRun({ text: confidentialText(ctx.l, confidential.basis), bold: true, color: COLOURS.mark })],
      }),
    );
  if (ctx.meta.edition === 'internal')
    children.push(new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: ctx.l.editionInternal, size: 17, color: COLOURS.muted })] }));
  return new Header({ children });
}

/**
 * One section: starts on a new page, and names its header and footer itself (a section without
 * them would take the previous section's, so a confidential header could run on).
 */
export function section(
  ctx: Ctx,
  children: readonly FileChild[],
  confidential: { basis: string | null } | null = null,
  opts: { landscape?: boolean } = {},
): ISectionOptions {
  const header = pageHeader(ctx, confidential) ?? new Header({ children: [new Paragraph('')] });
  // docx swaps width and height itself for a landscape page.
  const size = { width: PAGE.width, height: PAGE.height, ...(opts.landscape ? { orientation: PageOrientation.LANDSCAPE } : {}) };
  return {
    properties: { page: { size, margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin, header: 567, footer: 567 } } },
    headers: { default: header },
    footers: { default: pageFooter(ctx, opts.landscape ? TEXT_WIDTH_LANDSCAPE : TEXT_WIDTH) },
    children,
  };
}

/** The document: title and author in the core properties, default language, styles, bullet list. */
export interface DocxOptions {
  /** Write the page numbers of the follow-up report's table of contents (default true; costs layout time). */
  tocPageNumbers?: boolean;
}

export function buildDocument(ctx: Ctx, sections: ISectionOptions[], opts: { subject?: string; tableOfContents?: boolean } = {}): Document {
  const heading = (size: number, before: number) => ({
    run: { font: FONT, size, bold: true, color: COLOURS.heading },
    paragraph: { spacing: { before, after: 120 }, keepNext: true, keepLines: true },
  });
  return new Document({
    title: ctx.meta.title,
    subject: opts.subject ?? ctx.meta.title,
    creator: ctx.meta.municipality,
    lastModifiedBy: 'Tilsyn',
    description: `${ctx.meta.title} · ${ctx.meta.edition === 'public' ? ctx.l.editionPublic : ctx.l.editionInternal} · ${ctx.date(ctx.meta.generatedOn)}`,
    styles: {
      default: {
        document: {
          run: { font: FONT, size: 20, color: COLOURS.text, language: { value: languageTag[ctx.meta.locale] } },
          paragraph: { spacing: { after: 80, line: 264, lineRule: LineRuleType.AUTO } },
        },
        title: { run: { font: FONT, size: 44, bold: true, color: COLOURS.heading }, paragraph: { spacing: { before: 240, after: 240 } } },
        heading1: heading(30, 240),
        heading2: heading(24, 200),
        heading3: heading(21, 160),
      },
      paragraphStyles: [
        {
          id: 'ContentsTitle',
          name: 'Contents Title',
          basedOn: 'Normal',
          next: 'Normal',
          run: { font: FONT, size: 30, bold: true, color: COLOURS.heading },
          paragraph: { spacing: { after: 200 } },
        },
      ],
    },
    numbering: {
      config: [
        {
          reference: 'bullets',
          levels: [
            { level: 0, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 454, hanging: 284 } } } },
          ],
        },
      ],
    },
    // The table of contents gets its page numbers written (docx lays the pages out as Word would),
    // so it is complete without Word updating its fields (and asking to), and in LibreOffice.
    // It costs about a second for the demo report; without it the entries are there, the numbers blank.
    ...(opts.tableOfContents ? { pageNumbers: estimatePageNumbers } : {}),
    // Without written numbers, Word updates the contents (and the page fields) as it opens the file.
    ...(opts.tableOfContents === false ? { features: { updateFields: true } } : {}),
    sections,
  });
}
