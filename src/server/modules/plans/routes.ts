import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const plansRoutes: FastifyPluginAsyncZod = async (_app) => {};
