/**
 * The Word documents read back: each test renders a model built by the documents service from the
 * demo data, unzips the .docx and asserts what its XML parts say (headings, repeating header rows,
 * the side-by-side rows, footers with page fields, confidential headers, language, title, media).
 * The files are also written to test-results/documents/docx/ for reviewers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client } from '../../../test/app.js';
import { auditReports, findings } from '../../db/schema/index.js';
import { documentLabels } from '../../i18n/documents/index.js';
import type { FollowUpReport, TilsynDocument } from '../model.js';
import { documentFixture, type DocumentFixture } from '../test-fixtures.js';
import { TOC_LONGEST_WORD, TOC_PAGE_NUMBERS_UP_TO } from './follow-up-report.js';
import { renderDocx, type DocxOptions } from './index.js';

const OUT = path.resolve('test-results/documents/docx');

let fx: DocumentFixture;
beforeAll(async () => {
  fx = await documentFixture();
  fs.mkdirSync(OUT, { recursive: true });
}, 60_000);
const timings: Record<string, number> = {};
afterAll(async () => {
  console.info(
    `DOCX render times (ms): ${Object.entries(timings)
      .map(([k, v]) => `${k} ${v.toFixed(0)}`)
      .join(', ')}`,
  );
  await fx.ctx.close();
});

interface Docx {
  files: Record<string, Uint8Array>;
  document: string;
  styles: string;
  core: string;
  headers: string[];
  footers: string[];
  media: string[];
  /** The text of each table row of the body, in order. */
  rows: string[];
  /** The body's text, paragraphs separated by newlines. */
  text: string;
  ms: number;
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The visible text of a piece of WordprocessingML: w:t contents, tabs as tabs, paragraphs as lines. */
function textOf(xml: string): string {
  return decode(
    xml
      .replace(/<w:tab\/>/g, '<w:t>\t</w:t>')
      .replace(/<\/w:p>/g, '<w:t>\n</w:t>')
      .match(/<w:t(?:\s[^>]*)?>[^<]*<\/w:t>/g)
      ?.map((t) => t.replace(/<[^>]+>/g, ''))
      .join('') ?? '',
  );
}

async function render(name: string, doc: TilsynDocument, opts: DocxOptions = {}): Promise<Docx> {
  const t0 = performance.now();
  const buf = await renderDocx(doc, opts);
  const ms = performance.now() - t0;
  timings[name] = ms;
  fs.writeFileSync(path.join(OUT, `${name}.docx`), buf);
  expect(buf.subarray(0, 2).toString('latin1')).toBe('PK');
  const files = unzipSync(new Uint8Array(buf));
  const str = (k: string) => strFromU8(files[k] ?? new Uint8Array());
  const document = str('word/document.xml');
  const keys = Object.keys(files).sort();
  return {
    files,
    document,
    styles: str('word/styles.xml'),
    core: str('docProps/core.xml'),
    headers: keys.filter((k) => /^word\/header\d+\.xml$/.test(k)).map(str),
    footers: keys.filter((k) => /^word\/footer\d+\.xml$/.test(k)).map(str),
    media: keys.filter((k) => k.startsWith('word/media/')),
    rows: (document.match(/<w:tr[ >][\s\S]*?<\/w:tr>/g) ?? []).map(textOf),
    text: textOf(document),
    ms,
  };
}

/** The header rows of every table: the first rows, each marked w:tblHeader. */
function headerRows(xml: string): string[] {
  return (xml.match(/<w:tr[ >](?:(?!<\/w:tr>)[\s\S])*?<w:tblHeader\/>[\s\S]*?<\/w:tr>/g) ?? []).map(textOf);
}

/** The body's sections in order: each ends with the paragraph that holds its w:sectPr (the last, with the body's). */
function sectionsOf(xml: string): string[] {
  const body = xml.slice(xml.indexOf('<w:body>') + 8, xml.lastIndexOf('</w:body>'));
  const out: string[] = [];
  let from = 0;
  for (let at = body.indexOf('<w:sectPr', from); at >= 0; at = body.indexOf('<w:sectPr', from)) {
    const end = body.indexOf('</w:p>', at);
    const cut = end >= 0 ? end + '</w:p>'.length : body.length;
    out.push(body.slice(from, cut));
    from = cut;
  }
  return out;
}

