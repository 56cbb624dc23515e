/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/demo/seed.js';
import { axe, demoApp, haveChromium, photograph, screenshotDir } from './browser.js';

/**
 * The follow-up loop in a real Chromium, on a server whose date is fixed at 10 February 2026
 * (TILSYN_FAKE_NOW): a measure owner answers BUF's round (delayed with reason and new date,
 * completed with evidence, postponed with what it waits for; "on track" is not offered once a
 * deadline has passed), the coordinator marks the unanswered measures on track in the table, follows
 * the submit errors' links to the measures, fixes them and submits; central coordination returns it
 * once, it is fixed and accepted. The side-by-side view shows plan and status and prints to A4 PDF.
 * Then the same in a Swedish municipality, and once with the keyboard only.
 */
const app = demoApp('rounds', { now: '2026-02-10T09:00:00Z' });

async function open(lang: 'da' | 'sv', email: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: lang === 'da' ? 'da-DK' : 'sv-SE' });
  await context.addInitScript((l) => localStorage.setItem('tilsyn.language', l), lang);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(`${app.url}/`);
  await page.getByLabel(/E-mail|E-post/).fill(email);
  await page.getByLabel(/Adgangskode|Lösenord/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /Log ind|Logga in/ }).click();
  await page.getByRole('navigation').first().waitFor();
  return { context, page, errors };
}

/** A call to the API from the signed-in page (session cookie and CSRF token). */
async function call<T>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const session = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
      const res = await fetch(`/api/v1${url}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    { method, url, body },
  ) as Promise<T>;
}

/** Opens a new status round as central coordination (the demo's rounds are already answered). */
async function openRound(lang: 'da' | 'sv', email: string, name: string, opensOn: string, dueOn: string): Promise<string> {
  const { context, page } = await open(lang, email);
  const round = await call<{ id: string }>(page, 'POST', '/rounds', { name, kind: 'status', opensOn, dueOn });
  await context.close();
  return round.id;
}

async function findingId(page: Page, title: string): Promise<string> {
  const found = await call<{ items: { id: string; title: string }[] }>(page, 'GET', `/findings?limit=100`);
  return found.items.find((f) => f.title === title)!.id;
}

async function check(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  const violations = await axe(page);
  expect(violations.map((v) => `${name}: ${v.id} ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`)).toEqual([]);
  await photograph(page, `${name}-1440.png`);
}

/** The PDF printout, and its first page as PNG when poppler's pdftoppm is there (for a reviewer's eye). */
async function printToPdf(page: Page, name: string) {
  await page.emulateMedia({ media: 'print' });
  const file = path.join(screenshotDir, `${name}.pdf`);
  await page.pdf({ path: file, format: 'A4', printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  const pdf = fs.readFileSync(file);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  try {
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', file, path.join(screenshotDir, name)]);
  } catch {
    // No poppler-utils: the PDF itself is the artefact.
  }
}

/** Answers every measure still without a status, one at a time (each save changes the list). */
async function answerAll(page: Page, measureName: RegExp, notAnswered: string, answer: (region: Locator) => Promise<void>) {
  const open = page.getByRole('region', { name: measureName }).filter({ hasText: notAnswered });
  while ((await open.count()) > 0) {
    const title = (await open.first().getByRole('heading').first().textContent())!;
    await answer(page.getByRole('region', { name: title, exact: true }));
  }
}

const measureIn = (finding: Locator, name: RegExp) => finding.getByRole('region', { name });

/** Presses Tab (or Shift+Tab) until the element has the focus, as someone without a mouse would; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, { back = false, max = 120 } = {}) {
  await target.waitFor();
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${String(target)} never got the focus by ${back ? 'Shift+Tab' : 'Tab'}`);
}

const isFocused = (target: Locator) => target.evaluate((el) => el === document.activeElement);

