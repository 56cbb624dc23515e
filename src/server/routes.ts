import type { FastifyPluginAsync } from 'fastify';
import { findingRoutes } from './modules/findings/routes.js';
import { tenancyRoutes } from './modules/tenancy/routes.js';

/** Every module's routes, mounted under /api/v1. */
export const registerRoutes: FastifyPluginAsync = async (app) => {
  await app.register(tenancyRoutes);
  await app.register(findingRoutes);
};
