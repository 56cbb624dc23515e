import { describe, expect, it } from 'vitest';
import { advancesTo, findingStates, manualTransitions } from './finding-state.js';

describe('finding states', () => {
  it('moves a part forward automatically, never back and never out of closed or carried over', () => {
    expect(advancesTo('assigned', 'planDrafted')).toBe(true);
    expect(advancesTo('planDrafted', 'planApproved')).toBe(true);
    expect(advancesTo('planApproved', 'planDrafted')).toBe(false);
    expect(advancesTo('inProgress', 'inProgress')).toBe(false);
    for (const to of ['planDrafted', 'planApproved', 'inProgress'] as const) {
      expect(advancesTo('closed', to)).toBe(false);
      expect(advancesTo('carriedOver', to)).toBe(false);
    }
  });

  it('offers manual moves only between known states, and none out of a carried-over part', () => {
    for (const [from, targets] of Object.entries(manualTransitions)) {
      expect(findingStates).toContain(from);
      for (const to of targets) expect(findingStates).toContain(to);
    }
    expect(manualTransitions.carriedOver).toEqual([]);
    expect(manualTransitions.closed).toEqual(['inProgress']);
  });
});
