/** Test helpers: run the built `tilsyn` command as a user would, on its own embedded database. */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const cliPath = path.join(root, 'dist/cli/main.js');

function newest(dir: string): number {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

/** `npm test` builds first; a direct vitest run builds only when the build is missing or stale. */
export function ensureBuilt(): void {
  if (fs.existsSync(cliPath) && newest(path.join(root, 'src')) <= fs.statSync(cliPath).mtimeMs) return;
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], {
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout as bytes, for commands that write a file to it. */
  bytes: Buffer;
}

/** Runs `tilsyn <args>` on the embedded database in `dataDir`, in `cwd`. */
export function runCli(args: string[], dataDir: string, cwd = root): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd, env: { ...process.env, DATABASE_URL: '', TILSYN_DATA_DIR: dataDir } });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const bytes = Buffer.concat(out);
      resolve({ code, stdout: bytes.toString('utf8'), stderr, bytes });
    });
  });
}
