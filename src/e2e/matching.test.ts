/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoApp, haveChromium } from './browser.js';
import { call, screenshotAndAxe, signIn } from './session.js';

/**
 * The matching engine in Chromium against the built server with the demo (Danish, then Swedish):
 * central coordination sets up a system through the form, uploads a system extract and a ledger
 * extract written here, follows the run to its end, confirms the 1:2 split suggestion, shows a
 * CPR number (logged), matches two items by hand with a note, and sees the difference change.
 * A file with a bad amount fails its run with the side and line named. axe on every state.
 */
// CPR numbers are stored sealed: the server needs a key (the demo app reads the environment at start).
const app = demoApp('matching');
const shot = (page: Page, name: string) => screenshotAndAxe(page, 'matching', name);

/** Last month (YYYY-MM): the server refuses a month that has not begun. */
const period = (() => {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
})();
const [year, month] = period.split('-');
const day = (dd: number) => `${String(dd).padStart(2, '0')}-${month}-${year}`;
const lastDay = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();

/*
 * The system's extract (left) and the ledger's (right), in the layouts the form prefills:
 * S1 matches exactly; S2 (3000,00) is split 1:2 in the ledger (1200,00 + 1800,00) → a suggestion;
 * S3 has no counterpart (unmatched); S4 (750,00) sits in the ledger under another case, S9, with
 * 700,00 → unmatched on both sides until matched by hand; S5 is dated at month end → timing.
 * Difference = unmatched left − unmatched right = (500 + 750) − 700 = 550,00 kr., then 500,00.
 */
const left = [
  'Sag;CPR;Dato;Beløb;Konto;Tekst',
  `S1;0101901234;${day(5)};1000,00;5001;Ydelse A`,
  `S2;0202902345;${day(10)};3000,00;5001;Ydelse B`,
  `S3;0303903456;${day(12)};500,00;5002;Ydelse C`,
  `S4;0404904567;${day(14)};750,00;5002;Ydelse D`,
  `S5;0505905678;${day(lastDay)};200,00;5003;Ydelse E`,
].join('\r\n');
const right = [
  'Sag;Bogføringsdato;Beløb;Konto;Tekst',
  `S1;${day(5)};1000,00;5001;Udbetaling A`,
  `S2;${day(11)};1200,00;5001;Udbetaling B1`,
  `S2;${day(12)};1800,00;5001;Udbetaling B2`,
  `S9;${day(15)};700,00;5002;Udbetaling D`,
].join('\r\n');

async function upload(page: Page, leftText: string, rightText: string) {
  await page.getByRole('combobox', { name: 'System' }).selectOption({ label: 'E2E Ydelsessystemet' });
  await page.getByRole('textbox', { name: 'Måned' }).fill(period);
  const files = page.locator('input[type="file"]');
  await files.nth(0).setInputFiles({ name: 'system.csv', mimeType: 'text/csv', buffer: Buffer.from(leftText, 'utf8') });
  await files.nth(1).setInputFiles({ name: 'finans.csv', mimeType: 'text/csv', buffer: Buffer.from(rightText, 'utf8') });
  await page.getByRole('button', { name: 'Start kørsel' }).click();
}

const difference = (page: Page) => page.getByTestId('matching-difference').textContent();

