/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/demo/seed.js';
import { publicPaths, routePaths, type RoutePath } from '../web/routes.js';
import { axe, demoApp, haveChromium, photograph, scrollWidth, watchConsole } from './browser.js';

/**
 * Every route of the web app in a real Chromium against the built server with the demo data:
 * axe-core finds no WCAG 2.1 A/AA violation in Danish and in Swedish, no page scrolls sideways at
 * 390 px, the console stays clean (no error, no warning, no CSP violation), and each page is
 * photographed at desktop and phone size into test-results/ for review.
 */
const app = demoApp('pages');
let findingIds: { kobenhavn: string; exempelstad: string };
let reportIds: { kobenhavn: string; exempelstad: string };
let roundDepartmentPaths: { kobenhavn: string; exempelstad: string };
let planIds: { kobenhavn: string; exempelstad: string };
let balanceAccountIds: { kobenhavn: string; exempelstad: string };
let riskRunIds: { kobenhavn: string; exempelstad: string };
let matchingRunIds: { kobenhavn: string; exempelstad: string };

/** A sample URL for each route; a route without one fails the coverage test. */
const samples: Record<RoutePath, (m: 'kobenhavn' | 'exempelstad') => string> = {
  '/': () => '/',
  '/findings': () => '/findings',
  '/findings/:id': (m) => `/findings/${findingIds[m]}`,
  '/plans/:id': (m) => `/plans/${planIds[m]}`,
  '/plans/:id/history': (m) => `/plans/${planIds[m]}/history`,
  '/accessibility': () => '/accessibility',
  '/rounds': () => '/rounds',
  '/rounds/:id/departments/:departmentId': (m) => roundDepartmentPaths[m],
  '/findings/:id/side-by-side': (m) => `/findings/${findingIds[m]}/side-by-side`,
  '/settings/departments': () => '/settings/departments',
  '/settings/committees': () => '/settings/committees',
  '/settings/meetings': () => '/settings/meetings',
  '/settings/users': () => '/settings/users',
  '/settings/rounds': () => '/settings/rounds',
  '/findings/:id/history': (m) => `/findings/${findingIds[m]}/history`,
  '/search': (m) => (m === 'kobenhavn' ? '/search?q=systemer' : '/search?q=uppföljning'),
  '/import': () => '/import',
  '/balance/accounts': () => '/balance/accounts',
  '/balance/accounts/:id': (m) => `/balance/accounts/${balanceAccountIds[m]}`,
  '/balance/risk': () => '/balance/risk',
  '/balance/risk/:id': (m) => `/balance/risk/${riskRunIds[m]}`,
  '/balance/import': () => '/balance/import',
  '/balance/committees': (m) => `/balance/committees?committee=${m === 'kobenhavn' ? 'BIU' : 'KS'}&year=2024`,
  '/balance/matching': () => '/balance/matching',
  '/balance/matching/runs/:id': (m) => `/balance/matching/runs/${matchingRunIds[m]}`,
  '/reports': () => '/reports',
  '/reports/:id': (m) => `/reports/${reportIds[m]}`,
  '/reports/:id/findings/new': (m) => `/reports/${reportIds[m]}/findings/new`,
  '/findings/:id/edit': (m) => `/findings/${findingIds[m]}/edit`,
  '/account': () => '/account',
  '/settings/municipality': () => '/settings/municipality',
  '/audit/verify': () => '/audit/verify',
  '/notifications': () => '/notifications',
  '/settings/mail': () => '/settings/mail',
};

const users = {
  da: { email: 'mette.lindholm@kk.example', municipality: 'kobenhavn' as const },
  sv: { email: 'eva.lindqvist@exempelstad.example', municipality: 'exempelstad' as const },
};

async function signIn(page: Page, email: string) {
  await page.goto(`${app.url}/`);
  await page.getByLabel(/E-mail|E-post/).fill(email);
  await page.getByLabel(/Adgangskode|Lösenord|Password/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /Log ind|Logga in|Sign in/ }).click();
  await page.getByRole('navigation').first().waitFor();
}

async function firstPlanId(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const res = await fetch('/api/v1/plans?limit=1');
    return ((await res.json()) as { items: { id: string }[] }).items[0]!.id;
  });
}

/** The first round's first department with measures: its answer form. */
async function firstRoundDepartmentPath(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const round = ((await (await fetch('/api/v1/rounds')).json()) as { items: { id: string }[] }).items[0]!;
    const detail = (await (await fetch(`/api/v1/rounds/${round.id}`)).json()) as { departments: { departmentId: string; total: number }[] };
    const department = detail.departments.find((d) => d.total > 0) ?? detail.departments[0]!;
    return `/rounds/${round.id}/departments/${department.departmentId}`;
  });
}

