import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestContext, seedMunicipality, seedUser, type SeededMunicipality, type TestContext } from '../../../test/app.js';
import { expectUnchanged } from '../../../test/kit.js';
import { fixedClock } from '../../clock.js';
import { notifications } from '../../db/schema/index.js';
import { notificationKinds, type NotificationKind } from '../../db/schema/values.js';
import { notificationText, type NotificationParams } from './texts.js';

/**
 * The notification centre's API: the caller's own notifications only (another user's or another
 * municipality's answer 404 and are never listed), paging and filters, read marks, texts in the
 * caller's language and the municipality's vocabulary, and the e-mail preferences with refused
 * input naming the field and writing nothing.
 */
let ctx: TestContext;
let m: SeededMunicipality;
let se: SeededMunicipality;
let me: string;
let other: string;
let swede: string;
let api: ReturnType<typeof client>;

const NOW = '2026-03-02T08:00:00Z';

beforeAll(async () => {
  ctx = await createTestContext({ config: { clock: fixedClock(NOW) } });
  m = await seedMunicipality(ctx.engine, { slug: 'centre-test', departments: ['BUF'] });
  se = await seedMunicipality(ctx.engine, { slug: 'centre-se', language: 'sv', departments: ['BUF'] });
  me = await seedUser(ctx.engine, m.id, { email: 'me@centre.example', roles: [{ role: 'departmentCoordinator', departmentId: m.departments.BUF! }] });
  other = await seedUser(ctx.engine, m.id, { email: 'other@centre.example', roles: [{ role: 'reader' }] });
  swede = await seedUser(ctx.engine, se.id, { email: 'me@centre-se.example', roles: [{ role: 'centralCoordinator' }] });
  api = client(ctx.app, me);
});
afterAll(() => ctx.close());

/** Inserts notifications directly (set-up), the first the oldest, a minute apart. */
async function seed(mid: string, userId: string, kinds: NotificationKind[], params: Record<string, string | number> = { findingNumber: 7, findingYear: 2025 }) {
  const rows = await ctx.engine.db
    .insert(notifications)
    .values(
      kinds.map((kind, i) => ({
        municipalityId: mid,
        userId,
        recipient: userId,
        kind,
        link: `/findings/${i}`,
        params,
        dedupeKey: `test:${userId}:${kind}:${i}:${Math.random()}`,
        createdAt: new Date(Date.parse('2026-03-01T00:00:00Z') + i * 60_000),
      })),
    )
    .returning({ id: notifications.id });
  return rows.map((r) => r.id);
}

describe('the notification centre', () => {
  it('lists the caller’s own, newest first, page by page and filtered, with texts in the caller’s language', async () => {
    const mine = await seed(m.id, me, ['planRequested', 'planApproved', 'roundOpened', 'planRequested', 'findingClosed']);
    await seed(m.id, other, ['planRequested']);
    await seed(se.id, swede, ['planRequested']);

    const first = await api.get('/api/v1/notifications?limit=2');
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ total: 5, limit: 2, offset: 0 });
    expect(first.body.items.map((n: { id: string }) => n.id)).toEqual([mine[4], mine[3]]);
    const rest = [
      ...(await api.get('/api/v1/notifications?limit=2&offset=2')).body.items,
      ...(await api.get('/api/v1/notifications?limit=2&offset=4')).body.items,
    ];
    expect(rest.map((n: { id: string }) => n.id)).toEqual([mine[2], mine[1], mine[0]]);

    expect(first.body.items[0]).toEqual({
      id: mine[4],
      kind: 'findingClosed',
      title: 'Bemærkning 7 (2025) lukket',
      body: 'Revisionen har lukket bemærkning 7 (2025).',
      link: '/findings/4',
      findingId: null,
      dueOn: null,
      createdAt: '2026-03-01T00:04:00.000Z',
      read: false,
      readAt: null,
    });
    const english = await api.get(`/api/v1/notifications?kind=planRequested`, { 'accept-language': 'en' });
    expect(english.body.total).toBe(2);
    expect(english.body.items.map((n: { title: string }) => n.title)).toEqual([
      'Action plan requested for finding 7 (2025)',
      'Action plan requested for finding 7 (2025)',
    ]);
    // A Swedish municipality's finding is an "iakttagelse".
    const swedish = await client(ctx.app, swede).get('/api/v1/notifications');
    expect(swedish.body.items.map((n: { title: string }) => n.title)).toEqual(['Handlingsplan begärs för iakttagelse 7 (2025)']);

    expect((await api.get('/api/v1/notifications/unread-count')).body).toEqual({ unread: 5 });
    const read = await api.post(`/api/v1/notifications/${mine[1]}/read`);
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    expect(read.body).toMatchObject({ id: mine[1], read: true, readAt: NOW.replace('Z', '.000Z') });
    expect((await api.get('/api/v1/notifications/unread-count')).body).toEqual({ unread: 4 });
    expect((await api.get('/api/v1/notifications?unread=true')).body.items.map((n: { id: string }) => n.id)).toEqual([mine[4], mine[3], mine[2], mine[0]]);
    expect((await api.get('/api/v1/notifications?unread=false')).body.items.map((n: { id: string }) => n.id)).toEqual([mine[1]]);
    expect((await api.get('/api/v1/notifications?kind=roundOpened&unread=true')).body.total).toBe(1);
  });

  it('answers 404 for another user’s and another municipality’s notification, and never lists them', async () => {
    const [others] = await seed(m.id, other, ['planApproved']);
    const [foreign] = await seed(se.id, swede, ['planApproved']);
    for (const id of [others!, foreign!, '00000000-0000-4000-8000-000000000000']) {
      const res = await api.post(`/api/v1/notifications/${id}/read`);
      expect(res.status, id).toBe(404);
    }
    const listed = (await api.get('/api/v1/notifications?limit=500')).body.items.map((n: { id: string }) => n.id);
    expect(listed).not.toContain(others);
    expect(listed).not.toContain(foreign);
    expect((await api.post('/api/v1/notifications/not-an-id/read')).status).toBe(400);
    expect((await api.get('/api/v1/notifications?kind=nonsense')).status).toBe(400);
  });

  it('marks all of the caller’s read, and only the caller’s', async () => {
    await seed(m.id, me, ['answerAccepted', 'answerReturned']);
    const othersBefore = (await client(ctx.app, other).get('/api/v1/notifications/unread-count')).body.unread;
    expect(othersBefore).toBeGreaterThan(0);
    const res = await api.post('/api/v1/notifications/read-all');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.marked).toBeGreaterThanOrEqual(2);
    expect((await api.get('/api/v1/notifications/unread-count')).body).toEqual({ unread: 0 });
    expect((await client(ctx.app, other).get('/api/v1/notifications/unread-count')).body.unread).toBe(othersBefore);
    expect((await api.post('/api/v1/notifications/read-all')).body.marked).toBe(0);
  });
});

