import { defineMessages } from '../catalogue.js';

/** The messages of the risk module (codes 'risk.…'). */
export const riskMessages = defineMessages({});
