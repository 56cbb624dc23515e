import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/actor.js';
import { IdParams } from '../../http/schemas.js';
import { PasswordSet, RoleGrants } from '../auth/schemas.js';

export const accessRoutes: FastifyPluginAsyncZod = async (app) => {
  const svc = app.services.access;
  const tags = ['users'];
  app.get('/users/:id/roles', { schema: { tags, summary: "A user's roles per department", params: IdParams, response: { 200: RoleGrants } } }, async (req) => ({
    items: await svc.roles(actorOf(req), req.params.id),
  }));
  app.put(
    '/users/:id/roles',
    { schema: { tags, summary: "Replace a user's roles (administrator)", params: IdParams, body: RoleGrants, response: { 200: RoleGrants } } },
    async (req) => ({
      items: await svc.setRoles(actorOf(req), req.params.id, req.body.items),
    }),
  );
  app.put(
    '/users/:id/password',
    {
      schema: {
        tags,
        summary: "Set a user's password (administrator); the user's sessions end",
        params: IdParams,
        body: PasswordSet,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await svc.setPassword(actorOf(req), req.params.id, req.body.password);
      return reply.status(204).send(null);
    },
  );
  app.delete(
    '/users/:id/totp',
    { schema: { tags, summary: "Remove a user's second factor, e.g. a lost phone (administrator)", params: IdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await svc.resetTotp(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
};
