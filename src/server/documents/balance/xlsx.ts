/**
 * The annual balance report as a workbook: one table per sheet (frozen, filtered header; typed
 * number cells): an overview, table 1.1, the categories against the previous year, the items
 * older than one year, the committees' tables, the committees' category 2/3 accounts (with the
 * consequence description and action plans), the system reconciliations, and sections 3–5 as the
 * JSON holds them (or why they are left out). Every amount is there twice: in t.kr. as the report
 * prints it, and in øre. Sheet furniture from ../xlsx/sheet.ts.
 */
import type ExcelJS from 'exceljs';
import { fill } from '../format.js';
import type { DocumentLabels } from '../../i18n/documents/index.js';
import { addSheet, BOLD, newWorkbook, toBuffer, writeTable, type Column } from '../xlsx/sheet.js';
import {
  CATEGORY_KEYS,
  COUNT_FIGURES,
  IM_FIGURES,
  categoryLabel,
  extraSections,
  extraSectionTitle,
  keyLabel,
  imFigureLabel,
  targetLabel,
  thresholdText,
  type BalanceReportDocument,
  type BalanceSection2,
  type ImFigureKey,
  type ImFigures,
  plansText,
} from './model.js';

/** Amounts and counts: typed numbers shown with grouping (`#,##0`, in the reader's own separators). */
const AMOUNT = 'days' as const;

type ImRow = { committee: string | null; im: string; name: string; tkr: ImFigures; ore: ImFigures; total: boolean };

const ore = (l: DocumentLabels, label: string) => fill(l.balOre, { label });

/** Bold rows (totals) after writeTable. */
function boldRows(ws: ExcelJS.Worksheet, flags: readonly boolean[]): void {
  flags.forEach((bold, i) => {
    if (bold) ws.getRow(i + 2).eachCell((cell) => (cell.font = BOLD));
  });
}

function imColumns(l: DocumentLabels, withCommittee: boolean): Column<ImRow>[] {
  const cols: Column<ImRow>[] = [];
  if (withCommittee) cols.push({ header: l.committee, kind: 'text', width: 14, value: (r) => r.committee });
  cols.push({ header: l.balColIm, kind: 'text', width: 12, value: (r) => r.im }, { header: l.balColName, kind: 'wrap', width: 34, value: (r) => r.name });
  for (const k of IM_FIGURES) cols.push({ header: imFigureLabel(l, k), kind: AMOUNT, width: 13, value: (r) => r.tkr[k] });
  for (const k of IM_FIGURES.filter((x: ImFigureKey) => !COUNT_FIGURES.has(x)))
    cols.push({ header: ore(l, imFigureLabel(l, k)), kind: AMOUNT, width: 16, value: (r) => r.ore[k] });
  return cols;
}

const imRows = (l: DocumentLabels, table: BalanceSection2['table'], committee: string | null): ImRow[] => [
  ...table.rows.map((r) => ({ committee, im: r.im, name: r.name, tkr: r.tkr as ImFigures, ore: r.ore as ImFigures, total: false })),
  { committee, im: l.balTotal, name: '', tkr: table.total.tkr as ImFigures, ore: table.total.ore as ImFigures, total: true },
];

// ── Sections 3–5, known only as JSON: one record per table row (or per object of plain figures) ──
type Rec = Map<string, string | number | null>;
const GROUP = '\u0000group';
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isRef = (v: unknown): v is { code: unknown; name: unknown } => isObject(v) && 'code' in v && 'name' in v;
const isPrinted = (v: unknown): v is { ore: Record<string, unknown>; tkr: Record<string, unknown> } => isObject(v) && isObject(v.ore) && isObject(v.tkr);
const isComplex = (v: unknown) => Array.isArray(v) || (isObject(v) && !isPrinted(v) && !isRef(v));
const isId = (k: string) => k === 'id' || k.endsWith('Id') || k.endsWith('Ids');
const join = (a: string | null, b: string | null) => (a && b ? `${a} – ${b}` : (a ?? b));

