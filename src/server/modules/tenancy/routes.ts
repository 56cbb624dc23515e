import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/actor.js';
import { requireIfMatch, setEtag } from '../../http/etag.js';
import { IdParams, patchOf } from '../../http/schemas.js';
import { Committee, CommitteeInput, Department, DepartmentInput, Meeting, MeetingInput, Municipality, MunicipalityPatch, User, UserInput } from './schemas.js';

export const tenancyRoutes: FastifyPluginAsyncZod = async (app) => {
  const svc = app.services.tenancy;
  const tags = ['municipality'];

  app.get('/municipality', { schema: { tags, summary: "The acting user's municipality", response: { 200: Municipality } } }, async (req, reply) => {
    const m = await svc.getMunicipality(actorOf(req));
    setEtag(reply, m.version);
    return m;
  });
  app.patch('/municipality', { schema: { tags, body: MunicipalityPatch, response: { 200: Municipality } } }, async (req, reply) => {
    const m = await svc.updateMunicipality(actorOf(req), requireIfMatch(req), req.body);
    setEtag(reply, m.version);
    return m;
  });

  /** The four registers share one set of routes. */
  const registers = [
    { path: 'committees', svc: svc.committees, input: CommitteeInput, output: Committee },
    { path: 'departments', svc: svc.departments, input: DepartmentInput, output: Department },
    { path: 'users', svc: svc.users, input: UserInput, output: User },
    { path: 'meetings', svc: svc.meetings, input: MeetingInput, output: Meeting },
  ] as const;
  for (const r of registers) {
    const s = r.svc as unknown as {
      list: (a: ReturnType<typeof actorOf>) => Promise<unknown[]>;
      get: (a: ReturnType<typeof actorOf>, id: string) => Promise<{ version: number }>;
      create: (a: ReturnType<typeof actorOf>, input: unknown) => Promise<{ version: number }>;
      update: (a: ReturnType<typeof actorOf>, id: string, v: number, input: unknown) => Promise<{ version: number }>;
      delete: (a: ReturnType<typeof actorOf>, id: string, v: number) => Promise<void>;
    };
    const t = [r.path];
    app.get(`/${r.path}`, { schema: { tags: t, response: { 200: z.object({ items: z.array(r.output) }) } } }, async (req) => ({
      items: (await s.list(actorOf(req))) as never[],
    }));
    app.get(`/${r.path}/:id`, { schema: { tags: t, params: IdParams, response: { 200: r.output } } }, async (req, reply) => {
      const row = await s.get(actorOf(req), req.params.id);
      setEtag(reply, row.version);
      return row as never;
    });
    app.post(`/${r.path}`, { schema: { tags: t, body: r.input, response: { 201: r.output } } }, async (req, reply) => {
      const row = await s.create(actorOf(req), req.body);
      setEtag(reply, row.version);
      return reply.status(201).send(row as never);
    });
    app.patch(
      `/${r.path}/:id`,
      { schema: { tags: t, params: IdParams, body: patchOf(r.input as z.ZodObject<z.ZodRawShape>), response: { 200: r.output } } },
      async (req, reply) => {
        const row = await s.update(actorOf(req), req.params.id, requireIfMatch(req), req.body);
        setEtag(reply, row.version);
        return row as never;
      },
    );
    app.delete(`/${r.path}/:id`, { schema: { tags: t, params: IdParams, response: { 204: z.null() } } }, async (req, reply) => {
      await s.delete(actorOf(req), req.params.id, requireIfMatch(req));
      return reply.status(204).send(null);
    });
  }
};
