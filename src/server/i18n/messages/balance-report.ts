import { defineMessages } from '../catalogue.js';

/** The messages of the balance-report module (codes 'balanceReport.…'). */
export const balanceReportMessages = defineMessages({});
