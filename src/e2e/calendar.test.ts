/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoApp, haveChromium } from './browser.js';
import { screenshotAndAxe, signIn } from './session.js';

/**
 * Calendar feeds on the account page, in Chromium against the built server with the demo data: a
 * department coordinator makes a feed of the department, sees its secret address once, a calendar
 * client can fetch it, and revoking it (after a confirmation) ends the address.
 */
const app = demoApp('calendar', { now: '2025-09-10T10:00:00Z' });

/** The feed as a calendar client fetches it: no cookie, no token, only the address. */
function fetchFeed(page: Page, url: string): Promise<{ status: number; type: string | null; text: string }> {
  return page.evaluate(async (u) => {
    const res = await fetch(u, { credentials: 'omit' });
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  }, url);
}

describe.skipIf(!haveChromium)('calendar feeds in the browser', () => {
  it('makes a department feed, shows its address once, and revokes it after a confirmation', async () => {
    const { context, page, errors } = await signIn(app, 'jonas.brandt@kk.example');
    await page.goto(`${app.url}/account`);
    await page.getByRole('heading', { level: 1, name: 'Din konto' }).waitFor();
    const section = page.getByRole('region', { name: 'Kalender' });
    await section.getByText('Du har ingen kalendere endnu.').waitFor();

    // The choices: one's own deadlines, or the department one coordinates (and no other).
    await section.getByRole('combobox', { name: 'Hvad skal kalenderen vise?' }).click();
    // The select's own list (the page's other selects, e.g. the e-mail choices, have options too)
    const options = await page.getByRole('listbox').getByRole('option').allInnerTexts();
    expect(options[0]).toBe('Mine frister og møder');
    expect(options.slice(1).map((o) => o.split(' ')[0])).toEqual(['BUF']);
    await page.getByRole('listbox').getByRole('option', { name: /^BUF / }).click();
    await section.getByRole('button', { name: 'Lav kalender' }).click();

    // The address, once, with the warning that it is secret
    const address = section.getByRole('textbox', { name: 'Kalenderens adresse' });
    await address.waitFor();
    // Focus moves to the new address (the busy button it was on is gone), ready to copy
    await expect.poll(() => address.evaluate((el) => el === document.activeElement)).toBe(true);
    const url = await address.inputValue();
    expect(url).toMatch(new RegExp(`^${app.url}/calendar/tcal_[A-Za-z0-9_-]{43}\\.ics$`));
    await section.getByText(/Adressen er hemmelig/).waitFor();
    await section.getByRole('button', { name: 'Kopiér adressen' }).waitFor();
    const row = section.getByTestId('calendar-feed');
    expect(await row.count()).toBe(1);
    expect(await row.first().innerText()).toMatch(/^BUF /);
    await section.getByText('1 kalender', { exact: true }).waitFor();
    await screenshotAndAxe(page, 'calendar', 'created');

    const feed = await fetchFeed(page, url);
    expect(feed.status).toBe(200);
    expect(feed.type).toBe('text/calendar; charset=utf-8');
    expect(feed.text).toMatch(/^BEGIN:VCALENDAR/);
    expect(feed.text).toContain('X-WR-CALNAME:Tilsyn – BUF');
    expect(feed.text).toMatch(/BEGIN:VEVENT[\s\S]*DTSTART;VALUE=DATE:\d{8}/);

    // Reloaded, the address is gone from the page: it was shown once.
    await page.reload();
    await section.getByTestId('calendar-feed').first().waitFor();
    expect(await section.getByRole('textbox', { name: 'Kalenderens adresse' }).count()).toBe(0);
    expect(await page.content()).not.toContain(url.split('/calendar/')[1]!);

    // Revoking asks first; cancelling keeps it.
    const revokeButton = section.getByRole('button', { name: /^Tilbagekald kalenderen BUF / });
    await revokeButton.click();
    await section.getByText(/Adressen holder op med at virke/).waitFor();
    await screenshotAndAxe(page, 'calendar', 'confirm-revoke');
    await expect.poll(() => section.getByRole('button', { name: 'Ja, tilbagekald' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await section.getByRole('button', { name: 'Fortryd' }).click();
    expect(await revokeButton.evaluate((el) => el === document.activeElement)).toBe(true);
    expect((await fetchFeed(page, url)).status).toBe(200);
    await revokeButton.click();
    await section.getByRole('button', { name: 'Ja, tilbagekald' }).click();
    const revoked = section.getByRole('status').filter({ hasText: /er tilbagekaldt/ });
    await revoked.waitFor();
    await expect.poll(() => revoked.evaluate((el) => el === document.activeElement)).toBe(true);
    await section.getByText('Du har ingen kalendere endnu.').waitFor();
    expect((await fetchFeed(page, url)).status).toBe(404);

    // At phone width the section does not make the page scroll sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await section.getByRole('button', { name: 'Lav kalender' }).click();
    await section.getByRole('textbox', { name: 'Kalenderens adresse' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await screenshotAndAxe(page, 'calendar', 'phone');
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
