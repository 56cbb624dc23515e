import { visibilityOf } from '../access/visibility.js';
import { findingPolicy } from '../findings/policy.js';
import { planPolicy as policy } from './policy.js';
import type { Clock } from '../../clock.js';
import type { Actor } from '../../context.js';
import type { Database } from '../../db/engine.js';
import { conflict, detail, invalid, notFound, type FieldError } from '../../http/problem.js';
import { runCommand } from '../../unit-of-work.js';
import { deadlineField } from '../shared/deadline-field.js';
import { carryOverFinding, type CarryOverInputT } from './carry-over.js';
import { planRepository as repo, type PlanFilter } from './repository.js';
import type { PlanInputT, PlanPatchT } from './schemas.js';
import { advanceFindingState, findingReads } from '../findings/index.js';
import { planDtos } from './presenters.js';
import { assertWritable } from './problems.js';
import { getPlan, planAt, bumpPlan, record } from './loaders.js';
import { checkOwner, recommendationErrors, checkDepartment } from './validation.js';
import { partsOf, releaseParts } from './finding-parts.js';
import { insertMeasure } from './measures.js';

/** Listing, reading, creating, changing and deleting finding plans, and the year rollover. */
export function planCommands(db: Database, clock: Clock) {
  return {
    async listPlans(actor: Actor, filter: PlanFilter, paging: { limit: number; offset: number }) {
      const v = visibilityOf(actor);
      const { rows, total } = await repo.listPlans(
        db,
        actor.municipalityId,
        { ...filter, approvedOnly: !v.unapprovedPlans, publicOnly: !v.confidential },
        paging,
      );
      return { items: await planDtos(db, actor, rows), total, ...paging };
    },

    getPlan: (actor: Actor, id: string) => getPlan(db, actor, id),

    async createPlan(actor: Actor, findingId: string, input: PlanInputT) {
      return runCommand(db, actor, async (tx, changes) => {
        const mid = actor.municipalityId;
        const finding = await findingReads.finding(tx, mid, findingId);
        if (!finding || (finding.confidential && !visibilityOf(actor).confidential)) throw notFound('finding', findingId);
        policy.write(actor, input.departmentId);
        await checkDepartment(tx, actor, findingId, input.departmentId, input.crossCutting);
        if (!input.crossCutting) {
          // A department's plan starts before its part has one (findings/policy `createPlan`): a part
          // carried into a later year or closed gets its plan there, or none
          const part = (await findingReads.departmentsOf(tx, mid, [findingId])).find((p) => p.departmentId === input.departmentId);
          if (part && !['received', 'assigned'].includes(part.state) && !(await repo.planOfDepartment(tx, mid, findingId, input.departmentId))) {
            throw conflict(detail('plans.partNotOpen'), [
              { field: 'body.departmentId', code: 'plan.partNotOpen', message: `The department's part is ${part.state}` },
            ]);
          }
        }
        const overall = deadlineField(input.overallDeadline, 'body.overallDeadline', actor.locale);
        const deadlines = input.measures.map((m, i) => deadlineField(m.deadline, `body.measures.${i}.deadline`, actor.locale));
        const errors: FieldError[] = [];
        const seen = new Set<string>();
        for (const [i, m] of input.measures.entries()) {
          if (seen.has(m.number))
            errors.push({ field: `body.measures.${i}.number`, code: 'measure.numberDuplicate', message: `Measure number ${m.number} appears more than once` });
          seen.add(m.number);
          errors.push(...(await recommendationErrors(tx, actor, findingId, m.recommendationIds, `body.measures.${i}.recommendationIds`)));
        }
        if (errors.length) throw invalid(errors);
        for (const [i, m] of input.measures.entries()) await checkOwner(tx, actor, input.departmentId, m.ownerUserId, `body.measures.${i}.ownerUserId`);
        if (await repo.planOfDepartment(tx, mid, findingId, input.departmentId)) {
          throw conflict(detail('plans.departmentHasPlan'), [
            { field: 'body.departmentId', code: 'plan.exists', message: 'That department already has a plan for this finding' },
          ]);
        }
        const plan = await repo.insertPlan(tx, {
          municipalityId: mid,
          subjectKind: 'finding',
          findingId,
          departmentId: input.departmentId,
          crossCutting: input.crossCutting,
          problem: input.problem ?? null,
          extent: input.extent ?? null,
          overallDeadline: overall?.text ?? null,
          overallDeadlineDue: overall?.due ?? null,
          createdBy: actor.userId,
          updatedBy: actor.userId,
        });
        for (const [i, m] of input.measures.entries()) await insertMeasure(tx, actor, plan.id, m, i + 1, deadlines[i] ?? null);
        await advanceFindingState(tx, changes, mid, findingId, partsOf(plan), 'planDrafted', clock.now());
        const dto = await getPlan(tx, actor, plan.id);
        await record(changes, plan.id, 'create', undefined, dto);
        return dto;
      });
    },

    async updatePlan(actor: Actor, id: string, version: number, patch: PlanPatchT) {
      return runCommand(db, actor, async (tx, changes) => {
        const plan = await planAt(tx, actor, id, version, (p) => policy.write(actor, p.departmentId));
        if (patch.departmentId !== undefined) policy.write(actor, patch.departmentId);
        assertWritable(plan);
        const mid = actor.municipalityId;
        const overall = patch.overallDeadline === undefined ? undefined : deadlineField(patch.overallDeadline, 'body.overallDeadline', actor.locale);
        const moved = patch.departmentId !== undefined && patch.departmentId !== plan.departmentId;
        if (moved && plan.findingId === null) {
          // A balance account's plan belongs to the account's department; it does not move
          throw invalid([{ field: 'body.departmentId', code: 'plan.departmentFixed', message: "An account plan belongs to the account's department" }]);
        }
        if (moved) {
          await checkDepartment(tx, actor, plan.findingId!, patch.departmentId!, plan.crossCutting);
          if (await repo.planOfDepartment(tx, mid, plan.findingId!, patch.departmentId!)) {
            throw conflict(detail('plans.departmentHasPlan'), [
              { field: 'body.departmentId', code: 'plan.exists', message: 'That department already has a plan for this finding' },
            ]);
          }
        }
        const before = await getPlan(tx, actor, id);
        await bumpPlan(tx, actor, plan, {
          departmentId: patch.departmentId,
          problem: patch.problem,
          extent: patch.extent,
          ...(overall === undefined ? {} : { overallDeadline: overall?.text ?? null, overallDeadlineDue: overall?.due ?? null }),
        });
        if (moved && !plan.crossCutting) {
          const at = clock.now();
          await advanceFindingState(tx, changes, mid, plan.findingId!, [patch.departmentId!], 'planDrafted', at);
          await releaseParts(tx, actor, changes, plan.findingId!, [plan.departmentId], at);
        }
        const after = await getPlan(tx, actor, id);
        await record(changes, id, 'update', before, after);
        return after;
      });
    },

    async deletePlan(actor: Actor, id: string, version: number) {
      return runCommand(db, actor, async (tx, changes) => {
        const plan = await planAt(tx, actor, id, version, (p) => policy.write(actor, p.departmentId));
        if (plan.state !== 'draft') {
          throw conflict(detail('plans.onlyDraftDeletable'), [{ field: 'plan', code: 'plan.notDraft', message: `The plan is ${plan.state}` }]);
        }
        if (plan.revision > 1) {
          throw conflict(detail('plans.hasApprovedRevision'), [
            { field: 'plan', code: 'plan.hasApprovedRevision', message: `Revision ${plan.revision - 1} is approved` },
          ]);
        }
        const before = await getPlan(tx, actor, id);
        await repo.deletePlan(tx, actor.municipalityId, id, version);
        if (plan.findingId !== null) await releaseParts(tx, actor, changes, plan.findingId, partsOf(plan), clock.now());
        await record(changes, id, 'delete', before, undefined);
      });
    },

    // Year rollover

    async carryOver(actor: Actor, findingId: string, input: CarryOverInputT): Promise<string> {
      findingPolicy.carryOver(actor);
      return runCommand(db, actor, (tx, changes) => carryOverFinding(tx, changes, actor, findingId, input, clock.now()));
    },
  };
}
