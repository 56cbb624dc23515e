/// <reference lib="dom" />
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, serverEnv, startServerProcess, type ServerProcess } from '../test/crash/server-process.js';
import { unpackTemplate } from '../test/template.js';
import { DEMO_PASSWORD } from '../server/demo/seed.js';
import { haveChromium, launch, screenshotDir, webDir } from './browser.js';
import { screenshotAndAxe } from './session.js';

/**
 * The whole loop in the browser, nothing else: one finding from registration to the council's
 * decision, each step by the user whose step it is, through pages and buttons only (no API call,
 * no import). Danish on the demo's København; Swedish on a municipality made with
 * `tilsyn municipality add`, set up by its administrator in the web app. The measure owner's part
 * is done with the keyboard alone. Every user's clicks are counted and printed per role.
 */

/** The server's fixed time: the round of March 2026 is open, the plan deadlines lie ahead. */
const NOW = '2026-03-10T10:00:00Z';

/**
 * A built server on a fresh embedded database made from the run's migrated template: `prepare`
 * may run the CLI on the directory before the server opens it (only one process may hold it).
 */
function loopApp(name: string, opts: { demo: boolean; prepare?: (dataDir: string) => void }) {
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;
  let dataDir: string | undefined;
  beforeAll(async () => {
    if (!haveChromium) return;
    ensureBuilt();
    if (!fs.existsSync(path.join(webDir, 'index.html'))) throw new Error(`the web app is not built in ${webDir} (npm run build)`);
    dataDir = unpackTemplate(fs.mkdtempSync(path.join(os.tmpdir(), `tilsyn-e2e-${name}-`)));
    opts.prepare?.(dataDir);
    server = await startServerProcess(
      serverEnv({
        TILSYN_DATA_DIR: dataDir,
        TILSYN_DEMO: opts.demo ? '1' : '0',
        TILSYN_LOGIN_RATE_LIMIT: '1000',
        TILSYN_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
        TILSYN_FAKE_NOW: NOW,
        NODE_ENV: 'test',
      }),
    );
    browser = await launch();
    fs.mkdirSync(screenshotDir, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    if (server) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    get url() {
      return server!.url;
    },
    get browser() {
      return browser!;
    },
  };
}
type App = ReturnType<typeof loopApp>;

/** Clicks per role: a click, a choice in a list, or a key that activates something; typing is not one. Tab presses are counted apart. */
class Tally {
  readonly rows = new Map<string, { clicks: number; tabs: number }>();
  add(role: string, what: 'clicks' | 'tabs', n = 1) {
    const row = this.rows.get(role) ?? { clicks: 0, tabs: 0 };
    row[what] += n;
    this.rows.set(role, row);
  }
  print(title: string) {
    const lines = [...this.rows].map(([role, r]) => `  ${role.padEnd(44)} ${String(r.clicks).padStart(4)} clicks${r.tabs ? ` (+ ${r.tabs} Tab presses)` : ''}`);
    const total = [...this.rows.values()].reduce((s, r) => s + r.clicks, 0);
    console.log(`\nClicks for the whole loop, ${title}:\n${lines.join('\n')}\n  ${'total'.padEnd(44)} ${String(total).padStart(4)} clicks\n`);
  }
}

/** A signed-in user whose every action is counted under a role. */
class User {
  constructor(
    readonly page: Page,
    readonly context: BrowserContext,
    readonly errors: string[],
    private readonly tally: Tally,
    public role: string,
  ) {}
  async click(target: Locator) {
    this.tally.add(this.role, 'clicks');
    await target.click();
  }
  async check(target: Locator) {
    this.tally.add(this.role, 'clicks');
    await target.check();
  }
  /** A choice in a native select: opening it and picking count as two. */
  async choose(select: Locator, optionText: string | RegExp) {
    this.tally.add(this.role, 'clicks', 2);
    const value = await select.locator('option', { hasText: optionText }).first().getAttribute('value');
    await select.selectOption(value!);
  }
  /** A choice in a combobox (Mantine Select): open, then the option. */
  async pick(combobox: Locator, option: string | RegExp | null) {
    await this.click(combobox);
    const options = this.page.getByRole('option', option === null ? {} : { name: option });
    await this.click(options.first());
  }
  fill(target: Locator, text: string) {
    return target.fill(text);
  }
  /** A key that activates something (Enter, Space, arrows). */
  async press(key: string) {
    this.tally.add(this.role, 'clicks');
    await this.page.keyboard.press(key);
  }
  type(text: string) {
    return this.page.keyboard.type(text);
  }
  /** Tab (or Shift+Tab) until the element has the focus, as someone without a mouse would. */
  async tabTo(target: Locator, { back = false, max = 150 } = {}) {
    await target.waitFor();
    for (let i = 0; i < max; i++) {
      if (await target.evaluate((el) => el === document.activeElement)) return;
      this.tally.add(this.role, 'tabs');
      await this.page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    }
    throw new Error(`${String(target)} never got the focus by ${back ? 'Shift+Tab' : 'Tab'}`);
  }
  /** Presses an arrow key in a radio group until the radio is chosen. */
  async arrowTo(radio: Locator, max = 6) {
    for (let i = 0; i < max && !(await radio.isChecked()); i++) await this.press('ArrowRight');
    expect(await radio.isChecked()).toBe(true);
  }
  async close() {
    await this.context.close();
    expect(this.errors).toEqual([]);
  }
}

const mainNav = (page: Page) => page.getByRole('navigation').first();

/** Opens the site and signs in through the form, by mouse or by keyboard. */
async function signIn(app: App, tally: Tally, role: string, email: string, password: string, lang: 'da' | 'sv', { keyboard = false } = {}): Promise<User> {
  const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: lang === 'da' ? 'da-DK' : 'sv-SE' });
  if (keyboard) {
    // Every pointer event the page receives is counted: a keyboard-only part must have none.
    await context.addInitScript(() => {
      const w = window as unknown as { pointerEvents: number };
      w.pointerEvents = 0;
      for (const type of ['mousedown', 'mouseup', 'pointerdown', 'pointerup']) window.addEventListener(type, () => (w.pointerEvents += 1), true);
    });
  }
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.setDefaultTimeout(20_000);
  const user = new User(page, context, errors, tally, role);
  await page.goto(`${app.url}/`);
  const emailField = page.getByLabel(/E-mail|E-post/);
  const passwordField = page.getByLabel(/Adgangskode|Lösenord/);
  if (keyboard) {
    await user.tabTo(emailField);
    await user.type(email);
    await user.tabTo(passwordField);
    await user.type(password);
    await user.press('Enter');
  } else {
    await user.fill(emailField, email);
    await user.fill(passwordField, password);
    await user.click(page.getByRole('button', { name: /Log ind|Logga in/ }));
  }
  await mainNav(page).waitFor();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
  return user;
}

