/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoApp, haveChromium } from './browser.js';
import { call, screenshotAndAxe, signIn } from './session.js';

/**
 * A balance account's action plan in Chromium against the built server with the Copenhagen demo:
 * the SOF coordinator opens a category 2 account of her department, creates its action plan from
 * the account page and lands in the plan editor, which names the account; the plan's deadline has
 * passed, so the account page and the accounts list flag it overdue. Axe in Danish and Swedish.
 */
const app = demoApp('balance-plans');
const check = (page: Page, name: string) => screenshotAndAxe(page, 'balance-plans', name);

describe.skipIf(!haveChromium)('a balance account’s action plan', () => {
  it('is created from the account page, written in the plan editor, and flagged overdue', async () => {
    // Central coordination sets up a category 2 account of SOF with 2,500 kr to follow up.
    const central = await signIn(app, 'mette.lindholm@kk.example', 'da');
    const departments = await call<{ items: { id: string; code: string }[] }>(central.page, 'GET', '/departments');
    const sof = departments.body.items.find((d) => d.code === 'SOF')!.id;
    const account = await call<{ id: string }>(central.page, 'POST', '/balance-accounts', {
      number: '92818003',
      name: 'Mellemregning, hjemmepleje',
      imFunction: '9.28.18',
      departmentId: sof,
      reconciler: 'department',
    });
    expect(account.status, JSON.stringify(account.body)).toBe(201);
    const rec = await call(central.page, 'POST', `/balance-accounts/${account.body.id}/reconciliations`, {
      period: '2024-12',
      ledgerBalanceOre: 250_000,
      category: 2,
      subReason: 'notBookedInNewPeriod',
      items: [{ text: 'Ikke afregnet brugerbetaling', amountOre: 250_000, originDate: '2024-11-30' }],
      consequence: 'Tilgodehavender er overvurderet med 2.500 kr.',
    });
    expect(rec.status, JSON.stringify(rec.body)).toBe(201);

    // The SOF coordinator creates the plan from the account page (a deadline already passed).
    const { context, page, errors } = await signIn(app, 'lone.vestergaard@kk.example', 'da');
    await page.goto(`${app.url}/balance/accounts/${account.body.id}`);
    await page.getByRole('heading', { level: 3, name: 'Handleplan' }).waitFor();
    await page.getByText('Kontoen er i kategori 2 og skal have en handleplan').waitFor();
    await check(page, 'account-needs-plan-da');
    // Bad input: the field error is shown at the field and the text stays.
    await page.getByRole('textbox', { name: 'Ansvarlig' }).fill('SOF Økonomi, Lone Vestergaard');
    const deadline = page.getByRole('textbox', { name: 'Frist for kategori 1' });
    await deadline.fill('engang');
    await page.getByRole('button', { name: 'Opret handleplan' }).click();
    await page.getByRole('alert').filter({ hasText: 'Handleplanen kunne ikke oprettes' }).waitFor();
    await expect(deadline.getAttribute('aria-invalid')).resolves.toBe('true');
    await deadline.fill('31.03.2025');
    await page.getByRole('button', { name: 'Opret handleplan' }).click();

    // The plan editor names the account, with a link back; the target says category 1.
    await page.waitForURL(/\/plans\/[0-9a-f-]+$/);
    const planId = page.url().split('/').pop()!;
    await page.getByRole('link', { name: '92818003 Mellemregning, hjemmepleje' }).waitFor();
    const target = page.getByRole('textbox', { name: 'Mål' });
    await expect(target.inputValue()).resolves.toBe('Kontoen er tilbage i kategori 1 senest 31.03.2025');
    // The editor's live guidance check knows the account rules too
    await target.fill('Kontoen skal ryddes op');
    await page.getByText('Handleplanens mål skal sige, at kontoen er tilbage i kategori 1').waitFor();
    await target.fill('Kontoen er tilbage i kategori 1 senest 31.03.2025');
    await check(page, 'plan-editor-da');

    // Back on the account: the plan, its state and deadline, and overdue (31.03.2025 has passed).
    await page.getByRole('link', { name: 'Tilbage til kontoen' }).click();
    await page.getByRole('link', { name: 'Handleplan fra 2024-12' }).waitFor();
    await page.getByText('Frist: 31.03.2025').waitFor();
    await page.getByText('Frist overskredet').waitFor();
    await expect(page.getByRole('button', { name: 'Opret handleplan' }).count()).resolves.toBe(0);
    await check(page, 'account-with-plan-da');

    // The accounts list flags it and filters by it, from the list answer alone (no request per row).
    const apiCalls: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/v1/')) apiCalls.push(new URL(r.url()).pathname);
    });
    await page.goto(`${app.url}/balance/accounts`);
    await page.getByRole('link', { name: '92818003' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(apiCalls.filter((u) => u.startsWith('/api/v1/reconciliations/'))).toEqual([]);
    expect(apiCalls.filter((u) => u === '/api/v1/balance-accounts')).toHaveLength(1);
    // The filter lives in the URL: the box shows checked once the navigation has rendered, so wait for it rather than expect it at the click.
    const overdueOnly = page.getByRole('checkbox', { name: 'Kun konti med overskredet handleplan' });
    await overdueOnly.click();
    await expect.poll(() => overdueOnly.isChecked()).toBe(true);
    await page.getByText('1 konto', { exact: true }).waitFor();
    await page.getByRole('link', { name: '92818003' }).waitFor();
    await page.getByText('Handleplan overskredet').waitFor();
    await expect(page.getByRole('checkbox', { name: 'Kun konti med overskredet handleplan' }).isChecked()).resolves.toBe(true);
    await check(page, 'list-overdue-da');
    expect(errors).toEqual([]);
    await context.close();

    // The same pages in Swedish.
    const sv = await signIn(app, 'lone.vestergaard@kk.example', 'sv');
    await sv.page.goto(`${app.url}/balance/accounts/${account.body.id}`);
    await sv.page.getByRole('heading', { level: 3, name: 'Åtgärdsplan' }).waitFor();
    await sv.page.getByText('Tidpunkten passerad').waitFor();
    await check(sv.page, 'account-with-plan-sv');
    await sv.page.goto(`${app.url}/plans/${planId}`);
    await sv.page.getByText('Balanskonto').waitFor();
    await check(sv.page, 'plan-editor-sv');
    await sv.page.goto(`${app.url}/balance/accounts?overdue=true`);
    await sv.page.getByText('Åtgärdsplan försenad').waitFor();
    await check(sv.page, 'list-overdue-sv');
    expect(sv.errors).toEqual([]);
    await sv.context.close();
    await central.context.close();
  }, 180_000);
});
