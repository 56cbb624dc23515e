/**
 * Balance-sheet reconciliation rules (docs/domain.md §3): the categories and their sub-reasons, the
 * open items of an account and the amounts computed from them, the reconciliation period, the
 * requirements of a category 2/3 account, and de-certification. Pure: no I/O, no clock (today is
 * always passed in). Money is integer øre (safe integers) throughout.
 *
 * Decisions, documented here because the API and the reports rely on them:
 *
 * - **Period.** A reconciliation period is a month `YYYY-MM` (01–12). The year-end supplementary
 *   period (supplementsperioden) is the explicit period `YYYY-13`: it is booked in January of the
 *   next year but its postings belong to year YYYY, so its period end is YYYY-12-31, it counts in
 *   year YYYY and sorts after `YYYY-12` and before `(YYYY+1)-01` (plain string order works).
 * - **Future.** A period is in the future when it has not started yet: `YYYY-MM` starts on its
 *   first day, `YYYY-13` on (YYYY+1)-01-01 (the day its bookings can begin).
 * - **Older than one year.** An item (or part of one) is older than one year when its origin date
 *   lies more than one year before the period end: `originDate < periodEnd − 1 year` (the same
 *   day of month one year earlier; 29 February falls back to 28 February). An item dated exactly
 *   one year before the period end is not yet older than one year.
 * - **Partly older items.** The source shows an item with an older part (a repayment item of
 *   −28,511 kr of which −13,544 kr is older than one year): one item accumulated over time. Such an
 *   item carries `parts`, each with its own amount and origin date, summing to the item's amount;
 *   the older part is then computed part by part against the period end. It is never typed in.
 *   Without parts the whole item has the item's origin date.
 * - **Gross amount.** The sum of the absolute item amounts (items that offset each other in the
 *   follow-up amount both count), so a net of 14,947 kr can hide 71,970 kr of open items.
 * - **Category 1** has no open items: an item booked in the new period is not open. Items on a
 *   category 1 reconciliation are refused.
 */
import type { Localized } from './i18n.js';

export const CATEGORIES = [1, 2, 3] as const;
export type Category = (typeof CATEGORIES)[number];

/** Sub-reasons per category, stable codes (docs/domain.md §3). */
export const SUB_REASONS = {
  1: ['noRemarks', 'bookedInNewPeriod', 'timingDifference'],
  2: ['notBookedInNewPeriod', 'followUpActionMissing'],
  3: ['differenceUnspecified', 'documentationMissing'],
} as const satisfies Record<Category, readonly string[]>;
export type SubReason = (typeof SUB_REASONS)[Category][number];
export const ALL_SUB_REASONS: readonly SubReason[] = [...SUB_REASONS[1], ...SUB_REASONS[2], ...SUB_REASONS[3]];

export const CATEGORY_LABELS: Record<Category, Localized> = {
  1: { da: 'Afstemt uden bemærkninger', sv: 'Avstämt utan anmärkning', en: 'Reconciled without remarks' },
  2: { da: 'Afstemt, til opfølgning', sv: 'Avstämt, för uppföljning', en: 'Reconciled, for follow-up' },
  3: { da: 'Ikke afstemt', sv: 'Inte avstämt', en: 'Not reconciled' },
};

export const SUB_REASON_LABELS: Record<SubReason, Localized> = {
  noRemarks: {
    da: 'Ingen bemærkninger eller kun øredifferencer',
    sv: 'Inga anmärkningar eller endast öresdifferenser',
    en: 'No remarks or only øre differences',
  },
  bookedInNewPeriod: {
    da: 'Udestående post identificeret og bogført i ny periode',
    sv: 'Utestående post identifierad och bokförd i ny period',
    en: 'Outstanding item identified and booked in the new period',
  },
  timingDifference: { da: 'Tidsforskydning / almindelig drift', sv: 'Tidsförskjutning / normal drift', en: 'Timing difference / ordinary operation' },
  notBookedInNewPeriod: {
    da: 'Udestående post identificeret, men ikke bogført i ny periode',
    sv: 'Utestående post identifierad men inte bokförd i ny period',
    en: 'Outstanding item identified but not booked in the new period',
  },
  followUpActionMissing: { da: 'Opfølgende handling mangler', sv: 'Uppföljande åtgärd saknas', en: 'Follow-up action missing' },
  differenceUnspecified: { da: 'Difference kan ikke specificeres', sv: 'Differensen kan inte specificeras', en: 'The difference cannot be specified' },
  documentationMissing: { da: 'Dokumentation mangler', sv: 'Dokumentation saknas', en: 'Documentation is missing' },
};

