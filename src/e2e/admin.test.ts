/// <reference lib="dom" />
import fs from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/demo/seed.js';
import { axe, demoApp, haveChromium, photograph } from './browser.js';

/**
 * Settings, user administration, the audit trail, comments and evidence, search and what a
 * reader may not see, in Chromium against the built server with the demo data (Danish).
 */
const app = demoApp('admin');

async function signedIn(email: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'da-DK', acceptDownloads: true });
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

/** A call to the API from inside the signed-in page (with its session and CSRF token). */
async function call<T>(page: Page, method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, url, body, headers }) => {
      const session = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
      const res = await fetch(`/api/v1${url}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken, ...headers },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
    },
    { method, url, body, headers },
  );
}

async function findingByTitle(page: Page, title: string): Promise<string> {
  const list = await call<{ items: { id: string; title: string }[] }>(page, 'GET', '/findings?limit=100');
  return list.body.items.find((f) => f.title === title)!.id;
}

/** A screenshot for review, and axe-core on the state the test reached (dialogs and panels that the route walk does not open). */
async function shot(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  await page.mouse.move(0, 0);
  await photograph(page, `admin-${name}.png`);
  const violations = await axe(page);
  expect(violations.map((v) => `${name}: ${v.id} ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`)).toEqual([]);
}

describe.skipIf(!haveChromium)('settings and user administration', () => {
  it('the admin creates a department and a user with a department role', async () => {
    const { context, page, errors } = await signedIn('admin@kk.example');
    const nav = page.getByRole('navigation', { name: 'Hovedmenu' });
    await nav.getByRole('link', { name: 'Forvaltninger' }).click();
    await page.getByRole('heading', { level: 2, name: 'Forvaltninger' }).waitFor();
    await page.getByRole('button', { name: 'Ny forvaltning' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Kode').fill('DIG');
    await dialog.getByRole('textbox', { name: /^Navn/ }).fill('Digitaliseringsforvaltningen');
    await dialog.getByRole('button', { name: 'Gem' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: 'Digitaliseringsforvaltningen' }).waitFor();

    await nav.getByRole('link', { name: 'Brugere' }).click();
    await page.getByRole('heading', { level: 2, name: 'Brugere' }).waitFor();
    await page.getByRole('button', { name: 'Ny bruger' }).click();
    await dialog.getByRole('textbox', { name: /^Navn/ }).fill('Nanna Digital');
    await dialog.getByLabel('E-mail').fill('nanna.digital@kk.example');
    await dialog.getByRole('button', { name: 'Gem' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: 'nanna.digital@kk.example' }).waitFor();

    await page.getByRole('button', { name: 'Roller for Nanna Digital' }).click();
    await dialog.getByRole('button', { name: 'Tilføj rolle' }).click();
    await dialog.getByLabel('Rolle 1', { exact: true }).click();
    await page.getByRole('option', { name: 'Forvaltningskoordinator' }).click();
    // A department role without a department: the field error appears beside the department.
    await dialog.getByRole('button', { name: 'Gem' }).click();
    await dialog.getByText('Vælg den forvaltning, rollen gælder i').waitFor();
    await shot(page, 'roles-error');
    await dialog.getByLabel('Forvaltning for rolle 1', { exact: true }).click();
    await page.getByRole('option', { name: 'DIG Digitaliseringsforvaltningen' }).click();
    await dialog.getByRole('button', { name: 'Gem' }).click();
    await dialog.waitFor({ state: 'detached' });

    const users = await call<{ items: { id: string; email: string }[] }>(page, 'GET', '/users');
    const nanna = users.body.items.find((u) => u.email === 'nanna.digital@kk.example')!;
    const departments = await call<{ items: { id: string; code: string }[] }>(page, 'GET', '/departments');
    const dig = departments.body.items.find((d) => d.code === 'DIG')!;
    const roles = await call<{ items: unknown[] }>(page, 'GET', `/users/${nanna.id}/roles`);
    expect(roles.body.items).toEqual([{ role: 'departmentCoordinator', departmentId: dig.id }]);

    // Deactivate, and the list says so.
    await page.getByRole('button', { name: 'Deaktiver Nanna Digital' }).click();
    await page.getByRole('button', { name: 'Aktiver Nanna Digital' }).waitFor();
    await page.mouse.move(0, 0);
    await shot(page, 'users');
    await context.close();
    expect(errors).toEqual([]);
  }, 90_000);

  it('a duplicate department code shows the field error and keeps the form', async () => {
    const { context, page } = await signedIn('admin@kk.example');
    await page.goto(`${app.url}/settings/departments`);
    await page.getByRole('button', { name: 'Ny forvaltning' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Kode').fill('BUF');
    await dialog.getByRole('textbox', { name: /^Navn/ }).fill('Endnu en børneforvaltning');
    await dialog.getByRole('button', { name: 'Gem' }).click();
    await dialog.getByText('En anden forvaltning har allerede denne kode').waitFor();
    expect(await dialog.getByLabel('Kode').getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.getByLabel('Kode').inputValue()).toBe('BUF');
    expect(await dialog.getByRole('textbox', { name: /^Navn/ }).inputValue()).toBe('Endnu en børneforvaltning');
    await shot(page, 'department-duplicate');
    await context.close();
  }, 60_000);

  it('a committee changed by someone else meanwhile shows both versions instead of overwriting', async () => {
    const { context, page } = await signedIn('admin@kk.example');
    await page.goto(`${app.url}/settings/committees`);
    const committees = await call<{ items: { id: string; code: string; name: string; version: number }[] }>(page, 'GET', '/committees');
    const c = committees.body.items[0]!;
    await page.getByRole('button', { name: `Ret ${c.code}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: /^Navn/ }).fill('Mit navn');
    // Someone else saves first.
    expect((await call(page, 'PATCH', `/committees/${c.id}`, { name: 'Deres navn' }, { 'if-match': `"${c.version}"` })).status).toBe(200);
    await dialog.getByRole('button', { name: 'Gem' }).click();
    const conflict = dialog.getByRole('alert').filter({ hasText: 'En anden har ændret det samme imens' });
    await conflict.waitFor();
    expect(await conflict.getByRole('cell', { name: 'Deres navn' }).count()).toBe(1);
    expect(await conflict.getByRole('cell', { name: 'Mit navn' }).count()).toBe(1);
    expect((await call<{ name: string }>(page, 'GET', `/committees/${c.id}`)).body.name).toBe('Deres navn');
    await shot(page, 'committee-conflict');
    await conflict.getByRole('button', { name: 'Gem min version alligevel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await call<{ name: string }>(page, 'GET', `/committees/${c.id}`)).body.name).toBe('Mit navn');
    await context.close();
  }, 60_000);

  it('central coordination creates a round in the settings (a due date before the opening date is refused beside the field) and closes it', async () => {
    const { context, page, errors } = await signedIn('mette.lindholm@kk.example');
    const nav = page.getByRole('navigation', { name: 'Hovedmenu' });
    await nav.getByRole('link', { name: 'Runder', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Opfølgningsrunder' }).waitFor();
    await page.getByRole('button', { name: 'Ny opfølgningsrunde' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: /^Navn/ }).fill('Status september 2027');
    expect(await dialog.getByLabel(/^Type/).inputValue()).toBe('Statusrunde');
    await dialog.getByLabel('Åbner').fill('2027-09-01');
    await dialog.getByLabel('Frist').fill('2027-08-15');
    await dialog.getByRole('button', { name: 'Gem' }).click();
    await dialog.getByText('Fristen kan ikke ligge før åbningsdatoen').waitFor();
    expect(await dialog.getByLabel('Frist').getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.getByLabel('Frist').inputValue()).toBe('2027-08-15');
    expect(await dialog.getByRole('textbox', { name: /^Navn/ }).inputValue()).toBe('Status september 2027');
    await shot(page, 'round-due-before-opens');
    await dialog.getByLabel('Frist').fill('2027-09-30');
    await dialog.getByRole('button', { name: 'Gem' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByRole('row').filter({ hasText: 'Status september 2027' });
    await row.getByText('Åben', { exact: true }).waitFor();
    expect(await row.textContent()).toContain('30.09.2027');
    await shot(page, 'rounds');

    await row.getByRole('button', { name: 'Afslut Status september 2027' }).click();
    const confirm = page.getByRole('dialog', { name: 'Afslut Status september 2027?' });
    await confirm.getByRole('button', { name: 'Afslut', exact: true }).click();
    await confirm.waitFor({ state: 'detached' });
    await row.getByText('Afsluttet', { exact: true }).waitFor();
    // The closed round's actions offer neither change nor close, and the page shows neither button
    expect(await row.getByRole('button', { name: 'Ret Status september 2027' }).count()).toBe(0);
    expect(await row.getByRole('button', { name: 'Afslut Status september 2027' }).count()).toBe(0);
    const rounds = await call<{
      items: { name: string; kind: string; opensOn: string; dueOn: string; state: string; actions: { update: boolean; close: boolean } }[];
    }>(page, 'GET', '/rounds');
    expect(rounds.body.items.find((r) => r.name === 'Status september 2027')).toMatchObject({
      kind: 'status',
      opensOn: '2027-09-01',
      dueOn: '2027-09-30',
      state: 'closed',
      actions: { update: false, close: false },
    });
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});

describe.skipIf(!haveChromium)('the audit trail, comments and evidence', () => {
  it('a staff user adds a comment and uploads and downloads evidence', async () => {
    const { context, page, errors } = await signedIn('jonas.brandt@kk.example');
    const id = await findingByTitle(page, 'Ibrugtagningstilladelser på it-systemer');
    await page.goto(`${app.url}/findings/${id}`);
    const panel = page.getByRole('region', { name: 'Kommentarer og dokumentation' });
    await panel.waitFor();
    // An unsaved comment: leaving asks first, and staying keeps the text.
    await panel.getByLabel('Ny kommentar').fill('Porteføljegennemgangen er startet i BUF.');
    const asked: string[] = [];
    page.once('dialog', (d) => {
      asked.push(d.message());
      void d.dismiss();
    });
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Overblik' }).click();
    await expect.poll(() => asked).toEqual(['Du har ændringer, der ikke er gemt. Vil du kassere dem?']);
    expect(new URL(page.url()).pathname).toBe(`/findings/${id}`);
    expect(await panel.getByLabel('Ny kommentar').inputValue()).toBe('Porteføljegennemgangen er startet i BUF.');
    await panel.getByRole('button', { name: 'Tilføj kommentar' }).click();
    await panel.getByText('Porteføljegennemgangen er startet i BUF.').waitFor();
    await expect.poll(() => panel.getByLabel('Ny kommentar').inputValue()).toBe('');

    const content = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
    await panel.locator('input[type="file"]').setInputFiles({ name: 'gennemgang-BUF.pdf', mimeType: 'application/pdf', buffer: content });
    await panel.getByRole('button', { name: 'Upload' }).click();
    const link = panel.getByRole('link', { name: 'gennemgang-BUF.pdf' });
    await link.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('gennemgang-BUF.pdf');
    expect(fs.readFileSync(await download.path())).toEqual(content);
    await shot(page, 'finding-activity');

    // The overview (what needs each role on the start page: e2e/tasks.test.ts).
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Overblik' }).click();
    await page.getByRole('img', { name: 'Forskydning af frister pr. opfølgningsrunde' }).waitFor();
    await shot(page, 'overview-coordinator');
    // Per committee, each count links to the findings list filtered to it: the overdue measures of the first committee that has any.
    await page.getByText('Udvalg', { exact: true }).click();
    await page.waitForURL(/group=committee/);
    const measuresTable = page.getByRole('table', { name: 'Tiltag pr. status' });
    const overdueColumn = (await measuresTable.getByRole('columnheader').allInnerTexts()).indexOf('Overskredet');
    const overdueLink = measuresTable
      .locator('tbody tr')
      .filter({ has: page.locator(`td:nth-child(${overdueColumn + 1}) a`) })
      .first()
      .locator(`td:nth-child(${overdueColumn + 1}) a`);
    await overdueLink.click();
    await page.waitForURL(/\/findings\?.*measureStatus=overdue/);
    expect(new URL(page.url()).searchParams.get('committeeId')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await page.getByRole('combobox', { name: 'Tiltag med status' }).inputValue()).toBe('Overskredet');
    await expect.poll(() => page.getByRole('row').count()).toBeGreaterThan(1);
    await context.close();
    expect(errors).toEqual([]);
  }, 90_000);

  it('an auditor browses a finding’s history and sees before and after', async () => {
    // Someone edits a comment on the finding: a change with a before and an after.
    const staff = await signedIn('mette.lindholm@kk.example');
    const id = await findingByTitle(staff.page, 'Forsikring ØKF');
    const created = await call<{ id: string }>(staff.page, 'POST', `/findings/${id}/comments`, { body: 'Policen udløber i marts.' });
    expect(created.status).toBe(201);
    expect((await call(staff.page, 'PATCH', `/comments/${created.body.id}`, { body: 'Policen udløber i april.' }, { 'if-match': '"1"' })).status).toBe(200);
    await staff.context.close();

    const { context, page, errors } = await signedIn('henrik.dahl@kk.example');
    await page.goto(`${app.url}/findings/${id}`);
    await page.getByRole('link', { name: 'Historik' }).click();
    await page.getByRole('heading', { level: 2, name: 'Historik: 2. Forsikring ØKF' }).waitFor();
    const entry = page.getByRole('listitem').filter({ hasText: 'Policen udløber i april.' }).first();
    await entry.waitFor();
    await expect.poll(() => entry.locator('del').filter({ hasText: 'Policen udløber i marts.' }).count()).toBe(1);
    expect(await entry.locator('ins').filter({ hasText: 'Policen udløber i april.' }).count()).toBe(1);
    expect(await entry.getByText('Mette Lindholm').count()).toBeGreaterThan(0);
    const href = await page.getByRole('link', { name: 'Hent som CSV' }).getAttribute('href');
    expect(href).toBe(`/api/v1/audit/export?format=csv&findingId=${id}`);
    const csv = await page.evaluate(async (url) => {
      const res = await fetch(url);
      return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
    }, href!);
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('Policen udløber i april.');
    await shot(page, 'history');
    await context.close();
    expect(errors).toEqual([]);
  }, 90_000);
});

describe.skipIf(!haveChromium)('search and what readers see', () => {
  it('search finds a finding by an inflected Danish word', async () => {
    const { context, page, errors } = await signedIn('mette.lindholm@kk.example');
    const box = page.getByRole('searchbox', { name: 'Søg i alt' }).first();
    await box.fill('ibrugtagningstilladelse');
    await box.press('Enter');
    await page.waitForURL(/\/search\?q=ibrugtagningstilladelse/);
    const findings = page.getByRole('region', { name: /Bemærkninger/ });
    const hit = findings.getByRole('link', { name: 'Ibrugtagningstilladelser på it-systemer' });
    await hit.waitFor();
    expect(await findings.locator('mark').first().textContent()).toBe('Ibrugtagningstilladelser');
    await shot(page, 'search');
    await hit.click();
    await page.getByRole('heading', { level: 2, name: /Ibrugtagningstilladelser på it-systemer/ }).waitFor();
    await context.close();
    expect(errors).toEqual([]);
  }, 60_000);

  it('a reader sees no settings, no comments panel and no confidential findings', async () => {
    // Central coordination marks a finding confidential.
    const admin = await signedIn('mette.lindholm@kk.example');
    const id = await findingByTitle(admin.page, 'Egenbetaling – Indtægter SOF');
    const marked = await call(
      admin.page,
      'PATCH',
      `/findings/${id}`,
      { confidential: true, confidentialBasis: 'offentlighedslovens § 30' },
      { 'if-match': '"1"' },
    );
    expect(marked.status).toBe(200);
    await admin.page.goto(`${app.url}/findings?q=egenbetaling`);
    await admin.page.getByText('Fortrolig').first().waitFor();
    await admin.context.close();

    const { context, page, errors } = await signedIn('amira.jensen@kk.example');
    const nav = page.getByRole('navigation', { name: 'Hovedmenu' });
    await nav.getByRole('link', { name: 'Overblik' }).waitFor();
    expect(await nav.getByText('Indstillinger').count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Brugere' }).count()).toBe(0);

    await page.goto(`${app.url}/findings`);
    await page.getByRole('heading', { level: 2 }).first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByText('Egenbetaling – Indtægter SOF').count()).toBe(0);
    expect(await page.getByText('Fortrolig').count()).toBe(0);
    const visible = await call<{ items: { confidential: boolean }[] }>(page, 'GET', '/findings?limit=500');
    expect(visible.body.items.some((f) => f.confidential)).toBe(false);
    expect((await call(page, 'GET', `/findings/${id}`)).status).toBe(404);

    const open = await call<{ items: { id: string }[] }>(page, 'GET', '/findings?limit=1');
    await page.goto(`${app.url}/findings/${open.body.items[0]!.id}`);
    await page.getByRole('heading', { level: 2 }).first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByRole('region', { name: 'Kommentarer og dokumentation' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Historik' }).count()).toBe(0);
    await shot(page, 'reader-finding');
    await context.close();
    expect(errors).toEqual([]);
  }, 90_000);
});
