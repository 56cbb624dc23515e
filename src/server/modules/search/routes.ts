import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/actor.js';
import { SearchQuery, SearchResult } from './schemas.js';

export const searchRoutes: FastifyPluginAsyncZod = async (app) => {
  const svc = app.services.search;
  app.get(
    '/search',
    { schema: { tags: ['search'], summary: "Full-text search in the municipality's language", querystring: SearchQuery, response: { 200: SearchResult } } },
    async (req) => svc.search(actorOf(req), req.query.q, req.query.limit),
  );
};
