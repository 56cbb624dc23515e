import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { authHeaders, client, createTestContext, seedMunicipality, seedUser, type SeededMunicipality, type TestContext } from '../../test/app.js';
import { expectUnchanged } from '../../test/kit.js';
import { startTestSmtp, type ReceivedMail, type TestSmtp } from '../../test/smtp.js';
import { settableClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { queryRows } from '../db/engine.js';
import type { NotificationKind } from '../db/schema/values.js';
import { notify } from '../modules/notifications/outbox.js';
import { deliverPending } from './delivery.js';

/**
 * Mail end to end against a real SMTP server (smtp-server on a random port): the outbox is sent
 * in each recipient's language with links and List-Unsubscribe headers, the unsubscribe link
 * works without signing in, preferences decide, two senders never send one notification twice,
 * a refusing server leads to retries and then "failed", and without SMTP nothing breaks.
 */
const PUBLIC = 'https://tilsyn.example.dk';
const clock = settableClock(new Date());
const later = (minutes: number) => clock.set(new Date(clock.now().getTime() + minutes * 60_000));

let smtp: TestSmtp;
let ctx: TestContext;
let da: SeededMunicipality;
let sv: SeededMunicipality;
const people: Record<string, string> = {};
let seq = 0;

const PREFS = ['notification_preferences', 'mail_settings', 'notifications'];

async function note(
  mid: string,
  userId: string | null,
  kind: NotificationKind,
  extra: { params?: Record<string, string | number>; email?: string; dueOn?: string } = {},
) {
  await notify(ctx.engine.db, [
    {
      municipalityId: mid,
      userId,
      ...(extra.email ? { email: extra.email } : {}),
      kind,
      link: `/plans/00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`,
      params: extra.params ?? {},
      dueOn: extra.dueOn ?? null,
      dedupeKey: `test:${seq}`,
    },
  ]);
  return seq;
}

const deliver = (limit?: number) => ctx.app.services.mail.deliverPending(limit);
const mailTo = (address: string) => smtp.mails.filter((m) => m.to.some((to) => to.toLowerCase() === address.toLowerCase()));
const unsubscribeLinkOf = (mail: ReceivedMail) => {
  const header = mail.headers['list-unsubscribe'] ?? '';
  const match = /^<(https:\/\/[^>]+)>$/.exec(header);
  expect(match, `List-Unsubscribe: ${header}`).not.toBeNull();
  return new URL(match![1]!);
};
const stateOf = async (n: number) =>
  (
    await queryRows<{ mail_state: string; mail_attempts: number }>(
      ctx.engine.db,
      sql`select mail_state, mail_attempts from notifications where dedupe_key = ${`test:${n}`}`,
    )
  )[0]!;

beforeAll(async () => {
  smtp = await startTestSmtp();
  ctx = await createTestContext({
    config: { clock, mail: { smtpUrl: smtp.url, from: 'Tilsyn <tilsyn@kk.example>', replyTo: 'revision@kk.example', publicUrl: PUBLIC } },
  });
  da = await seedMunicipality(ctx.engine, { slug: 'mail-da', language: 'da' });
  sv = await seedMunicipality(ctx.engine, { slug: 'mail-sv', language: 'sv' });
  people.anna = await seedUser(ctx.engine, da.id, {
    name: 'Anna',
    email: 'anna@mail-da.example',
    roles: [{ role: 'departmentCoordinator', departmentId: da.departments.BUF! }],
  });
  people.erik = await seedUser(ctx.engine, da.id, {
    name: 'Erik',
    email: 'erik@mail-da.example',
    roles: [{ role: 'measureOwner', departmentId: da.departments.BUF! }],
  });
  people.karin = await seedUser(ctx.engine, sv.id, {
    name: 'Karin',
    email: 'karin@mail-sv.example',
    roles: [{ role: 'departmentCoordinator', departmentId: sv.departments.BUF! }],
  });
  people.reader = await seedUser(ctx.engine, da.id, { name: 'Rita', email: 'rita@mail-da.example', roles: [{ role: 'reader' }] });
  // Erik reads English whatever his municipality speaks
  await ctx.engine.db.execute(sql`update users set language = 'en' where id = ${people.erik}`);
});
// API tokens expire a day after the real time: tests that move the clock put it back
afterEach(() => clock.set(new Date()));
afterAll(async () => {
  await ctx?.close();
  await smtp?.close();
});

describe('sending the outbox', () => {
  it('mails each recipient in their language, with the municipality, a link into the app and one-click unsubscribe', async () => {
    // params shaped as events.ts and reminders/due.ts write them (a reminder's due date is on its row only)
    await note(da.id, people.anna!, 'planRequested', {
      params: { findingNumber: 3, findingYear: 2026, department: 'BUF', departmentName: 'Børn & <Unge>', dueOn: '2026-09-15' },
      dueOn: '2026-09-15',
    });
    await note(da.id, people.erik!, 'measureDueSoon', {
      params: { about: 'measure', step: 'measureOwner', daysOverdue: -1, departmentCode: 'BUF', findingNumber: 3, findingYear: 2026, measureNumber: '2' },
      dueOn: '2026-09-15',
    });
    await note(sv.id, people.karin!, 'roundOpened', {
      params: { roundName: 'Uppföljning februari', dueOn: '2027-03-01', department: 'BUF', departmentName: 'Barn och utbildning' },
      dueOn: '2027-03-01',
    });
    const before = smtp.mails.length;
    expect(await deliver()).toEqual({ sent: 3, skipped: 0, digest: 0, retrying: 0, failed: 0 });
    expect(smtp.mails.length - before).toBe(3);

    const [anna] = mailTo('anna@mail-da.example');
    expect(anna!.from).toBe('tilsyn@kk.example');
    expect(anna!.headers['reply-to']).toBe('revision@kk.example');
    // the notification centre's words, in the recipient's language and the municipality's vocabulary
    expect(anna!.subject).toBe('Handleplan ønskes for bemærkning 3 (2026) – mail-da kommune');
    expect(anna!.headers['content-language']).toBe('da');
    expect(anna!.text).toContain('Central koordination beder Børn & <Unge> om en handleplan for bemærkning 3 (2026) senest 15. september 2026.');
    expect(anna!.text).toMatch(new RegExp(`Åbn i Tilsyn: ${PUBLIC}/plans/0{8}-0{4}-4000-8000-\\d{12}`));
    // the HTML part escapes what params carry
    expect(anna!.html).toContain('Central koordination beder Børn &amp; &lt;Unge&gt; om en handleplan');
    expect(anna!.html).not.toContain('<Unge>');
    expect(anna!.html).toContain('<html lang="da">');
    expect(anna!.html).toMatch(new RegExp(`href="${PUBLIC}/plans/`));
    const link = unsubscribeLinkOf(anna!);
    expect(link.origin + link.pathname).toBe(`${PUBLIC}/api/v1/mail/unsubscribe`);
    expect(anna!.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(anna!.text).toContain(link.href);

    const [erik] = mailTo('erik@mail-da.example');
    expect(erik!.subject).toBe('Measure due soon: 2 – mail-da kommune');
    expect(erik!.text).toContain('Measure 2 on finding 3 (2026) is due by 15 September 2026 (in 1 day).');
    expect(erik!.text).toContain('Stop e-mails of this kind? Unsubscribe here:');
    const [karin] = mailTo('karin@mail-sv.example');
    expect(karin!.subject).toBe('Uppföljningsomgång öppnad: Uppföljning februari – mail-sv kommune');
    expect(karin!.text).toContain('Omgången Uppföljning februari är öppnad för Barn och utbildning. Rapportera status för åtgärderna senast 1 mars 2027.');
    expect(karin!.headers['content-language']).toBe('sv');

    const log = await queryRows<{ kind: string; state: string; attempts: number; message_id: string | null }>(
      ctx.engine.db,
      sql`select kind, state, attempts, message_id from mail_messages where to_address in ('anna@mail-da.example', 'erik@mail-da.example', 'karin@mail-sv.example')`,
    );
    expect(log).toHaveLength(3);
    for (const row of log) expect(row).toMatchObject({ kind: 'notification', state: 'sent', attempts: 1 });
    expect(log.every((r) => r.message_id && r.message_id.length > 5)).toBe(true);
    // sent ones are not sent again
    expect((await deliver()).sent).toBe(0);
  });

  it('mails a department head who has no account at the given address, without an unsubscribe link', async () => {
    const n = await note(da.id, null, 'escalation', {
      email: 'Chef@Mail-da.example',
      params: {
        about: 'plan',
        step: 'departmentHead',
        headName: 'Søren Holm',
        daysOverdue: 31,
        level: 1,
        departmentCode: 'SOF',
        findingNumber: 1,
        findingYear: 2026,
      },
      dueOn: '2026-08-01',
    });
    expect((await deliver()).sent).toBe(1);
    const [mail] = mailTo('Chef@Mail-da.example');
    expect(mail!.subject).toBe('Eskalering: frist overskredet (SOF) – mail-da kommune');
    expect(mail!.text).toContain('Handleplanen for bemærkning 1 (2026) (SOF) er over fristen med 31 dage (frist 1. august 2026) og sendes videre til dig.');
    expect(mail!.headers['list-unsubscribe']).toBeUndefined();
    expect((await stateOf(n)).mail_state).toBe('sent');
  });
});

describe('who is not mailed', () => {
  it('a person who is no longer active: the notification is skipped, no mail goes', async () => {
    const gone = await seedUser(ctx.engine, da.id, { name: 'Gone', email: 'gone@mail-da.example', roles: [{ role: 'reader' }] });
    await ctx.engine.db.execute(sql`update users set active = false where id = ${gone}`);
    const n = await note(da.id, gone, 'planApproved');
    expect(await deliver()).toMatchObject({ sent: 0, skipped: 1 });
    expect((await stateOf(n)).mail_state).toBe('skipped');
    expect(mailTo('gone@mail-da.example')).toEqual([]);
  });
});

describe('unsubscribing without signing in', () => {
  let link: URL;
  beforeAll(async () => {
    await note(da.id, people.anna!, 'planReturned');
    await deliver();
    link = unsubscribeLinkOf(mailTo('anna@mail-da.example').find((m) => m.subject.startsWith('Handleplan sendt retur'))!);
  });
  const path = (u: URL) => u.pathname + u.search;

  it('GET shows a confirmation page in the person’s language and changes nothing', async () => {
    const res = await expectUnchanged(ctx.engine, PREFS, () => ctx.app.inject({ method: 'GET', url: path(link), headers: { accept: 'text/html' } }));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('<html lang="da">');
    expect(res.body).toContain('Vil du holde op med at få mails fra Tilsyn om: Handleplan sendt retur?');
    expect(res.body).toMatch(/<form method="post" action="\?token=[^"]+">/);
    expect(res.body).toContain('<button type="submit">Frameld</button>');
    // the page's one style block is allowed by the response's CSP nonce
    const nonce = /<style nonce="([^"]+)">/.exec(res.body)?.[1];
    expect(nonce).toBeTruthy();
    expect(String(res.headers['content-security-policy'])).toContain(`'nonce-${nonce}'`);
  });

  it('a forged, altered or truncated token is refused with 400 and changes nothing', async () => {
    const token = link.searchParams.get('token')!;
    const parts = token.split('.');
    const otherKind = [...parts.slice(0, 3), 'planApproved', parts[4]].join('.');
    const otherUser = [parts[0], parts[1], people.erik, ...parts.slice(3)].join('.');
    const flipped = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    for (const bad of [otherKind, otherUser, flipped, token.slice(0, 40), 'u1.x']) {
      const url = `/api/v1/mail/unsubscribe?token=${encodeURIComponent(bad)}`;
      await expectUnchanged(ctx.engine, PREFS, async () => {
        const post = await ctx.app.inject({ method: 'POST', url });
        expect(post.statusCode, bad).toBe(400);
        expect(post.json()).toMatchObject({ status: 400, code: 'mail.invalidToken', errors: [{ field: 'querystring.token' }] });
        const page = await ctx.app.inject({ method: 'GET', url, headers: { accept: 'text/html', 'accept-language': 'sv' } });
        expect(page.statusCode).toBe(400);
        expect(page.body).toContain('Länken är inte giltig.');
      });
    }
  });

  it('POST (the page’s form) turns that kind off, audited, and later mails of it are skipped', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: path(link),
      headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Du er frameldt.');
    const prefs = await queryRows<{ kind: string; delivery: string }>(
      ctx.engine.db,
      sql`select kind, delivery from notification_preferences where user_id = ${people.anna}`,
    );
    expect(prefs).toEqual([{ kind: 'planReturned', delivery: 'off' }]);
    const audit = await queryRows<{ action: string; user_id: string }>(
      ctx.engine.db,
      sql`select action, user_id from audit_entries where municipality_id = ${da.id} and resource = 'notificationPreference'`,
    );
    expect(audit).toEqual([{ action: 'unsubscribe', user_id: people.anna }]);
    // twice is the same as once: no second audit entry
    await expectUnchanged(ctx.engine, PREFS, async () => expect((await ctx.app.inject({ method: 'POST', url: path(link) })).statusCode).toBe(200));

    const before = smtp.mails.length;
    const n = await note(da.id, people.anna!, 'planReturned');
    const other = await note(da.id, people.anna!, 'planApproved');
    expect(await deliver()).toMatchObject({ sent: 1, skipped: 1 });
    expect((await stateOf(n)).mail_state).toBe('skipped');
    expect((await stateOf(other)).mail_state).toBe('sent');
    expect(smtp.mails.slice(before).map((m) => m.subject)).toEqual(['Handleplan godkendt – mail-da kommune']);
  });

  it('RFC 8058 one-click: a form-encoded POST from the mail client unsubscribes', async () => {
    await note(da.id, people.erik!, 'planApproved');
    await deliver();
    const mail = mailTo('erik@mail-da.example').find((m) => m.subject.startsWith('Action plan approved'))!;
    const url = unsubscribeLinkOf(mail);
    const res = await ctx.app.inject({
      method: 'POST',
      url: path(url),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ unsubscribed: true, kind: 'planApproved' });
    const [pref] = await queryRows<{ delivery: string }>(
      ctx.engine.db,
      sql`select delivery from notification_preferences where user_id = ${people.erik} and kind = 'planApproved'`,
    );
    expect(pref!.delivery).toBe('off');
  });
});

