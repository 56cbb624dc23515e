import { defineMessages } from '../catalogue.js';

/** The messages of the attachments module (codes 'attachments.…'). */
export const attachmentsMessages = defineMessages({});
