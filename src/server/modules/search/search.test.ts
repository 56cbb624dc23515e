import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestContext, seedMunicipality, type SeededMunicipality, type TestContext } from '../../../test/app.js';
import { actionPlans, measures } from '../../db/schema/index.js';

let ctx: TestContext;
let dk: SeededMunicipality;
let se: SeededMunicipality;
let dkApi: ReturnType<typeof client>;
let seApi: ReturnType<typeof client>;
const ids: Record<string, string> = {};

interface Hit {
  kind: string;
  id: string;
  findingId: string | null;
  planId: string | null;
  title: string;
  snippet: string;
  rank: number;
}

/** A finding with one plan and one measure; plans and measures are inserted directly (their module is separate). */
async function seedFinding(
  api: ReturnType<typeof client>,
  mun: SeededMunicipality,
  key: string,
  texts: {
    title: string;
    observations: string;
    recommendation: string;
    problem: string;
    measure: string;
    followUpPoint?: string;
    expectedEffect?: string;
    comment: string;
  },
) {
  const report = await api.post('/api/v1/reports', { title: `Rapport ${key}`, auditor: 'Revisor', year: 2024, kind: 'annualAccounts' });
  const finding = await api.post(`/api/v1/reports/${report.body.id}/findings`, {
    number: 1,
    title: texts.title,
    observations: texts.observations,
    recommendations: [texts.recommendation],
    departments: 'ALL',
  });
  const department = Object.values(mun.departments)[0]!;
  const [plan] = await ctx.engine.db
    .insert(actionPlans)
    .values({ municipalityId: mun.id, subjectKind: 'finding', findingId: finding.body.id, departmentId: department, problem: texts.problem })
    .returning();
  const [measure] = await ctx.engine.db
    .insert(measures)
    .values({
      municipalityId: mun.id,
      planId: plan!.id,
      position: 1,
      number: '1',
      title: texts.measure,
      followUpPoint: texts.followUpPoint ?? null,
      expectedEffect: texts.expectedEffect ?? null,
    })
    .returning();
  const comment = await api.post(`/api/v1/measures/${measure!.id}/comments`, { body: texts.comment });
  Object.assign(ids, {
    [`${key}.finding`]: finding.body.id,
    [`${key}.recommendation`]: finding.body.recommendations[0].id,
    [`${key}.plan`]: plan!.id,
    [`${key}.measure`]: measure!.id,
    [`${key}.comment`]: comment.body.id,
  });
}

async function search(api: ReturnType<typeof client>, q: string, extra = '') {
  const res = await api.get<{ items: Hit[]; total: number }>(`/api/v1/search?q=${encodeURIComponent(q)}${extra}`);
  expect(res.status).toBe(200);
  return res.body;
}

beforeAll(async () => {
  ctx = await createTestContext();
  dk = await seedMunicipality(ctx.engine, { slug: 'search-dk', language: 'da' });
  se = await seedMunicipality(ctx.engine, { slug: 'search-se', language: 'sv', departments: ['KS'] });
  dkApi = client(ctx.app, dk.userId);
  seApi = client(ctx.app, se.userId);
  await seedFinding(dkApi, dk, 'dk', {
    title: 'Balancekonti',
    observations: 'Afstemningerne af balancekonti mangler dokumentation.',
    recommendation: 'Indfør ledelsestilsyn med kontiene.',
    problem: 'Ibrugtagningstilladelser mangler for flere fagsystemer.',
    measure: 'Månedlig afstemning af mellemregningskonti',
    followUpPoint: 'Stikprøvekontrol hvert kvartal',
    comment: 'Revisionen vil gennemgå egenkontrollen.',
  });
  await seedFinding(seApi, se, 'se', {
    title: 'Informationssäkerhet',
    observations: 'Granskningen visar brister i styrningen.',
    recommendation: 'Kommunstyrelsen bör ta fram en rutin för behörigheter.',
    problem: 'Behörighetsstyrningen saknar uppföljning.',
    measure: 'Införa årlig genomgång',
    expectedEffect: 'Åtgärden svarar mot rekommendationerna i rapporten.',
    comment: 'Afstemning nämns bara här, i en svensk kommun.',
  });
});
afterAll(() => ctx.close());