/** One value into a record: figures as t.kr. and øre columns (numbers), references by name, the rest as text. */
function put(meta: BalanceReportDocument['meta'], rec: Rec, key: string, v: unknown): void {
  const l = meta.labels;
  const label = keyLabel(l, key);
  if (isPrinted(v)) {
    const inner = Object.keys(v.tkr);
    for (const ik of inner) {
      const name = inner.length === 1 ? label : `${label}, ${keyLabel(l, ik).toLowerCase()}`;
      if (typeof v.tkr[ik] === 'number') rec.set(name, v.tkr[ik]);
      if (typeof v.ore[ik] === 'number') rec.set(ore(l, name), v.ore[ik]);
    }
  } else if (isRef(v)) rec.set(label, `${String(v.name)} (${String(v.code)})`);
  else if (typeof v === 'number' || typeof v === 'string') rec.set(label, v);
  else if (typeof v === 'boolean') rec.set(label, v ? l.yes : l.no);
  else if (v === null || v === undefined) rec.set(label, null);
  else rec.set(label, JSON.stringify(v));
}

function records(meta: BalanceReportDocument['meta'], value: unknown, title: string | null, out: Rec[]): void {
  const l = meta.labels;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      if (!isObject(item)) {
        const rec: Rec = new Map([[GROUP, title]]);
        put(meta, rec, String(i + 1), item);
        out.push(rec);
      } else if (!Object.values(item).some(isComplex)) records(meta, item, title, out);
      else {
        const { committee, ...rest } = item;
        const name = 'committee' in item ? (isRef(committee) ? `${String(committee.name)} (${String(committee.code)})` : l.balNoCommittee) : String(i + 1);
        records(meta, 'committee' in item ? rest : item, join(title, name), out);
      }
    }
    return;
  }
  if (isObject(value)) {
    const rec: Rec = new Map([[GROUP, title]]);
    for (const [k, v] of Object.entries(value)) {
      if (isId(k)) continue;
      if (isComplex(v)) records(meta, v, k === 'rows' ? title : join(title, keyLabel(l, k)), out);
      else put(meta, rec, k, v);
    }
    if (rec.size > 1) out.push(rec);
  }
}

