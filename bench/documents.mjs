// Time to build the municipality-wide follow-up report as PDF and DOCX on a dataset ten times the
// Copenhagen demo, and, in the same run, LibreOffice (Debian, headless) converting ten copies of
// the same DOCX to PDF in one invocation, per document (its start-up shared by the ten).
// Needs `npm run build` first and `soffice` (apt-get install libreoffice-writer-nogui).
//   node bench/documents.mjs [--runs 5] [--copies 10]
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import { openEngine } from '../dist/server/db/engine.js';
import * as s from '../dist/server/db/schema/index.js';
import { seedDemo } from '../dist/server/demo/seed.js';
import { createDocumentsService } from '../dist/server/modules/documents/service.js';
import { renderDocument } from '../dist/server/documents/render.js';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const runs = arg('runs', 5);
const copies = arg('copies', 10);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The Copenhagen demo, with its findings, plans, measures and this round's statuses copied `times - 1` more times. */
async function prepare(times) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilsyn-bench-docs-'));
  const engine = await openEngine({ dataDir });
  await seedDemo(engine);
  const db = engine.db;
  const [m] = await db.select().from(s.municipalities).where(eq(s.municipalities.slug, 'kobenhavn'));
  const mid = m.id;
  const byMid = (t) => eq(t.municipalityId, mid);
  const reports = await db.select().from(s.auditReports).where(byMid(s.auditReports));
  const findings = await db.select().from(s.findings).where(byMid(s.findings));
  const parts = await db.select().from(s.findingDepartments).where(byMid(s.findingDepartments));
  const recs = await db.select().from(s.recommendations).where(byMid(s.recommendations));
  const plans = await db.select().from(s.actionPlans).where(byMid(s.actionPlans));
  const measures = await db.select().from(s.measures).where(byMid(s.measures));
  const links = await db.select().from(s.measureRecommendations).where(byMid(s.measureRecommendations));
  const revisions = await db.select().from(s.deadlineRevisions).where(byMid(s.deadlineRevisions));
  const [round] = await db.select().from(s.followUpRounds).where(byMid(s.followUpRounds));
  const submissions = await db
    .select()
    .from(s.roundSubmissions)
    .where(and(byMid(s.roundSubmissions), eq(s.roundSubmissions.roundId, round.id)));
  const entries = submissions.length
    ? await db
        .select()
        .from(s.statusEntries)
        .where(
          and(
            byMid(s.statusEntries),
            inArray(
              s.statusEntries.submissionId,
              submissions.map((x) => x.id),
            ),
          ),
        )
    : [];
  const strip = ({ id: _id, createdAt: _c, updatedAt: _u, version: _v, ...rest }) => rest;

  for (let k = 2; k <= times; k++) {
    const reportId = new Map();
    for (const r of reports) {
      const [copy] = await db
        .insert(s.auditReports)
        .values({ ...strip(r), title: `${r.title} (${k})` })
        .returning();
      reportId.set(r.id, copy.id);
    }
    const findingId = new Map();
    for (const f of findings) {
      const [copy] = await db
        .insert(s.findings)
        .values({ ...strip(f), reportId: reportId.get(f.reportId), previousFindingId: null })
        .returning();
      findingId.set(f.id, copy.id);
    }
    await db.insert(s.findingDepartments).values(parts.map((p) => ({ ...p, findingId: findingId.get(p.findingId), version: 1 })));
    const recId = new Map();
    for (const r of recs) {
      const [copy] = await db
        .insert(s.recommendations)
        .values({ ...strip(r), findingId: findingId.get(r.findingId) })
        .returning();
      recId.set(r.id, copy.id);
    }
    const planId = new Map();
    for (const p of plans) {
      const [copy] = await db
        .insert(s.actionPlans)
        .values({ ...strip(p), findingId: findingId.get(p.findingId) })
        .returning();
      planId.set(p.id, copy.id);
    }
    const measureId = new Map();
    for (const x of measures) {
      const [copy] = await db
        .insert(s.measures)
        .values({ ...strip(x), planId: planId.get(x.planId), carriedFromMeasureId: null })
        .returning();
      measureId.set(x.id, copy.id);
    }
    if (links.length)
      await db
        .insert(s.measureRecommendations)
        .values(links.map((l) => ({ ...l, measureId: measureId.get(l.measureId), recommendationId: recId.get(l.recommendationId) })));
    if (revisions.length)
      await db.insert(s.deadlineRevisions).values(revisions.map((r) => ({ ...strip(r), measureId: measureId.get(r.measureId), statusEntryId: null })));
    if (entries.length) await db.insert(s.statusEntries).values(entries.map((e) => ({ ...strip(e), measureId: measureId.get(e.measureId) })));
  }
  const count = async (t) => (await db.select({ id: t.id }).from(t).where(byMid(t))).length;
  const sizes = { findings: await count(s.findings), plans: await count(s.actionPlans), measures: await count(s.measures) };
  return { engine, dataDir, mid, roundId: round.id, sizes };
}

