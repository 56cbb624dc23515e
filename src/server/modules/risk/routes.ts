import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/actor.js';
import { IdParams } from '../../http/schemas.js';
import { BackTest, BackTestQuery, Calendar, CalendarQuery, LinkedFinding, LinkParams, Model, Run, RunDetail, RunInput, RunQuery } from './schemas.js';

/** The risk-based reconciliation frequency: model runs, their application, the back-test, finding links and the calendar. */
export const riskRoutes: FastifyPluginAsyncZod = async (app) => {
  const svc = app.services.risk;
  const tags = ['balance'];

  app.get(
    '/risk-model/default',
    { schema: { tags, summary: 'The default risk model (weights, saturation points, thresholds)', response: { 200: Model } } },
    async (req) => svc.defaultModel(actorOf(req)),
  );
  app.get('/risk-runs', { schema: { tags, summary: 'Risk model runs, newest first', response: { 200: z.array(Run) } } }, async (req) =>
    svc.listRuns(actorOf(req)),
  );
  app.post(
    '/risk-runs',
    {
      schema: {
        tags,
        summary: 'Run the risk model at a month over every account and store the run with its inputs and results (parts of the model left out are the default)',
        body: RunInput,
        response: { 201: Run },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createRun(actorOf(req), req.body)),
  );
  app.get(
    '/risk-runs/:id',
    {
      schema: {
        tags,
        summary: "A run with its accounts' results (reasons in the reader's language), filtered and paged",
        params: IdParams,
        querystring: RunQuery,
        response: { 200: RunDetail },
      },
    },
    async (req) => svc.getRun(actorOf(req), req.params.id, req.query),
  );
  app.post(
    '/risk-runs/:id/apply',
    {
      schema: {
        tags,
        summary: "Set the qualified accounts' frequencies to the run's proposals (once; not after a later run was applied)",
        params: IdParams,
        response: { 200: Run },
      },
    },
    async (req) => svc.applyRun(actorOf(req), req.params.id),
  );
  app.get(
    '/risk-backtest',
    {
      schema: {
        tags,
        summary: 'Run the default model at every step-th month from..to on the stored history and compare with what happened next',
        querystring: BackTestQuery,
        response: { 200: BackTest },
      },
    },
    async (req) => svc.backTest(actorOf(req), req.query),
  );

  app.get(
    '/balance-accounts/:id/findings',
    { schema: { tags, summary: 'Findings linked to the account (known audit remarks)', params: IdParams, response: { 200: z.array(LinkedFinding) } } },
    async (req) => svc.linkedFindings(actorOf(req), req.params.id),
  );
  app.post(
    '/balance-accounts/:id/findings/:findingId',
    {
      schema: {
        tags,
        summary: 'Link a finding to the account (idempotent)',
        params: LinkParams,
        response: { 200: z.object({ created: z.boolean() }), 201: z.object({ created: z.boolean() }) },
      },
    },
    async (req, reply) => {
      const r = await svc.linkFinding(actorOf(req), req.params.id, req.params.findingId);
      return reply.status(r.created ? 201 : 200).send(r);
    },
  );
  app.delete(
    '/balance-accounts/:id/findings/:findingId',
    { schema: { tags, summary: 'Unlink a finding from the account', params: LinkParams } },
    async (req, reply) => {
      await svc.unlinkFinding(actorOf(req), req.params.id, req.params.findingId);
      return reply.status(204).send();
    },
  );

  app.get(
    '/reconciliation-calendar',
    {
      schema: {
        tags,
        summary: 'Per account the months a reconciliation is due at its frequency, and whether each is approved, in progress or overdue',
        querystring: CalendarQuery,
        response: { 200: Calendar },
      },
    },
    async (req) => svc.calendar(actorOf(req), req.query),
  );
};
