/// <reference lib="dom" />
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/demo/seed.js';
import { axe, demoApp, haveChromium, photograph } from './browser.js';

/**
 * The plan editor in a real Chromium against the built server with the demo data: a coordinator
 * fixes the guidance breaches and submits, a plan is written with the keyboard alone, two users
 * meet in a version conflict, and the Swedish vocabulary with the yttrande's decision plan.
 */
const app = demoApp('plans');

async function open(lang: 'da' | 'sv' = 'da'): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: lang === 'da' ? 'da-DK' : 'sv-SE' });
  await context.addInitScript((l) => localStorage.setItem('tilsyn.language', l), lang);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  return { context, page, errors };
}

/** Signs in through the form, clicking (the keyboard test uses signInByKeyboard). */
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
  departmentCode: string;
  finding: { number: number; reportYear: number };
  problem: string | null;
  measures: { number: string; title: string; deadline: { text: string } | null; followUpPoint: string | null; recommendationIds: string[] }[];
}

const plansOf = (page: Page) => page.evaluate(async () => ((await (await fetch('/api/v1/plans?limit=100')).json()) as { items: PlanSummary[] }).items);

const planById = (page: Page, id: string) => page.evaluate(async (planId) => (await (await fetch(`/api/v1/plans/${planId}`)).json()) as PlanSummary, id);

async function shoot(page: Page, name: string) {
  await photograph(page, `plans-${name}-1440.png`);
}

