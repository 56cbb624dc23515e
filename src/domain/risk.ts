/**
 * Risk-based reconciliation frequency (docs/domain.md §4). A transparent score per account: each
 * component is a measure scaled to 0..1 against a saturation point, times its weight, and the
 * points add up to the score (0..100 with the default weights). The score sets the frequency:
 * monthly, quarterly or half-yearly. Only accounts reconciled in category 1 in each of the three
 * most recent consecutive months take part; every other account keeps the frequency it has.
 *
 * Default model (all configurable per run):
 *
 * | component        | measure (over the last 12 months up to the run month)                       | saturates at      | weight |
 * |------------------|------------------------------------------------------------------------------|-------------------|--------|
 * | balance          | absolute balance at the run month                                           | 10 mio. kr        | 20     |
 * | transactions     | average number of postings per month                                        | 200               | 15     |
 * | volume           | average absolute amount posted per month                                    | 20 mio. kr        | 15     |
 * | volatility       | average absolute month-to-month balance change ÷ average absolute balance   | 1 (100 %)         | 15     |
 * | categoryHistory  | months in category 2 (1 each) and 3 (2 each)                                | 4                 | 15     |
 * | knownIssues      | known audit remarks or errors on the account (passed by the caller)          | 1                 | 20     |
 *
 * Score ≥ 40 → monthly; ≥ 20 → quarterly; below → half-yearly.
 */
import type { Locale, Localized } from './i18n.js';
import { formatAmount } from './money.js';

export type Frequency = 'monthly' | 'quarterly' | 'halfYearly';
export const FREQUENCIES: readonly Frequency[] = ['monthly', 'quarterly', 'halfYearly'];
/** Months between two reconciliations. */
export const FREQUENCY_MONTHS: Record<Frequency, number> = { monthly: 1, quarterly: 3, halfYearly: 6 };

export type RiskComponent = 'balance' | 'transactions' | 'volume' | 'volatility' | 'categoryHistory' | 'knownIssues';
export const RISK_COMPONENTS: readonly RiskComponent[] = ['balance', 'transactions', 'volume', 'volatility', 'categoryHistory', 'knownIssues'];

export interface RiskModel {
  weights: Record<RiskComponent, number>;
  /** The measure at which a component reaches its full weight (amounts in øre). */
  saturation: Record<RiskComponent, number>;
  /** Score at or above which an account stays monthly, and at or above which it is quarterly. */
  monthlyFrom: number;
  quarterlyFrom: number;
  /** Months of history the measures look back over, the run month included. */
  lookbackMonths: number;
  /** Consecutive most recent months in category 1 needed to take part. */
  qualifyingMonths: number;
}

export const DEFAULT_RISK_MODEL: RiskModel = {
  weights: { balance: 20, transactions: 15, volume: 15, volatility: 15, categoryHistory: 15, knownIssues: 20 },
  saturation: {
    balance: 1_000_000_000, // 10 mio. kr in øre
    transactions: 200,
    volume: 2_000_000_000, // 20 mio. kr in øre per month
    volatility: 1,
    categoryHistory: 4,
    knownIssues: 1,
  },
  monthlyFrom: 40,
  quarterlyFrom: 20,
  lookbackMonths: 12,
  qualifyingMonths: 3,
};

/** One month of an account: its reconciliation category and what was posted. */
export interface AccountMonth {
  /** `2024-03` */
  period: string;
  category: 1 | 2 | 3;
  balanceOre: number;
  transactions: number;
  /** Sum of the absolute amounts posted in the month, øre. */
  volumeOre: number;
}

export interface AccountHistory {
  account: string;
  currentFrequency: Frequency;
  /** Known audit remarks or errors on the account (e.g. linked findings). */
  knownIssues: number;
  /** Monthly history, any order; one entry per month. */
  months: readonly AccountMonth[];
}

export interface ComponentScore {
  component: RiskComponent;
  /** The measure itself (øre for balance and volume). */
  measure: number;
  /** measure ÷ saturation, capped at 1. */
  scaled: number;
  weight: number;
  /** scaled × weight, rounded to 2 decimals. */
  points: number;
}

export interface RiskAssessment {
  account: string;
  asOf: string;
  qualified: boolean;
  /** Null when the account did not qualify. */
  score: number | null;
  components: ComponentScore[];
  previousFrequency: Frequency;
  frequency: Frequency;
  /** One line per component and the conclusion, in every language. */
  reasons: Localized[];
}