describe('search', () => {
  it('finds inflected Danish words in both directions (afstemning ↔ afstemningerne)', async () => {
    const plural = await search(dkApi, 'afstemningerne');
    expect(plural.items.map((h) => `${h.kind}:${h.id}`)).toEqual(expect.arrayContaining([`measure:${ids['dk.measure']}`, `finding:${ids['dk.finding']}`]));
    const singular = await search(dkApi, 'afstemning');
    expect(singular.items.map((h) => `${h.kind}:${h.id}`).sort()).toEqual(plural.items.map((h) => `${h.kind}:${h.id}`).sort());
    const finding = singular.items.find((h) => h.kind === 'finding')!;
    expect(finding).toMatchObject({ findingId: ids['dk.finding'], planId: null, title: 'Balancekonti' });
    expect(finding.snippet).toContain('«Afstemningerne»');
    expect(finding.rank).toBeGreaterThan(0);
  });

  it('finds every kind of text and points each hit at its finding and plan', async () => {
    const cases: [string, string][] = [
      ['ledelsestilsyn', 'recommendation'],
      ['ibrugtagningstilladelser', 'plan'],
      ['stikprøvekontrol', 'measure'],
      ['egenkontrollen', 'comment'],
    ];
    for (const [q, kind] of cases) {
      const { items, total } = await search(dkApi, q);
      expect(total).toBe(1);
      expect(items[0]).toMatchObject({
        kind,
        id: ids[`dk.${kind}`],
        findingId: ids['dk.finding'],
        planId: kind === 'recommendation' ? null : ids['dk.plan'],
      });
    }
    const measure = (await search(dkApi, 'stikprøvekontrol')).items[0]!;
    expect(measure.title).toBe('1 Månedlig afstemning af mellemregningskonti');
  });

  it("uses the municipality's language: Swedish stemming for a Swedish municipality", async () => {
    const { items } = await search(seApi, 'rekommendation');
    expect(items.map((h) => `${h.kind}:${h.id}`)).toEqual([`measure:${ids['se.measure']}`]);
    const plural = await search(seApi, 'rekommendationerna');
    expect(plural.items.map((h) => h.id)).toEqual([ids['se.measure']]);
  });

  it("never shows another municipality's rows", async () => {
    const dkHits = await search(dkApi, 'afstemning');
    expect(dkHits.items.map((h) => h.id)).not.toContain(ids['se.comment']);
    const seHits = await search(seApi, 'afstemning');
    expect(seHits.items.map((h) => h.id)).toEqual([ids['se.comment']]);
    expect((await search(seApi, 'balancekonti')).total).toBe(0);
  });

  it('pages with limit and reports the total', async () => {
    const all = await search(dkApi, 'afstemning');
    expect(all.total).toBeGreaterThan(1);
    const first = await search(dkApi, 'afstemning', '&limit=1');
    expect(first.items).toHaveLength(1);
    expect(first.total).toBe(all.total);
    expect(first.items[0]!.id).toBe(all.items[0]!.id);
  });

  it('answers an empty result for a query of only stop words', async () => {
    expect(await search(dkApi, 'og i det')).toEqual({ items: [], total: 0 });
  });

  it('rejects a missing, blank or too long query and a limit over 100', async () => {
    for (const url of ['/api/v1/search', '/api/v1/search?q=%20%20', `/api/v1/search?q=${'a'.repeat(201)}`, '/api/v1/search?q=afstemning&limit=101']) {
      const res = await dkApi.get(url);
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toMatch(/^querystring\.(q|limit)$/);
    }
  });
});
