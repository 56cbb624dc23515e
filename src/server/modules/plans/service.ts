import type { Database } from '../../db/engine.js';
import type { ServiceOptions } from '../../service-options.js';
import { acceptanceCommands } from './acceptances.js';
import { accountPlanCommands } from './account-plans.js';
import { answerCommands } from './answers.js';
import { measureCommands } from './measures.js';
import { planCommands } from './plan-commands.js';
import { workflowCommands } from './workflow.js';

export type { MeasureDto, PlanDto } from './presenters.js';

/**
 * The plans module's use cases, one file each (plan-commands, account-plans, measures, workflow,
 * acceptances, answers); the DTOs are built in presenters.ts, the shared loading in loaders.ts.
 */
export function createPlansService(db: Database, opts: ServiceOptions) {
  return {
    ...planCommands(db, opts.clock),
    ...accountPlanCommands(db),
    ...measureCommands(db),
    ...workflowCommands(db, opts.clock),
    ...acceptanceCommands(db, opts.clock),
    ...answerCommands(db),
  };
}

export type PlansService = ReturnType<typeof createPlansService>;
