import { planPolicy as policy } from './policy.js';
import { daysBetween } from '../../../domain/deadline.js';
import type { Actor } from '../../context.js';
import type { Database, Executor } from '../../db/engine.js';
import { conflict, detail, invalid, versionConflict } from '../../http/problem.js';
import { iso } from '../../http/schemas.js';
import { runCommand } from '../../unit-of-work.js';
import { deadlineDto, deadlineField, type StoredDeadline } from '../shared/deadline-field.js';
import { renumber } from './numbering.js';
import { revisionInProgress, snapshotRow } from './revisions.js';
import { planRepository as repo, type MeasureRow, type RevisionRow } from './repository.js';
import type { MeasureInputT, MeasurePatchT } from './schemas.js';
import { readsApproved } from './presenters.js';
import { assertWritable, numberTaken } from './problems.js';
import { requirePlan, getPlan, planAt, bumpPlan, editableMeasure, getMeasure, record } from './loaders.js';
import { checkOwner, recommendationErrors } from './validation.js';

/** A new measure with its recommendation links; its deadline starts the deadline history as the original. */
export async function insertMeasure(
  tx: Executor,
  actor: Actor,
  planId: string,
  input: Omit<MeasureInputT, 'position'>,
  position: number,
  deadline: StoredDeadline | null,
): Promise<MeasureRow> {
  const mid = actor.municipalityId;
  const row = await repo.insertMeasure(tx, {
    municipalityId: mid,
    planId,
    position,
    number: input.number,
    title: input.title,
    text: input.text ?? null,
    responsibleUnit: input.responsibleUnit ?? null,
    responsiblePerson: input.responsiblePerson ?? null,
    ownerUserId: input.ownerUserId ?? null,
    deadline: deadline?.text ?? null,
    deadlineDue: deadline?.due ?? null,
    followUpPoint: input.followUpPoint ?? null,
    expectedEffect: input.expectedEffect ?? null,
    createdBy: actor.userId,
    updatedBy: actor.userId,
  });
  await repo.setLinks(tx, mid, row.id, [...new Set(input.recommendationIds)]);
  await repo.insertRevisions(tx, [
    { municipalityId: mid, measureId: row.id, deadline: row.deadline, deadlineDue: row.deadlineDue, source: 'original', createdBy: actor.userId },
  ]);
  return row;
}
/** Reading and editing a plan's measures, and who may own one. */
export function measureCommands(db: Database) {
  return {
    getMeasure: (actor: Actor, id: string) => getMeasure(db, actor, id),

    async getMeasureDetail(actor: Actor, id: string) {
      const mid = actor.municipalityId;
      const measure = await getMeasure(db, actor, id);
      const [all, statuses] = await Promise.all([repo.revisionsOf(db, mid, [id]), repo.statusesOf(db, mid, id)]);
      // A reader does not see the deadline edits of a revision being written (after the approved one was kept)
      const plan = readsApproved(actor) ? await repo.getAnyPlan(db, mid, measure.planId) : undefined;
      const kept = plan && revisionInProgress(plan) ? await snapshotRow(db, mid, plan.id, plan.revision - 1) : undefined;
      const revisions = kept ? all.filter((r) => !(r.source === 'edit' && r.createdAt > kept.createdAt)) : all;
      const originalDue = revisions[0]?.deadlineDue ?? null;
      const currentDue = measure.deadline?.due ?? null;
      return {
        ...measure,
        deadlineHistory: revisions.map((r: RevisionRow) => ({
          deadline: deadlineDto(r.deadline, actor.locale),
          source: r.source,
          reason: r.reason,
          statusEntryId: r.statusEntryId,
          at: iso(r.createdAt),
          by: r.createdBy,
        })),
        slippageDays: originalDue && currentDue ? daysBetween(originalDue, currentDue) : null,
        statuses: statuses.map((s) => ({
          roundId: s.roundId,
          roundName: s.roundName,
          submissionState: s.submissionState,
          status: s.entry.status,
          note: s.entry.note,
          reason: s.entry.reason,
          newDeadline: deadlineDto(s.entry.newDeadline, actor.locale),
          selfCheckResult: s.entry.selfCheckResult,
        })),
      };
    },

    async createMeasure(actor: Actor, planId: string, input: MeasureInputT) {
      return runCommand(db, actor, async (tx, changes) => {
        const mid = actor.municipalityId;
        const plan = await requirePlan(tx, actor, planId);
        policy.write(actor, plan.departmentId);
        assertWritable(plan);
        const deadline = deadlineField(input.deadline, 'body.deadline', actor.locale);
        const errors = await recommendationErrors(tx, actor, plan.findingId, input.recommendationIds, 'body.recommendationIds');
        if (errors.length) throw invalid(errors);
        await checkOwner(tx, actor, plan.departmentId, input.ownerUserId, 'body.ownerUserId');
        const existing = await repo.measuresOf(tx, mid, [planId]);
        if (existing.some((m) => m.number === input.number)) {
          throw conflict(detail('plans.numberTaken'), [numberTaken('body.number')]);
        }
        const last = await repo.maxPosition(tx, mid, planId);
        const position = Math.min(input.position ?? last + 1, last + 1);
        if (position <= last) await repo.shiftPositions(tx, mid, planId, position, 1);
        const row = await insertMeasure(tx, actor, planId, input, position, deadline);
        const dto = await getMeasure(tx, actor, row.id);
        await changes.record({ resource: 'measure', resourceId: row.id, action: 'create', after: dto });
        return dto;
      });
    },

    async updateMeasure(actor: Actor, id: string, version: number, patch: MeasurePatchT) {
      return runCommand(db, actor, async (tx, changes) => {
        const mid = actor.municipalityId;
        const { measure, before, plan } = await editableMeasure(tx, actor, id, version);
        const deadline = patch.deadline === undefined ? undefined : deadlineField(patch.deadline, 'body.deadline', actor.locale);
        if (patch.recommendationIds) {
          const errors = await recommendationErrors(tx, actor, plan.findingId, patch.recommendationIds, 'body.recommendationIds');
          if (errors.length) throw invalid(errors);
        }
        await checkOwner(tx, actor, plan.departmentId, patch.ownerUserId, 'body.ownerUserId');
        if (patch.number !== undefined && patch.number !== measure.number) {
          const others = await repo.measuresOf(tx, mid, [measure.planId]);
          if (others.some((m) => m.number === patch.number)) {
            throw conflict(detail('plans.numberTaken'), [numberTaken('body.number')]);
          }
        }
        const row = await repo.updateMeasure(tx, mid, id, version, {
          number: patch.number,
          title: patch.title,
          text: patch.text,
          responsibleUnit: patch.responsibleUnit,
          responsiblePerson: patch.responsiblePerson,
          ownerUserId: patch.ownerUserId,
          followUpPoint: patch.followUpPoint,
          expectedEffect: patch.expectedEffect,
          ...(deadline === undefined ? {} : { deadline: deadline?.text ?? null, deadlineDue: deadline?.due ?? null }),
          updatedBy: actor.userId,
        });
        if (!row) {
          const current = await getMeasure(tx, actor, id);
          throw versionConflict(current, current.version);
        }
        if (patch.recommendationIds) await repo.setLinks(tx, mid, id, [...new Set(patch.recommendationIds)]);
        if (deadline !== undefined && (deadline?.text ?? null) !== measure.deadline) {
          await repo.insertRevisions(tx, [
            {
              municipalityId: mid,
              measureId: id,
              deadline: row.deadline,
              deadlineDue: row.deadlineDue,
              source: 'edit',
              reason: patch.deadlineChangeReason ?? null,
              createdBy: actor.userId,
            },
          ]);
        }
        const after = await getMeasure(tx, actor, id);
        await changes.record({ resource: 'measure', resourceId: id, action: 'update', before, after });
        return after;
      });
    },

    async deleteMeasure(actor: Actor, id: string, version: number) {
      return runCommand(db, actor, async (tx, changes) => {
        const mid = actor.municipalityId;
        const { measure, before, plan } = await editableMeasure(tx, actor, id, version);
        // A measure of the approved revision stays (with its history): the new revision drops it
        const approved = revisionInProgress(plan) ? await snapshotRow(tx, mid, plan.id, plan.revision - 1) : undefined;
        if (approved?.snapshot.measures.some((m) => m.id === id)) {
          if (!(await repo.markRemoved(tx, mid, id, version, plan.revision, actor.userId))) throw versionConflict(before, measure.version);
          await repo.shiftPositions(tx, mid, measure.planId, measure.position, -1);
          await changes.record({ resource: 'measure', resourceId: id, action: 'remove', before, after: { removedInRevision: plan.revision } });
          return;
        }
        // Deleting would silently erase the measure's follow-up history
        if ((await repo.countStatusEntries(tx, mid, id)) > 0) {
          throw conflict(detail('plans.measureHasStatus'), [{ field: 'measure', code: 'measure.hasStatus', message: 'The measure has status entries' }]);
        }
        await repo.deleteMeasure(tx, mid, id, version);
        await repo.shiftPositions(tx, mid, measure.planId, measure.position, -1);
        await changes.record({ resource: 'measure', resourceId: id, action: 'delete', before });
      });
    },

    async reorderMeasures(actor: Actor, planId: string, version: number, input: { measureIds: string[]; renumber: boolean }) {
      return runCommand(db, actor, async (tx, changes) => {
        const mid = actor.municipalityId;
        const plan = await planAt(tx, actor, planId, version, (p) => policy.write(actor, p.departmentId));
        assertWritable(plan);
        const current = await repo.measuresOf(tx, mid, [planId]);
        const byId = new Map(current.map((m) => [m.id, m]));
        const unique = new Set(input.measureIds);
        if (unique.size !== input.measureIds.length || unique.size !== current.length || input.measureIds.some((id) => !byId.has(id))) {
          throw invalid([{ field: 'body.measureIds', code: 'plan.measureOrderMismatch', message: 'List every measure of the plan exactly once' }]);
        }
        const ordered = input.measureIds.map((id) => byId.get(id)!);
        const numbers = input.renumber ? renumber(ordered.map((m) => m.number)) : ordered.map((m) => m.number);
        const before = await getPlan(tx, actor, planId);
        const renumbered = ordered.filter((m, i) => numbers[i] !== m.number);
        // Park the changing numbers on the measure's own id first, so that the unique
        // (plan, number) index never sees two measures with the same number mid-way.
        for (const m of renumbered) await repo.placeMeasure(tx, mid, m.id, { number: m.id }, false);
        for (const [i, m] of ordered.entries()) {
          const number = numbers[i]!;
          const changed = m.position !== i + 1 || number !== m.number;
          if (changed) await repo.placeMeasure(tx, mid, m.id, { position: i + 1, number }, true);
        }
        await bumpPlan(tx, actor, plan, {});
        const after = await getPlan(tx, actor, planId);
        await record(changes, planId, 'reorder', before, after);
        return after;
      });
    },

    /** The users who may own a measure of the plan: active users of its department, or holding a role there. */
    async ownerCandidates(actor: Actor, planId: string) {
      const plan = await requirePlan(db, actor, planId);
      policy.write(actor, plan.departmentId);
      return (await repo.departmentUsers(db, actor.municipalityId, plan.departmentId)).map((u) => ({ id: u.id, name: u.name, title: u.title }));
    },
  };
}