describe.skipIf(!haveChromium)('a follow-up round', () => {
  it('(a) the owner answers delayed, completed with evidence and postponed; the coordinator bulk-marks, follows the error links and submits; central returns once, then accepts (da)', async () => {
    const roundName = 'Status februar 2026';
    const roundId = await openRound('da', 'mette.lindholm@kk.example', roundName, '2026-02-01', '2026-02-27');

    const owner = await open('da', 'sofie.kragh@kk.example');
    const { page } = owner;
    await page.getByRole('link', { name: 'Opfølgningsrunder' }).click();
    await page.getByRole('region', { name: roundName }).getByRole('link', { name: /BUF/ }).click();
    await page.getByRole('heading', { level: 2, name: new RegExp(roundName) }).waitFor();
    expect(page.url()).toContain(`/rounds/${roundId}/departments/`);
    const progress = page.getByTestId('round-progress');
    const total = Number((await progress.textContent())!.match(/af (\d+)/)![1]);
    await expect.poll(() => progress.textContent()).toBe(`0 af ${total} besvaret`);
    // Only her own measures: the three of finding 1
    // the switch follows the URL: it shows checked once the navigation it makes has rendered
    await page.getByLabel('Kun mine tiltag').click();
    await page.waitForURL(/mine=1/);
    await expect.poll(() => page.getByLabel('Kun mine tiltag').isChecked()).toBe(true);
    await expect.poll(() => page.getByRole('region', { name: /^Tiltag / }).count()).toBe(3);
    await check(page, 'rounds-form-da');

    const finding1 = page.getByRole('region', { name: /^Bemærkning 1:/ });
    const m1 = measureIn(finding1, /^Tiltag 1:/);
    // Its deadline (2024) has passed: "on track" is not offered, and the form says why.
    expect(await m1.getByRole('radio', { name: 'Efter planen' }).count()).toBe(0);
    await m1.getByText('Fristen er overskredet, så tiltaget kan ikke meldes efter planen.', { exact: false }).waitFor();
    await m1.getByText('Frist overskredet', { exact: true }).waitFor();
    await m1.getByLabel('Forsinket').check();
    await m1.getByLabel('Ny forventet dato').fill('Q2-2026');
    await m1.getByText('Forstået som: Q2-2026').waitFor();
    // No reason: the save is refused beside the field, and the typed date stays.
    await m1.getByRole('button', { name: 'Gem status' }).click();
    await m1.getByText('Skriv årsagen til forsinkelsen.').waitFor();
    await m1.getByRole('alert').waitFor();
    expect(await m1.getByLabel('Ny forventet dato').inputValue()).toBe('Q2-2026');
    expect(await m1.getByLabel('Årsag til forsinkelsen').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => progress.textContent()).toBe(`0 af ${total} besvaret`);
    await photograph(page, 'rounds-form-error-da-1440.png');

    const reason = 'Porteføljemanageren blev først ansat i januar 2026.';
    await m1.getByLabel('Årsag til forsinkelsen').fill(reason);
    await m1.getByRole('button', { name: 'Gem status' }).click();
    await m1.getByText('Gemt', { exact: true }).waitFor();
    await expect.poll(() => progress.textContent()).toBe(`1 af ${total} besvaret`);

    const m2 = measureIn(finding1, /^Tiltag 2:/);
    await m2.getByLabel('Afsluttet').check();
    await m2.getByLabel('Resultat af egenkontrollen').fill('Stikprøve af 20 systemer i december 2025: alle havde en sikkerhedsvurdering.');
    await m2.getByRole('button', { name: 'Gem status' }).click();
    await m2.getByText('Gemt', { exact: true }).waitFor();
    await expect.poll(() => progress.textContent()).toBe(`2 af ${total} besvaret`);

    // Evidence on the completed measure's status: upload, listed, downloadable.
    await m2.locator('input[type="file"]').setInputFiles({ name: 'egenkontrol.txt', mimeType: 'text/plain', buffer: Buffer.from('Stikprøve december 2025\n') });
    await m2.getByRole('button', { name: 'Upload' }).click();
    const link = m2.getByRole('link', { name: 'Hent egenkontrol.txt' });
    await link.waitFor();
    const href = (await link.getAttribute('href'))!;
    expect(href).toMatch(/^\/api\/v1\/evidence\/[0-9a-f-]+\/content$/);
    expect(await page.evaluate(async (url) => (await fetch(url)).text(), href)).toBe('Stikprøve december 2025\n');

    // Postponed: waiting for an outside event, with what it waits for and no date.
    const m3 = measureIn(finding1, /^Tiltag 3:/);
    await m3.getByLabel('Udskudt').check();
    expect(await m3.getByLabel('Ny forventet dato').count()).toBe(0);
    await page.getByRole('link', { name: 'Overblik' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ikke gemte svar' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Bliv på siden' }).click();
    expect(page.url()).toContain(`/rounds/${roundId}/departments/`);
    await m3.getByRole('button', { name: 'Gem status' }).click();
    await m3.getByText('Skriv, hvad tiltaget venter på.').waitFor();
    await m3.getByLabel('Hvad venter tiltaget på?').fill('Afventer den nye bekendtgørelse om it-sikkerhed, som ikke er udstedt endnu.');
    await m3.getByRole('button', { name: 'Gem status' }).click();
    await m3.getByText('Gemt', { exact: true }).waitFor();
    await expect.poll(() => progress.textContent()).toBe(`3 af ${total} besvaret`);
    // A measure owner may not submit.
    expect(await page.getByRole('button', { name: 'Indsend besvarelsen' }).count()).toBe(0);
    expect(owner.errors).toEqual([]);
    const formUrl = page.url().replace(/\?.*$/, '');
    await owner.context.close();

    // The coordinator: the table of every measure; "on track" in bulk where the deadline allows it.
    const coordinator = await open('da', 'jonas.brandt@kk.example');
    const cp = coordinator.page;
    await cp.goto(formUrl);
    const cprogress = cp.getByTestId('round-progress');
    await expect.poll(() => cprogress.textContent()).toBe(`3 af ${total} besvaret`);
    await cp.getByText('Tabel', { exact: true }).click();
    const table = cp.getByTestId('round-table');
    await table.waitFor();
    expect(cp.url()).toContain('view=table');
    expect(await table.locator('tbody tr').count()).toBe(total);
    const choices = table.locator('tbody').getByRole('checkbox');
    const selectable = await choices.count();
    expect(selectable).toBeGreaterThan(0);
    expect(selectable).toBeLessThan(total - 3);
    await table.getByRole('checkbox', { name: 'Vælg alle ubesvarede, der kan meldes efter planen' }).check();
    await cp.getByText(`${selectable} valgt`).waitFor();
    await check(cp, 'rounds-table-da');
    await cp.getByRole('button', { name: 'Meld valgte efter planen' }).click();
    await cp.getByText(`${selectable} tiltag er meldt efter planen.`).waitFor();
    await expect.poll(() => cprogress.textContent()).toBe(`${3 + selectable} af ${total} besvaret`);
    expect(await choices.count()).toBe(0);

    // Submit: the missing ones are listed as links naming the finding and its year.
    await cp.getByRole('button', { name: 'Indsend besvarelsen' }).click();
    const errorBox = cp.locator('#round-submit-errors');
    await errorBox.waitFor();
    const errorLinks = errorBox.getByRole('link');
    const missing = total - 3 - selectable;
    await expect.poll(() => errorLinks.count()).toBe(missing);
    expect(await errorLinks.first().textContent()).toMatch(/^Bemærkning \d+ \(\d{4}\): Tiltag \d+\w* mangler status\.$/);
    await check(cp, 'rounds-submit-errors-da');
    for (let left = missing; left > 0; left--) {
      const text = (await errorLinks.first().textContent())!;
      const number = text.match(/Tiltag (\S+) mangler/)![1]!;
      await errorLinks.first().click();
      // The link leaves the table for the measure's card and puts the focus in it.
      await expect.poll(() => cp.url()).not.toContain('view=table');
      const card = cp.locator('section[data-measure]:focus-within');
      expect(await card.getAttribute('data-measure')).toBe(number);
      await card.waitFor();
      await card.getByLabel('Forsinket').check();
      await card.getByLabel('Årsag til forsinkelsen').fill('Leverandøren er forsinket.');
      await card.getByLabel('Ny forventet dato').fill('Q3-2026');
      await card.getByRole('button', { name: 'Gem status' }).click();
      await card.getByText('Gemt', { exact: true }).waitFor();
      if (left > 1) await expect.poll(() => errorLinks.count()).toBe(left - 1);
    }
    // Every error fixed: the box is gone and the form says so.
    await cp.getByText('Fejlene er rettet. Du kan indsende besvarelsen.').waitFor();
    expect(await errorBox.count()).toBe(0);
    await expect.poll(() => cprogress.textContent()).toBe(`${total} af ${total} besvaret`);
    await cp.getByRole('button', { name: 'Indsend besvarelsen' }).click();
    await cp.getByText('Besvarelsen er indsendt og låst.').waitFor();
    expect(await cp.getByRole('button', { name: 'Gem status' }).count()).toBe(0);
    await photograph(cp, 'rounds-submitted-da-1440.png');
    expect(coordinator.errors).toEqual([]);
    await coordinator.context.close();

    // Central coordination returns it once, with a comment the department sees.
    const comment = 'Skriv mere præcist, hvornår tiltag 1 kan være på plads.';
    let central = await open('da', 'mette.lindholm@kk.example');
    await central.page.goto(formUrl);
    let review = central.page.getByRole('region', { name: 'Gennemgang', exact: true });
    await review.waitFor();
    expect(await review.getByRole('button', { name: 'Send retur' }).isDisabled()).toBe(true);
    await review.getByLabel('Hvad skal rettes?').fill(comment);
    await review.getByRole('button', { name: 'Send retur' }).click();
    await central.page.getByText(`Besvarelsen er sendt retur: ${comment}`).waitFor();
    expect(central.errors).toEqual([]);
    await central.context.close();

    // The coordinator fixes it. Meanwhile someone else saves the same measure: the 409 keeps what he typed.
    const again = await open('da', 'jonas.brandt@kk.example');
    await again.page.goto(formUrl);
    await again.page.getByText(`Besvarelsen er sendt retur: ${comment}`).waitFor();
    const fixCard = measureIn(again.page.getByRole('region', { name: /^Bemærkning 1:/ }), /^Tiltag 1:/);
    await fixCard.getByLabel('Årsag til forsinkelsen').waitFor();
    const other = await open('da', 'sofie.kragh@kk.example');
    const state = await call<{ measures: { measureId: string; findingNumber: number; number: string; entry: { version: number } }[] }>(
      other.page,
      'GET',
      new URL(formUrl).pathname,
    );
    const m1Row = state.measures.find((x) => x.findingNumber === 1 && x.number === '1')!;
    await other.page.evaluate(
      async ({ url, version }) => {
        const session = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
        await fetch(url, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken, 'if-match': `"${version}"` },
          body: JSON.stringify({ status: 'delayed', reason: 'Ændret af ejeren.', newDeadline: 'Q2-2026' }),
        });
      },
      { url: `/api/v1${new URL(formUrl).pathname}/measures/${m1Row.measureId}`, version: m1Row.entry.version },
    );
    await other.context.close();
    const betterReason = 'Porteføljemanageren blev ansat i januar 2026; gennemgangen er færdig i juni 2026.';
    await fixCard.getByLabel('Årsag til forsinkelsen').fill(betterReason);
    await fixCard.getByLabel('Ny forventet dato').fill('30.06.2026');
    await fixCard.getByRole('button', { name: 'Gem status' }).click();
    await fixCard.getByText('En anden har ændret denne status, mens du skrev. Dit svar er bevaret herunder.').waitFor();
    expect(await fixCard.getByLabel('Årsag til forsinkelsen').inputValue()).toBe(betterReason);
    await fixCard.getByText('Ændret af ejeren.', { exact: false }).waitFor();
    await fixCard.getByRole('button', { name: 'Gem mit svar ovenpå' }).click();
    await fixCard.getByText('Gemt', { exact: true }).waitFor();
    await again.page.getByRole('button', { name: 'Indsend besvarelsen' }).click();
    await again.page.getByText('Besvarelsen er indsendt og låst.').waitFor();
    expect(again.errors).toEqual([]);
    await again.context.close();

    central = await open('da', 'mette.lindholm@kk.example');
    await central.page.goto(formUrl);
    review = central.page.getByRole('region', { name: 'Gennemgang', exact: true });
    await review.getByRole('button', { name: 'Godkend besvarelsen' }).click();
    await central.page.getByText('Besvarelsen er godkendt.').waitFor();
    expect(await central.page.getByRole('region', { name: 'Gennemgang', exact: true }).count()).toBe(0);

    // On a phone: the rounds list and the form do not scroll sideways.
    await central.page.setViewportSize({ width: 390, height: 844 });
    for (const url of [`${app.url}/rounds`, formUrl, `${formUrl}?view=table`]) {
      await central.page.goto(url);
      await central.page.getByRole('heading', { level: 2 }).first().waitFor();
      await central.page.waitForLoadState('networkidle');
      expect(await central.page.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(390);
    }
    await photograph(central.page, 'rounds-form-da-390.png');
    expect(central.errors).toEqual([]);
    await central.context.close();
  }, 300_000);

  it('(b) the side-by-side view names the plan by its approval, shows the delayed measure’s reason and new date and the postponed one’s wait, and prints to A4 (da)', async () => {
    // BUF's coordinator prints the department's page for its committee.
    const { context, page, errors } = await open('da', 'jonas.brandt@kk.example');
    const id = await findingId(page, 'Ibrugtagningstilladelser på it-systemer');
    await page.goto(`${app.url}/findings/${id}`);
    await page.getByRole('link', { name: 'Handleplan og status side om side' }).click();
    const buf = page.getByRole('region', { name: /Forvaltning: .*BUF/ });
    await buf.waitFor();
    const plan = buf.locator('.sbs-plan');
    const status = buf.locator('.sbs-status');
    // The plan's own decision date (approved June 2024), not the round's start
    await plan.getByRole('heading', { name: 'Handleplan juni 2024' }).waitFor();
    await status.getByRole('heading', { name: 'Status februar 2026' }).waitFor();
    await plan.getByText('Gennemgang af ibrugtagningsstatus').waitFor();
    const delayed = status.locator('li[data-measure="1"]');
    expect(await delayed.textContent()).toContain('Årsag: Porteføljemanageren blev ansat i januar 2026; gennemgangen er færdig i juni 2026.');
    expect(await delayed.textContent()).toContain('Ny forventet dato: 30.06.2026');
    expect(await status.locator('li[data-measure="2"]').textContent()).toContain('Egenkontrol: Stikprøve af 20 systemer');
    const postponed = status.locator('li[data-measure="3"]');
    expect(await postponed.textContent()).toContain('Udskudt');
    expect(await postponed.textContent()).toContain('Afventer: Afventer den nye bekendtgørelse om it-sikkerhed');
    await check(page, 'rounds-side-by-side-da');
    await printToPdf(page, 'side-by-side-da');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('(c) the same in Swedish mode: a coordinator answers (one uppskjuten), submits, and the uppföljande yttrande stands beside the yttrande (sv)', async () => {
    const roundName = 'Uppföljning våren 2027';
    await openRound('sv', 'eva.lindqvist@exempelstad.example', roundName, '2027-03-01', '2027-04-30');
    const { context, page, errors } = await open('sv', 'karin.ek@exempelstad.example');
    await page.getByRole('link', { name: 'Uppföljningar' }).click();
    await page.getByRole('region', { name: roundName }).getByRole('link', { name: /SK/ }).click();
    const progress = page.getByTestId('round-progress');
    await progress.waitFor();
    const total = Number((await progress.textContent())!.match(/av (\d+)/)![1]);
    await expect.poll(() => progress.textContent()).toBe(`0 av ${total} besvarade`);

    const finding1 = page.getByRole('region', { name: /^Iakttagelse 1:/ });
    const m2 = measureIn(finding1, /^Åtgärd 2:/);
    await m2.getByLabel('Försenad').check();
    await m2.getByLabel('Nytt förväntat datum').fill('Q2-2027');
    await m2.getByText('Tolkat som: Q2 2027').waitFor();
    await m2.getByRole('button', { name: 'Spara status' }).click();
    await m2.getByText('Skriv orsaken till förseningen.').waitFor();
    expect(await m2.getByLabel('Nytt förväntat datum').inputValue()).toBe('Q2-2027');
    await check(page, 'rounds-form-error-sv');
    await m2.getByLabel('Orsak till förseningen').fill('Det nya e-handelssystemet försenades av leverantören.');
    await m2.getByRole('button', { name: 'Spara status' }).click();
    await m2.getByText('Sparad', { exact: true }).waitFor();

    // Uppskjuten: waiting for the authority's regulations, without a date.
    const m3 = measureIn(finding1, /^Åtgärd 3:/);
    await m3.getByLabel('Uppskjuten').check();
    await m3.getByRole('button', { name: 'Spara status' }).click();
    await m3.getByText('Skriv vad åtgärden väntar på.').waitFor();
    await m3.getByLabel('Vad väntar åtgärden på?').fill('Föreskrifterna från myndigheten har inte kommit ännu.');
    await m3.getByRole('button', { name: 'Spara status' }).click();
    await m3.getByText('Sparad', { exact: true }).waitFor();

    await answerAll(page, /^Åtgärd /, 'Inte besvarad', async (region) => {
      await region.getByLabel('Genomförd').check();
      await region.getByLabel('Vilken effekt åtgärden fick').fill('Alla beställare har gått kursen; stickprov visar färre fel.');
      await region.getByRole('button', { name: 'Spara status' }).click();
      await region.getByText('Sparad', { exact: true }).waitFor();
    });
    await expect.poll(() => progress.textContent()).toBe(`${total} av ${total} besvarade`);
    await page.getByRole('button', { name: 'Skicka in svaret' }).click();
    await page.getByText('Svaret är inskickat och låst.').waitFor();

    const id = await findingId(page, 'Intern kontroll vid inköp');
    await page.goto(`${app.url}/findings/${id}`);
    await page.getByRole('link', { name: 'Yttrande och uppföljning sida vid sida' }).click();
    const sk = page.getByRole('region', { name: /Förvaltning: .*SK/ });
    await sk.waitFor();
    // The yttrande's own decision date (adopted November 2025), not the round's
    await sk.locator('.sbs-plan').getByRole('heading', { name: 'Yttrande november 2025' }).waitFor();
    const status = sk.locator('.sbs-status');
    await status.getByRole('heading', { name: `Uppföljande yttrande: ${roundName}` }).waitFor();
    const delayed = status.locator('li[data-measure="2"]');
    expect(await delayed.textContent()).toContain('Orsak: Det nya e-handelssystemet försenades av leverantören.');
    expect(await delayed.textContent()).toContain('Nytt förväntat datum: Q2 2027');
    expect(await status.locator('li[data-measure="3"]').textContent()).toContain('Väntar på: Föreskrifterna från myndigheten har inte kommit ännu.');
    await check(page, 'rounds-side-by-side-sv');
    await printToPdf(page, 'side-by-side-sv');
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('(d) a measure owner answers a round with the keyboard only: one measure on track, one past its deadline delayed with reason and new date (da)', async () => {
    const roundName = 'Status juni 2026';
    const roundId = await openRound('da', 'mette.lindholm@kk.example', roundName, '2026-06-01', '2026-06-26');

    const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'da-DK' });
    await context.addInitScript(() => {
      localStorage.setItem('tilsyn.language', 'da');
      // Every pointer event the page receives is counted: a keyboard-only run must have none.
      const w = window as unknown as { pointerEvents: number };
      w.pointerEvents = 0;
      for (const type of ['mousedown', 'mouseup', 'pointerdown', 'pointerup']) window.addEventListener(type, () => (w.pointerEvents += 1), true);
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    const keys = page.keyboard;

    // Sign in: Tab to the e-mail field, type, Tab to the password, type, Enter.
    await page.goto(`${app.url}/`);
    await tabTo(page, page.getByLabel('E-mail'));
    await keys.type('sofie.kragh@kk.example');
    await tabTo(page, page.getByLabel('Adgangskode'));
    await keys.type(DEMO_PASSWORD);
    await keys.press('Enter');
    const nav = page.getByRole('navigation', { name: 'Hovedmenu' });
    await nav.waitFor();

    // To the round: the menu link, then the department's link in the round.
    await tabTo(page, nav.getByRole('link', { name: 'Opfølgningsrunder' }));
    await keys.press('Enter');
    await tabTo(page, page.getByRole('region', { name: roundName }).getByRole('link', { name: /BUF/ }));
    await keys.press('Enter');
    await page.getByRole('heading', { level: 2, name: new RegExp(roundName) }).waitFor();
    expect(page.url()).toContain(`/rounds/${roundId}/departments/`);
    const departmentPath = new URL(page.url()).pathname;
    const progress = page.getByTestId('round-progress');
    await expect.poll(() => progress.textContent()).toMatch(/^0 af \d+ besvaret$/);

    const finding1 = page.getByRole('region', { name: /^Bemærkning 1:/ });
    // Her measures in the round (a measure completed in the earlier round is no longer asked about).
    const answerable = measureIn(finding1, /^Tiltag /).filter({ has: page.getByRole('radio') });
    const m1 = answerable.nth(0);
    const m2 = answerable.nth(1);
    const numbers = [(await m1.getAttribute('data-measure'))!, (await m2.getAttribute('data-measure'))!];
    // The first on track: Tab into the status group (its first choice), Space checks it, Tab to save, Enter.
    await tabTo(page, m1.getByRole('radio', { name: 'Efter planen' }));
    await keys.press('Space');
    expect(await m1.getByRole('radio', { name: 'Efter planen' }).isChecked()).toBe(true);
    await tabTo(page, m1.getByRole('button', { name: 'Gem status' }));
    await keys.press('Enter');
    await m1.getByText('Gemt', { exact: true }).waitFor();
    await expect.poll(() => progress.textContent()).toMatch(/^1 af \d+ besvaret$/);

    // The second is past its deadline (2024): "on track" is not offered, the group starts at "delayed";
    // the arrow keys move the choice within the group, the fields follow; Shift+Tab goes back.
    expect(await m2.getByRole('radio', { name: 'Efter planen' }).count()).toBe(0);
    await tabTo(page, m2.getByRole('radio', { name: 'Forsinket' }));
    await keys.press('ArrowRight');
    expect(await m2.getByRole('radio', { name: 'Afsluttet' }).isChecked()).toBe(true);
    await keys.press('ArrowLeft');
    expect(await m2.getByRole('radio', { name: 'Forsinket' }).isChecked()).toBe(true);
    expect(await isFocused(m2.getByRole('radio', { name: 'Forsinket' }))).toBe(true);
    await tabTo(page, m2.getByLabel('Ny forventet dato'));
    await keys.type('Q4-2026');
    await m2.getByText('Forstået som: Q4-2026').waitFor();
    await tabTo(page, m2.getByLabel('Årsag til forsinkelsen'), { back: true });
    const reason = 'Leverandøren har flyttet leverancen til efteråret.';
    await keys.type(reason);
    await tabTo(page, m2.getByRole('button', { name: 'Gem status' }));
    await keys.press('Enter');
    await m2.getByText('Gemt', { exact: true }).waitFor();
    await expect.poll(() => progress.textContent()).toMatch(/^2 af \d+ besvaret$/);
    // After a save the focus stays in the measure, so the keyboard user goes on from there.
    expect(await m2.evaluate((el) => el.contains(document.activeElement))).toBe(true);

    // Stored: read back through the API.
    const stored = await call<{
      measures: { number: string; findingNumber: number; entry: { status: string; reason: string | null; newDeadline: { display: string } | null } | null }[];
    }>(page, 'GET', departmentPath.replace(/^\//, '/'));
    const entry = (n: string) => stored.measures.find((m) => m.findingNumber === 1 && m.number === n)!.entry;
    expect(entry(numbers[0]!)).toMatchObject({ status: 'onTrack' });
    expect(entry(numbers[1]!)).toMatchObject({ status: 'delayed', reason, newDeadline: { display: 'Q4-2026' } });
    expect(await page.evaluate(() => (window as unknown as { pointerEvents: number }).pointerEvents)).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
