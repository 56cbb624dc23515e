/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoApp, haveChromium } from './browser.js';
import { call, screenshotAndAxe, signIn } from './session.js';

/**
 * Registering a report and a finding in the browser, asking two departments for plans, the
 * department starting its plan from the request, closure proposed and closed, and the council's
 * decision: each step by the user whose step it is, in Danish; the Swedish vocabulary on
 * Exempelstad. The plan's writing and approval (the plan editor's own tests) go through the API.
 */
const app = demoApp('findings');

/** A change with If-Match, from inside the signed-in page (with its session and CSRF token). */
async function versioned(page: Page, method: string, url: string, version: number, body?: unknown): Promise<{ status: number; text: string }> {
  return page.evaluate(
    async ({ method, url, version, body }) => {
      const { csrfToken } = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
      const res = await fetch(`/api/v1${url}`, {
        method,
        headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), 'x-csrf-token': csrfToken, 'if-match': `"${version}"` },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      return { status: res.status, text: await res.text() };
    },
    { method, url, version, body },
  );
}

/** Waits until the URL is `<base>/<prefix>/<uuid>` and returns the id. */
async function idFromUrl(page: Page, prefix: string): Promise<string> {
  await page.waitForURL(new RegExp(`/${prefix}/[0-9a-f-]{36}$`));
  return page.url().split(`/${prefix}/`)[1]!;
}

