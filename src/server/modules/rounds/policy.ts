import type { Actor } from '../../context.js';
import type { SubmissionRow } from './repository.js';
import { allow, coordinates, holdsIn, isCentral } from '../access/grants.js';
import { visibilityOf } from '../access/visibility.js';

type SubmissionState = SubmissionRow['state'];

/** The states a command may start from: one list, used by the service and by `actions`. */
export const submissionFrom = {
  submit: ['draft', 'returned'] as readonly SubmissionState[],
  review: ['submitted'] as readonly SubmissionState[],
  /** Entries can be changed only while the department is still working on the answer. */
  answer: ['draft', 'returned'] as readonly SubmissionState[],
};

/** Whether a policy rule allows the actor (each rule throws 403 otherwise). */
export function permits(rule: () => void): boolean {
  try {
    rule();
    return true;
  } catch {
    return false;
  }
}

/**
 * Who may do what in a follow-up round. Central coordination opens, edits and closes rounds and
 * reviews submissions; a department's coordinator answers and submits its department's part; a
 * measure owner answers the status of the measures assigned to them, and nothing else.
 */
export const roundsPolicy = {
  manageRounds: (actor: Actor) => allow(isCentral(actor)),
  /** Submissions and their entries are internal working material, not for readers. */
  readSubmissions: (actor: Actor) => allow(visibilityOf(actor).internal),
  answer: (actor: Actor, departmentId: string, measure: { ownerUserId: string | null }) =>
    allow(
      coordinates(actor, departmentId) ||
        (holdsIn(actor, 'measureOwner', departmentId) && measure.ownerUserId !== null && measure.ownerUserId === actor.userId),
    ),
  submit: (actor: Actor, departmentId: string) => allow(coordinates(actor, departmentId)),
  review: (actor: Actor) => allow(isCentral(actor)),

  /** The commands the actor may take on a round now: central coordination changes and closes an open one. */
  roundActions(actor: Actor, round: { state: 'open' | 'closed' }) {
    const manage = round.state === 'open' && permits(() => roundsPolicy.manageRounds(actor));
    return { update: manage, close: manage };
  },

  /**
   * The commands the actor may take on a submission now (the `actions` of the API): the same
   * role rules and state rules the service enforces, in an open round only.
   */
  submissionActions(actor: Actor, submission: Pick<SubmissionRow, 'state' | 'departmentId'>, roundOpen: boolean) {
    const reviewable = roundOpen && submissionFrom.review.includes(submission.state) && permits(() => roundsPolicy.review(actor));
    return {
      submit: roundOpen && submissionFrom.submit.includes(submission.state) && permits(() => roundsPolicy.submit(actor, submission.departmentId)),
      return: reviewable,
      accept: reviewable,
    };
  },
};
