/**
 * The annual balance report, computed from account-level data (docs/domain.md §3): never from typed-in
 * totals. Every figure is summed in øre and only the printed cell is rounded to t.kr. (half away
 * from zero), cell by cell, so a printed row's parts can differ from its printed total by 1, exactly
 * as in the reference reports.
 *
 * Conventions taken from the reference report:
 * - The **follow-up amount** of an account is the sum of its open items; it only exists for
 *   category 2 and 3 (a category 1 account is reconciled, whatever items it lists).
 * - Table 1.1's "category 1" column is the part of the balance that is not for follow-up:
 *   balance − follow-up amount, per IM function.
 * - **Equity accounts** (IM function 9.75.99) count in the amounts but not in the numbers of accounts.
 * - The category summary's net amount per category is the sum of the balances of the accounts in that
 *   category; all categories together sum to 0, like a balance.
 * - The change against the previous year is computed in øre and then rounded, never copied.
 */
import { DEFAULT_MATERIALITY_THRESHOLD_ORE, oneYearBefore } from './reconciliation.js';
import { assertSafeInteger } from './money.js';
import {
  ReportInputError,
  WRITE_OFF_KINDS,
  accountFigures,
  compareImFunctions,
  ensureValid,
  isEquity,
  printed,
  validateWriteOffs,
  type AccountFigures,
  type Printed,
  type ReportAccount,
  type ReportOptions,
  type WriteOff,
  type WriteOffKind,
} from './balance-report-input.js';

// The input, its validation and the per-account rules are balance-report-input.ts's; the report's
// callers get them here too, so this stays the one module of the balance report.
export {
  DEFAULT_EQUITY_IM_FUNCTIONS,
  RECONCILIATION_CATEGORIES,
  ReportInputError,
  WRITE_OFF_KINDS,
  accountFigures,
  compareImFunctions,
  olderPartOfItem,
  validateAccounts,
} from './balance-report-input.js';
export type {
  AccountFigures,
  Printed,
  ReconciliationCategory,
  ReportAccount,
  ReportInputIssue,
  ReportItem,
  ReportOptions,
  WriteOff,
  WriteOffKind,
} from './balance-report-input.js';

// ---------------------------------------------------------------------------------------------
// Section 1, table 1.1: accounts and balances per IM function

export interface ImFunctionFigures extends Record<string, number> {
  accounts: number;
  balance: number;
  /** balance − follow-up amount: the reconciled part of the balance. */
  category1: number;
  followUpTotal: number;
  category2: number;
  category3: number;
  olderAccounts: number;
  olderCategory2: number;
  olderCategory3: number;
}

export interface ImFunctionRow extends Printed<ImFunctionFigures> {
  im: string;
  name: string;
}

const IM_COUNT_KEYS = ['accounts', 'olderAccounts'] as const;

function emptyImFigures(): ImFunctionFigures {
  return { accounts: 0, balance: 0, category1: 0, followUpTotal: 0, category2: 0, category3: 0, olderAccounts: 0, olderCategory2: 0, olderCategory3: 0 };
}

function addAccount(f: ImFunctionFigures, a: ReportAccount, figures: AccountFigures, equity: boolean): void {
  if (!equity) f.accounts += 1;
  f.balance += a.balanceOre;
  f.followUpTotal += figures.followUpOre;
  f.category1 = f.balance - f.followUpTotal;
  if (a.category === 2) f.category2 += figures.followUpOre;
  if (a.category === 3) f.category3 += figures.followUpOre;
  if (figures.olderThanOneYearOre !== 0) {
    if (!equity) f.olderAccounts += 1;
    if (a.category === 2) f.olderCategory2 += figures.olderThanOneYearOre;
    if (a.category === 3) f.olderCategory3 += figures.olderThanOneYearOre;
  }
}

