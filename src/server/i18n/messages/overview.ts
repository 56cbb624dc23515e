import { defineMessages } from '../catalogue.js';

/** The messages of the overview module (codes 'overview.…'). */
export const overviewMessages = defineMessages({
  /** The name of the overview's total row. */
  'overview.total': { da: 'I alt', sv: 'Totalt', en: 'Total' },
});
