import type { z } from 'zod';
import type { Actor } from '../../context.js';
import type { Executor } from '../../db/engine.js';
import { conflict, detail, invalid, notFound } from '../../http/problem.js';
import type { ChangeRecorder } from '../../unit-of-work.js';
import { advanceFindingState, findingReads, findingWrites } from '../findings/index.js';
import type { CarryOverInput } from '../findings/schemas.js';
import { planRepository as repo } from './repository.js';
import { approvedMeasuresOf, plansAsApproved } from './revisions.js';

export type CarryOverInputT = z.infer<typeof CarryOverInput>;

/** Parts that are finished with, and so never carried. */
const DONE = ['closed', 'carriedOver'];

/**
 * Year rollover of one finding (docs/domain.md §1): the finding is repeated in a later year's report
 * for the departments that have not closed it, and their plans come along as new drafts holding
 * the measures still open, each with its deadline history. `at` is the command's time (the parts'
 * state changes). Returns the new finding's id.
 */
export async function carryOverFinding(
  tx: Executor,
  changes: ChangeRecorder,
  actor: Actor,
  findingId: string,
  input: CarryOverInputT,
  at: Date,
): Promise<string> {
  const mid = actor.municipalityId;
  const finding = await findingReads.finding(tx, mid, findingId);
  if (!finding) throw notFound('finding', findingId);
  const fromReport = await findingReads.report(tx, mid, finding.reportId);
  const toReport = await findingReads.report(tx, mid, input.reportId);
  if (!toReport || !fromReport || toReport.year <= fromReport.year) {
    throw invalid([
      { field: 'body.reportId', code: 'carryOver.reportNotLater', message: `Choose a report of a year after ${fromReport?.year ?? 'the finding’s'}` },
    ]);
  }

  const parts = await findingReads.departmentsOf(tx, mid, [findingId]);
  const open = parts.filter((p) => !DONE.includes(p.state));
  let carried: string[];
  if (input.departmentIds) {
    const errors = input.departmentIds.flatMap((id, i) =>
      open.some((p) => p.departmentId === id)
        ? []
        : [{ field: `body.departmentIds.${i}`, code: 'carryOver.departmentNotOpen', message: 'The department has no open part of the finding' }],
    );
    if (errors.length) throw invalid(errors);
    carried = [...new Set(input.departmentIds)];
  } else {
    carried = open.map((p) => p.departmentId);
  }
  // Nothing left to carry is the finding's state (findings/policy `carryOver`), not a bad request
  if (!carried.length) {
    throw conflict(detail('plans.nothingToCarry'), [
      { field: 'body.departmentIds', code: 'carryOver.nothingOpen', message: 'Every department has closed or already carried its part' },
    ]);
  }

  const taken = new Set(await repo.findingNumbersOfReport(tx, mid, toReport.id));
  const number = input.number ?? Math.max(0, ...taken) + 1;
  if (taken.has(number)) {
    throw conflict(detail('plans.findingNumberTaken'), [
      { field: 'body.number', code: 'finding.numberTaken', message: 'Another finding of this report has that number' },
    ]);
  }

  const next = await findingWrites.insertFinding(tx, {
    municipalityId: mid,
    reportId: toReport.id,
    number,
    title: finding.title,
    observations: finding.observations,
    risks: finding.risks,
    grade: finding.grade,
    confidential: finding.confidential,
    confidentialBasis: finding.confidentialBasis,
    allDepartments: finding.allDepartments && carried.length === parts.length,
    repeatOfEarlierYears: true,
    previousFindingId: finding.id,
    caseNumber: finding.caseNumber,
    createdBy: actor.userId,
    updatedBy: actor.userId,
  });
  const oldRecommendations = await findingReads.recommendationsOf(tx, mid, [findingId]);
  const newRecommendations = await findingWrites.insertRecommendations(
    tx,
    oldRecommendations.map((r) => ({ municipalityId: mid, findingId: next.id, number: r.number, text: r.text })),
  );
  const recommendationByNumber = new Map(newRecommendations.map((r) => [r.number, r.id]));
  await findingWrites.insertFindingDepartments(
    tx,
    carried.map((departmentId) => ({ municipalityId: mid, findingId: next.id, departmentId, state: 'assigned' as const, stateChangedAt: at })),
  );
  await changes.record({ resource: 'finding', resourceId: next.id, action: 'carryOver', after: { ...next, fromFindingId: findingId, departmentIds: carried } });

  for (const departmentId of carried) {
    const before = parts.find((p) => p.departmentId === departmentId)!;
    await findingWrites.setDepartmentState(tx, mid, findingId, departmentId, 'carriedOver', null, null, at);
    await changes.record({
      resource: 'findingDepartment',
      resourceId: findingId,
      action: 'state',
      before: { departmentId, state: before.state },
      after: { departmentId, state: 'carriedOver' },
    });
  }

  // What carries over is the plan as approved: a revision still in draft is not agreed, so its edits stay behind
  const own = (await repo.plansOfFinding(tx, mid, findingId)).filter((p) => p.crossCutting || carried.includes(p.departmentId));
  const plans = await plansAsApproved(tx, mid, own);
  const closed = await repo.closedMeasureIds(
    tx,
    mid,
    own.map((p) => p.id),
  );
  // (the plans' own rows, not the approved view: approvedMeasuresOf tells a revision in draft by them)
  const openMeasures = (await approvedMeasuresOf(tx, mid, own)).filter((m) => !closed.has(m.id));
  const openIds = openMeasures.map((m) => m.id);
  const recommendationNumber = new Map(oldRecommendations.map((r) => [r.id, r.number]));
  const revisions = await repo.revisionsOf(tx, mid, openIds);

  for (const plan of plans) {
    const copy = await repo.insertPlan(tx, {
      municipalityId: mid,
      subjectKind: 'finding',
      findingId: next.id,
      departmentId: plan.departmentId,
      crossCutting: plan.crossCutting,
      problem: plan.problem,
      extent: plan.extent,
      overallDeadline: plan.overallDeadline,
      overallDeadlineDue: plan.overallDeadlineDue,
      createdBy: actor.userId,
      updatedBy: actor.userId,
    });
    const carriedMeasures = openMeasures.filter((m) => m.planId === plan.id);
    for (const [i, m] of carriedMeasures.entries()) {
      const measure = await repo.insertMeasure(tx, {
        municipalityId: mid,
        planId: copy.id,
        position: i + 1,
        number: m.number,
        title: m.title,
        text: m.text,
        responsibleUnit: m.responsibleUnit,
        responsiblePerson: m.responsiblePerson,
        deadline: m.deadline,
        deadlineDue: m.deadlineDue,
        followUpPoint: m.followUpPoint,
        expectedEffect: m.expectedEffect,
        carriedFromMeasureId: m.id,
        createdBy: actor.userId,
        updatedBy: actor.userId,
      });
      const recommendationIds = m.recommendationIds.flatMap((id) => recommendationByNumber.get(recommendationNumber.get(id)!) ?? []);
      await repo.setLinks(tx, mid, measure.id, recommendationIds);
      // The history travels with the measure, so slippage is still measured from the first deadline
      await repo.insertRevisions(tx, [
        ...revisions
          .filter((r) => r.measureId === m.id)
          .map((r) => ({
            municipalityId: mid,
            measureId: measure.id,
            deadline: r.deadline,
            deadlineDue: r.deadlineDue,
            source: r.source,
            statusEntryId: r.statusEntryId,
            reason: r.reason,
            createdAt: r.createdAt,
            createdBy: r.createdBy,
          })),
        { municipalityId: mid, measureId: measure.id, deadline: m.deadline, deadlineDue: m.deadlineDue, source: 'carryOver', createdBy: actor.userId },
      ]);
    }
    await changes.record({
      resource: 'plan',
      resourceId: copy.id,
      action: 'carryOver',
      after: { ...copy, fromPlanId: plan.id, measureIds: carriedMeasures.map((m) => m.id) },
    });
    // The new finding's parts now have a (draft) plan, as if it had been written there.
    await advanceFindingState(tx, changes, mid, next.id, plan.crossCutting ? 'all' : [plan.departmentId], 'planDrafted', at);
  }
  return next.id;
}
