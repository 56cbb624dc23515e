import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/actor.js';
import { requireIfMatch, setEtag } from '../../http/etag.js';
import { Id, IdParams, page, Paging } from '../../http/schemas.js';
import { CarryOverInput, FindingDetail } from '../findings/schemas.js';
import {
  AccountPlanInput,
  Acceptance,
  AcceptanceInput,
  AnswerApprovalInput,
  AnswerDocument,
  AnswerInput,
  AnswerRevision,
  CompareQuery,
  OwnerCandidate,
  Revision,
  RevisionComparison,
  AnswerParams,
  ApprovalInput,
  CheckResult,
  Measure,
  MeasureDetail,
  MeasureInput,
  MeasureOrderInput,
  MeasurePatch,
  Plan,
  PlanInput,
  PlanPatch,
  PlanQuery,
  ReturnInput,
} from './schemas.js';

export const plansRoutes: FastifyPluginAsyncZod = async (app) => {
  const svc = app.services.plans;
  const tags = ['plans'];

  app.post(
    '/findings/:id/plans',
    {
      schema: {
        tags,
        summary: 'Create the action plan of a department (or a cross-cutting one) for a finding',
        params: IdParams,
        body: PlanInput,
        response: { 201: Plan },
      },
    },
    async (req, reply) => {
      const plan = await svc.createPlan(actorOf(req), req.params.id, req.body);
      setEtag(reply, plan.version);
      return reply.status(201).send(plan);
    },
  );
  app.post(
    '/reconciliations/:id/action-plan',
    {
      schema: {
        tags,
        summary:
          "Create the action plan of a category 2/3 balance account from one of its reconciliations (409 when a plan already covers the account's open items)",
        params: IdParams,
        body: AccountPlanInput,
        response: { 201: Plan },
      },
    },
    async (req, reply) => {
      const plan = await svc.createAccountPlan(actorOf(req), req.params.id, req.body);
      setEtag(reply, plan.version);
      return reply.status(201).send(plan);
    },
  );
  app.post(
    '/system-reconciliations/:id/action-plan',
    {
      schema: {
        tags,
        summary: 'Create the action plan of a system reconciliation with a difference (409 when it has one)',
        params: IdParams,
        body: AccountPlanInput,
        response: { 201: Plan },
      },
    },
    async (req, reply) => {
      const plan = await svc.createSystemPlan(actorOf(req), req.params.id, req.body);
      setEtag(reply, plan.version);
      return reply.status(201).send(plan);
    },
  );
  app.get(
    '/plans',
    { schema: { tags, summary: 'Action plans, filtered and paged', querystring: PlanQuery.extend(Paging.shape), response: { 200: page(Plan) } } },
    async (req) => {
      const { limit, offset, ...filter } = req.query;
      return svc.listPlans(actorOf(req), filter, { limit, offset });
    },
  );
  app.get('/plans/:id', { schema: { tags, params: IdParams, response: { 200: Plan } } }, async (req, reply) => {
    const plan = await svc.getPlan(actorOf(req), req.params.id);
    setEtag(reply, plan.version);
    return plan;
  });
  app.patch('/plans/:id', { schema: { tags, params: IdParams, body: PlanPatch, response: { 200: Plan } } }, async (req, reply) => {
    const plan = await svc.updatePlan(actorOf(req), req.params.id, requireIfMatch(req), req.body);
    setEtag(reply, plan.version);
    return plan;
  });
  app.delete('/plans/:id', { schema: { tags, summary: 'Delete a draft plan', params: IdParams, response: { 204: z.null() } } }, async (req, reply) => {
    await svc.deletePlan(actorOf(req), req.params.id, requireIfMatch(req));
    return reply.status(204).send(null);
  });

  // Measures
  app.post('/plans/:id/measures', { schema: { tags, params: IdParams, body: MeasureInput, response: { 201: Measure } } }, async (req, reply) => {
    const measure = await svc.createMeasure(actorOf(req), req.params.id, req.body);
    setEtag(reply, measure.version);
    return reply.status(201).send(measure);
  });
  app.get(
    '/measures/:id',
    { schema: { tags, summary: 'A measure with its deadline history and statuses', params: IdParams, response: { 200: MeasureDetail } } },
    async (req, reply) => {
      const measure = await svc.getMeasureDetail(actorOf(req), req.params.id);
      setEtag(reply, measure.version);
      return measure;
    },
  );
  app.patch('/measures/:id', { schema: { tags, params: IdParams, body: MeasurePatch, response: { 200: Measure } } }, async (req, reply) => {
    const measure = await svc.updateMeasure(actorOf(req), req.params.id, requireIfMatch(req), req.body);
    setEtag(reply, measure.version);
    return measure;
  });
  app.delete('/measures/:id', { schema: { tags, params: IdParams, response: { 204: z.null() } } }, async (req, reply) => {
    await svc.deleteMeasure(actorOf(req), req.params.id, requireIfMatch(req));
    return reply.status(204).send(null);
  });
  app.put(
    '/plans/:id/measure-order',
    {
      schema: {
        tags,
        summary: "Reorder the plan's measures, optionally renumbering them (takes the plan's ETag)",
        params: IdParams,
        body: MeasureOrderInput,
        response: { 200: Plan },
      },
    },
    async (req, reply) => {
      const plan = await svc.reorderMeasures(actorOf(req), req.params.id, requireIfMatch(req), req.body);
      setEtag(reply, plan.version);
      return plan;
    },
  );

  // Guidance check and approval
  app.get(
    '/plans/:id/check',
    { schema: { tags, summary: "The guidance check of the plan, in the reader's language", params: IdParams, response: { 200: CheckResult } } },
    async (req) => svc.check(actorOf(req), req.params.id),
  );
  app.post(
    '/plans/:id/acceptances',
    {
      schema: {
        tags,
        summary: 'Accept one error of the guidance check, with a reason',
        params: IdParams,
        body: AcceptanceInput,
        response: { 201: Acceptance },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.acceptBreach(actorOf(req), req.params.id, req.body)),
  );
  app.delete(
    '/plans/:id/acceptances/:acceptanceId',
    { schema: { tags, params: z.object({ id: Id, acceptanceId: Id }), response: { 204: z.null() } } },
    async (req, reply) => {
      await svc.deleteAcceptance(actorOf(req), req.params.id, req.params.acceptanceId);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/plans/:id/submit',
    { schema: { tags, summary: 'Submit for approval; 422 lists the open errors of the guidance check', params: IdParams, response: { 200: Plan } } },
    async (req, reply) => {
      const plan = await svc.submit(actorOf(req), req.params.id, requireIfMatch(req));
      setEtag(reply, plan.version);
      return plan;
    },
  );
  app.post(
    '/plans/:id/return',
    {
      schema: {
        tags,
        summary: 'Send a submitted plan back for correction, with a comment the department reads on its draft',
        params: IdParams,
        body: ReturnInput,
        response: { 200: Plan },
      },
    },
    async (req, reply) => {
      const plan = await svc.returnPlan(actorOf(req), req.params.id, requireIfMatch(req), req.body.reason);
      setEtag(reply, plan.version);
      return plan;
    },
  );
  app.post(
    '/plans/:id/approvals',
    {
      schema: {
        tags,
        summary: 'Approve a submitted plan (the meeting that decided it); 422 lists open guidance errors unless central coordination overrides with a reason',
        params: IdParams,
        body: ApprovalInput,
        response: { 200: Plan },
      },
    },
    async (req, reply) => {
      const plan = await svc.approve(actorOf(req), req.params.id, requireIfMatch(req), req.body);
      setEtag(reply, plan.version);
      return plan;
    },
  );

  // Revisions
  app.post(
    '/plans/:id/revise',
    {
      schema: {
        tags,
        summary: 'Open a new revision of an approved plan, in draft; the approved revision stays in force until the new one is approved',
        params: IdParams,
        response: { 200: Plan },
      },
    },
    async (req, reply) => {
      const plan = await svc.revise(actorOf(req), req.params.id, requireIfMatch(req));
      setEtag(reply, plan.version);
      return plan;
    },
  );
  app.get(
    '/plans/:id/revisions',
    { schema: { tags, summary: "The plan's approved revisions, and the one being written", params: IdParams, response: { 200: z.array(Revision) } } },
    async (req) => svc.revisions(actorOf(req), req.params.id),
  );
  app.get(
    '/plans/:id/revisions/compare',
    {
      schema: {
        tags,
        summary: 'Field by field, what changed from one revision to another',
        params: IdParams,
        querystring: CompareQuery,
        response: { 200: RevisionComparison },
      },
    },
    async (req) => svc.compareRevisions(actorOf(req), req.params.id, req.query.from, req.query.to),
  );
  app.get(
    '/plans/:id/owner-candidates',
    { schema: { tags, summary: "Users who may own a measure of the plan (its department's)", params: IdParams, response: { 200: z.array(OwnerCandidate) } } },
    async (req) => svc.ownerCandidates(actorOf(req), req.params.id),
  );

  // Answer documents
  app.put(
    '/plans/:id/answers/:kind',
    {
      schema: {
        tags,
        summary: 'Create or replace an answer document (If-Match once it exists)',
        params: AnswerParams,
        body: AnswerInput,
        response: { 200: AnswerDocument, 201: AnswerDocument },
      },
    },
    async (req, reply) => {
      const version = req.headers['if-match'] === undefined ? null : requireIfMatch(req);
      const { created, answer } = await svc.putAnswer(actorOf(req), req.params.id, req.params.kind, version, req.body);
      setEtag(reply, answer.version);
      return reply.status(created ? 201 : 200).send(answer);
    },
  );

  const answerCommand = (to: 'submit' | 'revise', summary: string) =>
    app.post(`/plans/:id/answers/:kind/${to}`, { schema: { tags, summary, params: AnswerParams, response: { 200: AnswerDocument } } }, async (req, reply) => {
      const answer = await svc.answerTransition(actorOf(req), req.params.id, req.params.kind, requireIfMatch(req), { to });
      setEtag(reply, answer.version);
      return answer;
    });
  app.get(
    '/plans/:id/answers/:kind/revisions',
    {
      schema: {
        tags,
        summary: "The answer document's approved revisions with their content, and the one being written",
        params: AnswerParams,
        response: { 200: z.array(AnswerRevision) },
      },
    },
    async (req) => svc.answerRevisions(actorOf(req), req.params.id, req.params.kind),
  );
  answerCommand('submit', 'Submit the answer document for approval');
  answerCommand('revise', 'Open a new revision of an approved answer document, in draft');
  app.post(
    '/plans/:id/answers/:kind/return',
    {
      schema: {
        tags,
        summary: 'Send a submitted answer document back, with a comment',
        params: AnswerParams,
        body: ReturnInput,
        response: { 200: AnswerDocument },
      },
    },
    async (req, reply) => {
      const answer = await svc.answerTransition(actorOf(req), req.params.id, req.params.kind, requireIfMatch(req), { to: 'return', reason: req.body.reason });
      setEtag(reply, answer.version);
      return answer;
    },
  );
  app.post(
    '/plans/:id/answers/:kind/approvals',
    {
      schema: {
        tags,
        summary: 'Approve a submitted answer document (the meeting that decided it)',
        params: AnswerParams,
        body: AnswerApprovalInput,
        response: { 200: AnswerDocument },
      },
    },
    async (req, reply) => {
      const answer = await svc.answerTransition(actorOf(req), req.params.id, req.params.kind, requireIfMatch(req), { to: 'approve', ...req.body });
      setEtag(reply, answer.version);
      return answer;
    },
  );

  // Year rollover
  app.post(
    '/findings/:id/carry-over',
    {
      schema: {
        tags: ['findings'],
        summary: "Carry a finding into a later year's report with its open measures",
        params: IdParams,
        body: CarryOverInput,
        response: { 201: FindingDetail },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const id = await svc.carryOver(actor, req.params.id, req.body);
      const finding = await app.services.findings.getFindingDetail(actor, id);
      setEtag(reply, finding.version);
      return reply.status(201).send(finding);
    },
  );
};
