/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/demo/seed.js';
import { axe, demoApp, haveChromium, overflowing, photograph, scrollWidth, settled, watchConsole } from './browser.js';
import { call } from './session.js';

/**
 * axe-core in the states users meet, not only on pages at rest, in Danish and in Swedish: a plan
 * with guidance warnings and errors and a field the parser cannot read, the leave dialog open, a
 * saved message, a refused submit of a plan and of a round answer, a 409 conflict, a dialog with
 * validation errors, and a balance account with open items. Each state: 0 violations, no sideways
 * scroll at 390 px, and a console without errors, warnings or CSP violations.
 */
const app = demoApp('states');

const people = {
  da: { central: 'mette.lindholm@kk.example', coordinator: 'jonas.brandt@kk.example', department: 'BUF', admin: 'admin@kk.example' },
  sv: { central: 'eva.lindqvist@exempelstad.example', coordinator: 'karin.ek@exempelstad.example', department: 'SK', admin: 'admin@exempelstad.example' },
};
type Lang = keyof typeof people;

/** A long, clause-heavy text: well above the readability limit, so the check warns. */
const hardText = {
  da: 'Forvaltningens administrationsgrundlag for ibrugtagningstilladelser vedrørende informationssikkerhedsmæssige foranstaltninger indeholder utilstrækkelige beskrivelser af ansvarsfordelingen mellem systemejerskabsfunktionen, leverandørstyringsorganisationen og driftsansvarsenhederne, hvorfor dokumentationsforpligtelserne vedrørende risikovurderingsprocedurerne fortsat ikke opfyldes tilfredsstillende.',
  sv: 'Förvaltningens administrationsunderlag för driftsättningsgodkännanden avseende informationssäkerhetsmässiga skyddsåtgärder innehåller otillräckliga beskrivningar av ansvarsfördelningen mellan systemägarskapsfunktionen, leverantörsstyrningsorganisationen och driftsansvarsenheterna, varför dokumentationsskyldigheterna avseende riskbedömningsprocedurerna fortfarande inte uppfylls tillfredsställande.',
};

async function open(browser: Browser, lang: Lang, email: string, expected: RegExp[] = []) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: lang === 'da' ? 'da-DK' : 'sv-SE' });
  await context.addInitScript((l) => localStorage.setItem('tilsyn.language', l), lang);
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const problems = await watchConsole(page, expected);
  await page.goto(`${app.url}/`);
  await page.getByLabel(/E-mail|E-post/).fill(email);
  await page.getByLabel(/Adgangskode|Lösenord/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /Log ind|Logga in/ }).click();
  await page.getByRole('navigation').first().waitFor();
  return { context, page, problems };
}

