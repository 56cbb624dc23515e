// What sealing a run's extracts costs (issue 16: an extract waits sealed with AES-256-GCM until its
// run ends, so a restart or another server can run it): the upload seals each side, the run opens a
// clear copy for its readers. Beside it, copying the same file (fs.copyFile) as the reference for
// one pass over the bytes, and the run itself (bench/matching/run.mjs's Tilsyn row) for scale.
// Needs `npx tsc -p tsconfig.build.json` first.
//   node bench/matching/seal.mjs [--rows 1000000] [--seed 7]
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createSecretBox } from '../../dist/server/crypto/secret-box.js';
import { generate } from './generate.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const rows = Number(arg('rows', '1000000'));
const seed = Number(arg('seed', '7'));
const { left } = generate({ rows, seed });
const dir = path.dirname(left);
const box = createSecretBox(randomBytes(32));
const work = fs.mkdtempSync(path.join(dir, 'seal-'));
const bytes = fs.statSync(left).size;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = async (fn) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};
const copy = [];
const seal = [];
const open = [];
for (let i = 0; i < 5; i++) {
  copy.push(await time(() => fs.promises.copyFile(left, path.join(work, 'copy'))));
  seal.push(await time(() => box.sealFile(left, path.join(work, 'sealed'), 'bench')));
  open.push(await time(() => box.openFile(path.join(work, 'sealed'), path.join(work, 'opened'), 'bench')));
}
if (!fs.readFileSync(path.join(work, 'opened')).equals(fs.readFileSync(left))) throw new Error('opened file differs');
fs.rmSync(work, { recursive: true, force: true });
const mb = bytes / 1024 / 1024;
console.log(`\none side of ${rows.toLocaleString('en')} rows (${mb.toFixed(0)} MB), median of 5\n`);
console.log('| step | time | MB/s | ÷ copy |');
console.log('|---|---:|---:|---:|');
for (const [name, xs] of [
  ['fs.copyFile (reference)', copy],
  ['sealFile (at upload)', seal],
  ['openFile (at the run)', open],
])
  console.log(`| ${name} | ${median(xs).toFixed(0)} ms | ${(mb / (median(xs) / 1000)).toFixed(0)} | ${(median(xs) / median(copy)).toFixed(2)} |`);
