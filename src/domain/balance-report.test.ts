import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ReportInputError,
  accountFigures,
  balanceByImFunction,
  buildBalanceReport,
  categorySummary,
  committeeSections,
  olderPartOfItem,
  olderThanOneYearOverview,
  validateAccounts,
  writeOffSection,
  type ReportAccount,
  type WriteOff,
} from './balance-report.js';
import bif from './fixtures/bif-balance-2024.json' with { type: 'json' };
import categoryFixture from './fixtures/category-summary.json' with { type: 'json' };
import olderFixture from './fixtures/older-than-one-year.json' with { type: 'json' };
import { IM_NAMES, TKR, categorySummaryAccounts, olderThanOneYearAccounts } from './fixtures/test-fixtures.js';
import { kronerToOre, toThousands } from './money.js';
import { oneYearBefore } from './reconciliation.js';

const PERIOD_END = '2024-12-31';

/** BIF's category 2 accounts at item level, as the import will deliver them (amounts in øre). */
function bifAccounts(): ReportAccount[] {
  return bif.accounts.map((a) => ({
    account: a.account,
    name: a.name,
    im: a.im,
    department: bif.department,
    committee: bif.committee,
    category: a.category as 2,
    balanceOre: 0,
    items: a.items.map((i) => ({
      amountOre: kronerToOre(i.amountKr),
      olderThanOneYearOre: 'olderKr' in i && typeof i.olderKr === 'number' ? kronerToOre(i.olderKr) : 0,
    })),
  }));
}

const account = (over: Partial<ReportAccount> = {}): ReportAccount => ({
  account: '12345678',
  name: 'Test',
  im: '9.28.15',
  department: 'BIF',
  committee: 'BIU',
  category: 2,
  balanceOre: 0,
  items: [],
  ...over,
});

describe('older than one year', () => {
  it('is the same day a year earlier (29 February → 28 February)', () => {
    expect(oneYearBefore('2024-12-31')).toBe('2023-12-31');
    expect(oneYearBefore('2024-02-29')).toBe('2023-02-28');
  });

  it('counts items dated before that day, not the day itself', () => {
    expect(olderPartOfItem({ amountOre: 500, originDate: '2023-12-30' }, PERIOD_END)).toBe(500);
    expect(olderPartOfItem({ amountOre: 500, originDate: '2023-12-31' }, PERIOD_END)).toBe(0);
    expect(olderPartOfItem({ amountOre: 500 }, PERIOD_END)).toBe(0);
    expect(olderPartOfItem({ amountOre: -500, olderThanOneYearOre: -200, originDate: '2020-01-01' }, PERIOD_END)).toBe(-200);
  });

  it('an account can be older than one year by more than its net follow-up amount (BIF 91403000)', () => {
    const a = bifAccounts().find((x) => x.account === '91403000')!;
    const f = accountFigures(a, PERIOD_END);
    // item amounts sum to 14,948 kr and 29,915 kr; the source printed 14,947 and 29,914 (it rounded)
    expect(f).toEqual({ followUpOre: 1_494_800, olderThanOneYearOre: 2_991_500 });
    const printed = bif.accounts.find((x) => x.account === '91403000')!;
    expect(toThousands(f.followUpOre)).toBe(toThousands(kronerToOre(printed.printedFollowUpKr)));
    expect(toThousands(f.olderThanOneYearOre)).toBe(toThousands(kronerToOre(printed.printedOlderKr)));
  });

  it('a category 1 account has no follow-up amount', () => {
    expect(accountFigures(account({ category: 1, items: [{ amountOre: 99, originDate: '2020-01-01' }] }), PERIOD_END)).toEqual({
      followUpOre: 0,
      olderThanOneYearOre: 0,
    });
  });
});

