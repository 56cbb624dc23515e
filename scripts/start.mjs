// `npm start`: builds the server and the web app if missing or older than the sources, then runs the server.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

const entry = 'dist/server/main.js';
if (!fs.existsSync(entry) || newest('src') > fs.statSync(entry).mtimeMs) {
  const r = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
  fs.utimesSync(entry, new Date(), new Date());
}
// The web app: built by `npm install` (prepare); rebuilt here when missing or older than its sources.
const webIndex = 'dist/web/index.html';
if (!fs.existsSync(webIndex) || Math.max(newest('src/web'), newest('src/domain')) > fs.statSync(webIndex).mtimeMs) {
  const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
await import(path.resolve(entry));
