import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALL_SUB_REASONS,
  CATEGORIES,
  DEFAULT_MATERIALITY_THRESHOLD_ORE,
  OPEN,
  SUB_REASONS,
  afterLedgerChange,
  approve,
  formatPeriod,
  isFuturePeriod,
  isIsoDate,
  itemOlderPart,
  itemTotals,
  nextPeriod,
  oneYearBefore,
  parsePeriod,
  periodEnd,
  periodStart,
  periodYear,
  reconciliationNeeds,
  signOff,
  subReasonFits,
  validateItems,
  type OpenItem,
} from './reconciliation.js';

const kr = (n: number) => n * 100;

/**
 * Account 91403000 of the employment department at 31.12.2024 (figures copied from the municipality's
 * report): a credit note never posted (43,459 kr, all older than one year) and repayments that
 * built up over time (−28,511 kr, of which −13,544 kr older than one year). The split date of the
 * second item is ours; the source gives only the split amounts.
 */
const account91403000: OpenItem[] = [
  { text: 'Kreditnota ikke driftsbogført', amountOre: kr(43_459), originDate: '2023-05-31' },
  {
    text: 'Tilbagebetaling af for meget indbetalt',
    amountOre: kr(-28_511),
    originDate: '2023-09-30',
    parts: [
      { amountOre: kr(-13_544), originDate: '2023-09-30' },
      { amountOre: kr(-14_967), originDate: '2024-04-30' },
    ],
  },
];

describe('categories and sub-reasons', () => {
  it('each sub-reason belongs to exactly one category', () => {
    for (const reason of ALL_SUB_REASONS) expect(CATEGORIES.filter((c) => subReasonFits(c, reason))).toHaveLength(1);
    expect(subReasonFits(1, 'noRemarks')).toBe(true);
    expect(subReasonFits(2, 'noRemarks')).toBe(false);
    expect(SUB_REASONS[3]).toContain('documentationMissing');
  });
});

describe('periods', () => {
  it('parses months and the supplementary period, and refuses the rest', () => {
    expect(parsePeriod('2024-03')).toEqual({ year: 2024, month: 3 });
    expect(parsePeriod('2024-13')).toEqual({ year: 2024, month: 13 });
    for (const bad of ['2024-00', '2024-14', '2024-3', '24-03', '2024/03', '', '2024-03-01']) expect(parsePeriod(bad)).toBeNull();
  });
  it('ends on the last day of the month; the supplementary period ends on 31 December of its own year', () => {
    expect(periodEnd({ year: 2024, month: 2 })).toBe('2024-02-29');
    expect(periodEnd({ year: 2023, month: 2 })).toBe('2023-02-28');
    expect(periodEnd({ year: 2024, month: 13 })).toBe('2024-12-31');
    expect(periodYear({ year: 2024, month: 13 })).toBe(2024);
    expect(periodStart({ year: 2024, month: 13 })).toBe('2025-01-01');
  });
  it('refuses periods that have not started', () => {
    expect(isFuturePeriod({ year: 2025, month: 7 }, '2025-06-30')).toBe(true);
    expect(isFuturePeriod({ year: 2025, month: 6 }, '2025-06-01')).toBe(false);
    expect(isFuturePeriod({ year: 2024, month: 13 }, '2024-12-31')).toBe(true);
    expect(isFuturePeriod({ year: 2024, month: 13 }, '2025-01-01')).toBe(false);
  });
  it('string order is period order, the supplementary period between December and January', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2998 }), fc.integer({ min: 1, max: 13 }), (year, month) => {
        const p = { year, month };
        const text = formatPeriod(p);
        expect(parsePeriod(text)).toEqual(p);
        const n = formatPeriod(nextPeriod(p, false));
        expect(n > text).toBe(true);
        expect(periodEnd(p) >= periodStart({ year, month: Math.min(month, 12) })).toBe(true);
      }),
    );
  });
});

