import type { Executor } from '../../db/engine.js';
import type { ChangeRecorder } from '../../unit-of-work.js';
import { advancesTo } from '../../../domain/finding-state.js';
import { findingRepository } from './repository.js';

/**
 * Moves the named departments' parts of a finding forward to `to` (plan drafted, approved, in
 * progress) when they are behind it, as of `at` (the command's time, from the service's clock).
 * Called by the plan, follow-up and import commands inside their transaction (through
 * findings/index.ts); manual moves (closure, reopening) go through the finding service.
 */
export async function advanceFindingState(
  tx: Executor,
  changes: ChangeRecorder,
  mid: string,
  findingId: string,
  departmentIds: string[] | 'all',
  to: 'planDrafted' | 'planApproved' | 'inProgress',
  at: Date,
): Promise<void> {
  if (departmentIds !== 'all' && !departmentIds.length) return;
  for (const part of await findingRepository.partsOf(tx, mid, findingId, departmentIds)) {
    if (!advancesTo(part.state, to)) continue;
    await findingRepository.advancePart(tx, mid, findingId, part.departmentId, to, part.version, at);
    await changes.record({
      resource: 'findingDepartment',
      resourceId: findingId,
      action: 'state',
      before: { departmentId: part.departmentId, state: part.state },
      after: { departmentId: part.departmentId, state: to },
    });
  }
}
