/// <reference lib="dom" />
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/demo/seed.js';
import { axe, demoApp, haveChromium, photograph } from './browser.js';

/**
 * The revisions of an answer document in the browser (issue 13), in Exempelstad (Swedish): the
 * coordinating department submits the yttrande, central coordination approves it, the department
 * revises it and changes the recipients; it sees the banner and the revisions (the approved one in
 * force, the one being written), while a reader still sees the approved yttrande.
 */
const app = demoApp('answer-revisions');

async function open(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'sv-SE' });
  await context.addInitScript(() => localStorage.setItem('tilsyn.language', 'sv'));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  return { context, page, errors };
}

async function signIn(page: Page, email: string) {
  await page.goto(`${app.url}/`);
  await page.getByLabel(/E-post/).fill(email);
  await page.getByLabel(/Lösenord/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /Logga in/ }).click();
  await page.getByRole('navigation').first().waitFor();
}

async function noAxeViolations(page: Page) {
  await page.waitForLoadState('networkidle');
  const violations = await axe(page);
  expect(violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`)).toEqual([]);
}

const card = (page: Page) => page.locator('section[aria-labelledby="answer-yttrande-title"]');

describe.skipIf(!haveChromium)('the revisions of an answer document', () => {
  it('approve the yttrande → revise it → the department sees both revisions, a reader the approved one', async () => {
    const coordinator = await open();
    const cp = coordinator.page;
    await signIn(cp, 'karin.ek@exempelstad.example');
    const planId = await cp.evaluate(async () => ((await (await fetch('/api/v1/plans?limit=100')).json()) as { items: { id: string }[] }).items[0]!.id);
    await cp.goto(`${app.url}/plans/${planId}`);
    const yttrande = card(cp);
    await yttrande.getByRole('button', { name: 'Skicka för godkännande' }).click();
    await yttrande.getByText('Svaret är skickat för godkännande.').waitFor();

    // Central coordination approves it
    const central = await open();
    const ce = central.page;
    await signIn(ce, 'eva.lindqvist@exempelstad.example');
    await ce.goto(`${app.url}/plans/${planId}`);
    await card(ce).getByRole('button', { name: 'Godkänn' }).click();
    const form = ce.locator('section[aria-labelledby="answer-yttrande-approve-title"]');
    await form.getByLabel('Godkänt den').fill('2025-11-20');
    await form.getByRole('button', { name: 'Godkänn' }).click();
    await card(ce).getByText('Svaret är godkänt.').waitFor();

    // The department revises it, changes the recipients and sees the banner and both revisions
    await cp.reload();
    await yttrande.getByText('Svaret är godkänt och låst. Starta en ny revision för att ändra det.').waitFor();
    await yttrande.getByRole('button', { name: 'Starta en ny revision av svaret' }).click();
    await yttrande.getByText('Revision 2 är påbörjad som utkast.').waitFor();
    await cp
      .getByTestId('answer-revision-banner-yttrande')
      .getByText('Revision 2 av svaret pågår; den godkända revisionen 1 är den som andra ser och som kommer i dokumenten.')
      .waitFor();
    const recipients = yttrande.getByLabel('Mottagare');
    await recipients.fill('Kommunstyrelsen');
    await recipients.press('Enter');
    await yttrande.getByRole('button', { name: 'Spara svaret' }).click();
    await yttrande.getByText('Svaret är sparat.').waitFor();
    const revisions = cp.getByTestId('answer-revisions-yttrande');
    await revisions.getByRole('heading', { name: 'Revisioner av svaret' }).waitFor();
    const items = revisions.getByRole('listitem');
    // The list is fetched again for the saved version: wait for the revision being written before counting
    await items.nth(1).getByText('under arbete').waitFor();
    await expect(items.count()).resolves.toBe(2);
    await items.nth(0).getByText('gällande').waitFor();
    await items
      .nth(0)
      .getByText(/Godkänt 2025-11-20 av Eva Lindqvist/)
      .waitFor();
    await items
      .nth(0)
      .getByText(/mottagare: Kommunrevisionen ·/)
      .waitFor();
    await items.nth(1).getByText('under arbete').waitFor();
    await items
      .nth(1)
      .getByText(/mottagare: Kommunrevisionen, Kommunstyrelsen ·/)
      .waitFor();
    await noAxeViolations(cp);
    await photograph(cp, 'answer-revisions-sv-1440.png');

    // A reader sees the approved yttrande, and only its approved revision
    const reader = await open();
    const rp = reader.page;
    await signIn(rp, 'maria.berg@exempelstad.example');
    await rp.goto(`${app.url}/plans/${planId}`);
    const readCard = card(rp);
    await readCard.getByText('Kommunrevisionen', { exact: true }).waitFor();
    await expect(readCard.getByText('Kommunrevisionen, Kommunstyrelsen', { exact: true }).count()).resolves.toBe(0);
    await expect(rp.getByTestId('answer-revision-banner-yttrande').count()).resolves.toBe(0);
    const readItems = rp.getByTestId('answer-revisions-yttrande').getByRole('listitem');
    await readItems.first().getByText('gällande').waitFor();
    await expect(readItems.count()).resolves.toBe(1);
    await noAxeViolations(rp);

    for (const c of [coordinator, central, reader]) await c.context.close();
    expect([...coordinator.errors, ...central.errors, ...reader.errors]).toEqual([]);
  }, 300_000);
});
