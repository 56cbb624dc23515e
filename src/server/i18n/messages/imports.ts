import { defineMessages } from '../catalogue.js';

/** The messages of the imports module (codes 'imports.…'). */
export const importsMessages = defineMessages({});