describe('older than one year', () => {
  it('uses the same day one year before the period end as the cut-off', () => {
    expect(oneYearBefore('2024-12-31')).toBe('2023-12-31');
    expect(oneYearBefore('2024-02-29')).toBe('2023-02-28');
    const end = '2024-12-31';
    const item = (originDate: string): OpenItem => ({ text: 'x', amountOre: 500, originDate });
    expect(itemOlderPart(item('2023-12-30'), end)).toBe(500);
    expect(itemOlderPart(item('2023-12-31'), end)).toBe(0);
    expect(itemOlderPart(item('2024-06-01'), end)).toBe(0);
  });

  it('reproduces account 91403000: 43,459 kr older, and −13,544 kr of the second item', () => {
    const totals = itemTotals(account91403000, '2024-12-31');
    // The source prints 14,947 and 29,914: its item texts sum to 1 kr more (the source rounded).
    expect(totals).toEqual({ followUpOre: kr(14_948), olderThanOneYearOre: kr(29_915), grossOre: kr(71_970), itemCount: 2 });
    expect(itemOlderPart(account91403000[1]!, '2024-12-31')).toBe(kr(-13_544));
    expect(validateItems(2, account91403000, '2024-12-31')).toEqual([]);
    // A year later every part is older than one year.
    expect(itemTotals(account91403000, '2025-12-31').olderThanOneYearOre).toBe(kr(14_948));
  });

  const date = fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2024, 11, 31) }).map((t) => new Date(t).toISOString().slice(0, 10));
  const item = fc.record({ text: fc.constant('post'), amountOre: fc.integer({ min: -1e10, max: 1e10 }), originDate: date });

  it('follow-up amount is the sum; the older part is the sum of the older items; gross bounds both', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 30 }), (items) => {
        const end = '2024-12-31';
        const t = itemTotals(items, end);
        expect(t.followUpOre).toBe(items.reduce((s, i) => s + i.amountOre, 0));
        expect(t.olderThanOneYearOre).toBe(items.filter((i) => i.originDate < '2023-12-31').reduce((s, i) => s + i.amountOre, 0));
        expect(Math.abs(t.followUpOre)).toBeLessThanOrEqual(t.grossOre);
        expect(Math.abs(t.olderThanOneYearOre)).toBeLessThanOrEqual(t.grossOre);
        expect(Number.isSafeInteger(t.followUpOre) && Number.isSafeInteger(t.olderThanOneYearOre)).toBe(true);
      }),
    );
  });

  it('splitting an item into parts of the same date changes nothing; a later period end never makes positive items younger', () => {
    fc.assert(
      fc.property(item, fc.integer({ min: 0, max: 1e10 }), fc.integer({ min: 0, max: 400 }), (it0, cut, days) => {
        const end = '2024-12-31';
        const a = Math.min(cut, Math.abs(it0.amountOre)) * Math.sign(it0.amountOre || 1);
        const split: OpenItem = {
          ...it0,
          parts: [
            { amountOre: a, originDate: it0.originDate },
            { amountOre: it0.amountOre - a, originDate: it0.originDate },
          ],
        };
        expect(validateItems(2, [split], end)).toEqual([]);
        expect(itemOlderPart(split, end)).toBe(itemOlderPart(it0, end));
        const positive = { ...it0, amountOre: Math.abs(it0.amountOre) };
        const later = new Date(Date.UTC(2024, 11, 31 + days)).toISOString().slice(0, 10);
        expect(itemOlderPart(positive, later)).toBeGreaterThanOrEqual(itemOlderPart(positive, end));
      }),
    );
  });
});

