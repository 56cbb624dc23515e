import { defineMessages } from '../catalogue.js';

/** The messages of the matching module (codes 'matching.…'). */
export const matchingMessages = defineMessages({});