describe('digests', () => {
  it('gathers digest kinds and sends one mail when a day has passed, then not again', async () => {
    await ctx.engine.db.execute(
      sql`insert into notification_preferences (municipality_id, user_id, kind, delivery) values
          (${sv.id}, ${people.karin}, 'measureOverdue', 'digest'), (${sv.id}, ${people.karin}, 'answerSubmitted', 'digest')`,
    );
    const a = await note(sv.id, people.karin!, 'measureOverdue', { params: { about: 'measure', findingNumber: 2, measureNumber: '1' }, dueOn: '2026-01-31' });
    const b = await note(sv.id, people.karin!, 'answerSubmitted');
    const before = smtp.mails.length;
    expect(await deliver()).toMatchObject({ sent: 0, digest: 2 });
    expect((await stateOf(a)).mail_state).toBe('digest');
    const digests = () => ctx.app.services.mail.sendDueDigests();
    expect((await digests()).sent).toBe(0);
    later(23 * 60);
    expect((await digests()).sent).toBe(0);
    later(61);
    expect(await digests()).toEqual({ sent: 1, retrying: 0, failed: 0, skipped: 0 });
    const mails = smtp.mails.slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual(['karin@mail-sv.example']);
    expect(mails[0]!.subject).toBe('Dagens sammanfattning från Tilsyn: 2 notiser');
    expect(mails[0]!.text).toContain('Dessa 2 saker har hänt i Tilsyn sedan förra sammanfattningen:');
    // each one's title and sentence, a Swedish municipality's finding an "iakttagelse"
    expect(mails[0]!.text).toContain(
      '* Åtgärd försenad: 1\n  Sista dag för åtgärd 1 om iakttagelse 2 (31 januari 2026) har passerats. Rapportera status eller ett nytt datum.\n',
    );
    expect(mails[0]!.text).toContain('* Statusrapport inskickad\n  Förvaltningen har skickat in sin statusrapport. Den väntar på er granskning.\n');
    expect(mails[0]!.headers['list-unsubscribe']).toMatch(/^<https:\/\/tilsyn\.example\.dk\/api\/v1\/mail\/unsubscribe\?token=u1\.[^>]+\.digest\.[^>]+>$/);
    expect((await stateOf(a)).mail_state).toBe('sent');
    expect((await stateOf(b)).mail_state).toBe('sent');
    const [settings] = await queryRows<{ last_digest_at: Date | string }>(
      ctx.engine.db,
      sql`select last_digest_at from mail_settings where user_id = ${people.karin}`,
    );
    expect(new Date(settings!.last_digest_at).toISOString()).toBe(clock.now().toISOString());
    expect((await digests()).sent).toBe(0);

    // the next one waits a day from this one; the digest's link turns off every digest kind
    const c = await note(sv.id, people.karin!, 'measureOverdue');
    await deliver();
    later(60);
    expect((await digests()).sent).toBe(0);
    const link = unsubscribeLinkOf(mails[0]!);
    expect((await ctx.app.inject({ method: 'POST', url: link.pathname + link.search })).statusCode).toBe(200);
    const prefs = await queryRows<{ kind: string; delivery: string }>(
      ctx.engine.db,
      sql`select kind, delivery from notification_preferences where user_id = ${people.karin} order by kind`,
    );
    expect(prefs).toEqual([
      { kind: 'answerSubmitted', delivery: 'off' },
      { kind: 'measureOverdue', delivery: 'off' },
    ]);
    // and what waited for the next digest is not mailed
    expect((await stateOf(c)).mail_state).toBe('skipped');
    later(24 * 60);
    expect((await digests()).sent).toBe(0);
  });
});