// ---------------------------------------------------------------------------------------------
// Months

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isPeriod(value: string): boolean {
  return PERIOD.test(value);
}

export function addMonths(period: string, n: number): string {
  const m = PERIOD.exec(period);
  if (!m) throw new RangeError(`not a period (YYYY-MM): ${period}`);
  const index = Number(m[1]) * 12 + Number(m[2]) - 1 + n;
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String(index - year * 12 + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to` inclusive, every `step` months. */
export function monthRange(from: string, to: string, step = 1): string[] {
  const out: string[] = [];
  for (let p = from; p <= to; p = addMonths(p, step)) out.push(p);
  return out;
}

export function validateModel(model: RiskModel): string[] {
  const problems: string[] = [];
  for (const c of RISK_COMPONENTS) {
    if (!(Number.isFinite(model.weights[c]) && model.weights[c] >= 0)) problems.push(`weights.${c}`);
    if (!(Number.isFinite(model.saturation[c]) && model.saturation[c] > 0)) problems.push(`saturation.${c}`);
  }
  if (!(model.quarterlyFrom <= model.monthlyFrom)) problems.push('quarterlyFrom');
  if (!(Number.isInteger(model.lookbackMonths) && model.lookbackMonths >= 1)) problems.push('lookbackMonths');
  if (!(Number.isInteger(model.qualifyingMonths) && model.qualifyingMonths >= 1)) problems.push('qualifyingMonths');
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Assessment

const round2 = (x: number): number => Math.round(x * 100) / 100;

function measures(window: readonly AccountMonth[], latest: AccountMonth, knownIssues: number): Record<RiskComponent, number> {
  const n = window.length;
  const avg = (f: (m: AccountMonth) => number): number => window.reduce((s, m) => s + f(m), 0) / n;
  let changes = 0;
  for (let i = 1; i < n; i++) changes += Math.abs(window[i]!.balanceOre - window[i - 1]!.balanceOre);
  const meanChange = n > 1 ? changes / (n - 1) : 0;
  const meanAbsBalance = avg((m) => Math.abs(m.balanceOre));
  return {
    balance: Math.abs(latest.balanceOre),
    transactions: avg((m) => m.transactions),
    volume: avg((m) => m.volumeOre),
    // an account that stays at 0 has no volatility; one that moves around 0 is fully volatile
    volatility: meanChange === 0 ? 0 : meanAbsBalance === 0 ? Infinity : meanChange / meanAbsBalance,
    categoryHistory: window.reduce((s, m) => s + (m.category === 2 ? 1 : m.category === 3 ? 2 : 0), 0),
    knownIssues,
  };
}

const FREQUENCY_NAMES: Record<Frequency, Localized> = {
  monthly: { da: 'månedlig', sv: 'månadsvis', en: 'monthly' },
  quarterly: { da: 'kvartalsvis', sv: 'kvartalsvis', en: 'quarterly' },
  halfYearly: { da: 'halvårlig', sv: 'halvårsvis', en: 'half-yearly' },
};

const COMPONENT_NAMES: Record<RiskComponent, Localized> = {
  balance: { da: 'Saldo', sv: 'Saldo', en: 'Balance' },
  transactions: { da: 'Posteringer pr. måned', sv: 'Transaktioner per månad', en: 'Postings per month' },
  volume: { da: 'Bevægelser pr. måned', sv: 'Omslutning per månad', en: 'Amount posted per month' },
  volatility: { da: 'Udsving i saldoen', sv: 'Saldots svängningar', en: 'Balance volatility' },
  categoryHistory: { da: 'Måneder i kategori 2/3', sv: 'Månader i kategori 2/3', en: 'Months in category 2/3' },
  knownIssues: { da: 'Kendte revisionsbemærkninger/fejl', sv: 'Kända revisionsanmärkningar/fel', en: 'Known audit remarks/errors' },
};

/** As `formatDecimal` (i18n.ts), with the formatters built once: a back-test explains thousands of accounts. */
const DECIMAL_FORMATS = new Map<Locale, Intl.NumberFormat>();
function formatDecimal(value: number, locale: Locale): string {
  let f = DECIMAL_FORMATS.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, useGrouping: false });
    DECIMAL_FORMATS.set(locale, f);
  }
  return f.format(value);
}

const POINTS: Record<Locale, string> = { da: 'point', sv: 'poäng', en: 'points' };
const OF: Record<Locale, string> = { da: 'af', sv: 'av', en: 'of' };

function measureText(c: ComponentScore, locale: Locale): string {
  switch (c.component) {
    case 'balance':
    case 'volume':
      return `${formatAmount(Math.round(c.measure), locale, 'kr')} kr`;
    case 'volatility':
      return Number.isFinite(c.measure) ? `${formatDecimal(c.measure * 100, locale)} %` : '∞';
    default:
      return formatDecimal(c.measure, locale);
  }
}

function componentReason(c: ComponentScore): Localized {
  const line = (locale: Locale): string =>
    `${COMPONENT_NAMES[c.component][locale]}: ${measureText(c, locale)} → ${formatDecimal(c.points, locale)} ${OF[locale]} ${formatDecimal(c.weight, locale)} ${POINTS[locale]}`;
  return { da: line('da'), sv: line('sv'), en: line('en') };
}

/**
 * Assesses one account at the run month `asOf` (history after it is ignored). Throws a RangeError
 * for a malformed period or model; the caller validates input before. `explain: false` leaves out
 * the reasons of a qualified account (the back-test only needs the frequencies).
 */
export function assessAccount(
  history: AccountHistory,
  asOf: string,
  model: RiskModel = DEFAULT_RISK_MODEL,
  options: { explain?: boolean } = {},
): RiskAssessment {
  const explain = options.explain ?? true;
  if (!isPeriod(asOf)) throw new RangeError(`asOf must be YYYY-MM, got ${asOf}`);
  const problems = validateModel(model);
  if (problems.length > 0) throw new RangeError(`invalid risk model: ${problems.join(', ')}`);
  const byPeriod = new Map(history.months.map((m) => [m.period, m]));
  const keep = (reason: Localized): RiskAssessment => ({
    account: history.account,
    asOf,
    qualified: false,
    score: null,
    components: [],
    previousFrequency: history.currentFrequency,
    frequency: history.currentFrequency,
    reasons: [reason],
  });

  // the three most recent consecutive months, the run month included
  for (let i = 0; i < model.qualifyingMonths; i++) {
    const period = addMonths(asOf, -i);
    const month = byPeriod.get(period);
    const kept = FREQUENCY_NAMES[history.currentFrequency];
    if (!month) {
      return keep({
        da: `Deltager ikke: ingen afstemning for ${period}; beholder ${kept.da} afstemning.`,
        sv: `Deltar inte: ingen avstämning för ${period}; behåller ${kept.sv} avstämning.`,
        en: `Does not take part: no reconciliation for ${period}; keeps ${kept.en} reconciliation.`,
      });
    }
    if (month.category !== 1) {
      return keep({
        da: `Deltager ikke: kategori ${month.category} i ${period} (kræver kategori 1 de seneste ${model.qualifyingMonths} måneder); beholder ${kept.da} afstemning.`,
        sv: `Deltar inte: kategori ${month.category} i ${period} (kräver kategori 1 de senaste ${model.qualifyingMonths} månaderna); behåller ${kept.sv} avstämning.`,
        en: `Does not take part: category ${month.category} in ${period} (category 1 is required for the last ${model.qualifyingMonths} months); keeps ${kept.en} reconciliation.`,
      });
    }
  }

  const window: AccountMonth[] = [];
  for (let i = model.lookbackMonths - 1; i >= 0; i--) {
    const month = byPeriod.get(addMonths(asOf, -i));
    if (month) window.push(month);
  }
  const latest = byPeriod.get(asOf)!;
  const measured = measures(window, latest, history.knownIssues);
  const components: ComponentScore[] = RISK_COMPONENTS.map((component) => {
    const measure = measured[component];
    const scaled = Math.min(1, Math.max(0, measure / model.saturation[component]));
    const weight = model.weights[component];
    return { component, measure, scaled, weight, points: round2(scaled * weight) };
  });
  const score = round2(components.reduce((s, c) => s + c.points, 0));
  const frequency: Frequency = score >= model.monthlyFrom ? 'monthly' : score >= model.quarterlyFrom ? 'quarterly' : 'halfYearly';
  const f = FREQUENCY_NAMES[frequency];
  const conclusion = (locale: Locale): string => {
    const s = formatDecimal(score, locale);
    const m = formatDecimal(model.monthlyFrom, locale);
    const q = formatDecimal(model.quarterlyFrom, locale);
    if (locale === 'da') return `Risikoscore ${s} (månedlig fra ${m}, kvartalsvis fra ${q}): ${f.da} afstemning.`;
    if (locale === 'sv') return `Riskpoäng ${s} (månadsvis från ${m}, kvartalsvis från ${q}): ${f.sv} avstämning.`;
    return `Risk score ${s} (monthly from ${m}, quarterly from ${q}): ${f.en} reconciliation.`;
  };
  return {
    account: history.account,
    asOf,
    qualified: true,
    score,
    components,
    previousFrequency: history.currentFrequency,
    frequency,
    reasons: explain ? [...components.map(componentReason), { da: conclusion('da'), sv: conclusion('sv'), en: conclusion('en') }] : [],
  };
}

/** A model run over many accounts at one month. */
export function runRiskModel(histories: readonly AccountHistory[], asOf: string, model: RiskModel = DEFAULT_RISK_MODEL): RiskAssessment[] {
  return histories.map((h) => assessAccount(h, asOf, model));
}

// ---------------------------------------------------------------------------------------------
// Back-test

export interface BackTestRun {
  asOf: string;
  qualified: number;
  lowered: number;
  stayedMonthly: number;
}

export interface BackTestResult {
  runs: BackTestRun[];
  /** Accounts that qualified in at least one run. */
  distinctQualified: number;
  /** Assessments of qualified accounts over all runs. */
  qualifiedAssessments: number;
  qualifiedPerRun: number;
  /** Assessments that got a lower frequency than the account had. */
  lowered: number;
  /** Qualified assessments whose frequency is monthly. */
  stayedMonthly: number;
  /** Lowered assessments whose next reconciliation (run month + new interval) is in the history. */
  loweredObserved: number;
  /** …of which that next reconciliation is in a worse category than category 1. */
  loweredWorse: number;
  loweredShare: number;
  stayedMonthlyShare: number;
  /** loweredWorse ÷ loweredObserved. */
  worseShare: number;
}

const rank: Record<Frequency, number> = { monthly: 0, quarterly: 1, halfYearly: 2 };

const share = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);

/**
 * Runs the model at each of `runs` (months) on the history known then and checks it against what
 * happened: for each account whose frequency was lowered, the category of its next reconciliation
 * under the new frequency (run month + 3 or 6 months). Lowered accounts whose next reconciliation
 * lies beyond the history are left out of the last share (and counted as not observed).
 */
export function backTest(histories: readonly AccountHistory[], runs: readonly string[], model: RiskModel = DEFAULT_RISK_MODEL): BackTestResult {
  const distinct = new Set<string>();
  const perRun: BackTestRun[] = [];
  let qualifiedAssessments = 0;
  let lowered = 0;
  let stayedMonthly = 0;
  let loweredObserved = 0;
  let loweredWorse = 0;
  const byAccount = new Map(histories.map((h) => [h.account, new Map(h.months.map((m) => [m.period, m]))]));
  for (const asOf of runs) {
    const run: BackTestRun = { asOf, qualified: 0, lowered: 0, stayedMonthly: 0 };
    for (const h of histories) {
      const a = assessAccount(h, asOf, model, { explain: false });
      if (!a.qualified) continue;
      distinct.add(h.account);
      run.qualified += 1;
      if (a.frequency === 'monthly') run.stayedMonthly += 1;
      if (rank[a.frequency] > rank[h.currentFrequency]) {
        run.lowered += 1;
        const next = byAccount.get(h.account)!.get(addMonths(asOf, FREQUENCY_MONTHS[a.frequency]));
        if (next) {
          loweredObserved += 1;
          if (next.category > 1) loweredWorse += 1;
        }
      }
    }
    qualifiedAssessments += run.qualified;
    lowered += run.lowered;
    stayedMonthly += run.stayedMonthly;
    perRun.push(run);
  }
  return {
    runs: perRun,
    distinctQualified: distinct.size,
    qualifiedAssessments,
    qualifiedPerRun: share(qualifiedAssessments, runs.length),
    lowered,
    stayedMonthly,
    loweredObserved,
    loweredWorse,
    loweredShare: share(lowered, qualifiedAssessments),
    stayedMonthlyShare: share(stayedMonthly, qualifiedAssessments),
    worseShare: share(loweredWorse, loweredObserved),
  };
}
