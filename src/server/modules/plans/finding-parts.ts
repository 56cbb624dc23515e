import type { Actor } from '../../context.js';
import type { Executor } from '../../db/engine.js';
import type { ChangeRecorder } from '../../unit-of-work.js';
import { planRepository as repo, type PlanRow } from './repository.js';
import { findingReads, findingWrites } from '../findings/index.js';

// A plan's effect on its finding's department parts.

export const partsOf = (plan: Pick<PlanRow, 'crossCutting' | 'departmentId'>): string[] | 'all' => (plan.crossCutting ? 'all' : [plan.departmentId]);

/**
 * Parts left without a plan (the plan was deleted or moved to another department) go back from
 * 'planDrafted' to 'assigned' as of `at`, unless another plan of the finding still covers them.
 */
export async function releaseParts(
  tx: Executor,
  actor: Actor,
  changes: ChangeRecorder,
  findingId: string,
  departmentIds: string[] | 'all',
  at: Date,
): Promise<void> {
  const mid = actor.municipalityId;
  const remaining = await repo.plansOfFinding(tx, mid, findingId);
  if (remaining.some((p) => p.crossCutting)) return;
  const covered = new Set(remaining.map((p) => p.departmentId));
  for (const part of await findingReads.departmentsOf(tx, mid, [findingId])) {
    if (part.state !== 'planDrafted' || covered.has(part.departmentId)) continue;
    if (departmentIds !== 'all' && !departmentIds.includes(part.departmentId)) continue;
    await findingWrites.setDepartmentState(tx, mid, findingId, part.departmentId, 'assigned', null, null, at);
    await changes.record({
      resource: 'findingDepartment',
      resourceId: findingId,
      action: 'state',
      before: { departmentId: part.departmentId, state: part.state },
      after: { departmentId: part.departmentId, state: 'assigned' },
    });
  }
}