function sumFigures(rows: readonly ImFunctionFigures[]): ImFunctionFigures {
  const total = emptyImFigures();
  const keys = ['accounts', 'balance', 'category1', 'followUpTotal', 'category2', 'category3', 'olderAccounts', 'olderCategory2', 'olderCategory3'] as const;
  for (const r of rows) for (const k of keys) total[k] += r[k];
  return total;
}

export interface BalanceTable {
  rows: ImFunctionRow[];
  total: Printed<ImFunctionFigures>;
}

/** Table 1.1: every IM function with accounts, in chart order, and the total. */
export function balanceByImFunction(accounts: readonly ReportAccount[], options: ReportOptions): BalanceTable {
  ensureValid(accounts, options.periodEnd);
  const byIm = new Map<string, ImFunctionFigures>();
  for (const a of accounts) {
    const f = byIm.get(a.im) ?? emptyImFigures();
    addAccount(f, a, accountFigures(a, options.periodEnd), isEquity(a.im, options));
    byIm.set(a.im, f);
  }
  const ims = [...byIm.keys()].sort(compareImFunctions);
  const rows = ims.map((im) => ({ im, name: options.imNames?.[im] ?? im, ...printed(byIm.get(im)!, IM_COUNT_KEYS) }));
  return { rows, total: printed(sumFigures(ims.map((im) => byIm.get(im)!)), IM_COUNT_KEYS) };
}

// ---------------------------------------------------------------------------------------------
// Section 1: category counts and net amounts against the previous year

export interface CategoryFigures extends Record<string, number> {
  accounts: number;
  net: number;
}

export type CategoryKey = '1' | '2' | '3' | 'total';
const CATEGORY_KEYS: readonly CategoryKey[] = ['1', '2', '3', 'total'];

export type CategoryTable = Record<CategoryKey, Printed<CategoryFigures>>;

export interface CategorySummary {
  current: CategoryTable;
  previous: CategoryTable | null;
  /** current − previous, computed in øre and then rounded; null without a previous year. */
  change: CategoryTable | null;
  responsibility: { centralServiceAccounts: number; departmentAccounts: number };
}

function categoryFigures(accounts: readonly ReportAccount[], options: ReportOptions): Record<CategoryKey, CategoryFigures> {
  const out: Record<CategoryKey, CategoryFigures> = {
    '1': { accounts: 0, net: 0 },
    '2': { accounts: 0, net: 0 },
    '3': { accounts: 0, net: 0 },
    total: { accounts: 0, net: 0 },
  };
  for (const a of accounts) {
    const counted = isEquity(a.im, options) ? 0 : 1;
    for (const key of [String(a.category) as CategoryKey, 'total' as const]) {
      out[key].accounts += counted;
      out[key].net += a.balanceOre;
    }
  }
  return out;
}

function categoryTable(figures: Record<CategoryKey, CategoryFigures>): CategoryTable {
  const table = {} as CategoryTable;
  for (const key of CATEGORY_KEYS) table[key] = printed(figures[key], ['accounts']);
  return table;
}

/**
 * Number of accounts and net amount (sum of balances) per category, this year and last, and the
 * change. The two years are separate account sets (accounts open and close between them).
 */
export function categorySummary(
  current: readonly ReportAccount[],
  previous: readonly ReportAccount[] | null,
  options: ReportOptions,
  previousPeriodEnd: string = oneYearBefore(options.periodEnd),
): CategorySummary {
  ensureValid(current, options.periodEnd, 'current');
  if (previous) ensureValid(previous, previousPeriodEnd, 'previous');
  const now = categoryFigures(current, options);
  const before = previous ? categoryFigures(previous, { ...options, periodEnd: previousPeriodEnd }) : null;
  let change: CategoryTable | null = null;
  if (before) {
    const diff = {} as Record<CategoryKey, CategoryFigures>;
    for (const key of CATEGORY_KEYS) diff[key] = { accounts: now[key].accounts - before[key].accounts, net: now[key].net - before[key].net };
    change = categoryTable(diff);
  }
  let centralServiceAccounts = 0;
  let departmentAccounts = 0;
  for (const a of current) {
    if (isEquity(a.im, options)) continue;
    if (a.reconciler === 'central') centralServiceAccounts += 1;
    else if (a.reconciler === 'department') departmentAccounts += 1;
  }
  return {
    current: categoryTable(now),
    previous: before ? categoryTable(before) : null,
    change,
    responsibility: { centralServiceAccounts, departmentAccounts },
  };
}

