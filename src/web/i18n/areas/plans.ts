import { joinParts } from '../area';
import { planEditor } from './plans/editor';
import { planAnswers } from './plans/answers';
import { planReview } from './plans/review';

/**
 * The plan editor (/plans/:id), its guidance check, conflicts, answer documents (yttrande) and
 * the "new plan" action on a finding, put together from its parts in areas/plans/.
 */
export const plans = joinParts(planEditor, planAnswers, planReview);
