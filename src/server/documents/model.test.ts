import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentFixture, type DocumentFixture } from './test-fixtures.js';

let fx: DocumentFixture;
beforeAll(async () => {
  fx = await documentFixture();
}, 60_000);
afterAll(() => fx.ctx.close());

describe('document models', () => {
  it('dumps', async () => {
    const svc = fx.ctx.app.services.documents;
    const internal = await svc.followUpReport(fx.kk.admin, fx.kk.roundId, { kind: 'municipality' }, { edition: 'internal', today: fx.today });
    const pub = await svc.followUpReport(fx.kk.reader, fx.kk.roundId, { kind: 'municipality' }, { edition: 'public', today: fx.today });
    const se = await svc.answerDocument(fx.se.admin, fx.se.planId, 'uppfoljandeYttrande', { edition: 'internal', today: fx.today });
    const council = await svc.councilDecisionSheet(fx.kk.admin, fx.kk.reportIds[0]!, { edition: 'public', today: fx.today });
    fs.writeFileSync('/tmp/models.json', JSON.stringify({ internal: { ...internal, meta: { ...internal.meta, labels: undefined } }, pub: { ...pub, meta: undefined }, se: { ...se, meta: undefined }, council: { ...council, meta: undefined } }, null, 1));
    expect(internal.findings.length).toBeGreaterThan(0);
  });
});
