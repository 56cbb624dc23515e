import type { Database } from '../../db/engine.js';
import { decisionUseCases } from './decisions.js';
import type { MatchingOptions } from './options.js';
import { runUseCases } from './runs.js';
import { systemUseCases } from './systems.js';

export type { MatchingOptions, UploadedSource } from './options.js';
export type { MatchingItemDto, MatchingRunDto, MatchingSystemDto } from './presenters.js';

/**
 * The matching engine's use cases, one file per family: the systems (systems.ts), the runs with
 * their queue, worker and progress (runs.ts), and the decisions on a run's result: groups and
 * manual matches (decisions.ts); presenters.ts builds the responses.
 */
export function createMatchingService(db: Database, opts: MatchingOptions) {
  return {
    ...systemUseCases(db),
    ...runUseCases(db, opts),
    ...decisionUseCases(db, opts),
  };
}

export type MatchingService = ReturnType<typeof createMatchingService>;
