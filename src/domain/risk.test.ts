import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RISK_MODEL,
  FREQUENCIES,
  addMonths,
  assessAccount,
  backTest,
  monthRange,
  runRiskModel,
  type AccountHistory,
  type AccountMonth,
  type Frequency,
  type RiskModel,
} from './risk.js';

const months = (from: string, to: string, f: (period: string) => Partial<AccountMonth> = () => ({})): AccountMonth[] =>
  monthRange(from, to).map((period) => ({ period, category: 1, balanceOre: 0, transactions: 0, volumeOre: 0, ...f(period) }));

const history = (account: string, m: AccountMonth[], over: Partial<AccountHistory> = {}): AccountHistory => ({
  account,
  currentFrequency: 'monthly',
  knownIssues: 0,
  months: m,
  ...over,
});

describe('months', () => {
  it('adds months across years', () => {
    expect(addMonths('2024-11', 3)).toBe('2025-02');
    expect(addMonths('2024-01', -1)).toBe('2023-12');
    expect(monthRange('2024-10', '2025-03', 3)).toEqual(['2024-10', '2025-01']);
    expect(() => addMonths('2024-13', 1)).toThrow(RangeError);
  });
});

describe('assessAccount with the default model', () => {
  const busy = history(
    '90000001',
    months('2024-01', '2024-12', (p) => ({ balanceOre: p === '2024-12' ? 500_000_000 : 400_000_000, transactions: 100, volumeOre: 1_000_000_000 })),
  );

  it('lists each component’s contribution and the conclusion in da/sv/en', () => {
    const a = assessAccount(busy, '2024-12');
    expect(a.qualified).toBe(true);
    // balance 5 mio. of 10 → 10 points; 100 of 200 postings → 7.5; 10 of 20 mio. → 7.5;
    // volatility: one change of 1 mio. kr over 11 steps ≈ 90,909 kr ÷ mean |balance| 4,083,333 kr ≈ 2.2 % → 0.33;
    // category history 0; known issues 0
    expect(a.components.map((c) => [c.component, c.points])).toEqual([
      ['balance', 10],
      ['transactions', 7.5],
      ['volume', 7.5],
      ['volatility', 0.33],
      ['categoryHistory', 0],
      ['knownIssues', 0],
    ]);
    expect(a.score).toBe(25.33);
    expect(a.frequency).toBe('quarterly');
    expect(a.reasons).toHaveLength(7);
    expect(a.reasons[0]).toEqual({
      da: 'Saldo: 5.000.000 kr → 10 af 20 point',
      sv: 'Saldo: 5\u00a0000\u00a0000 kr → 10 av 20 poäng',
      en: 'Balance: 5,000,000 kr → 10 of 20 points',
    });
    expect(a.reasons[6]!.en).toBe('Risk score 25.3 (monthly from 40, quarterly from 20): quarterly reconciliation.');
    expect(a.reasons[6]!.da).toContain('kvartalsvis afstemning');
  });

  it('a known audit remark adds its weight and keeps the account monthly', () => {
    const a = assessAccount({ ...busy, knownIssues: 1 }, '2024-12');
    expect(a.score).toBe(45.33);
    expect(a.frequency).toBe('monthly');
  });

  it('a quiet account is reconciled half-yearly', () => {
    const a = assessAccount(
      history(
        '90000002',
        months('2024-01', '2024-12', () => ({ balanceOre: 100_000 })),
      ),
      '2024-12',
    );
    expect(a.score).toBe(0); // 1,000 kr of 10 mio. → 0.002 points, rounded to 0
    expect(a.frequency).toBe('halfYearly');
  });

  it('only accounts in category 1 for the three most recent consecutive months take part', () => {
    const m = months('2024-01', '2024-12', (p) => ({ category: p === '2024-10' ? 2 : 1 }));
    const quarterly = history('90000003', m, { currentFrequency: 'quarterly' });
    const out = assessAccount(quarterly, '2024-12');
    expect(out.qualified).toBe(false);
    expect(out.frequency).toBe('quarterly');
    expect(out.reasons[0]!.en).toBe(
      'Does not take part: category 2 in 2024-10 (category 1 is required for the last 3 months); keeps quarterly reconciliation.',
    );
    expect(assessAccount(quarterly, '2025-01').qualified).toBe(false); // no reconciliation for 2025-01
    expect(assessAccount(quarterly, '2024-09').qualified).toBe(true);
    const gap = history(
      '90000004',
      months('2024-01', '2024-12').filter((x) => x.period !== '2024-11'),
    );
    expect(assessAccount(gap, '2024-12').reasons[0]!.da).toContain('ingen afstemning for 2024-11');
  });

  it('ignores history after the run month', () => {
    const m = months('2024-01', '2024-12', (p) => ({ category: p > '2024-06' ? 3 : 1 }));
    expect(assessAccount(history('90000005', m), '2024-06').qualified).toBe(true);
  });

  it('refuses a bad model', () => {
    const bad: RiskModel = { ...DEFAULT_RISK_MODEL, quarterlyFrom: 50, monthlyFrom: 40 };
    expect(() => assessAccount(busy, '2024-12', bad)).toThrow(/quarterlyFrom/);
  });

  it('score is the sum of its points, within the weights, and more risk never lowers the frequency', () => {
    const month = fc.record({
      balanceOre: fc.integer({ min: -1e12, max: 1e12 }),
      transactions: fc.integer({ min: 0, max: 1000 }),
      volumeOre: fc.integer({ min: 0, max: 1e11 }),
    });
    fc.assert(
      fc.property(fc.array(month, { minLength: 12, maxLength: 12 }), fc.integer({ min: 0, max: 3 }), (ms, issues) => {
        const h = history(
          '90000006',
          ms.map((x, i) => ({ ...x, period: addMonths('2024-01', i), category: 1 as const })),
          { knownIssues: issues },
        );
        const a = assessAccount(h, '2024-12');
        const total = Object.values(DEFAULT_RISK_MODEL.weights).reduce((s, w) => s + w, 0);
        expect(a.score!).toBeGreaterThanOrEqual(0);
        expect(a.score!).toBeLessThanOrEqual(total);
        expect(a.score!).toBeCloseTo(
          a.components.reduce((s, c) => s + c.points, 0),
          9,
        );
        const more = assessAccount({ ...h, knownIssues: issues + 1 }, '2024-12');
        expect(FREQUENCIES.indexOf(more.frequency)).toBeLessThanOrEqual(FREQUENCIES.indexOf(a.frequency));
      }),
      { numRuns: 200 },
    );
  });
});

