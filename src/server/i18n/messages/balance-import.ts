import { defineMessages } from '../catalogue.js';

/** The messages of the balance-import module (codes 'balanceImport.…'). */
export const balanceImportMessages = defineMessages({});