describe('delivery under contention and failure', () => {
  it('two concurrent senders send each notification once', async () => {
    const slow = await startTestSmtp({ delayMs: 30 });
    const setup = ctx.app.services.mail.setup;
    const { createMailer } = await import('./transport.js');
    const mailer = createMailer({ smtpUrl: slow.url, from: 'tilsyn@kk.example', replyTo: null })!;
    try {
      const made: number[] = [];
      for (let i = 0; i < 8; i++) made.push(await note(da.id, people.reader!, 'findingClosed'));
      const runtime = { mailer, clock, publicUrl: PUBLIC, secret: setup.secret };
      const [one, two] = await Promise.all([deliverPending(ctx.engine.db, runtime), deliverPending(ctx.engine.db, runtime)]);
      expect(one.sent + two.sent).toBe(8);
      expect(slow.mails).toHaveLength(8);
      const links = slow.mails.map((m) => /Åbn i Tilsyn: (\S+)/.exec(m.text)![1]);
      expect(new Set(links).size).toBe(8);
      for (const n of made) expect(await stateOf(n)).toEqual({ mail_state: 'sent', mail_attempts: 1 });
    } finally {
      mailer.close();
      await slow.close();
    }
  });

  it('a refusing SMTP server: retrying with backoff, then failed after five attempts, in one log row', async () => {
    smtp.refuse.add('rita@mail-da.example');
    try {
      const n = await note(da.id, people.reader!, 'findingReopened');
      expect(await deliver()).toMatchObject({ sent: 0, retrying: 1 });
      expect(await stateOf(n)).toEqual({ mail_state: 'pending', mail_attempts: 1 });
      const logRow = async () =>
        (
          await queryRows<{ state: string; attempts: number; error: string }>(
            ctx.engine.db,
            sql`select m.state, m.attempts, m.error from mail_messages m join notifications n on n.id = any(m.notification_ids) where n.dedupe_key = ${`test:${n}`}`,
          )
        )[0]!;
      expect(await logRow()).toMatchObject({ state: 'retrying', attempts: 1 });
      expect((await logRow()).error).toMatch(/550/);
      // not again before its backoff
      expect((await deliver()).retrying).toBe(0);
      for (let attempt = 2; attempt <= 4; attempt++) {
        later(60);
        expect(await deliver()).toMatchObject({ retrying: 1 });
        expect(await logRow()).toMatchObject({ state: 'retrying', attempts: attempt });
      }
      later(60);
      expect(await deliver()).toMatchObject({ failed: 1 });
      expect(await stateOf(n)).toEqual({ mail_state: 'failed', mail_attempts: 5 });
      expect(await logRow()).toMatchObject({ state: 'failed', attempts: 5 });
      later(60);
      expect(await deliver()).toEqual({ sent: 0, skipped: 0, digest: 0, retrying: 0, failed: 0 });

      // the administrator sees it in the log
      clock.set(new Date());
      const log = await client(ctx.app, da.userId).get('/api/v1/mail/messages?state=failed');
      expect(log.status).toBe(200);
      expect(log.body.items).toEqual([
        expect.objectContaining({
          kind: 'notification',
          to: 'rita@mail-da.example',
          state: 'failed',
          attempts: 5,
          notificationCount: 1,
          subject: 'Bemærkning genåbnet – mail-da kommune',
        }),
      ]);
    } finally {
      smtp.refuse.delete('rita@mail-da.example');
    }
  });
});

