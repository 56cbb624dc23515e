import type { Locale } from '../../../domain/i18n.js';
import type { Actor } from '../../context.js';
import type { Database } from '../../db/engine.js';
import { detail, notFound, Problem, type FieldError } from '../../http/problem.js';
import { renderMessage } from '../../i18n/messages.js';
import { runCommand } from '../../unit-of-work.js';
import { uploadFileName } from '../attachments/sniff.js';
import { apply } from './apply.js';
import { issueMessage, type ImportKind } from './columns.js';
import type { BalanceImportIssue, BalanceImportOptions } from './context.js';
import { ASYNC_IMPORT_ROWS, importJobs, type ImportJobOptions } from './jobs.js';
import { plan, readFile, type Planned } from './plan.js';
import { balanceImportPolicy as policy } from './policy.js';
import { importReport as report } from './report.js';
import type { BalanceImportJobT, BalanceImportReportT } from './schemas.js';
import { TableError } from './table.js';
import { buildBalanceCsvTemplate, buildBalanceTemplate } from './template.js';

export type { BalanceImportIssue, BalanceImportOptions, RowAction } from './context.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const MAX_BALANCE_IMPORT_BYTES = 10 * 1024 * 1024;

/**
 * The balance imports: a file is read (plan.ts: readFile), checked and planned against the register
 * (plan.ts with cells.ts, and one planner per kind family: plan-ledger.ts, plan-chart.ts), then
 * written (apply.ts).
 */
export function createBalanceImportService(db: Database, opts: { maxBytes?: number; jobs?: ImportJobOptions } = {}) {
  const maxBytes = opts.maxBytes ?? MAX_BALANCE_IMPORT_BYTES;
  const jobs = opts.jobs ? importJobs(db, opts.jobs) : null;

  /** A file with errors is not applied: 422 listing them. */
  const refusal = (actor: Actor, options: BalanceImportOptions, planned: Planned) =>
    new Problem(
      422,
      'validation',
      detail('balanceImport.refused', { count: planned.issues.length }),
      planned.issues.map((i) => ({ ...i }) satisfies FieldError),
      {
        counts: ('counts' in planned ? planned.counts : undefined) ?? null,
        amountFormat: renderMessage(actor.locale, `balanceImport.amountFormat.${options.amountFormat}`),
      },
    );
  const readOnly = { isolationLevel: 'repeatable read', accessMode: 'read only' } as const;

  /**
   * Reads the file and checks every row against the register. A dry run answers what would be
   * written and every error; an apply writes everything in one command (one audit entry) or, with
   * any error, nothing (422 listing the errors). A file over ASYNC_IMPORT_ROWS rows, with a job
   * queue, is checked here and applied by a worker: the answer is then the queued job (202).
   */
  async function submit(
    actor: Actor,
    kind: ImportKind,
    upload: { fileName: string; bytes: Buffer },
    options: BalanceImportOptions,
    mayQueue = true,
  ): Promise<{ status: 200; report: BalanceImportReportT } | { status: 202; job: BalanceImportJobT }> {
    upload = { ...upload, fileName: uploadFileName(upload.fileName, 'upload.csv') };
    policy.import(actor);
    const table = await readFile(actor, upload.bytes);
    if (options.dryRun) {
      const planned = await db.transaction(async (tx) => plan(tx, actor, kind, table, options), readOnly);
      return { status: 200, report: report(kind, upload.fileName, options, planned, false) };
    }
    const rows = table instanceof TableError ? 0 : table.rows.length;
    if (mayQueue && jobs?.enabled && rows > ASYNC_IMPORT_ROWS) {
      // checked now, so a file with errors answers 422 as always; the worker checks again against the register as it is then
      const planned = await db.transaction(async (tx) => plan(tx, actor, kind, table, options), readOnly);
      if (planned.issues.length) throw refusal(actor, options, planned);
      return { status: 202, job: await jobs.enqueue(actor, kind, upload, options, rows) };
    }
    return runCommand(db, actor, async (tx, changes) => {
      const planned = await plan(tx, actor, kind, table, options);
      if (planned.issues.length) throw refusal(actor, options, planned);
      await apply(tx, actor, changes, planned);
      return { status: 200 as const, report: report(kind, upload.fileName, options, planned, true) };
    });
  }

  return {
    maxBytes,
    /** A large import's job (GET /balance-imports/jobs/:id). */
    job: (actor: Actor, id: string) => {
      if (!jobs) {
        policy.import(actor);
        throw notFound('balanceImportJob', id);
      }
      return jobs.get(actor, id);
    },
    /** The job queue's worker: applies a queued import. */
    executeJob: (mid: string, id: string) => jobs?.execute(mid, id) ?? Promise.resolve(),
    /** The periodic check of import jobs no worker will finish. */
    failAbandonedJobs: () => jobs?.failAbandoned() ?? Promise.resolve(0),
    authorize: (actor: Actor) => policy.import(actor),

    /** The template of a kind as .xlsx (with instructions) or CSV, headers in `lang` (default: the caller's). */
    template(actor: Actor, kind: ImportKind, format: 'xlsx' | 'csv', lang?: Locale) {
      policy.import(actor);
      const locale = lang ?? actor.locale;
      const base = `${renderMessage(locale, 'balanceImport.template.fileName')}-${kind}`;
      return format === 'csv'
        ? Promise.resolve({ fileName: `${base}.csv`, type: 'text/csv; charset=utf-8', bytes: buildBalanceCsvTemplate(kind, locale) })
        : buildBalanceTemplate(kind, locale).then((bytes) => ({ fileName: `${base}.xlsx`, type: XLSX_TYPE, bytes }));
    },
    tooLarge: (actor: Actor): BalanceImportIssue => ({
      row: null,
      column: null,
      header: null,
      field: 'file',
      code: 'file.tooLarge',
      message: issueMessage('file.tooLarge', actor.locale, { mb: maxBytes / (1024 * 1024) }),
    }),
    missing: (actor: Actor): BalanceImportIssue => ({
      row: null,
      column: null,
      header: null,
      field: 'file',
      code: 'file.missing',
      message: issueMessage('file.missing', actor.locale),
    }),

    submit,

    /** An import in this process whatever its size (the CLI): as `submit`, never queued. */
    async importFile(
      actor: Actor,
      kind: ImportKind,
      upload: { fileName: string; bytes: Buffer },
      options: BalanceImportOptions,
    ): Promise<BalanceImportReportT> {
      const out = await submit(actor, kind, upload, options, false);
      return (out as { report: BalanceImportReportT }).report;
    },
  };
}

export type BalanceImportService = ReturnType<typeof createBalanceImportService>;
