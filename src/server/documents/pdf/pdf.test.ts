/**
 * Golden tests of the PDF documents: each is rendered from the demo data through the documents
 * service, written to test-results/documents/, and read back with poppler (pdftotext, pdfinfo,
 * pdftoppm) the way a reader's tools see it: the text in reading order, per page, and the metadata.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fill } from '../format.js';
import type { AnswerDocument, CouncilDecisionSheet, FollowUpReport } from '../model.js';
import { documentFixture, type DocumentFixture } from '../test-fixtures.js';
import { renderPdf } from './index.js';

const OUT = path.resolve('test-results/documents/pdf');
const hasPoppler = spawnSync('pdftotext', ['-v']).status === 0 && spawnSync('pdfinfo', ['-v']).status === 0;
if (!hasPoppler)
  console.warn(
    'pdf.test.ts: SKIPPED – poppler-utils (pdftotext, pdfinfo, pdftoppm) is not installed; `apt-get install poppler-utils` to run the PDF golden tests.',
  );

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** A rendered PDF on disk, read back with poppler. */
class Pdf {
  readonly pages: number;
  constructor(
    readonly file: string,
    readonly bytes: Buffer,
  ) {
    this.pages = Number(this.info().Pages);
  }
  info(): Record<string, string> {
    return Object.fromEntries(
      run('pdfinfo', [this.file])
        .split('\n')
        .map((line) => /^([^:]+):\s*(.*)$/.exec(line))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => [m[1]!, m[2]!]),
    );
  }
  private readonly cache = new Map<string, string[]>();
  /**
   * pdftotext's reading order (plain) or its physical layout (-layout); one page or all. The whole
   * document is extracted once; pdftotext ends every page with a form feed.
   */
  text(opts: { layout?: boolean; page?: number } = {}): string {
    const key = opts.layout ? 'layout' : 'plain';
    let pages = this.cache.get(key);
    if (!pages) {
      pages = run('pdftotext', [...(opts.layout ? ['-layout'] : []), this.file, '-'])
        .split('\f')
        .slice(0, this.pages);
      expect(pages.length).toBe(this.pages);
      this.cache.set(key, pages);
    }
    return opts.page ? pages[opts.page - 1]! : pages.join('\n');
  }
  /** The text with every run of white space as one space: sentences that wrap still match. */
  flat(page?: number): string {
    return flat(this.text(page ? { page } : {}));
  }
  pageTexts(): string[] {
    return Array.from({ length: this.pages }, (_, i) => this.flat(i + 1));
  }
  /** Named destinations: name → page. */
  destinations(): Map<string, number> {
    const out = new Map<string, number>();
    for (const line of run('pdfinfo', ['-dests', this.file]).split('\n')) {
      const m = /^\s*(\d+)\s.*"([^"]+)"\s*$/.exec(line);
      if (m) out.set(m[2]!, Number(m[1]));
    }
    return out;
  }
}

const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

async function save(name: string, buf: Buffer): Promise<Pdf> {
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, `${name}.pdf`);
  fs.writeFileSync(file, buf);
  return new Pdf(file, buf);
}

/** Asserts that the fragments occur in this order in the text. */
function expectInOrder(text: string, fragments: string[]): void {
  let at = -1;
  for (const f of fragments) {
    const i = text.indexOf(f, at + 1);
    expect(i, `"${f}" after position ${at} in:\n${text.slice(Math.max(0, at - 200), at + 600)}`).toBeGreaterThan(at);
    at = i;
  }
}

let fx: DocumentFixture;
const docs: {
  internal?: FollowUpReport;
  internalPdf?: Pdf;
  public?: FollowUpReport;
  publicPdf?: Pdf;
  renderMs?: number;
} = {};

