import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const followupRoutes: FastifyPluginAsyncZod = async (_app) => {};
