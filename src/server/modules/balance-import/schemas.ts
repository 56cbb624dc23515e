import { z } from 'zod';
import { QueryBool } from '../../http/schemas.js';
import { IMPORT_KINDS } from './kinds.js';

export const ImportParams = z.object({ kind: z.enum(IMPORT_KINDS) });

export const TemplateQuery = z.object({
  /** Language of the headers and instructions; default: the caller's. */
  lang: z.enum(['da', 'sv', 'en']).optional(),
});

export const ImportQuery = z.object({
  /** true (default): only report what would happen; false: apply it, all or nothing. */
  dryRun: QueryBool.default(true),
  /** The number format the file's amounts are written in; the other format is refused, never guessed. */
  amountFormat: z.enum(['da', 'en']).default('da'),
});

export const BalanceImportIssue = z
  .object({
    row: z.number().int().nullable(),
    column: z.string().nullable().describe('Column letter'),
    header: z.string().nullable().describe('The column header as in the file'),
    field: z.string().describe('Where, in one string: C7 (a cell), C1 (a column) or file'),
    code: z.string(),
    message: z.string(),
  })
  .meta({ id: 'BalanceImportIssue' });

export const BalanceImportReport = z
  .object({
    kind: z.enum(IMPORT_KINDS),
    dryRun: z.boolean(),
    applied: z.boolean(),
    fileName: z.string(),
    fileFormat: z.enum(['csv', 'xlsx']).nullable(),
    amountFormat: z.enum(['da', 'en']),
    counts: z.object({
      create: z.number().int(),
      update: z.number().int(),
      unchanged: z.number().int(),
      replaced: z.number().int().describe('Adjustments: rows of the same years and sections the file replaces'),
    }),
    rows: z
      .array(z.object({ row: z.number().int(), key: z.string().describe('IM code or account number'), action: z.enum(['create', 'update', 'unchanged']) }))
      .describe('imFunctions and accounts: what each row does (other kinds: empty)'),
    errors: z.array(BalanceImportIssue),
  })
  .meta({ id: 'BalanceImportReport' });
export type BalanceImportReportT = z.infer<typeof BalanceImportReport>;

export const JobParams = z.object({ id: z.string().describe('The job id (uuid)') });

/** A large import applied by the job queue (over the row limit): its state, progress and, when done, the report or the reason it failed. */
export const BalanceImportJob = z
  .object({
    id: z.string(),
    kind: z.enum(IMPORT_KINDS),
    state: z.enum(['queued', 'running', 'succeeded', 'failed']),
    fileName: z.string(),
    rowsTotal: z.number().int().describe("The file's data rows"),
    rowsDone: z.number().int().describe('Rows written so far; rowsTotal once succeeded'),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    report: BalanceImportReport.nullable().describe('When succeeded: what the synchronous import answers'),
    error: z
      .object({
        code: z.string().describe('refused · conflict · userGone · internal'),
        message: z.string(),
        errors: z.array(BalanceImportIssue).describe('refused: the rows that no longer fit the register'),
      })
      .nullable()
      .describe('When failed: why (nothing was written)'),
  })
  .meta({ id: 'BalanceImportJob' });
export type BalanceImportJobT = z.infer<typeof BalanceImportJob>;
