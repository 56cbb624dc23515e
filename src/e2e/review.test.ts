/// <reference lib="dom" />
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/demo/seed.js';
import { axe, demoApp, haveChromium, photograph } from './browser.js';

/**
 * The review of a plan in the browser, each step by the user whose step it is (issue 13): the BUF
 * coordinator submits, central coordination returns it with a comment, the coordinator fixes it
 * and submits again, central coordination approves it with the meeting that decided it; the
 * coordinator then revises the approved plan and sees the banner, while a reader still sees the
 * approved revision. Texts in Danish, and the banner and review in Swedish.
 */
const app = demoApp('review');

async function open(lang: 'da' | 'sv' = 'da'): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: lang === 'da' ? 'da-DK' : 'sv-SE' });
  await context.addInitScript((l) => localStorage.setItem('tilsyn.language', l), lang);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  return { context, page, errors };
}

async function signIn(page: Page, email: string) {
  await page.goto(`${app.url}/`);
  await page.getByLabel(/E-mail|E-post/).fill(email);
  await page.getByLabel(/Adgangskode|Lösenord|Password/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /Log ind|Logga in|Sign in/ }).click();
  await page.getByRole('navigation').first().waitFor();
}

interface PlanSummary {
  id: string;
  state: string;
  revision: number;
  approvedRevision: number | null;
  departmentCode: string;
  finding: { number: number; reportYear: number };
  problem: string | null;
  measures: { id: string; title: string }[];
  approvals: { meeting: { body: string } | null; revision: number }[];
}

const planById = (page: Page, id: string) => page.evaluate(async (planId) => (await (await fetch(`/api/v1/plans/${planId}`)).json()) as PlanSummary, id);

