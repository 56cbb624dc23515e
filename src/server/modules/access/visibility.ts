import type { Actor } from '../../context.js';
import { isReaderOnly } from './grants.js';

/**
 * What a reader (a politician, the public) may see: findings that are not confidential and plans
 * that are approved. Staff see everything of their municipality. Services apply this to single
 * resources (invisible answers 404, like a missing one) and repositories to lists and search.
 */
export interface Visibility {
  /** Confidential findings (and everything under them) are shown. */
  confidential: boolean;
  /** Plans that are not yet approved (drafts, submitted) are shown. */
  unapprovedPlans: boolean;
  /** Internal material: comments, evidence, change history, round submissions. */
  internal: boolean;
}

export function visibilityOf(actor: Actor): Visibility {
  const reader = isReaderOnly(actor) || actor.roles.length === 0;
  return { confidential: !reader, unapprovedPlans: !reader, internal: !reader };
}

export const canSeeFinding = (actor: Actor, finding: { confidential: boolean }) => visibilityOf(actor).confidential || !finding.confidential;

export const canSeePlan = (actor: Actor, plan: { state: string; findingConfidential: boolean }) => {
  const v = visibilityOf(actor);
  return (v.confidential || !plan.findingConfidential) && (v.unapprovedPlans || plan.state === 'approved');
};
