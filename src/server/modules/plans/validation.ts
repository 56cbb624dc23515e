import type { Actor } from '../../context.js';
import type { Executor } from '../../db/engine.js';
import { invalid, type FieldError } from '../../http/problem.js';
import { planRepository as repo } from './repository.js';

// Checks of what a plan or measure command names: owners, recommendations, departments.

/** 422 naming `field` unless the user may own a measure of the department's plan (a user of the department, or holding a role there). */
export async function checkOwner(ex: Executor, actor: Actor, departmentId: string, userId: string | null | undefined, field: string): Promise<void> {
  if (!userId) return;
  const candidates = await repo.departmentUsers(ex, actor.municipalityId, departmentId);
  if (!candidates.some((u) => u.id === userId)) {
    throw invalid([{ field, code: 'measure.ownerNotInDepartment', message: "The owner must be an active user of the plan's department" }]);
  }
}

/** Errors for recommendation ids that are not the finding's, named `${field}.${index}`. */
export async function recommendationErrors(ex: Executor, actor: Actor, findingId: string | null, ids: string[], field: string): Promise<FieldError[]> {
  if (!ids.length) return [];
  // A balance account's plan has no recommendations to address
  const own = new Set(findingId === null ? [] : (await repo.recommendationsOf(ex, actor.municipalityId, findingId)).map((r) => r.id));
  return ids.flatMap((id, i) =>
    own.has(id) ? [] : [{ field: `${field}.${i}`, code: 'recommendation.unknown', message: `Recommendation ${id} does not belong to the plan's finding` }],
  );
}

/** Checks a department is allowed to hold the plan: affected by the finding, or any for a cross-cutting plan. */
export async function checkDepartment(ex: Executor, actor: Actor, findingId: string, departmentId: string, crossCutting: boolean): Promise<void> {
  const ok = crossCutting
    ? await repo.departmentExists(ex, actor.municipalityId, departmentId)
    : (await repo.findingDepartmentIds(ex, actor.municipalityId, findingId)).includes(departmentId);
  if (!ok) {
    throw invalid([
      {
        field: 'body.departmentId',
        code: crossCutting ? 'department.unknown' : 'plan.departmentNotAffected',
        message: crossCutting ? 'Unknown department' : 'The department is not among the finding’s affected departments',
      },
    ]);
  }
}
