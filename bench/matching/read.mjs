// Reader and pipeline speed on a generated extract, from the compiled build:
//   npx tsc -p tsconfig.build.json && node bench/matching/read.mjs [rows=1000000]
// Prints wall and CPU time of the CSV reader (MB/s, rows/s) and of runMatching end to end
// (exact pass on CPR, 4 % of rows missing on the right). The full comparison with DuckDB is
// bench/matching/run.mjs.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const dist = new URL('../../dist/server/matching/', import.meta.url);
const { readCsv, fileInput } = await import(new URL('csv-reader.js', dist).href);
const { runMatching } = await import(new URL('pipeline.js', dist).href);
const { parseSourceConfig } = await import(new URL('source-config.js', dist).href);
const { hashKeyFrom } = await import(new URL('../../domain/matching/hash.js', dist).href);

const rows = Number(process.argv[2] ?? 1e6);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilsyn-read-bench-'));
const left = path.join(dir, 'left.csv');
const right = path.join(dir, 'right.csv');
{
  const l = fs.openSync(left, 'w');
  const r = fs.openSync(right, 'w');
  let seed = 42;
  const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
  let lb = 'Sagsnr;CPR;Konto;Dato;Beløb;Tekst\n';
  let rb = lb;
  for (let i = 0; i < rows; i++) {
    const cpr = String(Math.floor(rnd() * 1e10)).padStart(10, '0');
    const line = `S${100000 + Math.floor(rnd() * 900000)};${cpr.slice(0, 6)}-${cpr.slice(6)};${4000 + (i % 50)};${String(1 + Math.floor(rnd() * 31)).padStart(2, '0')}-01-2026;${(Math.floor(rnd() * 2000000) / 100).toFixed(2).replace('.', ',')};Ydelse januar ${i % 7}\n`;
    lb += line;
    if (i % 25 !== 24) rb += line;
    if (lb.length > 1 << 20) {
      fs.writeSync(l, lb);
      fs.writeSync(r, rb);
      lb = rb = '';
    }
  }
  fs.writeSync(l, lb);
  fs.writeSync(r, rb);
  fs.closeSync(l);
  fs.closeSync(r);
}
const columns = { amount: 'Beløb', date: 'Dato', caseId: 'Sagsnr', cpr: 'CPR', account: 'Konto', text: 'Tekst' };
const config = parseSourceConfig({ columns });
for (let k = 0; k < 3; k++) {
  const t = performance.now();
  const cu = process.cpuUsage();
  const s = readCsv(fileInput(left), config, { keyFields: ['cpr'], groupFields: ['cpr'], hashKey: hashKeyFrom(randomBytes(32)) });
  const ms = performance.now() - t;
  const c = process.cpuUsage(cu);
  const cms = (c.user + c.system) / 1000;
  const mb = s.bytes / 1e6;
  console.log(
    `read ${s.columns.n} rows, ${mb.toFixed(1)} MB: ${ms.toFixed(0)} ms wall (${(mb / (ms / 1000)).toFixed(0)} MB/s, ${(s.columns.n / (ms / 1000) / 1e6).toFixed(2)} M rows/s), ${cms.toFixed(0)} ms CPU (${(mb / (cms / 1000)).toFixed(0)} MB/s per core)`,
  );
}
for (let k = 0; k < 2; k++) {
  const t = performance.now();
  const o = await runMatching({
    left: { path: left, config: { columns } },
    right: { path: right, config: { columns } },
    rules: { key: ['cpr'], groupKey: ['cpr'], passes: [{ kind: 'exact', useDate: false }] },
    period: '2026-01',
    hashKey: randomBytes(32),
    outDir: path.join(dir, `out${k}`),
  });
  const ms = (x) => Math.round(x);
  console.log(
    `runMatching: ${ms(performance.now() - t)} ms (read ${ms(o.summary.ms.read)}, match ${ms(o.summary.ms.match)}, write ${ms(o.summary.ms.write)}); matched ${o.summary.left.matched.rows}, items ${o.items.length}, rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
  );
}
fs.rmSync(dir, { recursive: true, force: true });
