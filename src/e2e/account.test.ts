/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/demo/seed.js';
import { totpCode } from '../server/modules/auth/totp.js';
import { axe, demoApp, haveChromium, photograph } from './browser.js';
import { call, signIn } from './session.js';

/**
 * Your account, the municipality's settings, the audit check, the language choice and an
 * account's linked findings, in Chromium against the built server with the demo data.
 */
const app = demoApp('account');

async function shot(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  await page.mouse.move(0, 0);
  await photograph(page, `account-${name}.png`);
  const violations = await axe(page);
  expect(violations.map((v) => `${name}: ${v.id} ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`)).toEqual([]);
}

/** Picks an option of a Mantine select by the field's label. */
async function choose(page: Page, label: string | RegExp, option: string | RegExp) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
}

describe.skipIf(!haveChromium)('account and settings in the browser', () => {
  it('shows the sign-in page in Swedish to a Swedish browser, with a switch that is remembered', async () => {
    const context = await app.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'sv-SE' });
    const page = await context.newPage();
    await page.goto(`${app.url}/`);
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('sv');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await shot(page, 'sign-in-sv');
    await choose(page, 'Sprog / Språk / Language', 'English');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await context.close();

    // A browser in a language we do not ship gets Danish.
    const other = await app.browser.newContext({ locale: 'de-DE' });
    const p2 = await other.newPage();
    await p2.goto(`${app.url}/`);
    await p2.getByRole('heading', { level: 1, name: 'Log ind' }).waitFor();
    await other.close();
  });

  it('lets the administrator edit the municipality settings', async () => {
    const { context, page, errors } = await signIn(app, 'admin@kk.example');
    await page.getByRole('link', { name: 'Kommunen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kommunens indstillinger' }).waitFor();
    const general = page.getByRole('region', { name: 'Generelt' });
    await general.getByRole('textbox', { name: 'Navn' }).fill('Københavns Kommune (test)');
    await general.getByRole('combobox', { name: 'Tidszone' }).fill('Europe/Atlantis');
    await page.keyboard.press('Escape');
    await general.getByRole('button', { name: 'Gem' }).click();
    await general
      .getByText(/Ukendt tidszone Europe\/Atlantis/)
      .first()
      .waitFor();
    await shot(page, 'municipality-error');
    await general.getByRole('combobox', { name: 'Tidszone' }).fill('Europe/Copenhagen');
    await page.keyboard.press('Escape');
    await general.getByRole('button', { name: 'Gem' }).click();
    await general.getByRole('status').filter({ hasText: 'Gemt.' }).waitFor();

    const personal = page.getByRole('region', { name: 'Hvem må se personoplysninger' });
    await personal.getByRole('checkbox', { name: 'Revisor' }).check();
    await personal.getByRole('button', { name: 'Gem' }).click();
    await personal.getByRole('status').filter({ hasText: 'Gemt.' }).waitFor();

    const materiality = page.getByRole('region', { name: 'Væsentlighedsgrænse' });
    await materiality.getByRole('textbox', { name: 'Væsentlighedsgrænse (kr.)' }).fill('2.500,50');
    await materiality.getByRole('button', { name: 'Gem' }).click();
    await materiality.getByRole('status').filter({ hasText: 'Gemt.' }).waitFor();
    await shot(page, 'municipality');

    const m = await call<{ name: string; timeZone: string; personalDataRoles: string[] }>(page, 'GET', '/municipality');
    expect(m.body).toMatchObject({
      name: 'Københavns Kommune (test)',
      timeZone: 'Europe/Copenhagen',
      personalDataRoles: ['admin', 'centralCoordinator', 'departmentCoordinator', 'auditor'],
    });
    expect((await call<{ materialityThresholdOre: number }>(page, 'GET', '/balance-settings')).body.materialityThresholdOre).toBe(250_050);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('lets a user change the password, set up a second factor, make and revoke a token, and switch language', async () => {
    const { context, page, errors } = await signIn(app, 'sofie.kragh@kk.example');
    page.on('dialog', (d) => void d.accept());
    await page.getByRole('link', { name: 'Din konto' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Din konto' }).waitFor();
    await shot(page, 'account');

    // Password: the rule is shown, a short one is refused in place, then changed.
    const pw = page.getByRole('region', { name: 'Adgangskode' });
    await pw.getByText('Mindst 12 tegn.').waitFor();
    await pw.getByLabel('Nuværende adgangskode').fill(DEMO_PASSWORD);
    await pw.getByLabel('Ny adgangskode').fill('kort');
    await pw.getByLabel('Gentag den nye adgangskode').fill('kort');
    await pw.getByRole('button', { name: 'Skift adgangskode' }).click();
    await pw.getByText('Mindst 12 tegn', { exact: true }).waitFor();
    const newPassword = 'syv-søde-sommerfugle-i-haven';
    await pw.getByLabel('Ny adgangskode').fill(newPassword);
    await pw.getByLabel('Gentag den nye adgangskode').fill(newPassword);
    await pw.getByRole('button', { name: 'Skift adgangskode' }).click();
    await pw.getByRole('status').filter({ hasText: 'Adgangskoden er skiftet' }).waitFor();

    // Second factor: the secret and the otpauth link as text; a code computed from the secret confirms it.
    const totp = page.getByRole('region', { name: 'Totrinsbekræftelse' });
    await totp.getByRole('button', { name: 'Sæt totrinsbekræftelse op' }).click();
    const secret = (await totp.getByTestId('totp-secret').innerText()).trim();
    await totp.getByText(/^otpauth:\/\/totp\//).waitFor();
    await shot(page, 'totp-setup');
    await totp.getByLabel('Kode fra appen').fill(totpCode(secret));
    await totp.getByRole('button', { name: 'Bekræft og slå til' }).click();
    await totp.getByRole('status').filter({ hasText: 'Totrinsbekræftelse er slået til.' }).waitFor();

    // Token: shown once, listed, revoked.
    const tokens = page.getByRole('region', { name: 'API-nøgler' });
    await tokens.getByRole('textbox', { name: 'Navn' }).fill('Ledelsesinformation');
    await tokens.getByRole('button', { name: 'Opret nøgle' }).click();
    const token = (await tokens.getByTestId('new-token').innerText()).trim();
    expect(token).toMatch(/^tls_/);
    await tokens.getByRole('rowheader', { name: 'Ledelsesinformation' }).waitFor();
    await shot(page, 'token-created');
    await tokens.getByRole('button', { name: 'Tilbagekald Ledelsesinformation' }).click();
    await tokens.getByRole('cell', { name: 'Tilbagekaldt' }).waitFor();
    const listed = await call<{ items: { name: string; revokedAt: string | null }[] }>(page, 'GET', '/tokens');
    expect(listed.body.items.find((t) => t.name === 'Ledelsesinformation')?.revokedAt).not.toBeNull();

    // Language: stored on the account; the app and the server follow, also after a reload.
    await choose(page, 'Dit sprog', 'Svenska');
    await page.getByRole('heading', { level: 1, name: 'Ditt konto' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Språket är sparat.' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Ditt konto' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('sv');
    expect((await call<{ title: string }>(page, 'GET', '/findings/00000000-0000-4000-8000-000000000000')).body.title).toBe('Finns inte');
    await shot(page, 'account-sv');
    expect(errors).toEqual([]);
    await context.close();

    // The new password and the second factor now guard the sign-in.
    const again = await app.browser.newContext({ locale: 'da-DK' });
    const p2 = await again.newPage();
    await p2.goto(`${app.url}/`);
    await p2.getByLabel('E-mail').fill('sofie.kragh@kk.example');
    await p2.getByLabel('Adgangskode').fill(newPassword);
    await p2.getByRole('button', { name: 'Log ind' }).click();
    // The code of the next time step: the one used to confirm may not be used again.
    await p2.getByLabel('Kode fra din godkendelses-app').fill(totpCode(secret, Date.now() + 30_000));
    await p2.getByRole('button', { name: 'Bekræft' }).click();
    // Signed in, the user's stored language wins over this Danish browser.
    await p2.getByRole('link', { name: 'Ditt konto' }).first().waitFor();
    await again.close();
  }, 180_000);

  it('lets an auditor verify the audit trail', async () => {
    const { context, page, errors } = await signIn(app, 'henrik.dahl@kk.example');
    await page.getByRole('link', { name: 'Kontrol af revisionsspor' }).click();
    await page.getByRole('button', { name: 'Kontrollér revisionssporet' }).click();
    await page.getByText('Revisionssporet er intakt').waitFor();
    await page.getByText(/poster er kontrolleret; kæden er ubrudt op til post nr\./).waitFor();
    await shot(page, 'audit-verify');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lets central coordination link a finding to a balance account and unlink it', async () => {
    const { context, page, errors } = await signIn(app, 'mette.lindholm@kk.example');
    const account = (await call<{ items: { id: string }[] }>(page, 'GET', '/balance-accounts?limit=1')).body.items[0]!;
    const finding = (await call<{ items: { id: string; number: number; title: string }[] }>(page, 'GET', '/findings?limit=1')).body.items[0]!;
    await page.goto(`${app.url}/balance/accounts/${account.id}`);
    const links = page.getByRole('region', { name: 'Tilknyttede bemærkninger' });
    await links.getByText('Ingen bemærkninger er knyttet til kontoen.').waitFor();
    await links.getByRole('combobox', { name: 'Bemærkning at knytte til' }).click();
    await page
      .getByRole('option', { name: new RegExp(`${finding.number}\\. ${finding.title.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) })
      .first()
      .click();
    await links.getByRole('button', { name: 'Knyt til kontoen' }).click();
    await links.getByRole('link', { name: `${finding.number}. ${finding.title}` }).waitFor();
    await shot(page, 'account-linked');
    const linked = await call<{ findingId: string }[]>(page, 'GET', `/balance-accounts/${account.id}/findings`);
    expect(linked.body.map((l) => l.findingId)).toEqual([finding.id]);
    await links.getByRole('button', { name: `Fjern ${finding.number}. ${finding.title} fra kontoen` }).click();
    await links.getByText('Ingen bemærkninger er knyttet til kontoen.').waitFor();
    expect((await call<unknown[]>(page, 'GET', `/balance-accounts/${account.id}/findings`)).body).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