export function isCategory(value: unknown): value is Category {
  return value === 1 || value === 2 || value === 3;
}

export function subReasonFits(category: Category, subReason: string): subReason is SubReason {
  return (SUB_REASONS[category] as readonly string[]).includes(subReason);
}

/** Default materiality threshold: 1,000 kr = 100,000 øre; each municipality may set its own. */
export const DEFAULT_MATERIALITY_THRESHOLD_ORE = 100_000;

/** Largest item amount accepted (100 bn kr): 500 items of it still sum to a safe integer. */
export const MAX_ITEM_ORE = 10_000_000_000_000;
export const MAX_ITEMS = 500;
export const MAX_PARTS = 100;

// ---------------------------------------------------------------------------------------------
// Dates and periods

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const isoOf = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

/** A real calendar date `YYYY-MM-DD` (years 1900–2999). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= 1900 && y <= 2999 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export interface Period {
  year: number;
  /** 1–12, or 13 for the year-end supplementary period. */
  month: number;
}

const PERIOD = /^(\d{4})-(\d{2})$/;

/** `2024-03` or `2024-13` (supplementary period); null when not a period. */
export function parsePeriod(text: string): Period | null {
  const m = PERIOD.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (year < 1900 || year > 2999 || month < 1 || month > 13) return null;
  return { year, month };
}

export const formatPeriod = (p: Period) => `${pad(p.year, 4)}-${pad(p.month)}`;

export const isSupplementary = (p: Period) => p.month === 13;

/** The financial year whose accounts the period's postings belong to (the supplementary period's too). */
export const periodYear = (p: Period) => p.year;

/** The balance date the period reconciles: its last day; the supplementary period's is 31 December. */
export function periodEnd(p: Period): string {
  const month = Math.min(p.month, 12);
  return isoOf(p.year, month, daysInMonth(p.year, month));
}

/** The first day bookings of the period can be made: the supplementary period's is 1 January next year. */
export function periodStart(p: Period): string {
  return p.month === 13 ? isoOf(p.year + 1, 1, 1) : isoOf(p.year, p.month, 1);
}

/** A period that has not started by `today` (ISO date) cannot be reconciled yet. */
export function isFuturePeriod(p: Period, today: string): boolean {
  return periodStart(p) > today;
}

/** The ordinary period after this one (12 → 13 → next January; the supplementary period is skipped with `skipSupplementary`). */
export function nextPeriod(p: Period, skipSupplementary = true): Period {
  if (p.month === 13 || (p.month === 12 && skipSupplementary)) return { year: p.year + 1, month: 1 };
  return { year: p.year, month: p.month + 1 };
}

/** The cut-off date: items dated before it are older than one year at `end`. */
export function oneYearBefore(end: string): string {
  const m = ISO_DATE.exec(end);
  if (!m) throw new Error(`not an ISO date: ${end}`);
  const year = Number(m[1]) - 1;
  const month = Number(m[2]);
  const day = Math.min(Number(m[3]), daysInMonth(year, month));
  return isoOf(year, month, day);
}

// ---------------------------------------------------------------------------------------------
// Items and amounts

export interface ItemPart {
  amountOre: number;
  originDate: string;
}

export interface OpenItem {
  text: string;
  amountOre: number;
  /** When the item arose; for an item with parts, its earliest part's date. */
  originDate: string;
  reference?: string | null;
  /** An item that built up over time: its amounts by origin date, summing to amountOre. */
  parts?: ItemPart[] | null;
}

export interface ItemIssue {
  /** Path inside the items list: `items.1.parts.0.originDate`. */
  field: string;
  code:
    | 'item.amountNotInteger'
    | 'item.amountTooLarge'
    | 'item.originDateInvalid'
    | 'item.originAfterPeriodEnd'
    | 'item.partsSum'
    | 'item.originNotEarliestPart'
    | 'items.tooMany'
    | 'items.notAllowedInCategory1';
  message: Localized;
}

const isOre = (v: number) => Number.isSafeInteger(v);

function amountIssue(field: string, value: number): ItemIssue | null {
  if (!isOre(value)) {
    return {
      field,
      code: 'item.amountNotInteger',
      message: { da: 'Beløbet skal være et helt antal øre', sv: 'Beloppet ska vara ett helt antal öre', en: 'The amount must be a whole number of øre' },
    };
  }
  if (Math.abs(value) > MAX_ITEM_ORE) {
    return { field, code: 'item.amountTooLarge', message: { da: 'Beløbet er for stort', sv: 'Beloppet är för stort', en: 'The amount is too large' } };
  }
  return null;
}

