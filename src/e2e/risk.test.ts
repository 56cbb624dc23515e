/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoApp, haveChromium } from './browser.js';
import { screenshotAndAxe, signIn } from './session.js';

/**
 * The risk model in Chromium against the built server with the Copenhagen demo (Danish): the
 * central coordinator runs the model at 2024-12 (a bad month is refused with the field named and
 * the input kept), reads why the cash account (three months in category 1) may be reconciled
 * half-yearly, applies the run, sees the frequency in the accounts list and back-tests the history.
 * A department coordinator reads runs but has no run or apply button.
 */
const app = demoApp('risk');
const shot = (page: Page, name: string) => screenshotAndAxe(page, 'risk', name);

describe.skipIf(!haveChromium)('the risk model', () => {
  it('is run, explained, applied and back-tested by central coordination', async () => {
    const { context, page, errors } = await signIn(app, 'mette.lindholm@kk.example');
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Risikomodel' }).click();
    await page.getByRole('heading', { level: 2, name: 'Risikobaseret afstemningsfrekvens' }).waitFor();
    // the default model's weights, once loaded
    await expect.poll(() => page.getByRole('textbox', { name: 'Kendte revisionsbemærkninger' }).inputValue()).toBe('20');

    // A month that does not exist: refused with the field named; what was typed stays.
    const asOf = page.getByRole('textbox', { name: 'Kørselsmåned' });
    await asOf.fill('2024-13');
    await page.getByRole('button', { name: 'Kør risikomodel' }).click();
    await page.getByRole('alert').filter({ hasText: 'Risikomodellen kunne ikke køres' }).filter({ hasText: 'body.asOf' }).waitFor();
    await expect(asOf.inputValue()).resolves.toBe('2024-13');
    await shot(page, 'refused');

    await asOf.fill('2024-12');
    await page.getByRole('button', { name: 'Kør risikomodel' }).click();
    await page.getByRole('heading', { level: 2, name: 'Risikokørsel 2024-12' }).waitFor();
    await page.getByText('Kladde', { exact: true }).waitFor();
    await page.getByRole('combobox', { name: 'Vis' }).click();
    await page.getByRole('option', { name: 'Konti med ændret frekvens' }).click();
    await page.getByText('1 konto', { exact: true }).waitFor();
    const row = page.getByRole('row', { name: /^92201001 / });
    await expect(row.textContent()).resolves.toContain('Månedlig → Halvårlig');
    await page.getByRole('button', { name: 'Forklaring for 92201001' }).click();
    await page.getByText(/^Risikoscore [\d,]+ \(månedlig fra 40, kvartalsvis fra 20\): halvårlig afstemning\.$/).waitFor();
    await shot(page, 'run');

    await page.getByRole('button', { name: 'Anvend kørslen' }).click();
    await page.getByText(/^Kørslen er anvendt/).waitFor();
    await expect(page.getByRole('button', { name: 'Anvend kørslen' }).count()).resolves.toBe(0);
    await shot(page, 'applied');

    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Balanceafstemning' }).click();
    await page.getByRole('heading', { level: 2, name: 'Balancekonti' }).waitFor();
    const account = page.getByRole('row', { name: /^92201001 / });
    await account.waitFor();
    await expect(account.textContent()).resolves.toContain('Halvårlig');

    // The back-test over the demo's last quarter: one run qualifies the cash account and lowers it.
    await page.goto(`${app.url}/balance/risk`);
    await page.getByRole('textbox', { name: 'Fra måned' }).fill('2024-10');
    await page.getByRole('textbox', { name: 'Til måned' }).fill('2024-12');
    await page.getByRole('button', { name: 'Kør back-test' }).click();
    const lowered = page.getByRole('row', { name: /Fik lavere frekvens/ });
    await lowered.waitFor();
    await expect(lowered.textContent()).resolves.toMatch(/100\s?%/);
    await expect(page.getByRole('row', { name: /Deltagende konti pr. kørsel/ }).textContent()).resolves.toContain('(1 konto)');
    await shot(page, 'back-test');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lets a department coordinator read runs but not run or apply them', async () => {
    const { context, page, errors } = await signIn(app, 'jonas.brandt@kk.example');
    await page.goto(`${app.url}/balance/risk`);
    await page.getByRole('heading', { level: 2, name: 'Risikobaseret afstemningsfrekvens' }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Kørsler' }).waitFor();
    await expect(page.getByRole('button', { name: 'Kør risikomodel' }).count()).resolves.toBe(0);
    await page.getByRole('link', { name: '2024-12' }).first().click();
    await page.getByRole('heading', { level: 2, name: 'Risikokørsel 2024-12' }).waitFor();
    await expect(page.getByRole('button', { name: 'Anvend kørslen' }).count()).resolves.toBe(0);
    await shot(page, 'coordinator');
    expect(errors).toEqual([]);
    await context.close();
  });
});
