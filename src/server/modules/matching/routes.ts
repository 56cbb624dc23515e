import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/actor.js';
import { attachment } from '../../http/download.js';
import { requireIfMatch, setEtag } from '../../http/etag.js';
import { WORKBOOK_LIMITS_TEXT, withImportSlot } from '../../http/import-slots.js';
import { invalid, Problem, type FieldError } from '../../http/problem.js';
import { IdParams, ProblemSchema } from '../../http/schemas.js';
import type { UploadedSource } from './service.js';
import {
  Differences,
  DifferenceQuery,
  FileParams,
  Group,
  GroupParams,
  GroupQuery,
  ItemPage,
  ItemQuery,
  ManualMatchInput,
  Run,
  RunFields,
  RunQuery,
  System,
  SystemInput,
  SystemPatch,
  Unmasked,
} from './schemas.js';

export interface MatchingRouteOptions {
  /** Largest extract accepted per side, in bytes (TILSYN_MAX_MATCHING_MB). */
  maxMatchingBytes: number;
}

/** The matching engine: systems (rules + source layouts), runs over two extracts, their items, suggestions and decisions. */
export const matchingRoutes: FastifyPluginAsyncZod<MatchingRouteOptions> = async (app, opts) => {
  const svc = app.services.matching;
  const tags = ['matching'];
  const { RequestFileTooLargeError, InvalidMultipartContentTypeError } = app.multipartErrors;

  /**
   * Streams the two extracts to disk (never into memory: a side may be gigabytes) and reads the
   * fields. `systemId` must come before the files: whether the caller may run the system is
   * decided before a byte is written. The files are removed again if the request is refused.
   */
  async function readUpload(req: FastifyRequest) {
    const actor = actorOf(req);
    const dir = await svc.stagingDir(actor);
    const files: Partial<Record<'left' | 'right', UploadedSource>> = {};
    const fields: Record<string, string> = {};
    let authorized = false;
    try {
      for await (const part of req.parts({ limits: { fileSize: opts.maxMatchingBytes, files: 2, fields: 10 } })) {
        if (part.type === 'file') {
          if (part.fieldname !== 'left' && part.fieldname !== 'right') {
            part.file.resume();
            continue;
          }
          if (!authorized) {
            const id = RunFields.shape.systemId.safeParse(fields.systemId);
            if (!id.success) throw invalid([{ field: 'body.systemId', code: 'required', message: 'Send the field systemId before the files' }]);
            await svc.authorizeRun(actor, id.data);
            authorized = true;
          }
          const target = path.join(dir, part.fieldname);
          await pipeline(part.file, fs.createWriteStream(target, { mode: 0o600 }));
          if (part.file.truncated) throw new RequestFileTooLargeError();
          files[part.fieldname] = { fileName: part.filename || `${part.fieldname}.csv`, path: target, bytes: (await fs.promises.stat(target)).size };
        } else {
          fields[part.fieldname] = String(part.value);
        }
      }
      const errors: FieldError[] = [];
      for (const side of ['left', 'right'] as const) {
        if (!files[side]) errors.push({ field: `body.${side}`, code: 'required', message: `The ${side} extract is required (multipart field "${side}")` });
      }
      const parsed = RunFields.safeParse(fields);
      if (!parsed.success) for (const i of parsed.error.issues) errors.push({ field: `body.${i.path.join('.')}`, code: i.code, message: i.message });
      if (errors.length || !parsed.success) throw invalid(errors);
      return { ...parsed.data, left: files.left!, right: files.right!, dir };
    } catch (err) {
      await fs.promises.rm(dir, { recursive: true, force: true });
      if (err instanceof RequestFileTooLargeError)
        throw new Problem(413, 'payloadTooLarge', null, [
          { field: 'body', code: 'file.tooLarge', message: `At most ${Math.round(opts.maxMatchingBytes / 1024 / 1024)} MB per extract` },
        ]);
      if (err instanceof InvalidMultipartContentTypeError) throw new Problem(415, 'unsupportedMediaType');
      throw err;
    }
  }

  app.get(
    '/matching-systems',
    { schema: { tags, summary: 'Specialist systems set up for matching, with their rules and source layouts', response: { 200: z.array(System) } } },
    async (req) => svc.listSystems(actorOf(req)),
  );
  app.post(
    '/matching-systems',
    {
      schema: {
        tags,
        summary: 'Set up a system: code, owner department, target, rules and the layout (header mapping) of each extract',
        body: SystemInput,
        response: { 201: System },
      },
    },
    async (req, reply) => {
      const s = await svc.createSystem(actorOf(req), req.body);
      setEtag(reply, s.version);
      return reply.status(201).send(s);
    },
  );
  app.get('/matching-systems/:id', { schema: { tags, params: IdParams, response: { 200: System } } }, async (req, reply) => {
    const s = await svc.getSystem(actorOf(req), req.params.id);
    setEtag(reply, s.version);
    return s;
  });
  app.patch(
    '/matching-systems/:id',
    { schema: { tags, summary: "Change a system's rules, layouts or owner (If-Match)", params: IdParams, body: SystemPatch, response: { 200: System } } },
    async (req, reply) => {
      const s = await svc.updateSystem(actorOf(req), req.params.id, requireIfMatch(req), req.body);
      setEtag(reply, s.version);
      return s;
    },
  );

  app.get('/matching-runs', { schema: { tags, summary: 'Matching runs, newest first', querystring: RunQuery, response: { 200: z.array(Run) } } }, async (req) =>
    svc.listRuns(actorOf(req), req.query),
  );
  app.post(
    '/matching-runs',
    {
      schema: {
        tags,
        summary:
          'Start a matching run (multipart/form-data: systemId, period YYYY-MM, files left and right); answers 202 at once, the run continues in the background',
        description:
          "left is the specialist system's extract, right the ledger or debtor extract, each laid out as the system says (CSV or XLSX). Poll GET /matching-runs/{id} for state and progress. " +
          'A bad file fails the run with its reason (side, line, code); nothing of a failed run is stored but the reason. ' +
          WORKBOOK_LIMITS_TEXT,
        consumes: ['multipart/form-data'],
        response: { 202: Run, 400: ProblemSchema, 413: ProblemSchema, 415: ProblemSchema, 422: ProblemSchema, 429: ProblemSchema },
      },
    },
    async (req, reply) =>
      withImportSlot(req, reply, async () => {
        const upload = await readUpload(req);
        try {
          const run = await svc.startRun(actorOf(req), upload);
          return reply.status(202).send(run);
        } finally {
          await fs.promises.rm(upload.dir, { recursive: true, force: true });
        }
      }),
  );
  app.get(
    '/matching-runs/:id',
    { schema: { tags, summary: 'A run: state, progress, summary per pass, difference, or the reason it failed', params: IdParams, response: { 200: Run } } },
    async (req) => svc.getRun(actorOf(req), req.params.id),
  );
  app.get(
    '/matching-runs/:id/items',
    {
      schema: {
        tags,
        summary: 'Items the run did not match outright (unmatched, timing, suggested, later matched), CPR masked',
        params: IdParams,
        querystring: ItemQuery,
        response: { 200: ItemPage },
      },
    },
    async (req) =>
      svc.items(
        actorOf(req),
        req.params.id,
        { side: req.query.side, state: req.query.state, sort: req.query.sort },
        { limit: req.query.limit, offset: req.query.offset },
      ),
  );
  app.get(
    '/matching-runs/:id/differences',
    {
      schema: {
        tags,
        summary: 'The unmatched difference per account, case or month (left +, right −), largest first',
        params: IdParams,
        querystring: DifferenceQuery,
        response: { 200: Differences },
      },
    },
    async (req) => svc.differences(actorOf(req), req.params.id, req.query.by, req.query.limit),
  );
  app.get(
    '/matching-runs/:id/groups',
    {
      schema: {
        tags,
        summary: 'Suggested (1:n / n:1) and manual matches with their items',
        params: IdParams,
        querystring: GroupQuery,
        response: { 200: z.array(Group) },
      },
    },
    async (req) => svc.groups(actorOf(req), req.params.id, req.query.status),
  );
  app.post(
    '/matching-runs/:id/groups/:groupId/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm a suggestion: its items become matched; the difference and the system reconciliation follow',
        params: GroupParams,
        response: { 200: Group },
      },
    },
    async (req) => svc.decide(actorOf(req), req.params.id, req.params.groupId, 'confirm'),
  );
  app.post(
    '/matching-runs/:id/groups/:groupId/reject',
    { schema: { tags, summary: 'Reject a suggestion or undo a match: its items become unmatched', params: GroupParams, response: { 200: Group } } },
    async (req) => svc.decide(actorOf(req), req.params.id, req.params.groupId, 'reject'),
  );
  app.post(
    '/matching-runs/:id/matches',
    {
      schema: {
        tags,
        summary: 'Match unmatched items by hand (at least one per side; a note when the sums differ)',
        params: IdParams,
        body: ManualMatchInput,
        response: { 201: Group },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.matchManually(actorOf(req), req.params.id, req.body)),
  );
  app.get(
    '/matching-runs/:id/files/:file',
    { schema: { tags, summary: 'A results file: the matched groups (no CPR) or the unmatched lines of a side (CPR masked)', params: FileParams } },
    async (req, reply) => {
      const f = await svc.resultFile(actorOf(req), req.params.id, req.params.file);
      return reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', attachment(f.fileName))
        .header('Cache-Control', 'no-store')
        .send(fs.createReadStream(f.path));
    },
  );
  app.post(
    '/matching-items/:id/cpr',
    {
      schema: {
        tags,
        summary:
          "Show an item's CPR number in clear (coordinators of the system's department and central coordination); every call is logged in the audit trail",
        params: IdParams,
        response: { 200: Unmasked },
      },
    },
    async (req, reply) => reply.header('Cache-Control', 'no-store').send(await svc.unmaskCpr(actorOf(req), req.params.id)),
  );
};
