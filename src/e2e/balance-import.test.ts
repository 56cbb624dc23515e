/// <reference lib="dom" />
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoApp, haveChromium } from './browser.js';
import { screenshotAndAxe, signIn } from './session.js';

/**
 * The balance imports and the committee view in Chromium against the built server with the demo:
 * central coordination downloads the accounts template, fills it in with an unknown IM function,
 * sees the error at its cell, corrects it, imports and finds the account in the register; then
 * opens the committee view of BIU for 2024. Every page is checked with axe in Danish and Swedish.
 */
const app = demoApp('balance-import');
const shot = (page: Page, name: string) => screenshotAndAxe(page, 'balance-import', name);

async function uploadAndCheck(page: Page, name: string, text: string) {
  await page.locator('input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
  await page.getByRole('button', { name: 'Kontrollér' }).click();
}

describe.skipIf(!haveChromium)('balance imports and the committee view', () => {
  it('imports balance accounts from the template after correcting the cell in error, then shows the committee view', async () => {
    const { context, page, errors } = await signIn(app, 'mette.lindholm@kk.example', 'da', { acceptDownloads: true });
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Indlæs balancedata' }).click();
    await page.getByRole('heading', { level: 2, name: 'Indlæs balancedata' }).waitFor();
    await page.getByRole('combobox', { name: 'Hvad indlæses' }).selectOption('accounts');
    await shot(page, 'form');

    // the CSV template, as downloaded, in Danish
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV-skabelon: Balancekonti' }).click()]);
    const template = fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const [header] = template.split('\r\n');
    expect(header).toBe('Kontonummer;Kontonavn;IM-funktion;Forvaltning;Afstemmes af');

    // filled in with an IM function that is not in the chart: the error names cell C2
    await uploadAndCheck(page, 'konti.csv', `${header}\r\n92818003;Mellemregning, bosteder;9.28.99;SOF;forvaltning\r\n`);
    await page.getByRole('status').filter({ hasText: 'Filen har 1 fejl' }).waitFor();
    const errorRow = page.getByRole('row', { name: /C \(IM-funktion\)/ });
    await expect(errorRow.textContent()).resolves.toContain('9.28.99');
    await expect(errorRow.textContent()).resolves.toMatch(/^2C/);
    await expect(page.getByRole('button', { name: 'Indlæs' }).isDisabled()).resolves.toBe(true);
    await shot(page, 'error');

    // corrected and applied
    await uploadAndCheck(page, 'konti.csv', `${header}\r\n92818003;Mellemregning, bosteder;9.28.18;SOF;forvaltning\r\n`);
    await page.getByRole('status').filter({ hasText: 'Filen har ingen fejl' }).waitFor();
    await expect(page.getByRole('row', { name: /92818003/ }).textContent()).resolves.toContain('Opret');
    await page.getByRole('button', { name: 'Indlæs' }).click();
    await page.getByText('1 oprettet og 0 opdateret.').waitFor();
    await shot(page, 'applied');
    await page.getByRole('link', { name: 'Se balancekonti' }).click();
    await page.getByRole('heading', { level: 2, name: 'Balancekonti' }).waitFor();
    await page.getByRole('link', { name: '92818003' }).waitFor();

    // the committee view: BIU's section 2 for 2024, in t.kr.
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Balance pr. udvalg' }).click();
    await page.getByRole('heading', { level: 2, name: 'Balance pr. udvalg' }).waitFor();
    await page.getByRole('combobox', { name: 'Udvalg' }).selectOption('BIU');
    await page.getByRole('combobox', { name: 'Regnskabsår' }).selectOption('2024');
    await page.getByRole('heading', { name: 'Konti i kategori 2 og 3 pr. IM-funktion (t.kr.)' }).waitFor();
    await page.getByRole('cell', { name: '91403000' }).waitFor();
    await page.getByRole('heading', { name: 'Systemafstemninger' }).waitFor();
    await page.getByRole('cell', { name: 'Debitorsystemet' }).waitFor();
    expect(page.url()).toContain('committee=BIU');
    const pdf = await page.getByRole('link', { name: 'PDF' }).getAttribute('href');
    expect(pdf).toBe('/api/v1/balance-report.pdf?year=2024&committee=BIU&lang=da');
    const status = await page.evaluate(async (href) => (await fetch(href!)).status, pdf);
    expect(status).toBe(200);
    await shot(page, 'committee');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('imports a file over the row limit in the background: the progress bar while the job runs, then the report', async () => {
    const { context, page, errors } = await signIn(app, 'mette.lindholm@kk.example', 'da');
    await page.goto(`${app.url}/balance/import`);
    await page.getByRole('heading', { level: 2, name: 'Indlæs balancedata' }).waitFor();
    await page.getByRole('combobox', { name: 'Hvad indlæses' }).selectOption('accounts');
    const rows = ['Kontonummer;Kontonavn;IM-funktion;Forvaltning;Afstemmes af'];
    for (let i = 0; i < 5_001; i++) rows.push(`${97_000_000 + i};Konto ${i + 1};9.28.18;SOF;central`);
    await uploadAndCheck(page, 'mange-konti.csv', rows.join('\r\n') + '\r\n');
    await page.getByRole('status').filter({ hasText: 'Filen har ingen fejl' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Indlæs' }).click();
    // answered with the queued job: the page shows it and polls until it is done
    await page.getByRole('heading', { level: 3, name: 'Indlæsning i baggrunden' }).waitFor();
    // attached, not visible: at 0 % the bar's filled part has no width
    await page.getByRole('progressbar', { name: 'Indlæsningens fremskridt' }).waitFor({ state: 'attached' });
    await page.getByText('5001 oprettet og 0 opdateret.').waitFor({ timeout: 120_000 });
    await expect(page.getByRole('progressbar').count()).resolves.toBe(0);
    await shot(page, 'background-applied');
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  it('the pages are accessible in Swedish', async () => {
    const { context, page, errors } = await signIn(app, 'eva.lindqvist@exempelstad.example', 'sv', { acceptDownloads: true });
    await page.goto(`${app.url}/balance/import`);
    await page.getByRole('heading', { level: 2, name: 'Läs in balansdata' }).waitFor();
    await page.getByRole('combobox', { name: 'Vad läses in' }).selectOption('imFunctions');
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'kontoplan.csv', mimeType: 'text/csv', buffer: Buffer.from('Kod;Namn;Balanssida\r\n9.28.20;Ny funktion;båda\r\n', 'utf8') });
    await page.getByRole('button', { name: 'Kontrollera' }).click();
    await page.getByRole('row', { name: /C \(Balanssida\)/ }).waitFor();
    await shot(page, 'sv-import');
    await page.goto(`${app.url}/balance/committees?committee=KS&year=2024`);
    await page.getByRole('heading', { level: 2, name: 'Balans per nämnd' }).waitFor();
    await page.getByText('Nämnden har inga konton i kategori 2 eller 3 för året.').waitFor();
    await shot(page, 'sv-committee');
    expect(errors).toEqual([]);
    await context.close();
  });
});
