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
import type { Localized } from './i18n.js';
import { assertSafeInteger, toThousands } from './money.js';
import { DEFAULT_MATERIALITY_THRESHOLD_ORE, oneYearBefore } from './reconciliation.js';

export type ReconciliationCategory = 1 | 2 | 3;
export const RECONCILIATION_CATEGORIES: readonly ReconciliationCategory[] = [1, 2, 3];

/** IM functions whose accounts count in amounts only (equity, reconciled through the equity note). */
export const DEFAULT_EQUITY_IM_FUNCTIONS: readonly string[] = ['9.75.99'];

/** An open item of a reconciliation. */
export interface ReportItem {
  amountOre: number;
  /** ISO date (`2023-06-30`) the item arose; decides "older than one year" when `olderThanOneYearOre` is absent. */
  originDate?: string | null;
  /**
   * The part of the item older than one year at the period end, when the caller knows it (an item
   * that gathers postings of several dates can be partly older). Same sign as the amount, at most as large.
   */
  olderThanOneYearOre?: number | null;
}

/** One balance account's reconciliation at the period end: what a database row join gives. */
export interface ReportAccount {
  /** 8-digit account number. */
  account: string;
  name: string;
  /** IM function of the authorised chart of accounts, e.g. `9.28.14`. */
  im: string;
  department: string;
  committee: string;
  category: ReconciliationCategory;
  balanceOre: number;
  items: readonly ReportItem[];
  /** Who reconciles it: the central service or the department (for the responsibility count). */
  reconciler?: 'central' | 'department';
}

export interface ReportOptions {
  /** ISO date of the reconciliation (period end), e.g. `2024-12-31`. */
  periodEnd: string;
  materialityThresholdOre?: number;
  equityImFunctions?: readonly string[];
  /** Names of the IM functions for the printed rows (missing ones print the code only). */
  imNames?: Readonly<Record<string, string>>;
}

/** A problem with the input, naming the field (`accounts[3].balanceOre`). */
export interface ReportInputIssue {
  field: string;
  message: Localized;
}

export class ReportInputError extends Error {
  constructor(readonly issues: readonly ReportInputIssue[]) {
    super(`invalid balance report input: ${issues.map((i) => `${i.field}: ${i.message.en}`).join('; ')}`);
    this.name = 'ReportInputError';
  }
}

// ---------------------------------------------------------------------------------------------
// Validation

const ACCOUNT_NUMBER = /^\d{8}$/;
const IM_FUNCTION = /^\d\.\d{2}\.\d{2}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const issue = (field: string, da: string, sv: string, en: string): ReportInputIssue => ({ field, message: { da, sv, en } });

function checkOre(value: unknown, field: string, out: ReportInputIssue[]): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    out.push(
      issue(
        field,
        `Beløbet skal være et helt antal øre, fik ${String(value)}.`,
        `Beloppet ska vara ett helt antal öre, fick ${String(value)}.`,
        `The amount must be a whole number of øre, got ${String(value)}.`,
      ),
    );
  }
}

/** Every problem with the accounts at once (nothing is dropped silently). */
export function validateAccounts(accounts: readonly ReportAccount[], periodEnd: string, path = 'accounts'): ReportInputIssue[] {
  const out: ReportInputIssue[] = [];
  if (!isIsoDate(periodEnd)) {
    out.push(issue('periodEnd', `Ugyldig periodeslutdato "${periodEnd}".`, `Ogiltigt periodslut "${periodEnd}".`, `Invalid period end "${periodEnd}".`));
  }
  const seen = new Set<string>();
  accounts.forEach((a, i) => {
    const at = `${path}[${i}]`;
    if (!ACCOUNT_NUMBER.test(a.account)) {
      out.push(
        issue(
          `${at}.account`,
          `Kontonummeret "${a.account}" skal have 8 cifre.`,
          `Kontonumret "${a.account}" ska ha 8 siffror.`,
          `The account number "${a.account}" must have 8 digits.`,
        ),
      );
    } else if (seen.has(a.account)) {
      out.push(
        issue(
          `${at}.account`,
          `Kontonummeret ${a.account} forekommer flere gange.`,
          `Kontonumret ${a.account} förekommer flera gånger.`,
          `The account number ${a.account} occurs more than once.`,
        ),
      );
    }
    seen.add(a.account);
    if (!IM_FUNCTION.test(a.im)) {
      out.push(
        issue(
          `${at}.im`,
          `IM-funktionen "${a.im}" skal skrives som 9.28.14.`,
          `IM-funktionen "${a.im}" ska skrivas som 9.28.14.`,
          `The IM function "${a.im}" must be written like 9.28.14.`,
        ),
      );
    }
    if (!RECONCILIATION_CATEGORIES.includes(a.category)) {
      out.push(
        issue(
          `${at}.category`,
          `Kategorien skal være 1, 2 eller 3, fik ${String(a.category)}.`,
          `Kategorin ska vara 1, 2 eller 3, fick ${String(a.category)}.`,
          `The category must be 1, 2 or 3, got ${String(a.category)}.`,
        ),
      );
    }
    checkOre(a.balanceOre, `${at}.balanceOre`, out);
    a.items.forEach((item, j) => {
      const it = `${at}.items[${j}]`;
      checkOre(item.amountOre, `${it}.amountOre`, out);
      if (item.originDate != null && !isIsoDate(item.originDate)) {
        out.push(issue(`${it}.originDate`, `Ugyldig dato "${item.originDate}".`, `Ogiltigt datum "${item.originDate}".`, `Invalid date "${item.originDate}".`));
      }
      if (item.olderThanOneYearOre != null) {
        checkOre(item.olderThanOneYearOre, `${it}.olderThanOneYearOre`, out);
        const older = item.olderThanOneYearOre;
        if (Number.isSafeInteger(older) && Number.isSafeInteger(item.amountOre)) {
          const sameSign = older === 0 || Math.sign(older) === Math.sign(item.amountOre);
          if (!sameSign || Math.abs(older) > Math.abs(item.amountOre)) {
            out.push(
              issue(
                `${it}.olderThanOneYearOre`,
                'Delen ældre end ét år skal have samme fortegn som posten og kan ikke være større end den.',
                'Delen äldre än ett år ska ha samma tecken som posten och kan inte vara större än den.',
                'The part older than one year must have the sign of the item and cannot exceed it.',
              ),
            );
          }
        }
      }
    });
  });
  return out;
}

