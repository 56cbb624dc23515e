import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import multipart from '@fastify/multipart';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config.js';
import type { Engine } from './db/engine.js';
import { registerActor } from './http/actor.js';
import { registerErrorHandling } from './http/errors.js';
import { createServices, type Services } from './services.js';
import { registerRoutes } from './routes.js';

export interface AppOptions {
  engine: Engine;
  config: Pick<Config, 'maxEvidenceBytes' | 'logLevel'>;
  logger?: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
    /** Every route as registered (method, URL pattern): for the OpenAPI and isolation tests. */
    routeTable: { method: string; url: string }[];
  }
}

export async function buildApp({ engine, config, logger = false }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ? { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] } : false,
    bodyLimit: 1024 * 1024,
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
          'Every request under /api/v1 names the acting user in the X-Tilsyn-User header. ' +
          'Editable resources carry an ETag; send it back in If-Match when changing them.',
      },
      components: {
        securitySchemes: { user: { type: 'apiKey', in: 'header', name: 'X-Tilsyn-User' } },
      },
      security: [{ user: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(multipart, { limits: { fileSize: config.maxEvidenceBytes, files: 1, fields: 5 } });

  registerErrorHandling(app);
  registerActor(app, engine.db);
  app.decorate('services', createServices(engine.db, { maxEvidenceBytes: config.maxEvidenceBytes }));

  app.get(
    '/healthz',
    { schema: { hide: false, tags: ['system'], response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }) } } },
    async () => {
      await engine.db.execute('select 1');
      return { status: 'ok' as const, database: engine.kind };
    },
  );
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(registerRoutes, { prefix: '/api/v1' });
  await app.ready();
  return app;
}