describe.skipIf(!hasPoppler)('PDF documents (read back with poppler)', () => {
  beforeAll(async () => {
    fx = await documentFixture();
    const svc = fx.ctx.app.services.documents;
    docs.internal = await svc.followUpReport(fx.kk.admin, fx.kk.roundId, { kind: 'municipality' }, { edition: 'internal', today: fx.today });
    docs.public = await svc.followUpReport(fx.kk.reader, fx.kk.roundId, { kind: 'municipality' }, { edition: 'public', today: fx.today });
    await renderPdf(docs.public); // warm up fonts and ECharts before timing
    const t = performance.now();
    const buf = await renderPdf(docs.internal);
    docs.renderMs = performance.now() - t;
    docs.internalPdf = await save('pdf-report-da-internal', buf);
    docs.publicPdf = await save('pdf-report-da-public', await renderPdf(docs.public));
  }, 120_000);
  afterAll(() => fx?.ctx.close());

  it('da report: metadata for accessibility (title, tagged, language, displayed title, bookmarks)', () => {
    const pdf = docs.internalPdf!;
    const info = pdf.info();
    expect(info.Title).toBe(docs.internal!.meta.title);
    expect(info.Tagged).toBe('yes');
    expect(info.Author).toBe('Københavns Kommune');
    expect(info['PDF version']).toBe('1.7');
    expect(info['Page size']).toContain('595.28 x 841.89');
    const raw = pdf.bytes.toString('latin1');
    expect(raw).toContain('/Lang (da-DK)');
    expect(raw).toContain('/DisplayDocTitle true');
    expect(raw).toContain('/Outlines');
    console.info(`pdf: the demo report (${pdf.pages} pages) rendered in ${Math.round(docs.renderMs!)} ms`);
  });

  it('da report: page numbers "Side n af N" and the footer with municipality and date on every page', () => {
    const pdf = docs.internalPdf!;
    const pages = pdf.pageTexts();
    expect(pages.length).toBeGreaterThan(5);
    pages.forEach((text, i) => {
      expect(text).toContain(`Side ${i + 1} af ${pages.length}`);
      expect(text).toContain('Københavns Kommune · 15.09.2025');
    });
  });

  it('da report: cover with municipality, round, scope, date and edition; index with every finding, linked to its page', () => {
    const report = docs.internal!;
    const pdf = docs.internalPdf!;
    const cover = pdf.flat(1);
    expectInOrder(cover, [
      'Københavns Kommune',
      'Opfølgning på handleplaner for revisionsbemærkninger',
      'Status august 2025',
      'Omfang',
      'Hele kommunen',
      'Dato',
      '15.09.2025',
    ]);
    expect(cover).toContain('Intern udgave – må ikke offentliggøres');
    expect(cover).toContain('Periode 01.08.2025 – 29.08.2025');

    const index = pdf.flat(2);
    expect(index).toContain('Oversigt over revisionsbemærkninger');
    expectInOrder(index, ['Nr.', 'Titel', 'Forvaltninger', 'Vurdering', 'Status', 'Gentagelse']);
    for (const f of report.findings) expect(index).toContain(f.title);
    // Every finding's section is a named destination; the index prints the page it starts on.
    const dests = pdf.destinations();
    expect(dests.size).toBe(report.findings.length);
    const layoutIndex = pdf.text({ layout: true, page: 2 }).split('\n');
    report.findings.forEach((f, i) => {
      const page = dests.get(`finding-${i + 1}`)!;
      expect(pdf.flat(page)).toContain(`Nr. ${f.number} ${f.title}`);
      const row = layoutIndex.find((line) => new RegExp(`^\\s*${f.number}\\s+${f.title.slice(0, 12)}`).test(line));
      expect(row, `index row of ${f.title}`).toBeDefined();
      expect(row!.trim().endsWith(` ${page}`), `${row} ends with page ${page}`).toBe(true);
    });
    // A grade is a marker plus its word, a repeat is said in words.
    expect(index).toContain('Kritisk');
    expect(index).toContain('Uden vurdering');
  });

  it('da report, internal edition: the confidential finding is marked FORTROLIG with its basis on every page it occupies', () => {
    const pdf = docs.internalPdf!;
    const title = 'Adgangsstyring til kritiske systemer';
    const pages = pdf.pageTexts();
    const withTitle = pages.map((t, i) => (t.includes(title) ? i + 1 : 0)).filter(Boolean);
    expect(withTitle.length).toBeGreaterThanOrEqual(2); // the index and its own section
    for (const p of withTitle) expect(pages[p - 1]).toContain('FORTROLIG · Fortrolig efter offentlighedsloven § 33');
    // Pages without it carry no mark.
    pages.forEach((t, i) => {
      if (!withTitle.includes(i + 1)) expect(t, `page ${i + 1}`).not.toContain('FORTROLIG');
    });
  });

  it('internal edition: a confidential finding that runs over several pages is marked on each of them', async () => {
    // Edge case: the confidential finding's observations made long enough to need three pages.
    const report = structuredClone(docs.internal!);
    const f = report.findings.find((x) => x.confidential)!;
    f.observations = Array.from({ length: 140 }, (_, i) => `Iagttagelse ${i + 1}: privilegerede konti gennemgås ikke hvert kvartal.`).join(' ');
    const pdf = await save('pdf-report-da-internal-long-confidential', await renderPdf(report));
    const dests = pdf.destinations();
    const index = report.findings.indexOf(f);
    const first = dests.get(`finding-${index + 1}`)!;
    const next = dests.get(`finding-${index + 2}`) ?? pdf.pages + 1;
    expect(next - first).toBeGreaterThanOrEqual(3);
    for (let p = first; p < next; p++) {
      const text = pdf.flat(p);
      expect(text, `page ${p}`).toContain('FORTROLIG · Fortrolig efter offentlighedsloven § 33');
      expect(text, `page ${p}`).toContain(`Nr. ${f.number} ${f.title}`);
    }
    for (let p = 3; p < first; p++) if (!pdf.flat(p).includes(f.title)) expect(pdf.flat(p)).not.toContain('FORTROLIG');
  });

  it('da report, public edition: leaves the confidential finding out and says how many were left out', () => {
    const report = docs.public!;
    expect(report.confidentialOmitted).toBe(1);
    const pdf = docs.publicPdf!;
    const all = pdf.flat();
    expect(all).not.toContain('Adgangsstyring til kritiske systemer');
    expect(all).not.toContain('FORTROLIG');
    expect(all).not.toContain('Intern udgave');
    expect(pdf.flat(1)).toContain('Offentlig udgave');
    expect(pdf.flat(1)).toContain(report.meta.labels.confidentialOmittedOne);
    expect(pdf.flat(2)).toContain(report.meta.labels.confidentialOmittedOne);
  });

  it('public edition: a plan not yet approved shows only that it is being written; an answer not yet submitted is said so', async () => {
    // Edge cases made from the service's model the way the service makes them: a withheld plan keeps
    // only its department; a department that has not submitted its answer of the round.
    const report = structuredClone(docs.public!);
    const withheldAt = report.findings.findIndex((f) => f.plans.some((p) => p.secondColumn === 'followUpPlan'));
    const withheld = report.findings[withheldAt]!.plans[0]!;
    const hidden = withheld.measures.map((m) => m.title);
    Object.assign(withheld, { withheld: true, state: 'draft', problem: null, extent: null, overallDeadline: null, measures: [] });
    const pendingAt = report.findings.findIndex((f) => f.plans.some((p) => p.secondColumn === 'status'));
    const pending = report.findings[pendingAt]!.plans.find((p) => p.secondColumn === 'status')!;
    pending.submissionState = 'draft';
    const pdf = await save('pdf-report-da-public-withheld', await renderPdf(report));
    const dests = pdf.destinations();
    const at = (i: number) => flat(pdf.text({ page: dests.get(`finding-${i + 1}`)! }) + pdf.text({ page: dests.get(`finding-${i + 1}`)! + 1 }));
    const withheldText = at(withheldAt);
    expectInOrder(withheldText, [`${withheld.department.name} (${withheld.department.code})`, report.meta.labels.planWithheld]);
    for (const title of hidden) expect(pdf.flat()).not.toContain(title);
    expect(withheldText).not.toContain('Opfølgningsplan');
    expectInOrder(at(pendingAt), [
      `${pending.department.name} (${pending.department.code})`,
      report.meta.labels.submissionNotSubmitted,
      `Handleplan (${pending.department.code})`,
    ]);
  });

  it('side by side: each measure, then its status, in reading order (plain and -layout)', () => {
    const pdf = docs.internalPdf!;
    const report = docs.internal!;
    const page = pdf.destinations().get(`finding-${report.findings.findIndex((f) => f.title === 'Informationssikkerhed') + 1}`)!;
    const plain = flat(pdf.text({ page }) + pdf.text({ page: page + 1 }));
    // Headings precede their content.
    expectInOrder(plain, [
      'Nr. 3 Informationssikkerhed',
      'Observationer og risici',
      'Siden 2021 har revisionen',
      'Risici:',
      'Anbefalinger',
      '1. Gør arbejdet med ISMS færdigt',
      'Økonomiforvaltningen (ØKF) – Tværgående handleplan',
      'Handleplan (ØKF)',
      'Status august 2025',
    ]);
    // The delayed measure: its text and deadline (moved from Q1-2026), then the status with the reason and the new date.
    expectInOrder(plain, [
      '1. ISMS',
      'CISO-funktionen i ØKF leder arbejdet',
      'Deadline: Q2-2026 (Oprindelig deadline: Q1-2026)',
      'Vedrører anbefaling 1',
      'Forsinket',
      'Årsag: Afventer ny it-leverandør.',
      'Ny forventet dato: Q2-2026',
      'Oprindelig deadline: Q1-2026',
      // The completed one, with the self-check.
      '2A. Afdækning af it-infrastruktur',
      'Vi finder ud af, hvilken it-infrastruktur',
      'Afsluttet',
      'Egenkontrol: Stikprøve på 20 systemer: alle har en godkendt risikovurdering.',
      '2B. Fælles tilgang til CIS18-kontroller',
      'Efter planen',
      'Arbejdet følger planen.',
      'Samlet deadline: Q3-2028',
    ]);
    // -layout: the status stands on the measure's first line, to its right; rows stay in order.
    const lines = (pdf.text({ layout: true, page }) + pdf.text({ layout: true, page: page + 1 })).split('\n');
    const isms = lines.findIndex((l) => /^\s*1\. ISMS\s{2,}Forsinket\s*$/.test(l));
    const reason = lines.findIndex((l) => l.includes('Årsag: Afventer ny it-leverandør.'));
    const row2 = lines.findIndex((l) => /2A\. Afdækning af it-infrastruktur\s{2,}Afsluttet/.test(l));
    expect(isms).toBeGreaterThan(-1);
    expect(reason).toBeGreaterThan(isms);
    expect(row2).toBeGreaterThan(reason);
    expect(lines[reason]!.indexOf('Årsag')).toBeGreaterThan(lines[isms]!.indexOf('Forsinket') - 2);
  });

  it('side by side: a new plan shows the follow-up plan ("Opfølgningsplan") per measure', () => {
    const pdf = docs.internalPdf!;
    const report = docs.internal!;
    const i = report.findings.findIndex((f) => f.plans.some((p) => p.secondColumn === 'followUpPlan'));
    expect(i).toBeGreaterThan(-1);
    const plan = report.findings[i]!.plans.find((p) => p.secondColumn === 'followUpPlan')!;
    const page = pdf.destinations().get(`finding-${i + 1}`)!;
    const plain = flat(pdf.text({ page }) + pdf.text({ page: page + 1 }));
    const [m1, m2] = plan.measures;
    expectInOrder(plain, [
      `${plan.department.name} (${plan.department.code})`,
      `Handleplan (${plan.department.code})`,
      'Opfølgningsplan',
      `${m1!.number}. ${m1!.title}`,
      `Deadline: ${m1!.deadline!.display}`,
      flat(m1!.followUpPoint!),
      `${m2!.number}. ${m2!.title}`,
      flat(m2!.followUpPoint!),
    ]);
  });

  it('summary: both charts (department codes, status words) and the same figures as tables', () => {
    const pdf = docs.internalPdf!;
    const report = docs.internal!;
    const pages = pdf.pageTexts();
    const p = pages.findIndex((t) => t.includes('Forskydning af deadlines pr. forvaltning')) + 1;
    expect(p).toBeGreaterThan(0);
    const text = pages[p - 1]!;
    expectInOrder(text, ['Sammenfatning', 'Tiltag efter status pr. forvaltning', 'Forskydning af deadlines pr. forvaltning']);
    // The charts' own texts: titles (so each title appears as heading and in its chart), legends and axes.
    expect(text.split('Tiltag efter status pr. forvaltning').length - 1).toBeGreaterThanOrEqual(2);
    expect(text.split('Forskydning af deadlines pr. forvaltning').length - 1).toBeGreaterThanOrEqual(2);
    for (const word of ['Afsluttet', 'Efter planen', 'Forsinket', 'Annulleret', 'Ingen status', 'Dage i alt', 'Tiltag med flyttet deadline'])
      expect(text).toContain(word);
    // The tables: one row per department with the chart's figures.
    const layout = pdf.text({ layout: true, page: p });
    for (const r of report.summary.byDepartment) {
      const total = r.completed + r.onTrack + r.delayed + r.postponed + r.cancelled + r.noStatus;
      expect(layout).toMatch(
        new RegExp(
          `${r.code}\\s+${r.name.slice(0, 10)}.*?\\s${r.completed}\\s+${r.onTrack}\\s+${r.delayed}\\s+${r.postponed}\\s+${r.cancelled}\\s+${r.noStatus}\\s+${total}\\s*\\n`,
        ),
      );
    }
    for (const r of report.summary.slippage) {
      expect(layout).toMatch(new RegExp(`${r.code}\\s+${r.name}\\s+${r.measures}\\s+${r.moved}\\s+${r.totalDays}\\s+${r.maxDays}\\s*\\n`));
    }
    // The chart's SVG text: every department's code is an axis label (once in the chart, once in each table).
    for (const r of report.summary.byDepartment) expect(text.split(r.code).length - 1).toBeGreaterThanOrEqual(3);
  });

  it("scopes: a department's and a committee's report contain only their departments", async () => {
    const svc = fx.ctx.app.services.documents;
    const dept = await svc.followUpReport(
      fx.kk.admin,
      fx.kk.roundId,
      { kind: 'department', id: fx.kk.departments.BUF! },
      { edition: 'internal', today: fx.today },
    );
    const committee = await svc.followUpReport(
      fx.kk.reader,
      fx.kk.roundId,
      { kind: 'committee', id: fx.kk.committeeIds.BUF! },
      { edition: 'public', today: fx.today },
    );
    const others = ['ØKF', 'SOF', 'TMF', 'KFF', 'BIF', 'SUF'];
    for (const [name, report, scopeLine] of [
      ['pdf-report-da-department-buf', dept, 'Forvaltning: Børne- og Ungdomsforvaltningen'],
      ['pdf-report-da-committee-buu', committee, `Udvalg: ${committee.scope.name}`],
    ] as const) {
      const pdf = await save(name, await renderPdf(report));
      expect(pdf.flat(1)).toContain(scopeLine);
      const all = pdf.flat();
      expect(all).toContain('Godkendelse af indkøb BUF');
      expect(all).not.toContain('Forsikring ØKF');
      expect(all).not.toContain('Egenbetaling – Indtægter SOF');
      // The index names only the departments in scope.
      const tokens = new Set(pdf.flat(2).split(/[\s,]+/));
      for (const code of others) expect(tokens.has(code), `${code} in the index of ${name}`).toBe(false);
      // The summary tables have a row for BUF and for ØKF, whose cross-cutting plan (finding 3)
      // answers for BUF too; no other department.
      const pages = pdf.pageTexts();
      const summary = pages.find((t) => t.includes('Forskydning af deadlines pr. forvaltning'))!;
      expect(summary).toContain('Børne- og Ungdomsforvaltningen');
      expect(summary).toContain('Økonomiforvaltningen');
      for (const other of ['Socialforvaltningen', 'Teknik- og Miljøforvaltningen']) expect(summary).not.toContain(other);
    }
    expect(committee.confidentialOmitted).toBe(1);
    expect(new Pdf(path.join(OUT, 'pdf-report-da-committee-buu.pdf'), Buffer.alloc(0)).flat(1)).toContain(committee.meta.labels.confidentialOmittedOne);
  });

  it('sv: the yttrande – summary, proposal, background, recommendations with planned measures, decision plan, recipients, officials, due date', async () => {
    const doc: AnswerDocument = await fx.ctx.app.services.documents.answerDocument(fx.se.admin, fx.se.planId, 'yttrande', {
      edition: 'internal',
      today: fx.today,
    });
    const pdf = await save('pdf-yttrande-sv', await renderPdf(doc));
    const info = pdf.info();
    expect(info.Title).toBe(doc.meta.title);
    expect(info.Tagged).toBe('yes');
    expect(pdf.bytes.toString('latin1')).toContain('/Lang (sv-SE)');
    const all = pdf.flat();
    const l = doc.meta.labels;
    expectInOrder(all, [
      'Exempelstads kommun',
      'Yttrande',
      doc.report.title,
      'Sammanfattning',
      fill(l.answerSummaryPlanned, { measures: doc.summary.measures, recommendations: doc.recommendations.length }),
      'Förslag till beslut',
      `${doc.decisionPlan.at(-1)!.body} föreslås besluta att överlämna yttrandet som svar till Kommunrevisionen.`,
      'Bakgrund',
      flat(doc.finding.observations),
      'Revisorernas bedömning och rekommendationer',
      flat(doc.recommendations[0]!.text),
      'Planerade åtgärder',
      'Rekommendation 1',
      `${doc.recommendations[0]!.measures[0]!.number}. ${doc.recommendations[0]!.measures[0]!.title}`,
      flat(doc.recommendations[0]!.measures[0]!.expectedEffect!),
      doc.recommendations[0]!.measures[0]!.deadline!.display,
      'Rekommendation 2',
      'Beslutsplan',
      'Kommunstyrelsens arbetsutskott',
      '2025-10-20',
      '§ 212',
      'Kommunstyrelsen',
      '2025-11-05',
      '§ 188',
      'Sänds till',
      'Kommunrevisionen',
      'Ansvariga tjänstepersoner',
      doc.responsibleOfficials.join(', '),
      'Svar senast',
      '2025-11-30',
    ]);
    expect(pdf.flat(1)).toContain(`Sida 1 av ${pdf.pages}`);
    expect(pdf.flat(1)).toContain('Exempelstads kommun · 2025-09-15');
    // A first answer plans: no statuses from later rounds.
    expect(all).not.toContain('Försenad');
    renderPngs(pdf, 'pdf-yttrande-sv');
  });

  it('sv: the uppföljande yttrande – what was done and its effect, the postponed measure with reason and new date', async () => {
    const doc = await fx.ctx.app.services.documents.answerDocument(fx.se.admin, fx.se.planId, 'uppfoljandeYttrande', { edition: 'internal', today: fx.today });
    const pdf = await save('pdf-uppfoljande-yttrande-sv', await renderPdf(doc));
    const all = pdf.flat();
    const done = doc.recommendations.flatMap((r) => r.measures).find((m) => m.status?.status === 'completed')!;
    const late = doc.recommendations.flatMap((r) => r.measures).find((m) => m.status?.status === 'delayed')!;
    expectInOrder(all, [
      'Uppföljande yttrande',
      'Sammanfattning',
      '3 åtgärder: 1 genomförda, 1 enligt plan, 1 försenade, 0 uppskjutna.',
      'Förslag till beslut',
      'Vidtagna åtgärder och deras effekt',
      `${done.number}. ${done.title}`,
      flat(done.text!),
      'Genomförd',
      `Effekt: ${flat(done.status!.selfCheckResult!)}`,
      `${late.number}. ${late.title}`,
      flat(late.text!),
      'Försenad',
      `Orsak: ${flat(late.status!.reason!)}`,
      `Nytt förväntat datum: ${late.status!.newDeadline!.display}`,
      'Beslutsplan',
      '2026-11-09',
      '2026-11-18',
      'Svar senast',
      '2026-11-30',
    ]);
    expect(pdf.flat(pdf.pages)).toContain(`Sida ${pdf.pages} av ${pdf.pages}`);
  });

  it('council decision sheet: each finding with its committees, the comment, the decision and its meeting; confidential per edition', async () => {
    const svc = fx.ctx.app.services.documents;
    let internal: CouncilDecisionSheet | undefined;
    let reportId = '';
    for (const id of fx.kk.reportIds) {
      const sheet = await svc.councilDecisionSheet(fx.kk.admin, id, { edition: 'internal', today: fx.today });
      if (sheet.findings.some((f) => f.confidential)) [internal, reportId] = [sheet, id];
    }
    expect(internal).toBeDefined();
    const pdf = await save('pdf-council-decision-sheet-da-internal', await renderPdf(internal!));
    expect(pdf.info()['Page size']).toContain('841.89 x 595.28'); // landscape
    const all = pdf.flat();
    expectInOrder(all, [
      'Beslutningsark: revisionsbemærkninger',
      internal!.report.title,
      'Nr.',
      'Revisionsbemærkning',
      'Udvalg',
      'Udvalgets bemærkninger',
      'Kommunalbestyrelsens beslutning',
    ]);
    for (const f of internal!.findings) {
      expect(all).toContain(f.title);
      for (const c of f.committees) expect(all).toContain(c);
      if (f.committeeComment) expect(all).toContain(flat(f.committeeComment));
      if (f.decision) {
        expect(all).toContain(flat(f.decision.text));
        if (f.decision.meeting) expect(all).toContain(`${f.decision.meeting.body} ${f.decision.meeting.heldOn.split('-').reverse().join('.')}`);
      } else expect(all).toContain('Ikke besluttet endnu');
    }
    const decided = internal!.findings.filter((f) => f.decision);
    expect(decided.length).toBeGreaterThan(0);
    const confidential = internal!.findings.find((f) => f.confidential)!;
    for (const [i, text] of pdf.pageTexts().entries()) {
      if (text.includes(confidential.title)) expect(text, `page ${i + 1}`).toContain('FORTROLIG · Fortrolig efter offentlighedsloven § 33');
      expect(text).toContain(`Side ${i + 1} af ${pdf.pages}`);
    }

    const pub = await svc.councilDecisionSheet(fx.kk.reader, reportId, { edition: 'public', today: fx.today });
    const pubPdf = await save('pdf-council-decision-sheet-da-public', await renderPdf(pub));
    expect(pubPdf.flat()).not.toContain(confidential.title);
    expect(pubPdf.flat()).toContain(pub.meta.labels.confidentialOmittedOne);
  });

  it('en: the report in English (?lang=en): words, page numbers, dates and language metadata', async () => {
    const report = await fx.ctx.app.services.documents.followUpReport(
      fx.kk.admin,
      fx.kk.roundId,
      { kind: 'municipality' },
      { edition: 'internal', lang: 'en', today: fx.today },
    );
    const pdf = await save('pdf-report-en-internal', await renderPdf(report));
    expect(pdf.bytes.toString('latin1')).toContain('/Lang (en-GB)');
    expect(pdf.info().Title).toBe(report.meta.title);
    const cover = pdf.flat(1);
    expectInOrder(cover, ['Follow-up of action plans for audit findings', 'Status august 2025', 'Scope', 'The whole municipality']);
    expect(cover).toContain(`Page 1 of ${pdf.pages}`);
    expect(cover).toContain('Københavns Kommune · 15 September 2025');
    const all = pdf.flat();
    expectInOrder(all, ['Index of findings', 'Summary', 'Measures by status per department', 'Observations and risks', 'Recommendations']);
    expect(all).toContain('Delayed');
    expect(all).toContain('Reason: Afventer ny it-leverandør.');
    // Deadlines are written the English way by the model ("Q2 2026"); the renderer prints them as given.
    const delayed = report.findings.flatMap((f) => f.plans.flatMap((p) => p.measures)).find((m) => m.status?.status === 'delayed')!;
    expect(all).toContain(`New expected date: ${delayed.status!.newDeadline!.display}`);
    expect(all).toContain(`Original deadline: ${delayed.originalDeadline!.display}`);
    expect(all).toContain('CONFIDENTIAL · Confidential under offentlighedsloven § 33');
    expect(all).not.toContain('Forsinket');
  });

  it('renders the pages of the da report and the sv yttrande to PNG for reviewers', () => {
    renderPngs(docs.internalPdf!, 'pdf-report-da-internal');
    const pngs = fs.readdirSync(path.join(OUT, 'png')).filter((f) => /^pdf-report-da-internal-\d+\.png$/.test(f));
    expect(pngs.length).toBe(docs.internalPdf!.pages);
  });
});

/** pdftoppm -r 60: one PNG per page under test-results/documents/png/. */
function renderPngs(pdf: Pdf, name: string): void {
  const dir = path.join(OUT, 'png');
  fs.mkdirSync(dir, { recursive: true });
  for (const f of fs.readdirSync(dir)) if (f.startsWith(`${name}-`)) fs.rmSync(path.join(dir, f));
  run('pdftoppm', ['-r', '60', '-png', pdf.file, path.join(dir, name)]);
}
