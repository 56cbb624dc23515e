/**
 * The annual balance report as a Word document (A4 landscape, like the PDF): cover, section 1,
 * one section 2 per committee, sections 3–5 as the JSON holds them. Real headings, header rows
 * that repeat, figures right-aligned; page furniture from ../docx/common.ts.
 */
import { Paragraph, TextRun, type Document, type FileChild } from 'docx';
import { fill, formatInteger } from '../format.js';
import { COLOURS, bodyRow, buildDocument, columns, ctxOf, dataTable, heading, labelled, p, section, TEXT_WIDTH_LANDSCAPE, type Ctx } from '../docx/common.js';
import {
  CATEGORY_KEYS,
  IM_FIGURES,
  categoryLabel,
  committeeTitle,
  extraSections,
  extraSectionTitle,
  genericBlocks,
  imFigureLabel,
  targetLabel,
  thresholdText,
  tkr,
  type BalanceReportDocument,
  type BalanceSection2,
  type BalanceTable,
  type ImFigures,
  plansText,
} from './model.js';

const SMALL = 17;

function imTable(ctx: Ctx, table: BalanceTable) {
  const { l, meta } = ctx;
  const w = columns([8, 22, ...IM_FIGURES.map(() => 7.5)], TEXT_WIDTH_LANDSCAPE);
  const right = [false, false, ...IM_FIGURES.map(() => true)];
  const rows = table.rows.map((r) =>
    bodyRow([r.im, r.name, ...IM_FIGURES.map((k) => tkr(meta, (r.tkr as ImFigures)[k]))], w, { right, size: SMALL, cantSplit: true }),
  );
  rows.push(
    bodyRow(
      [
        { content: [p([new TextRun({ text: l.balTotal, bold: true, size: SMALL })])], opts: { columnSpan: 2 } },
        ...IM_FIGURES.map((k) => ({
          content: [p([new TextRun({ text: tkr(meta, (table.total.tkr as ImFigures)[k]), bold: true, size: SMALL })], { alignment: 'right' })],
          opts: {},
        })),
      ],
      w,
      {
        right,
        cantSplit: true,
      },
    ),
  );
  return dataTable([l.balColIm, l.balColName, ...IM_FIGURES.map((k) => imFigureLabel(l, k))], w, rows, { right, size: SMALL });
}