async function noAxeViolations(page: Page) {
  await page.waitForLoadState('networkidle');
  const violations = await axe(page);
  expect(violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`)).toEqual([]);
}

/** Presses Tab until the focused element matches (keyboard only: no mouse events anywhere). */
async function tabTo(page: Page, matches: (el: { tag: string; label: string; text: string; id: string }) => boolean, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      if (!a) return { tag: '', label: '', text: '', id: '' };
      const byId = a.id ? (document.querySelector(`label[for="${CSS.escape(a.id)}"]`)?.textContent ?? '') : '';
      return {
        tag: a.tagName.toLowerCase(),
        label: (a.getAttribute('aria-label') ?? byId).replace(/\s*\*\s*$/, '').trim(),
        text: (a.textContent ?? '').trim(),
        id: a.id,
      };
    });
    if (matches(el)) return el;
  }
  throw new Error('Tab never reached the element');
}

describe.skipIf(!haveChromium)('the plan editor', () => {
  it('(a) a BUF coordinator sees the guidance breaches, fixes them in the form and submits', async () => {
    const { context, page, errors } = await open('da');
    await signIn(page, 'jonas.brandt@kk.example');
    const plan = (await plansOf(page)).find((p) => p.finding.number === 1 && p.departmentCode === 'BUF')!;
    expect(plan).toBeDefined();
    await page.goto(`${app.url}/plans/${plan.id}`);
    await page.getByRole('heading', { name: 'Handleplan for BUF' }).waitFor();
    // The demo's plan is approved and locked: changing it means a new revision
    await page.getByRole('button', { name: 'Start en ny revision' }).click();
    await page.getByTestId('revision-banner').waitFor();
    const breaches = page.getByTestId('breaches');
    await breaches.getByText('Tiltag 2 mangler en frist').waitFor();
    await expect(breaches.getByText('Handleplanen mangler en samlet frist.').count()).resolves.toBe(1);
    await expect(breaches.getByText(/mangler et opfølgningspunkt/).count()).resolves.toBe(3);
    await noAxeViolations(page);
    await shoot(page, 'breaches-da');

    // A breach takes you to its field
    await breaches.getByRole('button', { name: /Tiltag 2 mangler en frist/ }).click();
    const deadline2 = page.getByLabel('Frist', { exact: true }).nth(1);
    await expect(deadline2.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await deadline2.fill('Q1-2026');
    await page.getByText('Forstået som Q1-2026 (senest 31.03.2026)').waitFor();
    // Something the parser cannot read says so beside the field, and keeps the text
    await page.getByLabel('Samlet frist').fill('engang i 2026');
    await page.getByText(/»engang i 2026« er ikke en gyldig frist/).waitFor();
    await page.getByLabel('Samlet frist').fill('2. halvår 2026');
    await page.getByText('Forstået som 2. halvår 2026 (senest 31.12.2026)').waitFor();
    const followUps = page.getByLabel('Opfølgningspunkt');
    for (let i = 0; i < 3; i++) await followUps.nth(i).fill(`Vi tjekker hvert kvartal, om tiltag ${i + 1} virker.`);
    // The live check already agrees
    await page.getByText('Ingen fejl. Handleplanen kan sendes til godkendelse.').waitFor();
    await page.getByRole('button', { name: 'Gem kladde' }).click();
    await page.getByText('Gemt.', { exact: true }).waitFor();
    await page.getByText('Gemt som Q1-2026 (senest 31.03.2026)').waitFor();
    await page.getByText('Tjekket på den gemte version.').waitFor();
    await page.getByRole('button', { name: 'Send til godkendelse' }).click();
    await page.getByText('Handleplanen er sendt til godkendelse.').waitFor();
    await page.getByText('Handleplanen er sendt til godkendelse og kan ikke ændres').waitFor();
    await shoot(page, 'submitted-da');

    const after = await planById(page, plan.id);
    expect(after.state).toBe('submitted');
    expect(after.measures.map((m) => m.deadline?.text ?? null)).toEqual(['2024', '2026-Q1', '2024']);
    expect(after.measures.every((m) => m.followUpPoint?.startsWith('Vi tjekker'))).toBe(true);
    await context.close();
    expect(errors).toEqual([]);
  }, 120_000);

  it('(b) a plan is written with the keyboard alone', async () => {
    const { context, page, errors } = await open('da');
    // Sign in with the keyboard too
    await page.goto(`${app.url}/`);
    await tabTo(page, (el) => el.label === 'E-mail');
    await page.keyboard.type('lone.vestergaard@kk.example');
    await tabTo(page, (el) => el.label === 'Adgangskode');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('navigation').first().waitFor();
    const findingId = await page.evaluate(async () => {
      const res = (await (await fetch('/api/v1/findings?limit=100')).json()) as { items: { id: string; number: number; reportYear: number }[] };
      return res.items.find((f) => f.number === 1 && f.reportYear === 2024)!.id;
    });
    await page.goto(`${app.url}/findings/${findingId}`);
    await page.getByRole('button', { name: 'Opret handleplan' }).waitFor();
    await tabTo(page, (el) => el.text === 'Opret handleplan');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Handleplan for SOF' }).waitFor();
    const planId = page.url().split('/plans/')[1]!;

    await tabTo(page, (el) => el.label === 'Problem');
    await page.keyboard.type('SOF mangler ibrugtagningstilladelser på tre ældre systemer.');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Det gælder tre systemer fra før 2018.');
    await tabTo(page, (el) => el.label === 'Samlet frist');
    await page.keyboard.type('Q4-2026');
    await tabTo(page, (el) => el.text === 'Tilføj tiltag');
    await page.keyboard.press('Enter');
    // Focus lands in the new measure's title
    await page.keyboard.type('Sikkerhedsvurdering af ældre systemer');
    await tabTo(page, (el) => el.label === 'Beskrivelse');
    await page.keyboard.type('SOF laver en sikkerhedsvurdering af de tre systemer.');
    await tabTo(page, (el) => el.label === 'Frist');
    await page.keyboard.type('1. halvår 2026');
    await page.getByText('Forstået som 1. halvår 2026 (senest 30.06.2026)').waitFor();
    await tabTo(page, (el) => el.label === 'Opfølgningspunkt');
    await page.keyboard.type('Ledelsen ser vurderingerne igennem i juli 2026.');
    await tabTo(page, (el) => el.label.startsWith('Anbefaling 1'));
    await page.keyboard.press('Space');

    await tabTo(page, (el) => el.text === 'Tilføj tiltag');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Eskalering af ikke godkendte systemer');
    await tabTo(page, (el) => el.label === 'Frist' && el.id.includes('new-2'));
    await page.keyboard.type('Q2-2026');
    await tabTo(page, (el) => el.label === 'Opfølgningspunkt' && el.id.includes('new-2'));
    await page.keyboard.type('Vi tæller hvert kvartal de systemer, der er udfaset.');
    await tabTo(page, (el) => el.label.startsWith('Anbefaling 2') && el.id.includes('new-2'));
    await page.keyboard.press('Space');
    // Move the second measure up, by keyboard
    await page.keyboard.down('Shift');
    await tabTo(page, (el) => el.label === 'Flyt op: tiltag 2');
    await page.keyboard.up('Shift');
    await page.keyboard.press('Enter');
    await page.getByText('Tiltag 2 er nu nummer 1 i rækkefølgen.').waitFor();
    // … and renumber so the numbers follow the order again
    await tabTo(page, (el) => el.text === 'Nummerér efter rækkefølgen');
    await page.keyboard.press('Enter');
    await tabTo(page, (el) => el.text === 'Gem kladde');
    await page.keyboard.press('Enter');
    await page.getByText('Gemt.', { exact: true }).waitFor();
    await shoot(page, 'keyboard-da');

    const saved = await planById(page, planId);
    expect(saved.measures.map((m) => [m.number, m.title, m.deadline?.text])).toEqual([
      ['1', 'Eskalering af ikke godkendte systemer', '2026-Q2'],
      ['2', 'Sikkerhedsvurdering af ældre systemer', '2026-H1'],
    ]);
    expect(saved.measures.every((m) => m.recommendationIds.length === 1)).toBe(true);
    await page.getByText('Ingen fejl. Handleplanen kan sendes til godkendelse.').waitFor();
    await context.close();
    expect(errors).toEqual([]);
  }, 180_000);

  it('(c) two users edit the same plan: the second save shows both versions and overwrites nothing', async () => {
    const a = await open('da');
    const b = await open('da');
    await signIn(a.page, 'mette.lindholm@kk.example');
    await signIn(b.page, 'admin@kk.example');
    const plan = (await plansOf(a.page)).find((p) => p.state !== 'submitted' && !(p.finding.number === 1 && ['BUF', 'SOF'].includes(p.departmentCode)))!;
    if (plan.state === 'approved') {
      // An approved plan is locked: Mette opens a new revision before both edit it
      await a.page.goto(`${app.url}/plans/${plan.id}`);
      await a.page.getByRole('button', { name: 'Start en ny revision' }).click();
      await a.page.getByTestId('revision-banner').waitFor();
    }
    for (const { page } of [a, b]) {
      await page.goto(`${app.url}/plans/${plan.id}`);
      await page.getByLabel('Problem', { exact: true }).waitFor();
    }
    await a.page.getByLabel('Problem', { exact: true }).fill('Version fra Mette.');
    await a.page.getByRole('button', { name: 'Gem kladde' }).click();
    await a.page.getByText('Gemt.', { exact: true }).waitFor();

    await b.page.getByLabel('Problem', { exact: true }).fill('Version fra administratoren.');
    await b.page.getByRole('button', { name: 'Gem kladde' }).click();
    const conflict = b.page.getByTestId('conflict');
    await conflict.waitFor();
    await conflict.getByRole('columnheader', { name: 'Din version' }).waitFor();
    await conflict.getByRole('columnheader', { name: 'Den aktuelle version' }).waitFor();
    const row = conflict.getByRole('row', { name: /Problem/ });
    await row.getByText('Version fra administratoren.').waitFor();
    await row.getByText('Version fra Mette.').waitFor();
    await shoot(b.page, 'conflict-da');
    expect((await planById(b.page, plan.id)).problem).toBe('Version fra Mette.');

    await conflict.getByRole('button', { name: 'Fortsæt fra den aktuelle version' }).click();
    await b.page.getByText('Alt er gemt').waitFor();
    await expect(b.page.getByLabel('Problem', { exact: true }).inputValue()).resolves.toBe('Version fra Mette.');
    await expect(conflict.count()).resolves.toBe(0);
    await a.context.close();
    await b.context.close();
    expect([...a.errors, ...b.errors]).toEqual([]);
  }, 120_000);

  it('(d) in Swedish mode the plan speaks yttrande / åtgärd / förväntad effekt and shows the decision plan', async () => {
    const { context, page, errors } = await open('sv');
    await signIn(page, 'karin.ek@exempelstad.example');
    const plan = (await plansOf(page))[0]!;
    await page.goto(`${app.url}/plans/${plan.id}`);
    await page.getByRole('heading', { name: 'Yttrande för SK (förvaltningsövergripande)' }).waitFor();
    if (plan.state === 'approved') {
      // Locked once approved: a new revision opens the form
      await page.getByRole('button', { name: 'Starta en ny revision' }).click();
      await page.getByTestId('revision-banner').getByText('Revision 2 pågår; den godkända revisionen 1 är den som andra ser.').waitFor();
    }
    await page.getByRole('heading', { name: 'Åtgärder', exact: true }).waitFor();
    await page.getByRole('heading', { name: /^Åtgärd 1 · Spärr mot attest/ }).waitFor();
    await expect(page.getByLabel('Förväntad effekt').count()).resolves.toBe(3);
    await expect(page.getByLabel('Förväntad effekt').first().inputValue()).resolves.toBe('Ingen faktura attesteras av den som beställde.');
    await page.getByRole('heading', { name: 'Yttranden till revisorerna' }).waitFor();
    const decision = page.getByTestId('decision-plan-yttrande');
    await decision.getByText('Kommunstyrelsens arbetsutskott, 2025-10-20 (§ 212)').waitFor();
    await decision.getByText('Kommunstyrelsen, 2025-11-05 (§ 188)').waitFor();
    await page.getByTestId('decision-plan-uppfoljandeYttrande').getByText('Kommunstyrelsen, 2026-11-18').waitFor();
    await page.getByRole('heading', { name: 'Uppföljande yttrande' }).waitFor();
    await noAxeViolations(page);
    await shoot(page, 'yttrande-sv');

    // Edit the follow-up statement: one more recipient
    const recipients = page.getByLabel('Mottagare').nth(1);
    await recipients.fill('Kommunfullmäktiges presidium');
    await recipients.press('Enter');
    await page.getByRole('button', { name: 'Spara svaret' }).nth(1).click();
    await page.getByText('Svaret är sparat.').waitFor();
    const answers = await page.evaluate(
      async (id) => ((await (await fetch(`/api/v1/plans/${id}`)).json()) as { answers: { kind: string; recipients: string[] }[] }).answers,
      plan.id,
    );
    expect(answers.find((x) => x.kind === 'uppfoljandeYttrande')!.recipients).toEqual(['Kommunrevisionen', 'Kommunfullmäktiges presidium']);
    await context.close();
    expect(errors).toEqual([]);
  }, 120_000);

  it('takes comments on the plan and comments and evidence on each measure', async () => {
    const { context, page, errors } = await open('da');
    await signIn(page, 'henrik.dahl@kk.example');
    const plan = (await plansOf(page)).find((p) => p.finding.number === 3)!;
    await page.goto(`${app.url}/plans/${plan.id}`);
    const toggle = page.getByRole('button', { name: /Kommentarer og dokumentation til tiltag 1$/ });
    await toggle.click();
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
    const measurePanel = page.locator('[id^="activity-"]').getByRole('region', { name: 'Kommentarer og dokumentation' });
    await measurePanel.getByLabel('Ny kommentar').fill('Er stikprøven dokumenteret?');
    await measurePanel.getByRole('button', { name: 'Tilføj kommentar' }).click();
    await measurePanel.getByText('Er stikprøven dokumenteret?').waitFor();
    const measureId = await page.evaluate(
      async (id) =>
        ((await (await fetch(`/api/v1/plans/${id}`)).json()) as { measures: { id: string; number: string }[] }).measures.find((m) => m.number === '1')!.id,
      plan.id,
    );
    const comments = await page.evaluate(
      async (id) => (await (await fetch(`/api/v1/measures/${id}/comments`)).json()) as { items: { body: string }[] },
      measureId,
    );
    expect(comments.items.map((c) => c.body)).toContain('Er stikprøven dokumenteret?');
    await noAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('(e) a coordinator accepts a guidance error with a reason, then withdraws the acceptance', async () => {
    const { context, page, errors } = await open('da');
    await signIn(page, 'jonas.brandt@kk.example');
    // BUF's plan for finding 6 has no overall deadline: an error of the guidance check
    const plan = (await plansOf(page)).find((p) => p.finding.number === 6 && p.departmentCode === 'BUF')!;
    expect(plan).toBeDefined();
    await page.goto(`${app.url}/plans/${plan.id}`);
    await page.getByRole('heading', { name: 'Handleplan for BUF' }).waitFor();
    if (plan.state === 'approved') {
      await page.getByRole('button', { name: 'Start en ny revision' }).click();
      await page.getByTestId('revision-banner').waitFor();
    }
    const breach = page.getByTestId('breaches').locator('li', { hasText: 'Handleplanen mangler en samlet frist.' });
    await breach.getByRole('button', { name: 'Accepter med begrundelse' }).click();
    await breach.getByLabel('Begrundelse for at acceptere').fill('Fristen følger Økonomiudvalgets beslutning i juni.');
    await breach.getByRole('button', { name: 'Accepter fejlen' }).click();
    await breach.getByText('Accepteret: Fristen følger Økonomiudvalgets beslutning i juni.').waitFor();
    const withdraw = breach.getByRole('button', { name: /^Træk accepten tilbage/ });
    await expect(withdraw.getAttribute('aria-label')).resolves.toBe('Træk accepten tilbage: Handleplanen mangler en samlet frist.');
    const accepted = await page.evaluate(
      async (id) => ((await (await fetch(`/api/v1/plans/${id}`)).json()) as { acceptances: { code: string; reason: string }[] }).acceptances,
      plan.id,
    );
    expect(accepted).toEqual([expect.objectContaining({ code: 'plan.overallDeadlineMissing', reason: 'Fristen følger Økonomiudvalgets beslutning i juni.' })]);
    await noAxeViolations(page);
    await shoot(page, 'acceptance-da');

    // Withdrawn, the error is open again and may be accepted anew
    await withdraw.click();
    await page.getByText('Accepten er trukket tilbage. Fejlen skal rettes eller accepteres igen, før handleplanen kan sendes.').waitFor();
    await breach.getByRole('button', { name: 'Accepter med begrundelse' }).waitFor();
    await expect(breach.getByText(/^Accepteret:/).count()).resolves.toBe(0);
    const after = await page.evaluate(async (id) => ((await (await fetch(`/api/v1/plans/${id}`)).json()) as { acceptances: unknown[] }).acceptances, plan.id);
    expect(after).toEqual([]);
    await noAxeViolations(page);
    await context.close();
    expect(errors).toEqual([]);
  }, 120_000);

  it('is read-only for a reader: no edit controls', async () => {
    const { context, page } = await open('da');
    await signIn(page, 'henrik.dahl@kk.example');
    const plan = (await plansOf(page))[0]!;
    await page.goto(`${app.url}/plans/${plan.id}`);
    await page.getByText('Du kan læse handleplanen, men din rolle giver ikke adgang til at ændre den.').waitFor();
    await expect(page.getByRole('button', { name: 'Gem kladde' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Tilføj tiltag' }).count()).resolves.toBe(0);
    // Auditors may comment (the comments panel has a text box); the plan itself has none.
    await expect(
      page
        .locator(
          '#main :is(input:not([type="checkbox"]):not([type="hidden"]):not([type="file"]), textarea):not(section[aria-label="Kommentarer og dokumentation"] *)',
        )
        .count(),
    ).resolves.toBe(0);
    await context.close();
  }, 60_000);
});
