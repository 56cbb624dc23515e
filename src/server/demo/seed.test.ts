import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/engine.js';
import { createTestContext, type TestContext } from '../../test/app.js';
import { DemoExistsError, seedDemo, seedDemoIfEmpty } from './seed.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('demo data', () => {
  it('loads both municipalities into an empty database, once', async () => {
    expect(await seedDemoIfEmpty(ctx.engine)).toEqual({ seeded: ['kobenhavn', 'exempelstad'] });
    expect(await seedDemoIfEmpty(ctx.engine)).toEqual({ seeded: [] });
    await expect(seedDemo(ctx.engine, { only: ['kobenhavn'] })).rejects.toBeInstanceOf(DemoExistsError);
  });

  it('has the Copenhagen facts: 9 remarks, 7 departments, plans for remarks 1, 3 and 6', async () => {
    const [row] = await queryRows<{ findings: number; departments: number; plans: string; measures: number }>(
      ctx.engine.db,
      sql`
        select (select count(*)::int from findings f where f.municipality_id = m.id) as findings,
               (select count(*)::int from departments d where d.municipality_id = m.id) as departments,
               (select string_agg(f.number::text, ',' order by f.number) from action_plans p join findings f on f.id = p.finding_id where p.municipality_id = m.id) as plans,
               (select count(*)::int from measures x where x.municipality_id = m.id) as measures
        from municipalities m where m.slug = 'kobenhavn'`,
    );
    expect(row).toEqual({ findings: 9, departments: 7, plans: '1,3,6', measures: 12 });
  });

  it('derives each department part state from its plan and status round', async () => {
    const rows = await queryRows<{ number: number; code: string; state: string }>(
      ctx.engine.db,
      sql`
        select f.number, d.code, fd.state from finding_departments fd
        join findings f on f.id = fd.finding_id join departments d on d.id = fd.department_id
        join municipalities m on m.id = fd.municipality_id
        where m.slug = 'kobenhavn' and d.code = 'BUF' and f.number in (1, 3, 6) order by f.number`,
    );
    expect(rows).toEqual([
      { number: 1, code: 'BUF', state: 'inProgress' },
      { number: 3, code: 'BUF', state: 'planApproved' },
      { number: 6, code: 'BUF', state: 'planApproved' },
    ]);
  });
});
