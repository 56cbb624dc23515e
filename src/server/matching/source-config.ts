import { z } from 'zod';

/**
 * How one side's extract is laid out: saved per system, so a monthly run only names the files.
 * Column names are header names, matched case-insensitively after trimming.
 */
export const sourceConfigSchema = z.object({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  delimiter: z.enum([';', ',', '\t', '|']).default(';'),
  decimal: z.enum([',', '.']).default(','),
  dateFormat: z.enum(['dd-mm-yyyy', 'dd.mm.yyyy', 'dd/mm/yyyy', 'yyyy-mm-dd', 'yyyymmdd']).default('dd-mm-yyyy'),
  encoding: z.enum(['utf-8', 'windows-1252']).default('utf-8'),
  sheet: z.string().min(1).optional(),
  /** Flips the sign, e.g. ledger credit postings against system payments. */
  negate: z.boolean().default(false),
  columns: z.object({
    amount: z.string().trim().min(1),
    date: z.string().trim().min(1),
    caseId: z.string().trim().min(1).optional(),
    cpr: z.string().trim().min(1).optional(),
    account: z.string().trim().min(1).optional(),
    text: z.string().trim().min(1).optional(),
  }),
});

export type SourceConfig = z.output<typeof sourceConfigSchema>;
export type SourceConfigInput = z.input<typeof sourceConfigSchema>;

/** The fields a source column maps to, in a fixed order (the reader's role numbers). */
export const sourceFields = ['amount', 'date', 'caseId', 'cpr', 'account', 'text'] as const;
export type SourceField = (typeof sourceFields)[number];

export function parseSourceConfig(input: unknown): SourceConfig {
  return sourceConfigSchema.parse(input);
}