/** The texts of the Heading 1 paragraphs of a piece of the body. */
function headings1(xml: string): string[] {
  return (xml.match(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<w:pStyle w:val="Heading1"\/>(?:(?!<\/w:p>)[\s\S])*?<\/w:p>/g) ?? []).map((x) => textOf(x).trim());
}

/** The header part a section names as its default header. */
function headerOfSection(d: Docx, sectionXml: string): string {
  const rid = /<w:headerReference w:type="default" r:id="(rId\d+)"\/>/.exec(sectionXml)?.[1];
  const rels = strFromU8(d.files['word/_rels/document.xml.rels']!);
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels);
  const file = target?.[1] ?? target?.[2];
  return file ? strFromU8(d.files[`word/${file}`]!) : '';
}

const svc = () => fx.ctx.app.services.documents;

describe('DOCX follow-up report (Copenhagen, Danish)', () => {
  let internal: Docx;
  let pub: Docx;
  beforeAll(async () => {
    internal = await render(
      'follow-up-report-da-internal',
      await svc().followUpReport(fx.kk.admin, fx.kk.roundId, { kind: 'municipality' }, { edition: 'internal', today: fx.today }),
    );
    pub = await render(
      'follow-up-report-da-public',
      await svc().followUpReport(fx.kk.reader, fx.kk.roundId, { kind: 'municipality' }, { edition: 'public', today: fx.today }),
    );
  }, 30_000);

  it('has a title, the Danish language, real headings and a table of contents', () => {
    expect(internal.core).toContain('<dc:title>Opfølgning på handleplaner for revisionsbemærkninger – Status august 2025</dc:title>');
    expect(internal.styles).toMatch(/<w:rPrDefault><w:rPr>[\s\S]*<w:lang w:val="da-DK"\/>[\s\S]*<\/w:rPr><\/w:rPrDefault>/);
    for (const h of ['Heading1', 'Heading2']) expect(internal.document).toContain(`<w:pStyle w:val="${h}"/>`);
    expect(internal.styles).toContain('w:styleId="Heading1"');
    expect(internal.document).toContain('TOC \\h \\o &quot;1-1&quot;');
    // The finding's heading is a Heading 1 paragraph.
    expect(internal.document).toMatch(/<w:pStyle w:val="Heading1"\/>(?:(?!<\/w:p>)[\s\S])*Nr\. 3 Informationssikkerhed/);
  });

  it('writes the page numbers of the table of contents', () => {
    const toc = textOf(internal.document.slice(internal.document.indexOf('<w:sdtContent>'), internal.document.indexOf('</w:sdtContent>')));
    const entries = toc.split('\n').filter((line) => line.includes('\t'));
    expect(entries[0]).toMatch(/^Oversigt over revisionsbemærkninger\t\d+$/);
    expect(entries.map((e) => e.split('\t')[0])).toContain('Nr. 3 Informationssikkerhed');
    const pages = entries.map((e) => Number(e.split('\t')[1]));
    expect(pages.every((n, i) => n >= 2 && (i === 0 || n > pages[i - 1]!))).toBe(true); // one finding per page: strictly increasing
  });

  it('shows the cover: municipality, round, date, scope and the internal edition', () => {
    const cover = internal.text.slice(0, internal.text.indexOf('Indhold'));
    expect(cover).toContain('Københavns Kommune');
    expect(cover).toContain('Opfølgning på handleplaner for revisionsbemærkninger');
    expect(cover).toContain('Status august 2025');
    expect(cover).toContain('Omfang: Hele kommunen');
    expect(cover).toContain('Periode 01.08.2025 – 29.08.2025');
    expect(cover).toContain('Dato: 15.09.2025');
    const da = documentLabels('da', 'DK');
    expect(cover).toContain(da.editionInternal);
    expect(pub.text.slice(0, pub.text.indexOf('Indhold'))).toContain(da.editionPublic);
  });

  it('indexes the findings in tables whose header rows repeat', () => {
    expect(headerRows(internal.document)).toContain('Nr.\nTitel\nForvaltninger\nVurdering\nStatus\nGentagelse\n');
    const row3 = internal.rows.find((r) => r.startsWith('3\nInformationssikkerhed'));
    expect(row3).toBe('3\nInformationssikkerhed\nAlle forvaltninger\nUden vurdering\nHandleplan godkendt\nJa\n');
    const row10 = internal.rows.find((r) => r.startsWith('10\nAdgangsstyring'));
    expect(row10).toContain('FORTROLIG – Fortrolig efter offentlighedsloven § 33');
    expect(row10).toContain('Kritisk');
  });

  it('puts the plan and this round’s status side by side, one measure per row', () => {
    expect(headerRows(internal.document)).toContain('Handleplan\nStatus august 2025\n');
    const delayed = internal.rows.find((r) => r.includes('1. ISMS'));
    expect(delayed).toBeDefined();
    expect(delayed).toContain('CISO-funktionen i ØKF leder arbejdet');
    expect(delayed).toContain('Forsinket');
    expect(delayed).toContain('Årsag: Afventer ny it-leverandør.');
    expect(delayed).toContain('Ny forventet dato: Q2-2026');
    expect(delayed).toContain('Oprindelig deadline: Q1-2026');
    // Delayed rows are shaded.
    const delayedXml = internal.document.match(/<w:tr[ >](?:(?!<\/w:tr>)[\s\S])*1\. ISMS[\s\S]*?<\/w:tr>/)?.[0] ?? '';
    expect(delayedXml).toContain('w:fill="FBE3E1"');
    const completed = internal.rows.find((r) => r.includes('2A. Afdækning af it-infrastruktur'));
    expect(completed).toContain('Afsluttet');
    expect(completed).toContain('Egenkontrol: Stikprøve på 20 systemer: alle har en godkendt risikovurdering.');
    const onTrack = internal.rows.find((r) => r.includes('2B. Fælles tilgang'));
    expect(onTrack).toContain('Efter planen\nArbejdet følger planen.');
    expect(internal.text).toContain('Samlet deadline: Q3-2028');
  });

  it('shows a new plan beside its follow-up plan', () => {
    expect(headerRows(internal.document)).toContain('Handleplan\nOpfølgningsplan\n');
    const row = internal.rows.find((r) => r.includes('1. Ny EAN-struktur'));
    expect(row).toContain('Deadline: 31.12.2025');
    expect(row).toContain('Vi følger med i arbejdet hver måned.');
  });

  it('starts every finding on a new page', () => {
    let findingsSeen = 0;
    for (const [i, sec] of sectionsOf(internal.document).entries()) {
      const paragraphs = sec.match(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<\/w:p>/g) ?? [];
      for (const [j, para] of paragraphs.entries()) {
        if (!para.includes('<w:pStyle w:val="Heading1"/>') || !/^Nr\. \d+ /.test(textOf(para))) continue;
        findingsSeen++;
        // A new section starts on a new page; inside a section, a page break before the heading.
        const firstOfLaterSection = i > 0 && j === 0 && sec.startsWith(para);
        expect(firstOfLaterSection || para.includes('<w:pageBreakBefore/>'), textOf(para)).toBe(true);
      }
    }
    expect(findingsSeen).toBe(10);
  });

  it('has a summary with both charts (SVG with PNG fallback, alt text) and the same figures as tables', () => {
    expect(internal.media.filter((m) => m.endsWith('.svg'))).toHaveLength(2);
    expect(internal.media.filter((m) => m.endsWith('.png'))).toHaveLength(2);
    expect(internal.document).toContain('asvg:svgBlip');
    expect(internal.document).toMatch(/<wp:docPr id="\d+" name="status-chart" descr="Tiltag efter status pr\. forvaltning\. BUF: Efter planen 3, Forsinket 0/);
    expect(headerRows(internal.document)).toContain('Forvaltning\nEfter planen\nForsinket\nAfsluttet\nUdskudt\nAnnulleret\nIngen status\nI alt\n');
    expect(internal.rows).toContain('Økonomiforvaltningen\n3\n1\n1\n0\n0\n0\n5\n');
    expect(internal.rows).toContain('I alt\n6\n1\n1\n0\n0\n4\n12\n');
    expect(internal.rows).toContain('Økonomiforvaltningen\n5\n1\n91\n91\n');
  });

  it('has a footer with the municipality, the date and PAGE/NUMPAGES fields', () => {
    expect(internal.footers.length).toBeGreaterThan(0);
    for (const f of internal.footers) {
      expect(textOf(f)).toContain('Københavns Kommune · 15.09.2025\tSide  af ');
      expect(f).toContain('<w:instrText xml:space="preserve">PAGE</w:instrText>');
      expect(f).toContain('<w:instrText xml:space="preserve">NUMPAGES</w:instrText>');
    }
  });

  it('internal edition: the confidential finding is a section of its own whose header marks every page', () => {
    const sections = sectionsOf(internal.document);
    const own = sections.find((s) => headings1(s).some((h) => h.startsWith('Nr. 10 Adgangsstyring')));
    expect(own).toBeDefined();
    expect(headings1(own!)).toEqual(['Nr. 10 Adgangsstyring til kritiske systemer']); // no other finding in that section
    expect(textOf(headerOfSection(internal, own!))).toContain('FORTROLIG – Fortrolig efter offentlighedsloven § 33');
    // The sections around it do not carry the mark.
    const others = sections.filter((s) => s !== own);
    for (const s of others) expect(textOf(headerOfSection(internal, s))).not.toContain('FORTROLIG');
    expect(internal.headers.filter((h) => textOf(h).includes('FORTROLIG'))).toHaveLength(1);
  });

  it('public edition: leaves the confidential finding out and says how many were left out', () => {
    expect(pub.text).not.toContain('Adgangsstyring');
    expect(pub.text).not.toContain('FORTROLIG');
    for (const h of pub.headers) expect(textOf(h)).not.toContain('FORTROLIG');
    const omitted = '1 fortrolig revisionsbemærkning er udeladt af denne udgave og behandles på et lukket punkt.';
    expect(pub.text.split(omitted).length - 1).toBe(2); // cover and index
    expect(pub.core).toContain('<dc:title>');
  });
});

describe('DOCX follow-up report, other scopes and languages', () => {
  it('committee scope: only the committee’s departments, named on the cover', async () => {
    const committeeId = fx.kk.committeeIds['ØKF']!;
    const model = await svc().followUpReport(fx.kk.admin, fx.kk.roundId, { kind: 'committee', id: committeeId }, { edition: 'internal', today: fx.today });
    const d = await render('follow-up-report-da-committee', model, { tocPageNumbers: false });
    expect(model.scope.kind).toBe('committee');
    // Without the layout, the contents list the headings and leave the page numbers to Word.
    expect(d.document).toMatch(/PAGEREF _Toc\d+ \\h<\/w:instrText><w:fldChar w:fldCharType="separate"\/><w:fldChar w:fldCharType="end"\/>/);
    expect(d.text).toContain(`Omfang: Udvalg: ${model.scope.name}`);
    expect(d.rows.find((r) => r.includes('1. ISMS'))).toContain('Forsinket');
    expect(d.text).not.toContain('Ny EAN-struktur'); // BUF's plan is another committee's
  });

  it('English: labels, dates and language in English', async () => {
    const model = await svc().followUpReport(fx.kk.admin, fx.kk.roundId, { kind: 'municipality' }, { edition: 'internal', today: fx.today, lang: 'en' });
    const d = await render('follow-up-report-en-internal', model, { tocPageNumbers: false });
    expect(d.styles).toContain('<w:lang w:val="en-GB"/>');
    expect(d.text).toContain('Date: 15 September 2025');
    expect(d.text).toContain(documentLabels('en', 'DK').editionInternal);
    const delayed = d.rows.find((r) => r.includes('1. ISMS'));
    expect(delayed).toContain('Delayed');
    expect(delayed).toContain('New expected date: Q2 2026');
    expect(headerRows(d.document)).toContain('Action plan\nStatus august 2025\n');
    for (const f of d.footers) expect(textOf(f)).toContain('Københavns Kommune · 15 September 2025\tPage  of ');
  });
});

describe('DOCX follow-up report (Exempelstad, Swedish) and edge cases', () => {
  it('Swedish: the SE vocabulary, the expected effect, Swedish dates', async () => {
    const model = await svc().followUpReport(fx.se.admin, fx.se.roundId, { kind: 'municipality' }, { edition: 'internal', today: fx.today });
    const d = await render('follow-up-report-sv-internal', model, { tocPageNumbers: false });
    expect(d.styles).toContain('<w:lang w:val="sv-SE"/>');
    expect(d.text).toContain('Datum: 2025-09-15');
    const postponed = d.rows.find((r) => r.includes('2. Rutin för uppföljning av avtalstrohet'));
    expect(postponed).toContain('Förväntad effekt: Andelen köp utanför avtal blir lägre än 5 %.');
    expect(postponed).toContain('Försenad');
    expect(postponed).toContain('Nytt förväntat datum: T3 2026');
    expect(d.rows.find((r) => r.includes('1. Spärr mot attest'))).toContain('Egenkontroll: Vi gjorde stickprov');
    expect(headerRows(d.document)).toContain(`Åtgärder\n${model.round.name}\n`);
  });

  it('a withheld plan shows only that it is withheld; large figures use the locale’s grouping', async () => {
    const model = await svc().followUpReport(fx.kk.reader, fx.kk.roundId, { kind: 'municipality' }, { edition: 'public', today: fx.today });
    const f6 = model.findings.find((f) => f.number === 6)!;
    // Edge case the demo lacks: the public edition of a plan that is not approved (as the service builds it).
    const withheld: FollowUpReport = {
      ...model,
      findings: model.findings.map((f) =>
        f === f6
          ? {
              ...f,
              plans: f.plans.map((p) => ({
                ...p,
                withheld: true,
                state: 'submitted' as const,
                problem: null,
                extent: null,
                overallDeadline: null,
                measures: [],
              })),
            }
          : f,
      ),
      summary: { ...model.summary, totals: { ...model.summary.totals, measures: 12_345 } },
    };
    const d = await render('follow-up-report-da-withheld', withheld, { tocPageNumbers: false });
    const section6 = d.text.slice(d.text.indexOf('Nr. 6 Godkendelse af indkøb BUF\nBeretning'), d.text.indexOf('Nr. 7 Revision af balancen\nBeretning'));
    expect(section6).toContain('Handleplanen er under udarbejdelse og endnu ikke godkendt.');
    expect(section6).not.toContain('Ny EAN-struktur');
    expect(section6).not.toContain('Samlet deadline');
    expect(d.text).toContain('Tiltag: 12.345');
    const sv = await render('follow-up-report-sv-figures', { ...withheld, meta: { ...withheld.meta, locale: 'sv' } }, { tocPageNumbers: false });
    expect(sv.text).toContain('12\u00a0345');
  });

  it('numbers the contents of a report up to TOC_PAGE_NUMBERS_UP_TO findings; above, Word fills them in on opening', async () => {
    const model = await svc().followUpReport(fx.kk.admin, fx.kk.roundId, { kind: 'municipality' }, { edition: 'public', today: fx.today });
    const small = await render('follow-up-report-da-toc-small', model);
    const settings = (d: Docx) => strFromU8(d.files['word/settings.xml'] ?? new Uint8Array());
    expect(settings(small)).not.toContain('w:updateFields');
    // The same findings three times over, renumbered: more than the limit (as the service would list them).
    const copies = [0, 1, 2, 3].flatMap((k) => model.findings.map((f) => ({ ...f, number: f.number + k * 100 })));
    expect(copies.length).toBeGreaterThan(TOC_PAGE_NUMBERS_UP_TO);
    const large = await render('follow-up-report-da-toc-large', { ...model, findings: copies });
    expect(settings(large)).toMatch(/<w:updateFields w:val="(true|1)"\/>|<w:updateFields\/>/);
    expect(large.text).toContain('Nr. 306');
  });

  it('leaves the contents numbers to Word when a word is too long to lay out quickly (the layout breaks it letter by letter)', async () => {
    const model = await svc().followUpReport(fx.kk.admin, fx.kk.roundId, { kind: 'municipality' }, { edition: 'public', today: fx.today });
    const settings = (d: Docx) => strFromU8(d.files['word/settings.xml'] ?? new Uint8Array());
    const word = 'x'.repeat(TOC_LONGEST_WORD + 1);
    const [first, ...rest] = model.findings;
    const long = await render('follow-up-report-da-long-word', { ...model, findings: [{ ...first!, title: `${first!.title} ${word}` }, ...rest] });
    expect(settings(long)).toMatch(/<w:updateFields w:val="(true|1)"\/>|<w:updateFields\/>/);
    expect(long.text).toContain(word);
    // One letter shorter, and the numbers are written
    const fine = await render('follow-up-report-da-word-fits', { ...model, findings: [{ ...first!, title: `${first!.title} ${word.slice(1)}` }, ...rest] });
    expect(settings(fine)).not.toContain('w:updateFields');
  });

  it('an empty report (no findings in scope) still has its cover, index and summary', async () => {
    const model = await svc().followUpReport(fx.kk.admin, fx.kk.roundId, { kind: 'municipality' }, { edition: 'public', today: fx.today });
    const empty: FollowUpReport = {
      ...model,
      findings: [],
      summary: {
        byDepartment: [],
        slippage: [],
        totals: { onTrack: 0, delayed: 0, completed: 0, cancelled: 0, postponed: 0, noStatus: 0, overdue: 0, findings: 0, plans: 0, measures: 0 },
      },
    };
    const d = await render('follow-up-report-da-empty', empty);
    expect(d.text).toContain('Oversigt over revisionsbemærkninger');
    expect(d.text).toContain('Revisionsbemærkninger: 0');
    expect(headings1(d.document).filter((h) => h.startsWith('Nr. '))).toEqual([]);
  });
});

describe('DOCX answer documents (Exempelstad, Swedish)', () => {
  it('yttrande: proposal, background, recommendations with planned measures, decision plan', async () => {
    const model = await svc().answerDocument(fx.se.admin, fx.se.planId, 'yttrande', { edition: 'internal', today: fx.today });
    const d = await render('yttrande-sv', model);
    expect(d.styles).toContain('<w:lang w:val="sv-SE"/>');
    expect(d.core).toContain(`<dc:title>${model.meta.title}</dc:title>`);
    expect(model.meta.title.startsWith('Yttrande')).toBe(true);
    for (const h of ['Sammanfattning', 'Förslag till beslut', 'Bakgrund', 'Revisorernas bedömning och rekommendationer', 'Planerade åtgärder', 'Beslutsplan']) {
      expect(d.document).toMatch(new RegExp(`<w:pStyle w:val="Heading1"/>(?:(?!</w:p>)[\\s\\S])*>${h}<`));
    }
    expect(d.document).toContain('<w:pStyle w:val="Heading2"/>');
    const last = model.decisionPlan.at(-1)!;
    expect(d.text).toContain(`${last.body} föreslås besluta att överlämna yttrandet som svar till ${model.recipients.join(', ')}.`);
    expect(d.text).toContain(model.finding.observations.split('.')[0]!);
    expect(headerRows(d.document)).toContain('Åtgärd\nFörväntad effekt\nSenast\n');
    const m1 = d.rows.find((r) => r.includes('1. Spärr mot attest av egen beställning'));
    expect(m1).toContain('Ingen faktura attesteras av den som beställde.');
    expect(m1).toContain('T1 2026');
    expect(headerRows(d.document)).toContain('Sammanträde\nDatum\nParagraf\n');
    for (const m of model.decisionPlan) expect(d.rows.some((r) => r.startsWith(`${m.body}\n${m.heldOn}\n`))).toBe(true);
    expect(d.text).toContain('Sänds till\nKommunrevisionen\n');
    expect(d.text).toContain('Ansvariga tjänstepersoner\nEkonomichef\nUpphandlingschef\n');
    expect(d.document).toContain('<w:numPr><w:ilvl w:val="0"/>'); // recipients and officials are a real list
    for (const f of d.footers) expect(textOf(f)).toContain(`${model.meta.municipality} · 2025-09-15\tSida  av `);
  });

  it('uppföljande yttrande: what was done with its self-check, delayed ones with reason and new date', async () => {
    const model = await svc().answerDocument(fx.se.admin, fx.se.planId, 'uppfoljandeYttrande', { edition: 'internal', today: fx.today });
    const d = await render('uppfoljande-yttrande-sv', model);
    expect(d.text).toContain('Uppföljande yttrande');
    expect(d.text).toContain('3 åtgärder: 1 genomförda, 1 enligt plan, 1 försenade, 0 uppskjutna.');
    expect(d.text).toContain('Förslag till beslut\nKommunstyrelsen föreslås besluta att överlämna yttrandet som svar till Kommunrevisionen.');
    expect(d.document).toMatch(/<w:pStyle w:val="Heading1"\/>(?:(?!<\/w:p>)[\s\S])*>Vidtagna åtgärder och deras effekt</);
    const done = d.rows.find((r) => r.includes('1. Spärr mot attest'));
    expect(done).toContain('Genomförd');
    expect(done).toContain('Egenkontroll: Vi gjorde stickprov under T1 och T2 2026.');
    const postponed = d.rows.find((r) => r.includes('2. Rutin för uppföljning av avtalstrohet'));
    // Delayed, not "uppskjuten": that status is for a measure waiting for an outside event, without a date
    expect(postponed).toContain('Försenad');
    expect(postponed).not.toContain('Uppskjuten');
    expect(postponed).toContain('Orsak: Det nya e-handelssystemet kommer först i höst.');
    expect(postponed).toContain('Nytt förväntat datum: T3 2026');
    expect(d.rows).toContain('Kommunstyrelsen\n2026-11-18\n–\n');
    expect(d.text).toContain('Svar senast\n2026-11-30\n');
    expect(d.text).toContain('Ansvariga tjänstepersoner');
  });
});

describe('DOCX council decision sheet', () => {
  it('lists each finding with committees, the committee’s comment and the council’s decision; internal marks the confidential one', async () => {
    const db = fx.ctx.engine.db;
    const [annual] = await db
      .select()
      .from(auditReports)
      .where(and(eq(auditReports.municipalityId, fx.kk.mid), eq(auditReports.kind, 'annualAccounts')));
    const rows = await db
      .select()
      .from(findings)
      .where(and(eq(findings.municipalityId, fx.kk.mid), eq(findings.reportId, annual!.id)));
    const api = client(fx.ctx.app, fx.kk.adminId);
    const meeting = await api.post('/api/v1/meetings', { body: 'Borgerrepræsentationen', heldOn: '2025-09-11', agendaItem: 'Punkt 4' });
    expect(meeting.status).toBe(201);
    const insurance = rows.find((f) => f.title === 'Forsikring ØKF')!;
    // the demo may already hold a decision: changing one needs its version
    const existing = (await api.get(`/api/v1/findings/${insurance.id}`)).body.councilDecision as { version: number } | null;
    const put = await api.put(
      `/api/v1/findings/${insurance.id}/council-decision`,
      {
        meetingId: meeting.body.id,
        text: 'Borgerrepræsentationen tog svaret til efterretning.',
        committeeComment: 'Økonomiudvalget finder handleplanen tilstrækkelig.',
      },
      existing?.version,
    );
    expect(put.status).toBe(200);

    const internal = await render(
      'council-decision-sheet-da-internal',
      await svc().councilDecisionSheet(fx.kk.admin, annual!.id, { edition: 'internal', today: fx.today }),
    );
    expect(headerRows(internal.document)).toContain('Nr.\nRevisionsbemærkning\nUdvalg\nUdvalgets bemærkninger\nKommunalbestyrelsens beslutning\n');
    const row = internal.rows.find((r) => r.includes('Forsikring ØKF'));
    expect(row).toContain('Økonomiudvalget\nØkonomiudvalget finder handleplanen tilstrækkelig.');
    expect(row).toContain('Borgerrepræsentationen tog svaret til efterretning.\nBorgerrepræsentationen 11.09.2025, Punkt 4');
    expect(internal.rows.find((r) => r.includes('Revision af balancen'))).toContain('Ikke besluttet endnu');
    const conf = internal.rows.find((r) => r.includes('Adgangsstyring til kritiske systemer'));
    expect(conf).toContain('FORTROLIG – Fortrolig efter offentlighedsloven § 33');
    expect(internal.document).toMatch(/<w:tr>(?:(?!<\/w:tr>)[\s\S])*<w:cantSplit\/>(?:(?!<\/w:tr>)[\s\S])*Adgangsstyring/);
    expect(internal.headers.some((h) => textOf(h).includes(documentLabels('da', 'DK').editionInternal))).toBe(true);
    expect(internal.core).toContain('<dc:title>Beslutningsark: revisionsbemærkninger – Revisionsberetning om årsregnskabet 2024</dc:title>');

    const pub = await render(
      'council-decision-sheet-da-public',
      await svc().councilDecisionSheet(fx.kk.reader, annual!.id, { edition: 'public', today: fx.today }),
    );
    expect(pub.text).not.toContain('Adgangsstyring');
    expect(pub.text).toContain('1 fortrolig revisionsbemærkning er udeladt af denne udgave og behandles på et lukket punkt.');
    expect(pub.rows.find((r) => r.includes('Forsikring ØKF'))).toContain('Borgerrepræsentationen tog svaret til efterretning.');
  });
});
