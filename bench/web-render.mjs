// Time to first render of the Overview and Findings pages in Debian's Chromium, on the demo data
// (reference) and on the demo data plus a generated year of 500 findings, 500 approved plans and
// 5,000 measures with a status round, side by side in one run. Needs `npm run build` first.
//   node bench/web-render.mjs [--runs 7]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { openEngine } from '../dist/server/db/engine.js';
import * as s from '../dist/server/db/schema/index.js';
import { DEMO_PASSWORD, seedDemo } from '../dist/server/demo/seed.js';
import { eq } from 'drizzle-orm';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] || 7);
const FINDINGS = 500;
const MEASURES_PER_PLAN = 10;

async function prepare(generated) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilsyn-bench-web-'));
  const engine = await openEngine({ dataDir });
  await seedDemo(engine);
  if (generated) {
    const db = engine.db;
    const [m] = await db.select().from(s.municipalities).where(eq(s.municipalities.slug, 'kobenhavn'));
    const mid = m.id;
    const deps = await db.select().from(s.departments).where(eq(s.departments.municipalityId, mid));
    const [report] = await db
      .insert(s.auditReports)
      .values({ municipalityId: mid, title: 'Løbende revision 2025 (genereret)', auditor: 'Ekstern revision', year: 2025, kind: 'ongoingAudit' })
      .returning();
    const [round] = await db
      .insert(s.followUpRounds)
      .values({ municipalityId: mid, name: 'Status februar 2026', opensOn: '2026-02-01', dueOn: '2026-02-28' })
      .returning();
    const grades = ['red', 'yellow', 'green', null];
    const submissions = new Map();
    for (let i = 0; i < FINDINGS; i++) {
      const dep = deps[i % deps.length];
      const [f] = await db
        .insert(s.findings)
        .values({
          municipalityId: mid,
          reportId: report.id,
          number: i + 1,
          title: `Afstemning af konto ${10000000 + i}`,
          observations: 'Kontoen er ikke afstemt månedligt, og differencer er ikke fulgt op.',
          grade: grades[i % 4],
        })
        .returning();
      await db.insert(s.findingDepartments).values({ municipalityId: mid, findingId: f.id, departmentId: dep.id, state: 'inProgress' });
      const [plan] = await db
        .insert(s.actionPlans)
        .values({
          municipalityId: mid,
          subjectKind: 'finding',
          findingId: f.id,
          departmentId: dep.id,
          overallDeadline: 'Q4-2026',
          overallDeadlineDue: '2026-12-31',
          state: 'approved',
        })
        .returning();
      const measures = await db
        .insert(s.measures)
        .values(
          Array.from({ length: MEASURES_PER_PLAN }, (_, k) => ({
            municipalityId: mid,
            planId: plan.id,
            position: k + 1,
            number: String(k + 1),
            title: `Tiltag ${k + 1}`,
            deadline: `Q${(k % 4) + 1}-2026`,
            deadlineDue: ['2026-03-31', '2026-06-30', '2026-09-30', '2026-12-31'][k % 4],
            followUpPoint: 'Stikprøve hvert kvartal',
          })),
        )
        .returning();
      await db
        .insert(s.deadlineRevisions)
        .values(measures.map((ms) => ({ municipalityId: mid, measureId: ms.id, deadline: ms.deadline, deadlineDue: ms.deadlineDue, source: 'original' })));
      if (!submissions.has(dep.id)) {
        const [sub] = await db
          .insert(s.roundSubmissions)
          .values({ municipalityId: mid, roundId: round.id, departmentId: dep.id, state: 'submitted', submittedAt: new Date() })
          .returning();
        submissions.set(dep.id, sub.id);
      }
      await db.insert(s.statusEntries).values(
        measures.slice(0, 6).map((ms, k) => ({
          municipalityId: mid,
          submissionId: submissions.get(dep.id),
          measureId: ms.id,
          status: k % 3 === 0 ? 'delayed' : k % 3 === 1 ? 'completed' : 'onTrack',
          reason: k % 3 === 0 ? 'Afventer leverandør' : null,
          newDeadline: k % 3 === 0 ? 'Q2-2027' : null,
          newDeadlineDue: k % 3 === 0 ? '2027-06-30' : null,
          selfCheckResult: k % 3 === 1 ? 'Stikprøve uden fejl' : null,
        })),
      );
    }
  }
  const n = (await engine.db.select({ id: s.measures.id }).from(s.measures)).length;
  await engine.close();
  return { dataDir, measures: n };
}

function startServer(dataDir) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['dist/server/main.js'], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', TILSYN_DATA_DIR: dataDir, TILSYN_DEMO: '1', LOG_LEVEL: 'info', DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /"Server listening at (http:\/\/[^"]+)"/.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(url, browser) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${url}/`);
  await page.getByLabel('E-mail').fill('mette.lindholm@kk.example');
  await page.getByLabel('Adgangskode').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Log ind' }).click();
  await page.getByRole('navigation').first().waitFor();
  const result = {};
  for (const [name, path, selector] of [
    ['Overview', '/', '#main table tbody tr'],
    ['Findings', '/findings', '#main table tbody tr a'],
  ]) {
    const times = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await page.goto(`${url}${path}`);
      await page.locator(selector).first().waitFor();
      times.push(performance.now() - started);
    }
    result[name] = median(times);
    // Which API calls the page waited for, slowest first (from the last load).
    const api = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((e) => e.name.includes('/api/v1/'))
        .map((e) => ({ url: new URL(e.name).pathname + new URL(e.name).search, ms: Math.round(e.duration) }))
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 4),
    );
    result[`${name} API`] = api;
  }
  await context.close();
  return result;
}

const browser = await chromium.launch({
  executablePath: process.env.TILSYN_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const rows = [];
for (const generated of [false, true]) {
  const { dataDir, measures } = await prepare(generated);
  const server = await startServer(dataDir);
  try {
    rows.push({ dataset: generated ? 'demo + generated' : 'demo (reference)', measures, ...(await measure(server.url, browser)) });
  } finally {
    server.child.kill('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
await browser.close();
console.log(`\nTime to first render in Chromium, median of ${runs} loads (ms), 1440×900, signed in as central coordinator\n`);
console.log('| dataset | measures | Overview | Findings |');
console.log('|---|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.dataset} | ${r.measures} | ${r.Overview.toFixed(0)} | ${r.Findings.toFixed(0)} |`);
const slowest = rows.at(-1);
console.log(
  `\nSlowest API calls of the last load on the larger dataset:\n  Overview: ${slowest['Overview API'].map((a) => `${a.url} ${a.ms} ms`).join(', ')}\n  Findings: ${slowest['Findings API'].map((a) => `${a.url} ${a.ms} ms`).join(', ')}`,
);
const [a, b] = rows;
console.log(
  `| ratio generated / reference | ${(b.measures / a.measures).toFixed(0)}× | ${(b.Overview / a.Overview).toFixed(2)} | ${(b.Findings / a.Findings).toFixed(2)} |`,
);
