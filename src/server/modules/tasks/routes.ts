import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/actor.js';
import { TaskList } from './schemas.js';

export const tasksRoutes: FastifyPluginAsyncZod = async (app) => {
  const svc = app.services.tasks;
  app.get(
    '/me/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'What waits for the caller, for each of its roles: overdue first, then by due date; each with the web page where it is done',
        response: { 200: TaskList },
      },
    },
    async (req) => svc.mine(actorOf(req)),
  );
};
