/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoApp, haveChromium } from './browser.js';
import { call, screenshotAndAxe, signIn } from './session.js';

/**
 * Reminder settings and scheduled rounds in a real Chromium against the demo on 10 September 2025,
 * as central coordination uses them: bad numbers and days are refused beside their fields, by
 * name, with focus on the first (axe in the error states too), nothing is saved until they are
 * right; then the settings and a schedule for 1 February and 1 August are saved. A department
 * coordinator sees a finding's reminders on its history without a "no access" beside them.
 */
const app = demoApp('reminders', { now: '2025-09-10T10:00:00Z' });

const focusedIsInvalid = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-invalid') === 'true');

describe.skipIf(!haveChromium)('reminder settings and scheduled rounds', () => {
  it('central coordination gets clear messages for bad input, then saves settings and a schedule (da)', async () => {
    const { context, page, errors } = await signIn(app, 'mette.lindholm@kk.example');
    await page.goto(`${app.url}/settings/municipality`);
    const section = page.getByRole('region', { name: 'Påmindelser og eskalering' });
    const days = section.getByRole('textbox', { name: 'Påmind dage før fristen' });
    const escalate = section.getByRole('textbox', { name: 'Eskalér ét trin op for hver … dag over fristen' });
    const save = section.getByRole('button', { name: 'Gem påmindelser' });
    await days.waitFor();
    const before = await call<{ version: number }>(page, 'GET', '/reminder-settings');

    // An emptied field is not 0, and 500 is not quietly made 365: each says its range, by name in the summary.
    await days.fill('');
    await escalate.fill('500');
    await save.click();
    await section.getByText('Skriv et helt tal fra 0 til 90', { exact: true }).waitFor();
    await section.getByText('Skriv et helt tal fra 1 til 365', { exact: true }).waitFor();
    await section.getByRole('alert').filter({ hasText: 'Påmind dage før fristen: Skriv et helt tal fra 0 til 90' }).waitFor();
    expect(await days.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => focusedIsInvalid(page)).toBe(true);
    expect(await days.inputValue()).toBe('');
    expect((await call<{ version: number }>(page, 'GET', '/reminder-settings')).body.version).toBe(before.body.version);
    await screenshotAndAxe(page, 'reminders', 'settings-errors-da');

    // A minus is kept and refused, not dropped.
    await escalate.fill('30');
    await days.fill('-3');
    await save.click();
    await section.getByText('Skriv et helt tal fra 0 til 90', { exact: true }).waitFor();

    // Right values and a shorter chain are saved.
    await days.fill('14');
    await section.getByRole('button', { name: 'Fjern trin 3' }).click();
    await save.click();
    await section.getByRole('status').filter({ hasText: 'Gemt.' }).waitFor();
    const saved = await call<{ daysBefore: number; escalateAfterDays: number; escalationChain: string[] }>(page, 'GET', '/reminder-settings');
    expect(saved.body).toMatchObject({ daysBefore: 14, escalateAfterDays: 30, escalationChain: ['departmentCoordinator', 'departmentHead'] });

    // A schedule: each bad day named as typed, an empty due field its range, and no request until right.
    await page.goto(`${app.url}/settings/rounds`);
    await page.getByRole('button', { name: 'Ny planlagt runde' }).click();
    const dialog = page.getByRole('dialog');
    const opensOn = dialog.getByRole('textbox', { name: /^Åbner/ });
    const dueAfter = dialog.getByRole('textbox', { name: 'Frist efter antal dage' });
    await opensOn.fill('02-01, 1 aug');
    await dueAfter.fill('');
    await dialog.getByRole('button', { name: 'Gem' }).click();
    await dialog.getByText('»1« er ikke en dag i året', { exact: false }).waitFor();
    await dialog.getByText('»aug« er ikke en dag i året', { exact: false }).waitFor();
    await dialog.getByText('Skriv et helt tal fra 1 til 365', { exact: true }).waitFor();
    await expect.poll(() => focusedIsInvalid(page)).toBe(true);
    await screenshotAndAxe(page, 'reminders', 'schedule-errors-da');

    // A day that has the form but not a date is the server's to refuse (422), named the same way.
    await opensOn.fill('02-30, 08-01');
    await dueAfter.fill('28');
    await dialog.getByRole('button', { name: 'Gem' }).click();
    await dialog.getByText('»02-30« er ikke en dag i året', { exact: false }).waitFor();
    expect((await call<{ items: unknown[] }>(page, 'GET', '/round-schedules')).body.items).toEqual([]);

    await opensOn.fill('02-01, 08-01');
    await dialog.getByRole('button', { name: 'Gem' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByRole('region', { name: 'Planlagte runder' }).getByRole('row', { name: /^Status / });
    await row.getByRole('cell', { name: '01.02.2026' }).waitFor();
    await row.getByRole('cell', { name: '1. feb., 1. aug.' }).waitFor();
    await screenshotAndAxe(page, 'reminders', 'schedules-da');

    // At phone width the settings do not make the page scroll sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${app.url}/settings/municipality`);
    await days.waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await page.goto(`${app.url}/settings/rounds`);
    await row.waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await screenshotAndAxe(page, 'reminders', 'schedules-phone-da');
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('Swedish: the settings speak Swedish and name the range', async () => {
    const { context, page, errors } = await signIn(app, 'eva.lindqvist@exempelstad.example', 'sv');
    await page.goto(`${app.url}/settings/municipality`);
    const section = page.getByRole('region', { name: 'Påminnelser och eskalering' });
    await section.getByRole('textbox', { name: 'Påminn igen var … dag när tidsfristen har passerats' }).fill('');
    await section.getByRole('button', { name: 'Spara påminnelser' }).click();
    await section.getByText('Skriv ett heltal från 1 till 90', { exact: true }).waitFor();
    await screenshotAndAxe(page, 'reminders', 'settings-errors-sv');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an administrator gives a department its head: a malformed address says what an address looks like (da)', async () => {
    const { context, page, errors } = await signIn(app, 'admin@kk.example');
    await page.goto(`${app.url}/settings/departments`);
    await page.getByRole('button', { name: /^Ret BUF/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Med en bruger får chefen eskaleringer i Tilsyn; ellers kun pr. e-mail.').waitFor();
    await dialog.getByRole('textbox', { name: 'Forvaltningschef', exact: true }).fill('Birthe Bach');
    const email = dialog.getByRole('textbox', { name: 'Forvaltningschefens e-mail' });
    await email.fill('birthe.bach');
    await dialog.getByRole('button', { name: 'Gem' }).click();
    await dialog.getByText('Skriv en e-mailadresse som navn@kommune.dk', { exact: true }).waitFor();
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    await screenshotAndAxe(page, 'reminders', 'head-error-da');
    await email.fill('birthe.bach@kk.example');
    await dialog.getByRole('button', { name: 'Gem' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('row', { name: /^BUF / }).getByRole('cell', { name: 'Birthe Bach' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a department coordinator sees a finding's reminders without a 'no access' beside them", async () => {
    const { context, page, errors } = await signIn(app, 'jonas.brandt@kk.example');
    const findings = await call<{ items: { id: string; number: string }[] }>(page, 'GET', '/findings?limit=100');
    await page.goto(`${app.url}/findings/${findings.body.items[0]!.id}/history`);
    await page.getByRole('region', { name: 'Påmindelser og eskaleringer' }).waitFor();
    await page.getByText('Ændringshistorikken kan kun ses af administratorer, central koordinering og revisorer.').waitFor();
    expect(await page.getByText('Du har ikke adgang til denne side').count()).toBe(0);
    await screenshotAndAxe(page, 'reminders', 'history-coordinator-da');
    expect(errors).toEqual([]);
    await context.close();
  });
});
