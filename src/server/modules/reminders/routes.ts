import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/actor.js';
import { requireIfMatch, setEtag } from '../../http/etag.js';
import { IdParams, patchOf } from '../../http/schemas.js';
import { FindingReminderList, ReminderSettings, ReminderSettingsInput, RoundSchedule, RoundScheduleInput, RoundScheduleList } from './schemas.js';

export const remindersRoutes: FastifyPluginAsyncZod = async (app) => {
  const svc = app.services.reminders;
  const tags = ['reminders'];

  app.get(
    '/reminder-settings',
    { schema: { tags, summary: 'When the municipality reminds and escalates (the defaults until saved: version 0)', response: { 200: ReminderSettings } } },
    async (req, reply) => {
      const s = await svc.getSettings(actorOf(req));
      setEtag(reply, s.version);
      return s;
    },
  );
  app.put(
    '/reminder-settings',
    {
      schema: { tags, summary: 'Change the reminder settings (If-Match "0" the first time)', body: ReminderSettingsInput, response: { 200: ReminderSettings } },
    },
    async (req, reply) => {
      const s = await svc.putSettings(actorOf(req), requireIfMatch(req), req.body);
      setEtag(reply, s.version);
      return s;
    },
  );

  app.get('/round-schedules', { schema: { tags, summary: 'Rounds that open themselves each year', response: { 200: RoundScheduleList } } }, async (req) =>
    svc.listSchedules(actorOf(req)),
  );
  app.post('/round-schedules', { schema: { tags, body: RoundScheduleInput, response: { 201: RoundSchedule } } }, async (req, reply) => {
    const s = await svc.createSchedule(actorOf(req), req.body);
    setEtag(reply, s.version);
    return reply.status(201).send(s);
  });
  app.patch(
    '/round-schedules/:id',
    { schema: { tags, params: IdParams, body: patchOf(RoundScheduleInput), response: { 200: RoundSchedule } } },
    async (req, reply) => {
      const s = await svc.updateSchedule(actorOf(req), req.params.id, requireIfMatch(req), req.body);
      setEtag(reply, s.version);
      return s;
    },
  );
  app.delete('/round-schedules/:id', { schema: { tags, params: IdParams, response: { 204: z.null() } } }, async (req, reply) => {
    await svc.deleteSchedule(actorOf(req), req.params.id, requireIfMatch(req));
    return reply.status(204).send(null);
  });

  app.get(
    '/findings/:id/reminders',
    {
      schema: {
        tags,
        summary: "Who was reminded of or escalated the finding's plan requests, measures and answers, and when",
        params: IdParams,
        response: { 200: FindingReminderList },
      },
    },
    async (req) => svc.findingReminders(actorOf(req), req.params.id),
  );
};
