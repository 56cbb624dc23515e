import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../cli/commands/check.js';
import { createTestContext, type TestContext } from '../../test/app.js';
import { seedDemo } from './seed.js';

/**
 * `tilsyn check --json` over the demo: the Danish plans carry exactly the gaps the real plans
 * had (docs/domain.md §1), and the Swedish yttrande none.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await seedDemo(ctx.engine);
});
afterAll(() => ctx.close());

type Plan = {
  findingNumber: number;
  departmentCode: string;
  crossCutting: boolean;
  breaches: { code: string; severity: string; measureNumber: string | null; field: string; message: string }[];
};

describe('guidance check of the demo', () => {
  it('finds exactly the breaches of the real Copenhagen plans', async () => {
    const { output, breachCount } = await runCheck(ctx.engine.db, { municipality: 'kobenhavn', json: true });
    const doc = JSON.parse(output) as { municipalities: { slug: string; plans: Plan[] }[] };
    const plans = doc.municipalities[0]!.plans;
    const summary = plans.map((p) => ({
      finding: p.findingNumber,
      department: p.crossCutting ? 'cross-cutting' : p.departmentCode,
      breaches: p.breaches.map((b) => [b.severity, b.code, b.measureNumber]),
    }));
    expect(summary).toEqual([
      {
        finding: 1,
        department: 'BUF',
        breaches: [
          ['error', 'plan.overallDeadlineMissing', null],
          ['error', 'measure.followUpPointMissing', '1'],
          ['error', 'measure.deadlineMissing', '2'],
          ['error', 'measure.followUpPointMissing', '2'],
          ['error', 'measure.followUpPointMissing', '3'],
        ],
      },
      { finding: 3, department: 'cross-cutting', breaches: [['error', 'measure.deadlineMissing', '2C']] },
      { finding: 6, department: 'BUF', breaches: [['error', 'plan.overallDeadlineMissing', null]] },
    ]);
    expect(breachCount).toBe(7);
    // Messages speak the municipality's language and vocabulary.
    expect(plans[1]!.breaches[0]!.message).toMatch(/2C/);
    expect(plans[1]!.breaches[0]!.message).toMatch(/frist/i);
  });

  it('finds nothing to flag in the Swedish yttrande, and speaks Swedish', async () => {
    const { output, breachCount } = await runCheck(ctx.engine.db, { municipality: 'exempelstad', json: true });
    const doc = JSON.parse(output) as { municipalities: { plans: Plan[] }[] };
    expect(doc.municipalities[0]!.plans).toHaveLength(1);
    expect(doc.municipalities[0]!.plans[0]!.breaches).toEqual([]);
    expect(breachCount).toBe(0);
  });

  it('prints one line per breach in text mode, in the language asked for', async () => {
    const { output } = await runCheck(ctx.engine.db, { municipality: 'kobenhavn', json: false, locale: 'en' });
    const lines = output.split('\n');
    expect(lines).toHaveLength(7);
    expect(lines.find((l) => l.includes('2C'))).toMatch(/no deadline/i);
  });
});
