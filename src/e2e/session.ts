/// <reference lib="dom" />
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../server/demo/seed.js';
import { axe, photograph } from './browser.js';

/**
 * What the browser tests of the balance register share: a demo user signed in, in Danish or
 * Swedish; a full-page screenshot with an axe check; an API call from inside the signed-in page.
 */
export async function signIn(
  app: { readonly url: string; readonly browser: Browser },
  email: string,
  lang: 'da' | 'sv' = 'da',
  options: BrowserContextOptions = {},
) {
  const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: lang === 'da' ? 'da-DK' : 'sv-SE', ...options });
  await context.addInitScript((l) => localStorage.setItem('tilsyn.language', l), lang);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.setDefaultTimeout(20_000);
  await page.goto(`${app.url}/`);
  await page.getByLabel(/E-mail|E-post/).fill(email);
  await page.getByLabel(/Adgangskode|Lösenord/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /Log ind|Logga in/ }).click();
  await page.getByRole('navigation').first().waitFor();
  // Signed in, the app speaks the user's stored language (default: the municipality's); a test that
  // wants the other language stores it as the user's choice, as the account page does.
  if ((await page.evaluate(() => document.documentElement.lang)) !== lang) {
    await page.evaluate(async (language) => {
      const account = await fetch('/api/v1/account');
      const { csrfToken } = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
      await fetch('/api/v1/account', {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, 'if-match': account.headers.get('etag')! },
        body: JSON.stringify({ language }),
      });
    }, lang);
    await page.reload();
    await page.getByRole('navigation').first().waitFor();
  }
  return { context, page, errors };
}

/** A screenshot `<prefix>-<name>.png` once the page is idle, and no axe violation on it. */
export async function screenshotAndAxe(page: Page, prefix: string, name: string) {
  await page.waitForLoadState('networkidle');
  await page.mouse.move(0, 0);
  await photograph(page, `${prefix}-${name}.png`);
  const violations = await axe(page);
  expect(violations.map((v) => `${name}: ${v.id} ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`)).toEqual([]);
}

/** A call to the API from inside the signed-in page (with its session and CSRF token). */
export async function call<T>(page: Page, method: string, url: string, body?: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const session = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
      const res = await fetch(`/api/v1${url}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
    },
    { method, url, body },
  );
}