/** axe on the state as it is now, its photograph, and the same state at 390 px: nothing sideways. */
async function state(page: Page, report: string[], name: string) {
  await page.waitForLoadState('networkidle');
  await page.mouse.move(0, 0);
  await settled(page);
  for (const v of await axe(page)) report.push(`${name}: ${v.id} [${v.impact}] ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
  await photograph(page, `state-${name}-1440.png`);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(400);
  const width = await scrollWidth(page);
  if (width > 390) report.push(`${name}: scrolls sideways at 390 px (scrollWidth ${width}): ${(await overflowing(page)).join('; ')}`);
  await photograph(page, `state-${name}-390.png`);
  await page.setViewportSize({ width: 1440, height: 900 });
}

// The refusals and the conflict are answers the page provokes on purpose: Chromium logs each as a failed resource.
const refusals = [/status of (409|422|400)/];

describe.skipIf(!haveChromium)('the states users see', () => {
  for (const lang of ['da', 'sv'] as const) {
    it(`have no axe violation and a clean console (${lang})`, async () => {
      const who = people[lang];
      const report: string[] = [];

      // ── The plan editor, as central coordination ──────────────────────────────────────────
      const central = await open(app.browser, lang, who.central, refusals);
      const { page } = central;
      // a new draft plan with two dated measures, for the first finding and department that has none yet
      const findings = (await call<{ items: { id: string }[] }>(page, 'GET', '/findings?limit=100')).body.items;
      const departments = (await call<{ items: { id: string }[] }>(page, 'GET', '/departments')).body.items;
      let plan: { id: string } | undefined;
      for (const f of findings) {
        for (const d of departments) {
          const created = await call<{ id: string }>(page, 'POST', `/findings/${f.id}/plans`, {
            departmentId: d.id,
            problem: lang === 'da' ? 'Adgangene til økonomisystemet gennemgås ikke.' : 'Behörigheterna i ekonomisystemet gås inte igenom.',
            overallDeadline: 'Q4-2027',
            measures: [
              {
                number: '1',
                title: lang === 'da' ? 'Gennemgå adgange' : 'Gå igenom behörigheter',
                deadline: 'Q2-2027',
                followUpPoint: 'Kvartalsvis stikprøve.',
                expectedEffect: 'Färre felaktiga behörigheter.',
              },
              {
                number: '2',
                title: lang === 'da' ? 'Fjern gamle brugere' : 'Ta bort gamla användare',
                deadline: 'Q3-2027',
                followUpPoint: 'Kvartalsvis stikprøve.',
                expectedEffect: 'Inga gamla konton.',
              },
            ],
          });
          if (created.status === 201) plan = created.body;
          if (plan) break;
        }
        if (plan) break;
      }
      if (!plan) {
        // every open part of the demo has its plan (a closed or carried part takes none): a finding of its own
        const report = await call<{ id: string }>(page, 'POST', '/reports', {
          title: lang === 'da' ? 'Tilgængelighedstest' : 'Tillgänglighetstest',
          auditor: 'Revision',
          year: 2026,
          kind: 'annualAccounts',
        });
        expect(report.status, JSON.stringify(report.body)).toBe(201);
        const finding = await call<{ id: string }>(page, 'POST', `/reports/${report.body.id}/findings`, {
          number: 1,
          title: lang === 'da' ? 'Adgange' : 'Behörigheter',
          departments: [departments[0]!.id],
        });
        expect(finding.status, JSON.stringify(finding.body)).toBe(201);
        const created = await call<{ id: string }>(page, 'POST', `/findings/${finding.body.id}/plans`, {
          departmentId: departments[0]!.id,
          problem: lang === 'da' ? 'Adgangene til økonomisystemet gennemgås ikke.' : 'Behörigheterna i ekonomisystemet gås inte igenom.',
          overallDeadline: 'Q4-2027',
          measures: [
            {
              number: '1',
              title: lang === 'da' ? 'Gennemgå adgange' : 'Gå igenom behörigheter',
              deadline: 'Q2-2027',
              followUpPoint: 'Kvartalsvis stikprøve.',
              expectedEffect: 'Färre felaktiga behörigheter.',
            },
            {
              number: '2',
              title: lang === 'da' ? 'Fjern gamle brugere' : 'Ta bort gamla användare',
              deadline: 'Q3-2027',
              followUpPoint: 'Kvartalsvis stikprøve.',
              expectedEffect: 'Inga gamla konton.',
            },
          ],
        });
        expect(created.status, JSON.stringify(created.body)).toBe(201);
        plan = created.body;
      }
      await page.goto(`${app.url}/plans/${plan!.id}`);
      const problem = page.getByLabel('Problem', { exact: true });
      await problem.waitFor();
      // a warning (readability), an error (a measure without a deadline), a field the parser cannot read
      await problem.fill(hardText[lang]);
      await page
        .getByLabel(/^(Frist|Tidpunkt)$/)
        .first()
        .fill('');
      await page.getByLabel(/^(Samlet frist|Samlad tidpunkt)$/).fill(lang === 'da' ? 'engang til sommer' : 'någon gång i sommar');
      const breaches = page.getByTestId('breaches');
      await breaches.getByText(/LIX/).first().waitFor();
      await breaches
        .getByText(/(mangler en frist|saknar (ett )?tidpunkt)/i)
        .first()
        .waitFor();
      await state(page, report, `plan-warnings-errors-${lang}`);

      // the leave dialog (a modal: its scroll lock injects a <style>, which must carry the nonce)
      await page
        .getByRole('navigation')
        .first()
        .getByRole('link', { name: /^(Overblik|Översikt)$/ })
        .click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      await state(page, report, `plan-leave-dialog-${lang}`);
      await dialog.getByRole('button', { name: /^(Bliv på siden|Stanna på sidan)$/ }).click();
      await dialog.waitFor({ state: 'hidden' });

      // saved: the overall deadline readable again, the measure still without one
      await page.getByLabel(/^(Samlet frist|Samlad tidpunkt)$/).fill('Q4-2027');
      await page.getByRole('button', { name: /^(Gem kladde|Spara utkast)$/ }).click();
      await page
        .getByRole('status')
        .filter({ hasText: /^(Gemt\.|Sparat\.)$/ })
        .waitFor();
      await state(page, report, `plan-saved-${lang}`);

      // a refused submit: the measure still has no deadline
      await page.getByRole('button', { name: /^(Send til godkendelse|Skicka för godkännande)$/ }).click();
      await page.getByRole('alert').first().waitFor();
      await state(page, report, `plan-submit-refused-${lang}`);

      // a 409: someone else changes the plan while this page still holds the old version
      const current = await call<{ version: number }>(page, 'GET', `/plans/${plan!.id}`);
      const changed = await page.evaluate(
        async ({ id, version }) => {
          const { csrfToken } = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
          const res = await fetch(`/api/v1/plans/${id}`, {
            method: 'PATCH',
            headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, 'if-match': `"${version}"` },
            body: JSON.stringify({ extent: 'Ændret af en anden / Ändrat av någon annan.' }),
          });
          return res.status;
        },
        { id: plan!.id, version: current.body.version },
      );
      expect(changed).toBe(200);
      await problem.fill(`${hardText[lang]} !`);
      await page.getByRole('button', { name: /^(Gem kladde|Spara utkast)$/ }).click();
      await page.getByTestId('conflict').waitFor();
      await state(page, report, `plan-conflict-${lang}`);
      await central.context.close();

      // ── A round answer submitted too early, as the department's coordinator ────────────────
      const opener = await open(app.browser, lang, who.central);
      const round = await call<{ id: string }>(opener.page, 'POST', '/rounds', {
        name: lang === 'da' ? 'Status til tilgængelighedstest' : 'Uppföljning för tillgänglighetstest',
        kind: 'status',
        opensOn: '2026-03-01',
        dueOn: '2026-03-31',
      });
      expect(round.status).toBe(201);
      await opener.context.close();
      const coordinator = await open(app.browser, lang, who.coordinator, refusals);
      await coordinator.page.getByRole('link', { name: /^(Opfølgningsrunder|Uppföljningar)$/ }).click();
      await coordinator.page
        .getByRole('region', { name: /tilgængelighedstest|tillgänglighetstest/ })
        .getByRole('link', { name: new RegExp(`^${who.department} `) })
        .click();
      // one measure answered (the answer exists from then on), the others not: the submit is refused
      const measure = coordinator.page.getByRole('region', { name: /^(Tiltag|Åtgärd) / }).first();
      await measure.getByLabel(/^(Afsluttet|Genomförd)$/).check();
      await measure
        .getByLabel(/^(Resultat af egenkontrollen|Vilken effekt åtgärden fick)/)
        .fill(lang === 'da' ? 'Stikprøve af 20 adgange: alle i orden.' : 'Stickprov på 20 behörigheter: alla i ordning.');
      await measure.getByRole('button', { name: /^(Gem status|Spara status)$/ }).click();
      await measure.getByText(/^(Gemt|Sparad)$/).waitFor();
      await coordinator.page.getByRole('button', { name: /^(Indsend besvarelsen|Skicka in svaret)$/ }).click();
      await coordinator.page
        .getByRole('alert')
        .filter({ hasText: /(kan ikke indsendes|kan inte skickas in)/ })
        .waitFor();
      await state(coordinator.page, report, `round-submit-refused-${lang}`);
      await coordinator.context.close();

      // ── A dialog with validation errors, as the administrator ──────────────────────────────
      const admin = await open(app.browser, lang, who.admin, refusals);
      await admin.page.goto(`${app.url}/settings/users`);
      await admin.page.getByRole('button', { name: /^(Ny bruger|Ny användare)$/ }).click();
      const form = admin.page.getByRole('dialog');
      await form.waitFor();
      await form.getByRole('button', { name: /^(Gem|Spara)$/ }).click();
      await form.locator('[aria-invalid="true"]').first().waitFor();
      await state(admin.page, report, `user-dialog-errors-${lang}`);
      await admin.context.close();

      // ── A balance account with open items (Exempelstad's demo has no accounts: one is made) ─
      const balance = await open(app.browser, lang, who.central);
      const accounts = (await call<{ items: { id: string; latest: { followUpOre: number } | null }[] }>(balance.page, 'GET', '/balance-accounts?limit=100'))
        .body.items;
      let accountId = accounts.find((a) => a.latest && a.latest.followUpOre !== 0)?.id;
      if (!accountId) {
        await call(balance.page, 'POST', '/im-functions/starter', {});
        const department = (await call<{ items: { id: string }[] }>(balance.page, 'GET', '/departments')).body.items[0]!;
        const account = await call<{ id: string }>(balance.page, 'POST', '/balance-accounts', {
          number: '92201009',
          name: 'Kontantkassa, bibliotek',
          imFunction: '9.22.01',
          departmentId: department.id,
          reconciler: 'department',
        });
        expect(account.status).toBe(201);
        const rec = await call(balance.page, 'POST', `/balance-accounts/${account.body.id}/reconciliations`, {
          period: '2024-12',
          ledgerBalanceOre: 1_250_000,
          category: 2,
          subReason: 'notBookedInNewPeriod',
          items: [
            { text: 'Kassedifferens december', amountOre: 250_000, originDate: '2024-12-20' },
            { text: 'Ej bokförd inbetalning', amountOre: 1_000_000, originDate: '2023-06-30' },
          ],
        });
        expect(rec.status).toBe(201);
        accountId = account.body.id;
      }
      await balance.page.goto(`${app.url}/balance/accounts/${accountId}`);
      await balance.page.locator('#main h2').first().waitFor();
      await state(balance.page, report, `balance-account-open-items-${lang}`);
      await balance.context.close();

      expect(report, report.join('\n')).toEqual([]);
      expect([...central.problems, ...opener.problems, ...coordinator.problems, ...admin.problems, ...balance.problems]).toEqual([]);
    }, 300_000);
  }
});