/** The item of "what needs me" whose text matches, once the list has loaded (all of it shown). */
async function task(user: User, kind: RegExp, about: RegExp | string): Promise<Locator> {
  const section = user.page.getByRole('region', { name: /Det venter på dig|Det här väntar på dig/ });
  await section.waitFor();
  const item = section.getByRole('listitem').filter({ hasText: kind }).filter({ hasText: about });
  const more = section.getByRole('button', { name: /Vis alle|Visa alla/ });
  await section.getByRole('listitem').first().waitFor();
  if ((await item.count()) === 0 && (await more.count()) > 0) await user.click(more);
  await item.first().waitFor();
  return item.first();
}

/** Goes to the start page by the menu and follows the task's link. */
async function followTask(user: User, kind: RegExp, about: RegExp | string) {
  await user.click(mainNav(user.page).getByRole('link', { name: /^(Overblik|Översikt)$/ }));
  const item = await task(user, kind, about);
  await user.click(item.getByRole('link').first());
}

describe.skipIf(!haveChromium)('the whole loop in the browser (da, København)', () => {
  const app = loopApp('loop-da', { demo: true });

  it('registers, asks, writes, returns, approves, follows up, closes and decides, each user in turn', async () => {
    const tally = new Tally();
    const title = 'Brugeradgange i fagsystemer';
    const findingRegion = /^Bemærkning 1: Brugeradgange i fagsystemer/;
    const roundName = 'Status marts 2026';

    // 1. Central coordination registers the report and the finding and asks both departments for plans.
    const central = await signIn(app, tally, 'central coordination (Mette)', 'mette.lindholm@kk.example', DEMO_PASSWORD, 'da');
    let page = central.page;
    await central.click(mainNav(page).getByRole('link', { name: 'Beretninger', exact: true }));
    await central.click(page.getByRole('button', { name: 'Ny beretning' }));
    await central.fill(page.getByLabel('Titel'), 'Løbende revision 2025, delberetning 3');
    await central.fill(page.getByLabel('Regnskabsår'), '2025');
    await central.fill(page.getByLabel('Revisor'), 'Ekstern revision');
    await central.fill(page.getByLabel('Sagsnummer'), '2026-0012');
    await central.fill(page.getByLabel('Modtaget'), '15.01.2026');
    await central.click(page.getByRole('button', { name: 'Gem beretning' }));
    await page.getByRole('heading', { name: 'Løbende revision 2025, delberetning 3 (2025)' }).waitFor();
    await central.click(page.getByRole('link', { name: 'Ny bemærkning' }));
    await page.getByRole('heading', { name: 'Ny revisionsbemærkning' }).waitFor();
    await central.fill(page.getByLabel('Titel'), title);
    await central.fill(page.getByLabel('Observationer'), 'Fratrådte medarbejdere havde stadig adgang til to fagsystemer.');
    await central.fill(page.getByLabel('Anbefaling 1'), 'Fjern adgange ved fratrædelse samme dag.');
    await central.click(page.getByRole('button', { name: 'Tilføj anbefaling' }));
    await central.fill(page.getByLabel('Anbefaling 2'), 'Gennemgå adgange hvert kvartal.');
    await central.click(page.getByRole('button', { name: 'Tilføj anbefaling' }));
    await central.fill(page.getByLabel('Anbefaling 3'), 'Dokumentér hvem der godkender adgange.');
    await central.check(page.getByLabel('BUF Børne- og Ungdomsforvaltningen'));
    await central.check(page.getByLabel('SOF Socialforvaltningen'));
    await central.click(page.getByRole('button', { name: 'Gem bemærkning' }));
    await page.getByRole('heading', { name: `1. ${title}` }).waitFor();
    await central.click(page.getByRole('button', { name: 'Bed om handleplaner' }));
    await central.fill(page.getByLabel('Frist for handleplanen'), '30.04.2026');
    await central.fill(page.getByLabel('Besked til forvaltningerne (valgfri)'), 'Til Økonomiudvalget i maj.');
    await central.click(page.getByRole('button', { name: 'Send anmodningen' }));
    await page.getByText('Forvaltningerne er bedt om en handleplan.').waitFor();
    await page
      .getByTestId('part-BUF')
      .getByText(/frist 30\.04\.2026/)
      .waitFor();
    await screenshotAndAxe(page, 'loop', 'da-1-requested');

    // 2. BUF's coordinator finds the request under "what needs me", writes the plan and submits it.
    const buf = await signIn(app, tally, 'department coordinator (Jonas, BUF)', 'jonas.brandt@kk.example', DEMO_PASSWORD, 'da');
    page = buf.page;
    const requested = await task(buf, /Skriv handleplanen/, title);
    expect(await requested.textContent()).toContain('Frist 30.04.2026');
    await buf.click(requested.getByRole('link').first());
    await buf.click(page.getByRole('button', { name: 'Opret handleplan' }));
    await page.getByRole('heading', { name: 'Handleplan for BUF' }).waitFor();
    await buf.fill(page.getByLabel('Problem', { exact: true }), 'Adgange til fagsystemerne fjernes ikke, når medarbejdere fratræder.');
    await buf.fill(page.getByLabel('Omfang', { exact: true }), 'To fagsystemer i BUF med cirka 4.000 brugere.');
    await buf.fill(page.getByLabel('Samlet frist'), '2026');
    const measures = [
      { title: 'Daglig afmelding ved fratrædelse', deadline: 'Q2-2026', followUp: 'Stikprøve af 25 fratrædelser i juli 2026.' },
      { title: 'Kvartalsvis gennemgang af adgange', deadline: '31.05.2026', followUp: 'Ledelsen ser gennemgangen igennem hvert kvartal.' },
      { title: 'Godkendelse af adgange dokumenteres', deadline: '2. halvår 2026', followUp: 'Revisionen får dokumentationen i december 2026.' },
    ];
    for (const [i, m] of measures.entries()) {
      await buf.click(page.getByRole('button', { name: 'Tilføj tiltag' }));
      await buf.fill(page.getByLabel(/^Overskrift/).nth(i), m.title);
      await buf.fill(page.getByLabel('Frist', { exact: true }).nth(i), m.deadline);
      await buf.fill(page.getByLabel('Opfølgningspunkt', { exact: true }).nth(i), m.followUp);
      await buf.choose(page.getByLabel('Ejer (besvarer status)').nth(i), 'Sofie Kragh');
      await buf.check(page.getByLabel(new RegExp(`^Anbefaling ${i + 1}:`)).nth(i));
    }
    await buf.click(page.getByRole('button', { name: 'Gem kladde' }));
    await page.getByText('Gemt.', { exact: true }).waitFor();
    await page.getByText('Ingen fejl. Handleplanen kan sendes til godkendelse.').waitFor();
    await screenshotAndAxe(page, 'loop', 'da-2-plan');
    await buf.click(page.getByRole('button', { name: 'Send til godkendelse' }));
    await page.getByText('Handleplanen er sendt til godkendelse.').waitFor();

    // 3. Central coordination returns it once with a comment ...
    page = central.page;
    const comment = 'Tiltag 2 skal sige, hvem der gennemgår adgangene.';
    await followTask(central, /Godkend handleplanen eller send den tilbage/, title);
    await page.getByRole('heading', { name: 'Handleplan for BUF' }).waitFor();
    await central.click(page.getByRole('button', { name: 'Send tilbage' }));
    await central.fill(page.getByLabel('Kommentar til forvaltningen'), comment);
    await central.click(page.getByRole('button', { name: 'Send tilbage' }).last());
    await page.getByText('Handleplanen er sendt tilbage til forvaltningen.').waitFor();

    // ... the coordinator sees the comment, fixes the measure and submits again ...
    page = buf.page;
    await followTask(buf, /Handleplanen er sendt tilbage til rettelse/, title);
    await page.getByTestId('return-comment').getByText(comment).waitFor();
    await screenshotAndAxe(page, 'loop', 'da-3-returned');
    await buf.fill(page.getByLabel('Ansvarlig enhed', { exact: true }).nth(1), 'BUF Digitalisering, systemejerne');
    await buf.click(page.getByRole('button', { name: 'Gem kladde' }));
    await page.getByText('Gemt.', { exact: true }).waitFor();
    await buf.click(page.getByRole('button', { name: 'Send til godkendelse' }));
    await page.getByText('Handleplanen er sendt til godkendelse.').waitFor();

    // ... and central coordination approves it, with the meeting that decided it.
    page = central.page;
    await followTask(central, /Godkend handleplanen eller send den tilbage/, title);
    await central.click(page.getByRole('button', { name: 'Godkend', exact: true }));
    await central.fill(page.getByLabel('Godkendt den'), '05.03.2026');
    await central.pick(page.getByLabel('Mødet, der besluttede det', { exact: true }).first(), null);
    await screenshotAndAxe(page, 'loop', 'da-3-approve');
    await central.click(page.getByRole('button', { name: 'Godkend', exact: true }).last());
    await page.getByText('Handleplanen er godkendt.').waitFor();

    // 4. Central coordination opens a follow-up round.
    await central.click(mainNav(page).getByRole('link', { name: 'Runder', exact: true }));
    await central.click(page.getByRole('button', { name: 'Ny opfølgningsrunde' }));
    const dialog = page.getByRole('dialog');
    await central.fill(dialog.getByRole('textbox', { name: /^Navn/ }), roundName);
    await central.fill(dialog.getByLabel(/^Åbner/), '01.03.2026');
    await central.fill(dialog.getByLabel(/^Frist/), '31.03.2026');
    await central.click(dialog.getByRole('button', { name: 'Gem' }));
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: roundName, exact: true }).waitFor();

    // 5. The measure owner answers by keyboard alone: delayed, completed with evidence, postponed.
    const owner = await signIn(app, tally, 'measure owner (Sofie, keyboard only)', 'sofie.kragh@kk.example', DEMO_PASSWORD, 'da', { keyboard: true });
    page = owner.page;
    await owner.tabTo(mainNav(page).getByRole('link', { name: 'Opfølgningsrunder' }));
    await owner.press('Enter');
    await owner.tabTo(page.getByRole('region', { name: roundName }).getByRole('link', { name: /BUF/ }));
    await owner.press('Enter');
    await page.getByRole('heading', { level: 2, name: new RegExp(roundName) }).waitFor();
    const finding = page.getByRole('region', { name: findingRegion });
    const card = (n: number) => finding.getByRole('region', { name: new RegExp(`^Tiltag ${n}:`) });

    const m1 = card(1);
    await owner.tabTo(m1.getByRole('radio').first());
    await owner.arrowTo(m1.getByRole('radio', { name: 'Forsinket' }));
    await owner.tabTo(m1.getByLabel('Ny forventet dato'));
    await owner.type('Q3-2026');
    await m1.getByText('Forstået som: Q3-2026').waitFor();
    await owner.tabTo(m1.getByLabel('Årsag til forsinkelsen'), { back: true });
    await owner.type('Fagsystemernes leverandør leverer først afmeldingsfunktionen i juni.');
    await owner.tabTo(m1.getByRole('button', { name: 'Gem status' }));
    await owner.press('Enter');
    await m1.getByText('Gemt', { exact: true }).waitFor();

    const m2 = card(2);
    await owner.tabTo(m2.getByRole('radio').first());
    await owner.arrowTo(m2.getByRole('radio', { name: 'Afsluttet' }));
    await owner.tabTo(m2.getByLabel('Resultat af egenkontrollen'));
    await owner.type('Gennemgangen i februar 2026 fandt 14 adgange, som er fjernet.');
    await owner.tabTo(m2.getByRole('button', { name: 'Gem status' }));
    await owner.press('Enter');
    await m2.getByText('Gemt', { exact: true }).waitFor();
    // The evidence: the file button opens the file chooser from the keyboard.
    await owner.tabTo(m2.getByRole('button', { name: /Vedhæft fil/ }));
    let chooser = page.waitForEvent('filechooser', { timeout: 3000 });
    await owner.press('Enter');
    const opened = await chooser.then(
      (c) => c,
      () => null,
    );
    // Enter on Mantine's file button does not open the chooser (reported); Space does.
    if (!opened) {
      chooser = page.waitForEvent('filechooser');
      await owner.press('Space');
    }
    await (opened ?? (await chooser)).setFiles({
      name: 'adgangsgennemgang.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Gennemgang februar 2026: 14 adgange fjernet\n'),
    });
    await owner.tabTo(m2.getByRole('button', { name: 'Upload' }));
    await owner.press('Enter');
    await m2.getByRole('link', { name: 'Hent adgangsgennemgang.txt' }).waitFor();

    const m3 = card(3);
    await owner.tabTo(m3.getByRole('radio').first());
    await owner.arrowTo(m3.getByRole('radio', { name: 'Udskudt' }));
    expect(await m3.getByLabel('Ny forventet dato').count()).toBe(0);
    await owner.tabTo(m3.getByLabel('Hvad venter tiltaget på?'));
    await owner.type('Afventer Digitaliseringsstyrelsens nye vejledning om adgangsstyring.');
    await owner.tabTo(m3.getByRole('button', { name: 'Gem status' }));
    await owner.press('Enter');
    await m3.getByText('Gemt', { exact: true }).waitFor();
    await screenshotAndAxe(page, 'loop', 'da-5-answered');
    expect(await page.evaluate(() => (window as unknown as { pointerEvents: number }).pointerEvents)).toBe(0);
    await owner.close();

    // 6. The coordinator answers the department's other measures in the round and submits ...
    page = buf.page;
    buf.role = 'department coordinator (Jonas, BUF): demo’s other measures';
    await followTask(buf, /Besvar opfølgningen for forvaltningen/, roundName);
    const progress = page.getByTestId('round-progress');
    await progress.waitFor();
    await buf.click(page.getByText('Tabel', { exact: true }));
    const table = page.getByTestId('round-table');
    await table.waitFor();
    const selectAll = table.getByRole('checkbox', { name: 'Vælg alle ubesvarede, der kan meldes efter planen' });
    if ((await selectAll.count()) > 0 && (await selectAll.isEnabled())) {
      await buf.check(selectAll);
      await buf.click(page.getByRole('button', { name: 'Meld valgte efter planen' }));
      await page.getByText(/tiltag er meldt efter planen\./).waitFor();
    }
    await buf.click(page.getByRole('button', { name: 'Indsend besvarelsen' }));
    const errorLinks = page.locator('#round-submit-errors').getByRole('link');
    for (let guard = 0; guard < 30; guard++) {
      await page.waitForTimeout(300);
      if ((await errorLinks.count()) === 0) break;
      await buf.click(errorLinks.first());
      const open = page.locator('section[data-measure]:focus-within');
      await open.waitFor();
      await buf.check(open.getByLabel('Forsinket'));
      await buf.fill(open.getByLabel('Årsag til forsinkelsen'), 'Afventer den samlede it-handleplan.');
      await buf.fill(open.getByLabel('Ny forventet dato'), 'Q4-2026');
      await buf.click(open.getByRole('button', { name: 'Gem status' }));
      await open.getByText('Gemt', { exact: true }).waitFor();
    }
    buf.role = 'department coordinator (Jonas, BUF)';
    await buf.click(page.getByRole('button', { name: 'Indsend besvarelsen' }));
    await page.getByText('Besvarelsen er indsendt og låst.').waitFor();

    // ... and central coordination reviews it and accepts.
    page = central.page;
    await followTask(central, /Gennemgå den indsendte opfølgning/, roundName);
    const review = page.getByRole('region', { name: 'Gennemgang', exact: true });
    await screenshotAndAxe(page, 'loop', 'da-6-review');
    await central.click(review.getByRole('button', { name: 'Godkend besvarelsen' }));
    await page.getByText('Besvarelsen er godkendt.').waitFor();

    // 7. The coordinator proposes closure of BUF's part; the auditor closes it.
    page = buf.page;
    await buf.click(mainNav(page).getByRole('link', { name: 'Bemærkninger', exact: true }));
    await buf.click(page.getByRole('link', { name: title }));
    const bufPart = page.getByTestId('part-BUF');
    await buf.click(bufPart.getByRole('button', { name: 'Foreslå lukning' }));
    await buf.fill(bufPart.getByLabel('Kommentar til BUF'), 'Tiltag 2 er gennemført; tiltag 1 og 3 følges i næste års handleplan.');
    await buf.click(bufPart.getByRole('button', { name: 'Foreslå lukning' }));
    await bufPart.getByText('Foreslået lukket').waitFor();
    await buf.close();

    const auditor = await signIn(app, tally, 'auditor (Henrik)', 'henrik.dahl@kk.example', DEMO_PASSWORD, 'da');
    page = auditor.page;
    await followTask(auditor, /Lukning foreslået: luk eller genåbn/, title);
    const part = page.getByTestId('part-BUF');
    await auditor.click(part.getByRole('button', { name: 'Luk', exact: true }));
    await auditor.fill(part.getByLabel('Kommentar til BUF'), 'Verificeret ved stikprøve af 25 fratrædelser.');
    await auditor.click(part.getByRole('button', { name: 'Luk', exact: true }));
    await part.getByText('Lukket', { exact: true }).waitFor();
    await auditor.close();

    // 8. Central coordination records the council's decision.
    page = central.page;
    await central.click(mainNav(page).getByRole('link', { name: 'Bemærkninger', exact: true }));
    await central.click(page.getByRole('link', { name: title }));
    await central.click(page.getByRole('button', { name: 'Registrer beslutning' }));
    await central.fill(page.getByLabel(/^Beslutning/), 'Borgerrepræsentationen tog svaret til efterretning.');
    await central.click(page.getByRole('button', { name: 'Gem beslutning' }));
    await page.getByText('Beslutningen er gemt.').waitFor();
    await screenshotAndAxe(page, 'loop', 'da-8-decided');
    await central.close();

    tally.print('Danish (København, demo)');
  }, 300_000);
});

