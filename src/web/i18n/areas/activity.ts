import { joinParts } from '../area';
import { activityComments } from './activity/comments';
import { activitySearch } from './activity/search';
import { activityHistory } from './activity/history';

/**
 * Comments and evidence, global search, and the readable history of findings and plans, put together
 * from its parts in areas/activity/.
 */
export const activity = joinParts(activityComments, activitySearch, activityHistory);
