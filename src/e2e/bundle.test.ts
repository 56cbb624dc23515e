import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { webDir } from './browser.js';

/** The first screen loads the entry script and what it preloads; pages come later, on demand. */
const LIMIT_GZIP_BYTES = 500 * 1024;
const web = webDir;

describe('the web bundle', () => {
  it(`loads at most 500 kB of JavaScript (gzip) before the first page`, () => {
    const html = fs.readFileSync(path.join(web, 'index.html'), 'utf8');
    const initial = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/?([^"]+\.js)"/g)].map((m) => m[1]!);
    expect(initial.length).toBeGreaterThan(0);
    const sizes = initial.map((file) => ({ file, gzip: gzipSync(fs.readFileSync(path.join(web, file))).length }));
    const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
    console.log(`initial JavaScript: ${(total / 1024).toFixed(1)} kB gzip in ${sizes.length} files`);
    expect(total).toBeLessThan(LIMIT_GZIP_BYTES);
    // Pages are split out: more script files exist than the first screen loads.
    expect(fs.readdirSync(path.join(web, 'assets')).filter((f) => f.endsWith('.js')).length).toBeGreaterThan(initial.length);
  });
});
