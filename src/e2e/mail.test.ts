/// <reference lib="dom" />
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailSecret, unsubscribeToken } from '../server/mail/unsubscribe.js';
import { ensureBuilt, serverEnv, startServerProcess, type ServerProcess } from '../test/crash/server-process.js';
import { startTestSmtp, type TestSmtp } from '../test/smtp.js';
import { unpackTemplate } from '../test/template.js';
import { haveChromium, launch, watchConsole, webDir } from './browser.js';
import { call, screenshotAndAxe, signIn } from './session.js';

/**
 * The administrator's e-mail page in Chromium against two built servers with the demo data: one
 * without SMTP (the page says mail is off), one sending to a real SMTP server started here (a test
 * mail arrives and shows in the log). And the unsubscribe page a mail links to, signed out.
 */
let smtp: TestSmtp;
let browser: Browser;
const servers: { server: ServerProcess; dataDir: string }[] = [];
const on = { url: '', dataDir: '' };
const off = { url: '' };

async function start(name: string, env: Record<string, string>) {
  const dataDir = unpackTemplate(fs.mkdtempSync(path.join(os.tmpdir(), `tilsyn-e2e-${name}-`)));
  const server = await startServerProcess(serverEnv({ TILSYN_DATA_DIR: dataDir, TILSYN_DEMO: '1', TILSYN_LOGIN_RATE_LIMIT: '1000', ...env }), 180_000);
  servers.push({ server, dataDir });
  return { url: server.url, dataDir };
}

beforeAll(async () => {
  if (!haveChromium) return;
  ensureBuilt();
  if (!fs.existsSync(path.join(webDir, 'index.html'))) throw new Error(`the web app is not built in ${webDir} (npm run build)`);
  smtp = await startTestSmtp();
  // no encryption key: the demo's matching runs stay unstarted, and the unsubscribe key is the data directory's file
  const [a, b] = await Promise.all([
    start('mail-on', { TILSYN_SMTP_URL: smtp.url, TILSYN_MAIL_FROM: 'Tilsyn <tilsyn@kk.example>', TILSYN_PUBLIC_URL: 'http://tilsyn.kk.example' }),
    start('mail-off', {}),
  ]);
  Object.assign(on, a);
  off.url = b.url;
  browser = await launch();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  for (const { server, dataDir } of servers) {
    server.child.kill('SIGTERM');
    await server.exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  await smtp?.close();
});

describe.skipIf(!haveChromium)('the e-mail page and the unsubscribe page', () => {
  it('says plainly that mail is off when no SMTP server is set up', async () => {
    const { context, page, errors } = await signIn({ url: off.url, browser }, 'admin@kk.example');
    await page.getByRole('link', { name: 'E-mail' }).click();
    await page.getByRole('heading', { level: 1, name: 'E-mail' }).waitFor();
    await page.getByText('Mail er slået fra', { exact: true }).waitFor();
    await page.getByText(/Der er ikke sat nogen SMTP-server op/).waitFor();
    expect(await page.getByRole('button', { name: 'Send testmail' }).isDisabled()).toBe(true);
    await page.getByText('Der er ikke sendt nogen mails endnu.').waitFor();
    await screenshotAndAxe(page, 'mail', 'off');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('sends a test mail to the SMTP server and shows it in the delivery log', async () => {
    const { context, page, errors } = await signIn({ url: on.url, browser }, 'admin@kk.example');
    await page.goto(`${on.url}/settings/mail`);
    await page.getByText('Mail er slået til', { exact: true }).waitFor();
    await page.getByText('Mails sendes fra Tilsyn <tilsyn@kk.example>. Links i mails peger på http://tilsyn.kk.example.').waitFor();
    await page.getByRole('textbox', { name: 'Modtagerens e-mailadresse' }).fill('postmaster@kk.example');
    await page.getByRole('button', { name: 'Send testmail' }).click();
    await page.getByText('Testmailen er sendt til postmaster@kk.example.').waitFor();
    const log = page.getByRole('table', { name: 'Leveringslog' });
    await log.getByRole('cell', { name: 'postmaster@kk.example' }).waitFor();
    await log.getByText('Sendt').first().waitFor();
    await screenshotAndAxe(page, 'mail', 'on');

    // (the demo's people may get their reminders too: the server's periodic check runs at start)
    const sent = smtp.mails.filter((m) => m.to.includes('postmaster@kk.example'));
    expect(sent).toHaveLength(1);
    const [mail] = sent;
    expect(mail!.to).toEqual(['postmaster@kk.example']);
    expect(mail!.subject).toBe('Testmail fra Tilsyn');
    expect(mail!.text).toContain('http://tilsyn.kk.example/settings/mail');
    expect(mail!.text).toMatch(/sendte denne testmail fra indstillingerne for Københavns Kommune/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the unsubscribe page asks first, in the person’s language, accessibly, and then unsubscribes', async () => {
    const { context, page } = await signIn({ url: on.url, browser }, 'jonas.brandt@kk.example');
    const session = await call<{ user: { id: string }; municipality: { id: string } }>(page, 'GET', '/auth/session');
    await context.close();
    const token = unsubscribeToken(mailSecret({ encryptionKey: null, dataDir: on.dataDir }), {
      municipalityId: session.body.municipality.id,
      userId: session.body.user.id,
      kind: 'roundOpened',
    });
    const signedOut = await browser.newContext({ locale: 'da-DK' });
    const p = await signedOut.newPage();
    const problems = await watchConsole(p);
    await p.goto(`${on.url}/api/v1/mail/unsubscribe?token=${encodeURIComponent(token)}`);
    await p.getByRole('heading', { level: 1, name: 'Frameld mails' }).waitFor();
    await p.getByText('Vil du holde op med at få mails fra Tilsyn om: Opfølgningsrunde åbnet?', { exact: false }).waitFor();
    await screenshotAndAxe(p, 'mail', 'unsubscribe');
    await p.getByRole('button', { name: 'Frameld' }).click();
    await p.getByRole('status').filter({ hasText: 'Du er frameldt.' }).waitFor();
    await screenshotAndAxe(p, 'mail', 'unsubscribed');
    expect(problems).toEqual([]);
    await signedOut.close();
  });
});
