import { balanceRepository as repo } from './repository.js';

export { decertificationChange } from './reconciliations.js';

export type { ImFunctionRow, ReconciliationRow } from './repository.js';

/**
 * What other modules may read of the balance register (the balance import checks files against
 * the chart, the annual report reads the threshold and the accounts' action plans, the plans
 * module reads the accounts and reconciliations its plans answer); they never use the repository
 * itself.
 */
export const balanceReads = {
  imFunctions: repo.imFunctions,
  settings: repo.settings,
  accountPlans: repo.accountPlans,
  reconciliationPoints: repo.reconciliationPoints,
  getAccount: repo.getAccount,
  getReconciliation: repo.getReconciliation,
  getSystemReconciliation: repo.getSystemReconciliation,
  reconciliationsOf: repo.reconciliationsOf,
};

/** Writes other modules make in their own transaction: the chart import updates accounts it matched by number. */
export const balanceWrites = {
  updateAccount: repo.updateAccount,
};

/** Locks: the plans module locks an account's row (select … for update) inside its transaction. */
export const balanceLocks = {
  lockAccount: repo.lockAccount,
};
