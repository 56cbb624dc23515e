import { defineMessages } from '../catalogue.js';

/** The messages of the balance-report module (codes 'balanceReport.…'). */
export const balanceReportMessages = defineMessages({
  'balanceReport.committeeUnknown': { da: 'Ukendt udvalg {committee}', sv: 'Okänd nämnd {committee}', en: 'Unknown committee {committee}' },
});