function dateIssues(field: string, date: string, end: string): ItemIssue[] {
  if (!isIsoDate(date)) {
    return [
      {
        field,
        code: 'item.originDateInvalid',
        message: { da: 'Ugyldig dato (ÅÅÅÅ-MM-DD)', sv: 'Ogiltigt datum (ÅÅÅÅ-MM-DD)', en: 'Invalid date (YYYY-MM-DD)' },
      },
    ];
  }
  if (date > end) {
    return [
      {
        field,
        code: 'item.originAfterPeriodEnd',
        message: {
          da: `Posten opstod efter periodens slutdato ${end}`,
          sv: `Posten uppstod efter periodens slutdatum ${end}`,
          en: `The item arose after the period end ${end}`,
        },
      },
    ];
  }
  return [];
}

/** Everything wrong with the items of a reconciliation of `category` ending on `end`; empty when valid. */
export function validateItems(category: Category, items: readonly OpenItem[], end: string): ItemIssue[] {
  const issues: ItemIssue[] = [];
  if (items.length > MAX_ITEMS) {
    issues.push({
      field: 'items',
      code: 'items.tooMany',
      message: { da: `Højst ${MAX_ITEMS} poster`, sv: `Högst ${MAX_ITEMS} poster`, en: `At most ${MAX_ITEMS} items` },
    });
    return issues;
  }
  if (category === 1 && items.length > 0) {
    issues.push({
      field: 'items',
      code: 'items.notAllowedInCategory1',
      message: {
        da: 'En konto i kategori 1 har ingen åbne poster; vælg kategori 2 eller 3',
        sv: 'Ett konto i kategori 1 har inga öppna poster; välj kategori 2 eller 3',
        en: 'A category 1 account has no open items; choose category 2 or 3',
      },
    });
  }
  items.forEach((item, i) => {
    const at = `items.${i}`;
    const amount = amountIssue(`${at}.amountOre`, item.amountOre);
    if (amount) issues.push(amount);
    issues.push(...dateIssues(`${at}.originDate`, item.originDate, end));
    const parts = item.parts ?? [];
    if (parts.length === 0) return;
    let sum = 0;
    let partsOk = true;
    parts.forEach((part, j) => {
      const pa = amountIssue(`${at}.parts.${j}.amountOre`, part.amountOre);
      if (pa) {
        issues.push(pa);
        partsOk = false;
      } else sum += part.amountOre;
      const pd = dateIssues(`${at}.parts.${j}.originDate`, part.originDate, end);
      if (pd.length) partsOk = false;
      issues.push(...pd);
    });
    if (partsOk && !amount && sum !== item.amountOre) {
      issues.push({
        field: `${at}.parts`,
        code: 'item.partsSum',
        message: {
          da: 'Delbeløbene skal summere til postens beløb',
          sv: 'Delbeloppen ska summera till postens belopp',
          en: "The parts must sum to the item's amount",
        },
      });
    }
    if (partsOk && isIsoDate(item.originDate)) {
      const earliest = parts.map((p) => p.originDate).sort()[0]!;
      if (earliest !== item.originDate) {
        issues.push({
          field: `${at}.originDate`,
          code: 'item.originNotEarliestPart',
          message: {
            da: `Postens dato skal være den tidligste dels dato (${earliest})`,
            sv: `Postens datum ska vara den tidigaste delens datum (${earliest})`,
            en: `The item's date must be its earliest part's date (${earliest})`,
          },
        });
      }
    }
  });
  return issues;
}

function checkedSum(values: Iterable<number>): number {
  let sum = 0;
  for (const v of values) sum += v;
  if (!Number.isSafeInteger(sum)) throw new RangeError('amount sum outside the safe integer range');
  return sum;
}

/** The part of one item older than one year at `end` (same sign as the item's parts). */
export function itemOlderPart(item: OpenItem, end: string): number {
  const cutoff = oneYearBefore(end);
  const parts = item.parts?.length ? item.parts : [{ amountOre: item.amountOre, originDate: item.originDate }];
  return checkedSum(parts.filter((p) => p.originDate < cutoff).map((p) => p.amountOre));
}

export interface ItemTotals {
  /** Follow-up amount (opfølgningsbeløb): the sum of the items. */
  followUpOre: number;
  /** The part of the follow-up amount older than one year, computed item by item. */
  olderThanOneYearOre: number;
  /** The sum of the items' absolute amounts. */
  grossOre: number;
  itemCount: number;
}

