/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoApp, haveChromium } from './browser.js';
import { call, screenshotAndAxe, signIn } from './session.js';

/**
 * The notification centre in a real Chromium against the demo on 10 September 2025: central
 * coordination returns BUF's round answer and opens a round; BUF's coordinator then sees the
 * count on the bell (in its accessible name), opens the page (axe), marks one read, follows the
 * other to its round form, filters by kind, and chooses what comes by e-mail on the account page.
 */
const app = demoApp('notifications', { now: '2025-09-10T10:00:00Z' });

const bell = (page: Page, name: RegExp) => page.getByRole('banner').getByRole('link', { name });
const items = (page: Page) => page.getByRole('list', { name: 'Beskeder' }).getByRole('listitem');

describe.skipIf(!haveChromium)('the notification centre', () => {
  it('a coordinator sees the bell count, opens the page, marks read and follows a link', async () => {
    // What the server's check of due dates told them at start (reminders, escalations) is read already.
    for (const who of ['jonas.brandt@kk.example', 'mette.lindholm@kk.example']) {
      const before = await signIn(app, who);
      expect((await call(before.page, 'POST', '/notifications/read-all', {})).status).toBe(200);
      await before.context.close();
    }
    // Central coordination acts: BUF's submitted answer goes back, and a new round opens.
    const central = await signIn(app, 'mette.lindholm@kk.example');
    const rounds = await call<{ items: { id: string; name: string; state: string }[] }>(central.page, 'GET', '/rounds');
    const august = rounds.body.items.find((r) => r.name === 'Status august 2025')!;
    const detail = await call<{ departments: { departmentId: string; code: string }[] }>(central.page, 'GET', `/rounds/${august.id}`);
    const buf = detail.body.departments.find((d) => d.code === 'BUF')!.departmentId;
    const view = await call<{ submission: { id: string; version: number } }>(central.page, 'GET', `/rounds/${august.id}/departments/${buf}`);
    const returned = await central.page.evaluate(async ({ id, version }) => {
      const { csrfToken } = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
      const res = await fetch(`/api/v1/submissions/${id}/return`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, 'if-match': `"${version}"` },
        body: JSON.stringify({ reason: 'Uddyb begrundelsen for forsinkelsen' }),
      });
      return res.status;
    }, view.body.submission);
    expect(returned).toBe(200);
    const opened = await call(central.page, 'POST', '/rounds', { name: 'Status oktober 2025', kind: 'status', opensOn: '2025-09-10', dueOn: '2025-10-31' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    // The one who acted is told nothing.
    await bell(central.page, /^Beskeder, ingen ulæste$/).waitFor();
    await central.context.close();

    const { context, page, errors } = await signIn(app, 'jonas.brandt@kk.example');
    await bell(page, /^Beskeder, 2 ulæste$/).click();
    await page.waitForURL(/\/notifications$/);
    await page.getByRole('heading', { level: 1, name: 'Beskeder' }).waitFor();
    await expect.poll(() => page.locator('[data-testid="notification"][data-read="false"]').count()).toBe(2);
    await screenshotAndAxe(page, 'notifications', 'coordinator-da');

    // Marked read with its button: the bell counts one.
    const round = items(page).filter({ hasText: 'Opfølgningsrunde åbnet: Status oktober 2025' });
    await round.getByRole('button', { name: 'Markér som læst: Opfølgningsrunde åbnet: Status oktober 2025' }).click();
    await bell(page, /^Beskeder, 1 ulæst$/).waitFor();
    await expect.poll(() => round.getAttribute('data-read')).toBe('true');

    // Followed: the round form of BUF's answer opens, and the notification is read.
    await items(page).filter({ hasText: 'Statusmelding sendt retur' }).getByRole('link', { name: 'Statusmelding sendt retur: Status august 2025' }).click();
    await page.waitForURL((url) => url.pathname === `/rounds/${august.id}/departments/${buf}`);
    await bell(page, /^Beskeder, ingen ulæste$/).waitFor();
    await bell(page, /^Beskeder/).click();
    await expect.poll(() => page.locator('[data-testid="notification"][data-read="false"]').count()).toBe(0);

    // Filtered by kind, and unread only.
    await page.getByLabel('Type').selectOption({ label: 'Opfølgningsrunde åbnet' });
    await expect.poll(() => items(page).count()).toBe(1);
    await page.getByLabel('Kun ulæste').check();
    await page.getByText('Ingen beskeder passer til filteret.').waitFor();
    expect(await page.getByRole('button', { name: 'Markér alle som læst' }).isDisabled()).toBe(true);

    // At phone width neither the header with its bell nor the list makes the page scroll sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByLabel('Kun ulæste').uncheck();
    await expect.poll(() => items(page).count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await bell(page, /^Beskeder, ingen ulæste$/).waitFor();
    await page.setViewportSize({ width: 1440, height: 900 });

    // E-mail choices on the account page, kept.
    await page.goto(`${app.url}/account`);
    await page.getByLabel('E-mail for: Opfølgningsrunde åbnet').selectOption('off');
    await page.getByLabel('Oversigt sendes').selectOption('weekly');
    await page.getByRole('button', { name: 'Gem e-mailvalg' }).click();
    await page.getByText('Dine e-mailvalg er gemt.').waitFor();
    const prefs = await call<{ digest: string; kinds: Record<string, string> }>(page, 'GET', '/notifications/preferences');
    expect(prefs.body.digest).toBe('weekly');
    expect(prefs.body.kinds).toMatchObject({ roundOpened: 'off', planRequested: 'immediate' });
    await screenshotAndAxe(page, 'notifications', 'account-da');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('speaks Swedish, with the empty state, and passes axe', async () => {
    const { context, page, errors } = await signIn(app, 'eva.lindqvist@exempelstad.example', 'sv');
    await bell(page, /^Aviseringar, inga olästa$/).click();
    await page.getByRole('heading', { level: 1, name: 'Aviseringar' }).waitFor();
    await page.getByText('Du har inga aviseringar.').waitFor();
    // The kinds speak the municipality's Swedish vocabulary: a plan is a yttrande, a finding an iakttagelse
    const kinds = await page.getByLabel('Typ').locator('option').allInnerTexts();
    expect(kinds).toEqual(expect.arrayContaining(['Yttrande begärs', 'Iakttagelse avslutad']));
    expect(kinds.filter((k) => /Handlingsplan|Anmärkning/.test(k))).toEqual([]);
    await screenshotAndAxe(page, 'notifications', 'empty-sv');
    expect(errors).toEqual([]);
    await context.close();
  });
});
