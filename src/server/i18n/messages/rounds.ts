import { defineMessages } from '../catalogue.js';

/** The messages of the rounds module (codes 'rounds.…'). */
export const roundsMessages = defineMessages({});