/** The amounts of a reconciliation, computed from its items only (never typed in). */
export function itemTotals(items: readonly OpenItem[], end: string): ItemTotals {
  return {
    followUpOre: checkedSum(items.map((i) => i.amountOre)),
    olderThanOneYearOre: checkedSum(items.map((i) => itemOlderPart(i, end))),
    grossOre: checkedSum(items.map((i) => Math.abs(i.amountOre))),
    itemCount: items.length,
  };
}

// ---------------------------------------------------------------------------------------------
// Requirements

export type NeedCode = 'actionPlanMissing' | 'consequenceMissing';

export interface Need {
  code: NeedCode;
  field: string;
  message: Localized;
}

export interface RequirementInput {
  category: Category;
  followUpOre: number;
  thresholdOre: number;
  hasActionPlan: boolean;
  consequence: string | null | undefined;
}

/** |amount| ≥ threshold, compared on absolute values (−598,124 kr is far above 1,000 kr). */
export const isMaterial = (followUpOre: number, thresholdOre: number) => Math.abs(followUpOre) >= thresholdOre;

/**
 * What a reconciliation still needs: a category 2/3 account needs an action plan (target: back in
 * category 1 by the plan's deadline), and when its follow-up amount is material also a
 * consequence description (what is wrong in the accounts if nothing is done).
 */
export function reconciliationNeeds(r: RequirementInput): Need[] {
  if (r.category === 1) return [];
  const needs: Need[] = [];
  if (!r.hasActionPlan) {
    needs.push({
      code: 'actionPlanMissing',
      field: 'actionPlan',
      message: {
        da: `En konto i kategori ${r.category} skal have en handleplan, der bringer den tilbage i kategori 1`,
        sv: `Ett konto i kategori ${r.category} ska ha en åtgärdsplan som för tillbaka det till kategori 1`,
        en: `A category ${r.category} account needs an action plan that brings it back to category 1`,
      },
    });
  }
  if (isMaterial(r.followUpOre, r.thresholdOre) && !r.consequence?.trim()) {
    needs.push({
      code: 'consequenceMissing',
      field: 'consequence',
      message: {
        da: 'Opfølgningsbeløbet er over væsentlighedsgrænsen: beskriv konsekvensen for regnskabet, hvis intet gøres',
        sv: 'Uppföljningsbeloppet är över väsentlighetsgränsen: beskriv konsekvensen för redovisningen om inget görs',
        en: 'The follow-up amount is at or above the materiality threshold: describe the consequence for the accounts if nothing is done',
      },
    });
  }
  return needs;
}

// ---------------------------------------------------------------------------------------------
// Sign-off and de-certification

export type SignOffStatus = 'open' | 'signedOff' | 'approved';

export interface SignOff {
  status: SignOffStatus;
  preparedBy: string | null;
  approvedBy: string | null;
}

export const OPEN: SignOff = { status: 'open', preparedBy: null, approvedBy: null };

/**
 * A new ledger balance for a reconciliation: when it differs from the balance that was signed off
 * (or approved), the sign-off no longer certifies anything and is cleared.
 */
export function afterLedgerChange(current: SignOff, oldBalanceOre: number, newBalanceOre: number): { signOff: SignOff; decertified: boolean } {
  if (oldBalanceOre === newBalanceOre || current.status === 'open') return { signOff: current, decertified: false };
  return { signOff: OPEN, decertified: true };
}

export type SignOffRefusal = 'notOpen' | 'notSignedOff' | 'preparerCannotApprove';

/** The approval by `reviewer`, or why it is refused (segregation: the preparer cannot approve). */
export function approve(current: SignOff, reviewer: string): { ok: true; signOff: SignOff } | { ok: false; reason: SignOffRefusal } {
  if (current.status !== 'signedOff') return { ok: false, reason: 'notSignedOff' };
  if (current.preparedBy === reviewer) return { ok: false, reason: 'preparerCannotApprove' };
  return { ok: true, signOff: { ...current, status: 'approved', approvedBy: reviewer } };
}

export function signOff(current: SignOff, preparer: string): { ok: true; signOff: SignOff } | { ok: false; reason: SignOffRefusal } {
  if (current.status !== 'open') return { ok: false, reason: 'notOpen' };
  return { ok: true, signOff: { status: 'signedOff', preparedBy: preparer, approvedBy: null } };
}
