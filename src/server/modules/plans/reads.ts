import { planRepository } from './repository.js';

export type { MeasureRow, PlanHeader } from './repository.js';

// What other modules may use of the action plans' data (the import of findings and plans); they
// never use the repository itself.

/** Reads: all plans, their links to findings, their measures and the next free position. */
export const planReads = {
  allPlans: planRepository.allPlans,
  linksOf: planRepository.linksOf,
  measuresOf: planRepository.measuresOf,
  maxPosition: planRepository.maxPosition,
};

/** Writes the import makes on plans, measures, deadline revisions and finding links. */
export const planWrites = {
  insertPlan: planRepository.insertPlan,
  updatePlan: planRepository.updatePlan,
  insertMeasure: planRepository.insertMeasure,
  updateMeasure: planRepository.updateMeasure,
  insertRevisions: planRepository.insertRevisions,
  setLinks: planRepository.setLinks,
};
