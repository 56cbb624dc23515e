import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { attachment } from '../../http/download.js';
import { actorOf } from '../../http/actor.js';
import { IdParams, page, Paging } from '../../http/schemas.js';
import { z } from 'zod';
import { AuditEntry, AuditExportQuery, AuditQuery, AuditVerifyResult, ChangeEntry, HistoryQuery } from './schemas.js';

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

  // The audit trail: auditors, administrators and central coordinators (the service decides).
  const atags = ['audit'];
  app.get(
    '/audit',
    {
      schema: {
        tags: atags,
        summary: 'The audit trail: one entry per command (who, when, how signed in, what) with its changes before and after, newest first',
        querystring: AuditQuery,
        response: { 200: page(AuditEntry) },
      },
    },
    async (req) => {
      const { limit, offset, ...filter } = req.query;
      return svc.audit(actorOf(req), filter, { limit, offset });
    },
  );
  app.get(
    '/audit/export',
    {
      schema: {
        tags: atags,
        summary: 'The filtered audit trail as a file, oldest first: CSV (UTF-8 with BOM, one line per change) or a JSON array of entries',
        querystring: AuditExportQuery,
        produces: ['text/csv', 'application/json'],
        response: { 200: z.array(AuditEntry).describe('format=json; format=csv answers text/csv with a header row') },
      },
    },
    async (req, reply) => {
      const { format, delimiter, ...filter } = req.query;
      const { stream, fileName } = await svc.auditExport(actorOf(req), filter, format, delimiter);
      return (
        reply
          .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
          .header('Content-Disposition', attachment(fileName))
          .header('X-Content-Type-Options', 'nosniff')
          // A stream is sent as it is (Fastify serialises only plain values); the schema documents the JSON form.
          .send(stream as never)
      );
    },
  );
  app.get(
    '/audit/verify',
    {
      schema: {
        tags: atags,
        summary: "Recompute the municipality's audit chain and report the first broken link, if any",
        response: { 200: AuditVerifyResult },
      },
    },
    async (req) => svc.verify(actorOf(req)),
  );
};
