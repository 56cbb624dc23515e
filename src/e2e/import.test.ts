/// <reference lib="dom" />
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/demo/seed.js';
import { axe, demoApp, haveChromium, photograph } from './browser.js';

/**
 * The Excel import in Chromium against the built server with the demo data (Danish): the
 * central coordinator downloads the template, fills it in (with exceljs, as a user would in
 * Excel), checks it, sees the errors with their sheet, row and column, corrects them, imports,
 * and finds the new findings in the list.
 */
const app = demoApp('import');

async function shot(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  await page.mouse.move(0, 0);
  await photograph(page, `import-${name}.png`);
  const violations = await axe(page);
  expect(violations.map((v) => `${name}: ${v.id} ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`)).toEqual([]);
}

/** Writes rows into a sheet of the template under its headers (matched without the required marker). */
function fill(ws: ExcelJS.Worksheet, rows: Record<string, string | number | Date>[]) {
  const columns = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => columns.set(String(cell.value).replace(/\s*\*$/, ''), col));
  rows.forEach((values, i) => {
    const row = ws.getRow(i + 2);
    for (const [header, value] of Object.entries(values)) {
      const col = columns.get(header);
      if (!col) throw new Error(`the template's sheet ${ws.name} has no column ${header}`);
      row.getCell(col).value = value;
    }
    row.commit();
  });
}

describe.skipIf(!haveChromium)('import from Excel', () => {
  it('downloads the template, checks a filled-in file, shows its errors, imports it and lists the findings', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'da-DK', acceptDownloads: true });
    await context.addInitScript(() => localStorage.setItem('tilsyn.language', 'da'));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    page.setDefaultTimeout(20_000);
    await page.goto(`${app.url}/`);
    await page.getByLabel('E-mail').fill('mette.lindholm@kk.example');
    await page.getByLabel('Adgangskode').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Log ind' }).click();

    const nav = page.getByRole('navigation', { name: 'Hovedmenu' });
    await nav.getByRole('link', { name: 'Indlæsning fra Excel' }).click();
    await page.getByRole('heading', { level: 2, name: 'Indlæsning fra Excel' }).waitFor();

    // 1. The template, as the browser downloads it.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Hent skabelonen (.xlsx)' }).click()]);
    expect(download.suggestedFilename()).toBe('tilsyn-indlaesning-kobenhavn.xlsx');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilsyn-e2e-import-'));
    const template = path.join(dir, 'skabelon.xlsx');
    await download.saveAs(template);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(template);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Bemærkninger', 'Anbefalinger', 'Handleplaner', 'Vejledning']);

    // 2. Filled in, first with a department code the municipality does not have.
    const report = { Beretning: 'Delberetning om IT-sikkerhed 2025', År: 2025, Beretningstype: 'løbende revision', Revisor: 'Revisionsfirmaet' };
    fill(wb.getWorksheet('Bemærkninger')!, [
      { ...report, 'Bemærkning nr.': 1, Titel: 'Uafklarede brugerrettigheder i fagsystemer', Vurdering: 'gul', Forvaltninger: 'BUF, XYZ' },
      {
        ...report,
        'Bemærkning nr.': 2,
        Titel: 'Manglende logning af administratoradgang',
        Vurdering: 'rød',
        Fortrolig: 'ja',
        'Hjemmel for fortrolighed': 'offentlighedsloven § 33',
        Forvaltninger: 'alle',
      },
    ]);
    fill(wb.getWorksheet('Anbefalinger')!, [
      { 'Bemærkning nr.': 1, 'Anbefaling nr.': 1, Anbefaling: 'Gennemgå rettighederne kvartalsvis.' },
      { 'Bemærkning nr.': 2, 'Anbefaling nr.': 1, Anbefaling: 'Log al administratoradgang.' },
    ]);
    fill(wb.getWorksheet('Handleplaner')!, [
      {
        'Bemærkning nr.': 1,
        Forvaltning: 'BUF',
        Problem: 'Rettigheder følges ikke op.',
        'Samlet frist': '2. halvår 2026',
        'Tiltag nr.': 1,
        Tiltag: 'Indfør kvartalsvis gennemgang',
        Frist: 'Q1-2026',
        Opfølgningspunkt: 'Stikprøve hvert kvartal',
        'Tiltagsejer (e-mail)': 'sofie.kragh@kk.example',
        'Adresserer anbefaling nr.': 1,
      },
    ]);
    const broken = path.join(dir, 'med-fejl.xlsx');
    await wb.xlsx.writeFile(broken);
    const fileInput = page.locator('input[type=file]');
    await fileInput.setInputFiles(broken);
    await page.getByRole('button', { name: 'Kontrollér' }).click();
    await page.getByText('Filen har 1 fejl.', { exact: false }).waitFor();
    const errorRow = page.getByRole('row', { name: /Bemærkninger 2 M \(Forvaltninger\) Ukendt forvaltningskode »XYZ«/ });
    await errorRow.waitFor();
    await expect(page.getByRole('button', { name: 'Indlæs' }).isDisabled()).resolves.toBe(true);
    await shot(page, 'errors');

    // 3. Corrected, checked again: what will be created; then imported.
    fill(wb.getWorksheet('Bemærkninger')!, [{ Forvaltninger: 'BUF, SOF' }]);
    const fixed = path.join(dir, 'rettet.xlsx');
    await wb.xlsx.writeFile(fixed);
    await fileInput.setInputFiles(fixed);
    await page.getByRole('button', { name: 'Kontrollér' }).click();
    await page.getByText('Filen har ingen fejl.', { exact: false }).waitFor();
    await page.getByRole('cell', { name: 'Delberetning om IT-sikkerhed 2025 (2025) · 1 · BUF · 1' }).waitFor();
    await shot(page, 'dry-run');
    await page.getByRole('button', { name: 'Indlæs' }).click();
    const done = page.getByRole('status').filter({ hasText: 'Filen er indlæst' });
    await done.waitFor();
    await expect(done.textContent()).resolves.toMatch(/7 oprettet og 0 opdateret/);
    await shot(page, 'applied');

    // 4. The findings are in the list.
    await page.getByRole('link', { name: 'Se bemærkningerne' }).click();
    await page.getByText('Uafklarede brugerrettigheder i fagsystemer').first().waitFor();
    await page.getByText('Manglende logning af administratoradgang').first().waitFor();

    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
    expect(errors).toEqual([]);
  }, 120_000);

  it('is not in the menu of a department coordinator', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'da-DK' });
    await context.addInitScript(() => localStorage.setItem('tilsyn.language', 'da'));
    const page = await context.newPage();
    await page.goto(`${app.url}/`);
    await page.getByLabel('E-mail').fill('jonas.brandt@kk.example');
    await page.getByLabel('Adgangskode').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Log ind' }).click();
    const nav = page.getByRole('navigation', { name: 'Hovedmenu' });
    await nav.getByRole('link', { name: 'Overblik' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Indlæsning fra Excel' }).count()).toBe(0);
    await page.goto(`${app.url}/import`);
    await page.getByText('Kun central koordinering og administratorer kan indlæse regneark.').waitFor();
    await context.close();
  }, 60_000);
});
