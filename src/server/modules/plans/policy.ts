import type { Actor } from '../../context.js';
import { allow, coordinates, isCentral } from '../access/grants.js';

/**
 * Who may do what to action plans. A plan belongs to one department (a cross-cutting plan to the
 * coordinating one): its coordinator writes, reorders and submits it, and central coordination
 * may too; only central coordination returns or records an approval, so whoever submits a plan
 * cannot also approve it. Auditors and readers never edit plans. The department's coordinator or
 * central coordination revises an approved plan (a new revision in draft).
 */
export const planPolicy = {
  write: (actor: Actor, departmentId: string) => allow(coordinates(actor, departmentId)),
  review: (actor: Actor) => allow(isCentral(actor)),
};

/** A plan as the rules of its commands see it. */
export interface PlanForActions {
  departmentId: string;
  state: 'draft' | 'submitted' | 'approved';
  revision: number;
}

/**
 * The commands the actor may take on the plan now, from the same rules the service enforces
 * (role above, state in the service's guards), so the editor offers exactly what will be accepted.
 * `update` covers the plan's fields, its measures, their order and guidance acceptances.
 */
export function planActions(actor: Actor, plan: PlanForActions) {
  const writer = coordinates(actor, plan.departmentId);
  const reviewer = isCentral(actor);
  return {
    update: writer && plan.state === 'draft',
    // The approved revision of a plan that is being revised must survive
    delete: writer && plan.state === 'draft' && plan.revision === 1,
    submit: writer && plan.state === 'draft',
    return: reviewer && plan.state === 'submitted',
    approve: reviewer && plan.state === 'submitted',
    revise: writer && plan.state === 'approved',
  };
}

export type PlanActions = ReturnType<typeof planActions>;

/** The same for an answer document (reply, yttrande, uppföljande yttrande) of the plan. */
export function answerActions(actor: Actor, departmentId: string, state: 'draft' | 'submitted' | 'approved') {
  const writer = coordinates(actor, departmentId);
  const reviewer = isCentral(actor);
  return {
    update: writer && state === 'draft',
    submit: writer && state === 'draft',
    return: reviewer && state === 'submitted',
    approve: reviewer && state === 'submitted',
    revise: writer && state === 'approved',
  };
}
