/// <reference lib="dom" />
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/demo/seed.js';
import { axe, demoApp, haveChromium, photograph, screenshotDir } from './browser.js';

/**
 * The document buttons in Chromium against the built server with the demo data: a central
 * coordinator downloads the round's report for one department as Word in English, a reader gets
 * only the public edition, and a Swedish coordinator downloads the uppföljande yttrande as PDF.
 */
const app = demoApp('documents');
const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;

async function signIn(email: string, language: 'da' | 'sv') {
  const context = await app.browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: language === 'da' ? 'da-DK' : 'sv-SE',
    acceptDownloads: true,
  });
  await context.addInitScript((lang) => localStorage.setItem('tilsyn.language', lang), language);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.setDefaultTimeout(20_000);
  await page.goto(`${app.url}/`);
  await page.getByLabel(language === 'da' ? 'E-mail' : 'E-post').fill(email);
  await page.getByLabel(language === 'da' ? 'Adgangskode' : 'Lösenord').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: language === 'da' ? 'Log ind' : 'Logga in' }).click();
  return { context, page, errors };
}

async function download(page: Page, linkName: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: linkName }).click()]);
  const bytes = fs.readFileSync((await file.path())!);
  return { name: file.suggestedFilename(), bytes };
}

async function noViolations(page: Page, name: string) {
  await photograph(page, `documents-${name}.png`, false);
  const violations = await axe(page);
  expect(violations.map((v) => `${name}: ${v.id} ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`)).toEqual([]);
}

describe.skipIf(!haveChromium)('document downloads in the browser', () => {
  it("downloads a department's round report as Word in English; a reader gets the public edition", async () => {
    const { context, page, errors } = await signIn('mette.lindholm@kk.example', 'da');
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Opfølgningsrunder' }).click();
    const round = page.getByRole('region', { name: 'Status august 2025' });
    await round.getByRole('button', { name: 'Hent rapport' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rapport for Status august 2025' });
    await dialog.waitFor();
    await noViolations(page, 'report-dialog');
    await dialog.getByLabel('Format').selectOption('docx');
    await dialog.getByLabel('Omfang').selectOption({ label: 'BUF Børne- og Ungdomsforvaltningen' });
    await dialog.getByLabel('Udgave').selectOption('internal');
    await dialog.getByLabel('Sprog').selectOption('en');
    const word = await download(page, 'Hent');
    // The browser takes the UTF-8 title (filename*), not the ASCII fallback.
    expect(word.name).toBe('Follow-up of action plans for audit findings – Status august 2025.docx');
    const xml = strFromU8(unzipSync(new Uint8Array(word.bytes))['word/document.xml']!);
    expect(xml).toContain('Department: Børne- og Ungdomsforvaltningen');
    expect(xml).toContain('Godkendelse af indkøb BUF');
    expect(xml).not.toContain('Egenbetaling – Indtægter SOF');
    expect(errors).toEqual([]);
    await context.close();

    // A reader sees no edition choice and gets the public edition.
    const reader = await signIn('amira.jensen@kk.example', 'da');
    await reader.page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Opfølgningsrunder' }).click();
    await reader.page.getByRole('region', { name: 'Status august 2025' }).getByRole('button', { name: 'Hent rapport' }).click();
    const readerDialog = reader.page.getByRole('dialog', { name: 'Rapport for Status august 2025' });
    await readerDialog.waitFor();
    expect(await readerDialog.getByLabel('Udgave').count()).toBe(0);
    const pdf = await download(reader.page, 'Hent');
    expect(pdf.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    if (hasPdftotext) {
      const file = path.join(screenshotDir, 'documents-reader-report.pdf');
      fs.writeFileSync(file, pdf.bytes);
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
      expect(text).toContain('Offentlig udgave');
      expect(text).not.toContain('Intern udgave');
    }
    expect(reader.errors).toEqual([]);
    await reader.context.close();
  });

  it('downloads the uppföljande yttrande from the plan as PDF in Swedish', async () => {
    const { context, page, errors } = await signIn('eva.lindqvist@exempelstad.example', 'sv');
    await page.getByRole('navigation', { name: 'Huvudmeny' }).waitFor();
    const plans = await page.evaluate(() => fetch('/api/v1/plans').then((r) => r.json() as Promise<{ items: { id: string }[] }>));
    await page.goto(`${app.url}/plans/${plans.items[0]!.id}`);
    const card = page.getByRole('region', { name: 'Uppföljande yttrande' });
    await card.getByRole('button', { name: 'Hämta dokument' }).click();
    const dialog = page.getByRole('dialog', { name: /Dokument till revisorerna/ });
    await dialog.waitFor();
    await noViolations(page, 'answer-dialog-sv');
    const pdf = await download(page, 'Hämta');
    expect(pdf.name).toBe('Uppföljande yttrande – Granskning av intern kontroll vid inköp.pdf');
    if (hasPdftotext) {
      const file = path.join(screenshotDir, 'documents-uppfoljande-yttrande.pdf');
      fs.writeFileSync(file, pdf.bytes);
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
      expect(text).toContain('Förslag till beslut');
      expect(text).toContain('2026-11-18');
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});