describe('section 2: the committee table of BIF (bif-balance-2024.json)', () => {
  const [section, ...others] = committeeSections(bifAccounts(), {
    periodEnd: bif.reconciliationDate,
    materialityThresholdOre: kronerToOre(bif.materialityThresholdKr),
    imNames: IM_NAMES,
  });

  it('is exactly the expected committee table', () => {
    expect(others).toHaveLength(0);
    expect(section!.committee).toBe('BIU');
    const rows = section!.table.rows.map((r) => ({
      im: r.im,
      name: r.name,
      accounts: r.tkr.accounts,
      total: r.tkr.followUpTotal,
      category2: r.tkr.category2,
      category3: r.tkr.category3,
      olderAccounts: r.tkr.olderAccounts,
      olderCategory2: r.tkr.olderCategory2,
      olderCategory3: r.tkr.olderCategory3,
    }));
    expect(rows).toEqual(bif.expectedCommitteeTable.rows);
    const t = section!.table.total.tkr;
    expect({
      accounts: t.accounts,
      total: t.followUpTotal,
      category2: t.category2,
      category3: t.category3,
      olderAccounts: t.olderAccounts,
      olderCategory2: t.olderCategory2,
      olderCategory3: t.olderCategory3,
    }).toEqual(bif.expectedCommitteeTable.total);
  });

  it('ranks the accounts by category and account number and marks the material ones', () => {
    expect(section!.accounts.map((a) => a.account)).toEqual(['91403000', '95600016', '95600017', '95900022', '95900023', '95900027']);
    // all six are above 1,000 kr in absolute value (-598,124 kr is far above it)
    expect(section!.accounts.every((a) => a.needsActionPlan && a.needsConsequenceDescription)).toBe(true);
    const strict = committeeSections(bifAccounts(), { periodEnd: PERIOD_END, materialityThresholdOre: kronerToOre(5_568) });
    expect(strict[0]!.accounts.filter((a) => a.needsConsequenceDescription).map((a) => a.account)).toEqual(['91403000', '95600016', '95600017', '95900027']);
  });

  it('compares the absolute follow-up amount with the threshold, at the threshold included', () => {
    const [s] = committeeSections(
      [
        account({ account: '10000001', items: [{ amountOre: -100_000 }] }),
        account({ account: '10000002', items: [{ amountOre: 99_999 }] }),
        account({ account: '10000003', category: 3, items: [{ amountOre: -99_999 }] }),
      ],
      { periodEnd: PERIOD_END },
    );
    expect(s!.accounts.map((a) => [a.account, a.category, a.needsConsequenceDescription])).toEqual([
      ['10000001', 2, true],
      ['10000002', 2, false],
      ['10000003', 3, false],
    ]);
  });
});

describe('section 3: write-offs (bif-balance-2024.json)', () => {
  const wo = bif.writeOffsTkr;
  const writeOffs: WriteOff[] = [
    ...wo.operations.map((r) => ({
      kind: 'operations' as const,
      committee: 'BIU',
      im: r.im,
      imName: r.name,
      appropriation: r.appropriation,
      amountOre: r.amount * TKR,
    })),
    ...wo.balanceOnly.map((r) => ({
      kind: 'balanceOnly' as const,
      committee: 'BIU',
      im: r.im,
      imName: r.name,
      appropriation: r.appropriation,
      amountOre: r.amount * TKR,
    })),
    ...wo.other.map((r) => ({ kind: 'other' as const, committee: 'BIU', im: r.im, imName: r.name, amountOre: r.amount * TKR })),
    { kind: 'other', committee: 'SOU', im: '5.38.42', amountOre: 999 * TKR },
  ];

  it('gives the totals 168, 29,374 and 3,245 t.kr.', () => {
    const s = writeOffSection(writeOffs, 'BIU');
    expect(s.operations.total.tkr.amount).toBe(168);
    expect(s.balanceOnly.total.tkr.amount).toBe(29_374);
    expect(s.other.total.tkr.amount).toBe(3_245);
    expect([wo.operationsTotal, wo.balanceOnlyTotal, wo.otherTotal]).toEqual([168, 29_374, 3_245]);
    expect(s.operations.rows.map((r) => [r.im, r.appropriation, r.amount.tkr.amount])).toEqual(wo.operations.map((r) => [r.im, r.appropriation, r.amount]));
    expect(s.other.rows.map((r) => r.im)).toEqual(wo.other.map((r) => r.im));
  });

  it('sums postings on the same function and appropriation, and rounds each cell on its own', () => {
    const s = writeOffSection(
      [
        { kind: 'operations', committee: 'X', im: '5.57.73', appropriation: 'A', amountOre: 40_000 },
        { kind: 'operations', committee: 'X', im: '5.57.73', appropriation: 'A', amountOre: 20_000 },
        { kind: 'operations', committee: 'X', im: '5.57.72', appropriation: 'A', amountOre: 60_000 },
      ],
      'X',
    );
    expect(s.operations.rows.map((r) => r.amount.tkr.amount)).toEqual([1, 1]);
    expect(s.operations.total.tkr.amount).toBe(1); // 1,200 kr: printed parts 1 + 1, printed total 1
  });

  it('names the field of a bad write-off', () => {
    try {
      writeOffSection([{ kind: 'operations', committee: 'X', im: '5.57', amountOre: 1.5 }], 'X');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ReportInputError);
      expect((e as ReportInputError).issues.map((i) => i.field)).toEqual(['writeOffs[0].amountOre', 'writeOffs[0].im']);
    }
  });
});

