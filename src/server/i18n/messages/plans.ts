import { defineMessages } from '../catalogue.js';

/** The messages of the plans module (codes 'plans.…'). */
export const plansMessages = defineMessages({});
