import type { Database } from '../../db/engine.js';
import type { ServiceOptions } from '../../service-options.js';
import { accountUseCases } from './accounts.js';
import { reconciliationUseCases } from './reconciliations.js';
import { systemReconciliationUseCases } from './system-reconciliations.js';

export { insertStarterChart, sortAccounts } from './accounts.js';
export type { AccountDto, SystemReconciliationDto } from './presenters.js';

/**
 * The balance register's use cases, one file per family: the chart, settings and accounts
 * (accounts.ts), the accounts' reconciliations with sign-off, approval and de-certification
 * (reconciliations.ts), and the specialist systems' differences (system-reconciliations.ts);
 * presenters.ts builds the responses.
 */
export function createBalanceService(db: Database, opts: Pick<ServiceOptions, 'clock'>) {
  return {
    ...accountUseCases(db),
    ...reconciliationUseCases(db, opts),
    ...systemReconciliationUseCases(db),
  };
}

export type BalanceService = ReturnType<typeof createBalanceService>;
