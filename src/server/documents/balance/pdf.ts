/**
 * The annual balance report as PDF (A4 landscape: table 1.1 has eleven columns): cover with the
 * municipality, year, scope and date; section 1 (table 1.1, the categories against the previous
 * year with the change, the older-than-one-year overview); one section 2 per committee (its table,
 * its category 2/3 accounts, the accounts above the materiality threshold with their consequence
 * description and action plans, its system reconciliations); sections 3–5 as the JSON holds them,
 * or why they are left out. Page furniture from ../pdf/common.ts.
 */
import type { Content, TableCell } from 'pdfmake/interfaces.js';
import { fill, formatDate, formatInteger } from '../format.js';
import {
  A4_LANDSCAPE_WIDTH,
  COLOURS,
  compact,
  documentDefinition,
  factsTable,
  gridLayout,
  heading,
  notice,
  paragraph,
  runningHeader,
  th,
  toBuffer,
} from '../pdf/common.js';
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

const num = (text: string, extra: Record<string, unknown> = {}): TableCell => ({ text, alignment: 'right', noWrap: true, ...extra }) as TableCell;

export async function balanceReportPdf(doc: BalanceReportDocument): Promise<Buffer> {
  const { meta, report } = doc;
  const l = meta.labels;
  const t = (n: number) => tkr(meta, n);

  const imTable = (table: BalanceTable): Content => {
    const body: TableCell[][] = [[th(l.balColIm), th(l.balColName), ...IM_FIGURES.map((k) => th(imFigureLabel(l, k), { alignment: 'right' }))]];
    for (const r of table.rows) body.push([{ text: r.im, noWrap: true }, { text: r.name }, ...IM_FIGURES.map((k) => num(t((r.tkr as ImFigures)[k])))]);
    body.push([{ text: l.balTotal, bold: true, colSpan: 2 }, {}, ...IM_FIGURES.map((k) => num(t((table.total.tkr as ImFigures)[k]), { bold: true }))]);
    return {
      table: { headerRows: 1, dontBreakRows: true, widths: [52, '*', ...IM_FIGURES.map(() => 50)], body },
      layout: gridLayout({ zebra: true }),
      fontSize: 8.5,
      margin: [0, 2, 0, 8],
    };
  };

  // ── Cover ──
  const scope = doc.committee ? fill(l.scopeCommittee, { name: `${doc.committee.name} (${doc.committee.code})` }) : l.scopeMunicipality;
  const missing = report.accountsWithoutYearEnd;
  const cover: Content[] = compact([
    { text: meta.municipality, fontSize: 12, bold: true, color: COLOURS.accent, margin: [0, 0, 0, 4] },
    heading(fill(l.balanceReport, { year: report.year }), 1, { outlineText: meta.title }),
    factsTable(
      [
        [l.scope, { text: scope }],
        [l.balYearEnd, { text: formatDate(report.periodEnd, meta.locale) }],
        [l.balThreshold, { text: thresholdText(meta, report.materialityThresholdOre) }],
        [l.balAccountsCounted, { text: formatInteger(report.accountsCounted, meta.locale) }],
        [l.date, { text: formatDate(meta.generatedOn, meta.locale) }],
      ],
      150,
    ),
    paragraph(l.balAmountsNote, { style: 'small' }),
    missing.length ? notice(fill(l.balWithoutYearEnd, { accounts: missing.map((a) => `${a.account} ${a.name} (${a.department})`).join(', ') })) : null,
  ]);

  // ── Section 1 ──
  const s1 = report.section1;
  const c = s1.categories;
  const y = report.year;
  const catBody: TableCell[][] = [
    [
      th(l.balColCategory),
      th(fill(l.balColAccountsOf, { year: y }), { alignment: 'right' }),
      th(fill(l.balColNetOf, { year: y }), { alignment: 'right' }),
      ...(c.previous && c.change
        ? [
            th(fill(l.balColAccountsOf, { year: y - 1 }), { alignment: 'right' }),
            th(fill(l.balColNetOf, { year: y - 1 }), { alignment: 'right' }),
            th(l.balColChangeAccounts, { alignment: 'right' }),
            th(l.balColChangeNet, { alignment: 'right' }),
          ]
        : []),
    ],
  ];
  for (const k of CATEGORY_KEYS) {
    const bold = k === 'total';
    const cur = c.current[k].tkr;
    catBody.push([
      { text: categoryLabel(l, k), bold },
      num(formatInteger(cur.accounts, meta.locale), { bold }),
      num(t(cur.net), { bold }),
      ...(c.previous && c.change
        ? [
            num(formatInteger(c.previous[k].tkr.accounts, meta.locale), { bold }),
            num(t(c.previous[k].tkr.net), { bold }),
            num(formatInteger(c.change[k].tkr.accounts, meta.locale), { bold }),
            num(t(c.change[k].tkr.net), { bold }),
          ]
        : []),
    ]);
  }
  const olderBody: TableCell[][] = [
    [th(l.balColIm), th(l.department), th(l.balColAccount), th(l.balColName), th(l.balColCategory), th(l.balColOlder, { alignment: 'right' })],
  ];
  for (const r of s1.olderThanOneYear.rows)
    olderBody.push([
      { text: r.im, noWrap: true },
      { text: r.department },
      { text: r.account, noWrap: true },
      { text: r.name },
      num(String(r.category)),
      num(t(r.amount.tkr.older)),
    ]);
  for (const cat of [2, 3] as const) {
    const total = s1.olderThanOneYear.totals[`category${cat}`].tkr.older;
    olderBody.push([
      { text: `${l.balTotal}, ${l.balColCategory.toLowerCase()} ${cat}`, bold: true, colSpan: 5 },
      {},
      {},
      {},
      {},
      num(t(total), { bold: true }),
    ]);
  }
  const section1: Content[] = [
    heading(l.balSection1, 2, { pageBreak: 'before' }),
    heading(l.balTable11, 3),
    imTable(s1.table),
    heading(l.balCategories, 3),
    {
      table: { headerRows: 1, dontBreakRows: true, widths: [110, ...catBody[0]!.slice(1).map(() => 80)], body: catBody },
      layout: gridLayout({ zebra: true }),
      fontSize: 9,
      margin: [0, 2, 0, 4],
    },
    c.previous ? { text: '' } : paragraph(l.balNoPrevious, { style: 'small' })!,
    paragraph(
      fill(l.balResponsibility, {
        central: formatInteger(c.responsibility.centralServiceAccounts, meta.locale),
        departments: formatInteger(c.responsibility.departmentAccounts, meta.locale),
      }),
    )!,
    heading(l.balOlder, 3),
    { table: { headerRows: 1, dontBreakRows: true, widths: [52, 70, 60, '*', 50, 80], body: olderBody }, layout: gridLayout({ zebra: true }), fontSize: 9 },
  ];

  // ── Section 2 ──
  const committeeSection = (s: BalanceSection2): Content[] => {
    const accBody: TableCell[][] = [
      [
        th(l.balColAccount),
        th(l.balColName),
        th(l.balColIm),
        th(l.department),
        th(l.balColCategory),
        th(l.balColPeriod),
        th(l.balColFollowUp, { alignment: 'right' }),
        th(l.balColOlder, { alignment: 'right' }),
      ],
    ];
    for (const a of s.accounts)
      accBody.push([
        { text: a.account, noWrap: true },
        { text: a.name },
        { text: a.im, noWrap: true },
        { text: a.department },
        num(String(a.category)),
        { text: a.period, noWrap: true },
        num(t(a.followUp.tkr.amount)),
        num(t(a.olderThanOneYear.tkr.amount)),
      ]);
    const material = s.accounts.filter((a) => a.needsConsequenceDescription);
    const sysBody: TableCell[][] = [
      [
        th(l.balColSystem),
        th(l.balColTarget),
        th(l.department),
        th(l.balColPeriod),
        th(l.balColDifference, { alignment: 'right' }),
        th(l.balColExplanation),
        th(l.balColDeadline),
      ],
    ];
    for (const r of s.systemReconciliations)
      sysBody.push([
        { text: r.system },
        { text: targetLabel(l, r.target) },
        { text: r.department.code },
        { text: r.period, noWrap: true },
        num(t(r.difference.tkr.amount)),
        { text: r.explanation ?? l.none },
        { text: r.deadline ? formatDate(r.deadline, meta.locale) : l.none },
      ]);
    return compact([
      heading(committeeTitle(l, s), 2, { pageBreak: 'before' }),
      heading(l.balCommitteeTable, 3),
      imTable(s.table),
      heading(l.balCommitteeAccounts, 3),
      s.accounts.length
        ? {
            table: { headerRows: 1, dontBreakRows: true, widths: [60, '*', 52, 70, 50, 50, 70, 80], body: accBody },
            layout: gridLayout({ zebra: true }),
            fontSize: 9,
            margin: [0, 2, 0, 8],
          }
        : paragraph(l.none),
      heading(`${l.balMaterial} (${thresholdText(meta, report.materialityThresholdOre)})`, 3),
      ...(material.length
        ? material.map((a): Content => {
            const plans = plansText(l, meta, a);
            return {
              stack: compact([
                {
                  text: `${a.account} ${a.name} · ${l.balColFollowUp}: ${t(a.followUp.tkr.amount)} · ${l.balColOlder}: ${t(a.olderThanOneYear.tkr.amount)}`,
                  bold: true,
                  margin: [0, 4, 0, 2],
                },
                { text: [{ text: `${l.balColConsequence}: `, bold: true }, a.consequence ?? l.balNoConsequence], margin: [0, 0, 0, 2] },
                plans !== null ? { text: [{ text: `${l.balColActionPlans}: `, bold: true }, plans], fontSize: 9 } : null,
              ]),
              unbreakable: true,
              margin: [0, 0, 0, 4],
            };
          })
        : [paragraph(l.none)!]),
      heading(l.balSystems, 3),
      s.systemReconciliations.length
        ? {
            table: { headerRows: 1, dontBreakRows: true, widths: [80, 80, 70, 50, 70, '*', 70], body: sysBody },
            layout: gridLayout({ zebra: true }),
            fontSize: 9,
          }
        : paragraph(l.none),
    ]);
  };

  // ── Sections 3–5: as the JSON holds them, else why they are left out ──
  const extra: Content[] = [];
  const present = extraSections(report);
  for (const [i, { number, value }] of present.entries()) {
    extra.push(heading(extraSectionTitle(l, number), 2, i === 0 ? { pageBreak: 'before' } : {}));
    for (const b of genericBlocks(meta, value)) {
      if (b.title) extra.push(heading(b.title, 3));
      if (b.kind === 'text') extra.push(paragraph(b.text)!);
      else if (b.kind === 'facts')
        extra.push(
          factsTable(
            b.rows.map(([k, v]) => [k, { text: v }]),
            180,
          ),
        );
      else
        extra.push({
          table: {
            headerRows: 1,
            dontBreakRows: true,
            widths: b.headers.map(() => '*'),
            body: [
              b.headers.map((h) => th(h)),
              ...b.rows.map((r) => r.map((x) => ({ text: x, ...(/^-?[\d.,\u00a0]+$/.test(x) ? { alignment: 'right' } : {}) }) as TableCell)),
            ],
          },
          layout: gridLayout({ zebra: true }),
          fontSize: 9,
          margin: [0, 2, 0, 8],
        });
    }
  }
  const omitted = report.omittedSections.filter((o) => !present.some((p) => p.number === o.section));
  for (const [i, o] of omitted.entries()) {
    extra.push(heading(extraSectionTitle(l, o.section), 2, i === 0 && !present.length ? { pageBreak: 'before' } : {}));
    extra.push(paragraph(o.reason)!);
  }

  const content: Content[] = [...cover, ...section1, ...report.section2.flatMap(committeeSection), ...extra];
  return toBuffer(documentDefinition(meta, content, { orientation: 'landscape', subject: meta.title, header: () => runningHeader(meta, A4_LANDSCAPE_WIDTH) }));
}
