import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/actor.js';
import { detail, Problem } from '../../http/problem.js';
import { IdParams } from '../../http/schemas.js';
import { CalendarFeedInput, CalendarFeedList, CreatedCalendarFeed } from './schemas.js';

/**
 * The web app's origin as the caller reached it: the feed URL and each event's link point there.
 * (Behind a TLS-terminating proxy, TILSYN_TRUST_PROXY makes protocol and host the proxy's.)
 */
export const originOf = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

/** The signed-in API: one's own feeds (under /api/v1). */
export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  const svc = app.services.calendar;
  const tags = ['calendar'];
  app.get(
    '/calendar/feeds',
    {
      schema: {
        tags,
        summary: 'Your calendar feeds (never their tokens) and the departments you may make a feed for',
        response: { 200: CalendarFeedList },
      },
    },
    async (req) => svc.list(actorOf(req)),
  );
  app.post(
    '/calendar/feeds',
    {
      schema: {
        tags,
        summary: 'Make an iCal feed of your deadlines or of a department you may read; the answer holds its secret URL, once',
        body: CalendarFeedInput,
        response: { 201: CreatedCalendarFeed },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.create(actorOf(req), req.body, originOf(req))),
  );
  app.delete(
    '/calendar/feeds/:id',
    { schema: { tags, summary: 'Revoke one of your calendar feeds: its URL answers 404 from now on', params: IdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await svc.revoke(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
};

/**
 * The feed itself, outside /api/v1: a calendar client (Outlook, a phone) sends no session, only
 * the URL, whose secret token is the credential. Unknown and revoked tokens answer the same 404.
 */
export const calendarFeedRoutes: FastifyPluginAsyncZod = async (app) => {
  const svc = app.services.calendar;
  app.get(
    '/calendar/:file',
    {
      config: { rateLimit: { max: 120, timeWindow: 60_000 } },
      schema: {
        tags: ['calendar'],
        summary: 'An iCal feed (text/calendar) by its secret token: GET /calendar/<token>.ics, no sign-in',
        security: [],
        params: z.object({ file: z.string().max(200) }),
        produces: ['text/calendar'],
        response: { 200: z.string() },
      },
    },
    async (req, reply) => {
      const match = /^([A-Za-z0-9_-]+)\.ics$/.exec(req.params.file);
      const body = match ? await svc.feed(match[1]!, originOf(req)) : null;
      if (body === null) throw new Problem(404, 'notFound', detail('calendar.feedNotFound'));
      return reply
        .type('text/calendar; charset=utf-8')
        .header('cache-control', 'private, no-cache')
        .header('content-disposition', 'inline; filename="tilsyn.ics"')
        .send(body);
    },
  );
};