/** The administrator's password as `tilsyn municipality add` prints it, once. */
let swedishAdminPassword = '';

describe.skipIf(!haveChromium)('the whole loop in the browser (sv, a municipality made with tilsyn municipality add)', () => {
  const app = loopApp('loop-sv', {
    demo: false,
    prepare: (dataDir) => {
      const out = execFileSync(
        process.execPath,
        [
          'dist/cli/main.js',
          'municipality',
          'add',
          '--slug',
          'lillstad',
          '--name',
          'Lillstads kommun',
          '--language',
          'sv',
          '--vocabulary',
          'SE',
          '--admin-email',
          'admin@lillstad.example',
          '--admin-name',
          'Alva Admin',
        ],
        { env: { ...process.env, TILSYN_DATA_DIR: dataDir, DATABASE_URL: '' }, encoding: 'utf8' },
      );
      swedishAdminPassword = /shown only now:\s+(\S+)/.exec(out)?.[1] ?? '';
      if (!swedishAdminPassword) throw new Error(`no password in the output of municipality add:\n${out}`);
    },
  });

  it('the administrator sets up departments, users and roles; the loop runs in the SE vocabulary with the yttrande and the uppföljande yttrande approved', async () => {
    const tally = new Tally();
    const password = 'Lillstad-test-2026!';
    const title = 'Behörighetsstyrning i verksamhetssystemen';
    const roundName = 'Uppföljning mars 2026';

    // The administrator: a department, four users with their roles and passwords, a meeting.
    const admin = await signIn(app, tally, 'administrator (set-up)', 'admin@lillstad.example', swedishAdminPassword, 'sv');
    let page = admin.page;
    const dialog = page.getByRole('dialog');
    await admin.click(mainNav(page).getByRole('link', { name: 'Förvaltningar', exact: true }));
    await admin.click(page.getByRole('button', { name: 'Ny förvaltning' }));
    await admin.fill(dialog.getByLabel(/^Kod/), 'SK');
    await admin.fill(dialog.getByRole('textbox', { name: /^Namn/ }), 'Stadskontoret');
    await admin.click(dialog.getByRole('button', { name: 'Spara' }));
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: 'Stadskontoret', exact: true }).waitFor();

    const people = [
      { name: 'Eva Lind', email: 'eva.lind@lillstad.example', role: 'Central samordnare', department: null },
      { name: 'Karin Ek', email: 'karin.ek@lillstad.example', role: 'Förvaltningens samordnare', department: 'SK Stadskontoret' },
      { name: 'Johan Nyström', email: 'johan.nystrom@lillstad.example', role: 'Åtgärdsansvarig', department: 'SK Stadskontoret' },
      { name: 'Lars Holm', email: 'lars.holm@lillstad.example', role: 'Revisor', department: null },
    ];
    await admin.click(mainNav(page).getByRole('link', { name: 'Användare', exact: true }));
    for (const p of people) {
      await admin.click(page.getByRole('button', { name: 'Ny användare' }));
      await admin.fill(dialog.getByRole('textbox', { name: /^Namn/ }), p.name);
      await admin.fill(dialog.getByLabel(/^E-post/), p.email);
      if (p.department) await admin.pick(dialog.getByLabel('Förvaltning', { exact: true }), p.department);
      await admin.click(dialog.getByRole('button', { name: 'Spara' }));
      await dialog.waitFor({ state: 'detached' });
      await admin.click(page.getByRole('button', { name: `Roller för ${p.name}` }));
      await admin.click(dialog.getByRole('button', { name: 'Lägg till roll' }));
      await admin.pick(dialog.getByLabel('Roll 1', { exact: true }), p.role);
      if (p.department) await admin.pick(dialog.getByLabel('Förvaltning för roll 1', { exact: true }), p.department);
      await admin.click(dialog.getByRole('button', { name: 'Spara' }));
      await dialog.waitFor({ state: 'detached' });
      await admin.click(page.getByRole('button', { name: `Inloggning för ${p.name}` }));
      await admin.fill(dialog.getByLabel(/^Nytt lösenord/), password);
      await admin.click(dialog.getByRole('button', { name: 'Sätt lösenord' }));
      await dialog.getByText('Lösenordet är satt.', { exact: false }).waitFor();
      await admin.click(dialog.getByRole('button', { name: 'Stäng' }));
      await dialog.waitFor({ state: 'detached' });
    }
    await screenshotAndAxe(page, 'loop', 'sv-0-users');
    await admin.click(mainNav(page).getByRole('link', { name: 'Sammanträden', exact: true }));
    await admin.click(page.getByRole('button', { name: 'Nytt sammanträde' }));
    await admin.fill(dialog.getByLabel(/^Organ/), 'Kommunstyrelsen');
    await admin.fill(dialog.getByLabel(/^Datum/), '2026-03-04');
    await admin.click(dialog.getByRole('button', { name: 'Spara' }));
    await dialog.waitFor({ state: 'detached' });
    await admin.close();

    // 1. Central coordination registers the granskning and the iakttagelse and asks for a yttrande.
    const central = await signIn(app, tally, 'central samordnare (Eva)', 'eva.lind@lillstad.example', password, 'sv');
    page = central.page;
    await central.click(mainNav(page).getByRole('link', { name: 'Granskningsrapporter', exact: true }));
    await central.click(page.getByRole('button', { name: 'Ny granskningsrapport' }));
    await central.fill(page.getByLabel('Titel'), 'Granskning av behörighetsstyrning');
    await central.pick(page.getByRole('combobox', { name: 'Typ' }), 'Granskning');
    await central.fill(page.getByLabel('Räkenskapsår'), '2025');
    await central.fill(page.getByLabel('Revisor'), 'Kommunrevisionen');
    await central.fill(page.getByLabel('Diarienummer'), 'KS 2026/17');
    await central.fill(page.getByLabel('Mottagen'), '2026-01-15');
    await central.click(page.getByRole('button', { name: 'Spara granskningsrapport' }));
    await central.click(page.getByRole('link', { name: 'Ny iakttagelse' }));
    await central.fill(page.getByLabel('Titel'), title);
    await central.fill(page.getByLabel('Iakttagelser'), 'Behörigheter tas inte bort när anställda slutar.');
    await central.fill(page.getByLabel('Rekommendation 1'), 'Ta bort behörigheter samma dag som anställningen upphör.');
    await central.click(page.getByRole('button', { name: 'Lägg till rekommendation' }));
    await central.fill(page.getByLabel('Rekommendation 2'), 'Gå igenom behörigheterna varje kvartal.');
    await central.click(page.getByRole('button', { name: 'Lägg till rekommendation' }));
    await central.fill(page.getByLabel('Rekommendation 3'), 'Dokumentera vem som beslutar om behörigheter.');
    await central.check(page.getByLabel('SK Stadskontoret'));
    await central.click(page.getByRole('button', { name: 'Spara iakttagelse' }));
    await page.getByRole('heading', { name: `1. ${title}` }).waitFor();
    await central.click(page.getByRole('button', { name: 'Begär yttranden' }));
    await central.fill(page.getByLabel('Sista dag för yttrandet'), '2026-04-30');
    await central.click(page.getByRole('button', { name: 'Skicka begäran' }));
    await page.getByText('Förvaltningarna har ombetts att lämna yttrande.').waitFor();
    await screenshotAndAxe(page, 'loop', 'sv-1-requested');

    // 2. The department's coordinator writes the yttrande from "what needs me" and submits it.
    const sk = await signIn(app, tally, 'förvaltningens samordnare (Karin, SK)', 'karin.ek@lillstad.example', password, 'sv');
    page = sk.page;
    const requested = await task(sk, /Skriv yttrandet/, title);
    await sk.click(requested.getByRole('link').first());
    await sk.click(page.getByRole('button', { name: 'Skapa yttrande' }));
    await page.getByRole('heading', { name: /^Yttrande för SK/ }).waitFor();
    await sk.fill(page.getByLabel('Problem', { exact: true }), 'Behörigheter tas inte bort när anställda slutar.');
    await sk.fill(page.getByLabel('Omfattning', { exact: true }), 'Två verksamhetssystem med omkring 900 användare.');
    await sk.fill(page.getByLabel('Samlad tidpunkt'), '2026');
    const measures = [
      {
        title: 'Borttag av behörighet samma dag',
        deadline: 'Q2 2026',
        effect: 'Ingen som slutat har kvar behörighet.',
        followUp: 'Stickprov på 25 avslut i juli 2026.',
      },
      {
        title: 'Kvartalsvis genomgång',
        deadline: '2026-05-31',
        effect: 'Felaktiga behörigheter upptäcks inom ett kvartal.',
        followUp: 'Ledningen går igenom resultatet varje kvartal.',
      },
      {
        title: 'Dokumenterade beslut om behörighet',
        deadline: '2026',
        effect: 'Varje behörighet har ett beslut.',
        followUp: 'Revisionen får underlaget i december 2026.',
      },
    ];
    for (const [i, m] of measures.entries()) {
      await sk.click(page.getByRole('button', { name: 'Lägg till åtgärd' }));
      await sk.fill(page.getByLabel(/^Rubrik/).nth(i), m.title);
      await sk.fill(page.getByLabel('Tidpunkt', { exact: true }).nth(i), m.deadline);
      await sk.fill(page.getByLabel('Förväntad effekt', { exact: true }).nth(i), m.effect);
      await sk.fill(page.getByLabel('Uppföljning', { exact: true }).nth(i), m.followUp);
      await sk.choose(page.getByLabel('Ägare (lämnar status)').nth(i), 'Johan Nyström');
      await sk.check(page.getByLabel(new RegExp(`^Rekommendation ${i + 1}:`)).nth(i));
    }
    await sk.click(page.getByRole('button', { name: 'Spara utkast' }));
    await page.getByText('Sparat.', { exact: true }).waitFor();
    await page.getByText('Inga fel. Yttrandet kan skickas för godkännande.').waitFor();
    await sk.click(page.getByRole('button', { name: 'Skicka för godkännande' }).first());
    await page.getByText('Yttrandet är skickat för godkännande.').waitFor();
    await screenshotAndAxe(page, 'loop', 'sv-2-submitted');

    // 3. Central coordination returns it once; the coordinator fixes it; central approves it.
    page = central.page;
    const comment = 'Åtgärd 2 ska ange vem som gör genomgången.';
    await followTask(central, /Godkänn yttrandet eller skicka tillbaka det|Godk/, title);
    await central.click(page.getByRole('button', { name: 'Skicka tillbaka' }));
    await central.fill(page.getByLabel('Kommentar till förvaltningen'), comment);
    await central.click(page.getByRole('button', { name: 'Skicka tillbaka' }).last());
    await page.getByText('Yttrandet är skickat tillbaka till förvaltningen.').waitFor();

    page = sk.page;
    await followTask(sk, /Yttrandet har skickats tillbaka för rättelse/, title);
    await page.getByTestId('return-comment').getByText(comment).waitFor();
    await sk.fill(page.getByLabel('Ansvarig enhet', { exact: true }).nth(1), 'Stadskontoret, systemägarna');
    await sk.click(page.getByRole('button', { name: 'Spara utkast' }));
    await page.getByText('Sparat.', { exact: true }).waitFor();
    await sk.click(page.getByRole('button', { name: 'Skicka för godkännande' }).first());
    await page.getByText('Yttrandet är skickat för godkännande.').waitFor();

    page = central.page;
    await followTask(central, /Godkänn yttrandet eller skicka tillbaka det|Godk/, title);
    await central.click(page.getByRole('button', { name: 'Godkänn', exact: true }).first());
    await central.fill(page.getByLabel('Godkänt den').first(), '2026-03-04');
    await central.pick(page.getByLabel('Sammanträdet som beslutade', { exact: true }).first(), /Kommunstyrelsen/);
    await central.click(page.getByRole('button', { name: 'Godkänn', exact: true }).last());
    await page.getByText('Yttrandet är godkänt.').waitFor();

    // The answer documents: the coordinator makes the yttrande and the uppföljande yttrande and submits them; central approves each.
    page = sk.page;
    await page.reload();
    for (const kind of ['Yttrande', 'Uppföljande yttrande']) {
      const doc = page.getByRole('region', { name: kind, exact: true });
      await sk.fill(doc.getByLabel('Svaret ska vara inne'), kind === 'Yttrande' ? '2026-03-31' : '2026-11-30');
      await sk.fill(doc.getByLabel('Mottagare'), 'Kommunrevisionen');
      await sk.press('Enter');
      await sk.click(doc.getByRole('button', { name: 'Skapa svaret' }));
      await doc.getByText('Svaret är sparat.').waitFor();
      await sk.click(doc.getByRole('button', { name: 'Skicka för godkännande' }));
      await doc.getByText('Svaret är skickat för godkännande.').waitFor();
    }
    page = central.page;
    await page.reload();
    for (const kind of ['Yttrande', 'Uppföljande yttrande']) {
      const doc = page.getByRole('region', { name: kind, exact: true });
      await central.click(doc.getByRole('button', { name: 'Godkänn', exact: true }));
      await central.fill(doc.getByLabel('Godkänt den'), '2026-03-04');
      await central.pick(doc.getByRole('combobox', { name: 'Sammanträdet som beslutade' }), /Kommunstyrelsen/);
      await central.click(doc.getByRole('button', { name: 'Godkänn', exact: true }).last());
      await doc.getByText('Svaret är godkänt.').waitFor();
    }
    await screenshotAndAxe(page, 'loop', 'sv-3-answers-approved');

    // 4. Central coordination opens a follow-up round.
    await central.click(mainNav(page).getByRole('link', { name: 'Omgångar', exact: true }));
    await central.click(page.getByRole('button', { name: 'Ny uppföljning' }));
    const roundDialog = page.getByRole('dialog');
    await central.fill(roundDialog.getByRole('textbox', { name: /^Namn/ }), roundName);
    await central.fill(roundDialog.getByLabel(/^Öppnar/), '2026-03-01');
    await central.fill(roundDialog.getByLabel(/^Sista dag/), '2026-03-31');
    await central.click(roundDialog.getByRole('button', { name: 'Spara' }));
    await roundDialog.waitFor({ state: 'detached' });

    // 5. The measure owner answers: försenad, genomförd with underlag, uppskjuten.
    const owner = await signIn(app, tally, 'åtgärdsansvarig (Johan)', 'johan.nystrom@lillstad.example', password, 'sv');
    page = owner.page;
    await owner.click(mainNav(page).getByRole('link', { name: 'Uppföljningar' }));
    await owner.click(page.getByRole('region', { name: roundName }).getByRole('link', { name: /SK/ }));
    const card = (n: number) => page.getByRole('region', { name: new RegExp(`^Åtgärd ${n}:`) });
    await owner.check(card(1).getByLabel('Försenad'));
    await owner.fill(card(1).getByLabel('Orsak till förseningen'), 'Leverantören levererar funktionen först i juni.');
    await owner.fill(card(1).getByLabel('Nytt förväntat datum'), 'Q3 2026');
    await owner.click(card(1).getByRole('button', { name: 'Spara status' }));
    await card(1).getByText('Sparad', { exact: true }).waitFor();
    await owner.check(card(2).getByLabel('Genomförd'));
    await owner.fill(card(2).getByLabel('Vilken effekt åtgärden fick'), 'Genomgången i februari hittade 14 behörigheter som togs bort.');
    await owner.click(card(2).getByRole('button', { name: 'Spara status' }));
    await card(2).getByText('Sparad', { exact: true }).waitFor();
    await card(2)
      .locator('input[type="file"]')
      .setInputFiles({ name: 'genomgang.txt', mimeType: 'text/plain', buffer: Buffer.from('Genomgång februari 2026\n') });
    tally.add(owner.role, 'clicks', 2); // the file button and the choice in the file dialog
    await owner.click(card(2).getByRole('button', { name: 'Ladda upp' }));
    await card(2)
      .getByRole('link', { name: /genomgang\.txt/ })
      .waitFor();
    await owner.check(card(3).getByLabel('Uppskjuten'));
    await owner.fill(card(3).getByLabel('Vad väntar åtgärden på?'), 'Väntar på MSB:s nya föreskrifter om behörigheter.');
    await owner.click(card(3).getByRole('button', { name: 'Spara status' }));
    await card(3).getByText('Sparad', { exact: true }).waitFor();
    await screenshotAndAxe(page, 'loop', 'sv-5-answered');
    await owner.close();

    // 6. The coordinator submits the round's answer; central coordination accepts it.
    page = sk.page;
    await followTask(sk, /Besvara|uppföljningen/, roundName);
    await sk.click(page.getByRole('button', { name: 'Skicka in svaret' }));
    await page.getByText('Svaret är inskickat och låst.').waitFor();
    page = central.page;
    await followTask(central, /Gå igenom|inskickade/, roundName);
    await central.click(page.getByRole('button', { name: 'Godkänn svaret' }));
    await page.getByText('Svaret är godkänt.').waitFor();

    // 7. The coordinator proposes closure; the auditor closes it.
    page = sk.page;
    await sk.click(mainNav(page).getByRole('link', { name: 'Granskningar', exact: true }));
    await sk.click(page.getByRole('link', { name: title }));
    const skPart = page.getByTestId('part-SK');
    await sk.click(skPart.getByRole('button', { name: 'Föreslå avslut' }));
    await sk.fill(skPart.getByLabel('Kommentar för SK'), 'Åtgärd 2 är genomförd; 1 och 3 följs upp i nästa yttrande.');
    await sk.click(skPart.getByRole('button', { name: 'Föreslå avslut' }));
    await sk.close();
    const auditor = await signIn(app, tally, 'revisor (Lars)', 'lars.holm@lillstad.example', password, 'sv');
    page = auditor.page;
    await auditor.click(mainNav(page).getByRole('link', { name: 'Granskningar', exact: true }));
    await auditor.click(page.getByRole('link', { name: title }));
    const part = page.getByTestId('part-SK');
    await auditor.click(part.getByRole('button', { name: 'Avsluta', exact: true }));
    await auditor.fill(part.getByLabel('Kommentar för SK'), 'Kontrollerat genom stickprov.');
    await auditor.click(part.getByRole('button', { name: 'Avsluta', exact: true }));
    await part.getByRole('button', { name: 'Öppna igen' }).waitFor();
    await auditor.close();

    // 8. Central coordination records the assembly's decision.
    page = central.page;
    await central.click(mainNav(page).getByRole('link', { name: 'Granskningar', exact: true }));
    await central.click(page.getByRole('link', { name: title }));
    await central.click(page.getByRole('button', { name: 'Registrera beslut' }));
    await central.fill(page.getByLabel(/^Beslut/), 'Kommunfullmäktige lade yttrandet till handlingarna.');
    await central.click(page.getByRole('button', { name: 'Spara beslut' }));
    await page.getByText('Beslutet är sparat.').waitFor();
    await screenshotAndAxe(page, 'loop', 'sv-8-decided');
    await central.close();

    tally.print('Swedish (Lillstad, made with tilsyn municipality add)');
  }, 300_000);
});
