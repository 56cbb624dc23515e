import type { Services } from '../services.js';
import type { PeriodicTask } from './workers.js';

/** The periodic job's tasks, in order. Each is a check of (state, now): running it twice does nothing more. */
export function periodicTasks(services: Services): PeriodicTask[] {
  return [{ name: 'matchingRecover', run: () => services.matching.recoverStale() }];
}
