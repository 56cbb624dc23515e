import type { Actor } from '../../context.js';
import { allow, isCentral } from '../access/grants.js';

/**
 * Who may import spreadsheets: central coordination (and administrators), who register reports
 * and findings. The import writes plans and measures of every department, so a department
 * coordinator may not; nor may auditors or readers.
 */
export const importPolicy = {
  import: (actor: Actor) => allow(isCentral(actor)),
  /** The template lists the municipality's departments and belongs with the import. */
  template: (actor: Actor) => allow(isCentral(actor)),
};
