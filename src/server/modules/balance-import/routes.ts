import type { FastifyRequest } from 'fastify';
import { attachment } from '../../http/download.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/actor.js';
import { WORKBOOK_LIMITS_TEXT, withImportSlot } from '../../http/import-slots.js';
import { Problem } from '../../http/problem.js';
import { ProblemSchema } from '../../http/schemas.js';
import { IMPORT_KINDS } from './columns.js';
import { ASYNC_IMPORT_ROWS } from './jobs.js';
import { BalanceImportJob, BalanceImportReport, ImportParams, ImportQuery, JobParams, TemplateQuery } from './schemas.js';

/** The balance imports: ledger balances, the reconciliation log (open items), account activity, report adjustments. */
export const balanceImportRoutes: FastifyPluginAsyncZod = async (app) => {
  const svc = app.services.balanceImport;
  const { RequestFileTooLargeError, InvalidMultipartContentTypeError } = app.multipartErrors;

  async function readUpload(req: FastifyRequest) {
    const actor = actorOf(req);
    try {
      const part = await req.file({ limits: { fileSize: svc.maxBytes, files: 1 } });
      if (!part || part.fieldname !== 'file') throw new Problem(400, 'badRequest', null, [svc.missing(actor)]);
      return { fileName: part.filename || 'upload.csv', bytes: await part.toBuffer() };
    } catch (err) {
      if (err instanceof RequestFileTooLargeError) {
        const issue = svc.tooLarge(actor);
        throw new Problem(413, 'payloadTooLarge', issue.message, [issue]);
      }
      if (err instanceof InvalidMultipartContentTypeError) throw new Problem(415, 'unsupportedMediaType', null, [svc.missing(actor)]);
      throw err;
    }
  }

  app.post(
    '/balance-imports/:kind',
    {
      schema: {
        tags: ['balance'],
        summary: 'Import a CSV or .xlsx file into the balance register (multipart/form-data, field "file")',
        description:
          'kind: ledgerBalances (account, period, balance) · reconciliationLog (account, period, category, sub-reason and the open items: text, amount, origin date, reference; totals are computed, a total column is refused) · ' +
          "activity (account, month, transactions, volume) · adjustments (year, section 3/4/5, write-off kind, department, IM function, function name, appropriation, text, amount; replaces the year's rows of each section in the file). " +
          'Headers in Danish, Swedish or English. amountFormat (da: 1.234,56, default; en: 1,234.56) is the only format accepted. ' +
          'dryRun=true (default) writes nothing and lists every error by cell; dryRun=false applies a file without errors in one transaction with one audit entry, or answers 422 and writes nothing. ' +
          `A file of more than ${ASYNC_IMPORT_ROWS.toLocaleString('en')} rows is checked the same way and then applied by the job queue: the answer is 202 with the job ` +
          '(Location: GET /balance-imports/jobs/{id}, which shows its progress and then the same report, or why it failed having written nothing). ' +
          WORKBOOK_LIMITS_TEXT,
        consumes: ['multipart/form-data'],
        params: ImportParams,
        querystring: ImportQuery,
        response: {
          200: BalanceImportReport,
          202: BalanceImportJob,
          400: ProblemSchema,
          413: ProblemSchema,
          415: ProblemSchema,
          422: ProblemSchema,
          429: ProblemSchema,
        },
      },
    },
    async (req, reply) => {
      svc.authorize(actorOf(req));
      return withImportSlot(req, reply, async () => {
        const upload = await readUpload(req);
        const out = await svc.submit(actorOf(req), req.params.kind, upload, { dryRun: req.query.dryRun, amountFormat: req.query.amountFormat });
        if (out.status === 200) return out.report;
        return reply.code(202).header('Location', `/api/v1/balance-imports/jobs/${out.job.id}`).send(out.job);
      });
    },
  );

  app.get(
    '/balance-imports/jobs/:id',
    {
      schema: {
        tags: ['balance'],
        summary: "A large balance import's job: its state, progress and, when done, the report",
        description:
          'state: queued · running (rowsDone of rowsTotal) · succeeded (report: as the import answers when it runs in the request) · failed (error: why; nothing was written). ' +
          "Only the caller's municipality's jobs; the import's policy.",
        params: JobParams,
        response: { 200: BalanceImportJob, 403: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (req) => svc.job(actorOf(req), req.params.id),
  );

  // one route per template (not a parameter): the URL names the file, and no id is involved
  for (const kind of IMPORT_KINDS) {
    for (const format of ['xlsx', 'csv'] as const) {
      app.get(
        `/templates/balance/${kind}.${format}`,
        {
          schema: {
            tags: ['balance'],
            summary: `The ${format === 'xlsx' ? 'Excel' : 'CSV'} template of the balance import ${kind}`,
            description:
              format === 'xlsx'
                ? "Headers in lang (default: the caller's language), example rows, and an instructions sheet explaining every column and the two amount formats."
                : "The header row in lang (default: the caller's language) and example rows, `;`-separated, UTF-8 with a byte order mark.",
            querystring: TemplateQuery,
          },
        },
        async (req, reply) => {
          const file = await svc.template(actorOf(req), kind, format, req.query.lang);
          return reply.type(file.type).header('Content-Disposition', attachment(file.fileName)).header('Cache-Control', 'no-store').send(file.bytes);
        },
      );
    }
  }
};
