import { defineMessages } from '../catalogue.js';

/** The messages of the overview module (codes 'overview.…'). */
export const overviewMessages = defineMessages({});
