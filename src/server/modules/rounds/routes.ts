import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/actor.js';
import { requireIfMatch, setEtag } from '../../http/etag.js';
import { IdParams } from '../../http/schemas.js';
import {
  DepartmentParams,
  DepartmentRound,
  EntryParams,
  ReturnInput,
  Round,
  RoundDetail,
  RoundInput,
  RoundPatch,
  StatusEntry,
  StatusEntryInput,
  Submission,
} from './schemas.js';

/** If-Match when given: a status entry's first save has no version yet; the service demands it for later ones. */
const optionalIfMatch = (req: FastifyRequest): number | null => (req.headers['if-match'] === undefined ? null : requireIfMatch(req));

export const roundsRoutes: FastifyPluginAsyncZod = async (app) => {
  const svc = app.services.rounds;
  const tags = ['follow-up'];

  app.get('/rounds', { schema: { tags, response: { 200: z.object({ items: z.array(Round) }) } } }, async (req) => ({
    items: await svc.listRounds(actorOf(req)),
  }));
  app.post('/rounds', { schema: { tags, body: RoundInput, response: { 201: Round } } }, async (req, reply) => {
    const r = await svc.createRound(actorOf(req), req.body);
    setEtag(reply, r.version);
    return reply.status(201).send(r);
  });
  app.get(
    '/rounds/:id',
    { schema: { tags, summary: "A round with every department's submission state and progress", params: IdParams, response: { 200: RoundDetail } } },
    async (req, reply) => {
      const r = await svc.getRound(actorOf(req), req.params.id);
      setEtag(reply, r.version);
      return r;
    },
  );
  app.patch('/rounds/:id', { schema: { tags, params: IdParams, body: RoundPatch, response: { 200: Round } } }, async (req, reply) => {
    const r = await svc.updateRound(actorOf(req), req.params.id, requireIfMatch(req), req.body);
    setEtag(reply, r.version);
    return r;
  });
  app.post('/rounds/:id/close', { schema: { tags, params: IdParams, response: { 200: Round } } }, async (req, reply) => {
    const r = await svc.closeRound(actorOf(req), req.params.id, requireIfMatch(req));
    setEtag(reply, r.version);
    return r;
  });

  app.get(
    '/rounds/:id/departments/:departmentId',
    {
      schema: {
        tags,
        summary: "One department's measures in a round, with their status entries",
        params: DepartmentParams,
        response: { 200: DepartmentRound },
      },
    },
    async (req) => svc.getDepartmentRound(actorOf(req), req.params.id, req.params.departmentId),
  );
  app.put(
    '/rounds/:id/departments/:departmentId/measures/:measureId',
    {
      schema: {
        tags,
        summary: "Save one measure's status in the round (If-Match once the entry exists)",
        params: EntryParams,
        body: StatusEntryInput,
        response: { 200: StatusEntry },
      },
    },
    async (req, reply) => {
      const { id, departmentId, measureId } = req.params;
      const entry = await svc.putEntry(actorOf(req), id, departmentId, measureId, optionalIfMatch(req), req.body);
      setEtag(reply, entry.version);
      return entry;
    },
  );

  app.get('/submissions/:id', { schema: { tags, params: IdParams, response: { 200: Submission } } }, async (req, reply) => {
    const s = await svc.getSubmission(actorOf(req), req.params.id);
    setEtag(reply, s.version);
    return s;
  });
  app.post('/submissions/:id/submit', { schema: { tags, params: IdParams, response: { 200: Submission } } }, async (req, reply) => {
    const s = await svc.submit(actorOf(req), req.params.id, requireIfMatch(req));
    setEtag(reply, s.version);
    return s;
  });
  app.post(
    '/submissions/:id/return',
    { schema: { tags, summary: 'Send a submitted answer back for correction', params: IdParams, body: ReturnInput, response: { 200: Submission } } },
    async (req, reply) => {
      const s = await svc.returnSubmission(actorOf(req), req.params.id, requireIfMatch(req), req.body.reason);
      setEtag(reply, s.version);
      return s;
    },
  );
  app.post('/submissions/:id/accept', { schema: { tags, params: IdParams, response: { 200: Submission } } }, async (req, reply) => {
    const s = await svc.acceptSubmission(actorOf(req), req.params.id, requireIfMatch(req));
    setEtag(reply, s.version);
    return s;
  });
};
