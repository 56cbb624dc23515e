import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/actor.js';
import { requireIfMatch, setEtag } from '../../http/etag.js';
import { Id, IdParams, page, Paging } from '../../http/schemas.js';
import { attachment } from '../../http/download.js';
import { exportFileName, findingsCsv, findingsXlsx } from './export.js';
import {
  CouncilDecision,
  CouncilDecisionInput,
  Finding,
  FindingDepartment,
  FindingDetail,
  FindingExportQuery,
  FindingInput,
  FindingPatch,
  FindingQuery,
  PlanRequestInput,
  Report,
  ReportInput,
  ReportPatch,
  StateChange,
} from './schemas.js';

export const findingRoutes: FastifyPluginAsyncZod = async (app) => {
  const svc = app.services.findings;

  app.get('/reports', { schema: { tags: ['reports'], response: { 200: z.object({ items: z.array(Report) }) } } }, async (req) => ({
    items: await svc.listReports(actorOf(req)),
  }));
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
    {
      schema: { tags: ['findings'], summary: 'Findings, filtered and paged', querystring: FindingQuery.extend(Paging.shape), response: { 200: page(Finding) } },
    },
    async (req) => {
      const { limit, offset, ...filter } = req.query;
      return svc.listFindings(actorOf(req), filter, { limit, offset });
    },
  );
  app.get(
    '/findings/export',
    {
      schema: {
        tags: ['findings'],
        summary: "The findings list as CSV or XLSX, with the list's filters; a reader's file never holds a confidential finding",
        querystring: FindingExportQuery,
        produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { format, ...filter } = req.query;
      const [items, reports] = await Promise.all([svc.exportFindings(actor, filter), svc.listReports(actor)]);
      const titles = new Map(reports.map((r) => [r.id, r.title]));
      const fileName = exportFileName(actor.locale, actor.vocabulary, format);
      reply.header('Content-Disposition', attachment(fileName)).header('Cache-Control', 'no-store').header('X-Content-Type-Options', 'nosniff');
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(findingsCsv(items, titles, actor.locale, actor.vocabulary));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(await findingsXlsx(items, titles, actor.locale, actor.vocabulary));
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
      const part = await svc.changeDepartmentState(
        actorOf(req),
        req.params.id,
        req.params.departmentId,
        requireIfMatch(req),
        req.body.state,
        req.body.note ?? null,
      );
      setEtag(reply, part.version);
      return part;
    },
  );
  app.put(
    '/findings/:id/council-decision',
    {
      schema: {
        tags: ['findings'],
        summary: "Record or change the council's decision on a finding (If-Match with the decision's version when one exists)",
        params: IdParams,
        body: CouncilDecisionInput,
        response: { 200: CouncilDecision },
      },
    },
    async (req, reply) => {
      const version = req.headers['if-match'] === undefined ? null : requireIfMatch(req);
      const decision = await svc.setCouncilDecision(actorOf(req), req.params.id, version, req.body);
      setEtag(reply, decision.version);
      return decision;
    },
  );
  app.post(
    '/findings/:id/plan-requests',
    {
      schema: {
        tags: ['findings'],
        summary: 'Ask departments of a finding for their plans, with a due date (one request per department)',
        params: IdParams,
        body: PlanRequestInput,
        response: { 200: Finding },
      },
    },
    async (req, reply) => {
      const f = await svc.requestPlans(actorOf(req), req.params.id, req.body);
      setEtag(reply, f.version);
      return f;
    },
  );
};