/** The first balance account; Exempelstad's demo has none, so one is created (as its central coordinator). */
async function firstBalanceAccountId(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const first = ((await (await fetch('/api/v1/balance-accounts?limit=1')).json()) as { items: { id: string }[] }).items[0];
    if (first) return first.id;
    const { csrfToken } = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
    const post = (url: string, body: unknown) =>
      fetch(`/api/v1${url}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken }, body: JSON.stringify(body) });
    await post('/im-functions/starter', {});
    const department = ((await (await fetch('/api/v1/departments')).json()) as { items: { id: string }[] }).items[0]!;
    const created = await post('/balance-accounts', {
      number: '92201001',
      name: 'Kontantkassa',
      imFunction: '9.22.01',
      departmentId: department.id,
      reconciler: 'department',
    });
    return ((await created.json()) as { id: string }).id;
  });
}

/** A risk model run at December 2024 (as the central coordinator): the run page's sample. */
async function riskRunId(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const { csrfToken } = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
    const res = await fetch('/api/v1/risk-runs', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
      body: JSON.stringify({ asOf: '2024-12' }),
    });
    return ((await res.json()) as { id: string }).id;
  });
}

/**
 * The demo's newest matching run (December 2024 of the municipality's system, started in the
 * background at first start), awaited so its page shows the result, the items and the tabs.
 */
async function matchingRunId(page: Page): Promise<string> {
  return page.evaluate(async () => {
    for (let i = 0; i < 240; i++) {
      const [run] = (await (await fetch('/api/v1/matching-runs?limit=1')).json()) as { id: string; state: string }[];
      if (run && (run.state === 'succeeded' || run.state === 'failed')) return run.id;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error('the demo matching run did not finish');
  });
}

async function firstFindingId(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const res = await fetch('/api/v1/findings?limit=1');
    return ((await res.json()) as { items: { id: string }[] }).items[0]!.id;
  });
}

describe.skipIf(!haveChromium)('every route', () => {
  it('has a sample URL here', () => {
    expect(Object.keys(samples).sort()).toEqual([...routePaths].sort());
  });

  // The two languages run side by side (own browser context, own municipality): most of each is
  // waiting for the network to settle and for the phone-size transition, not work.
  for (const lang of ['da', 'sv'] as const) {
    it.concurrent(
      `has no axe violations and is photographed (${lang})`,
      async () => {
        const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: lang === 'da' ? 'da-DK' : 'sv-SE' });
        await context.addInitScript((l) => localStorage.setItem('tilsyn.language', l), lang);
        const page = await context.newPage();
        const errors = await watchConsole(page);

        // Signed out: the sign-in page and the public routes.
        await page.goto(`${app.url}/`);
        await page.getByRole('button', { name: /Log ind|Logga in/ }).waitFor();
        const report: string[] = [];
        const check = async (name: string) => {
          await page.waitForLoadState('networkidle');
          const violations = await axe(page);
          for (const v of violations) report.push(`${name} (${lang}): ${v.id} [${v.impact}] ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
          await photograph(page, `${name}-${lang}-1440.png`);
          await page.setViewportSize({ width: 390, height: 844 });
          // The navbar slides away on a phone: let the transition finish before the picture.
          await page.waitForTimeout(400);
          const width = await scrollWidth(page);
          if (width > 390) report.push(`${name} (${lang}): scrolls sideways at 390 px (scrollWidth ${width})`);
          await photograph(page, `${name}-${lang}-390.png`);
          await page.setViewportSize({ width: 1440, height: 900 });
        };
        await check('sign-in');
        for (const p of publicPaths) {
          await page.goto(`${app.url}${samples[p](users[lang].municipality)}`);
          await check(`public${p.replace(/[/:]/g, '_')}`);
        }

        await signIn(page, users[lang].email);
        // each id is awaited before the spread, so the other language's test, running alongside, keeps its own
        const m = users[lang].municipality;
        const finding = await firstFindingId(page);
        findingIds = { ...(findingIds ?? {}), [m]: finding } as typeof findingIds;
        const reportId = await page.evaluate(async (id) => ((await (await fetch(`/api/v1/findings/${id}`)).json()) as { reportId: string }).reportId, finding);
        reportIds = { ...(reportIds ?? {}), [m]: reportId } as typeof reportIds;
        const roundDepartment = await firstRoundDepartmentPath(page);
        roundDepartmentPaths = { ...(roundDepartmentPaths ?? {}), [m]: roundDepartment } as typeof roundDepartmentPaths;
        const plan = await firstPlanId(page);
        planIds = { ...(planIds ?? {}), [m]: plan } as typeof planIds;
        const balanceAccount = await firstBalanceAccountId(page);
        balanceAccountIds = { ...(balanceAccountIds ?? {}), [m]: balanceAccount } as typeof balanceAccountIds;
        const riskRun = await riskRunId(page);
        riskRunIds = { ...(riskRunIds ?? {}), [m]: riskRun } as typeof riskRunIds;
        const matchingRun = await matchingRunId(page);
        matchingRunIds = { ...(matchingRunIds ?? {}), [m]: matchingRun } as typeof matchingRunIds;
        for (const p of routePaths) {
          await page.goto(`${app.url}${samples[p](users[lang].municipality)}`);
          await page.locator('#main h1, #main h2').first().waitFor();
          await check(`page${p === '/' ? '_overview' : p.replace(/[/:]/g, '_')}`);
        }
        await context.close();
        // one assertion, so a run reports every kind of failure at once
        expect([...report, ...errors], [...report, ...errors].join('\n')).toEqual([]);
      },
      300_000,
    );
  }
});
