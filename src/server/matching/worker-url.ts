/**
 * Starting a worker thread from a module that may run as TypeScript source (Vitest, tsx) or as
 * compiled JavaScript (dist/). The worker file sits next to the caller with the caller's own
 * extension; a .ts worker is started through an inline bootstrap that registers tsx's loader
 * first (a worker's execArgv `--import tsx` does not apply the hooks in Node 20).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function startWorker(callerUrl: string, baseName: string, options: WorkerOptions): Worker {
  const ts = callerUrl.endsWith('.ts');
  const url = new URL(`./${baseName}${ts ? '.ts' : '.js'}`, callerUrl);
  if (!ts) return new Worker(url, options);
  // require.resolve gives the CommonJS build of tsx's ESM API; the ESM build sits beside it
  const cjs = createRequire(callerUrl).resolve('tsx/esm/api');
  const mjs = cjs.replace(/\.cjs$/, '.mjs');
  const tsxApi = pathToFileURL(fs.existsSync(mjs) ? mjs : cjs).href;
  const code = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(code, { ...options, eval: true });
}

/** The typed-array buffers of an object's values (for a transfer list). */
export function buffersOf(...arrays: ArrayBufferView[]): ArrayBuffer[] {
  const seen = new Set<ArrayBuffer>();
  for (const a of arrays) if (a.buffer instanceof ArrayBuffer) seen.add(a.buffer);
  return [...seen];
}
