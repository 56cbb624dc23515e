import { describe, expect, it } from 'vitest';
import { balanceByImFunction, categorySummary, committeeSections } from './balance-report.js';
import balanceByIm from './fixtures/balance-by-im-function.json' with { type: 'json' };
import categoryFixture from './fixtures/category-summary.json' with { type: 'json' };
import { backTest, monthRange } from './risk.js';
import { createRng, openItemsAt, reportAccountsAt, riskHistories, simulateMunicipality, type SimulatorImFunction } from './simulator.js';

const imFunctions: SimulatorImFunction[] = balanceByIm.rows.map((r) => ({ im: r.im, name: r.name, accounts: r.accounts, balanceTkr: r.balance }));

describe('createRng', () => {
  it('is deterministic and uniform enough', () => {
    const a = createRng(42);
    const b = createRng(42);
    const xs = Array.from({ length: 10_000 }, () => a.next());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b.next()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
    const r = createRng(1);
    const ints = Array.from({ length: 1000 }, () => r.int(-2, 2));
    expect(new Set(ints)).toEqual(new Set([-2, -1, 0, 1, 2]));
  });
});

describe('simulateMunicipality', () => {
  const started = performance.now();
  const sim = simulateMunicipality({ seed: 2024, imFunctions });
  const elapsed = performance.now() - started;

  it('makes 2,400 accounts × 36 months in well under a few seconds', () => {
    expect(sim.accounts).toHaveLength(2400);
    expect(sim.periods).toHaveLength(36);
    expect(sim.periods[0]).toBe('2022-01');
    expect(sim.periods[35]).toBe('2024-12');
    expect(sim.accounts.every((a) => a.months.length === 36)).toBe(true);
    expect(new Set(sim.accounts.map((a) => a.account)).size).toBe(2400);
    expect(sim.accounts.every((a) => /^\d{8}$/.test(a.account))).toBe(true);
    expect(elapsed).toBeLessThan(2000);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const again = simulateMunicipality({ seed: 2024, imFunctions });
    expect(again).toEqual(sim);
    const other = simulateMunicipality({ seed: 2025, imFunctions, accounts: 50, months: 6 });
    expect(other.accounts.map((a) => a.months[0]!.balanceOre)).not.toEqual(sim.accounts.slice(0, 50).map((a) => a.months[0]!.balanceOre));
  });

  it('has the category mix of category-summary.json within tolerance', () => {
    const y = categoryFixture.years['2024'];
    const target = { 1: y['1'].accounts / y.total.accounts, 2: y['2'].accounts / y.total.accounts, 3: y['3'].accounts / y.total.accounts };
    const share = (period: string, c: 1 | 2 | 3) => sim.accounts.filter((a) => a.months.find((m) => m.period === period)!.category === c).length / 2400;
    for (const c of [1, 2, 3] as const) {
      const mean = sim.periods.reduce((s, p) => s + share(p, c), 0) / sim.periods.length;
      // averaged over the 36 months: within 0.5 percentage points (category 3: 0.3)
      expect(Math.abs(mean - target[c])).toBeLessThan(c === 3 ? 0.003 : 0.005);
      // every single month within 1.5 percentage points
      for (const p of sim.periods) expect(Math.abs(share(p, c) - target[c])).toBeLessThan(0.015);
    }
  });

  it('spreads the accounts over the IM functions of table 1.1 with their balance signs', () => {
    const counts = new Map<string, number>();
    for (const a of sim.accounts) counts.set(a.im, (counts.get(a.im) ?? 0) + 1);
    const total = balanceByIm.rows.reduce((s, r) => s + r.accounts, 0);
    for (const im of ['9.22.05', '9.28.15', '9.52.59']) {
      const expected = (balanceByIm.rows.find((r) => r.im === im)!.accounts / total) * 2400;
      expect(Math.abs(counts.get(im)! - expected)).toBeLessThan(4 * Math.sqrt(expected));
    }
    const deposits = sim.accounts.filter((a) => a.im === '9.22.05');
    expect(deposits.filter((a) => a.months[0]!.balanceOre < 0).length).toBeGreaterThan(deposits.length / 2);
  });

  it('has postings every month and open items with origin dates exactly while in category 2/3', () => {
    let oldItems = 0;
    const wrong: string[] = [];
    for (const a of sim.accounts) {
      for (const m of a.months) {
        if (!Number.isSafeInteger(m.balanceOre) || !Number.isSafeInteger(m.volumeOre) || m.transactions < 0) wrong.push(`${a.account} ${m.period} figures`);
        const open = openItemsAt(a, m.period).length;
        if ((m.category === 1) !== (open === 0)) wrong.push(`${a.account} ${m.period} category ${m.category} with ${open} items`);
      }
      for (const i of a.items) if (i.originDate < '2023-12-31' && i.resolvedPeriod === null) oldItems++;
    }
    expect(wrong).toEqual([]);
    expect(oldItems).toBeGreaterThan(0);
    expect(sim.accounts.reduce((s, a) => s + a.months.reduce((t, m) => t + m.transactions, 0), 0)).toBeGreaterThan(2400 * 36);
  });

  it('feeds the balance report and the risk back-test', () => {
    const accounts = reportAccountsAt(sim, '2024-12', '2024-12-31');
    const previous = reportAccountsAt(sim, '2023-12', '2023-12-31');
    const table = balanceByImFunction(accounts, { periodEnd: '2024-12-31' });
    expect(table.total.ore.accounts).toBe(2400);
    const summary = categorySummary(accounts, previous, { periodEnd: '2024-12-31' });
    expect(summary.current.total.ore.accounts).toBe(2400);
    expect(summary.change!.total.ore.accounts).toBe(0);
    expect(committeeSections(accounts, { periodEnd: '2024-12-31' }).length).toBeGreaterThan(0);

    const result = backTest(riskHistories(sim), monthRange('2024-01', '2024-09', 4));
    expect(result.runs).toHaveLength(3);
    expect(result.qualifiedPerRun).toBeGreaterThan(2000);
    expect(result.loweredShare).toBeGreaterThan(0.5);
    expect(result.stayedMonthly).toBeGreaterThan(0);
    expect(result.worseShare).toBeLessThan(0.1);
  });
});