describe('e-mail preferences', () => {
  it('starts with every kind at once and a daily digest, and replaces the choices', async () => {
    const start = await api.get('/api/v1/notifications/preferences');
    expect(start.status).toBe(200);
    expect(start.body.digest).toBe('daily');
    expect(Object.values(start.body.kinds).every((d) => d === 'immediate')).toBe(true);
    expect(start.body.kinds.planRequested).toBe('immediate');

    const put = await api.put('/api/v1/notifications/preferences', { digest: 'weekly', kinds: { planApproved: 'digest', roundOpened: 'off' } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const got = (await api.get('/api/v1/notifications/preferences')).body;
    expect(got).toEqual(put.body);
    expect(got).toMatchObject({ digest: 'weekly', kinds: { planApproved: 'digest', roundOpened: 'off', planRequested: 'immediate' } });
    // A kind left out goes back to immediate; another user's choices are their own.
    const again = await api.put('/api/v1/notifications/preferences', { digest: 'weekly', kinds: { roundOpened: 'off' } });
    expect(again.body.kinds.planApproved).toBe('immediate');
    expect((await client(ctx.app, other).get('/api/v1/notifications/preferences')).body.kinds.roundOpened).toBe('immediate');
  });

  it('refuses bad choices with a 400 naming the field, writing nothing', async () => {
    const cases: [unknown, string][] = [
      [{ digest: 'hourly' }, 'body.digest'],
      [{ kinds: {} }, 'body.digest'],
      [{ digest: 'daily', kinds: { planApproved: 'sometimes' } }, 'body.kinds.planApproved'],
      [{ digest: 'daily', kinds: { noSuchKind: 'off' } }, 'body.kinds'],
      [{ digest: 'daily', extra: true }, 'body'],
    ];
    await expectUnchanged(ctx.engine, ['notification_preferences', 'mail_settings'], async () => {
      for (const [body, field] of cases) {
        const res = await api.put('/api/v1/notifications/preferences', body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(
          res.body.errors.map((e: { field: string }) => e.field),
          JSON.stringify(res.body),
        ).toContain(field);
      }
    });
  });
});

describe('notification texts', () => {
  it('has a title and a body for every kind in every language, without placeholders, and leaves out what is absent', () => {
    const full: NotificationParams = {
      findingNumber: 1,
      findingYear: 2025,
      dueOn: '2026-04-01',
      days: 1,
      department: 'BUF',
      roundName: 'R',
      system: 'KMD',
      unmatched: 1,
    };
    for (const locale of ['da', 'sv', 'en'] as const) {
      for (const kind of notificationKinds) {
        for (const params of [{}, full]) {
          const text = notificationText(locale, kind, params);
          expect(text.title.length, `${locale} ${kind}`).toBeGreaterThan(3);
          expect(`${text.title} ${text.body}`).not.toMatch(/[{}]|undefined|null|NaN/);
        }
      }
    }
    expect(notificationText('da', 'measureDueSoon', { measureNumber: '2', dueOn: '2026-04-01', days: 1 }).body).toBe(
      'Tiltag 2 skal være gennemført senest 1. april 2026 (om 1 dag).',
    );
    expect(notificationText('sv', 'measureDueSoon', { measureNumber: '2', dueOn: '2026-04-01', days: 3 }).body).toBe(
      'Åtgärd 2 ska vara genomförd senast 1 april 2026 (om 3 dagar).',
    );
    expect(
      notificationText('en', 'planRequested', { findingNumber: 3, findingYear: 2024, findingTitle: 'Access', department: 'BUF', dueOn: '2026-05-01' }).body,
    ).toBe('Central coordination asks BUF for an action plan for finding 3 (2024) “Access” by 1 May 2026.');
  });
});
