// The balance register at municipal scale: a simulated reconciliation log of 2,400 accounts × 12
// months (src/domain/simulator.ts, the category mix and IM functions of the reference report)
// written as CSV and XLSX, then timed through the real app (app.inject, as the HTTP API runs it) on
// a fresh database: the reconciliation-log import, the ledger-balance import, and the annual
// balance report as JSON, PDF, DOCX and XLSX. Reference: the same CSV files loaded with a plain
// COPY … FROM and table 1.1 aggregated in one SQL query on the same engine; its figures must equal
// the report's, and the table prints the ratio.
// Needs `npm run build` first.
//   node bench/reconciliation.mjs [--accounts 2400] [--months 12] [--year 2024] [--seed 2024] [--keep]
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/reconciliation.mjs   (PostgreSQL: a fresh database is created and dropped)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { buildApp } from '../dist/server/app.js';
import { openEngine } from '../dist/server/db/engine.js';
import * as s from '../dist/server/db/schema/index.js';
import { insertStarterChart } from '../dist/server/modules/balance/service.js';
import { randomToken, sha256 } from '../dist/server/modules/auth/secrets.js';
import { simulateMunicipality, SIMULATOR_DEPARTMENTS } from '../dist/domain/simulator.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const accountsWanted = arg('accounts', 2400);
const monthCount = arg('months', 12);
const year = arg('year', 2024);
const seed = arg('seed', 2024);
const keep = process.argv.includes('--keep');

const results = [];
const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
async function step(name, rows, fn) {
  const t = performance.now();
  const value = await fn();
  const ms = performance.now() - t;
  results.push({ name, rows, ms, peak: peakMb() });
  return { value, ms };
}

// ---------------------------------------------------------------------------------------------
// 1. The simulated log, as files

const table11 = JSON.parse(fs.readFileSync(path.join(root, 'src/domain/fixtures/balance-by-im-function.json'), 'utf8'));
// the reference report's IM functions weighted by their number of accounts; equity (9.75.99) too
const imFunctions = [
  ...table11.rows.map((r) => ({ im: r.im, name: r.name, accounts: r.accounts, balanceTkr: r.balance })),
  { im: '9.75.99', name: 'Egenkapital i øvrigt', accounts: 4, balanceTkr: -10_000_000 },
];
const SUB_REASON = { 1: 'noRemarks', 2: 'notBookedInNewPeriod', 3: 'documentationMissing' };
const daAmount = (ore) => {
  const abs = Math.abs(ore);
  const kr = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${ore < 0 ? '-' : ''}${kr},${String(abs % 100).padStart(2, '0')}`;
};
const periodEnd = (p) => {
  const [y, m] = p.split('-').map(Number);
  return `${p}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilsyn-bench-reconciliation-'));
// PostgreSQL's COPY reads the files as the server's user
fs.chmodSync(dir, 0o755);
const firstMonth = (() => {
  const k = year * 12 + 11 - (monthCount - 1);
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
})();
const { value: files } = await step('simulate + write CSV and XLSX', null, async () => {
  const sim = simulateMunicipality({ seed, accounts: accountsWanted, months: monthCount, start: firstMonth, imFunctions });
  // one file per month and kind, as a municipality imports them (and the import takes at most 20,000 rows)
  const header = { log: ['Konto', 'Periode', 'Kategori', 'Underårsag', 'Tekst', 'Beløb', 'Opstået'], ledger: ['Konto', 'Periode', 'Saldo'] };
  const byMonth = new Map(sim.periods.map((p) => [p, { log: [header.log], ledger: [header.ledger] }]));
  for (const a of sim.accounts) {
    for (const m of a.months) {
      const end = periodEnd(m.period);
      const { log, ledger } = byMonth.get(m.period);
      const head = [a.account, m.period, String(m.category), SUB_REASON[m.category]];
      const open = m.category === 1 ? [] : a.items.filter((i) => i.openedPeriod <= m.period && (i.resolvedPeriod === null || i.resolvedPeriod > m.period));
      if (!open.length) log.push([...head, '', '', '']);
      open.forEach((i, n) => log.push([...head, `Post ${n + 1}`, daAmount(i.amountOre), i.originDate <= end ? i.originDate : end]));
      ledger.push([a.account, m.period, daAmount(m.balanceOre)]);
    }
  }
  const csv = (rows) => Buffer.from(rows.map((r) => r.join(';')).join('\r\n') + '\r\n', 'utf8');
  const xlsx = async (rows) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Ark1');
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  };
  const out = { sim, logRows: 0, ledgerRows: 0, reconciliations: 0, months: [] };
  for (const [period, { log, ledger }] of byMonth) {
    const month = { period };
    for (const [name, rows] of [
      ['log', log],
      ['ledger', ledger],
    ]) {
      month[`${name}Csv`] = path.join(dir, `${name}-${period}.csv`);
      month[`${name}Xlsx`] = path.join(dir, `${name}-${period}.xlsx`);
      fs.writeFileSync(month[`${name}Csv`], csv(rows), { mode: 0o644 });
      fs.writeFileSync(month[`${name}Xlsx`], await xlsx(rows));
    }
    out.logRows += log.length - 1;
    out.ledgerRows += ledger.length - 1;
    out.reconciliations += ledger.length - 1;
    out.months.push(month);
  }
  return out;
});
results[results.length - 1].rows = files.logRows + files.ledgerRows;

