import type { ImportKind } from './columns.js';
import type { BalanceImportOptions } from './context.js';
import type { Planned } from './plan.js';
import type { BalanceImportReportT } from './schemas.js';

/** What an import answers (BalanceImportReport): the same whether it ran in the request or as a job. */
export function importReport(kind: ImportKind, fileName: string, options: BalanceImportOptions, planned: Planned, applied: boolean): BalanceImportReportT {
  return {
    kind,
    dryRun: options.dryRun,
    applied,
    fileName,
    fileFormat: planned.format,
    amountFormat: options.amountFormat,
    counts: ('counts' in planned ? planned.counts : undefined) ?? { create: 0, update: 0, unchanged: 0, replaced: 0 },
    rows: ('rowActions' in planned ? planned.rowActions : undefined) ?? [],
    errors: planned.issues,
  };
}
