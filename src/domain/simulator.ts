/**
 * A deterministic simulated municipality for tests and demonstrations of the risk model and the
 * balance report: 2,400 accounts × 36 months by default, with the category mix, IM functions and
 * balance sizes of the reference report (passed in by the caller, see SimulatorOptions), postings per
 * month and open items with origin dates. Everything comes from one seeded generator, so a seed
 * always gives the same municipality.
 */
import type { ReconciliationCategory, ReportAccount, ReportItem } from './balance-report.js';
import type { AccountHistory, AccountMonth, Frequency } from './risk.js';
import { addMonths } from './risk.js';

/** A seeded pseudo-random generator (mulberry32): the same seed gives the same sequence everywhere. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** Standard normal (Box-Muller). */
  normal(): number;
  pick<T>(items: readonly T[]): T;
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int(min, max) {
      return min + Math.floor(next() * (max - min + 1));
    },
    chance(p) {
      return next() < p;
    },
    normal() {
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    pick(items) {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The simulated municipality

/** An IM function the simulator draws accounts from, with its weight and typical balance (t.kr. per account). */
export interface SimulatorImFunction {
  im: string;
  name: string;
  /** Relative number of accounts. */
  accounts: number;
  /** Balance of the function in t.kr. (its sign and size set the accounts' balances). */
  balanceTkr: number;
}

export interface SimulatorOptions {
  seed: number;
  /** Default 2,400. */
  accounts?: number;
  /** Default 36. */
  months?: number;
  /** First month, default `2022-01`. */
  start?: string;
  /**
   * Share of accounts in category 1 / 2 / 3 the category chain is calibrated to; default the
   * 2024 mix of the reference report (2,346 / 47 / 19 of 2,412).
   */
  mix?: { 1: number; 2: number; 3: number };
  imFunctions: readonly SimulatorImFunction[];
}

export interface SimulatedItem {
  amountOre: number;
  originDate: string;
  /** First month the item is open at month end. */
  openedPeriod: string;
  /** First month it is no longer open; null while open at the end of the simulation. */
  resolvedPeriod: string | null;
}

export interface SimulatedAccount {
  account: string;
  name: string;
  im: string;
  department: string;
  committee: string;
  reconciler: 'central' | 'department';
  /** Accounts with a known audit remark or error: more often in category 2/3. */
  knownIssues: number;
  months: AccountMonth[];
  items: SimulatedItem[];
}

export interface SimulatedMunicipality {
  seed: number;
  periods: string[];
  accounts: SimulatedAccount[];
}

export const SIMULATOR_DEPARTMENTS: readonly { department: string; committee: string; weight: number }[] = [
  { department: 'ØKF', committee: 'ØU', weight: 30 },
  { department: 'BUF', committee: 'BUU', weight: 15 },
  { department: 'SOF', committee: 'SOU', weight: 15 },
  { department: 'SUF', committee: 'SUU', weight: 12 },
  { department: 'TMF', committee: 'TMU', weight: 12 },
  { department: 'KFF', committee: 'KFU', weight: 8 },
  { department: 'BIF', committee: 'BIU', weight: 8 },
];

/** 2024 mix of the reference report: 2,346 / 47 / 19 of 2,412 accounts. */
export const DEFAULT_CATEGORY_MIX = { 1: 2346 / 2412, 2: 47 / 2412, 3: 19 / 2412 } as const;

function weighted<T>(rng: Rng, items: readonly T[], weight: (t: T) => number): T {
  const total = items.reduce((s, t) => s + weight(t), 0);
  let x = rng.next() * total;
  for (const t of items) {
    x -= weight(t);
    if (x < 0) return t;
  }
  return items[items.length - 1]!;
}

/**
 * Monthly category chain. Leaving 2 or 3 is fixed (an account stays for follow-up about 3 months,
 * unreconciled about 4); entering them is solved from the target mix so that the mix is the chain's
 * stationary distribution. Accounts with known issues enter 4 times as often.
 */
function transitions(mix: { 1: number; 2: number; 3: number }, troubledShare: number) {
  const from2 = { to1: 0.28, to3: 0.02 };
  const from3 = { to1: 0.2, to2: 0.05 };
  // stationary: π1·a + π3·0.05 = π2·0.30 and π1·b + π2·0.02 = π3·0.25
  const a = (mix[2] * (from2.to1 + from2.to3) - mix[3] * from3.to2) / mix[1];
  const b = (mix[3] * (from3.to1 + from3.to2) - mix[2] * from2.to3) / mix[1];
  const scale = 1 / (1 - troubledShare + 4 * troubledShare);
  return { a: Math.max(0, a) * scale, b: Math.max(0, b) * scale, from2, from3 };
}

function isoDay(period: string, day: number): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${period}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

/**
 * A realistic municipality: accounts spread over the IM functions like the reference's table 1.1,
 * balances of the functions' sign and size moving month by month, postings per month, a category
 * per month from a chain calibrated to the reference's mix, and open items (with origin dates, some
 * more than a year old) while an account is in category 2 or 3. Deterministic for a seed.
 */
export function simulateMunicipality(options: SimulatorOptions): SimulatedMunicipality {
  const rng = createRng(options.seed);
  const count = options.accounts ?? 2400;
  const monthCount = options.months ?? 36;
  const start = options.start ?? '2022-01';
  const periods = Array.from({ length: monthCount }, (_, i) => addMonths(start, i));
  const mix = options.mix ?? DEFAULT_CATEGORY_MIX;
  const troubledShare = 0.05;
  const chain = transitions(mix, troubledShare);
  if (options.imFunctions.length === 0) throw new RangeError('the simulator needs at least one IM function');

  const accounts: SimulatedAccount[] = [];
  for (let i = 0; i < count; i++) {
    const fn = weighted(rng, options.imFunctions, (f) => f.accounts);
    const dept = weighted(rng, SIMULATOR_DEPARTMENTS, (d) => d.weight);
    const troubled = rng.chance(troubledShare);
    const knownIssues = troubled ? rng.int(1, 3) : 0;
    const entry = troubled ? 4 : 1;
    // typical balance: the function's balance per account (øre), spread log-normally
    const perAccountOre = (Math.abs(fn.balanceTkr) * 100_000) / Math.max(1, fn.accounts);
    const sign = fn.balanceTkr < 0 ? -1 : 1;
    let balance = Math.round(sign * perAccountOre * Math.exp(rng.normal() * 0.8));
    const volatility = 0.02 + rng.next() * (troubled ? 0.4 : 0.15);
    const baseTransactions = Math.max(0, Math.round(Math.exp(2.5 + rng.normal() * 1.2)));
    const postingSizeOre = Math.max(100, Math.round(Math.exp(11 + rng.normal() * 1.5)));

    // initial category from the stationary mix
    let category: ReconciliationCategory = weighted(rng, [1, 2, 3] as const, (c) => mix[c]);
    const months: AccountMonth[] = [];
    const items: SimulatedItem[] = [];
    let open: SimulatedItem[] = [];
    periods.forEach((period, t) => {
      if (t > 0) {
        const x = rng.next();
        if (category === 1) category = x < chain.a * entry ? 2 : x < (chain.a + chain.b) * entry ? 3 : 1;
        else if (category === 2) category = x < chain.from2.to1 ? 1 : x < chain.from2.to1 + chain.from2.to3 ? 3 : 2;
        else category = x < chain.from3.to1 ? 1 : x < chain.from3.to1 + chain.from3.to2 ? 2 : 3;
      }
      if (category === 1) {
        for (const item of open) item.resolvedPeriod = period;
        open = [];
      } else if (open.length === 0 || rng.chance(0.15)) {
        const n = rng.int(1, 3);
        for (let k = 0; k < n; k++) {
          // most items arose this month; some were found late and are more than a year old
          const back = rng.chance(0.1) ? rng.int(13, 30) : rng.int(0, 2);
          const item: SimulatedItem = {
            amountOre: Math.round(rng.normal() * Math.max(100_000, Math.abs(balance) * 0.05)),
            originDate: isoDay(addMonths(period, -back), rng.int(1, 28)),
            openedPeriod: period,
            resolvedPeriod: null,
          };
          items.push(item);
          open.push(item);
        }
      }
      const transactions = Math.max(0, Math.round(baseTransactions * (0.6 + rng.next() * 0.8)));
      const volumeOre = transactions * Math.round(postingSizeOre * (0.5 + rng.next()));
      balance = Math.round(balance + rng.normal() * volatility * Math.max(Math.abs(balance), 100_000));
      months.push({ period, category, balanceOre: balance, transactions, volumeOre });
    });
    accounts.push({
      account: String(10_000_000 + i * 37),
      name: `${fn.name} ${i + 1}`,
      im: fn.im,
      department: dept.department,
      committee: dept.committee,
      reconciler: rng.chance(123 / 2412) ? 'department' : 'central',
      knownIssues,
      months,
      items,
    });
  }
  return { seed: options.seed, periods, accounts };
}

/** The items of an account open at the end of `period`. */
export function openItemsAt(account: SimulatedAccount, period: string): SimulatedItem[] {
  return account.items.filter((i) => i.openedPeriod <= period && (i.resolvedPeriod === null || i.resolvedPeriod > period));
}

/** The simulated accounts at one month end, as input to the balance report. */
export function reportAccountsAt(sim: SimulatedMunicipality, period: string, periodEnd: string): ReportAccount[] {
  return sim.accounts.flatMap((a) => {
    const month = a.months.find((m) => m.period === period);
    if (!month) return [];
    const items: ReportItem[] = openItemsAt(a, period).map((i) => ({
      amountOre: i.amountOre,
      originDate: i.originDate <= periodEnd ? i.originDate : periodEnd,
    }));
    return [
      {
        account: a.account,
        name: a.name,
        im: a.im,
        department: a.department,
        committee: a.committee,
        category: month.category,
        balanceOre: month.balanceOre,
        items,
        reconciler: a.reconciler,
      },
    ];
  });
}

/** The simulated accounts as risk-model histories, all currently reconciled at `frequency`. */
export function riskHistories(sim: SimulatedMunicipality, frequency: Frequency = 'monthly'): AccountHistory[] {
  return sim.accounts.map((a) => ({ account: a.account, currentFrequency: frequency, knownIssues: a.knownIssues, months: a.months }));
}
