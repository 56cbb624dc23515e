// `npm start`: builds the server and the web app if missing or older than the sources, then runs the server.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
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
// TOTP seeds are sealed with TILSYN_ENCRYPTION_KEY. For the embedded database a key is made once and
// kept beside the data directory (data.key), so `npm start` just works; with PostgreSQL it must be set.
if (!process.env.TILSYN_ENCRYPTION_KEY?.trim() && !process.env.DATABASE_URL?.trim()) {
  const keyFile = `${path.resolve(process.env.TILSYN_DATA_DIR ?? 'data')}.key`;
  if (!fs.existsSync(keyFile)) fs.writeFileSync(keyFile, `${crypto.randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  process.env.TILSYN_ENCRYPTION_KEY = fs.readFileSync(keyFile, 'utf8').trim();
}
await import(path.resolve(entry));
