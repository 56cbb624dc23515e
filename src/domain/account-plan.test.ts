import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountPlanProgress, defaultTarget, planCovers, targetNamesCategory1, type ReconciliationPoint } from './account-plan.js';
import { parseDeadline, type Deadline } from './deadline.js';
import { checkPlan, type AccountSubject, type PlanForCheck } from './guidance.js';
import { LOCALES } from './i18n.js';
import { DEFAULT_MATERIALITY_THRESHOLD_ORE, reconciliationNeeds, type Category } from './reconciliation.js';

function dl(input: string): Deadline {
  const result = parseDeadline(input);
  if (!result.ok) throw new Error(result.error.message.en);
  return result.value;
}

/**
 * A hand-made history of one account: category 3 at the 2024 year end (the plan is made for the
 * supplementary period), still category 2 in January and February 2025, category 1 in March, and
 * back in category 2 in June.
 */
const history: ReconciliationPoint[] = [
  { period: '2024-11', category: 1 },
  { period: '2024-12', category: 3 },
  { period: '2024-13', category: 3 },
  { period: '2025-01', category: 2 },
  { period: '2025-02', category: 2 },
  { period: '2025-03', category: 1 },
  { period: '2025-04', category: 1 },
  { period: '2025-06', category: 2 },
];

describe('accountPlanProgress', () => {
  it('is reached at the first category 1 reconciliation after the plan, with its balance date, on time when by the deadline', () => {
    expect(accountPlanProgress({ subjectPeriod: '2024-13', deadlineDue: '2025-03-31', history, today: '2025-07-01' })).toEqual({
      status: 'reached',
      period: '2025-03',
      date: '2025-03-31',
      onTime: true,
    });
    // A deadline of 28 February: reached, but a month late
    expect(accountPlanProgress({ subjectPeriod: '2024-13', deadlineDue: '2025-02-28', history, today: '2025-07-01' })).toMatchObject({
      status: 'reached',
      period: '2025-03',
      onTime: false,
    });
  });

  it('is notYet before the deadline and overdue after it while the account is still in category 2/3', () => {
    const early = history.filter((r) => r.period <= '2025-02');
    expect(accountPlanProgress({ subjectPeriod: '2024-13', deadlineDue: '2025-03-31', history: early, today: '2025-03-31' })).toEqual({ status: 'notYet' });
    expect(accountPlanProgress({ subjectPeriod: '2024-13', deadlineDue: '2025-03-31', history: early, today: '2025-04-01' })).toEqual({ status: 'overdue' });
    // No deadline: never overdue
    expect(accountPlanProgress({ subjectPeriod: '2024-13', deadlineDue: null, history: early, today: '2030-01-01' })).toEqual({ status: 'notYet' });
  });

  it('ignores category 1 reconciliations before the plan, and the history order', () => {
    const shuffled = [...history].reverse().filter((r) => r.period < '2025-03');
    expect(accountPlanProgress({ subjectPeriod: '2024-12', deadlineDue: '2025-01-31', history: shuffled, today: '2025-02-15' })).toEqual({ status: 'overdue' });
  });

  it('a plan made in the June relapse is a new issue: not yet reached', () => {
    expect(accountPlanProgress({ subjectPeriod: '2025-06', deadlineDue: '2025-09-30', history, today: '2025-07-01' })).toEqual({ status: 'notYet' });
  });
});

describe('planCovers', () => {
  it('covers the run of category 2/3 reconciliations around its subject, not beyond a category 1', () => {
    expect(planCovers('2024-13', history, '2024-12')).toBe(true);
    expect(planCovers('2024-13', history, '2025-02')).toBe(true);
    expect(planCovers('2024-13', history, '2025-06')).toBe(false);
    expect(planCovers('2025-06', history, '2025-02')).toBe(false);
    expect(planCovers('2025-06', history, '2025-06')).toBe(true);
  });
});

