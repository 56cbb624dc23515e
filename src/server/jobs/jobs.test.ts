import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestContext, registerTestApp, seedMunicipality, seedUser, type SeededMunicipality, type TestContext } from '../../test/app.js';
import { startTestSmtp, type TestSmtp } from '../../test/smtp.js';
import { buildApp } from '../app.js';
import { queryRows } from '../db/engine.js';
import { users } from '../db/schema/index.js';

/**
 * The job queue as a server runs it: an event's mail goes out through the queue (no periodic
 * minute to wait for), the periodic check is a cron row in the database, and two servers on one
 * database send each mail once.
 */
let ctx: TestContext;
let smtp: TestSmtp;
let m: SeededMunicipality;
let central: ReturnType<typeof client>;
let coordinators: string[];
const PUBLIC = 'https://tilsyn.koege.example';

beforeAll(async () => {
  smtp = await startTestSmtp();
  const mail = { smtpUrl: smtp.url, from: 'Tilsyn <tilsyn@koege.example>', replyTo: null, publicUrl: PUBLIC };
  ctx = await createTestContext({ config: { jobs: true, mail } });
  m = await seedMunicipality(ctx.engine, { slug: 'koege-jobs', departments: ['BUF', 'SOF'] });
  const c = await seedUser(ctx.engine, m.id, { name: 'Central', email: 'central@koege.example', roles: [{ role: 'centralCoordinator' }] });
  central = client(ctx.app, c);
  coordinators = [
    await seedUser(ctx.engine, m.id, { name: 'Bo', email: 'bo@koege.example', roles: [{ role: 'departmentCoordinator', departmentId: m.departments.BUF! }] }),
    await seedUser(ctx.engine, m.id, {
      name: 'Sara',
      email: 'sara@koege.example',
      roles: [{ role: 'departmentCoordinator', departmentId: m.departments.BUF! }],
    }),
  ];
  // one of them reads Swedish
  await ctx.engine.db.execute(sql`update ${users} set language = 'sv' where id = ${coordinators[1]!}`);
});
afterAll(async () => {
  await ctx?.close();
  await smtp?.close();
});

async function requestPlan(api: ReturnType<typeof client>, number: number) {
  const report = await api.post('/api/v1/reports', { title: `Beretning ${number}`, auditor: 'Revision', year: 2025, kind: 'annualAccounts' });
  expect(report.status).toBe(201);
  const finding = await api.post(`/api/v1/reports/${report.body.id}/findings`, {
    number,
    title: 'Adgangsstyring',
    departments: [m.departments.BUF],
    recommendations: ['Gennemgå adgange'],
  });
  expect(finding.status, JSON.stringify(finding.body)).toBe(201);
  const asked = await api.post(`/api/v1/findings/${finding.body.id}/plan-requests`, { departmentIds: [m.departments.BUF], dueOn: '2030-04-01' });
  expect(asked.status, JSON.stringify(asked.body)).toBe(200);
  return finding.body.id as string;
}

async function mailsTo(address: string, count: number, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = smtp.mails.filter((x) => x.to.includes(address));
    if (got.length >= count || Date.now() > deadline) return got;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('jobs', () => {
  it('keeps the periodic check as a cron row in the database', async () => {
    const rows = await queryRows<{ name: string; cron: string }>(ctx.engine.db, sql`select name, cron from pgboss.schedule order by name`);
    expect(rows).toEqual([{ name: 'periodic', cron: '* * * * *' }]);
  });

  it('mails an event through the queue within seconds, each recipient in their language, with a link and an unsubscribe header', async () => {
    const before = smtp.mails.length;
    const t0 = performance.now();
    const findingId = await requestPlan(central, 41);
    const [bo] = await mailsTo('bo@koege.example', 1);
    const [sara] = await mailsTo('sara@koege.example', 1);
    const elapsed = performance.now() - t0;
    expect(bo, 'a mail to Bo').toBeDefined();
    expect(sara, 'a mail to Sara').toBeDefined();
    // the event to the mail: through the queue, not the periodic minute
    expect(elapsed).toBeLessThan(15_000);
    console.log(`event → both mails received: ${Math.round(elapsed)} ms`);
    expect(bo!.text).toContain(`${PUBLIC}/findings/${findingId}`);
    expect(bo!.headers['list-unsubscribe']).toContain(PUBLIC);
    expect(sara!.subject).not.toBe(bo!.subject);
    // the actor is not told, and nobody else
    expect(
      smtp.mails
        .slice(before)
        .flatMap((x) => x.to)
        .sort(),
    ).toEqual(['bo@koege.example', 'sara@koege.example']);
    // the SMTP server has them before the delivery's transaction commits their state
    await expect
      .poll(async () =>
        (await queryRows<{ mail_state: string }>(ctx.engine.db, sql`select mail_state from notifications where finding_id = ${findingId}`)).map(
          (s) => s.mail_state,
        ),
      )
      .toEqual(['sent', 'sent']);
  });

  it('two servers on one database send each mail once', async () => {
    const second = await buildApp({
      engine: ctx.engine,
      config: {
        maxEvidenceBytes: 256 * 1024,
        logLevel: 'silent',
        mail: { smtpUrl: smtp.url, from: 'Tilsyn <tilsyn@koege.example>', replyTo: null, publicUrl: PUBLIC },
      },
    });
    registerTestApp(second, ctx.engine);
    try {
      const before = smtp.mails.length;
      // events through both servers, while both servers' workers deliver
      await requestPlan(central, 42);
      await requestPlan(
        client(second, (await queryRows<{ id: string }>(ctx.engine.db, sql`select id from users where email = 'central@koege.example'`))[0]!.id),
        43,
      );
      await mailsTo('bo@koege.example', 3);
      await mailsTo('sara@koege.example', 3);
      await new Promise((r) => setTimeout(r, 2500));
      const got = smtp.mails
        .slice(before)
        .flatMap((x) => x.to)
        .sort();
      expect(got).toEqual(['bo@koege.example', 'bo@koege.example', 'sara@koege.example', 'sara@koege.example']);
    } finally {
      await second.close();
    }
  });
});
