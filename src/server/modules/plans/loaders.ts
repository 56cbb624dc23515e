import { isStaff } from '../access/grants.js';
import { canSeePlan } from '../access/visibility.js';
import { planPolicy as policy } from './policy.js';
import { checkPlan } from '../../../domain/guidance.js';
import type { Actor } from '../../context.js';
import type { Executor } from '../../db/engine.js';
import { conflict, detail, notFound, versionConflict } from '../../http/problem.js';
import type { ChangeRecorder } from '../../unit-of-work.js';
import { loadPlanForCheck } from './check.js';
import { approvedMeasuresOf, approvedRevisionNumber, revisionInProgress } from './revisions.js';
import { planRepository as repo, type MeasureRow, type AnyPlanHeader, type PlanRow } from './repository.js';
import { measureDto, type MeasureDto, readsApproved, planDtos, type PlanDto } from './presenters.js';
import { assertWritable } from './problems.js';

// Loading a plan or measure as the actor may see it, with the version checks the commands share.

/** The reader rules of plans; the balance register is staff-only (readers see the annual report), so are its accounts' plans. */
function planVisible(actor: Actor, plan: AnyPlanHeader): boolean {
  if (plan.subjectKind !== 'finding' && !isStaff(actor)) return false;
  // A plan writing a new revision is still approved (its previous revision) for readers
  return canSeePlan(actor, { state: approvedRevisionNumber(plan) !== null ? 'approved' : plan.state, findingConfidential: plan.findingConfidential ?? false });
}

export async function requirePlan(ex: Executor, actor: Actor, id: string): Promise<AnyPlanHeader> {
  const plan = await repo.getAnyPlan(ex, actor.municipalityId, id);
  if (!plan || !planVisible(actor, plan)) throw notFound('plan', id);
  return plan;
}

export async function getPlan(ex: Executor, actor: Actor, id: string): Promise<PlanDto> {
  const [dto] = await planDtos(ex, actor, [await requirePlan(ex, actor, id)]);
  return dto!;
}

/** The plan at the version the client saw, once `authorize` allows the actor; 409 with the current plan otherwise. */
export async function planAt(ex: Executor, actor: Actor, id: string, version: number, authorize: (plan: AnyPlanHeader) => void): Promise<AnyPlanHeader> {
  const plan = await requirePlan(ex, actor, id);
  authorize(plan);
  if (plan.version !== version) throw versionConflict(await getPlan(ex, actor, id), plan.version);
  return plan;
}

export async function bumpPlan(ex: Executor, actor: Actor, plan: AnyPlanHeader, values: Partial<PlanRow>): Promise<PlanRow> {
  const row = await repo.updatePlan(ex, actor.municipalityId, plan.id, plan.version, { ...values, updatedBy: actor.userId });
  if (!row) {
    const current = await getPlan(ex, actor, plan.id);
    throw versionConflict(current, current.version);
  }
  return row;
}

async function requireMeasure(ex: Executor, actor: Actor, id: string): Promise<MeasureRow> {
  const m = await repo.getMeasure(ex, actor.municipalityId, id);
  if (!m) throw notFound('measure', id);
  // A measure is visible exactly when its plan is.
  const plan = await repo.getAnyPlan(ex, actor.municipalityId, m.planId);
  if (!plan || !planVisible(actor, plan)) throw notFound('measure', id);
  return m;
}

/** A measure about to change: its row and DTO at this version, and its plan, which must not be locked. */
export async function editableMeasure(tx: Executor, actor: Actor, id: string, version: number) {
  const measure = await requireMeasure(tx, actor, id);
  const plan = await requirePlan(tx, actor, measure.planId);
  policy.write(actor, plan.departmentId);
  const before = await getMeasure(tx, actor, id);
  if (measure.version !== version) throw versionConflict(before, measure.version);
  assertWritable(plan);
  if (measure.removedInRevision !== null) {
    throw conflict(detail('plans.measureRemoved'), [
      { field: 'measure', code: 'measure.removed', message: `Removed in revision ${measure.removedInRevision}` },
    ]);
  }
  return { measure, before, plan };
}

export async function getMeasure(ex: Executor, actor: Actor, id: string): Promise<MeasureDto> {
  const m = await requireMeasure(ex, actor, id);
  const approved = await approvedMeasureForReader(ex, actor, m);
  const shown = approved ?? m;
  const names = new Map((await repo.usersByIds(ex, actor.municipalityId, shown.ownerUserId ? [shown.ownerUserId] : [])).map((u) => [u.id, u.name]));
  if (approved) return measureDto(approved, approved.recommendationIds, actor.locale, names);
  const links = await repo.linksOf(ex, actor.municipalityId, [id]);
  return measureDto(
    m,
    links.map((l) => l.recommendationId),
    actor.locale,
    names,
  );
}

/**
 * For a reader, a measure of a plan writing a new revision as the approved revision holds it
 * (404 for one the draft added); undefined when the reader sees the row itself (or for staff).
 */
async function approvedMeasureForReader(ex: Executor, actor: Actor, m: MeasureRow) {
  if (!readsApproved(actor)) return undefined;
  const plan = await repo.getAnyPlan(ex, actor.municipalityId, m.planId);
  if (!plan || !revisionInProgress(plan)) return undefined;
  const approved = (await approvedMeasuresOf(ex, actor.municipalityId, [plan])).find((x) => x.id === m.id);
  if (!approved) throw notFound('measure', m.id);
  return approved;
}

export async function runCheck(ex: Executor, actor: Actor, plan: PlanRow) {
  return checkPlan({ ...(await loadPlanForCheck(ex, actor.municipalityId, plan, actor.vocabulary)), today: actor.today }, actor.locale);
}

export async function record(changes: ChangeRecorder, resourceId: string, action: string, before: unknown, after: unknown) {
  await changes.record({ resource: 'plan', resourceId, action, before, after });
}
