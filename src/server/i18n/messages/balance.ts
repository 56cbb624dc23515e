import { defineMessages } from '../catalogue.js';

/** The messages of the balance module (codes 'balance.…'). */
export const balanceMessages = defineMessages({});