// ---------------------------------------------------------------------------------------------
// Section 1: the older-than-one-year overview

export interface OlderRow {
  im: string;
  imName: string;
  department: string;
  account: string;
  name: string;
  category: 2 | 3;
  amount: Printed<{ older: number }>;
}

export interface OlderOverview {
  rows: OlderRow[];
  totals: { category2: Printed<{ older: number }>; category3: Printed<{ older: number }> };
}

/** Every category 2/3 account with a part older than one year, by IM function and account number. */
export function olderThanOneYearOverview(accounts: readonly ReportAccount[], options: ReportOptions): OlderOverview {
  ensureValid(accounts, options.periodEnd);
  const rows: OlderRow[] = [];
  let c2 = 0;
  let c3 = 0;
  for (const a of accounts) {
    if (a.category === 1) continue;
    const { olderThanOneYearOre } = accountFigures(a, options.periodEnd);
    if (olderThanOneYearOre === 0) continue;
    if (a.category === 2) c2 += olderThanOneYearOre;
    else c3 += olderThanOneYearOre;
    rows.push({
      im: a.im,
      imName: options.imNames?.[a.im] ?? a.im,
      department: a.department,
      account: a.account,
      name: a.name,
      category: a.category,
      amount: printed({ older: olderThanOneYearOre }, []),
    });
  }
  rows.sort((x, y) => compareImFunctions(x.im, y.im) || x.account.localeCompare(y.account));
  return { rows, totals: { category2: printed({ older: c2 }, []), category3: printed({ older: c3 }, []) } };
}

// ---------------------------------------------------------------------------------------------
// Section 2: per committee

export interface CommitteeAccount {
  account: string;
  name: string;
  im: string;
  department: string;
  category: 2 | 3;
  followUp: Printed<{ amount: number }>;
  olderThanOneYear: Printed<{ amount: number }>;
  /** Every category 2/3 account needs an action plan that brings it back to category 1. */
  needsActionPlan: true;
  /** |follow-up amount| ≥ the materiality threshold: shown in the action-plan table with a consequence description. */
  needsConsequenceDescription: boolean;
}

export interface CommitteeSection {
  committee: string;
  table: BalanceTable;
  /** Ranked by category, then account number. */
  accounts: CommitteeAccount[];
}

/**
 * Section 2 for every committee with category 2/3 accounts: the accounts table per IM function
 * (number of accounts, follow-up amount in category 2 and 3, and the older-than-one-year columns)
 * and the ranked list of accounts with what each needs.
 */
