import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('OpenAPI document', () => {
  it('is valid OpenAPI 3.1 and describes every route', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    // A real validator, on a copy (it dereferences in place).
    await SwaggerParser.validate(structuredClone(doc));

    const documented = new Set<string>();
    for (const [path, ops] of Object.entries<Record<string, unknown>>(doc.paths)) {
      for (const method of Object.keys(ops)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    const routes = ctx.app.routeTable
      // The document itself, and the web app's files and pages (server/web.ts), are not API operations.
      .filter((r) => r.url !== '/api/openapi.json' && r.url !== '/*' && r.url !== '/assets/*')
      .map((r) => `${r.method} ${r.url.replace(/:([A-Za-z]+)/g, '{$1}')}`);
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.filter((r) => !documented.has(r))).toEqual([]);
  });
});
