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
