/**
 * The annual balance report as a document: the JSON of `GET /api/v1/balance-report` (the
 * balance-report service's output, consumed as it is) with the document's meta (municipality,
 * language, labels, date). The renderers (pdf.ts, docx.ts, xlsx.ts) print the t.kr. cells exactly
 * as the JSON rounds them; the workbook adds the øre columns.
 */
import type { BalanceReportService } from '../../modules/balance-report/service.js';
import { formatDeadline } from '../../../domain/deadline.js';
import { storedDeadline } from '../../modules/shared/deadline-field.js';
import { fill, formatInteger } from '../format.js';
import type { DocumentLabels } from '../../i18n/documents/index.js';
import type { DocumentMeta } from '../model.js';

export type BalanceReportData = Awaited<ReturnType<BalanceReportService['report']>>;
export type BalanceSection2 = BalanceReportData['section2'][number];
export type BalanceTable = BalanceSection2['table'];
export type ImFigureKey =
  'accounts' | 'balance' | 'category1' | 'followUpTotal' | 'category2' | 'category3' | 'olderAccounts' | 'olderCategory2' | 'olderCategory3';
export type ImFigures = Record<ImFigureKey, number>;

export interface BalanceReportDocument {
  kind: 'balanceReport';
  meta: DocumentMeta;
  /** The committee asked for (its section only), or null for the whole municipality. */
  committee: { code: string; name: string } | null;
  report: BalanceReportData;
}

/** The columns of table 1.1 (and of each committee's table), in print order. */
export const IM_FIGURES: readonly ImFigureKey[] = [
  'accounts',
  'balance',
  'category1',
  'followUpTotal',
  'category2',
  'category3',
  'olderAccounts',
  'olderCategory2',
  'olderCategory3',
];
/** Counts, not amounts: no øre column in the workbook. */
export const COUNT_FIGURES: ReadonlySet<ImFigureKey> = new Set(['accounts', 'olderAccounts']);

export function imFigureLabel(l: DocumentLabels, key: ImFigureKey): string {
  const labels: Record<ImFigureKey, string> = {
    accounts: l.balColAccounts,
    balance: l.balColBalance,
    category1: l.balColCategory1,
    followUpTotal: l.balColFollowUpTotal,
    category2: l.balColCategory2,
    category3: l.balColCategory3,
    olderAccounts: l.balColOlderAccounts,
    olderCategory2: l.balColOlderCategory2,
    olderCategory3: l.balColOlderCategory3,
  };
  return labels[key];
}

export const CATEGORY_KEYS = ['1', '2', '3', 'total'] as const;

export function categoryLabel(l: DocumentLabels, key: (typeof CATEGORY_KEYS)[number]): string {
  return key === 'total' ? l.balTotal : `${l.balColCategory} ${key}`;
}

/** A section 2 heading: "2. U-BIF Børne- og Ungdomsudvalget". */
export function committeeTitle(l: DocumentLabels, s: BalanceSection2): string {
  return fill(l.balSection2, { committee: s.committee ? `${s.committee.name} (${s.committee.code})` : l.balNoCommittee });
}

/** What a system reconciliation was reconciled against, in the document's language (an unknown kind as it is). */
export function targetLabel(l: DocumentLabels, target: string): string {
  return target === 'ledger' ? l.balTargetLedger : target === 'debtorSystem' ? l.balTargetDebtorSystem : target;
}

/** t.kr. in the locale's grouping (da `-598`, `2.412`; sv `2 412`; en `2,412`). */
export function tkr(meta: DocumentMeta, n: number): string {
  return formatInteger(n, meta.locale);
}

/** The materiality threshold as printed: "1 t.kr." (rounded like every t.kr. cell). */
export function thresholdText(meta: DocumentMeta, ore: number): string {
  const thousands = ore / 100_000;
  const rounded = Math.sign(thousands) * Math.round(Math.abs(thousands));
  return fill(meta.labels.balTkr, { amount: formatInteger(rounded, meta.locale) });
}

/** Sections 3–5 the JSON holds when it holds them (another part of the app adds them). */
export function extraSections(report: BalanceReportData): { number: number; value: unknown }[] {
  const out: { number: number; value: unknown }[] = [];
  for (const [key, value] of Object.entries(report as Record<string, unknown>)) {
    const m = /^section(\d+)$/.exec(key);
    if (m && Number(m[1]) >= 3 && value !== null && value !== undefined) out.push({ number: Number(m[1]), value });
  }
  return out.sort((a, b) => a.number - b.number);
}

/** The title of section 3, 4 or 5 ("Afsnit 3 – Afskrivninger"); another number: "Afsnit 6". */
export function extraSectionTitle(l: DocumentLabels, number: number): string {
  return number === 3 ? l.balSection3Title : number === 4 ? l.balSection4Title : number === 5 ? l.balSection5Title : fill(l.balSectionN, { number });
}

