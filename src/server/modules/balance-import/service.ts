import type { Locale } from '../../../domain/i18n.js';
import type { Actor } from '../../context.js';
import type { Database } from '../../db/engine.js';
import { detail, Problem, type FieldError } from '../../http/problem.js';
import { renderMessage } from '../../i18n/messages.js';
import { runCommand } from '../../unit-of-work.js';
import { uploadFileName } from '../attachments/sniff.js';
import { apply } from './apply.js';
import { issueMessage, type ImportKind } from './columns.js';
import type { BalanceImportIssue, BalanceImportOptions } from './context.js';
import { plan, readFile, type Planned } from './plan.js';
import { balanceImportPolicy as policy } from './policy.js';
import { buildBalanceCsvTemplate, buildBalanceTemplate } from './template.js';

export type { BalanceImportIssue, BalanceImportOptions, RowAction } from './context.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const MAX_BALANCE_IMPORT_BYTES = 10 * 1024 * 1024;

/**
 * The balance imports: a file is read (plan.ts: readFile), checked and planned against the register
 * (plan.ts with cells.ts, and one planner per kind family: plan-ledger.ts, plan-chart.ts), then
 * written (apply.ts).
 */
export function createBalanceImportService(db: Database, opts: { maxBytes?: number } = {}) {
  const maxBytes = opts.maxBytes ?? MAX_BALANCE_IMPORT_BYTES;

  const report = (kind: ImportKind, fileName: string, options: BalanceImportOptions, planned: Planned, applied: boolean) => ({
    kind,
    dryRun: options.dryRun,
    applied,
    fileName,
    fileFormat: planned.format,
    amountFormat: options.amountFormat,
    counts: ('counts' in planned ? planned.counts : undefined) ?? { create: 0, update: 0, unchanged: 0, replaced: 0 },
    rows: ('rowActions' in planned ? planned.rowActions : undefined) ?? [],
    errors: planned.issues,
  });

  return {
    maxBytes,
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

    /**
     * Reads the file and checks every row against the register. A dry run answers what would be
     * written and every error; an apply writes everything in one command (one audit entry) or, with
     * any error, nothing (422 listing the errors).
     */
    async importFile(actor: Actor, kind: ImportKind, upload: { fileName: string; bytes: Buffer }, options: BalanceImportOptions) {
      upload = { ...upload, fileName: uploadFileName(upload.fileName, 'upload.csv') };
      policy.import(actor);
      const table = await readFile(actor, upload.bytes);
      if (options.dryRun) {
        const planned = await db.transaction(async (tx) => plan(tx, actor, kind, table, options), {
          isolationLevel: 'repeatable read',
          accessMode: 'read only',
        });
        return report(kind, upload.fileName, options, planned, false);
      }
      return runCommand(db, actor, async (tx, changes) => {
        const planned = await plan(tx, actor, kind, table, options);
        if (planned.issues.length) {
          const errors = planned.issues.map((i) => ({ ...i }) satisfies FieldError);
          throw new Problem(422, 'validation', detail('balanceImport.refused', { count: planned.issues.length }), errors, {
            counts: ('counts' in planned ? planned.counts : undefined) ?? null,
            amountFormat: renderMessage(actor.locale, `balanceImport.amountFormat.${options.amountFormat}`),
          });
        }
        await apply(tx, actor, changes, planned);
        return report(kind, upload.fileName, options, planned, true);
      });
    },
  };
}

export type BalanceImportService = ReturnType<typeof createBalanceImportService>;
