/// <reference lib="dom" />
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { ensureBuilt, serverEnv, startServerProcess, type ServerProcess } from '../test/crash/server-process.js';
import { unpackTemplate } from '../test/template.js';

/** Debian's Chromium (installed by .ci/run); Playwright's own browser download cannot work here. */
export const chromiumPath = process.env.TILSYN_CHROMIUM ?? '/usr/bin/chromium';

export async function launch(): Promise<Browser> {
  // Playwright gives each launch its own empty profile.
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

const axeSource = fs.readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in the page (injected, as @axe-core/playwright needs Node 22) against WCAG 2.1 A and AA. */
export async function axe(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, not as a <script>: the page's strict CSP stays in force.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

export const screenshotDir = path.resolve('test-results');

/**
 * A photograph of the page in test-results/ for a person to look at, taken only with
 * TILSYN_SCREENSHOTS=1: nothing asserts on it, and full-page PNGs cost the suite minutes.
 */
export async function photograph(page: Page, file: string, fullPage = true): Promise<void> {
  if (process.env.TILSYN_SCREENSHOTS !== '1') return;
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, file), fullPage });
}

/**
 * Collects what must not happen on a page: uncaught errors, console errors and warnings (React's,
 * react-router's "one blocker at a time") and Content Security Policy violations (an inline style
 * without the nonce is blocked and reported, not thrown). Call before the first navigation.
 * `expected` lists console texts a test provokes on purpose (a 409 answer, a refused submit).
 */
export async function watchConsole(page: Page, expected: RegExp[] = []): Promise<string[]> {
  const problems: string[] = [];
  // Signed out, the session probe answers 401 by design; Chromium logs every failed fetch.
  const allowed = [/status of 401/, ...expected];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if ((msg.type() === 'error' || msg.type() === 'warning') && !allowed.some((re) => re.test(msg.text())))
      problems.push(`console ${msg.type()}: ${msg.text()}`);
  });
  await page.exposeFunction('__tilsynCspViolation', (text: string) => problems.push(`CSP: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      void (window as unknown as { __tilsynCspViolation(text: string): void }).__tilsynCspViolation(
        `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
  return problems;
}

/** How far the page reaches sideways; above the viewport's width means it scrolls sideways. */
export async function scrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/** The innermost elements reaching past the viewport's right edge (what makes a page scroll sideways), for the report. */
export async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const past = Array.from(document.body.querySelectorAll('*')).filter((el) => el.getBoundingClientRect().right > width + 0.5);
    // an element inside a scroll container that scrolls does not widen the page
    const scrolls = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
      }
      return false;
    };
    return past
      .filter((el) => !scrolls(el) && !past.some((other) => other !== el && el.contains(other) && !scrolls(other)))
      .slice(0, 5)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${Array.from(el.classList).join('.')} (right ${Math.round(el.getBoundingClientRect().right)}) "${(el.textContent ?? '').trim().slice(0, 40)}"`,
      );
  });
}

/** Until the page's CSS transitions and animations have run (a modal fading in is not yet what the user reads). */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
}

/** The built web app the server serves (TILSYN_WEB_DIR, like the server, or dist/web). */
export const webDir = path.resolve(process.env.TILSYN_WEB_DIR ?? 'dist/web');

/** Chromium is required in CI (.ci/run installs it); a developer machine without it skips the browser tests, loudly. */
export const haveChromium = fs.existsSync(chromiumPath);
if (!haveChromium) {
  if (process.env.CI === 'true' || process.env.CI === '1') throw new Error(`Chromium is required in CI: ${chromiumPath} is missing`);
  console.warn(`[e2e] ${chromiumPath} is missing: skipping the browser tests (apt-get install chromium)`);
}

/**
 * The built server with the demo data on a fresh embedded database, and a browser, for one test
 * file: started before its tests, stopped after them. `now` (an ISO instant) fixes the server's
 * clock through TILSYN_FAKE_NOW, so what is overdue does not depend on the day the suite runs.
 */
export function demoApp(name: string, opts: { now?: string } = {}): { readonly url: string; readonly browser: Browser } {
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;
  let dataDir: string | undefined;
  beforeAll(async () => {
    if (!haveChromium) return;
    ensureBuilt();
    if (!fs.existsSync(path.join(webDir, 'index.html'))) throw new Error(`the web app is not built in ${webDir} (npm run build)`);
    // from the run's migrated template: the server then seeds the demo without migrating first
    dataDir = unpackTemplate(fs.mkdtempSync(path.join(os.tmpdir(), `tilsyn-e2e-${name}-`)));
    // Seeding the demo takes seconds alone and minutes on a busy shared machine: wait up to three.
    server = await startServerProcess(
      serverEnv({
        TILSYN_DATA_DIR: dataDir,
        TILSYN_DEMO: '1',
        TILSYN_LOGIN_RATE_LIMIT: '1000',
        TILSYN_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
        ...(opts.now ? { TILSYN_FAKE_NOW: opts.now, NODE_ENV: 'test' } : {}),
      }),
      180_000,
    );
    browser = await launch();
    fs.mkdirSync(screenshotDir, { recursive: true });
  }, 240_000);
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
