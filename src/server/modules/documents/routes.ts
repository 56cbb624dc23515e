import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LOCALES } from '../../../domain/i18n.js';
import { answerKinds } from '../../db/schema/values.js';
import { contentDisposition, MIME_TYPES, renderDocument, type DocumentFormat } from '../../documents/render.js';
import type { Edition, TilsynDocument } from '../../documents/model.js';
import type { Actor } from '../../context.js';
import { actorOf } from '../../http/actor.js';
import { Id } from '../../http/schemas.js';
import { visibilityOf } from '../access/visibility.js';
import type { ScopeInput } from './service.js';

const DocumentQuery = z.object({
  lang: z.enum(LOCALES).optional().describe("The document's language; default the municipality's"),
  edition: z
    .enum(['public', 'internal'])
    .optional()
    .describe(
      'public leaves confidential findings out (readers get only this); internal marks them on every page. Default: internal for staff, public for readers',
    ),
});
const ReportQuery = DocumentQuery.extend({
  committee: Id.optional().describe('Only the departments under this committee'),
  department: Id.optional().describe('Only this department'),
}).refine((q) => !(q.committee && q.department), { path: ['department'], message: 'Give a committee or a department, not both' });

const Binary = z.string().describe('The document file');
const tags = ['documents'];

const editionFor = (actor: Actor, asked: Edition | undefined): Edition => asked ?? (visibilityOf(actor).confidential ? 'internal' : 'public');

export const documentsRoutes: FastifyPluginAsyncZod = async (app) => {
  const svc = app.services.documents;

  const send = async (reply: import('fastify').FastifyReply, doc: TilsynDocument, format: DocumentFormat) => {
    const body = await renderDocument(doc, format);
    return reply
      .type(MIME_TYPES[format])
      .header('Content-Disposition', contentDisposition(doc.meta.title, format))
      .header('Content-Language', doc.meta.locale)
      .header('Cache-Control', 'private, no-store')
      .header('X-Content-Type-Options', 'nosniff')
      .send(body);
  };

  for (const format of ['pdf', 'docx', 'xlsx'] as const) {
    app.get(
      `/rounds/:id/report.${format}`,
      {
        schema: {
          tags,
          summary: `The follow-up report of a round as ${format.toUpperCase()}: cover, index, one section per finding with plan and status side by side, summary with charts`,
          params: z.object({ id: Id }),
          querystring: ReportQuery,
          produces: [MIME_TYPES[format]],
          response: { 200: Binary },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const { committee, department, lang, edition } = req.query;
        const scope: ScopeInput = committee
          ? { kind: 'committee', id: committee }
          : department
            ? { kind: 'department', id: department }
            : { kind: 'municipality' };
        const doc = await svc.followUpReport(actor, req.params.id, scope, { lang, edition: editionFor(actor, edition) });
        return send(reply, doc, format);
      },
    );

    app.get(
      `/reports/:id/council-decisions.${format}`,
      {
        schema: {
          tags,
          summary: `The council decision sheet of an audit report as ${format.toUpperCase()}: each finding, the committee's comment and the council's decision`,
          params: z.object({ id: Id }),
          querystring: DocumentQuery,
          produces: [MIME_TYPES[format]],
          response: { 200: Binary },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const doc = await svc.councilDecisionSheet(actor, req.params.id, { lang: req.query.lang, edition: editionFor(actor, req.query.edition) });
        return send(reply, doc, format);
      },
    );
  }

  for (const format of ['pdf', 'docx'] as const) {
    app.get(
      `/plans/:id/answers/:kind/document.${format}`,
      {
        schema: {
          tags,
          summary: `An answer document to the auditors (yttrande, uppföljande yttrande or reply) as ${format.toUpperCase()}`,
          params: z.object({ id: Id, kind: z.enum(answerKinds) }),
          querystring: DocumentQuery,
          produces: [MIME_TYPES[format]],
          response: { 200: Binary },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const doc = await svc.answerDocument(actor, req.params.id, req.params.kind, { lang: req.query.lang, edition: editionFor(actor, req.query.edition) });
        return send(reply, doc, format);
      },
    );
  }
};
