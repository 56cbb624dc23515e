import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/actor.js';
import { localeFromHeader } from '../../http/locale.js';
import { Problem } from '../../http/problem.js';
import { page } from '../../http/schemas.js';
import { confirmPage, donePage, invalidPage } from './page.js';
import { MailMessage, MailMessagesQuery, MailStatus, TestMailInput, UnsubscribeQuery, UnsubscribeResult } from './schemas.js';

const nonceOf = (reply: FastifyReply) => (reply as unknown as { cspNonce?: { style: string } }).cspNonce?.style ?? '';
/** A browser (the link in a mail, the confirmation form) gets a page; a mail client's one-click POST or an API client gets JSON. */
const wantsHtml = (req: FastifyRequest) => /text\/html/i.test(String(req.headers.accept ?? ''));

export const mailRoutes: FastifyPluginAsyncZod = async (app) => {
  const svc = app.services.mail;
  const tags = ['mail'];

  // RFC 8058: the one-click POST carries "List-Unsubscribe=One-Click" form-encoded; the token is in the URL, so the body is read and ignored.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) => done(null, { raw: body }));

  const html = (reply: FastifyReply, status: number, text: string) =>
    reply.status(status).type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(text);
  const invalid = (req: FastifyRequest, reply: FastifyReply, err: unknown) => {
    if (!(err instanceof Problem) || err.status !== 400 || !wantsHtml(req)) throw err;
    return html(reply, 400, invalidPage({ locale: localeFromHeader(req.headers['accept-language']) ?? 'da', nonce: nonceOf(reply) }));
  };

  app.get(
    '/mail/unsubscribe',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'The page an unsubscribe link in a mail opens: asks to confirm, in the person’s language, and changes nothing (no sign-in)',
        querystring: UnsubscribeQuery,
        produces: ['text/html'],
        response: { 200: z.string().describe('text/html') },
      },
    },
    async (req, reply) => {
      try {
        const { claim, recipient } = await svc.target(req.query.token);
        return html(
          reply,
          200,
          confirmPage({
            locale: recipient.locale,
            vocabulary: recipient.vocabulary,
            nonce: nonceOf(reply),
            action: `?token=${encodeURIComponent(req.query.token)}`,
            kind: claim.kind,
            municipality: recipient.municipalityName,
            email: recipient.email,
          }),
        );
      } catch (err) {
        return invalid(req, reply, err);
      }
    },
  );

  app.post(
    '/mail/unsubscribe',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Unsubscribe (no sign-in): turns e-mail off for the kind the signed link names; also the RFC 8058 one-click target of List-Unsubscribe-Post',
        querystring: UnsubscribeQuery,
        produces: ['application/json', 'text/html'],
        response: { 200: UnsubscribeResult },
      },
    },
    async (req, reply) => {
      try {
        const { claim, recipient } = await svc.unsubscribe(req.query.token);
        if (wantsHtml(req)) return html(reply, 200, donePage({ locale: recipient.locale, nonce: nonceOf(reply) }));
        return { unsubscribed: true as const, kind: claim.kind };
      } catch (err) {
        return invalid(req, reply, err);
      }
    },
  );

  app.get(
    '/mail/status',
    { schema: { tags, summary: 'Whether this server sends e-mail, and as whom (administrators)', response: { 200: MailStatus } } },
    async (req) => svc.status(actorOf(req)),
  );

  app.get(
    '/mail/messages',
    {
      schema: {
        tags,
        summary: 'The delivery log: every mail handed to SMTP or refused, with attempts and the last error, newest first (administrators)',
        querystring: MailMessagesQuery,
        response: { 200: page(MailMessage) },
      },
    },
    async (req) => {
      const { limit, offset, state } = req.query;
      return svc.messages(actorOf(req), state ? { state } : {}, { limit, offset });
    },
  );

  app.post(
    '/mail/test',
    {
      schema: {
        tags,
        summary:
          'Send a test mail to an address now, in the caller’s language; answers its delivery-log entry, sent or failed (administrators; 409 when mail is off)',
        body: TestMailInput,
        response: { 200: MailMessage },
      },
    },
    async (req) => svc.sendTest(actorOf(req), req.body.to),
  );
};