/** A key of a generic section as a label: the known keys in the document's language, others `writeOffs` → "Write offs". */
export function keyLabel(l: DocumentLabels, key: string): string {
  const known: Record<string, string> = {
    im: l.balColIm,
    imName: l.balColName,
    name: l.balColName,
    department: l.department,
    committee: l.committee,
    account: l.balColAccount,
    category: l.balColCategory,
    period: l.balColPeriod,
    explanation: l.balColExplanation,
    deadline: l.balColDeadline,
    total: l.balTotal,
    amount: l.balGenAmount,
    appropriation: l.balGenAppropriation,
    text: l.balGenText,
    writeOffs: l.balGenWriteOffs,
    operations: l.balGenOperations,
    balanceOnly: l.balGenBalanceOnly,
    other: l.balGenOther,
  };
  if (known[key]) return known[key];
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A figure set `{ ore, tkr }` of the JSON: printed as its t.kr. values. */
function printedValue(v: Record<string, unknown>): Record<string, unknown> | null {
  return isObject(v.ore) && isObject(v.tkr) ? v.tkr : null;
}

/** A reference `{ id, code, name }`: printed as "name (code)". */
const isRef = (v: unknown): v is { code: unknown; name: unknown } => isObject(v) && 'code' in v && 'name' in v;

/** A value that needs a block of its own (a list, or an object that is neither figures nor a reference). */
const isComplex = (v: unknown): boolean => Array.isArray(v) || (isObject(v) && !printedValue(v) && !isRef(v));

/** A cell of a generic section: numbers in the locale's grouping, {ore, tkr} as t.kr., references by name. */
export function genericCell(meta: DocumentMeta, v: unknown): string {
  const l = meta.labels;
  if (v === null || v === undefined || v === '') return l.none;
  if (typeof v === 'number') return formatInteger(v, meta.locale);
  if (typeof v === 'boolean') return v ? l.yes : l.no;
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map((x) => genericCell(meta, x)).join(', ');
  if (isObject(v)) {
    if (isRef(v)) return `${String(v.name)} (${String(v.code)})`;
    const tk = printedValue(v);
    const entries = Object.entries(tk ?? v);
    if (tk && entries.length === 1) return genericCell(meta, entries[0]![1]);
    return entries.map(([k, x]) => `${keyLabel(l, k)}: ${genericCell(meta, x)}`).join('; ');
  }
  return String(v);
}

/**
 * A section the renderers know only as JSON, as blocks they can lay out: tables (a list of flat
 * objects: one column per key, ids left out), facts (key: value) and text. A list of nested objects
 * (one per committee) gives a titled group per item; nested objects a titled group per key.
 */
export type GenericBlock =
  | { kind: 'facts'; title: string | null; rows: [string, string][] }
  | { kind: 'table'; title: string | null; headers: string[]; rows: string[][] }
  | { kind: 'text'; title: string | null; text: string };

const isId = (k: string) => k === 'id' || k.endsWith('Id') || k.endsWith('Ids');
const join = (a: string | null, b: string | null) => (a && b ? `${a} – ${b}` : (a ?? b));

export function genericBlocks(meta: DocumentMeta, value: unknown, title: string | null = null): GenericBlock[] {
  const l = meta.labels;
  if (Array.isArray(value)) {
    if (value.length === 0) return [{ kind: 'text', title, text: l.none }];
    if (value.every(isObject)) {
      if (!value.some((r) => Object.values(r).some(isComplex))) {
        const keys = [...new Set(value.flatMap((r) => Object.keys(r)))].filter((k) => !isId(k));
        return [{ kind: 'table', title, headers: keys.map((k) => keyLabel(l, k)), rows: value.map((r) => keys.map((k) => genericCell(meta, r[k]))) }];
      }
      return value.flatMap((item, i) => {
        const { committee, ...rest } = item;
        const name = 'committee' in item ? (isRef(committee) ? genericCell(meta, committee) : l.balNoCommittee) : String(i + 1);
        return genericBlocks(meta, 'committee' in item ? rest : item, join(title, name));
      });
    }
    return [{ kind: 'facts', title, rows: value.map((x, i) => [String(i + 1), genericCell(meta, x)]) }];
  }
  if (isObject(value)) {
    const out: GenericBlock[] = [];
    let facts: [string, string][] = [];
    let factsTitle: string | null = title;
    const flush = () => {
      if (facts.length) out.push({ kind: 'facts', title: factsTitle, rows: facts });
      facts = [];
      factsTitle = null;
    };
    for (const [k, v] of Object.entries(value)) {
      if (isId(k)) continue;
      if (isComplex(v)) {
        flush();
        const blocks = genericBlocks(meta, v, k === 'rows' ? title : join(title, keyLabel(l, k)));
        out.push(...blocks);
      } else facts.push([keyLabel(l, k), genericCell(meta, v)]);
    }
    flush();
    return out.length ? out : [{ kind: 'text', title, text: l.none }];
  }
  return [{ kind: 'text', title, text: genericCell(meta, value) }];
}

type PlanOfAccount = BalanceSection2['accounts'][number]['actionPlans'][number];

/** One action plan as printed: "Godkendt, frist 1. kvartal 2025: ikke i kategori 1 endnu" (never its id). */
export function planSummary(l: DocumentLabels, meta: DocumentMeta, plan: PlanOfAccount): string {
  const state = plan.state === 'approved' ? l.balPlanStateApproved : plan.state === 'submitted' ? l.balPlanStateSubmitted : l.balPlanStateDraft;
  const deadline = storedDeadline(plan.deadline);
  const progress =
    plan.progress === 'reached'
      ? fill(l.balPlanReached, { period: plan.reachedPeriod ?? '' })
      : plan.progress === 'overdue'
        ? l.balPlanOverdue
        : l.balPlanNotYet;
  return fill(l.balPlanLine, { state, deadline: deadline ? formatDeadline(deadline, meta.locale) : l.balPlanNoDeadline, progress });
}

/** The account's plans, one per line, or the "no plan yet" text when it needs one. */
export function plansText(l: DocumentLabels, meta: DocumentMeta, account: BalanceSection2['accounts'][number]): string | null {
  if (account.actionPlans.length) return account.actionPlans.map((p) => planSummary(l, meta, p)).join('\n');
  return account.needsActionPlan ? l.balNoPlans : null;
}
