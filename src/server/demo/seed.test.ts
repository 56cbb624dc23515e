import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/engine.js';
import { createTestContext, type TestContext } from '../../test/app.js';
import { roundsRepository } from '../modules/rounds/repository.js';
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

  it('pins each demo round to the revision of the plans approved when it opened, so the round asks about their measures', async () => {
    const rows = await queryRows<{ name: string; pinned: number; approved: number; measures: number }>(
      ctx.engine.db,
      sql`
        select r.name,
          (select count(*)::int from round_plan_revisions rp where rp.municipality_id = r.municipality_id and rp.round_id = r.id) as pinned,
          (select count(*)::int from action_plans p where p.municipality_id = r.municipality_id and p.state = 'approved') as approved,
          (select count(*)::int from round_plan_revisions rp join measures x on x.municipality_id = rp.municipality_id and x.plan_id = rp.plan_id
            where rp.municipality_id = r.municipality_id and rp.round_id = r.id) as measures
        from follow_up_rounds r join municipalities m on m.id = r.municipality_id
        where m.slug = 'kobenhavn' order by r.opens_on`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.pinned, r.name).toBe(r.approved);
      expect(r.measures, r.name).toBeGreaterThan(0);
    }
    const [kbh] = await queryRows<{ id: string }>(ctx.engine.db, sql`select id from municipalities where slug = 'kobenhavn'`);
    const [round] = await queryRows<{ id: string }>(
      ctx.engine.db,
      sql`select id from follow_up_rounds where municipality_id = ${kbh!.id} and kind = 'status' order by opens_on desc limit 1`,
    );
    const [buf] = await queryRows<{ id: string }>(ctx.engine.db, sql`select id from departments where municipality_id = ${kbh!.id} and code = 'BUF'`);
    expect((await roundsRepository.scopeMeasures(ctx.engine.db, kbh!.id, round!.id, buf!.id)).length).toBeGreaterThan(0);
  });
});
