import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/engine.js';
import { findingDepartments, findingStates } from '../../db/schema/index.js';
import type { ChangeRecorder } from '../../unit-of-work.js';

export type FindingState = (typeof findingStates)[number];

/** Order of the automatic states; a department's part only ever moves forward automatically. */
const rank: Record<FindingState, number> = {
  received: 0,
  assigned: 1,
  planDrafted: 2,
  planApproved: 3,
  inProgress: 4,
  closureProposed: 5,
  closed: 6,
  carriedOver: 6,
};

/**
 * Moves the named departments' parts of a finding forward to `to` (plan drafted, approved, in
 * progress) when they are behind it, as of `at` (the command's time, from the service's clock).
 * Called by the plan and follow-up services inside their transaction; manual moves (closure,
 * reopening) go through the finding service.
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
  const where = [eq(findingDepartments.municipalityId, mid), eq(findingDepartments.findingId, findingId)];
  if (departmentIds !== 'all') {
    if (!departmentIds.length) return;
    where.push(inArray(findingDepartments.departmentId, departmentIds));
  }
  const parts = await tx
    .select()
    .from(findingDepartments)
    .where(and(...where));
  for (const part of parts) {
    if (rank[part.state] >= rank[to]) continue;
    await tx
      .update(findingDepartments)
      .set({ state: to, stateChangedAt: at, version: part.version + 1 })
      .where(
        and(eq(findingDepartments.municipalityId, mid), eq(findingDepartments.findingId, findingId), eq(findingDepartments.departmentId, part.departmentId)),
      );
    await changes.record({
      resource: 'findingDepartment',
      resourceId: findingId,
      action: 'state',
      before: { departmentId: part.departmentId, state: part.state },
      after: { departmentId: part.departmentId, state: to },
    });
  }
}

/** Manual moves a user may make, from → allowed targets. Closing is the auditor's call (Access issue). */
export const manualTransitions: Record<FindingState, FindingState[]> = {
  received: ['assigned'],
  assigned: [],
  planDrafted: [],
  planApproved: ['closureProposed', 'closed'],
  inProgress: ['closureProposed', 'closed'],
  closureProposed: ['closed', 'inProgress'],
  closed: ['inProgress'],
  carriedOver: [],
};
