import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/actor.js';
import { BalanceReport, ReportQuery } from './schemas.js';

/** The annual balance report as JSON, computed from the balance register's year-end reconciliations. */
export const balanceReportRoutes: FastifyPluginAsyncZod = async (app) => {
  const svc = app.services.balanceReport;
  app.get(
    '/balance-report',
    {
      schema: {
        tags: ['balance'],
        summary: "The annual balance report of a year (sections 1–5; amounts in øre and t.kr.); `committee` (code or id) gives that committee's section only",
        querystring: ReportQuery,
        response: { 200: BalanceReport },
      },
    },
    async (req) => svc.report(actorOf(req), req.query),
  );
};
