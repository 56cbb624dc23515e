import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { Problem } from './http/problem.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The built web app (vite build), found from both src/server (tests) and dist/server; TILSYN_WEB_DIR moves it. */
export const webRoot = process.env.TILSYN_WEB_DIR ? path.resolve(process.env.TILSYN_WEB_DIR) : path.resolve(here, '../../dist/web');

/**
 * Serves the single-page app from the same process: hashed assets under /assets (cached for a
 * year), and index.html for every other GET outside /api, so deep links work. Each page gets a
 * fresh CSP nonce (helmet's), which the app hands to Mantine for its <style> tags, so the policy
 * needs no 'unsafe-inline'.
 */
export async function registerWeb(app: FastifyInstance): Promise<void> {
  const indexFile = path.join(webRoot, 'index.html');
  if (!fs.existsSync(indexFile)) {
    app.log.warn(`web app not built (${indexFile} missing): run "npm run build"`);
    return;
  }
  const index = fs.readFileSync(indexFile, 'utf8');
  await app.register(fastifyStatic, { root: path.join(webRoot, 'assets'), prefix: '/assets/', immutable: true, maxAge: '365d', index: false, wildcard: true });
  app.get('/*', { schema: { hide: true } }, async (req, reply) => {
    if (req.url.startsWith('/api/') || req.url === '/api') throw new Problem(404, 'notFound', `No route ${req.method} ${req.url}`);
    const nonce = (reply as unknown as { cspNonce?: { style: string } }).cspNonce?.style ?? '';
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(index.replace('__CSP_NONCE__', nonce));
  });
}
