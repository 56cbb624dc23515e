/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoApp, haveChromium } from './browser.js';
import { call, screenshotAndAxe, signIn } from './session.js';

/**
 * The balance register in Chromium against the built server with the Copenhagen demo (Danish):
 * a department coordinator filters the accounts, opens a category 2 account of her department,
 * adds an open item with a Danish amount, saves and signs off; approve is disabled for her (she
 * prepared it); the central coordinator approves.
 */
const app = demoApp('balance');
const shot = (page: Page, name: string) => screenshotAndAxe(page, 'balance', name);

describe.skipIf(!haveChromium)('the balance register', () => {
  it('is reconciled by the department, signed off, and approved by someone else', async () => {
    // Central coordination sets up a category 2 account in SOF (Lone Vestergaard coordinates SOF).
    const central = await signIn(app, 'mette.lindholm@kk.example');
    const departments = await call<{ items: { id: string; code: string }[] }>(central.page, 'GET', '/departments');
    const sof = departments.body.items.find((d) => d.code === 'SOF')!.id;
    const account = await call<{ id: string }>(central.page, 'POST', '/balance-accounts', {
      number: '92818002',
      name: 'Mellemregning, botilbud',
      imFunction: '9.28.18',
      departmentId: sof,
      reconciler: 'department',
    });
    expect(account.status, JSON.stringify(account.body)).toBe(201);
    const rec = await call(central.page, 'POST', `/balance-accounts/${account.body.id}/reconciliations`, {
      period: '2024-12',
      ledgerBalanceOre: 123456,
      category: 2,
      subReason: 'notBookedInNewPeriod',
      items: [],
    });
    expect(rec.status, JSON.stringify(rec.body)).toBe(201);

    // The department coordinator filters the list and opens the account.
    const { context, page, errors } = await signIn(app, 'lone.vestergaard@kk.example');
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Balanceafstemning' }).click();
    await page.getByRole('heading', { level: 2, name: 'Balancekonti' }).waitFor();
    await page.getByRole('combobox', { name: 'Kategori' }).click();
    await page.getByRole('option', { name: '2 Afstemt, til opfølgning' }).click();
    await page.getByRole('combobox', { name: 'Forvaltning' }).click();
    await page.getByRole('option', { name: /^SOF / }).click();
    await page.getByText('1 konto', { exact: true }).waitFor();
    await expect(page.getByRole('link', { name: '91403000' }).count()).resolves.toBe(0);
    await shot(page, 'list');
    await page.getByRole('link', { name: '92818002' }).click();
    await page.getByRole('heading', { level: 2, name: '92818002 Mellemregning, botilbud' }).waitFor();
    await page.getByRole('heading', { name: 'Afstemning for 2024-12' }).waitFor();

    // An open item with a Danish amount; the form shows what it read, the server computes the totals.
    await page.getByRole('button', { name: 'Tilføj post' }).click();
    await page.getByRole('textbox', { name: 'Tekst', exact: true }).fill('Ikke afregnet husleje fra botilbud');
    const amount = page.getByRole('textbox', { name: 'Beløb (kr.)' });
    await amount.fill('12.345,6x');
    await page.getByText('Beløbet', { exact: false }).first().waitFor();
    await amount.fill('12.345,67');
    await page.getByText('Læst som 12.345,67 kr.').waitFor();
    // A date after the period end: the server's field error is shown at the field, nothing typed is lost.
    const origin = page.getByRole('textbox', { name: 'Opstået' });
    await origin.fill('15.01.2025');
    await page.getByRole('button', { name: 'Gem' }).click();
    await page.getByRole('alert').filter({ hasText: 'Afstemningen kunne ikke gemmes' }).waitFor();
    await expect(origin.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(origin.inputValue()).resolves.toBe('15.01.2025');
    await expect(amount.inputValue()).resolves.toBe('12.345,67');
    await shot(page, 'field-error');
    await origin.fill('31.10.2024');
    await page.getByRole('button', { name: 'Gem' }).click();
    await page.getByRole('status').filter({ hasText: 'Afstemningen er gemt' }).waitFor();
    const totals = page.getByRole('row', { name: /Opfølgningsbeløb/ });
    await expect(totals.textContent()).resolves.toContain('12.345,67');
    await shot(page, 'saved');

    // Sign-off; approval is disabled for the one who signed off, with the reason.
    await page.getByRole('button', { name: 'Afgiv' }).click();
    await page.getByText('Du har afgivet afstemningen og kan derfor ikke også godkende den (funktionsadskillelse).').waitFor();
    await expect(page.getByRole('button', { name: 'Godkend' }).isDisabled()).resolves.toBe(true);
    await shot(page, 'signed-off');

    // Central coordination approves.
    await central.page.goto(`${app.url}/balance/accounts/${account.body.id}`);
    const approve = central.page.getByRole('button', { name: 'Godkend' });
    await expect(approve.isEnabled()).resolves.toBe(true);
    await approve.click();
    await central.page.getByText(/^Godkendt \d/).waitFor();
    await shot(central.page, 'approved');

    // The preparer sees it approved, and approve still disabled.
    await page.reload();
    await page.getByText(/^Godkendt \d/).waitFor();
    await expect(page.getByRole('button', { name: 'Godkend' }).isDisabled()).resolves.toBe(true);
    expect(errors).toEqual([]);
    expect(central.errors).toEqual([]);
    await context.close();
    await central.context.close();
  }, 120_000);

  it('loads the starter chart of IM functions from the empty account list (Exempelstad, Swedish)', async () => {
    // Exempelstad's demo has no chart of accounts. The auditor reads who loads it, with no button
    const auditor = await signIn(app, 'lars.holm@exempelstad.example', 'sv');
    await auditor.page.goto(`${app.url}/balance/accounts`);
    const forAuditor = auditor.page.getByRole('region', { name: 'Kontoplanen är tom' });
    await forAuditor.getByText('Det finns ännu inga IM-funktioner. Central samordning läser in kontoplanen.').waitFor();
    await expect(forAuditor.getByRole('button').count()).resolves.toBe(0);

    // Central coordination loads the starter chart from the empty list
    const { context, page, errors } = await signIn(app, 'eva.lindqvist@exempelstad.example', 'sv');
    await page.goto(`${app.url}/balance/accounts`);
    const empty = page.getByRole('region', { name: 'Kontoplanen är tom' });
    await empty.waitFor();
    await shot(page, 'starter-empty-sv');
    await empty.getByRole('button', { name: 'Läs in startkontoplanen' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Startkontoplanen är inläst: [\d\s\u00a0]+ IM-funktioner\.$/ })
      .waitFor();
    await expect(empty.count()).resolves.toBe(0);
    const chart = await call<{ code: string }[]>(page, 'GET', '/im-functions');
    expect(chart.body.length).toBeGreaterThan(10);
    // The chart is in the filter now
    await page.getByRole('combobox', { name: 'IM-funktion' }).click();
    await page.getByRole('option', { name: new RegExp(`^${chart.body[0]!.code.replace(/\./g, '\\.')} `) }).waitFor();
    await page.keyboard.press('Escape');
    await shot(page, 'starter-loaded-sv');
    expect(errors).toEqual([]);
    expect(auditor.errors).toEqual([]);
    await auditor.context.close();
    await context.close();
  }, 120_000);
});