describe('the administrator', () => {
  it('sees that mail is on and as whom; others may not', async () => {
    const res = await client(ctx.app, da.userId).get('/api/v1/mail/status');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ enabled: true, from: 'Tilsyn <tilsyn@kk.example>', replyTo: 'revision@kk.example', publicUrl: PUBLIC });
    expect((await client(ctx.app, people.anna!).get('/api/v1/mail/status')).status).toBe(403);
    expect((await client(ctx.app, people.anna!).get('/api/v1/mail/messages')).status).toBe(403);
    expect((await client(ctx.app, people.anna!).post('/api/v1/mail/test', { to: 'anna@mail-da.example' })).status).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/mail/messages' })).statusCode).toBe(401);
  });

  it('pages the delivery log of their own municipality only, newest first', async () => {
    const admin = client(ctx.app, da.userId);
    const all = await admin.get('/api/v1/mail/messages?limit=500');
    expect(all.status).toBe(200);
    expect(all.body.items.some((m: { to: string }) => m.to.endsWith('@mail-sv.example'))).toBe(false);
    const first = await admin.get('/api/v1/mail/messages?limit=2&offset=0');
    const second = await admin.get('/api/v1/mail/messages?limit=2&offset=2');
    expect(first.body.total).toBe(all.body.total);
    expect([...first.body.items, ...second.body.items].map((m: { id: string }) => m.id)).toEqual(all.body.items.slice(0, 4).map((m: { id: string }) => m.id));
    const bad = await admin.get('/api/v1/mail/messages?limit=0');
    expect(bad.status).toBe(400);
  });

  it('sends a test mail in their language and finds it in the log; a bad address is a 400 naming the field', async () => {
    const before = smtp.mails.length;
    const res = await client(ctx.app, da.userId, { 'accept-language': 'sv' }).post('/api/v1/mail/test', { to: 'postmaster@kk.example' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ kind: 'test', to: 'postmaster@kk.example', state: 'sent', attempts: 1, subject: 'Testmejl från Tilsyn' });
    const [mail] = smtp.mails.slice(before);
    expect(mail!.to).toEqual(['postmaster@kk.example']);
    expect(mail!.text).toContain('Test Bruger skickade detta testmejl från inställningarna för mail-da kommune.');
    expect(mail!.text).toContain(`${PUBLIC}/settings/mail`);
    expect(mail!.headers['list-unsubscribe']).toBeUndefined();

    const bad = await expectUnchanged(ctx.engine, ['mail_messages'], () => client(ctx.app, da.userId).post('/api/v1/mail/test', { to: 'not an address' }));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.errors)).toContain('body.to');
    const other = await expectUnchanged(ctx.engine, ['mail_messages'], () => client(ctx.app, people.anna!).post('/api/v1/mail/test', { to: 'x@kk.example' }));
    expect(other.status).toBe(403);

    smtp.refuse.add('nobody@kk.example');
    const refused = await client(ctx.app, da.userId).post('/api/v1/mail/test', { to: 'nobody@kk.example' });
    smtp.refuse.delete('nobody@kk.example');
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ state: 'failed', attempts: 1 });
    expect(refused.body.error).toMatch(/550/);
  });
});

