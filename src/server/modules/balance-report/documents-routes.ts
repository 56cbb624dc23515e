import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LOCALES, type Locale } from '../../../domain/i18n.js';
import type { Actor } from '../../context.js';
import { renderBalanceReport } from '../../documents/balance/index.js';
import type { BalanceReportDocument } from '../../documents/balance/model.js';
import { fill } from '../../documents/format.js';
import { documentLabels } from '../../i18n/documents/index.js';
import { contentDisposition, DOCUMENT_FORMATS, MIME_TYPES, type DocumentFormat } from '../../documents/render.js';
import { actorOf } from '../../http/actor.js';
import type { Services } from '../../services.js';
import { ReportQuery, type ReportQueryT } from './schemas.js';

const DocumentQuery = ReportQuery.extend({
  lang: z.enum(LOCALES).optional().describe("The document's language; default the municipality's"),
});

/**
 * The annual balance report as a document model: the JSON report (computed by the balance-report
 * service, in the document's language) with the municipality's name and the document's labels.
 * Staff only, as the JSON (the service's policy decides).
 */
export async function balanceReportDocument(
  services: Pick<Services, 'balanceReport' | 'tenancy'>,
  actor: Actor,
  query: ReportQueryT & { lang?: Locale | undefined },
): Promise<BalanceReportDocument> {
  const locale = query.lang ?? actor.language;
  const report = await services.balanceReport.report(
    { ...actor, locale },
    { year: query.year, ...(query.committee !== undefined ? { committee: query.committee } : {}) },
  );
  const m = await services.tenancy.getMunicipality(actor);
  const labels = documentLabels(locale, m.vocabulary);
  const committee =
    query.committee !== undefined && report.section2.length === 1 && report.section2[0]!.committee
      ? { code: report.section2[0]!.committee.code, name: report.section2[0]!.committee.name }
      : null;
  const title = fill(labels.balanceReport, { year: report.year }) + (committee ? ` – ${committee.name}` : '');
  return {
    kind: 'balanceReport',
    meta: {
      municipality: m.name,
      locale,
      vocabulary: m.vocabulary,
      edition: 'public',
      // the municipality's date from the injected clock, as every other document
      generatedOn: actor.today,
      title,
      labels,
    },
    committee,
    report,
  };
}

/** `GET /balance-report.pdf|.docx|.xlsx?year=&committee=&lang=`: the annual balance report as a document. */
export const balanceReportDocumentsRoutes: FastifyPluginAsyncZod = async (app) => {
  for (const format of DOCUMENT_FORMATS) {
    app.get(
      `/balance-report.${format}`,
      {
        schema: {
          tags: ['balance', 'documents'],
          summary: `The annual balance report as ${format.toUpperCase()}: cover, section 1 (table 1.1, categories against the previous year, items older than one year), section 2 per committee; amounts in t.kr.${format === 'xlsx' ? ' (and øre)' : ''}`,
          querystring: DocumentQuery,
          produces: [MIME_TYPES[format]],
          response: { 200: z.string().describe('The document file') },
        },
      },
      async (req, reply) => {
        const doc = await balanceReportDocument(app.services, actorOf(req), req.query);
        return send(reply, doc, format, await renderBalanceReport(doc, format));
      },
    );
  }
};

/** The file with its name (Content-Disposition), language and no caching, as the other documents. */
function send(reply: FastifyReply, doc: BalanceReportDocument, format: DocumentFormat, body: Buffer) {
  return reply
    .type(MIME_TYPES[format])
    .header('Content-Disposition', contentDisposition(doc.meta.title, format))
    .header('Content-Language', doc.meta.locale)
    .header('Cache-Control', 'private, no-store')
    .header('X-Content-Type-Options', 'nosniff')
    .send(body);
}
