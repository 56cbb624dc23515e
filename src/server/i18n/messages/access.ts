import { defineMessages } from '../catalogue.js';

/** The messages of the access module (codes 'access.…'). */
export const accessMessages = defineMessages({});