describe('backTest on a hand-computed history', () => {
  /**
   * Model: only the balance (60 points at 10,000 kr) and known issues (40 points at 1) count.
   * Monthly from 50, quarterly from 20, half-yearly below.
   */
  const model: RiskModel = {
    ...DEFAULT_RISK_MODEL,
    weights: { balance: 60, transactions: 0, volume: 0, volatility: 0, categoryHistory: 0, knownIssues: 40 },
    saturation: { ...DEFAULT_RISK_MODEL.saturation, balance: 1_000_000 },
    monthlyFrom: 50,
    quarterlyFrom: 20,
  };
  const year = (f: (p: string) => Partial<AccountMonth> = () => ({})) => months('2024-01', '2024-12', f);
  const histories: AccountHistory[] = [
    // A: 1,000 kr → 6 points → half-yearly. Run 06: lowered, next 2024-12 in category 1 (not worse).
    //    Run 09: lowered again, next 2025-03 beyond the history (not observed).
    history(
      'A',
      year(() => ({ balanceOre: 100_000 })),
    ),
    // B: 5,000 kr → 30 points → quarterly. Run 06: lowered, next 2024-09 is category 2 (worse).
    //    Run 09: category 2 in 2024-09 → does not take part.
    history(
      'B',
      year((p) => ({ balanceOre: 500_000, category: p === '2024-09' ? 2 : 1 })),
    ),
    // C: 20,000 kr → 60 points (capped) → monthly in both runs: stays monthly.
    history(
      'C',
      year(() => ({ balanceOre: 2_000_000 })),
    ),
    // D: category 2 in May → not in run 06 (needs April-June in category 1).
    //    Run 09: 3,000 kr → 18 points → half-yearly: lowered, next 2025-03 not observed.
    history(
      'D',
      year((p) => ({ balanceOre: 300_000, category: p === '2024-05' ? 2 : 1 })),
    ),
    // E: balance 0, one known remark → 40 points → quarterly. Run 06: lowered, next 2024-09 is not in
    //    its history (ends 2024-08): not observed. Run 09: no reconciliation for 2024-09 → out.
    history('E', months('2024-01', '2024-08'), { knownIssues: 1 }),
    // F: already quarterly; 6,000 kr → 36 points → quarterly in both runs: qualified, neither lowered nor monthly.
    history(
      'F',
      year(() => ({ balanceOre: 600_000 })),
      { currentFrequency: 'quarterly' },
    ),
  ];

  it('counts qualified, lowered, monthly and worse by hand', () => {
    const r = backTest(histories, ['2024-06', '2024-09'], model);
    // run 06: A B C E F qualify (5); lowered A B E (3); monthly C (1)
    // run 09: A C D F qualify (4); lowered A D (2); monthly C (1)
    expect(r.runs).toEqual([
      { asOf: '2024-06', qualified: 5, lowered: 3, stayedMonthly: 1 },
      { asOf: '2024-09', qualified: 4, lowered: 2, stayedMonthly: 1 },
    ]);
    expect(r.distinctQualified).toBe(6); // A B C D E F
    expect(r.qualifiedAssessments).toBe(9);
    expect(r.qualifiedPerRun).toBe(4.5);
    expect(r.lowered).toBe(5);
    expect(r.loweredShare).toBeCloseTo(5 / 9, 12);
    expect(r.stayedMonthly).toBe(2);
    expect(r.stayedMonthlyShare).toBeCloseTo(2 / 9, 12);
    // observed next reconciliations: A (2024-12, category 1) and B (2024-09, category 2)
    expect(r.loweredObserved).toBe(2);
    expect(r.loweredWorse).toBe(1);
    expect(r.worseShare).toBe(0.5);
  });

  it('runRiskModel gives the frequencies the back-test used', () => {
    const byAccount = Object.fromEntries(runRiskModel(histories, '2024-06', model).map((a) => [a.account, a.frequency]));
    expect(byAccount).toEqual<Record<string, Frequency>>({
      A: 'halfYearly',
      B: 'quarterly',
      C: 'monthly',
      D: 'monthly', // did not take part: keeps its frequency
      E: 'quarterly',
      F: 'quarterly',
    });
  });

  it('an empty range gives zero shares, not NaN', () => {
    const r = backTest(histories, [], model);
    expect([r.loweredShare, r.stayedMonthlyShare, r.worseShare, r.qualifiedPerRun]).toEqual([0, 0, 0, 0]);
  });
});
