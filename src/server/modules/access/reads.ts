import { accessRepository } from './repository.js';

/**
 * What other modules may change of the role grants (the municipality setup and the bootstrap of
 * the first administrator); they never use the repository itself.
 */
export const accessWrites = {
  replaceRoles: accessRepository.replaceRoles,
};
