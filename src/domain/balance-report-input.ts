/**
 * What the annual balance report (balance-report.ts) is computed from, its validation, and the rules
 * for one account (docs/domain.md §3): the follow-up amount is the sum of the open items and only
 * exists for categories 2 and 3; the part older than one year; equity accounts count in the amounts
 * but not in the numbers of accounts; IM functions in chart order; each printed cell rounded on its own.
 */
import type { Localized } from './i18n.js';
import { assertSafeInteger, toThousands } from './money.js';
import { oneYearBefore } from './reconciliation.js';

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

/** Throws every problem with the accounts at once. */
export function ensureValid(accounts: readonly ReportAccount[], periodEnd: string, path = 'accounts'): void {
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

/** An equity account counts in the amounts but not in the numbers of accounts. */
export function isEquity(im: string, options: ReportOptions): boolean {
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
export function printed<T extends Record<string, number>>(ore: T, countKeys: readonly (keyof T)[]): Printed<T> {
  const tkr = {} as Record<string, number>;
  for (const [k, v] of Object.entries(ore)) tkr[k] = countKeys.includes(k as keyof T) ? v : toThousands(v);
  return { ore, tkr: tkr as T };
}

// ---------------------------------------------------------------------------------------------
// Write-offs (section 3)

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

/** Every problem with the write-offs at once. */
export function validateWriteOffs(writeOffs: readonly WriteOff[]): ReportInputIssue[] {
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
  return issues;
}
