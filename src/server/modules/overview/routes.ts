import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const overviewRoutes: FastifyPluginAsyncZod = async (_app) => {};
