import { roundsRepository } from './repository.js';

// What other modules may use of the follow-up rounds' data; they never use the repository itself.

/** Reads: each department's progress in a round (the task list). */
export const roundsReads = {
  progressByDepartment: roundsRepository.progressByDepartment,
};

/** Writes: pinning a plan's approved revision in the open rounds (the plans' workflow); a scheduled round opening itself (reminders). */
export const roundsWrites = {
  pinInOpenRounds: roundsRepository.pinInOpenRounds,
  insertRound: roundsRepository.insertRound,
  pinApprovedPlans: roundsRepository.pinApprovedPlans,
};
