import { defineMessages } from '../catalogue.js';

/** The messages of the findings module (codes 'findings.…'). */
export const findingsMessages = defineMessages({});
