/**
 * A finding's state per department (docs/domain.md): where each department's part of a finding
 * stands in the loop, and which moves are automatic (the plan and follow-up commands move a part
 * forward) and which a person makes (closure, reopening).
 */
export const findingStates = ['received', 'assigned', 'planDrafted', 'planApproved', 'inProgress', 'closureProposed', 'closed', 'carriedOver'] as const;
export type FindingState = (typeof findingStates)[number];

/** Order of the automatic states; a department's part only ever moves forward automatically. */
const rank: Record<FindingState, number> = {
  received: 0,
  assigned: 1,
  planDrafted: 2,
  planApproved: 3,
  inProgress: 4,
  closureProposed: 5,
  closed: 6,
  carriedOver: 6,
};

/** Whether an automatic move to `to` applies to a part in `from`: only when the part is behind it. */
export const advancesTo = (from: FindingState, to: FindingState): boolean => rank[from] < rank[to];

/** Manual moves a user may make, from → allowed targets. Closing is the auditor's call. */
export const manualTransitions: Record<FindingState, FindingState[]> = {
  received: ['assigned'],
  assigned: [],
  planDrafted: [],
  planApproved: ['closureProposed', 'closed'],
  inProgress: ['closureProposed', 'closed'],
  closureProposed: ['closed', 'inProgress'],
  closed: ['inProgress'],
  carriedOver: [],
};
