/// <reference lib="dom" />
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/demo/seed.js';
import { publicPaths, routePaths, type RoutePath } from '../web/routes.js';
import { axe, demoApp, haveChromium, screenshotDir } from './browser.js';

/**
 * Every route of the web app in a real Chromium against the built server with the demo data:
 * axe-core finds no WCAG 2.1 A/AA violation in Danish and in Swedish, and each page is
 * photographed at desktop and phone size into test-results/ for review.
 */
const app = demoApp('pages');
let findingIds: { kobenhavn: string; exempelstad: string };
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
    const post = (url: string, body: unknown) => fetch(`/api/v1${url}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken }, body: JSON.stringify(body) });
    await post('/im-functions/starter', {});
    const department = ((await (await fetch('/api/v1/departments')).json()) as { items: { id: string }[] }).items[0]!;
    const created = await post('/balance-accounts', { number: '92201001', name: 'Kontantkassa', imFunction: '9.22.01', departmentId: department.id, reconciler: 'department' });
    return ((await created.json()) as { id: string }).id;
  });
}

/** A risk model run at December 2024 (as the central coordinator): the run page's sample. */
async function riskRunId(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const { csrfToken } = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
    const res = await fetch('/api/v1/risk-runs', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken }, body: JSON.stringify({ asOf: '2024-12' }) });
    return ((await res.json()) as { id: string }).id;
  });
}

/**
 * A finished matching run (as the central coordinator): a system without a CPR column (this
 * server has no encryption key) is set up, two small extracts are matched, and the run is awaited
 * so its page shows the result, the items and the tabs.
 */
async function matchingRunId(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const { csrfToken } = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
    const headers = { 'content-type': 'application/json', 'x-csrf-token': csrfToken };
    const department = ((await (await fetch('/api/v1/departments')).json()) as { items: { id: string }[] }).items[0]!;
    const layout = (date: string) => ({ columns: { amount: 'Amount', date, caseId: 'Case', account: 'Account', text: 'Text' } });
    const rules = { key: ['caseId'], groupKey: ['caseId'], passes: [{ kind: 'exact', useDate: false }, { kind: 'split' }, { kind: 'timing', lastDays: 3 }] };
    const created = await fetch('/api/v1/matching-systems', { method: 'POST', headers, body: JSON.stringify({ code: 'PAGES', name: 'Pages', target: 'ledger', departmentId: department.id, rules, left: layout('Date'), right: layout('Posted') }) });
    if (!created.ok) throw new Error(`matching system: ${created.status} ${await created.text()}`);
    const system = (await created.json()) as { id: string };
    const d = new Date();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() - 1);
    const period = d.toISOString().slice(0, 7);
    const day = (n: number) => `${String(n).padStart(2, '0')}-${period.slice(5)}-${period.slice(0, 4)}`;
    const form = new FormData();
    form.append('systemId', system.id);
    form.append('period', period);
    form.append('left', new Blob([`Case;Date;Amount;Account;Text\r\nA1;${day(3)};100,00;5001;One\r\nA2;${day(4)};300,00;5001;Split\r\nA3;${day(5)};50,00;5002;Alone\r\n`], { type: 'text/csv' }), 'left.csv');
    form.append('right', new Blob([`Case;Posted;Amount;Account;Text\r\nA1;${day(3)};100,00;5001;One\r\nA2;${day(4)};100,00;5001;Part 1\r\nA2;${day(6)};200,00;5001;Part 2\r\nB9;${day(7)};20,00;5003;Other\r\n`], { type: 'text/csv' }), 'right.csv');
    const started = await fetch('/api/v1/matching-runs', { method: 'POST', headers: { 'x-csrf-token': csrfToken }, body: form });
    if (started.status !== 202) throw new Error(`matching run: ${started.status} ${await started.text()}`);
    const run = (await started.json()) as { id: string };
    for (let i = 0; i < 120; i++) {
      const r = (await (await fetch(`/api/v1/matching-runs/${run.id}`)).json()) as { state: string };
      if (r.state === 'succeeded' || r.state === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return run.id;
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
    it.concurrent(`has no axe violations and is photographed (${lang})`, async () => {
      const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: lang === 'da' ? 'da-DK' : 'sv-SE' });
      await context.addInitScript((l) => localStorage.setItem('tilsyn.language', l), lang);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(err.message));
      page.on('console', (msg) => {
        // Signed out, the session probe answers 401 by design; Chromium logs every failed fetch.
        if (msg.type() === 'error' && !/status of 401/.test(msg.text())) errors.push(msg.text());
      });

      // Signed out: the sign-in page and the public routes.
      await page.goto(`${app.url}/`);
      await page.getByRole('button', { name: /Log ind|Logga in/ }).waitFor();
      const report: string[] = [];
      const check = async (name: string) => {
        await page.waitForLoadState('networkidle');
        const violations = await axe(page);
        for (const v of violations) report.push(`${name} (${lang}): ${v.id} [${v.impact}] ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
        await page.screenshot({ path: path.join(screenshotDir, `${name}-${lang}-1440.png`), fullPage: true });
        await page.setViewportSize({ width: 390, height: 844 });
        // The navbar slides away on a phone: let the transition finish before the picture.
        await page.waitForTimeout(400);
        await page.screenshot({ path: path.join(screenshotDir, `${name}-${lang}-390.png`), fullPage: true });
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
      expect(report, report.join('\n')).toEqual([]);
      expect(errors, errors.join('\n')).toEqual([]);
    }, 120_000);
  }
});