// ---------------------------------------------------------------------------------------------
// 2. A fresh database and the app

let dbName = null;
let adminUrl = null;
if (process.env.DATABASE_URL) {
  adminUrl = process.env.DATABASE_URL;
  dbName = `tilsyn_bench_${process.pid}`;
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(`drop database if exists ${dbName}`);
  await c.query(`create database ${dbName}`);
  await c.end();
}
const dbUrl = dbName ? Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString() : null;
const dataDir = dbUrl ? null : path.join(dir, 'data');
const engine = await openEngine(dbUrl ? { databaseUrl: dbUrl } : { dataDir });
const db = engine.db;
const app = await buildApp({ engine, config: { logLevel: 'silent' } });

const [m] = await db
  .insert(s.municipalities)
  .values({ slug: 'bench', name: 'Benchmark kommune', language: 'da', vocabulary: 'DK', currency: 'DKK' })
  .returning();
const mid = m.id;
const [u] = await db.insert(s.users).values({ municipalityId: mid, name: 'Bench', email: 'bench@bench.example' }).returning();
await db.insert(s.userRoles).values({ municipalityId: mid, userId: u.id, role: 'admin' });
const token = randomToken('tls_');
await db.insert(s.apiTokens).values({
  municipalityId: mid,
  userId: u.id,
  name: 'bench',
  tokenHash: sha256(token),
  prefix: token.slice(0, 10),
  scopes: ['read', 'write'],
  expiresAt: new Date(Date.now() + 86_400_000),
});
const departmentId = {};
for (const d of SIMULATOR_DEPARTMENTS) {
  const [c] = await db.insert(s.committees).values({ municipalityId: mid, code: d.committee, name: d.committee }).returning();
  const [dep] = await db.insert(s.departments).values({ municipalityId: mid, code: d.department, name: d.department, committeeId: c.id }).returning();
  departmentId[d.department] = dep.id;
}
await insertStarterChart(db, mid);
const chart = new Map((await db.select().from(s.imFunctions)).map((f) => [f.code, f.id]));
// the accounts are master data: inserted directly; the timed steps are the imports
const accountRows = files.sim.accounts.map((a) => ({
  municipalityId: mid,
  number: a.account,
  name: a.name,
  imFunctionId: chart.get(a.im),
  departmentId: departmentId[a.department],
  reconciler: a.reconciler === 'central' ? 'centralService' : 'department',
  createdBy: u.id,
  updatedBy: u.id,
}));
for (let i = 0; i < accountRows.length; i += 500) await db.insert(s.balanceAccounts).values(accountRows.slice(i, i + 500));