describe.skipIf(!haveChromium)('the matching engine', () => {
  let runUrl = '';

  it('sets up a system, runs it, and works through suggestions, CPR numbers and a manual match', async () => {
    const { context, page, errors } = await signIn(app, 'mette.lindholm@kk.example');
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Matchning' }).click();
    await page.getByRole('heading', { level: 2, name: 'Matchning af specialsystemer' }).waitFor();
    await shot(page, 'overview');

    // a new system through the form, the default rules and layouts as prefilled
    await page.getByRole('button', { name: 'Opret system' }).click();
    await expect.poll(() => page.getByRole('textbox', { name: 'Regler (JSON)' }).inputValue()).toContain('"kind": "split"');
    await page.getByRole('textbox', { name: 'Kode' }).fill('E2E');
    await page.getByRole('textbox', { name: 'Navn' }).fill('Ydelsessystemet');
    await shot(page, 'new-system');
    await page.getByRole('button', { name: 'Opret system' }).click();
    await page.getByRole('status').filter({ hasText: 'Systemet E2E er oprettet' }).waitFor();
    await page
      .getByRole('row', { name: /^E2E Ydelsessystemet/ })
      .getByText('Ikke kørt')
      .waitFor();

    // the run, followed to its end on its own page
    await upload(page, left, right);
    await page.getByRole('heading', { level: 2, name: `Kørsel E2E ${period}` }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /^Gennemført$/ })
      .waitFor({ timeout: 60_000 });
    runUrl = page.url();
    await expect(difference(page)).resolves.toBe('550,00 kr.');
    await expect(page.getByRole('row', { name: /^Umatchede/ }).textContent()).resolves.toContain('1.250,00');
    await page.getByRole('link', { name: 'Matchede grupper (CSV)' }).waitFor();
    await page.getByText(/Systemafstemningen for E2E mod finansbogholderiet .* 550,00 kr\./).waitFor();
    await shot(page, 'run');

    // the 1:2 split is a suggestion; confirmed, its items are matched (they were never unmatched)
    // by keyboard: the arrow key moves to the next tab and opens it
    await page.getByRole('tab', { name: 'Umatchede' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('heading', { name: 'Forslag 1' }).waitFor();
    await expect(page.getByRole('tab', { name: 'Forslag' }).getAttribute('aria-selected')).resolves.toBe('true');
    const suggestion = page.getByRole('table', { name: 'Forslag 1' });
    await expect(suggestion.getByRole('row').count()).resolves.toBe(4);
    await shot(page, 'suggestions');
    await page.getByRole('button', { name: 'Godkend forslag 1' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Forslaget er godkendt. Forskellen er nu 550,00 kr.' }).waitFor();
    await page.getByText('Ingen forslag venter.').waitFor();

    // a CPR number in clear, on request, logged in the audit trail
    await page.getByRole('tab', { name: 'Umatchede' }).click();
    const s3 = page.getByRole('row', { name: /System 4 / });
    await expect(s3.textContent()).resolves.toContain('030390-****');
    await page.getByRole('button', { name: 'Vis CPR-nummer for System linje 4 (logges)' }).click();
    await page.getByRole('status').filter({ hasText: 'CPR-nummeret for System linje 4 vises; visningen er logget' }).waitFor();
    await expect(s3.textContent()).resolves.toContain('0303903456');
    await expect(page.getByRole('button', { name: /Vis CPR-nummer for System linje 4/ }).count()).resolves.toBe(0);
    // the audit trail has who and which item, never the number
    const audit = await call<{ items: unknown[] }>(page, 'GET', '/audit?resource=matchingItem&limit=10');
    expect(audit.status).toBe(200);
    expect(JSON.stringify(audit.body)).toContain('unmaskCpr');
    expect(JSON.stringify(audit.body)).not.toContain('0303903456');

    // S4 (750,00) against S9 (700,00): the sums differ, so a note is required
    await page.getByRole('checkbox', { name: 'Vælg System linje 5' }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('checkbox', { name: 'Vælg Finans/debitor linje 5' }).check();
    await page.getByText(/Valgt: 1 poster i systemet \(750,00 kr\.\) og 1 i finans \(700,00 kr\.\); forskel 50,00 kr\./).waitFor();
    const matchButton = page.getByRole('button', { name: 'Match manuelt' });
    await expect(matchButton.isDisabled()).resolves.toBe(true);
    await page.getByRole('textbox', { name: 'Begrundelse' }).fill('Bogført på forkert sag; gebyr på 50 kr. trukket');
    await shot(page, 'manual');
    await matchButton.click();
    await page.getByRole('status').filter({ hasText: 'Posterne er matchet manuelt. Forskellen er nu 500,00 kr.' }).waitFor();
    await expect.poll(() => difference(page)).toBe('500,00 kr.');
    await expect(page.getByRole('checkbox', { name: 'Vælg System linje 5' }).count()).resolves.toBe(0);
    await page.getByText(/Systemafstemningen for E2E mod finansbogholderiet .* 500,00 kr\./).waitFor();

    // the month-end item is a timing difference; the difference by account
    await page.getByRole('tab', { name: 'Tidsforskydninger' }).click();
    await page.getByRole('row', { name: /System 6 .*S5/ }).waitFor();
    await page.getByRole('tab', { name: 'Forskelle' }).click();
    await expect(page.getByRole('row', { name: /^5002 / }).textContent()).resolves.toContain('500,00');
    await shot(page, 'differences');

    // the overview shows the run with its difference
    await page.getByRole('link', { name: 'Tilbage til matchning' }).click();
    const runRow = page
      .getByRole('table', { name: 'Matchningskørsler, nyeste først' })
      .getByRole('row', { name: new RegExp(`^E2E Åbn kørsel E2E ${period}`) })
      .first();
    // the list refreshes on return (it was cached while the run was queued); the counts are the run's own
    await expect.poll(() => runRow.textContent()).toMatch(/Gennemført500,002 \/ 1/);
    await page
      .getByRole('row', { name: /^E2E Ydelsessystemet/ })
      .getByText('500,00')
      .waitFor();

    // a bad amount fails the run with the side and line
    await upload(page, left.replace('500,00', 'femhundrede'), right);
    await page.getByRole('alert').filter({ hasText: 'Kørslen fejlede' }).waitFor({ timeout: 60_000 });
    await expect(page.getByRole('alert').filter({ hasText: 'Kørslen fejlede' }).textContent()).resolves.toContain(
      'System, linje 4: Beløbet er ikke et gyldigt tal (the amount "femhundrede"',
    );
    await shot(page, 'failed');

    // run again: the new run is the one decisions apply to; the first says so and links to it
    await page.getByRole('link', { name: 'Tilbage til matchning' }).click();
    await upload(page, left, right);
    await page
      .getByRole('status')
      .filter({ hasText: /^Gennemført$/ })
      .waitFor({ timeout: 60_000 });
    const latestUrl = page.url();
    await expect(difference(page)).resolves.toBe('550,00 kr.');
    await page.goto(runUrl);
    await page.getByRole('status').filter({ hasText: 'En nyere kørsel for samme system og måned findes; kun den kan ændres.' }).waitFor();
    await expect(page.getByRole('button', { name: 'Match manuelt' }).count()).resolves.toBe(0);
    await shot(page, 'superseded');
    await page.getByRole('link', { name: 'Åbn den nyeste kørsel' }).click();
    await page.waitForURL(latestUrl);
    await page.getByRole('button', { name: 'Match manuelt' }).waitFor();

    // the system reconciliation's difference gets its action plan from here, then links to it
    await page.getByText('Forskellen skal have en handleplan.').waitFor();
    await page.getByRole('button', { name: 'Opret handleplan' }).click();
    await page.getByRole('alert').filter({ hasText: 'Handleplanen kunne ikke oprettes' }).waitFor();
    await page.getByRole('textbox', { name: 'Ansvarlig' }).fill('Ydelseskontoret');
    await page.getByRole('textbox', { name: 'Frist for at forskellen er afklaret' }).fill('Q4-2027');
    await shot(page, 'system-plan');
    await page.getByRole('button', { name: 'Opret handleplan' }).click();
    await page.waitForURL(/\/plans\/[0-9a-f-]+$/);
    await page.getByRole('heading', { name: /^Handleplan for / }).waitFor();
    const planId = page.url().split('/plans/')[1]!;
    const plan = await call<{ systemReconciliation: { system: string; period: string } | null; measures: { responsiblePerson: string | null }[] }>(
      page,
      'GET',
      `/plans/${planId}`,
    );
    expect(plan.body.systemReconciliation).toMatchObject({ system: 'E2E', period });
    expect(plan.body.measures[0]!.responsiblePerson).toBe('Ydelseskontoret');
    await page.goto(latestUrl);
    await page.getByRole('link', { name: 'Handleplan', exact: true }).waitFor();
    await expect(page.getByText('Forskellen skal have en handleplan.').count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("lets another department's coordinator read the run but not decide, match or see a CPR number", async () => {
    const { context, page, errors } = await signIn(app, 'jonas.brandt@kk.example');
    await page.goto(`${app.url}/balance/matching`);
    await page.getByRole('heading', { level: 2, name: 'Matchning af specialsystemer' }).waitFor();
    await page.getByRole('row', { name: /^E2E Ydelsessystemet/ }).waitFor();
    await expect(page.getByRole('button', { name: 'Start kørsel' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Opret system' }).count()).resolves.toBe(0);
    await page.goto(runUrl.replace(/\?.*$/, ''));
    await page
      .getByRole('status')
      .filter({ hasText: /^Gennemført$/ })
      .waitFor();
    await page.getByRole('row', { name: /System 4 .*030390-\*{4}/ }).waitFor();
    await expect(page.getByRole('button', { name: /Vis CPR/ }).count()).resolves.toBe(0);
    await expect(page.getByRole('checkbox').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Match manuelt' }).count()).resolves.toBe(0);
    await shot(page, 'reader');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('is accessible in Swedish', async () => {
    const { context, page, errors } = await signIn(app, 'mette.lindholm@kk.example', 'sv');
    await page.goto(`${app.url}/balance/matching`);
    await page.getByRole('heading', { level: 2, name: 'Matchning av verksamhetssystem' }).waitFor();
    await page.getByRole('button', { name: 'Skapa system' }).click();
    await page.getByRole('textbox', { name: 'Regler (JSON)' }).waitFor();
    await shot(page, 'sv-overview');
    await page.goto(runUrl.replace(/\?.*$/, ''));
    await page.getByRole('heading', { level: 2, name: `Körning E2E ${period}` }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /^Klar$/ })
      .waitFor();
    await expect(difference(page)).resolves.toBe('500,00 kr');
    await shot(page, 'sv-run');
    await page.getByRole('tab', { name: 'Skillnader', exact: true }).click();
    await page.getByRole('combobox', { name: 'Skillnad per' }).selectOption('case');
    await page.getByRole('row', { name: /^S3 / }).waitFor();
    await shot(page, 'sv-differences');
    expect(errors).toEqual([]);
    await context.close();
  });
});
