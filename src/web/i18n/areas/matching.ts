import { joinParts } from '../area';
import { matchingSystems } from './matching/systems';
import { matchingRun } from './matching/run';
import { matchingItems } from './matching/items';

/**
 * The matching engine: systems, runs, one run's passes, unmatched items, suggestions and differences,
 * put together from its parts in areas/matching/.
 */
export const matching = joinParts(matchingSystems, matchingRun, matchingItems);
