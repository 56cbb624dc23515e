import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import multipart from '@fastify/multipart';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { systemClock } from './clock.js';
import type { Config } from './config.js';
import { createSecretBox } from './crypto/secret-box.js';
import type { Engine } from './db/engine.js';
import { registerActor } from './http/actor.js';
import { registerErrorHandling } from './http/errors.js';
import { createImportSlots } from './http/import-slots.js';
import { registerMultipartGuard } from './http/multipart.js';
import { registerTextGuard } from './http/text-guard.js';
import { createServices, type Services } from './services.js';
import { startJobs, type JobSystem } from './jobs/queue.js';
import { periodicTasks } from './jobs/periodic.js';
import { registerWorkers } from './jobs/workers.js';
import { createMailSetup, mailOff } from './mail/runtime.js';
import { registerRoutes } from './routes.js';
import { registerWeb } from './web.js';
import { calendarFeedRoutes } from './modules/calendar/routes.js';

export type AppConfig = Pick<
  Config,
  | 'maxEvidenceBytes'
  | 'logLevel'
  | 'sessionIdleMinutes'
  | 'sessionMaxHours'
  | 'secureCookies'
  | 'trustProxy'
  | 'loginRateLimit'
  | 'sso'
  | 'encryptionKey'
  | 'dataDir'
  | 'maxMatchingBytes'
  | 'clock'
  | 'jobs'
  | 'staleRunSeconds'
  | 'mail'
>;

/** What tests and the CLI may leave out. */
export const appDefaults: Omit<AppConfig, 'maxEvidenceBytes' | 'logLevel'> = {
  sessionIdleMinutes: 30,
  sessionMaxHours: 12,
  secureCookies: 'auto',
  trustProxy: false,
  loginRateLimit: 10,
  sso: { oidc: null, saml: null, roleMap: {} },
  encryptionKey: null,
  dataDir: path.resolve('data'),
  maxMatchingBytes: 4096 * 1024 * 1024,
  clock: systemClock,
  jobs: true,
  staleRunSeconds: 30,
  mail: mailOff,
};

export interface AppOptions {
  engine: Engine;
  config: Pick<Config, 'maxEvidenceBytes' | 'logLevel'> & Partial<AppConfig>;
  logger?: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
    /** The job queue (null when the app was built without one). */
    jobs: JobSystem | null;
    /** Every route as registered (method, URL pattern): for the OpenAPI and isolation tests. */
    routeTable: { method: string; url: string }[];
  }
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const config: AppConfig = { ...appDefaults, ...opts.config };
  // the job queue first: the services queue work on it (matching runs); its workers start once the
  // app is assembled, and a failure on the way stops it again (its timers would keep the process up)
  const jobs = config.jobs ? await startJobs(opts.engine, { pollingIntervalSeconds: 2 }) : null;
  try {
    return await assembleApp(opts.engine, config, opts.logger ?? false, jobs);
  } catch (err) {
    await jobs?.stop();
    throw err;
  }
}

async function assembleApp(engine: Engine, config: AppConfig, logger: boolean, jobs: JobSystem | null): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger
      ? { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'] }
      : false,
    bodyLimit: 1024 * 1024,
    trustProxy: config.trustProxy,
    // Ids in paths are UUIDs; this keeps the router strict about trailing slashes and case.
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const routeTable: { method: string; url: string }[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routeTable.push({ method, url: route.url });
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tilsyn API',
        version: '1',
        description:
          'Audit findings, action plans, measures and follow-up rounds for municipalities. ' +
          'Sign in with POST /api/v1/auth/login (a session cookie; send the returned CSRF token in X-CSRF-Token on every change) ' +
          'or call with an API token (Authorization: Bearer tls_…). ' +
          'Editable resources carry an ETag; send it back in If-Match when changing them.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'tilsyn_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(multipart, { limits: { fileSize: config.maxEvidenceBytes, files: 1, fields: 5 } });
  await app.register(cookie);
  await app.register(helmet, {
    // A fresh nonce per response: the web app's <style> tags carry it (server/web.ts).
    enableCSPNonces: true,
    // The API serves JSON and documents; the web app is built to need nothing inline.
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    referrerPolicy: { policy: 'no-referrer' },
  });
  await app.register(rateLimit, { global: false });

  registerErrorHandling(app);
  registerTextGuard(app);
  registerMultipartGuard(app);
  const services = createServices(engine.db, {
    jobs,
    staleRunSeconds: config.staleRunSeconds,
    maxEvidenceBytes: config.maxEvidenceBytes,
    dataDir: config.dataDir,
    secretBox: config.encryptionKey ? createSecretBox(config.encryptionKey) : null,
    clock: config.clock,
    mail: createMailSetup({ mail: config.mail, encryptionKey: config.encryptionKey, dataDir: config.dataDir, clock: config.clock }),
    auth: {
      clock: config.clock,
      sessionIdleMs: config.sessionIdleMinutes * 60_000,
      sessionMaxMs: config.sessionMaxHours * 3_600_000,
      secretBox: config.encryptionKey ? createSecretBox(config.encryptionKey) : null,
    },
  });
  app.decorate('services', services);
  app.decorate('importSlots', createImportSlots());
  registerActor(app, services.auth);

  app.get(
    '/healthz',
    { schema: { hide: false, tags: ['system'], response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }) } } },
    async () => {
      await engine.db.execute('select 1');
      return { status: 'ok' as const, database: engine.kind };
    },
  );
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await registerWeb(app);
  await app.register(calendarFeedRoutes);
  await app.register(registerRoutes, {
    prefix: '/api/v1',
    cookies: { secure: config.secureCookies, clock: config.clock },
    loginRateLimit: config.loginRateLimit,
    sso: { db: engine.db, config: config.sso },
    maxMatchingBytes: config.maxMatchingBytes,
  });
  app.decorate('jobs', jobs);
  app.addHook('onClose', async () => {
    services.mail.close();
    // a running run stops and goes back to the queue; then the queue stops taking work
    await services.matching.close();
    await jobs?.stop();
  });
  if (jobs) await registerWorkers(app, jobs, services, periodicTasks(services));
  await app.ready();
  if (jobs) {
    // runs a stopped server left running (their heartbeat stopped) go back to the queue now, not in a minute
    await services.matching.recoverStale();
  }
  return app;
}
