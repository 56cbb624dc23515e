/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoApp, haveChromium } from './browser.js';
import { call, screenshotAndAxe, signIn } from './session.js';

/**
 * "What needs me" on the start page, in a real Chromium against the demo on 10 September 2025:
 * each demo role sees its own items and each link opens the page where the thing is done; a
 * coordinator with nothing waiting sees the empty state; a returned answer and a proposed closure
 * appear for the department and the auditor.
 */
const app = demoApp('tasks', { now: '2025-09-10T10:00:00Z' });

const section = (page: Page) => page.getByRole('region', { name: /Det venter på dig|Det här väntar på dig/ });

/** A command from inside the signed-in page, with its CSRF token and If-Match: status and body as text. */
function send(page: Page, method: string, url: string, body: unknown, version: number): Promise<string> {
  return page.evaluate(
    async ({ method, url, body, version }) => {
      const session = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
      const res = await fetch(`/api/v1${url}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken, 'if-match': `"${version}"` },
        body: JSON.stringify(body),
      });
      return `${res.status} ${await res.text()}`;
    },
    { method, url, body, version },
  );
}

/** The item of the given kind text: its link, once the list has loaded. */
async function item(page: Page, kind: RegExp) {
  const li = section(page).getByRole('listitem').filter({ hasText: kind }).first();
  await li.waitFor();
  return li;
}

describe.skipIf(!haveChromium)('what needs me', () => {
  it('central coordination: the submitted round answer, overdue, opens the round form', async () => {
    const { context, page, errors } = await signIn(app, 'mette.lindholm@kk.example');
    const li = await item(page, /Gennemgå den indsendte opfølgning/);
    expect(await li.textContent()).toMatch(/Status august 2025 · BUF.*Frist 29\.08\.2025.*Overskredet/);
    await screenshotAndAxe(page, 'tasks', 'central-da');
    await li.getByRole('link').click();
    await page.waitForURL(/\/rounds\/[0-9a-f-]+\/departments\/[0-9a-f-]+$/);
    // The round form of that round opens.
    await page
      .getByRole('heading', { name: /Status august 2025/ })
      .first()
      .waitFor();

    // At phone width the list does not make the page scroll sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${app.url}/`);
    await item(page, /Gennemgå den indsendte opfølgning/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('measure owner: the overdue measure opens its plan', async () => {
    const { context, page } = await signIn(app, 'sofie.kragh@kk.example');
    const li = await item(page, /Dit tiltag har passeret fristen/);
    expect(await li.textContent()).toMatch(/Tiltag .*\(2024 · 1\. .*\).*Frist 31\.12\.2024.*Overskredet/);
    await screenshotAndAxe(page, 'tasks', 'owner-da');
    await li.getByRole('link').click();
    await page.waitForURL(/\/plans\/[0-9a-f-]+$/);
    await context.close();
  });

  it('reader: the newly approved plans, each opening the plan', async () => {
    const { context, page } = await signIn(app, 'amira.jensen@kk.example');
    const li = await item(page, /Ny godkendt handleplan/);
    expect(await section(page).getByRole('listitem').count()).toBe(2);
    await screenshotAndAxe(page, 'tasks', 'reader-da');
    await li.getByRole('link').click();
    await page.waitForURL(/\/plans\/[0-9a-f-]+$/);
    await context.close();
  });

  it('a coordinator with nothing waiting sees the empty state', async () => {
    const { context, page } = await signIn(app, 'lone.vestergaard@kk.example');
    await section(page).getByText('Der er ikke noget, der venter på dig lige nu.').waitFor();
    expect(await section(page).getByRole('listitem').count()).toBe(0);
    await screenshotAndAxe(page, 'tasks', 'empty-da');
    await context.close();
  });

  it('a returned answer waits for the department coordinator, a proposed closure for the auditor', async () => {
    const central = await signIn(app, 'mette.lindholm@kk.example');
    const path = await (await item(central.page, /Gennemgå den indsendte opfølgning/)).getByRole('link').getAttribute('href');
    const view = await call<{ submission: { id: string; version: number } }>(central.page, 'GET', path!);
    expect(
      await send(
        central.page,
        'POST',
        `/submissions/${view.body.submission.id}/return`,
        { reason: 'Uddyb begrundelsen for forsinkelsen' },
        view.body.submission.version,
      ),
    ).toMatch(/^200/);
    // Sent back: nothing waits for central coordination any more.
    await central.page.reload();
    await section(central.page).getByText('Der er ikke noget, der venter på dig lige nu.').waitFor();
    await central.context.close();

    const coordinator = await signIn(app, 'jonas.brandt@kk.example');
    const li = await item(coordinator.page, /Opfølgningen er sendt tilbage til rettelse/);
    await screenshotAndAxe(coordinator.page, 'tasks', 'coordinator-da');
    await li.getByRole('link').click();
    await coordinator.page.waitForURL((url) => url.pathname === path);

    // The coordinator proposes closure of BUF's part of remark 1; the auditor is asked to decide.
    const finding = await call<{
      items: { id: string; number: number; departments: { departmentId: string; code: string; state: string; version: number }[] }[];
    }>(coordinator.page, 'GET', '/findings?limit=100');
    const remark = finding.body.items.find((f) => f.number === 1 && f.departments.some((d) => d.code === 'BUF'))!;
    const part = remark.departments.find((d) => d.code === 'BUF')!;
    const proposed = await send(
      coordinator.page,
      'PUT',
      `/findings/${remark.id}/departments/${part.departmentId}/state`,
      { state: 'closureProposed', note: 'Alle tiltag er gennemført' },
      part.version,
    );
    expect(proposed).toMatch(/^200/);
    await coordinator.context.close();

    const auditor = await signIn(app, 'henrik.dahl@kk.example');
    const closure = await item(auditor.page, /Lukning foreslået: luk eller genåbn/);
    expect(await closure.textContent()).toMatch(/2024 · 1\./);
    await screenshotAndAxe(auditor.page, 'tasks', 'auditor-da');
    await closure.getByRole('link').click();
    await auditor.page.waitForURL((url) => url.pathname === `/findings/${remark.id}`);

    // The finding's history says what happened in words: one line per command, details on demand.
    await auditor.page.goto(`${app.url}/findings/${remark.id}/history`);
    const entry = auditor.page.getByRole('listitem').filter({ hasText: 'Jonas Brandt' }).first();
    await entry.waitFor();
    expect(await entry.locator('summary').textContent()).toMatch(/\d{2}\.\d{2}\.\d{4}.*Jonas Brandt · Ny status: Forvaltningens del.*Ændret: Status/);
    await entry.locator('summary').click();
    const table = entry.getByRole('table');
    await table.waitFor();
    const text = (await table.textContent())!;
    expect(text).toMatch(/Foreslået lukket/);
    expect(text).not.toMatch(/closureProposed|inProgress|\{"/);
    await screenshotAndAxe(auditor.page, 'tasks', 'history-da');
    await auditor.context.close();
  });

  it('in Swedish: central coordination of Exempelstad sees the submitted answer in its own words', async () => {
    const { context, page } = await signIn(app, 'eva.lindqvist@exempelstad.example', 'sv');
    const li = await item(page, /Granska den inskickade uppföljningen/);
    expect(await li.textContent()).toMatch(/Senast 2026-10-31/);
    await screenshotAndAxe(page, 'tasks', 'central-sv');
    await li.getByRole('link').click();
    await page.waitForURL(/\/rounds\/[0-9a-f-]+\/departments\/[0-9a-f-]+$/);
    await context.close();
  });
});
