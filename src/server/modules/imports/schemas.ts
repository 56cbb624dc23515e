import { z } from 'zod';
import { QueryBool } from '../../http/schemas.js';

export const TemplateQuery = z.object({
  /** Language of the headers and instructions; default: the municipality's. */
  lang: z.enum(['da', 'sv', 'en']).optional(),
});

export const ImportQuery = z.object({
  /** true (default): only report what would happen; false: apply it, all or nothing. */
  dryRun: QueryBool.default(true),
});

const Counts = z.object({ create: z.number().int(), update: z.number().int(), unchanged: z.number().int() });

export const ImportIssue = z
  .object({
    sheet: z.string().nullable().describe('Sheet name as in the file; null for a problem of the whole file'),
    row: z.number().int().nullable(),
    column: z.string().nullable().describe('Column letter'),
    header: z.string().nullable().describe('The column header as in the file'),
    field: z.string().describe('Where, in one string: Sheet!C7, Sheet!7, or file'),
    code: z.string(),
    message: z.string(),
  })
  .meta({ id: 'ImportIssue' });

export const ImportRow = z
  .object({
    sheet: z.string(),
    row: z.number().int(),
    entity: z.enum(['report', 'finding', 'recommendation', 'plan', 'measure']),
    action: z.enum(['create', 'update', 'unchanged']),
    key: z.string().describe('What the row identifies: report (year) · finding no. · R recommendation no. / department · measure no.'),
    changes: z.array(z.string()).describe('Headers of the columns whose value changes (updates)'),
  })
  .meta({ id: 'ImportRow' });

export const ImportReport = z
  .object({
    dryRun: z.boolean(),
    applied: z.boolean(),
    fileName: z.string(),
    counts: z.object({ reports: Counts, findings: Counts, recommendations: Counts, plans: Counts, measures: Counts }),
    rows: z.array(ImportRow),
    errors: z.array(ImportIssue),
  })
  .meta({ id: 'ImportReport' });
