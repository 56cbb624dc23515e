import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/actor.js';
import { requireIfMatch, setEtag } from '../../http/etag.js';
import { IdParams, page, Paging } from '../../http/schemas.js';
import {
  Account,
  AccountInput,
  AccountPatch,
  AccountQuery,
  ImFunction,
  Reconciliation,
  ReconciliationInput,
  ReconciliationPatch,
  Settings,
  SettingsInput,
  StarterResult,
  SystemInput,
  SystemPatch,
  SystemQuery,
  SystemReconciliation,
} from './schemas.js';

/** The balance register: chart of accounts, balance accounts, reconciliations, system reconciliations. */
export const balanceRoutes: FastifyPluginAsyncZod = async (app) => {
  const svc = app.services.balance;
  const tags = ['balance'];

  app.get(
    '/im-functions',
    { schema: { tags, summary: 'The chart of accounts (IM functions), by code', response: { 200: z.array(ImFunction) } } },
    async (req) => svc.listImFunctions(actorOf(req)),
  );
  app.post(
    '/im-functions/starter',
    { schema: { tags, summary: 'Load the starter chart of accounts (idempotent)', response: { 200: StarterResult } } },
    async (req) => svc.loadStarterChart(actorOf(req)),
  );

  app.get('/balance-settings', { schema: { tags, summary: 'The materiality threshold (øre)', response: { 200: Settings } } }, async (req, reply) => {
    const s = await svc.getSettings(actorOf(req));
    setEtag(reply, s.version);
    return s;
  });
  app.put(
    '/balance-settings',
    { schema: { tags, summary: 'Set the materiality threshold (If-Match; "0" before the first change)', body: SettingsInput, response: { 200: Settings } } },
    async (req, reply) => {
      const s = await svc.updateSettings(actorOf(req), requireIfMatch(req), req.body);
      setEtag(reply, s.version);
      return s;
    },
  );

  app.get(
    '/balance-accounts',
    {
      schema: {
        tags,
        summary: 'Balance accounts with their latest reconciliation, filtered and paged',
        querystring: AccountQuery.extend(Paging.shape),
        response: { 200: page(Account) },
      },
    },
    async (req) => {
      const { limit, offset, ...filter } = req.query;
      return svc.listAccounts(actorOf(req), filter, { limit, offset });
    },
  );
  app.post('/balance-accounts', { schema: { tags, body: AccountInput, response: { 201: Account } } }, async (req, reply) => {
    const a = await svc.createAccount(actorOf(req), req.body);
    setEtag(reply, a.version);
    return reply.status(201).send(a);
  });
  app.get('/balance-accounts/:id', { schema: { tags, params: IdParams, response: { 200: Account } } }, async (req, reply) => {
    const a = await svc.getAccount(actorOf(req), req.params.id);
    setEtag(reply, a.version);
    return a;
  });
  app.patch('/balance-accounts/:id', { schema: { tags, params: IdParams, body: AccountPatch, response: { 200: Account } } }, async (req, reply) => {
    const a = await svc.updateAccount(actorOf(req), req.params.id, requireIfMatch(req), req.body);
    setEtag(reply, a.version);
    return a;
  });

  app.get(
    '/balance-accounts/:id/reconciliations',
    { schema: { tags, summary: "The account's reconciliations, newest period first", params: IdParams, response: { 200: z.array(Reconciliation) } } },
    async (req) => svc.listReconciliations(actorOf(req), req.params.id),
  );
  app.post(
    '/balance-accounts/:id/reconciliations',
    {
      schema: {
        tags,
        summary: 'Reconcile the account for a period; the amounts are computed from the items',
        params: IdParams,
        body: ReconciliationInput,
        response: { 201: Reconciliation },
      },
    },
    async (req, reply) => {
      const r = await svc.createReconciliation(actorOf(req), req.params.id, req.body);
      setEtag(reply, r.version);
      return reply.status(201).send(r);
    },
  );
  app.get('/reconciliations/:id', { schema: { tags, params: IdParams, response: { 200: Reconciliation } } }, async (req, reply) => {
    const r = await svc.getReconciliation(actorOf(req), req.params.id);
    setEtag(reply, r.version);
    return r;
  });
  app.patch(
    '/reconciliations/:id',
    {
      schema: {
        tags,
        summary: 'Edit an open reconciliation; a changed ledger balance also de-certifies a signed-off one',
        params: IdParams,
        body: ReconciliationPatch,
        response: { 200: Reconciliation },
      },
    },
    async (req, reply) => {
      const r = await svc.updateReconciliation(actorOf(req), req.params.id, requireIfMatch(req), req.body);
      setEtag(reply, r.version);
      return r;
    },
  );
  for (const [path, summary, action] of [
    ['sign-off', "The preparer's sign-off", 'signOff'],
    ['approve', "The reviewer's approval (not by the preparer)", 'approve'],
    ['reopen', 'Reopen for correction (clears sign-off and approval)', 'reopen'],
  ] as const) {
    app.post(`/reconciliations/:id/${path}`, { schema: { tags, summary, params: IdParams, response: { 200: Reconciliation } } }, async (req, reply) => {
      const r = await svc[action](actorOf(req), req.params.id, requireIfMatch(req));
      setEtag(reply, r.version);
      return r;
    });
  }

  app.get('/system-reconciliations', { schema: { tags, querystring: SystemQuery, response: { 200: z.array(SystemReconciliation) } } }, async (req) =>
    svc.listSystemReconciliations(actorOf(req), req.query),
  );
  app.post(
    '/system-reconciliations',
    {
      schema: {
        tags,
        summary: "Record a specialist system's transfer difference for a month (creates or updates)",
        body: SystemInput,
        response: { 200: SystemReconciliation, 201: SystemReconciliation },
      },
    },
    async (req, reply) => {
      const { created, reconciliation } = await svc.recordSystemDifference(actorOf(req), req.body);
      setEtag(reply, reconciliation.version);
      return reply.status(created ? 201 : 200).send(reconciliation);
    },
  );
  app.patch(
    '/system-reconciliations/:id',
    { schema: { tags, params: IdParams, body: SystemPatch, response: { 200: SystemReconciliation } } },
    async (req, reply) => {
      const s = await svc.updateSystemReconciliation(actorOf(req), req.params.id, requireIfMatch(req), req.body);
      setEtag(reply, s.version);
      return s;
    },
  );
};
