import type { Breach } from '../../../domain/guidance.js';
import { conflict, detail, Problem, type FieldError } from '../../http/problem.js';
import type { AnswerRow, PlanRow } from './repository.js';

// The refusals the plan commands share (locked plans and answers, open guidance errors).

/** Where a breach points in the plan, for the 422 of a blocked submission. */
function breachField(b: Breach): string {
  if (b.code === 'recommendation.uncovered') return `recommendations.${b.recommendationNumber}`;
  if (b.code.startsWith('plan.') || b.measureNumber === null) return `plan.${b.field}`;
  return `measures.${b.measureNumber}.${b.field}`;
}

const approvedLocked = () =>
  new Problem(409, 'locked', detail('plan.approvedLocked'), [
    { field: 'plan', code: 'plan.approvedLocked', message: 'The plan is approved; revise it to change it' },
  ]);

export const answerApprovedLocked = () =>
  new Problem(409, 'locked', detail('answer.approvedLocked'), [
    { field: 'answer', code: 'answer.approvedLocked', message: 'The answer is approved; revise it to change it' },
  ]);

export function assertAnswerWritable(answer: Pick<AnswerRow, 'state'>): void {
  if (answer.state === 'approved') throw answerApprovedLocked();
  if (answer.state === 'submitted') {
    throw new Problem(409, 'locked', detail('plans.answerLocked'), [
      { field: 'answer', code: 'answer.locked', message: 'The answer is submitted; return it before editing' },
    ]);
  }
}

/** Refuses a change to a plan that is submitted (until returned) or approved (until revised). */
export function assertWritable(plan: Pick<PlanRow, 'state'>): void {
  if (plan.state === 'submitted') throw locked();
  if (plan.state === 'approved') throw approvedLocked();
}

const locked = () =>
  new Problem(409, 'locked', detail('plans.locked'), [
    { field: 'plan', code: 'plan.locked', message: 'The plan is submitted for approval; return it before editing' },
  ]);

export const notSubmitted = (state: string) =>
  conflict(detail('plans.notSubmitted'), [{ field: 'plan', code: 'plan.notSubmitted', message: `The plan is ${state}` }]);

/** The guidance errors not accepted with a reason, as the field errors of a 422. */
export const openErrors = (breaches: Breach[]): FieldError[] =>
  breaches.filter((b) => b.severity === 'error' && b.accepted === null).map((b) => ({ field: breachField(b), code: b.code, message: b.message }));

export const numberTaken = (field: string): FieldError => ({ field, code: 'measure.numberTaken', message: 'Another measure of this plan has that number' });
