import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/actor.js';
import { IdParams, page, Paging } from '../../http/schemas.js';
import { ChangeEntry, HistoryQuery } from './schemas.js';

export const historyRoutes: FastifyPluginAsyncZod = async (app) => {
  const svc = app.services.history;

  app.get(
    '/history',
    { schema: { tags: ['history'], summary: 'Change-log entries, newest first', querystring: HistoryQuery, response: { 200: page(ChangeEntry) } } },
    async (req) => {
      const { limit, offset, ...filter } = req.query;
      return svc.list(actorOf(req), filter, { limit, offset });
    },
  );
  app.get(
    '/findings/:id/history',
    {
      schema: {
        tags: ['history'],
        summary: 'The changes of a finding and of everything under it (plans, measures, status entries, decisions, evidence, comments), newest first',
        params: IdParams,
        querystring: Paging,
        response: { 200: page(ChangeEntry) },
      },
    },
    async (req) => svc.ofFinding(actorOf(req), req.params.id, req.query),
  );
};