describe('the guidance check of an account plan', () => {
  const subject = (over: Partial<AccountSubject> = {}): AccountSubject => ({
    category: 2,
    followUpOre: 1_494_700,
    thresholdOre: DEFAULT_MATERIALITY_THRESHOLD_ORE,
    consequence: 'Tilgodehavendet er overvurderet i balancen.',
    target: defaultTarget('31.03.2025').da,
    ...over,
  });
  const plan = (account: AccountSubject, measure: Partial<PlanForCheck['measures'][number]> = {}): PlanForCheck => ({
    vocabulary: 'DK',
    overallDeadline: dl('31.03.2025'),
    problem: null,
    extent: account.target,
    recommendations: [],
    measures: [
      {
        id: 'm1',
        number: '1',
        title: 'Afklar de åbne poster',
        text: null,
        deadline: dl('28.02.2025'),
        followUpPoint: 'Næste afstemning viser kategori 1.',
        expectedEffect: null,
        recommendationIds: [],
        responsible: 'Økonomi, Mette Lindholm',
        ...measure,
      },
    ],
    statusEntries: [],
    acceptances: [],
    account,
  });
  const codes = (p: PlanForCheck) => checkPlan(p, 'da').breaches.map((b) => b.code);

  it('passes a complete plan: measures with deadlines and a responsible, target back in category 1 with a date, consequence given', () => {
    expect(checkPlan(plan(subject()), 'da')).toEqual({ breaches: [], blocking: false });
  });

  it('names each missing piece', () => {
    expect(codes(plan(subject(), { responsible: '  ' }))).toEqual(['measure.responsibleMissing']);
    expect(codes(plan(subject(), { deadline: null }))).toEqual(['measure.deadlineMissing']);
    expect(codes(plan(subject({ target: null })))).toEqual(['account.targetMissing']);
    expect(codes(plan(subject({ target: 'Kontoen skal ryddes op' })))).toEqual(['account.targetMissing']);
    expect(codes({ ...plan(subject()), overallDeadline: null })).toEqual(['plan.overallDeadlineMissing']);
    expect(codes(plan(subject({ consequence: null })))).toEqual(['account.consequenceMissing']);
    expect(codes({ ...plan(subject()), measures: [] })).toEqual(['plan.noMeasures']);
  });

  it('compares the absolute follow-up amount with the threshold: −598,124 kr needs a consequence, 999.99 kr does not', () => {
    expect(codes(plan(subject({ followUpOre: -59_812_400, consequence: null })))).toEqual(['account.consequenceMissing']);
    expect(codes(plan(subject({ followUpOre: 99_999, consequence: null })))).toEqual([]);
    expect(codes(plan(subject({ followUpOre: -100_000, consequence: null })))).toEqual(['account.consequenceMissing']);
    // The municipality's own threshold
    expect(codes(plan(subject({ followUpOre: 99_999, thresholdOre: 50_000, consequence: ' ' })))).toEqual(['account.consequenceMissing']);
  });

  it('agrees with what the account register says a reconciliation needs (one rule, two views)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Category>(1, 2, 3),
        fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.option(fc.constantFrom('', '  ', 'Balancen er forkert'), { nil: null }),
        (category, followUpOre, thresholdOre, consequence) => {
          const needs = reconciliationNeeds({ category, followUpOre, thresholdOre, consequence, hasActionPlan: true });
          const breaches = codes(plan(subject({ category, followUpOre, thresholdOre, consequence })));
          expect(breaches.includes('account.consequenceMissing')).toBe(needs.some((n) => n.code === 'consequenceMissing'));
        },
      ),
    );
  });

  it('does not apply the account rules to a finding plan', () => {
    expect(codes({ ...plan(subject({ target: null, consequence: null }), { responsible: null }), account: null })).toEqual([]);
  });

  it('the default target passes in every language', () => {
    for (const locale of LOCALES) expect(targetNamesCategory1(defaultTarget('31.03.2025')[locale])).toBe(true);
  });
});