describe('without SMTP', () => {
  let off: TestContext;
  let m: SeededMunicipality;
  beforeAll(async () => {
    off = await createTestContext({ config: { clock } });
    m = await seedMunicipality(off.engine, { slug: 'mail-off' });
  });
  afterAll(() => off?.close());

  it('skips the mail, keeps the notification in the app, and says mail is off', async () => {
    await notify(off.engine.db, [{ municipalityId: m.id, userId: m.userId, kind: 'planApproved', link: '/plans/x', dedupeKey: 'off:1' }]);
    expect(await off.app.services.mail.deliverPending()).toEqual({ sent: 0, skipped: 1, digest: 0, retrying: 0, failed: 0 });
    const rows = await queryRows<{ mail_state: string; read_at: unknown }>(
      off.engine.db,
      sql`select mail_state, read_at from notifications where dedupe_key = 'off:1'`,
    );
    expect(rows).toEqual([{ mail_state: 'skipped', read_at: null }]);
    const admin = client(off.app, m.userId);
    expect((await admin.get('/api/v1/mail/status')).body).toMatchObject({ enabled: false });
    const test = await expectUnchanged(off.engine, ['mail_messages'], () => admin.post('/api/v1/mail/test', { to: 'x@kk.example' }));
    expect(test.status).toBe(409);
    expect(test.body.code).toBe('mail.off');
    expect((await admin.get('/api/v1/mail/messages')).body).toMatchObject({ items: [], total: 0 });
    expect((await off.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect(await authHeaders(off.app, m.userId)).toBeTruthy();
  });
});

describe('configuration', () => {
  const base = { TILSYN_DATA_DIR: '/tmp/x' };
  it('reads the mail settings, with defaults from the port', () => {
    expect(loadConfig({ ...base, PORT: '9000' }).mail).toEqual({
      smtpUrl: null,
      from: 'Tilsyn <noreply@localhost>',
      replyTo: null,
      publicUrl: 'http://localhost:9000',
    });
    const c = loadConfig({
      ...base,
      TILSYN_SMTP_URL: 'smtp://u:p@mail.kk.dk:587',
      TILSYN_MAIL_FROM: 'Tilsyn <tilsyn@kk.dk>',
      TILSYN_MAIL_REPLY_TO: 'revision@kk.dk',
      TILSYN_PUBLIC_URL: 'https://tilsyn.kk.dk/',
    }).mail;
    expect(c).toEqual({ smtpUrl: 'smtp://u:p@mail.kk.dk:587', from: 'Tilsyn <tilsyn@kk.dk>', replyTo: 'revision@kk.dk', publicUrl: 'https://tilsyn.kk.dk' });
  });
  it('stops at start on a malformed value, naming the variable and never the password', () => {
    expect(() => loadConfig({ ...base, TILSYN_SMTP_URL: 'smtp//u:hemmelig@host' })).toThrow(/^TILSYN_SMTP_URL is not a URL/);
    expect(() => loadConfig({ ...base, TILSYN_SMTP_URL: 'smtp//u:hemmelig@host' })).not.toThrow(/hemmelig/);
    expect(() => loadConfig({ ...base, TILSYN_SMTP_URL: 'http://u:hemmelig@host' })).toThrow(/^TILSYN_SMTP_URL must start with smtp:\/\/ or smtps:\/\//);
    expect(() => loadConfig({ ...base, TILSYN_PUBLIC_URL: 'tilsyn.kk.dk' })).toThrow(/TILSYN_PUBLIC_URL/);
    expect(() => loadConfig({ ...base, TILSYN_PUBLIC_URL: 'ftp://tilsyn.kk.dk' })).toThrow(/TILSYN_PUBLIC_URL/);
    expect(() => loadConfig({ ...base, TILSYN_MAIL_FROM: 'tilsyn' })).toThrow(/TILSYN_MAIL_FROM/);
    expect(() => loadConfig({ ...base, TILSYN_MAIL_REPLY_TO: 'a b@c' })).toThrow(/TILSYN_MAIL_REPLY_TO/);
  });
});