export function balanceReportDocx(doc: BalanceReportDocument): Document {
  const ctx = ctxOf(doc.meta);
  const { l, meta } = ctx;
  const { report } = doc;
  const t = (n: number) => tkr(meta, n);
  const int = (n: number) => formatInteger(n, meta.locale);

  // ── Cover ──
  const scope = doc.committee ? fill(l.scopeCommittee, { name: `${doc.committee.name} (${doc.committee.code})` }) : l.scopeMunicipality;
  const cover: FileChild[] = [
    p([new TextRun({ text: meta.municipality, bold: true, size: 24, color: COLOURS.heading })], { spacing: { after: 120 } }),
    new Paragraph({ style: 'Title', children: [new TextRun(fill(l.balanceReport, { year: report.year }))] }),
    labelled(l.scope, scope),
    labelled(l.balYearEnd, ctx.date(report.periodEnd)),
    labelled(l.balThreshold, thresholdText(meta, report.materialityThresholdOre)),
    labelled(l.balAccountsCounted, int(report.accountsCounted)),
    labelled(l.date, ctx.date(meta.generatedOn)),
    p([new TextRun({ text: l.balAmountsNote, color: COLOURS.muted, size: SMALL })]),
  ];
  if (report.accountsWithoutYearEnd.length)
    cover.push(p(fill(l.balWithoutYearEnd, { accounts: report.accountsWithoutYearEnd.map((a) => `${a.account} ${a.name} (${a.department})`).join(', ') })));

  // ── Section 1 ──
  const s1 = report.section1;
  const c = s1.categories;
  const y = report.year;
  const withPrevious = !!(c.previous && c.change);
  const catHeaders = [
    l.balColCategory,
    fill(l.balColAccountsOf, { year: y }),
    fill(l.balColNetOf, { year: y }),
    ...(withPrevious ? [fill(l.balColAccountsOf, { year: y - 1 }), fill(l.balColNetOf, { year: y - 1 }), l.balColChangeAccounts, l.balColChangeNet] : []),
  ];
  const catW = columns(
    catHeaders.map((_, i) => (i === 0 ? 2 : 1.3)),
    TEXT_WIDTH_LANDSCAPE,
  );
  const catRight = catHeaders.map((_, i) => i > 0);
  const catRows = CATEGORY_KEYS.map((k) =>
    bodyRow(
      [
        categoryLabel(l, k),
        int(c.current[k].tkr.accounts),
        t(c.current[k].tkr.net),
        ...(c.previous && c.change ? [int(c.previous[k].tkr.accounts), t(c.previous[k].tkr.net), int(c.change[k].tkr.accounts), t(c.change[k].tkr.net)] : []),
      ],
      catW,
      { right: catRight, cantSplit: true },
    ),
  );
  const olderW = columns([8, 10, 10, 30, 7, 10], TEXT_WIDTH_LANDSCAPE);
  const olderRight = [false, false, false, false, true, true];
  const olderRows = s1.olderThanOneYear.rows.map((r) =>
    bodyRow([r.im, r.department, r.account, r.name, String(r.category), t(r.amount.tkr.older)], olderW, { right: olderRight, cantSplit: true }),
  );
  for (const cat of [2, 3] as const)
    olderRows.push(
      bodyRow(
        [
          { content: `${l.balTotal}, ${l.balColCategory.toLowerCase()} ${cat}`, opts: { columnSpan: 5 } },
          t(s1.olderThanOneYear.totals[`category${cat}`].tkr.older),
        ],
        olderW,
        { right: olderRight, cantSplit: true },
      ),
    );

  const section1: FileChild[] = [
    heading(1, l.balSection1),
    heading(2, l.balTable11),
    imTable(ctx, s1.table),
    heading(2, l.balCategories),
    dataTable(catHeaders, catW, catRows, { right: catRight }),
    ...(c.previous ? [] : [p([new TextRun({ text: l.balNoPrevious, size: SMALL, color: COLOURS.muted })])]),
    p(fill(l.balResponsibility, { central: int(c.responsibility.centralServiceAccounts), departments: int(c.responsibility.departmentAccounts) }), {
      spacing: { before: 120 },
    }),
    heading(2, l.balOlder),
    olderRows.length
      ? dataTable([l.balColIm, l.department, l.balColAccount, l.balColName, l.balColCategory, l.balColOlder], olderW, olderRows, { right: olderRight })
      : p(l.none),
  ];

  // ── Section 2 ──
  const committeeSection = (s: BalanceSection2): FileChild[] => {
    const accW = columns([9, 24, 8, 10, 7, 8, 10, 10], TEXT_WIDTH_LANDSCAPE);
    const accRight = [false, false, false, false, true, false, true, true];
    const accRows = s.accounts.map((a) =>
      bodyRow([a.account, a.name, a.im, a.department, String(a.category), a.period, t(a.followUp.tkr.amount), t(a.olderThanOneYear.tkr.amount)], accW, {
        right: accRight,
        cantSplit: true,
      }),
    );
    const material = s.accounts.filter((a) => a.needsConsequenceDescription);
    const sysW = columns([12, 12, 9, 8, 10, 30, 10], TEXT_WIDTH_LANDSCAPE);
    const sysRight = [false, false, false, false, true, false, false];
    const sysRows = s.systemReconciliations.map((r) =>
      bodyRow(
        [
          r.system,
          targetLabel(l, r.target),
          r.department.code,
          r.period,
          t(r.difference.tkr.amount),
          r.explanation ?? l.none,
          r.deadline ? ctx.date(r.deadline) : l.none,
        ],
        sysW,
        { right: sysRight, cantSplit: true },
      ),
    );
    const out: FileChild[] = [
      heading(1, committeeTitle(l, s), { pageBreakBefore: true }),
      heading(2, l.balCommitteeTable),
      imTable(ctx, s.table),
      heading(2, l.balCommitteeAccounts),
      accRows.length
        ? dataTable(
            [l.balColAccount, l.balColName, l.balColIm, l.department, l.balColCategory, l.balColPeriod, l.balColFollowUp, l.balColOlder],
            accW,
            accRows,
            { right: accRight },
          )
        : p(l.none),
      heading(2, `${l.balMaterial} (${thresholdText(meta, report.materialityThresholdOre)})`),
    ];
    if (!material.length) out.push(p(l.none));
    for (const a of material) {
      out.push(heading(3, `${a.account} ${a.name}`));
      out.push(p(`${l.balColFollowUp}: ${t(a.followUp.tkr.amount)} · ${l.balColOlder}: ${t(a.olderThanOneYear.tkr.amount)}`));
      out.push(labelled(l.balColConsequence, a.consequence ?? l.balNoConsequence));
      const plans = plansText(l, meta, a);
      if (plans !== null) out.push(labelled(l.balColActionPlans, plans));
    }
    out.push(heading(2, l.balSystems));
    out.push(
      sysRows.length
        ? dataTable([l.balColSystem, l.balColTarget, l.department, l.balColPeriod, l.balColDifference, l.balColExplanation, l.balColDeadline], sysW, sysRows, {
            right: sysRight,
          })
        : p(l.none),
    );
    return out;
  };

  // ── Sections 3–5 ──
  const extra: FileChild[] = [];
  const present = extraSections(report);
  for (const [i, { number, value }] of present.entries()) {
    extra.push(heading(1, extraSectionTitle(l, number), i === 0 ? { pageBreakBefore: true } : {}));
    for (const b of genericBlocks(meta, value)) {
      if (b.title) extra.push(heading(2, b.title));
      if (b.kind === 'text') extra.push(p(b.text));
      else if (b.kind === 'facts') for (const [k, v] of b.rows) extra.push(k ? labelled(k, v) : p(v));
      else {
        const w = columns(
          b.headers.map(() => 1),
          TEXT_WIDTH_LANDSCAPE,
        );
        const right = b.rows[0]?.map((x) => /^-?[\d.,\u00a0]+$/.test(x)) ?? [];
        extra.push(
          dataTable(
            b.headers,
            w,
            b.rows.map((r) => bodyRow(r, w, { cantSplit: true, right })),
            { right },
          ),
        );
      }
    }
  }
  const omitted = report.omittedSections.filter((o) => !present.some((x) => x.number === o.section));
  for (const [i, o] of omitted.entries()) {
    extra.push(heading(1, extraSectionTitle(l, o.section), i === 0 && !present.length ? { pageBreakBefore: true } : {}));
    extra.push(p(o.reason));
  }

  const body = [
    ...cover,
    ...section1.map((x, i) => (i === 0 ? heading(1, l.balSection1, { pageBreakBefore: true }) : x)),
    ...report.section2.flatMap(committeeSection),
    ...extra,
  ];
  return buildDocument(ctx, [section(ctx, body, null, { landscape: true })], { subject: meta.title });
}
