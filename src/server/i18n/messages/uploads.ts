import { defineMessages } from '../catalogue.js';

/** The messages of the uploads module (codes 'uploads.…'). */
export const uploadsMessages = defineMessages({});
