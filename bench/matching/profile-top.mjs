// Top self-time functions of V8 CPU profiles (node --cpu-prof), e.g. those `run.mjs --prof` writes
// for Tilsyn's process and its worker threads: where the time goes, by function and file.
//   node bench/matching/profile-top.mjs DIR_OR_FILE... [--top 15]
import fs from 'node:fs';
import path from 'node:path';

const topIdx = process.argv.indexOf('--top');
const top = topIdx > 0 ? Number(process.argv[topIdx + 1]) : 15;
const inputs = process.argv.slice(2).filter((a, i, all) => a !== '--top' && all[i - 1] !== '--top');
const files = inputs.flatMap((p) =>
  fs.statSync(p).isDirectory()
    ? fs
        .readdirSync(p)
        .filter((f) => f.endsWith('.cpuprofile'))
        .map((f) => path.join(p, f))
    : [p],
);
for (const file of files) {
  const prof = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map();
  let total = 0;
  prof.samples.forEach((id, i) => {
    const n = byId.get(id);
    const f = n.callFrame;
    const k = `${f.functionName || '(anonymous)'} ${f.url ? path.basename(f.url) + ':' + (f.lineNumber + 1) : ''}`.trim();
    const dt = prof.timeDeltas[i] ?? 0;
    self.set(k, (self.get(k) ?? 0) + dt);
    total += dt;
  });
  console.log(`\n${path.basename(file)}: ${(total / 1000).toFixed(0)} ms sampled`);
  for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`  ${(us / 1000).toFixed(0).padStart(7)} ms  ${((100 * us) / total).toFixed(1).padStart(5)} %  ${k}`);
  }
}
