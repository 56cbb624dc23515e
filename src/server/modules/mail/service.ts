import { sql } from 'drizzle-orm';
import type { Actor } from '../../context.js';
import type { Database } from '../../db/engine.js';
import { queryRows } from '../../db/engine.js';
import { notificationKinds, type NotificationKind } from '../../db/schema/values.js';
import { detail, Problem } from '../../http/problem.js';
import { deliverPending, errorText, writeLog } from '../../mail/delivery.js';
import { sendDueDigests } from '../../mail/digest.js';
import { createMailSetup, mailOff, type MailSetup } from '../../mail/runtime.js';
import { renderTestMail } from '../../mail/templates.js';
import { verifyUnsubscribeToken, type UnsubscribeClaim } from '../../mail/unsubscribe.js';
import type { ServiceOptions } from '../../service-options.js';
import { runCommand } from '../../unit-of-work.js';
import { mailPolicy } from './policy.js';
import { listMessages, messageById, preferencesOf, recipientOf, skipWaitingDigest, turnOff, type MailMessageRow, type Recipient } from './repository.js';
import type { MailMessageT, MailStatusT } from './schemas.js';

const iso = (v: Date | string) => new Date(v).toISOString();

function present(r: MailMessageRow): MailMessageT {
  return {
    id: r.id,
    kind: r.kind,
    to: r.to_address,
    subject: r.subject,
    state: r.state,
    attempts: Number(r.attempts),
    error: r.error,
    messageId: r.message_id,
    notificationCount: Number(r.notification_count),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

/** A checked unsubscribe link: whom it names and in which language to answer. */
export interface UnsubscribeTarget {
  claim: UnsubscribeClaim;
  recipient: Recipient;
}

export const invalidToken = () =>
  new Problem(400, 'badRequest', detail('mail.invalidToken'), [{ field: 'querystring.token', code: 'token.invalid', message: detail('mail.invalidToken') }]);

/**
 * E-mail: the administrator's status, delivery log and test mail; unsubscribing from a signed
 * link; and the sending itself (deliverPending, sendDueDigests) for the periodic job to call.
 */
export function createMailService(db: Database, opts: Pick<ServiceOptions, 'clock' | 'dataDir'> & { mail?: MailSetup }) {
  const setup = opts.mail ?? createMailSetup({ mail: mailOff, encryptionKey: null, dataDir: opts.dataDir, clock: opts.clock });

  /** The runtime as the senders take it; the key is read only when a mail needs a link (never with mail off). */
  const runtime = (limit?: number) => ({
    mailer: setup.mailer,
    clock: setup.clock,
    publicUrl: setup.publicUrl,
    get secret() {
      return setup.secret;
    },
    ...(limit ? { limit } : {}),
  });

  async function target(token: string): Promise<UnsubscribeTarget> {
    const claim = verifyUnsubscribeToken(setup.secret, token);
    if (!claim) throw invalidToken();
    const recipient = await recipientOf(db, claim.municipalityId, claim.userId);
    // a removed person's link is as good as a forged one: it changes nothing
    if (!recipient) throw invalidToken();
    return { claim, recipient };
  }

  return {
    setup,
    status(actor: Actor): MailStatusT {
      mailPolicy.administer(actor);
      return { enabled: setup.mailer !== null, from: setup.config.from, replyTo: setup.config.replyTo, publicUrl: setup.publicUrl };
    },

    async messages(actor: Actor, filter: { state?: 'sent' | 'failed' | 'retrying' }, paging: { limit: number; offset: number }) {
      mailPolicy.administer(actor);
      const { rows, total } = await listMessages(db, actor.municipalityId, filter, paging);
      return { items: rows.map(present), total, limit: paging.limit, offset: paging.offset };
    },

    /** Sends a test mail now (not through the outbox) in the caller's language; logged, never retried. */
    async sendTest(actor: Actor, to: string): Promise<MailMessageT> {
      mailPolicy.administer(actor);
      // 409, as any refusal because of a state (here the server's); a 5xx would say the server failed
      if (!setup.mailer) throw new Problem(409, 'conflict', detail('mail.off'));
      const [who] = await queryRows<{ name: string; m_name: string }>(
        db,
        sql`select coalesce(u.name, '') as name, m.name as m_name from municipalities m
            left join users u on u.municipality_id = m.id and u.id = ${actor.userId}
            where m.id = ${actor.municipalityId}`,
      );
      const rendered = renderTestMail({ locale: actor.locale, municipality: who!.m_name, senderName: who!.name, appUrl: `${setup.publicUrl}/settings/mail` });
      const now = setup.clock.now();
      let outcome: { messageId: string | null; error: string | null };
      try {
        const { messageId } = await setup.mailer.send({ to, language: actor.locale, unsubscribeUrl: null, ...rendered });
        outcome = { messageId, error: null };
      } catch (err) {
        outcome = { messageId: null, error: errorText(err) };
      }
      const id = await writeLog(db, null, {
        municipalityId: actor.municipalityId,
        kind: 'test',
        userId: actor.userId,
        to,
        subject: rendered.subject,
        notificationIds: [],
        state: outcome.error ? 'failed' : 'sent',
        attempts: 1,
        now,
        ...outcome,
      });
      return present((await messageById(db, actor.municipalityId, id))!);
    },

    /** Checks a link (400 if it is not one of ours) without changing anything: for the confirmation page. */
    target,

    /**
     * Turns e-mail off for the kind the link names (a digest's link: every kind the person gets in
     * the digest), as one audited command for that person. Unsubscribing twice changes nothing more.
     */
    async unsubscribe(token: string): Promise<UnsubscribeTarget> {
      const found = await target(token);
      const { claim } = found;
      await runCommand(db, { municipalityId: claim.municipalityId, userId: claim.userId, via: 'system' }, async (tx, changes) => {
        const before = await preferencesOf(tx, claim.municipalityId, claim.userId);
        const kinds: NotificationKind[] =
          claim.kind === 'digest' ? notificationKinds.filter((k) => before.get(k) === 'digest') : before.get(claim.kind) === 'off' ? [] : [claim.kind];
        if (!kinds.length) return;
        await turnOff(tx, claim.municipalityId, claim.userId, kinds, setup.clock.now());
        // what waits for the next digest of these kinds is not mailed either
        await skipWaitingDigest(tx, claim.municipalityId, claim.userId, kinds);
        await changes.record({
          resource: 'notificationPreference',
          resourceId: claim.userId,
          action: 'unsubscribe',
          before: Object.fromEntries(kinds.map((k) => [k, before.get(k) ?? 'immediate'])),
          after: Object.fromEntries(kinds.map((k) => [k, 'off'])),
        });
      });
      return found;
    },

    /** The outbox's sending step, for the periodic job (see mail/delivery.ts). */
    deliverPending: (limit?: number) => deliverPending(db, limit ? runtime(limit) : runtime()),
    /** The digests that are due, for the periodic job (see mail/digest.ts). */
    sendDueDigests: () => sendDueDigests(db, runtime()),
    close: () => setup.mailer?.close(),
  };
}

export type MailService = ReturnType<typeof createMailService>;