export function committeeSections(accounts: readonly ReportAccount[], options: ReportOptions): CommitteeSection[] {
  ensureValid(accounts, options.periodEnd);
  const threshold = options.materialityThresholdOre ?? DEFAULT_MATERIALITY_THRESHOLD_ORE;
  assertSafeInteger(threshold, 'materiality threshold');
  const byCommittee = new Map<string, ReportAccount[]>();
  for (const a of accounts) {
    if (a.category === 1) continue;
    byCommittee.set(a.committee, [...(byCommittee.get(a.committee) ?? []), a]);
  }
  return [...byCommittee.keys()].sort().map((committee) => {
    const own = byCommittee.get(committee)!;
    const table = balanceByImFunction(own, options);
    const ranked = [...own].sort((x, y) => x.category - y.category || x.account.localeCompare(y.account));
    return {
      committee,
      table,
      accounts: ranked.map((a) => {
        const f = accountFigures(a, options.periodEnd);
        return {
          account: a.account,
          name: a.name,
          im: a.im,
          department: a.department,
          category: a.category as 2 | 3,
          followUp: printed({ amount: f.followUpOre }, []),
          olderThanOneYear: printed({ amount: f.olderThanOneYearOre }, []),
          needsActionPlan: true as const,
          needsConsequenceDescription: Math.abs(f.followUpOre) >= threshold,
        };
      }),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Section 3: write-offs

export interface WriteOffRow {
  im: string;
  imName: string;
  appropriation: string | null;
  amount: Printed<{ amount: number }>;
}

export type WriteOffSection = Record<WriteOffKind, { rows: WriteOffRow[]; total: Printed<{ amount: number }> }>;

/** Section 3 of one committee: its write-offs by kind, IM function and appropriation, with totals per kind. */
export function writeOffSection(writeOffs: readonly WriteOff[], committee: string): WriteOffSection {
  const issues = validateWriteOffs(writeOffs);
  if (issues.length > 0) throw new ReportInputError(issues);
  const section = {} as WriteOffSection;
  for (const kind of WRITE_OFF_KINDS) {
    const grouped = new Map<string, { im: string; imName: string; appropriation: string | null; ore: number }>();
    for (const w of writeOffs) {
      if (w.kind !== kind || w.committee !== committee) continue;
      const key = `${w.im}\u0000${w.appropriation ?? ''}`;
      const row = grouped.get(key) ?? { im: w.im, imName: w.imName ?? w.im, appropriation: w.appropriation ?? null, ore: 0 };
      row.ore += w.amountOre;
      grouped.set(key, row);
    }
    const rows = [...grouped.values()].sort((a, b) => compareImFunctions(a.im, b.im) || (a.appropriation ?? '').localeCompare(b.appropriation ?? ''));
    const total = rows.reduce((s, r) => s + r.ore, 0);
    section[kind] = {
      rows: rows.map((r) => ({ im: r.im, imName: r.imName, appropriation: r.appropriation, amount: printed({ amount: r.ore }, []) })),
      total: printed({ amount: total }, []),
    };
  }
  return section;
}

// ---------------------------------------------------------------------------------------------
// The whole report (sections 1-3; sections 4-5 and the system reconciliations come with their data)

export interface BalanceReportInput {
  accounts: readonly ReportAccount[];
  previousYearAccounts?: readonly ReportAccount[] | null;
  writeOffs?: readonly WriteOff[];
}

export interface BalanceReport {
  periodEnd: string;
  materialityThresholdOre: number;
  section1: { table: BalanceTable; categories: CategorySummary; olderThanOneYear: OlderOverview };
  section2: CommitteeSection[];
  section3: { committee: string; writeOffs: WriteOffSection }[];
}

export function buildBalanceReport(input: BalanceReportInput, options: ReportOptions): BalanceReport {
  const committees = new Set<string>([...input.accounts.map((a) => a.committee), ...(input.writeOffs ?? []).map((w) => w.committee)]);
  const writeOffs = input.writeOffs ?? [];
  return {
    periodEnd: options.periodEnd,
    materialityThresholdOre: options.materialityThresholdOre ?? DEFAULT_MATERIALITY_THRESHOLD_ORE,
    section1: {
      table: balanceByImFunction(input.accounts, options),
      categories: categorySummary(input.accounts, input.previousYearAccounts ?? null, options),
      olderThanOneYear: olderThanOneYearOverview(input.accounts, options),
    },
    section2: committeeSections(input.accounts, options),
    section3: [...committees]
      .sort()
      .filter((c) => writeOffs.some((w) => w.committee === c))
      .map((committee) => ({ committee, writeOffs: writeOffSection(writeOffs, committee) })),
  };
}