const auth = { authorization: `Bearer ${token}` };
async function upload(kind, file, dryRun = false) {
  const boundary = `----bench${randomBytes(6).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${path.basename(file)}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    fs.readFileSync(file),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/balance-imports/${kind}?dryRun=${dryRun}&amountFormat=da`,
    headers: { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
  if (res.statusCode !== 200) throw new Error(`${kind}: ${res.statusCode} ${res.body.slice(0, 2000)}`);
  return JSON.parse(res.body);
}
async function get(url) {
  const res = await app.inject({ method: 'GET', url, headers: auth });
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 500)}`);
  return res;
}

// ---------------------------------------------------------------------------------------------
// 3. The timed steps through the app

const each = async (fn) => {
  const answers = [];
  for (const month of files.months) answers.push(await fn(month));
  return answers;
};
const sum = (answers, key) => answers.reduce((t, a) => t + a.counts[key], 0);
const refused = (answers) => answers.flatMap((a) => a.errors);
const dryLog = await step('reconciliation log, XLSX, dry run (read + check)', files.logRows, () => each((mo) => upload('reconciliationLog', mo.logXlsx, true)));
if (refused(dryLog.value).length || sum(dryLog.value, 'create') !== files.reconciliations)
  throw new Error(`dry run: ${JSON.stringify(refused(dryLog.value).slice(0, 3))}`);
const log = await step('reconciliation log import (CSV)', files.logRows, () => each((mo) => upload('reconciliationLog', mo.logCsv)));
if (sum(log.value, 'create') !== files.reconciliations) throw new Error(`expected ${files.reconciliations} reconciliations`);
await step('ledger balances, XLSX, dry run (read + check)', files.ledgerRows, () => each((mo) => upload('ledgerBalances', mo.ledgerXlsx, true)));
await step('ledger balance import (CSV)', files.ledgerRows, () => each((mo) => upload('ledgerBalances', mo.ledgerCsv)));
const report = await step('annual report JSON', files.sim.accounts.length, async () => JSON.parse((await get(`/api/v1/balance-report?year=${year}`)).body));
const sizes = {};
for (const f of ['pdf', 'docx', 'xlsx']) {
  const r = await step(`annual report ${f.toUpperCase()}`, files.sim.accounts.length, () => get(`/api/v1/balance-report.${f}?year=${year}&lang=da`));
  sizes[f] = r.value.rawPayload.length;
}

// ---------------------------------------------------------------------------------------------
// 4. Reference: COPY the same CSV files into plain tables and aggregate table 1.1 in SQL

const client = dbUrl ? new pg.Client({ connectionString: dbUrl }) : null;
if (client) await client.connect();
const pglite = db.$client;
const exec = async (text) => (client ? client.query(text) : pglite.query(text));
const copyIn = async (table, file) => {
  if (client) {
    // node-postgres has no COPY FROM STDIN without an extra package; the server reads the file itself
    await client.query(`copy ${table} from '${file}' with (format csv, delimiter ';', header true)`);
  } else {
    await pglite.query(`copy ${table} from '/dev/blob' with (format csv, delimiter ';', header true)`, [], { blob: new Blob([fs.readFileSync(file)]) });
  }
};
const amount = (c) => `(replace(replace(${c}, '.', ''), ',', '.')::numeric * 100)::bigint`;
const oneYearBefore = `${year - 1}-12-31`;
const ref = await step('reference: COPY the same CSV files + SQL table 1.1', files.logRows + files.ledgerRows, async () => {
  await exec(`create temp table ref_log (account text, period text, category int, sub_reason text, text text, amount text, origin date)`);
  await exec(`create temp table ref_ledger (account text, period text, balance text)`);
  for (const mo of files.months) {
    await copyIn('ref_log', mo.logCsv);
    await copyIn('ref_ledger', mo.ledgerCsv);
  }
  const r = await exec(`
    with acc as (
      select a.number, f.code as im, (f.code = '9.75.99') as equity from balance_accounts a join im_functions f on f.municipality_id = a.municipality_id and f.id = a.im_function_id
    ), cat as (select distinct account, category from ref_log where period = '${year}-12'),
    items as (
      select account, sum(${amount('amount')}) as follow_up, sum(case when origin < date '${oneYearBefore}' then ${amount('amount')} else 0 end) as older
      from ref_log where period = '${year}-12' and amount is not null group by account
    )
    select acc.im,
      count(*) filter (where not acc.equity)::int as accounts,
      sum(${amount('l.balance')})::text as balance,
      coalesce(sum(i.follow_up) filter (where c.category = 2), 0)::text as category2,
      coalesce(sum(i.follow_up) filter (where c.category = 3), 0)::text as category3,
      coalesce(sum(i.older) filter (where c.category = 2), 0)::text as older2,
      coalesce(sum(i.older) filter (where c.category = 3), 0)::text as older3
    from ref_ledger l join acc on acc.number = l.account join cat c on c.account = l.account left join items i on i.account = l.account
    where l.period = '${year}-12' group by acc.im order by acc.im`);
  return r.rows;
});

// the reference must give the report's figures, in øre, function by function
const byIm = new Map(report.value.section1.table.rows.map((r) => [r.im, r.ore]));
const mismatches = ref.value.filter((r) => {
  const o = byIm.get(r.im);
  return (
    !o ||
    o.accounts !== r.accounts ||
    o.balance !== Number(r.balance) ||
    o.category2 !== Number(r.category2) ||
    o.category3 !== Number(r.category3) ||
    o.olderCategory2 !== Number(r.older2) ||
    o.olderCategory3 !== Number(r.older3)
  );
});
if (mismatches.length || ref.value.length !== byIm.size) throw new Error(`the reference disagrees with the report: ${JSON.stringify(mismatches.slice(0, 3))}`);

if (client) await client.end();
await app.close();
await engine.close();
if (dbName) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(`drop database if exists ${dbName} with (force)`);
  await c.end();
}
if (!keep) fs.rmSync(dir, { recursive: true, force: true });

// ---------------------------------------------------------------------------------------------
// 5. The table

const engineName = dbUrl ? 'PostgreSQL' : 'PGlite';
const fmt = (n) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });
console.log(
  `\nBalance register, ${fmt(files.sim.accounts.length)} accounts × ${monthCount} months (${fmt(files.reconciliations)} reconciliations, ${fmt(files.logRows)} log rows), ${engineName}, node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${new Date().toISOString().slice(0, 10)}`,
);
console.log(`${'step'.padEnd(52)} ${'rows'.padStart(7)} ${'time (s)'.padStart(9)} ${'rows/s'.padStart(8)} ${'peak RSS (MB)'.padStart(14)}`);
for (const r of results) {
  console.log(
    `${r.name.padEnd(52)} ${(r.rows == null ? '' : fmt(r.rows)).padStart(7)} ${(r.ms / 1000).toFixed(2).padStart(9)} ${(r.rows ? fmt((r.rows / r.ms) * 1000) : '').padStart(8)} ${String(r.peak).padStart(14)}`,
  );
}
const appImport = results.filter((r) => /import \(CSV\)/.test(r.name)).reduce((t, r) => t + r.ms, 0);
const appReport = results.find((r) => r.name === 'annual report JSON').ms;
console.log(`\nReference (COPY + one SQL query, same figures in øre for all ${byIm.size} IM functions): ${(ref.ms / 1000).toFixed(2)} s`);
console.log(
  `Ratio app / reference: both imports + JSON report ${((appImport + appReport) / ref.ms).toFixed(1)}×; imports alone ${(appImport / ref.ms).toFixed(1)}×`,
);
console.log(
  `Report sizes: PDF ${fmt(sizes.pdf / 1024)} KB, DOCX ${fmt(sizes.docx / 1024)} KB, XLSX ${fmt(sizes.xlsx / 1024)} KB${keep ? `; files kept in ${dir}` : ''}`,
);
