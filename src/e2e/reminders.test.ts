/// <reference lib="dom" />
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/demo/seed.js';
import { axe, demoApp, haveChromium, photograph } from './browser.js';

/**
 * Reminders in Chromium against the built server with the demo data (Danish): central
 * coordination changes the reminder settings, schedules a round (a day that does not exist is
 * refused beside the field) and an administrator names a department's head.
 */
const app = demoApp('reminders');

async function signedIn(email: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'da-DK' });
  await context.addInitScript(() => localStorage.setItem('tilsyn.language', 'da'));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.setDefaultTimeout(15_000);
  await page.goto(`${app.url}/`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Adgangskode').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Log ind' }).click();
  await page.getByRole('navigation').first().waitFor();
  return { context, page, errors };
}

async function get<T>(page: Page, url: string): Promise<T> {
  return page.evaluate(async (url) => (await (await fetch(`/api/v1${url}`)).json()) as T, url);
}

async function shot(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  await page.mouse.move(0, 0);
  await photograph(page, `reminders-${name}.png`);
  const violations = await axe(page);
  expect(violations.map((v) => `${name}: ${v.id} ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`)).toEqual([]);
}

describe.skipIf(!haveChromium)('reminders', () => {
  it('central coordination changes the reminder settings and schedules a round', async () => {
    const { context, page, errors } = await signedIn('mette.lindholm@kk.example');
    await page.goto(`${app.url}/settings/municipality`);
    const section = page.getByRole('region', { name: 'Påmindelser og eskalering' });
    await section.getByText('Standardindstillingerne gælder, indtil de gemmes.').waitFor();
    await section.getByLabel('Påmind igen hver … dag, når fristen er overskredet').fill('14');
    await section.getByRole('button', { name: 'Fjern trin 2' }).click();
    await section.getByRole('button', { name: 'Gem påmindelser' }).click();
    await section.getByText('Gemt.').waitFor();
    expect(await get<{ overdueEveryDays: number; escalationChain: string[] }>(page, '/reminder-settings')).toMatchObject({
      overdueEveryDays: 14,
      escalationChain: ['departmentCoordinator', 'centralCoordinator'],
    });
    await shot(page, 'settings');

    await page.goto(`${app.url}/settings/rounds`);
    await page.getByRole('button', { name: 'Ny planlagt runde' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Åbner/).fill('02-01, 02-30');
    await dialog.getByRole('button', { name: 'Gem' }).click();
    await dialog.getByText(/02-30 er ikke en dag i året/).waitFor();
    expect(await dialog.getByLabel(/^Åbner/).getAttribute('aria-invalid')).toBe('true');
    await shot(page, 'schedule-error');
    await dialog.getByLabel(/^Åbner/).fill('02-01, 08-01');
    await dialog.getByRole('button', { name: 'Gem' }).click();
    await dialog.waitFor({ state: 'detached' });
    const schedules = page.getByRole('region', { name: 'Planlagte runder' });
    await schedules.getByRole('rowheader', { name: 'Status' }).waitFor();
    const list = await get<{ items: { name: string; opensOn: string[]; dueAfterDays: number }[] }>(page, '/round-schedules');
    expect(list.items).toMatchObject([{ name: 'Status', opensOn: ['02-01', '08-01'], dueAfterDays: 28 }]);
    await shot(page, 'schedules');
    await context.close();
    expect(errors).toEqual([]);
  }, 90_000);

  it('an administrator names the head of a department', async () => {
    const { context, page, errors } = await signedIn('admin@kk.example');
    await page.goto(`${app.url}/settings/departments`);
    await page.getByRole('button', { name: 'Ret BUF' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Forvaltningschef', { exact: true }).fill('Birthe Bach');
    await dialog.getByLabel('Forvaltningschefens e-mail').fill('ikke-en-adresse');
    await dialog.getByRole('button', { name: 'Gem' }).click();
    await dialog.getByLabel('Forvaltningschefens e-mail').and(page.locator('[aria-invalid="true"]')).waitFor();
    await dialog.getByLabel('Forvaltningschefens e-mail').fill('birthe.bach@kk.example');
    await dialog.getByRole('button', { name: 'Gem' }).click();
    await dialog.waitFor({ state: 'detached' });
    const departments = await get<{ items: { code: string; headName: string | null; headEmail: string | null }[] }>(page, '/departments');
    expect(departments.items.find((d) => d.code === 'BUF')).toMatchObject({ headName: 'Birthe Bach', headEmail: 'birthe.bach@kk.example' });
    await shot(page, 'departments');
    await context.close();
    expect(errors).toEqual([]);
  }, 90_000);
});