async function noAxeViolations(page: Page) {
  await page.waitForLoadState('networkidle');
  const violations = await axe(page);
  expect(violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`)).toEqual([]);
}

const shoot = (page: Page, name: string) => photograph(page, `review-${name}-1440.png`);

describe.skipIf(!haveChromium)('the review of a plan', () => {
  it('revise → submit → return with a comment → fix and resubmit → approve with the meeting → revise again with the banner; a reader sees the approved revision', async () => {
    // 1. The BUF coordinator revises the approved plan of finding 1, completes it and submits it
    const coordinator = await open('da');
    await signIn(coordinator.page, 'jonas.brandt@kk.example');
    const planId = await coordinator.page.evaluate(async () => {
      const res = (await (await fetch('/api/v1/plans?limit=100')).json()) as { items: PlanSummary[] };
      return res.items.find((p) => p.finding.number === 1 && p.departmentCode === 'BUF')!.id;
    });
    const cp = coordinator.page;
    await cp.goto(`${app.url}/plans/${planId}`);
    await cp.getByRole('heading', { name: 'Handleplan for BUF' }).waitFor();
    // The demo's plan is approved (revision 1) and locked: the coordinator opens revision 2
    await cp.getByText('Handleplanen er godkendt (revision 1) og er låst. Start en ny revision for at ændre den.').waitFor();
    await expect(cp.getByRole('button', { name: 'Gem kladde' }).count()).resolves.toBe(0);
    await cp.getByRole('button', { name: 'Start en ny revision' }).click();
    await cp.getByText('Revision 2 er startet som kladde.').waitFor();
    await cp.getByTestId('revision-banner').getByText('Revision 2 er i gang; den godkendte revision 1 er den, andre ser.').waitFor();
    await cp.getByLabel('Frist', { exact: true }).nth(1).fill('Q1-2026');
    await cp.getByLabel('Samlet frist').fill('2. halvår 2026');
    const followUps = cp.getByLabel('Opfølgningspunkt');
    for (let i = 0; i < 3; i++) await followUps.nth(i).fill(`Vi tjekker hvert kvartal, om tiltag ${i + 1} virker.`);
    // The owner picker lists the department's users
    const owner = cp.locator('select[id$="-ownerUserId"]').first();
    await expect(cp.getByLabel('Ejer (besvarer status)').count()).resolves.toBe(3);
    const sofie = (await owner.locator('option').allTextContents()).find((o) => o.startsWith('Sofie Kragh'))!;
    expect(sofie).toBeDefined();
    await owner.selectOption({ label: sofie });
    await cp.getByRole('button', { name: 'Gem kladde' }).click();
    await cp.getByText('Gemt.', { exact: true }).waitFor();
    await cp.getByRole('button', { name: 'Send til godkendelse' }).click();
    await cp.getByText('Handleplanen er sendt til godkendelse.').waitFor();
    // The department may not approve its own plan: no review buttons
    await expect(cp.getByRole('button', { name: 'Godkend' }).count()).resolves.toBe(0);

    // 2. Central coordination returns it with a comment (required)
    const central = await open('da');
    const ce = central.page;
    await signIn(ce, 'mette.lindholm@kk.example');
    await ce.goto(`${app.url}/plans/${planId}`);
    const review = ce.getByRole('region', { name: 'Behandling' });
    await review.getByRole('button', { name: 'Send tilbage' }).click();
    await review.getByRole('button', { name: 'Send tilbage' }).last().click();
    await review.getByText('Skriv, hvad forvaltningen skal rette.').waitFor();
    await noAxeViolations(ce);
    await review.getByLabel('Kommentar til forvaltningen').fill('Problemet skal beskrives konkret: hvor mange systemer?');
    await review.getByRole('button', { name: 'Send tilbage' }).last().click();
    await ce.getByText('Handleplanen er sendt tilbage til forvaltningen.').waitFor();
    expect((await planById(ce, planId)).state).toBe('draft');

    // 3. The coordinator reads the comment on the draft, fixes the plan and submits again
    await cp.reload();
    const comment = cp.getByTestId('return-comment');
    await comment.getByText('Sendt tilbage af Mette Lindholm').waitFor();
    await comment.getByText('Problemet skal beskrives konkret: hvor mange systemer?').waitFor();
    await noAxeViolations(cp);
    await shoot(cp, 'returned-da');
    await cp.getByLabel('Problem', { exact: true }).fill('14 systemer i BUF er i drift uden ibrugtagningstilladelse.');
    await cp.getByRole('button', { name: 'Gem kladde' }).click();
    await cp.getByText('Gemt.', { exact: true }).waitFor();
    await cp.getByRole('button', { name: 'Send til godkendelse' }).click();
    await cp.getByText('Handleplanen er sendt til godkendelse.').waitFor();

    // 4. Central coordination approves it with the meeting that decided it
    await ce.reload();
    await review.getByRole('button', { name: 'Godkend' }).click();
    const approveForm = ce.getByRole('region', { name: 'Godkend handleplanen' });
    await approveForm.getByLabel('Godkendt den').fill('20.08.2025');
    await approveForm.getByLabel('Mødet, der besluttede det').first().click();
    await ce.getByRole('option', { name: 'Børne- og Ungdomsudvalget, 20.08.2025 (Punkt 6)' }).click();
    await noAxeViolations(ce);
    await shoot(ce, 'approve-da');
    await approveForm.getByRole('button', { name: 'Godkend' }).click();
    await ce.getByText('Handleplanen er godkendt.').waitFor();
    await ce
      .getByRole('region', { name: 'Godkendelser' })
      .getByText(/Revision 2 godkendt 20\.08\.2025 af Mette Lindholm · Børne- og Ungdomsudvalget/)
      .waitFor();
    const approved = await planById(ce, planId);
    expect(approved).toMatchObject({ state: 'approved', revision: 2, approvedRevision: 2 });
    expect(approved.approvals.at(-1)!.meeting!.body).toBe('Børne- og Ungdomsudvalget');

    // 5. The coordinator finds revision 2 locked, revises it again and sees the banner
    await cp.reload();
    await cp.getByText('Handleplanen er godkendt (revision 2) og er låst. Start en ny revision for at ændre den.').waitFor();
    await expect(cp.getByRole('button', { name: 'Gem kladde' }).count()).resolves.toBe(0);
    await cp.getByRole('button', { name: 'Start en ny revision' }).click();
    await cp.getByText('Revision 3 er startet som kladde.').waitFor();
    await cp.getByTestId('revision-banner').getByText('Revision 3 er i gang; den godkendte revision 2 er den, andre ser.').waitFor();
    const firstTitle = approved.measures[0]!.title;
    await cp.getByLabel('Overskrift').first().fill(`${firstTitle} (udvidet)`);
    await cp.getByRole('button', { name: 'Gem kladde' }).click();
    await cp.getByText('Gemt.', { exact: true }).waitFor();
    // The revision history compares the draft with the approved revision
    const history = cp.getByRole('region', { name: 'Revisioner' });
    await history.getByRole('button', { name: 'Sammenlign' }).click();
    await history.getByText('Sammenlign revision 2 med 3').waitFor();
    await history.getByRole('cell', { name: `${firstTitle} (udvidet)` }).waitFor();
    await noAxeViolations(cp);
    await shoot(cp, 'revision-da');

    // 6. A reader sees the approved revision, not the draft
    const reader = await open('da');
    await signIn(reader.page, 'amira.jensen@kk.example');
    await reader.page.goto(`${app.url}/plans/${planId}`);
    await reader.page.getByRole('heading', { name: new RegExp(`^Tiltag 1 · ${firstTitle}$`) }).waitFor();
    await expect(reader.page.getByText(`${firstTitle} (udvidet)`).count()).resolves.toBe(0);
    await expect(reader.page.getByTestId('revision-banner').count()).resolves.toBe(0);
    await noAxeViolations(reader.page);

    // 7. The same in Swedish: the banner and the review texts
    const swedish = await open('sv');
    await signIn(swedish.page, 'jonas.brandt@kk.example');
    // Signed in, the page speaks the user's own language, else the municipality's (Danish here): Jonas chooses Swedish
    await swedish.page.goto(`${app.url}/account`);
    await swedish.page.getByRole('combobox', { name: 'Dit sprog' }).click();
    await swedish.page.getByRole('option', { name: 'Svenska' }).click();
    await swedish.page.getByRole('status').filter({ hasText: 'Språket är sparat.' }).waitFor();
    await swedish.page.goto(`${app.url}/plans/${planId}`);
    await swedish.page.getByTestId('revision-banner').getByText('Revision 3 pågår; den godkända revisionen 2 är den som andra ser.').waitFor();
    await swedish.page
      .getByRole('region', { name: 'Godkännanden' })
      .getByText(/Revision 2 godkänd 2025-08-20 av Mette Lindholm/)
      .waitFor();
    await swedish.page.getByRole('region', { name: 'Revisioner' }).getByText('gällande').waitFor();
    await noAxeViolations(swedish.page);

    for (const c of [coordinator, central, reader, swedish]) await c.context.close();
    expect([...coordinator.errors, ...central.errors, ...reader.errors, ...swedish.errors]).toEqual([]);
  }, 300_000);
});