function ensureValid(accounts: readonly ReportAccount[], periodEnd: string, path = 'accounts'): void {
  const issues = validateAccounts(accounts, periodEnd, path);
  if (issues.length > 0) throw new ReportInputError(issues);
}

// ---------------------------------------------------------------------------------------------
// Account figures

/** The part of an item older than one year at the period end: an item dated before the same day a year earlier. */
export function olderPartOfItem(item: ReportItem, periodEnd: string): number {
  // the cut-off is reconciliation.ts's rule: dated before the same day one year earlier
  if (item.olderThanOneYearOre != null) return item.olderThanOneYearOre;
  if (item.originDate == null) return 0;
  return item.originDate < oneYearBefore(periodEnd) ? item.amountOre : 0;
}

export interface AccountFigures {
  /** Sum of the open items; 0 for a category 1 account. */
  followUpOre: number;
  /** Part of the follow-up amount older than one year; 0 for a category 1 account. */
  olderThanOneYearOre: number;
}

export function accountFigures(account: ReportAccount, periodEnd: string): AccountFigures {
  if (account.category === 1) return { followUpOre: 0, olderThanOneYearOre: 0 };
  let followUpOre = 0;
  let olderThanOneYearOre = 0;
  for (const item of account.items) {
    followUpOre += item.amountOre;
    olderThanOneYearOre += olderPartOfItem(item, periodEnd);
  }
  assertSafeInteger(followUpOre, 'follow-up amount');
  assertSafeInteger(olderThanOneYearOre, 'older than one year');
  return { followUpOre, olderThanOneYearOre };
}

function isEquity(im: string, options: ReportOptions): boolean {
  return (options.equityImFunctions ?? DEFAULT_EQUITY_IM_FUNCTIONS).includes(im);
}

/** IM functions in chart order: 9.22.01 < 9.22.05 < 9.28.14 < 9.75.99. */
export function compareImFunctions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/** A row's figures in øre and as printed (each cell rounded to t.kr. on its own). */
export interface Printed<T extends Record<string, number>> {
  ore: T;
  tkr: T;
}

/** Counts pass through unchanged; amounts (keys ending in `Ore`-free names listed) are rounded. */
function printed<T extends Record<string, number>>(ore: T, countKeys: readonly (keyof T)[]): Printed<T> {
  const tkr = {} as Record<string, number>;
  for (const [k, v] of Object.entries(ore)) tkr[k] = countKeys.includes(k as keyof T) ? v : toThousands(v);
  return { ore, tkr: tkr as T };
}

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

export type WriteOffKind = 'operations' | 'balanceOnly' | 'other';
export const WRITE_OFF_KINDS: readonly WriteOffKind[] = ['operations', 'balanceOnly', 'other'];

/** One write-off posting (or a sum of them) as booked. */
export interface WriteOff {
  kind: WriteOffKind;
  committee: string;
  /** Function of the chart of accounts the write-off is booked on, e.g. `5.57.73`. */
  im: string;
  imName?: string;
  /** Appropriation (bevillingsområde); empty when the source has none. */
  appropriation?: string | null;
  amountOre: number;
}

export interface WriteOffRow {
  im: string;
  imName: string;
  appropriation: string | null;
  amount: Printed<{ amount: number }>;
}

export type WriteOffSection = Record<WriteOffKind, { rows: WriteOffRow[]; total: Printed<{ amount: number }> }>;

/** Section 3 of one committee: its write-offs by kind, IM function and appropriation, with totals per kind. */
export function writeOffSection(writeOffs: readonly WriteOff[], committee: string): WriteOffSection {
  const issues: ReportInputIssue[] = [];
  writeOffs.forEach((w, i) => {
    checkOre(w.amountOre, `writeOffs[${i}].amountOre`, issues);
    if (!WRITE_OFF_KINDS.includes(w.kind)) {
      issues.push(
        issue(`writeOffs[${i}].kind`, `Ukendt afskrivningstype "${w.kind}".`, `Okänd avskrivningstyp "${w.kind}".`, `Unknown write-off kind "${w.kind}".`),
      );
    }
    if (!IM_FUNCTION.test(w.im)) {
      issues.push(
        issue(
          `writeOffs[${i}].im`,
          `IM-funktionen "${w.im}" skal skrives som 5.57.73.`,
          `IM-funktionen "${w.im}" ska skrivas som 5.57.73.`,
          `The IM function "${w.im}" must be written like 5.57.73.`,
        ),
      );
    }
  });
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
