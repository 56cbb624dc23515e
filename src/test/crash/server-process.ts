import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The built server the engine-level tests run as a child process, like `npm start` would. */
export const serverEntry = path.resolve('dist/server/main.js');

/** `npm test` builds first; a direct `vitest run` builds here only if there is no build yet. */
export function ensureBuilt(): void {
  if (fs.existsSync(serverEntry)) return;
  const r = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`Build failed:\n${r.stdout}${r.stderr}`);
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  url: string;
  /** Resolves when the process has exited, however it ended. */
  exited: Promise<Exit>;
  stderr(): string;
}

/** Environment for a child server on a random local port, without the demo data. */
export function serverEnv(store: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', TILSYN_DEMO: '0', LOG_LEVEL: 'info', ...store };
  if (!store.DATABASE_URL) delete env.DATABASE_URL;
  return env;
}

function spawnServer(env: NodeJS.ProcessEnv, nodeArgs: readonly string[] = []) {
  const child = spawn(process.execPath, [...nodeArgs, serverEntry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

/** Starts the server and waits for Fastify's "Server listening at …" line; `nodeArgs` go to node (e.g. `--max-old-space-size=512`). */
export async function startServerProcess(env: NodeJS.ProcessEnv, timeoutMs = 60_000, nodeArgs: readonly string[] = []): Promise<ServerProcess> {
  const p = spawnServer(env, nodeArgs);
  const url = await new Promise<string>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      p.child.stdout!.off('data', onData);
      outcome();
    };
    const fail = (reason: string) =>
      settle(() => {
        p.child.kill('SIGKILL');
        reject(new Error(`Server ${reason}.\nstdout:\n${p.stdout()}\nstderr:\n${p.stderr()}`));
      });
    const onData = () => {
      const m = /"Server listening at (http:\/\/[^"]+)"/.exec(p.stdout());
      if (m) settle(() => resolve(m[1]!));
    };
    const timer = setTimeout(() => fail(`did not start within ${timeoutMs} ms`), timeoutMs);
    p.child.stdout!.on('data', onData);
    void p.exited.then(({ code, signal }) => fail(`exited (code ${code}, signal ${signal}) before listening`));
  });
  return { child: p.child, pid: p.child.pid!, url, exited: p.exited, stderr: p.stderr };
}

/** Runs the server expecting it to fail at start: its exit and stderr. */
export async function runServerToExit(env: NodeJS.ProcessEnv): Promise<Exit & { stderr: string }> {
  const p = spawnServer(env);
  const exit = await p.exited;
  return { ...exit, stderr: p.stderr() };
}
