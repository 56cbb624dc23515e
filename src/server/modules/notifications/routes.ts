import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/actor.js';
import { IdParams } from '../../http/schemas.js';
import { Notification, NotificationPage, NotificationPreferences, NotificationPreferencesInput, NotificationQuery, UnreadCount } from './schemas.js';

export const notificationsRoutes: FastifyPluginAsyncZod = async (app) => {
  const svc = app.services.notifications;
  const tags = ['notifications'];

  app.get(
    '/notifications',
    {
      schema: {
        tags,
        summary: "The caller's notifications, newest first, each with its text in the caller's language and the link to what it is about",
        querystring: NotificationQuery,
        response: { 200: NotificationPage },
      },
    },
    async (req) => {
      const { limit, offset, kind, unread } = req.query;
      return svc.list(actorOf(req), { kind, unread }, { limit, offset });
    },
  );
  app.get(
    '/notifications/unread-count',
    { schema: { tags, summary: "How many of the caller's notifications are unread (the bell)", response: { 200: UnreadCount } } },
    async (req) => svc.unreadCount(actorOf(req)),
  );
  app.post(
    '/notifications/:id/read',
    { schema: { tags, summary: 'Mark one of the caller’s notifications read', params: IdParams, response: { 200: Notification } } },
    async (req) => svc.markRead(actorOf(req), req.params.id),
  );
  app.post(
    '/notifications/read-all',
    {
      schema: {
        tags,
        summary: "Mark every one of the caller's notifications read",
        response: { 200: z.object({ marked: z.number().int(), unread: z.number().int() }) },
      },
    },
    async (req) => svc.markAllRead(actorOf(req)),
  );
  app.get(
    '/notifications/preferences',
    {
      schema: {
        tags,
        summary: "The caller's e-mail choices: per kind at once, in the digest or off; the digest daily or weekly",
        response: { 200: NotificationPreferences },
      },
    },
    async (req) => svc.preferences(actorOf(req)),
  );
  app.put(
    '/notifications/preferences',
    {
      schema: {
        tags,
        summary: "Replace the caller's e-mail choices (a kind not named is mailed at once); the app shows every notification regardless",
        body: NotificationPreferencesInput,
        response: { 200: NotificationPreferences },
      },
    },
    async (req) => svc.setPreferences(actorOf(req), req.body),
  );
};