describe('section 1: categories against the previous year (category-summary.json)', () => {
  const current = categorySummaryAccounts('2024', 2024);
  const previous = categorySummaryAccounts('2023', 2023);
  const summary = categorySummary(current, previous, { periodEnd: PERIOD_END });
  const printed = (t: NonNullable<typeof summary.previous>) =>
    Object.fromEntries(Object.entries(t).map(([k, v]) => [k, { accounts: v.tkr.accounts, net: v.tkr.net }]));

  it('reproduces both years from item-level accounts', () => {
    expect(current.length).toBe(2412 + 4); // four equity accounts that count in amounts only
    expect(printed(summary.current)).toEqual(categoryFixture.years['2024']);
    expect(printed(summary.previous!)).toEqual(categoryFixture.years['2023']);
    expect(summary.responsibility).toEqual(categoryFixture.responsibility);
  });

  it('computes the change (categories 2 and 3 differ from the printed change column)', () => {
    expect(printed(summary.change!)).toEqual(categoryFixture.computedChange);
    expect(printed(summary.change!)['2']).not.toEqual(categoryFixture.printedChange['2']);
    expect(printed(summary.change!)['3']).not.toEqual(categoryFixture.printedChange['3']);
  });

  it('the whole balance nets to 0 øre', () => {
    expect(summary.current.total.ore.net).toBe(0);
    expect(summary.previous!.total.ore.net).toBe(0);
  });

  it('counts equity accounts in the table 1.1 amounts, not in its number of accounts', () => {
    const table = balanceByImFunction(current, { periodEnd: PERIOD_END, imNames: IM_NAMES });
    const equity = table.rows.find((r) => r.im === '9.75.99')!;
    expect(equity.ore.accounts).toBe(0);
    expect(equity.ore.balance).not.toBe(0);
    expect(table.total.ore.accounts).toBe(2412);
    expect(table.total.ore.balance).toBe(0);
  });
});

describe('section 1: the older-than-one-year overview (older-than-one-year.json)', () => {
  const accounts = olderThanOneYearAccounts(17);
  const overview = olderThanOneYearOverview(accounts, { periodEnd: PERIOD_END, imNames: IM_NAMES });

  it('reproduces the rows and the totals 2,596 and -12 t.kr. from item dates', () => {
    const key = (r: { im: string; department: string; category: number; amount: number; subject: string }) =>
      `${r.im}|${r.department}|${r.category}|${r.subject}|${r.amount}`;
    const got = overview.rows.map((r) => key({ im: r.im, department: r.department, category: r.category, subject: r.name, amount: r.amount.tkr.older }));
    expect(got.sort()).toEqual(olderFixture.rows.map(key).sort());
    expect(overview.totals.category2.tkr.older).toBe(olderFixture.totals.category2);
    expect(overview.totals.category3.tkr.older).toBe(olderFixture.totals.category3);
  });

  it('is in chart order', () => {
    const ims = overview.rows.map((r) => r.im);
    expect(ims).toEqual([...ims].sort());
  });
});

describe('the whole report', () => {
  it('puts the sections together and validates everything first', () => {
    const report = buildBalanceReport({ accounts: bifAccounts(), writeOffs: [] }, { periodEnd: PERIOD_END, imNames: IM_NAMES });
    expect(report.section2).toHaveLength(1);
    expect(report.section1.table.total.tkr.followUpTotal).toBe(-601);
    expect(report.section1.olderThanOneYear.totals.category2.tkr.older).toBe(30);
    expect(report.section3).toEqual([]);
  });

  it('reports every bad field at once and computes nothing', () => {
    const bad = [
      account({ account: '1234567' }),
      account({ account: '12345678', im: '928.14', category: 4 as 2, balanceOre: 0.5 }),
      account({
        account: '12345678',
        items: [
          { amountOre: 100, olderThanOneYearOre: -50 },
          { amountOre: 1, originDate: '2024-02-30' },
        ],
      }),
    ];
    const issues = validateAccounts(bad, PERIOD_END);
    expect(issues.map((i) => i.field)).toEqual([
      'accounts[0].account',
      'accounts[1].im',
      'accounts[1].category',
      'accounts[1].balanceOre',
      'accounts[2].account',
      'accounts[2].items[0].olderThanOneYearOre',
      'accounts[2].items[1].originDate',
    ]);
    expect(issues[0]!.message.da).toContain('8 cifre');
    expect(() => buildBalanceReport({ accounts: bad }, { periodEnd: PERIOD_END })).toThrow(ReportInputError);
    expect(validateAccounts([], '2024-13-01').map((i) => i.field)).toEqual(['periodEnd']);
  });

  it('table 1.1: parts sum to the total in øre, and each printed cell is its own rounding', () => {
    const amount = fc.integer({ min: -1e12, max: 1e12 });
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            im: fc.constantFrom('9.28.14', '9.28.15', '9.52.59', '9.75.99'),
            category: fc.constantFrom(1 as const, 2 as const, 3 as const),
            balanceOre: amount,
            items: fc.array(fc.record({ amountOre: amount, originDate: fc.constantFrom('2022-05-01', '2024-05-01') }), { maxLength: 3 }),
          }),
          { maxLength: 25 },
        ),
        (rows) => {
          const accounts = rows.map((r, i) => account({ ...r, account: String(10_000_000 + i) }));
          const table = balanceByImFunction(accounts, { periodEnd: PERIOD_END });
          const t = table.total.ore;
          expect(t.category2 + t.category3).toBe(t.followUpTotal);
          expect(t.category1 + t.followUpTotal).toBe(t.balance);
          expect(t.accounts).toBe(accounts.filter((a) => a.im !== '9.75.99').length);
          for (const r of table.rows) {
            for (const k of ['balance', 'category1', 'followUpTotal', 'category2', 'category3'] as const) {
              expect(r.tkr[k]).toBe(toThousands(r.ore[k]));
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