describe('validateItems', () => {
  const end = '2024-12-31';
  const codes = (items: OpenItem[], category: 1 | 2 | 3 = 2) => validateItems(category, items, end).map((i) => [i.field, i.code]);
  it('names each bad field', () => {
    expect(codes([{ text: 'x', amountOre: 12.5, originDate: '2024-01-01' }])).toEqual([['items.0.amountOre', 'item.amountNotInteger']]);
    expect(codes([{ text: 'x', amountOre: 1, originDate: '2024-02-30' }])).toEqual([['items.0.originDate', 'item.originDateInvalid']]);
    expect(codes([{ text: 'x', amountOre: 1, originDate: '2025-01-01' }])).toEqual([['items.0.originDate', 'item.originAfterPeriodEnd']]);
    expect(codes([{ text: 'x', amountOre: 1, originDate: '2024-01-01' }], 1)).toEqual([['items', 'items.notAllowedInCategory1']]);
    expect(
      codes([
        {
          text: 'x',
          amountOre: 10,
          originDate: '2024-01-01',
          parts: [
            { amountOre: 4, originDate: '2024-01-01' },
            { amountOre: 5, originDate: '2024-02-01' },
          ],
        },
      ]),
    ).toEqual([['items.0.parts', 'item.partsSum']]);
    expect(
      codes([
        {
          text: 'x',
          amountOre: 9,
          originDate: '2024-02-01',
          parts: [
            { amountOre: 4, originDate: '2024-01-01' },
            { amountOre: 5, originDate: '2024-02-01' },
          ],
        },
      ]),
    ).toEqual([['items.0.originDate', 'item.originNotEarliestPart']]);
    expect(codes([{ text: 'x', amountOre: Number.MAX_SAFE_INTEGER, originDate: '2024-01-01' }])).toEqual([['items.0.amountOre', 'item.amountTooLarge']]);
  });
  it('isIsoDate knows the calendar', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
  });
});

describe('requirements', () => {
  const t = DEFAULT_MATERIALITY_THRESHOLD_ORE;
  const needs = (category: 1 | 2 | 3, followUpOre: number, hasActionPlan = false, consequence: string | null = null) =>
    reconciliationNeeds({ category, followUpOre, thresholdOre: t, hasActionPlan, consequence }).map((n) => n.code);
  it('category 1 needs nothing', () => expect(needs(1, kr(-598_124))).toEqual([]));
  it('category 2/3 needs a plan; a consequence from the threshold on, on the absolute amount', () => {
    expect(needs(2, kr(999))).toEqual(['actionPlanMissing']);
    expect(needs(3, kr(1_000))).toEqual(['actionPlanMissing', 'consequenceMissing']);
    expect(needs(2, kr(-598_124), true)).toEqual(['consequenceMissing']);
    expect(needs(2, kr(-1_000), true, '   ')).toEqual(['consequenceMissing']);
    expect(needs(2, kr(-1_000), true, 'Kommunen skylder staten beløbet.')).toEqual([]);
    expect(needs(2, kr(-999) - 99, true)).toEqual([]);
  });
});

describe('sign-off and de-certification', () => {
  it('the preparer cannot approve; someone else can', () => {
    const s = signOff(OPEN, 'anna');
    expect(s.ok).toBe(true);
    if (!s.ok) return;
    expect(approve(s.signOff, 'anna')).toEqual({ ok: false, reason: 'preparerCannotApprove' });
    expect(approve(s.signOff, 'bo')).toEqual({ ok: true, signOff: { status: 'approved', preparedBy: 'anna', approvedBy: 'bo' } });
    expect(approve(OPEN, 'bo')).toEqual({ ok: false, reason: 'notSignedOff' });
    expect(signOff(s.signOff, 'bo')).toEqual({ ok: false, reason: 'notOpen' });
  });
  it('a changed ledger balance clears a sign-off; an unchanged one keeps it', () => {
    fc.assert(
      fc.property(fc.constantFrom('open', 'signedOff', 'approved'), fc.integer(), fc.integer(), (status, a, b) => {
        const current = { status, preparedBy: status === 'open' ? null : 'anna', approvedBy: status === 'approved' ? 'bo' : null } as const;
        const r = afterLedgerChange(current, a, b);
        expect(r.decertified).toBe(a !== b && status !== 'open');
        expect(r.signOff).toEqual(r.decertified ? OPEN : current);
      }),
    );
  });
});
