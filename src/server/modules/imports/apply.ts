import type { Transaction } from '../../db/engine.js';
import { conflict, detail } from '../../http/problem.js';
import { renderMessage } from '../../i18n/messages.js';
import type { ChangeRecorder, CommandActor } from '../../unit-of-work.js';
import { advanceFindingState, findingReads, findingWrites } from '../findings/index.js';
import { planReads, planWrites } from '../plans/reads.js';
import type { ImportPlan } from './validate.js';

/**
 * Carries out a checked import plan inside the command's transaction, through the findings and
 * plans repositories, recording each change as the services do (resource, id, before, after) so
 * the import's one audit entry lists them all. The plan was made from a snapshot read in this
 * same transaction; a row changed since (another user's save) fails the version guard and the
 * whole import rolls back.
 */

export async function applyImport(
  tx: Transaction,
  changes: ChangeRecorder,
  actor: CommandActor & { language: 'da' | 'sv' | 'en' },
  plan: ImportPlan,
  /** The command's time (the injected clock): when findings it plans for changed state. */
  at: Date,
): Promise<void> {
  const mid = actor.municipalityId;
  const by = actor.userId;
  const stale = () => conflict(detail('imports.changedMeanwhile'));

  const reportIds = new Map<string, string>();
  for (const op of plan.reports) {
    if (op.action === 'create') {
      const row = await findingWrites.insertReport(tx, {
        municipalityId: mid,
        title: op.values.title,
        year: op.values.year,
        kind: op.values.kind!,
        auditor: op.values.auditor!,
        receivedOn: op.values.receivedOn ?? null,
        createdBy: by,
        updatedBy: by,
      });
      await changes.record({ resource: 'report', resourceId: row.id, action: 'create', after: row });
      reportIds.set(op.key, row.id);
      continue;
    }
    const before = op.existing!;
    reportIds.set(op.key, before.id);
    if (op.action === 'unchanged') continue;
    const row = await findingWrites.updateReport(tx, mid, before.id, before.version, {
      kind: op.values.kind,
      auditor: op.values.auditor,
      receivedOn: op.values.receivedOn,
      updatedBy: by,
    });
    if (!row) throw stale();
    await changes.record({ resource: 'report', resourceId: row.id, action: 'update', before, after: row });
  }

  const codes = new Map<string, string>();
  const codesOf = async (findingId: string) => {
    const parts = await findingReads.departmentsOf(tx, mid, [findingId]);
    for (const p of parts) codes.set(p.departmentId, p.code);
    return parts.map((p) => p.code);
  };

  const findingIds = new Map<string, string>();
  for (const op of plan.findings) {
    const v = op.values;
    if (op.action === 'create') {
      const row = await findingWrites.insertFinding(tx, {
        municipalityId: mid,
        reportId: reportIds.get(op.reportKey)!,
        number: v.number,
        title: v.title!,
        observations: v.observations ?? '',
        risks: v.risks ?? null,
        grade: v.grade ?? null,
        confidential: v.confidential ?? false,
        confidentialBasis: v.confidentialBasis ?? null,
        allDepartments: op.departments?.all ?? false,
        repeatOfEarlierYears: v.repeatOfEarlierYears ?? false,
        caseNumber: v.caseNumber ?? null,
        createdBy: by,
        updatedBy: by,
      });
      await findingWrites.insertFindingDepartments(
        tx,
        (op.departments?.ids ?? []).map((departmentId) => ({ municipalityId: mid, findingId: row.id, departmentId, state: 'assigned' as const })),
      );
      await changes.record({ resource: 'finding', resourceId: row.id, action: 'create', after: { ...row, departments: await codesOf(row.id) } });
      findingIds.set(op.key, row.id);
      continue;
    }
    const before = op.existing!;
    findingIds.set(op.key, before.id);
    if (op.action === 'unchanged') continue;
    const beforeCodes = await codesOf(before.id);
    const row = await findingWrites.updateFinding(tx, mid, before.id, before.version, {
      title: v.title,
      observations: v.observations,
      risks: v.risks,
      grade: v.grade,
      confidential: v.confidential,
      confidentialBasis: v.confidentialBasis,
      repeatOfEarlierYears: v.repeatOfEarlierYears,
      caseNumber: v.caseNumber,
      allDepartments: op.departments ? op.departments.all : undefined,
      updatedBy: by,
    });
    if (!row) throw stale();
    if (op.departments) {
      const current = (await findingReads.departmentsOf(tx, mid, [before.id])).map((p) => p.departmentId);
      await findingWrites.deleteFindingDepartments(tx, mid, before.id, op.removedDepartmentIds);
      await findingWrites.insertFindingDepartments(
        tx,
        op.departments.ids
          .filter((id) => !current.includes(id))
          .map((departmentId) => ({ municipalityId: mid, findingId: before.id, departmentId, state: 'assigned' as const })),
      );
    }
    await changes.record({
      resource: 'finding',
      resourceId: before.id,
      action: 'update',
      before: { ...before, departments: beforeCodes },
      after: { ...row, departments: await codesOf(before.id) },
    });
  }

  for (const op of plan.recommendations) {
    if (op.action === 'unchanged') continue;
    const findingId = findingIds.get(op.findingKey)!;
    if (op.action === 'create') {
      const [row] = await findingWrites.insertRecommendations(tx, [{ municipalityId: mid, findingId, number: op.number, text: op.text }]);
      await changes.record({ resource: 'recommendation', resourceId: row!.id, action: 'create', after: row });
    } else {
      const before = op.existing!;
      await findingWrites.updateRecommendationText(tx, mid, before.id, op.text);
      await changes.record({ resource: 'recommendation', resourceId: before.id, action: 'update', before, after: { ...before, text: op.text } });
    }
  }

  const recommendationIds = new Map<string, Map<number, string>>();
  const recommendationIdOf = async (findingId: string, numbers: number[]) => {
    let byNumber = recommendationIds.get(findingId);
    if (!byNumber) {
      byNumber = new Map((await findingReads.recommendationsOf(tx, mid, [findingId])).map((r) => [r.number, r.id]));
      recommendationIds.set(findingId, byNumber);
    }
    return numbers.map((n) => byNumber.get(n)!);
  };

  const planIds = new Map<string, string>();
  for (const op of plan.plans) {
    const findingId = findingIds.get(op.findingKey)!;
    const v = op.values;
    if (op.action === 'create') {
      const row = await planWrites.insertPlan(tx, {
        municipalityId: mid,
        subjectKind: 'finding',
        findingId,
        departmentId: op.departmentId,
        crossCutting: v.crossCutting,
        problem: v.problem ?? null,
        extent: v.extent ?? null,
        overallDeadline: v.overallDeadline?.text ?? null,
        overallDeadlineDue: v.overallDeadline?.due ?? null,
        createdBy: by,
        updatedBy: by,
      });
      // (the imports service has no clock of its own yet: the system's time, as before)
      await advanceFindingState(tx, changes, mid, findingId, row.crossCutting ? 'all' : [row.departmentId], 'planDrafted', at);
      await changes.record({ resource: 'plan', resourceId: row.id, action: 'create', after: row });
      planIds.set(op.key, row.id);
      continue;
    }
    const before = op.existing!;
    planIds.set(op.key, before.id);
    if (op.action === 'unchanged') continue;
    const row = await planWrites.updatePlan(tx, mid, before.id, before.version, {
      problem: v.problem,
      extent: v.extent,
      ...(v.overallDeadline ? { overallDeadline: v.overallDeadline.text, overallDeadlineDue: v.overallDeadline.due } : {}),
      updatedBy: by,
    });
    if (!row) throw stale();
    const { findingNumber: _n, findingTitle: _t, findingConfidential: _c, reportYear: _y, reportTitle: _r, departmentCode: _d, ...beforeRow } = before;
    await changes.record({ resource: 'plan', resourceId: row.id, action: 'update', before: beforeRow, after: row });
  }

  for (const op of plan.measures) {
    if (op.action === 'unchanged') continue;
    const planId = planIds.get(op.planKey)!;
    const findingId = findingIds.get(op.findingKey)!;
    const v = op.values;
    const links = op.recommendationNumbers ? [...new Set(await recommendationIdOf(findingId, op.recommendationNumbers))] : undefined;
    if (op.action === 'create') {
      const position = (await planReads.maxPosition(tx, mid, planId)) + 1;
      const row = await planWrites.insertMeasure(tx, {
        municipalityId: mid,
        planId,
        position,
        number: op.number,
        title: v.title!,
        text: v.text ?? null,
        responsibleUnit: v.responsibleUnit ?? null,
        responsiblePerson: v.responsiblePerson ?? null,
        ownerUserId: v.ownerUserId ?? null,
        deadline: op.deadline?.text ?? null,
        deadlineDue: op.deadline?.due ?? null,
        followUpPoint: v.followUpPoint ?? null,
        expectedEffect: v.expectedEffect ?? null,
        createdBy: by,
        updatedBy: by,
      });
      await planWrites.setLinks(tx, mid, row.id, links ?? []);
      await planWrites.insertRevisions(tx, [
        { municipalityId: mid, measureId: row.id, deadline: row.deadline, deadlineDue: row.deadlineDue, source: 'original', createdBy: by },
      ]);
      await changes.record({
        resource: 'measure',
        resourceId: row.id,
        action: 'create',
        after: { ...row, recommendationNumbers: op.recommendationNumbers ?? [] },
      });
      continue;
    }
    const before = op.existing!;
    const row = await planWrites.updateMeasure(tx, mid, before.id, before.version, {
      ...v,
      ...(op.deadline ? { deadline: op.deadline.text, deadlineDue: op.deadline.due } : {}),
      updatedBy: by,
    });
    if (!row) throw stale();
    if (links) await planWrites.setLinks(tx, mid, row.id, links);
    if (op.deadline && op.deadline.text !== before.deadline) {
      await planWrites.insertRevisions(tx, [
        {
          municipalityId: mid,
          measureId: row.id,
          deadline: row.deadline,
          deadlineDue: row.deadlineDue,
          source: 'edit',
          // Why the deadline changed, in its history: in the municipality's language, as stored text
          reason: renderMessage(actor.language, 'imports.revisionReason'),
          createdBy: by,
        },
      ]);
    }
    await changes.record({
      resource: 'measure',
      resourceId: row.id,
      action: 'update',
      before,
      after: { ...row, ...(op.recommendationNumbers ? { recommendationNumbers: op.recommendationNumbers } : {}) },
    });
  }
}
