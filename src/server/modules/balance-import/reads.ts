import { balanceImportRepository as repo } from './repository.js';

export type { AdjustmentRow } from './repository.js';

/** What other modules may read of the imported data (the annual report reads the balance adjustments of a year). */
export const balanceImportReads = {
  adjustmentsOf: repo.adjustmentsOf,
};