export async function balanceReportXlsx(doc: BalanceReportDocument): Promise<Buffer> {
  const { meta, report } = doc;
  const l = meta.labels;
  const wb = newWorkbook(meta, meta.title);
  const opts = { confidential: false, wide: true };
  const code = (s: BalanceSection2) => s.committee?.code ?? l.balNoCommittee;

  // Overview
  {
    const ws = addSheet(wb, meta, l.contents, { confidential: false });
    const scope = doc.committee ? fill(l.scopeCommittee, { name: `${doc.committee.name} (${doc.committee.code})` }) : l.scopeMunicipality;
    type Fact = { label: string; value: string | number; kind: 'text' | typeof AMOUNT | 'date' };
    const facts: Fact[] = [
      { label: l.balColName, value: meta.title, kind: 'text' },
      { label: l.scope, value: scope, kind: 'text' },
      { label: l.balYearEnd, value: report.periodEnd, kind: 'date' },
      { label: ore(l, l.balThreshold), value: report.materialityThresholdOre, kind: AMOUNT },
      { label: l.balThreshold, value: thresholdText(meta, report.materialityThresholdOre), kind: 'text' },
      { label: l.balAccountsCounted, value: report.accountsCounted, kind: AMOUNT },
      { label: l.date, value: meta.generatedOn, kind: 'date' },
      { label: '', value: l.balAmountsNote, kind: 'text' },
      ...report.accountsWithoutYearEnd.map((a) => ({
        label: fill(l.balWithoutYearEnd, { accounts: '' }).replace(/:\s*$/, ''),
        value: `${a.account} ${a.name} (${a.department})`,
        kind: 'text' as const,
      })),
    ];
    writeTable(
      ws,
      meta,
      [
        { header: meta.municipality, kind: 'text', width: 40, value: (f: Fact) => f.label },
        { header: fill(l.balanceReport, { year: report.year }), kind: (f: Fact) => f.kind, width: 60, value: (f: Fact) => f.value },
      ],
      facts,
    );
  }

  // Table 1.1
  {
    const ws = addSheet(wb, meta, l.balSheetTable11, opts);
    const rows = imRows(l, report.section1.table, null);
    writeTable(ws, meta, imColumns(l, false), rows);
    boldRows(
      ws,
      rows.map((r) => r.total),
    );
  }

  // Categories against the previous year
  {
    const ws = addSheet(wb, meta, l.balSheetCategories, { confidential: false });
    const c = report.section1.categories;
    const y = report.year;
    type Cat = (typeof CATEGORY_KEYS)[number];
    const cols: Column<Cat>[] = [
      { header: l.balColCategory, kind: 'text', width: 16, value: (k) => categoryLabel(l, k) },
      { header: fill(l.balColAccountsOf, { year: y }), kind: AMOUNT, width: 12, value: (k) => c.current[k].tkr.accounts },
      { header: fill(l.balColNetOf, { year: y }), kind: AMOUNT, width: 16, value: (k) => c.current[k].tkr.net },
      { header: ore(l, fill(l.balColNetOf, { year: y })), kind: AMOUNT, width: 18, value: (k) => c.current[k].ore.net },
      { header: fill(l.balColAccountsOf, { year: y - 1 }), kind: AMOUNT, width: 12, value: (k) => c.previous?.[k].tkr.accounts },
      { header: fill(l.balColNetOf, { year: y - 1 }), kind: AMOUNT, width: 16, value: (k) => c.previous?.[k].tkr.net },
      { header: ore(l, fill(l.balColNetOf, { year: y - 1 })), kind: AMOUNT, width: 18, value: (k) => c.previous?.[k].ore.net },
      { header: l.balColChangeAccounts, kind: AMOUNT, width: 14, value: (k) => c.change?.[k].tkr.accounts },
      { header: l.balColChangeNet, kind: AMOUNT, width: 14, value: (k) => c.change?.[k].tkr.net },
      { header: ore(l, l.balColChangeNet), kind: AMOUNT, width: 18, value: (k) => c.change?.[k].ore.net },
    ];
    writeTable(ws, meta, cols, CATEGORY_KEYS);
    boldRows(
      ws,
      CATEGORY_KEYS.map((k) => k === 'total'),
    );
  }

  // Older than one year
  {
    const ws = addSheet(wb, meta, l.balSheetOlder, { confidential: false });
    type Older = BalanceReportDocument['report']['section1']['olderThanOneYear']['rows'][number];
    const cols: Column<Older>[] = [
      { header: l.balColIm, kind: 'text', width: 12, value: (r) => r.im },
      { header: l.balColName, kind: 'wrap', width: 30, value: (r) => r.imName },
      { header: l.department, kind: 'text', width: 12, value: (r) => r.department },
      { header: l.balColAccount, kind: 'text', width: 12, value: (r) => r.account },
      { header: l.balColName, kind: 'wrap', width: 30, value: (r) => r.name },
      { header: l.balColCategory, kind: 'int', width: 10, value: (r) => r.category },
      { header: l.balColOlder, kind: AMOUNT, width: 14, value: (r) => r.amount.tkr.older },
      { header: ore(l, l.balColOlder), kind: AMOUNT, width: 18, value: (r) => r.amount.ore.older },
    ];
    const rows = report.section1.olderThanOneYear.rows;
    const t = report.section1.olderThanOneYear.totals;
    const totals = ([2, 3] as const).map((cat): Older => ({
      im: `${l.balTotal}, ${l.balColCategory.toLowerCase()} ${cat}`,
      imName: '',
      department: '',
      account: '',
      name: '',
      category: cat,
      amount: t[`category${cat}`],
    }));
    writeTable(ws, meta, cols, [...rows, ...totals]);
    boldRows(ws, [...rows.map(() => false), true, true]);
  }

  // Section 2: the committees' tables, accounts and system reconciliations
  {
    const ws = addSheet(wb, meta, l.balSheetCommittees, opts);
    const rows = report.section2.flatMap((s) => imRows(l, s.table, code(s)));
    writeTable(ws, meta, imColumns(l, true), rows);
    boldRows(
      ws,
      rows.map((r) => r.total),
    );
  }
  {
    const ws = addSheet(wb, meta, l.balSheetAccounts, opts);
    type Acc = BalanceSection2['accounts'][number] & { committee: string };
    const cols: Column<Acc>[] = [
      { header: l.committee, kind: 'text', width: 14, value: (a) => a.committee },
      { header: l.balColAccount, kind: 'text', width: 12, value: (a) => a.account },
      { header: l.balColName, kind: 'wrap', width: 30, value: (a) => a.name },
      { header: l.balColIm, kind: 'text', width: 12, value: (a) => a.im },
      { header: l.department, kind: 'text', width: 12, value: (a) => a.department },
      { header: l.balColCategory, kind: 'int', width: 10, value: (a) => a.category },
      { header: l.balColPeriod, kind: 'text', width: 10, value: (a) => a.period },
      { header: l.balColFollowUp, kind: AMOUNT, width: 14, value: (a) => a.followUp.tkr.amount },
      { header: ore(l, l.balColFollowUp), kind: AMOUNT, width: 18, value: (a) => a.followUp.ore.amount },
      { header: l.balColOlder, kind: AMOUNT, width: 14, value: (a) => a.olderThanOneYear.tkr.amount },
      { header: ore(l, l.balColOlder), kind: AMOUNT, width: 18, value: (a) => a.olderThanOneYear.ore.amount },
      { header: l.balColMaterial, kind: 'text', width: 14, value: (a) => (a.needsConsequenceDescription ? l.yes : l.no) },
      { header: l.balColConsequence, kind: 'wrap', width: 40, value: (a) => a.consequence ?? (a.needsConsequenceDescription ? l.balNoConsequence : null) },
      { header: l.balColNeedsPlan, kind: 'text', width: 14, value: (a) => (a.needsActionPlan ? l.yes : l.no) },
      { header: l.balColActionPlans, kind: 'wrap', width: 40, value: (a) => plansText(l, meta, a) },
    ];
    writeTable(
      ws,
      meta,
      cols,
      report.section2.flatMap((s) => s.accounts.map((a) => ({ ...a, committee: code(s) }))),
    );
  }
  {
    const ws = addSheet(wb, meta, l.balSheetSystems, opts);
    type Sys = BalanceSection2['systemReconciliations'][number] & { committee: string };
    const cols: Column<Sys>[] = [
      { header: l.committee, kind: 'text', width: 14, value: (r) => r.committee },
      { header: l.balColSystem, kind: 'text', width: 16, value: (r) => r.system },
      { header: l.balColTarget, kind: 'text', width: 16, value: (r) => targetLabel(l, r.target) },
      { header: l.department, kind: 'text', width: 12, value: (r) => r.department.code },
      { header: l.balColPeriod, kind: 'text', width: 10, value: (r) => r.period },
      { header: l.balColDifference, kind: AMOUNT, width: 14, value: (r) => r.difference.tkr.amount },
      { header: ore(l, l.balColDifference), kind: AMOUNT, width: 18, value: (r) => r.difference.ore.amount },
      { header: l.balColExplanation, kind: 'wrap', width: 40, value: (r) => r.explanation },
      { header: l.balColDeadline, kind: 'date', width: 13, value: (r) => r.deadline },
    ];
    writeTable(
      ws,
      meta,
      cols,
      report.section2.flatMap((s) => s.systemReconciliations.map((r) => ({ ...r, committee: code(s) }))),
    );
  }

  // Sections 3–5: a sheet per section, one row per figure line the JSON holds; the left-out sections with their reasons
  const present = extraSections(report);
  for (const { number, value } of present) {
    const ws = addSheet(wb, meta, extraSectionTitle(l, number), opts);
    const recs: Rec[] = [];
    records(meta, value, null, recs);
    const keys = [...new Set(recs.flatMap((r) => [...r.keys()]))].filter((k) => k !== GROUP);
    const numeric = new Set(keys.filter((k) => recs.every((r) => r.get(k) === undefined || r.get(k) === null || typeof r.get(k) === 'number')));
    writeTable(
      ws,
      meta,
      [
        { header: l.balGenGroup, kind: 'wrap', width: 30, value: (r: Rec) => r.get(GROUP) ?? null },
        ...keys.map((k): Column<Rec> => ({
          header: k,
          kind: numeric.has(k) ? AMOUNT : 'wrap',
          width: numeric.has(k) ? 16 : 24,
          value: (r) => r.get(k) ?? null,
        })),
      ],
      recs,
    );
  }
  const omitted = report.omittedSections.filter((o) => !present.some((x) => x.number === o.section));
  if (omitted.length) {
    const ws = addSheet(wb, meta, l.balSheetOmitted, { confidential: false });
    type Om = (typeof omitted)[number];
    writeTable(
      ws,
      meta,
      [
        { header: l.balGenGroup, kind: 'wrap', width: 40, value: (o: Om) => extraSectionTitle(l, o.section) },
        { header: l.balColExplanation, kind: 'wrap', width: 80, value: (o: Om) => o.reason },
      ],
      omitted,
    );
  }
  return toBuffer(wb);
}
