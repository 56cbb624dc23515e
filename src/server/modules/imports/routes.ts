import type { FastifyRequest } from 'fastify';
import { attachment } from '../../http/download.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/actor.js';
import { WORKBOOK_LIMITS_TEXT, withImportSlot } from '../../http/import-slots.js';
import { Problem } from '../../http/problem.js';
import { ProblemSchema } from '../../http/schemas.js';
import { importMessage, issueAt } from './parse.js';
import { ImportQuery, ImportReport, TemplateQuery } from './schemas.js';
import { XLSX_TYPE, type ImportUpload } from './service.js';

/** RFC 5987 value, so a file name with æøå survives. */

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  const svc = app.services.imports;
  const { RequestFileTooLargeError, InvalidMultipartContentTypeError } = app.multipartErrors;

  /** The one file of a multipart/form-data upload (field "file"), read up to the import's size limit. */
  async function readUpload(req: FastifyRequest): Promise<ImportUpload> {
    const actor = actorOf(req);
    const missing = () => {
      const issue = issueAt(null, 'import.fileMissing', importMessage('import.fileMissing', actor.locale));
      return { ...issue, field: 'file' };
    };
    try {
      const part = await req.file({ limits: { fileSize: svc.maxBytes, files: 1 } });
      if (!part || part.fieldname !== 'file') throw new Problem(400, 'badRequest', null, [missing()]);
      return { fileName: part.filename || 'upload.xlsx', bytes: await part.toBuffer() };
    } catch (err) {
      if (err instanceof RequestFileTooLargeError) {
        const issue = svc.tooLarge(actor);
        throw new Problem(413, 'payloadTooLarge', issue.message, [issue]);
      }
      if (err instanceof InvalidMultipartContentTypeError) throw new Problem(415, 'unsupportedMediaType', null, [missing()]);
      throw err;
    }
  }

  app.get(
    '/templates/findings.xlsx',
    {
      schema: {
        tags: ['imports'],
        summary: 'The Excel template for importing findings, recommendations, plans and measures',
        description:
          "Headers in the chosen language (default: the municipality's), an instructions sheet explaining every column, and the municipality's department codes.",
        produces: [XLSX_TYPE],
        querystring: TemplateQuery,
      },
    },
    async (req, reply) => {
      const file = await svc.template(actorOf(req), req.query.lang);
      return reply.type(XLSX_TYPE).header('Content-Disposition', attachment(file.fileName)).header('Cache-Control', 'no-store').send(file.bytes);
    },
  );

  app.post(
    '/imports/findings-xlsx',
    {
      schema: {
        tags: ['imports'],
        summary: 'Import findings, recommendations, plans and measures from an .xlsx file (multipart/form-data, field "file")',
        description:
          'With dryRun=true (the default) nothing is written: the answer lists what each row would create or update and every error with its sheet, row and column. ' +
          'With dryRun=false a file without errors is applied in one transaction with one audit entry; a file with errors is refused with 422 listing them, and nothing is written. ' +
          WORKBOOK_LIMITS_TEXT,
        consumes: ['multipart/form-data'],
        querystring: ImportQuery,
        response: { 200: ImportReport, 400: ProblemSchema, 413: ProblemSchema, 415: ProblemSchema, 422: ProblemSchema, 429: ProblemSchema },
      },
    },
    async (req, reply) => {
      svc.authorizeImport(actorOf(req));
      return withImportSlot(req, reply, async () => {
        const upload = await readUpload(req);
        return svc.importFindings(actorOf(req), upload, { dryRun: req.query.dryRun });
      });
    },
  );
};
