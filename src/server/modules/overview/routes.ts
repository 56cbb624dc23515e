import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/actor.js';
import { Overview, OverviewQuery, SlippageByRound } from './schemas.js';

export const overviewRoutes: FastifyPluginAsyncZod = async (app) => {
  const svc = app.services.overview;
  const tags = ['overview'];

  app.get(
    '/overview',
    { schema: { tags, summary: 'Findings and measures per department, committee and in total', querystring: OverviewQuery, response: { 200: Overview } } },
    async (req) => svc.overview(actorOf(req), req.query),
  );
  app.get(
    '/overview/slippage',
    { schema: { tags, summary: 'Deadline slippage caused by each status round, in round order', response: { 200: SlippageByRound } } },
    async (req) => svc.slippageByRound(actorOf(req)),
  );
};
