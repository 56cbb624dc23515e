import { authRepository } from './repository.js';

// What other modules may use of the auth data; they never use the repository itself.

/** Reads: a user's role grants (the access module shows and checks them). */
export const authReads = {
  rolesOf: authRepository.rolesOf,
};

/** Writes: setting a user's password credentials (setup and bootstrap of administrators). */
export const authWrites = {
  upsertCredentials: authRepository.upsertCredentials,
};