describe.skipIf(!haveChromium)('reports and findings in the browser', () => {
  it('registers a report and a finding, asks for plans, the department starts its plan, closure and the council decision (da)', async () => {
    // Central coordination registers the report.
    const central = await signIn(app, 'mette.lindholm@kk.example', 'da');
    let page = central.page;
    await page.getByRole('link', { name: 'Beretninger', exact: true }).click();
    await page.getByRole('heading', { name: 'Revisionsberetninger' }).waitFor();
    await page.getByRole('button', { name: 'Ny beretning' }).click();
    await page.getByLabel('Titel').fill('Løbende revision 2025, delberetning 2');
    await page.getByLabel('Regnskabsår').fill('2025');
    await page.getByLabel('Revisor').fill('Ekstern revision');
    await page.getByLabel('Sagsnummer').fill('2025-0099');
    await page.getByLabel('Modtaget').fill('15.03.2025');
    await page.getByRole('button', { name: 'Gem beretning' }).click();
    const reportId = await idFromUrl(page, 'reports');
    await page.getByRole('heading', { name: 'Løbende revision 2025, delberetning 2 (2025)' }).waitFor();
    await page.getByText('Modtaget: 15.03.2025').waitFor();
    await screenshotAndAxe(page, 'findings', 'report-da');

    // ... and a finding with two departments and three recommendations, the third moved up.
    await page.getByRole('link', { name: 'Ny bemærkning' }).click();
    await page.getByRole('heading', { name: 'Ny revisionsbemærkning' }).waitFor();
    await expect(page.getByLabel(/^Nummer/).inputValue()).resolves.toBe('1');
    await page.getByLabel('Titel').fill('Adgangsstyring i fagsystemer');
    await page.getByLabel('Observationer').fill('Fratrådte medarbejdere havde stadig adgang til to fagsystemer.');
    await page.getByLabel('Anbefaling 1').fill('Fjern adgange ved fratrædelse samme dag.');
    await page.getByRole('button', { name: 'Tilføj anbefaling' }).click();
    await page.getByLabel('Anbefaling 2').fill('Gennemgå adgange hvert kvartal.');
    await page.getByRole('button', { name: 'Tilføj anbefaling' }).click();
    // Focus lands in the new recommendation.
    await expect(page.getByLabel('Anbefaling 3').evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.getByLabel('Anbefaling 3').fill('Dokumentér hvem der godkender adgange.');
    await page.getByRole('button', { name: 'Flyt 3 op' }).click();
    await expect(page.getByLabel('Anbefaling 2').inputValue()).resolves.toBe('Dokumentér hvem der godkender adgange.');
    await page.getByLabel('BUF Børne- og Ungdomsforvaltningen').check();
    await page.getByLabel('SOF Socialforvaltningen').check();
    await screenshotAndAxe(page, 'findings', 'finding-form-da');
    await page.getByRole('button', { name: 'Gem bemærkning' }).click();
    const findingId = await idFromUrl(page, 'findings');
    await page.getByRole('heading', { name: '1. Adgangsstyring i fagsystemer' }).waitFor();
    const recommendations = page.getByRole('listitem');
    await recommendations.filter({ hasText: 'Dokumentér hvem der godkender adgange.' }).waitFor();
    // Central coordination is not offered "Opret handleplan" for itself.
    await expect(page.getByRole('button', { name: 'Opret handleplan' }).count()).resolves.toBe(0);

    // Ask both departments for a plan.
    await page.getByRole('button', { name: 'Bed om handleplaner' }).click();
    await expect(page.getByLabel('BUF Børne- og Ungdomsforvaltningen').isChecked()).resolves.toBe(true);
    await expect(page.getByLabel('SOF Socialforvaltningen').isChecked()).resolves.toBe(true);
    // No date, then a past one: each said beside the field in Danish (the server's own message is English)
    await page.getByRole('button', { name: 'Send anmodningen' }).click();
    const due = page.getByRole('textbox', { name: 'Frist for handleplanen' });
    await page.getByText('Skal udfyldes', { exact: true }).waitFor();
    expect(await due.getAttribute('aria-invalid')).toBe('true');
    await due.fill('01.01.2020');
    await page.getByRole('button', { name: 'Send anmodningen' }).click();
    await page.getByText('Fristen skal være i dag eller senere', { exact: true }).waitFor();
    await screenshotAndAxe(page, 'findings', 'request-errors-da');
    await page.getByLabel('Frist for handleplanen').fill('30.06.2030');
    await page.getByLabel('Besked til forvaltningerne (valgfri)').fill('Til Økonomiudvalget i september.');
    await page.getByRole('button', { name: 'Send anmodningen' }).click();
    await page.getByText('Forvaltningerne er bedt om en handleplan.').waitFor();
    for (const code of ['BUF', 'SOF']) {
      await page
        .getByTestId(`part-${code}`)
        .getByText(/Handleplan efterspurgt af Mette Lindholm .* · frist 30\.06\.2030/)
        .waitFor();
      await page.getByTestId(`part-${code}`).getByText('Besked: Til Økonomiudvalget i september.').waitFor();
    }
    await expect(page.getByRole('button', { name: 'Bed om handleplaner' }).count()).resolves.toBe(0);
    await screenshotAndAxe(page, 'findings', 'requested-da');

    // BUF's coordinator sees the request on the finding and starts the plan from it.
    const buf = await signIn(app, 'jonas.brandt@kk.example', 'da');
    page = buf.page;
    await page.goto(`${app.url}/findings/${findingId}`);
    await page
      .getByTestId('part-BUF')
      .getByText(/frist 30\.06\.2030/)
      .waitFor();
    await expect(page.getByRole('button', { name: 'Foreslå lukning' }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Opret handleplan' }).click();
    await page.getByRole('heading', { name: 'Handleplan for BUF' }).waitFor();
    const planId = page.url().split('/plans/')[1]!;

    // The plan is written, submitted and approved through the API (the plan editor has its own tests).
    const finding = (await call<{ recommendations: { id: string }[] }>(page, 'GET', `/findings/${findingId}`)).body;
    let plan = (await call<{ version: number }>(page, 'GET', `/plans/${planId}`)).body;
    const patched = await versioned(page, 'PATCH', `/plans/${planId}`, plan.version, {
      problem: 'Adgange fjernes ikke ved fratrædelse.',
      overallDeadline: '2030',
    });
    expect(patched.status, patched.text).toBe(200);
    for (const [i, rec] of finding.recommendations.entries()) {
      const res = await call(page, 'POST', `/plans/${planId}/measures`, {
        number: String(i + 1),
        title: `Tiltag ${i + 1}`,
        deadline: '2030',
        followUpPoint: 'Stikprøve hvert kvartal',
        recommendationIds: [rec.id],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    plan = (await call<{ version: number }>(page, 'GET', `/plans/${planId}`)).body;
    const submitted = await versioned(page, 'POST', `/plans/${planId}/submit`, plan.version);
    expect(submitted.status, submitted.text).toBe(200);
    const approved = await versioned(central.page, 'POST', `/plans/${planId}/approvals`, (JSON.parse(submitted.text) as { version: number }).version, {
      approvedOn: '2025-08-20',
    });
    expect(approved.status, approved.text).toBe(200);

    // BUF proposes closure of its part, with a comment.
    await page.goto(`${app.url}/findings/${findingId}`);
    const bufPart = page.getByTestId('part-BUF');
    await bufPart.getByText('Handleplan godkendt').waitFor();
    await expect(page.getByTestId('part-SOF').getByRole('button', { name: 'Foreslå lukning' }).count()).resolves.toBe(0);
    await bufPart.getByRole('button', { name: 'Foreslå lukning' }).click();
    await bufPart.getByRole('button', { name: 'Foreslå lukning' }).click();
    await bufPart.getByText('Skriv en kommentar.').waitFor();
    await bufPart.getByLabel('Kommentar til BUF').fill('Alle tre tiltag er gennemført og virker.');
    await bufPart.getByRole('button', { name: 'Foreslå lukning' }).click();
    await bufPart.getByText('Foreslået lukket').waitFor();
    await bufPart.getByText('Kommentar: Alle tre tiltag er gennemført og virker.').waitFor();
    await screenshotAndAxe(page, 'findings', 'closure-proposed-da');
    await buf.context.close();
    expect(buf.errors).toEqual([]);

    // The auditor closes it, with a comment.
    const auditor = await signIn(app, 'henrik.dahl@kk.example', 'da');
    page = auditor.page;
    await page.goto(`${app.url}/findings/${findingId}`);
    const part = page.getByTestId('part-BUF');
    await part.getByRole('button', { name: 'Luk', exact: true }).click();
    await part.getByLabel('Kommentar til BUF').fill('Verificeret ved stikprøve af 25 fratrædelser.');
    await part.getByRole('button', { name: 'Luk', exact: true }).click();
    await part.getByText('Lukket', { exact: true }).waitFor();
    await part.getByText('Kommentar: Verificeret ved stikprøve af 25 fratrædelser.').waitFor();
    await part.getByRole('button', { name: 'Genåbn' }).waitFor();
    await expect(page.getByRole('button', { name: 'Registrer beslutning' }).count()).resolves.toBe(0);
    await auditor.context.close();
    expect(auditor.errors).toEqual([]);

    // Central coordination records the council's decision.
    page = central.page;
    await page.goto(`${app.url}/findings/${findingId}`);
    await expect(page.getByTestId('part-BUF').getByRole('button', { name: 'Genåbn' }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Registrer beslutning' }).click();
    await page.getByLabel(/^Beslutning/).fill('Borgerrepræsentationen tog svaret til efterretning.');
    await page.getByLabel('Udvalgets bemærkning (valgfri)').fill('Økonomiudvalget finder handleplanen tilstrækkelig.');
    await page.getByRole('button', { name: 'Gem beslutning' }).click();
    await page.getByText('Beslutningen er gemt.').waitFor();
    await page.getByText('Borgerrepræsentationen tog svaret til efterretning.').waitFor();
    await screenshotAndAxe(page, 'findings', 'decided-da');

    // The list finds it by the search in the URL, and offers the export with the same filters.
    await page.goto(`${app.url}/findings?reportId=${reportId}&q=Adgangsstyring`);
    await page.getByRole('link', { name: 'Adgangsstyring i fagsystemer' }).waitFor();
    const csvHref = await page.getByRole('link', { name: 'CSV' }).getAttribute('href');
    expect(csvHref).toContain(`reportId=${reportId}`);
    expect(csvHref).toContain('q=Adgangsstyring');
    const csv = await page.evaluate(async (href) => (await fetch(href!)).text(), csvHref);
    expect(csv).toContain('Adgangsstyring i fagsystemer');
    expect(csv.trimEnd().split('\r\n')).toHaveLength(2);
    await central.context.close();
    expect(central.errors).toEqual([]);
  }, 240_000);

  it('speaks the Swedish vocabulary: granskningsrapport, iakttagelse, yttrande (sv)', async () => {
    const central = await signIn(app, 'eva.lindqvist@exempelstad.example', 'sv');
    let page = central.page;
    await page.getByRole('link', { name: 'Granskningsrapporter', exact: true }).click();
    await page.getByRole('heading', { name: 'Granskningsrapporter' }).waitFor();
    await page.getByRole('button', { name: 'Ny granskningsrapport' }).click();
    await page.getByLabel('Titel').fill('Granskning av informationssäkerhet');
    await page.getByRole('combobox', { name: 'Typ' }).click();
    await page.getByRole('option', { name: 'Granskning' }).click();
    await page.getByLabel('Räkenskapsår').fill('2025');
    await page.getByLabel('Revisor').fill('Kommunrevisionen');
    await page.getByLabel('Diarienummer').fill('KS 2025/123');
    await page.getByRole('button', { name: 'Spara granskningsrapport' }).click();
    await idFromUrl(page, 'reports');
    await page.getByRole('link', { name: 'Ny iakttagelse' }).click();
    await page.getByRole('heading', { name: 'Ny iakttagelse' }).waitFor();
    await page.getByLabel('Titel').fill('Behörighetsstyrning');
    await page.getByLabel('Rekommendation 1').fill('Inför rutin för att ta bort behörigheter.');
    await page.getByLabel('SK Stadskontoret').check();
    await page.getByLabel('Sekretess (undantagen från offentlighet)').check();
    await page.getByRole('button', { name: 'Spara iakttagelse' }).click();
    // The legal basis is asked for before anything is sent; what was typed stays.
    await page.getByText('Ange stödet för sekretessen.').waitFor();
    await expect(page.getByLabel('Titel').inputValue()).resolves.toBe('Behörighetsstyrning');
    await page.getByLabel('Stöd för sekretessen').fill('OSL 18:8');
    await screenshotAndAxe(page, 'findings', 'finding-form-sv');
    await page.getByRole('button', { name: 'Spara iakttagelse' }).click();
    const findingId = await idFromUrl(page, 'findings');
    await page.getByRole('button', { name: 'Begär yttranden' }).click();
    await page.getByLabel('Sista dag för yttrandet').fill('2030-06-30');
    await page.getByRole('button', { name: 'Skicka begäran' }).click();
    await page.getByText('Förvaltningarna har ombetts att lämna yttrande.').waitFor();
    await page
      .getByTestId('part-SK')
      .getByText(/Yttrande begärt av Eva Lindqvist .* · senast 2030-06-30/)
      .waitFor();
    await screenshotAndAxe(page, 'findings', 'requested-sv');
    await central.context.close();
    expect(central.errors).toEqual([]);

    const sk = await signIn(app, 'karin.ek@exempelstad.example', 'sv');
    page = sk.page;
    await page.goto(`${app.url}/findings/${findingId}`);
    await page
      .getByTestId('part-SK')
      .getByText(/senast 2030-06-30/)
      .waitFor();
    await page.getByRole('button', { name: 'Skapa yttrande' }).waitFor();
    await sk.context.close();
    expect(sk.errors).toEqual([]);
  }, 180_000);

  it('has no axe violations and no sideways scrolling at 390 px on the new pages (da, sv)', async () => {
    for (const [email, lang] of [
      ['mette.lindholm@kk.example', 'da'],
      ['eva.lindqvist@exempelstad.example', 'sv'],
    ] as const) {
      const { context, page, errors } = await signIn(app, email, lang);
      const first = (await call<{ items: { id: string; reportId: string }[] }>(page, 'GET', '/findings?limit=1')).body.items[0]!;
      for (const [name, url] of [
        ['reports', '/reports'],
        ['report', `/reports/${first.reportId}`],
        ['new-finding', `/reports/${first.reportId}/findings/new`],
        ['edit-finding', `/findings/${first.id}/edit`],
        ['finding', `/findings/${first.id}`],
        ['list', '/findings?q=it'],
      ] as const) {
        await page.goto(`${app.url}${url}`);
        await page.locator('#main h2').first().waitFor();
        await screenshotAndAxe(page, 'findings', `${name}-${lang}`);
        await page.setViewportSize({ width: 390, height: 844 });
        await page.waitForTimeout(300);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${name} (${lang}) scrolls sideways at 390 px`).toBeLessThanOrEqual(0);
        await page.setViewportSize({ width: 1440, height: 900 });
      }
      await context.close();
      expect(errors).toEqual([]);
    }
    // A finding that does not exist: the edit form says so instead of loading for ever
    const { context, page } = await signIn(app, 'mette.lindholm@kk.example', 'da');
    await page.goto(`${app.url}/findings/00000000-0000-4000-8000-000000000000/edit`);
    await page.getByRole('alert').waitFor({ timeout: 10_000 });
    await context.close();
  }, 240_000);
});
