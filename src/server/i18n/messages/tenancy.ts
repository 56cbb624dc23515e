import { defineMessages } from '../catalogue.js';

/** The messages of the tenancy module (codes 'tenancy.…'). */
export const tenancyMessages = defineMessages({});
