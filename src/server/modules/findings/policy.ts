import type { Actor } from '../../context.js';
import { allow, coordinates, isAuditor, isCentral } from '../access/grants.js';
import { manualTransitions, type FindingState } from '../../../domain/finding-state.js';

/** Parts finished with: nothing more is asked of them, and they are never carried. */
const DONE: readonly FindingState[] = ['closed', 'carriedOver'];
/** Parts that have no plan yet: a plan may be asked for, or started. */
const BEFORE_PLAN: readonly FindingState[] = ['received', 'assigned'];

/**
 * The rules as questions (true/false), so the service enforces exactly what `actions` offers.
 * Reading is governed by access/visibility.
 */
export const findingRules = {
  /** Central coordination registers reports and findings and records council decisions. */
  manage: (actor: Actor) => isCentral(actor),

  /**
   * Manual moves of a department's part: that department's coordinator (or central) proposes
   * closure; only the auditor closes and reopens; central marks a received part assigned.
   */
  changeState(actor: Actor, departmentId: string, to: FindingState): boolean {
    switch (to) {
      case 'closed':
      case 'inProgress':
        return isAuditor(actor);
      case 'closureProposed':
        return coordinates(actor, departmentId);
      default:
        return isCentral(actor);
    }
  },

  /** Central coordination asks a department for its plan while the part has none. */
  requestPlan: (actor: Actor, part: { state: FindingState; planRequestedAt: unknown }) =>
    isCentral(actor) && BEFORE_PLAN.includes(part.state) && !part.planRequestedAt,

  /** Year rollover belongs to central coordination. */
  carryOver: (actor: Actor) => isCentral(actor),
};

/** The same rules, throwing 403 when they do not hold. */
export const findingPolicy = {
  manage: (actor: Actor) => allow(findingRules.manage(actor)),
  changeState: (actor: Actor, departmentId: string, to: FindingState) => allow(findingRules.changeState(actor, departmentId, to)),
  requestPlans: (actor: Actor) => allow(isCentral(actor)),
  carryOver: (actor: Actor) => allow(findingRules.carryOver(actor)),
};

const may = (actor: Actor, part: { departmentId: string; state: FindingState }, to: FindingState) =>
  manualTransitions[part.state].includes(to) && findingRules.changeState(actor, part.departmentId, to);

/** What the caller may do now to one department's part (see the common `actions` contract). */
export function partActions(actor: Actor, part: { departmentId: string; state: FindingState; planRequestedAt: unknown }, hasPlan: boolean) {
  return {
    requestPlan: findingRules.requestPlan(actor, part),
    /** Start the department's plan: its coordinator (central may write on its behalf; the server allows it). */
    createPlan: !hasPlan && BEFORE_PLAN.includes(part.state) && coordinates(actor, part.departmentId),
    assign: may(actor, part, 'assigned'),
    proposeClosure: may(actor, part, 'closureProposed'),
    close: may(actor, part, 'closed'),
    reopen: may(actor, part, 'inProgress'),
  };
}

/**
 * What the caller may do now to a finding as a whole. A finding a later year repeats (carried
 * over, or named as its earlier year) is not deleted: the later one's history starts there.
 */
export function findingActions(actor: Actor, finding: { departments: { state: FindingState; planRequestedAt: unknown }[]; repeatedLater: boolean }) {
  const manage = findingRules.manage(actor);
  return {
    update: manage,
    delete: manage && !finding.repeatedLater && !finding.departments.some((p) => p.state === 'carriedOver'),
    requestPlans: finding.departments.some((p) => findingRules.requestPlan(actor, p)),
    setCouncilDecision: manage,
    carryOver: findingRules.carryOver(actor) && finding.departments.some((p) => !DONE.includes(p.state)),
  };
}

/** What the caller may do now to an audit report. */
export function reportActions(actor: Actor, report: { findingCount: number }) {
  const manage = findingRules.manage(actor);
  return { update: manage, delete: manage && report.findingCount === 0, createFinding: manage };
}
