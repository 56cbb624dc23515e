import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALES } from '../../domain/i18n.js';
import { client, createTestContext, seedMunicipality, type TestContext } from '../../test/app.js';
import { fill, renderEntry } from './catalogue.js';
import { messages, renderMessage } from './messages.js';
import { problemTitles } from './messages/http.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the server catalogue', () => {
  it('has every message in Danish, Swedish and English, with the same placeholders in each', () => {
    const problems: string[] = [];
    for (const [code, entry] of Object.entries({ ...messages, ...problemTitles })) {
      for (const locale of LOCALES) {
        const text = entry[locale];
        if (typeof text === 'string' && text.trim() === '') problems.push(`${code}.${locale} is empty`);
      }
      const [da, sv, en] = LOCALES.map((l) => entry[l]);
      if (typeof da === 'string' && typeof sv === 'string' && typeof en === 'string') {
        const want = placeholders(da).join(',');
        if (placeholders(sv).join(',') !== want || placeholders(en).join(',') !== want) problems.push(`${code}: placeholders differ`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('fills placeholders and leaves unknown ones as written', () => {
    expect(fill('{a} og {b}', { a: 1 })).toBe('1 og {b}');
    expect(renderEntry({ da: (p) => `${p.n} stk.`, sv: 'x', en: 'y' }, 'da', { n: 3 })).toBe('3 stk.');
    expect(renderMessage('sv', 'resource.notFound', { resource: 'finding', id: 'x' })).toBe('Finns inte: finding x');
  });
});

describe('a problem names its message', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('sends the rendered detail with its code and params, in the reader’s language', async () => {
    const m = await seedMunicipality(ctx.engine, { slug: 'catalogue', language: 'sv' });
    const id = '00000000-0000-4000-8000-000000000000';
    const res = await client(ctx.app, m.userId, { 'accept-language': 'sv' }).get(`/api/v1/findings/${id}/history`);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({
      title: 'Finns inte',
      detail: `Finns inte: finding ${id}`,
      code: 'resource.notFound',
      params: { resource: 'finding', id },
    });
  });
});
