import type { Actor } from '../../context.js';
import { allow, isCentral } from '../access/grants.js';

/**
 * Who may import balance files: central coordination and administrators. An import writes the
 * ledger balances, reconciliations and report adjustments of every department at once, so a
 * department coordinator may not (they edit their own reconciliations in the register).
 */
export const balanceImportPolicy = {
  import: (actor: Actor) => allow(isCentral(actor)),
};
