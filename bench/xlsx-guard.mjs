// What the zip guard costs: reading a normal 10,000-row import file through the checked path
// (inflate and scan every entry ourselves, re-pack the checked entries stored, then exceljs) against
// exceljs alone on the same bytes, in the same run, alternating, median of --runs. Two files: the
// ledger balances (3 columns) and the reconciliation log (8 columns with texts and dates).
// Needs `npm run build` first.
//   node bench/xlsx-guard.mjs [--runs 7] [--rows 10000]
import ExcelJS from 'exceljs';
import { COLUMNS } from '../dist/server/modules/balance-import/columns.js';
import { loadCheckedWorkbook } from '../dist/server/xlsx/safe-workbook.js';
import { checkWorkbookBuffer } from '../dist/server/xlsx/zip-guard.js';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const runs = arg('runs', 7);
const rows = arg('rows', 10_000);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A file as a municipality exports it: the template's Danish headers and `rows` rows. */
async function file(kind, row) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Ark1');
  ws.addRow(COLUMNS[kind].map((c) => c.header.da));
  for (let i = 0; i < rows; i++) ws.addRow(row(i));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const account = (i) => 10_000_000 + ((i * 7919) % 2400) * 1000;
const files = [
  ['ledger balances', await file('ledgerBalances', (i) => [account(i), `2025-${String((i % 12) + 1).padStart(2, '0')}`, Math.round(Math.sin(i) * 1e8) / 100])],
  [
    'reconciliation log',
    await file('reconciliationLog', (i) => [
      account(i),
      `2025-${String((i % 12) + 1).padStart(2, '0')}`,
      (i % 3) + 1,
      i % 3 ? 'A' : '',
      `Åben post ${i} vedrørende mellemregning`,
      Math.round(Math.cos(i) * 1e7) / 100,
      new Date(Date.UTC(2024, i % 12, (i % 28) + 1)),
      `REF-${i}`,
    ]),
  ],
];

const time = async (fn) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};

console.log(`Checked read vs exceljs alone, ${rows.toLocaleString('en')} rows, median of ${runs} runs (node ${process.version})\n`);
console.log('| file | size | unpacked | cells | exceljs alone (ms) | guard only (ms) | checked read: guard + exceljs (ms) | ratio checked / alone |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const [name, bytes] of files) {
  const alone = [];
  const guard = [];
  const checked = [];
  let stats;
  // one warm-up of each, then alternate so load changes hit both alike
  await new ExcelJS.Workbook().xlsx.load(bytes);
  await loadCheckedWorkbook(bytes);
  for (let r = 0; r < runs; r++) {
    alone.push(await time(() => new ExcelJS.Workbook().xlsx.load(bytes)));
    guard.push(await time(async () => void (stats = (await checkWorkbookBuffer(bytes)).stats)));
    checked.push(await time(() => loadCheckedWorkbook(bytes)));
  }
  const [a, g, c] = [median(alone), median(guard), median(checked)];
  console.log(
    `| ${name} | ${(bytes.length / 1024).toFixed(0)} KiB | ${(stats.unpackedBytes / 1024 / 1024).toFixed(1)} MiB | ${stats.cells.toLocaleString('en')} | ${a.toFixed(0)} | ${g.toFixed(0)} | ${c.toFixed(0)} | ${(c / a).toFixed(2)} |`,
  );
}
