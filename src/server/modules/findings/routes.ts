import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/actor.js';
import { requireIfMatch, setEtag } from '../../http/etag.js';
import { Id, IdParams, page, Paging } from '../../http/schemas.js';
import {
  CouncilDecisionInput,
  Finding,
  FindingDepartment,
  FindingDetail,
  FindingInput,
  FindingPatch,
  FindingQuery,
  Report,
  ReportInput,
  ReportPatch,
  StateChange,
} from './schemas.js';

export const findingRoutes: FastifyPluginAsyncZod = async (app) => {
  const svc = app.services.findings;

  app.get('/reports', { schema: { tags: ['reports'], response: { 200: z.object({ items: z.array(Report) }) } } }, async (req) => ({ items: await svc.listReports(actorOf(req)) }));
  app.get('/reports/:id', { schema: { tags: ['reports'], params: IdParams, response: { 200: Report } } }, async (req, reply) => {
    const r = await svc.getReport(actorOf(req), req.params.id);
    setEtag(reply, r.version);
    return r;
  });
  app.post('/reports', { schema: { tags: ['reports'], body: ReportInput, response: { 201: Report } } }, async (req, reply) => {
    const r = await svc.createReport(actorOf(req), req.body);
    setEtag(reply, r.version);
    return reply.status(201).send(r);
  });
  app.patch('/reports/:id', { schema: { tags: ['reports'], params: IdParams, body: ReportPatch, response: { 200: Report } } }, async (req, reply) => {
    const r = await svc.updateReport(actorOf(req), req.params.id, requireIfMatch(req), req.body);
    setEtag(reply, r.version);
    return r;
  });
  app.delete('/reports/:id', { schema: { tags: ['reports'], params: IdParams, response: { 204: z.null() } } }, async (req, reply) => {
    await svc.deleteReport(actorOf(req), req.params.id, requireIfMatch(req));
    return reply.status(204).send(null);
  });

  app.get(
    '/findings',
    { schema: { tags: ['findings'], summary: 'Findings, filtered and paged', querystring: FindingQuery.extend(Paging.shape), response: { 200: page(Finding) } } },
    async (req) => {
      const { limit, offset, ...filter } = req.query;
      return svc.listFindings(actorOf(req), filter, { limit, offset });
    },
  );
  app.post(
    '/reports/:id/findings',
    { schema: { tags: ['findings'], params: IdParams, body: FindingInput, response: { 201: Finding } } },
    async (req, reply) => {
      const f = await svc.createFinding(actorOf(req), req.params.id, req.body);
      setEtag(reply, f.version);
      return reply.status(201).send(f);
    },
  );
  app.get('/findings/:id', { schema: { tags: ['findings'], params: IdParams, response: { 200: FindingDetail } } }, async (req, reply) => {
    const f = await svc.getFindingDetail(actorOf(req), req.params.id);
    setEtag(reply, f.version);
    return f;
  });
  app.patch('/findings/:id', { schema: { tags: ['findings'], params: IdParams, body: FindingPatch, response: { 200: Finding } } }, async (req, reply) => {
    const f = await svc.updateFinding(actorOf(req), req.params.id, requireIfMatch(req), req.body);
    setEtag(reply, f.version);
    return f;
  });
  app.delete('/findings/:id', { schema: { tags: ['findings'], params: IdParams, response: { 204: z.null() } } }, async (req, reply) => {
    await svc.deleteFinding(actorOf(req), req.params.id, requireIfMatch(req));
    return reply.status(204).send(null);
  });
  app.put(
    '/findings/:id/departments/:departmentId/state',
    {
      schema: {
        tags: ['findings'],
        summary: "Move one department's part of a finding (propose closure, close, reopen)",
        params: z.object({ id: Id, departmentId: Id }),
        body: StateChange,
        response: { 200: FindingDepartment },
      },
    },
    async (req, reply) => {
      const part = await svc.changeDepartmentState(actorOf(req), req.params.id, req.params.departmentId, requireIfMatch(req), req.body.state, req.body.note ?? null);
      setEtag(reply, part.version);
      return part;
    },
  );
  app.put(
    '/findings/:id/council-decision',
    {
      schema: {
        tags: ['findings'],
        params: IdParams,
        body: CouncilDecisionInput,
        response: { 200: z.object({ id: Id, meetingId: Id.nullable(), text: z.string(), committeeComment: z.string().nullable(), version: z.number().int() }) },
      },
    },
    async (req) => svc.setCouncilDecision(actorOf(req), req.params.id, req.body),
  );
};