async function timeOurs(engine, mid, roundId) {
  const [m] = await engine.db.select().from(s.municipalities).where(eq(s.municipalities.id, mid));
  const actor = {
    userId: null,
    municipalityId: mid,
    locale: m.language,
    language: m.language,
    vocabulary: m.vocabulary,
    roles: [{ role: 'admin', departmentId: null }],
    via: 'cli',
    scopes: null,
  };
  const svc = createDocumentsService(engine.db);
  const build = () => svc.followUpReport(actor, roundId, { kind: 'municipality' }, { edition: 'internal' });
  const times = { model: [], pdf: [], docx: [] };
  let last = {};
  // One warm-up (fonts, module initialisation), then `runs` measured builds.
  for (let i = 0; i <= runs; i++) {
    let t = performance.now();
    const doc = await build();
    const model = performance.now() - t;
    t = performance.now();
    const pdf = await renderDocument(doc, 'pdf');
    const pdfMs = performance.now() - t;
    t = performance.now();
    const docx = await renderDocument(doc, 'docx');
    const docxMs = performance.now() - t;
    if (i > 0) {
      times.model.push(model);
      times.pdf.push(model + pdfMs);
      times.docx.push(model + docxMs);
    }
    last = { pdf, docx, findings: doc.findings.length };
  }
  return { times, ...last };
}

function timeLibreOffice(docx) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilsyn-bench-lo-'));
  const files = Array.from({ length: copies }, (_, i) => {
    const f = path.join(dir, `report-${i + 1}.docx`);
    fs.writeFileSync(f, docx);
    return f;
  });
  const out = path.join(dir, 'out');
  // A fresh profile per run, as a server would have: its creation is part of the start-up.
  const profile = `file://${path.join(dir, 'profile')}`;
  const t = performance.now();
  const r = spawnSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', out, ...files], { encoding: 'utf8' });
  const ms = performance.now() - t;
  const made = fs.existsSync(out) ? fs.readdirSync(out).filter((f) => f.endsWith('.pdf')).length : 0;
  if (r.status !== 0 || made !== copies) throw new Error(`LibreOffice converted ${made} of ${copies}: ${r.stderr}`);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path.join(out, 'report-1.pdf')], { encoding: 'utf8' }))?.[1] ?? 0);
  fs.rmSync(dir, { recursive: true, force: true });
  return { ms, perDocument: ms / copies, pages };
}

const fmt = (ms) => `${ms.toFixed(0)} ms`;
const { engine, dataDir, mid, roundId, sizes } = await prepare(10);
console.log(`dataset: Copenhagen demo ×10 — ${sizes.findings} findings, ${sizes.plans} plans, ${sizes.measures} measures`);
const ours = await timeOurs(engine, mid, roundId);
await engine.close();
fs.rmSync(dataDir, { recursive: true, force: true });
const ourPages = Number(/Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', ['-'], { input: ours.pdf, encoding: 'utf8' }).stdout ?? '')?.[1] ?? 0);
const lo = [];
for (let i = 0; i < Math.max(1, Math.min(runs, 3)); i++) lo.push(timeLibreOffice(ours.docx));
const loPer = median(lo.map((x) => x.perDocument));

const rows = [
  ['Tilsyn: model from the database', median(ours.times.model), '', ''],
  [
    'Tilsyn: follow-up report → PDF (model + render)',
    median(ours.times.pdf),
    `${ourPages} pages, ${(ours.pdf.length / 1024).toFixed(0)} KiB`,
    (loPer / median(ours.times.pdf)).toFixed(1),
  ],
  [
    'Tilsyn: follow-up report → DOCX (model + render)',
    median(ours.times.docx),
    `${(ours.docx.length / 1024).toFixed(0)} KiB`,
    (loPer / median(ours.times.docx)).toFixed(1),
  ],
  [
    `LibreOffice: ${copies} × that DOCX → PDF, one invocation, per document`,
    loPer,
    `${lo[0].pages} pages; whole invocation ${fmt(median(lo.map((x) => x.ms)))}`,
    '1.0',
  ],
];
console.log(`\nmedian of ${runs} runs (LibreOffice: of ${lo.length} invocations), ${ours.findings} findings in the report\n`);
console.log(`| step | time per document | output | LibreOffice ÷ this |`);
console.log(`|---|---:|---|---:|`);
for (const [name, ms, note, ratio] of rows) console.log(`| ${name} | ${fmt(ms)} | ${note} | ${ratio} |`);
