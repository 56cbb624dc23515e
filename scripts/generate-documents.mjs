// Writes every document kind in every office format the app produces (DOCX; XLSX where the
// document has a spreadsheet form) from the demo data on an embedded database, using the BUILT app
// in dist/ (run `npm run build` first). scripts/validate-documents.sh converts the files with
// LibreOffice to check that they open.
//   node scripts/generate-documents.mjs OUT_DIR
// Prints one line per file written; a format whose renderer is not built is named and skipped.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';

const out = process.argv[2];
if (!out) {
  console.error('usage: node scripts/generate-documents.mjs OUT_DIR');
  process.exit(2);
}
fs.mkdirSync(out, { recursive: true });

const dist = (p) => new URL(`../dist/${p}`, import.meta.url);
const { openEngine } = await import(dist('server/db/engine.js'));
const s = await import(dist('server/db/schema/index.js'));
const { seedDemo } = await import(dist('server/demo/seed.js'));
const { createDocumentsService } = await import(dist('server/modules/documents/service.js'));
const { createFindingService } = await import(dist('server/modules/findings/service.js'));
const { systemClock } = await import(dist('server/clock.js'));
const { renderDocx } = await import(dist('server/documents/docx/index.js'));

/** The XLSX renderer is another part of the app; it may not be built (or written) yet. */
let renderXlsx = null;
if (fs.existsSync(dist('server/documents/xlsx/index.js'))) ({ renderXlsx } = await import(dist('server/documents/xlsx/index.js')));
else console.log('note: dist/server/documents/xlsx/index.js is missing: XLSX files are skipped');

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilsyn-docs-'));
const engine = await openEngine({ dataDir });
try {
  await seedDemo(engine);
  const db = engine.db;

  async function actorOf(slug) {
    const [m] = await db.select().from(s.municipalities).where(eq(s.municipalities.slug, slug));
    const [admin] = await db
      .select()
      .from(s.userRoles)
      .where(and(eq(s.userRoles.municipalityId, m.id), eq(s.userRoles.role, 'admin')));
    return {
      mid: m.id,
      actor: {
        userId: admin.userId,
        municipalityId: m.id,
        locale: m.language,
        language: m.language,
        vocabulary: m.vocabulary,
        roles: [{ role: 'admin', departmentId: null }],
        via: 'cli',
        scopes: null,
      },
    };
  }
  const kk = await actorOf('kobenhavn');
  const se = await actorOf('exempelstad');

  // A confidential finding (IT security, offentlighedsloven § 33), so the editions differ.
  const kkReports = await db.select().from(s.auditReports).where(eq(s.auditReports.municipalityId, kk.mid));
  const annual = kkReports.find((r) => r.kind === 'annualAccounts') ?? kkReports[0];
  const kkFindings = await db.select().from(s.findings).where(eq(s.findings.municipalityId, kk.mid));
  const kkDepartments = await db.select().from(s.departments).where(eq(s.departments.municipalityId, kk.mid));
  await createFindingService(db, { clock: systemClock }).createFinding(kk.actor, annual.id, {
    number: Math.max(0, ...kkFindings.filter((f) => f.reportId === annual.id).map((f) => f.number)) + 1,
    title: 'Adgangsstyring til kritiske systemer',
    observations: 'Privilegerede konti gennemgås ikke hvert kvartal.',
    risks: 'Uautoriseret adgang til personoplysninger.',
    grade: 'red',
    confidential: true,
    confidentialBasis: 'offentlighedsloven § 33',
    departments: [kkDepartments.find((d) => d.code === 'BUF').id],
    recommendations: ['Gennemgå privilegerede konti hvert kvartal.'],
    repeatOfEarlierYears: false,
  });

  const docs = createDocumentsService(db);
  const today = new Date().toISOString().slice(0, 10);
  const jobs = [];
  const add = (name, make) => jobs.push({ name, make });

  for (const [who, m] of [
    ['kk', kk],
    ['se', se],
  ]) {
    const [round] = await db.select().from(s.followUpRounds).where(eq(s.followUpRounds.municipalityId, m.mid));
    if (!round) continue;
    for (const edition of ['internal', 'public'])
      add(`follow-up-report-${who}-${edition}`, () => docs.followUpReport(m.actor, round.id, { kind: 'municipality' }, { edition, today }));
    if (who === 'kk') {
      add(`follow-up-report-${who}-en`, () => docs.followUpReport(m.actor, round.id, { kind: 'municipality' }, { edition: 'internal', today, lang: 'en' }));
      const deps = kkDepartments.filter((d) => d.committeeId);
      const buf = deps.find((d) => d.code === 'BUF') ?? deps[0];
      if (buf) {
        add(`follow-up-report-${who}-committee`, () =>
          docs.followUpReport(m.actor, round.id, { kind: 'committee', id: buf.committeeId }, { edition: 'public', today }),
        );
        add(`follow-up-report-${who}-department`, () =>
          docs.followUpReport(m.actor, round.id, { kind: 'department', id: buf.id }, { edition: 'internal', today }),
        );
      }
    }
    const reports = await db.select().from(s.auditReports).where(eq(s.auditReports.municipalityId, m.mid));
    for (const [i, r] of reports.entries()) {
      for (const edition of ['internal', 'public'])
        add(`council-decision-sheet-${who}-${i + 1}-${edition}`, () => docs.councilDecisionSheet(m.actor, r.id, { edition, today }));
    }
    const answers = await db.select().from(s.answerDocuments).where(eq(s.answerDocuments.municipalityId, m.mid));
    for (const a of answers) add(`answer-${who}-${a.kind}`, () => docs.answerDocument(m.actor, a.planId, a.kind, { edition: 'internal', today }));
  }

  for (const job of jobs) {
    const model = await job.make();
    const formats = [['docx', renderDocx]];
    if (renderXlsx && model.kind !== 'answerDocument') formats.push(['xlsx', renderXlsx]);
    for (const [ext, render] of formats) {
      const t0 = performance.now();
      const bytes = await render(model);
      const ms = performance.now() - t0;
      // The format in the name too: LibreOffice names each PDF after its source without the extension.
      const file = path.join(out, `${job.name}-${ext}.${ext}`);
      fs.writeFileSync(file, bytes);
      console.log(`${path.basename(file)}\t${bytes.length} bytes\t${ms.toFixed(0)} ms`);
    }
  }

  // The annual balance report (København 2024: the whole municipality in Danish, one committee in English).
  if (fs.existsSync(dist('server/modules/balance-report/documents-routes.js'))) {
    const { balanceReportDocument } = await import(dist('server/modules/balance-report/documents-routes.js'));
    const { renderBalanceReport } = await import(dist('server/documents/balance/index.js'));
    const { createBalanceReportService } = await import(dist('server/modules/balance-report/service.js'));
    const { createTenancyService } = await import(dist('server/modules/tenancy/service.js'));
    const services = { balanceReport: createBalanceReportService(db), tenancy: createTenancyService(db) };
    const biu = (await db.select().from(s.committees).where(eq(s.committees.municipalityId, kk.mid))).find((c) => c.code === 'BIU');
    const balanceJobs = [
      ['balance-report-kk', { year: 2024, today }],
      ...(biu ? [['balance-report-kk-biu-en', { year: 2024, committee: biu.code, lang: 'en', today }]] : []),
    ];
    for (const [name, query] of balanceJobs) {
      const model = await balanceReportDocument(services, kk.actor, query);
      for (const ext of ['docx', 'xlsx']) {
        const t0 = performance.now();
        const bytes = await renderBalanceReport(model, ext);
        const file = path.join(out, `${name}-${ext}.${ext}`);
        fs.writeFileSync(file, bytes);
        console.log(`${path.basename(file)}\t${bytes.length} bytes\t${(performance.now() - t0).toFixed(0)} ms`);
      }
    }
  } else console.log('note: dist/server/modules/balance-report/documents-routes.js is missing: the balance report is skipped');
} finally {
  await engine.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
