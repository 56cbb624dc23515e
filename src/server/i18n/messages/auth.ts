import { defineMessages } from '../catalogue.js';

/** The messages of the auth module (codes 'auth.…'). */
export const authMessages = defineMessages({});
