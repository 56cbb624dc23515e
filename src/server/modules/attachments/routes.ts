import type { FastifyRequest } from 'fastify';
import { attachment } from '../../http/download.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/actor.js';
import { requireIfMatch, setEtag } from '../../http/etag.js';
import { IdParams, ProblemSchema } from '../../http/schemas.js';
import { Comment, CommentInput, type CommentTargetKind, Evidence, type EvidenceTargetKind } from './schemas.js';
import { fileMissing, notMultipart, type Upload } from './service.js';

const evidenceTargets: [string, EvidenceTargetKind][] = [
  ['findings', 'finding'],
  ['measures', 'measure'],
  ['status-entries', 'statusEntry'],
];
const commentTargets: [string, CommentTargetKind][] = [
  ['findings', 'finding'],
  ['plans', 'plan'],
  ['measures', 'measure'],
];

/** RFC 5987 value: percent-encode everything but attr-chars, so any file name survives. */

export const attachmentsRoutes: FastifyPluginAsyncZod = async (app) => {
  const svc = app.services.attachments;
  const { RequestFileTooLargeError, InvalidMultipartContentTypeError } = app.multipartErrors;

  /** Reads the one file of a multipart/form-data upload, stopping at the size limit. */
  async function readUpload(req: FastifyRequest): Promise<Upload> {
    const actor = actorOf(req);
    try {
      const part = await req.file();
      if (!part || part.fieldname !== 'file') throw fileMissing();
      return { fileName: part.filename, declaredType: part.mimetype, bytes: await part.toBuffer() };
    } catch (err) {
      if (err instanceof RequestFileTooLargeError) throw svc.fileTooLarge(actor);
      if (err instanceof InvalidMultipartContentTypeError) throw notMultipart();
      throw err;
    }
  }

  for (const [path, kind] of evidenceTargets) {
    app.get(
      `/${path}/:id/evidence`,
      { schema: { tags: ['evidence'], params: IdParams, response: { 200: z.object({ items: z.array(Evidence) }) } } },
      async (req) => ({
        items: await svc.listEvidence(actorOf(req), kind, req.params.id),
      }),
    );
    app.post(
      `/${path}/:id/evidence`,
      {
        schema: {
          tags: ['evidence'],
          summary: 'Upload one evidence file (multipart/form-data, field "file")',
          consumes: ['multipart/form-data'],
          params: IdParams,
          response: { 201: Evidence, 409: ProblemSchema, 413: ProblemSchema, 415: ProblemSchema, 422: ProblemSchema },
        },
      },
      async (req, reply) => {
        const upload = await readUpload(req);
        return reply.status(201).send(await svc.addEvidence(actorOf(req), kind, req.params.id, upload));
      },
    );
  }

  app.get(
    '/evidence/:id/content',
    { schema: { tags: ['evidence'], summary: 'The evidence file itself, as an attachment', produces: ['application/octet-stream'], params: IdParams } },
    async (req, reply) => {
      const file = await svc.evidenceContent(actorOf(req), req.params.id);
      return reply
        .type(file.contentType.startsWith('text/') ? `${file.contentType}; charset=utf-8` : file.contentType)
        .header('Content-Length', file.sizeBytes)
        .header('Content-Disposition', attachment(file.fileName))
        .header('X-Content-Type-Options', 'nosniff')
        .send(file.content);
    },
  );
  app.delete('/evidence/:id', { schema: { tags: ['evidence'], params: IdParams, response: { 204: z.null() } } }, async (req, reply) => {
    await svc.deleteEvidence(actorOf(req), req.params.id);
    return reply.status(204).send(null);
  });

  for (const [path, kind] of commentTargets) {
    app.get(
      `/${path}/:id/comments`,
      { schema: { tags: ['comments'], params: IdParams, response: { 200: z.object({ items: z.array(Comment) }) } } },
      async (req) => ({
        items: await svc.listComments(actorOf(req), kind, req.params.id),
      }),
    );
    app.post(
      `/${path}/:id/comments`,
      { schema: { tags: ['comments'], params: IdParams, body: CommentInput, response: { 201: Comment } } },
      async (req, reply) => {
        const c = await svc.addComment(actorOf(req), kind, req.params.id, req.body.body);
        setEtag(reply, c.version);
        return reply.status(201).send(c);
      },
    );
  }
  app.patch(
    '/comments/:id',
    { schema: { tags: ['comments'], summary: "Edit one's own comment", params: IdParams, body: CommentInput, response: { 200: Comment } } },
    async (req, reply) => {
      const c = await svc.updateComment(actorOf(req), req.params.id, requireIfMatch(req), req.body.body);
      setEtag(reply, c.version);
      return c;
    },
  );
  app.delete(
    '/comments/:id',
    { schema: { tags: ['comments'], summary: "Delete one's own comment", params: IdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await svc.deleteComment(actorOf(req), req.params.id, requireIfMatch(req));
      return reply.status(204).send(null);
    },
  );
};
