import type { FastifyPluginAsync } from 'fastify';
import { accessRoutes } from './modules/access/routes.js';
import { authRoutes, type AuthRouteOptions } from './modules/auth/routes.js';
import { ssoRoutes, type SsoRouteOptions } from './modules/auth/sso/routes.js';
import { balanceRoutes } from './modules/balance/routes.js';
import { balanceReportRoutes } from './modules/balance-report/routes.js';
import { balanceReportDocumentsRoutes } from './modules/balance-report/documents-routes.js';
import { balanceImportRoutes } from './modules/balance-import/routes.js';
import { attachmentsRoutes } from './modules/attachments/routes.js';
import { documentsRoutes } from './modules/documents/routes.js';
import { findingRoutes } from './modules/findings/routes.js';
import { followupRoutes } from './modules/followup/routes.js';
import { historyRoutes } from './modules/history/routes.js';
import { importRoutes } from './modules/imports/routes.js';
import { overviewRoutes } from './modules/overview/routes.js';
import { plansRoutes } from './modules/plans/routes.js';
import { riskRoutes } from './modules/risk/routes.js';
import { tenancyRoutes } from './modules/tenancy/routes.js';

/** Every module's routes, mounted under /api/v1. */
export const registerRoutes: FastifyPluginAsync<AuthRouteOptions & { sso: SsoRouteOptions['sso'] }> = async (app, opts) => {
  await app.register(authRoutes, { cookies: opts.cookies, loginRateLimit: opts.loginRateLimit });
  await app.register(ssoRoutes, { cookies: opts.cookies, loginRateLimit: opts.loginRateLimit, sso: opts.sso });
  await app.register(accessRoutes);
  await app.register(tenancyRoutes);
  await app.register(findingRoutes);
  await app.register(plansRoutes);
  await app.register(followupRoutes);
  await app.register(attachmentsRoutes);
  await app.register(historyRoutes);
  await app.register(overviewRoutes);
  await app.register(importRoutes);
  await app.register(documentsRoutes);
  await app.register(balanceRoutes);
  await app.register(balanceReportRoutes);
  await app.register(balanceReportDocumentsRoutes);
  await app.register(balanceImportRoutes);
  await app.register(riskRoutes);
};
