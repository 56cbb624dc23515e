import { userOf } from '../access/grants.js';
import { planPolicy as policy } from './policy.js';
import type { Clock } from '../../clock.js';
import type { Actor } from '../../context.js';
import type { Database } from '../../db/engine.js';
import { conflict, detail, invalid } from '../../http/problem.js';
import { runCommand } from '../../unit-of-work.js';
import { roundsWrites } from '../rounds/reads.js';
import { deadlineDto } from '../shared/deadline-field.js';
import { approvedRevisionNumber, compareSnapshots, snapshotOf, snapshotRow, type PlanSnapshot } from './revisions.js';
import { planRepository as repo, type PlanRow } from './repository.js';
import type { ApprovalInputT } from './schemas.js';
import { advanceFindingState, findingReads } from '../findings/index.js';
import { meetingRef, readsApproved } from './presenters.js';
import { assertWritable, notSubmitted, openErrors } from './problems.js';
import { requirePlan, getPlan, planAt, bumpPlan, runCheck, record } from './loaders.js';
import { partsOf } from './finding-parts.js';
import { planReviewed } from '../notifications/events.js';

/** The guidance check, the review (submit, return, approve with or without override, revise) and the revisions it keeps. */
export function workflowCommands(db: Database, clock: Clock) {
  return {
    async check(actor: Actor, planId: string) {
      return runCheck(db, actor, await requirePlan(db, actor, planId));
    },

    async submit(actor: Actor, planId: string, version: number) {
      return runCommand(db, actor, async (tx, changes) => {
        const plan = await planAt(tx, actor, planId, version, (p) => policy.write(actor, p.departmentId));
        assertWritable(plan);
        const result = await runCheck(tx, actor, plan);
        if (result.blocking) throw invalid(openErrors(result.breaches));
        await bumpPlan(tx, actor, plan, { state: 'submitted' });
        const after = await getPlan(tx, actor, planId);
        await planReviewed(tx, { ...actor, at: clock.now() }, 'planSubmitted', planId, after.version);
        await record(changes, planId, 'submit', { state: plan.state }, { state: after.state, revision: plan.revision });
        return after;
      });
    },

    async returnPlan(actor: Actor, planId: string, version: number, reason: string) {
      return runCommand(db, actor, async (tx, changes) => {
        const plan = await planAt(tx, actor, planId, version, () => policy.review(actor));
        if (plan.state !== 'submitted') throw notSubmitted(plan.state);
        await bumpPlan(tx, actor, plan, { state: 'draft', returnComment: reason, returnedAt: clock.now(), returnedBy: actor.userId });
        const after = await getPlan(tx, actor, planId);
        await planReviewed(tx, { ...actor, at: clock.now() }, 'planReturned', planId, after.version);
        await record(changes, planId, 'return', { state: plan.state }, { state: after.state, reason });
        return after;
      });
    },

    /**
     * Records the approval of a submitted plan (the meeting that decided it): only when the
     * guidance check has no open error (not accepted with a reason), unless central coordination
     * overrides with a reason, which is kept on the approval and in the audit trail. The approved
     * revision is kept as a snapshot.
     */
    async approve(actor: Actor, planId: string, version: number, input: ApprovalInputT) {
      return runCommand(db, actor, async (tx, changes) => {
        const mid = actor.municipalityId;
        const plan = await planAt(tx, actor, planId, version, () => policy.review(actor));
        if (plan.state === 'approved') {
          throw conflict(detail('plans.alreadyApproved'), [{ field: 'plan', code: 'plan.alreadyApproved', message: 'The plan is already approved' }]);
        }
        if (plan.state !== 'submitted') throw notSubmitted(plan.state);
        if (input.meetingId && !(await repo.meetingsByIds(tx, mid, [input.meetingId])).length) {
          throw invalid([{ field: 'body.meetingId', code: 'meeting.unknown', message: 'Unknown meeting' }]);
        }
        const open = openErrors((await runCheck(tx, actor, plan)).breaches);
        const overrideReason = input.overrideReason ?? null;
        if (open.length && overrideReason === null) throw invalid(open);
        if (!open.length && overrideReason !== null) {
          throw invalid([{ field: 'body.overrideReason', code: 'approval.nothingToOverride', message: 'The guidance check has no open error to override' }]);
        }
        const approval = await repo.insertApproval(tx, {
          municipalityId: mid,
          planId,
          approvedBy: userOf(actor),
          approvedOn: input.approvedOn,
          meetingId: input.meetingId ?? null,
          note: input.note ?? null,
          revision: plan.revision,
          overrideReason,
        });
        const approvedRow = await bumpPlan(tx, actor, plan, { state: 'approved', returnComment: null, returnedAt: null, returnedBy: null });
        await repo.insertRevision(tx, {
          municipalityId: mid,
          planId,
          number: plan.revision,
          snapshot: await snapshotOf(tx, mid, approvedRow),
          approvalId: approval.id,
        });
        // Open rounds keep the revision they answer; one that does not answer the plan yet takes this one
        await roundsWrites.pinInOpenRounds(tx, mid, planId, plan.revision);
        if (plan.findingId !== null) await advanceFindingState(tx, changes, mid, plan.findingId, partsOf(plan), 'planApproved', clock.now());
        const after = await getPlan(tx, actor, planId);
        await planReviewed(tx, { ...actor, at: clock.now() }, 'planApproved', planId, after.version);
        await record(
          changes,
          planId,
          'approve',
          { state: plan.state },
          { state: after.state, revision: plan.revision, approval, ...(overrideReason ? { overrideReason, overridden: open.map((e) => e.code) } : {}) },
        );
        return after;
      });
    },

    /**
     * Opens a new revision of an approved plan, in draft, on the plan's own rows. The approved
     * revision is kept (snapshotted now if it was approved before revisions were kept) and stays
     * what readers, rounds and documents show until the new one is approved.
     */
    async revise(actor: Actor, planId: string, version: number) {
      return runCommand(db, actor, async (tx, changes) => {
        const mid = actor.municipalityId;
        const plan = await planAt(tx, actor, planId, version, (p) => policy.write(actor, p.departmentId));
        if (plan.state !== 'approved') {
          throw conflict(detail('plans.notApproved'), [{ field: 'plan', code: 'plan.notApproved', message: `The plan is ${plan.state}` }]);
        }
        if (!(await snapshotRow(tx, mid, planId, plan.revision))) {
          const approvals = await repo.approvalsOf(tx, mid, [planId]);
          await repo.insertRevision(tx, {
            municipalityId: mid,
            planId,
            number: plan.revision,
            snapshot: await snapshotOf(tx, mid, plan),
            approvalId: approvals.at(-1)?.approval.id ?? null,
          });
        }
        await bumpPlan(tx, actor, plan, { state: 'draft', revision: plan.revision + 1 });
        const after = await getPlan(tx, actor, planId);
        await record(changes, planId, 'revise', { state: plan.state, revision: plan.revision }, { state: after.state, revision: after.revision });
        return after;
      });
    },

    /** The kept (approved) revisions, and the one being written when the actor may see it. */
    async revisions(actor: Actor, planId: string) {
      const mid = actor.municipalityId;
      const plan = await requirePlan(db, actor, planId);
      const rows = await repo.revisionsOfPlan(db, mid, planId);
      const inForce = approvedRevisionNumber(plan);
      const out = rows.map(({ revision, approval, approvedByName, meeting }) => ({
        number: revision.number,
        state: 'approved' as PlanRow['state'],
        current: revision.number === inForce,
        approval: approval
          ? {
              approvedByName: approvedByName ?? '',
              approvedOn: approval.approvedOn,
              meeting: meeting ? meetingRef(meeting) : null,
              note: approval.note,
              overrideReason: approval.overrideReason,
            }
          : null,
        measureCount: (revision.snapshot as PlanSnapshot).measures.length,
      }));
      // The plan's rows: an approved revision not yet kept (approved before revisions were), or the one being written
      const shown = plan.state === 'approved' || !readsApproved(actor);
      if (!out.some((r) => r.number === plan.revision) && shown) {
        const approvals = (await repo.approvalsOf(db, mid, [planId])).filter((a) => a.approval.revision === plan.revision);
        const last = plan.state === 'approved' ? approvals.at(-1) : undefined;
        out.push({
          number: plan.revision,
          state: plan.state,
          current: plan.revision === inForce,
          approval: last
            ? {
                approvedByName: last.approvedByName,
                approvedOn: last.approval.approvedOn,
                meeting: last.meeting ? meetingRef(last.meeting) : null,
                note: last.approval.note,
                overrideReason: last.approval.overrideReason,
              }
            : null,
          measureCount: (await repo.measuresOf(db, mid, [planId])).length,
        });
      }
      return out;
    },

    /** Field by field, what changed between two revisions (the one being written included), as the reader's language writes it. */
    async compareRevisions(actor: Actor, planId: string, from: number, to: number) {
      const mid = actor.municipalityId;
      const plan = await requirePlan(db, actor, planId);
      const resolve = async (n: number, field: string): Promise<PlanSnapshot> => {
        const row = await snapshotRow(db, mid, planId, n);
        if (row) return row.snapshot;
        // The rows: the revision being written (staff only), or one approved before revisions were kept
        if (n === plan.revision && (plan.state === 'approved' || !readsApproved(actor))) return snapshotOf(db, mid, plan);
        throw invalid([{ field: `querystring.${field}`, code: 'revision.unknown', message: `The plan has no revision ${n}` }]);
      };
      const comparison = compareSnapshots(await resolve(from, 'from'), await resolve(to, 'to'));
      const recs = plan.findingId ? await repo.recommendationsOf(db, mid, plan.findingId) : [];
      const recNumber = new Map(recs.map((r) => [r.id, r.number]));
      const userIds = [
        ...new Set(
          [...comparison.measures.flatMap((m) => m.fields), ...comparison.plan]
            .filter((f) => f.field === 'ownerUserId')
            .flatMap((f) => [f.before, f.after])
            .filter((v): v is string => typeof v === 'string'),
        ),
      ];
      const names = new Map((await repo.usersByIds(db, mid, userIds)).map((u) => [u.id, u.name]));
      const departments = new Map(
        (await findingReads.departmentsOf(db, mid, plan.findingId ? [plan.findingId] : [])).map((d) => [d.departmentId, d.code as string | undefined]),
      );
      const text = (field: string, value: unknown): string | null => {
        if (value === null || value === undefined || value === '') return null;
        if (field === 'deadline' || field === 'overallDeadline') return deadlineDto(value as string, actor.locale)?.display ?? String(value);
        if (field === 'recommendationIds')
          return (
            (value as string[])
              .map((id) => recNumber.get(id))
              .filter((n) => n !== undefined)
              .sort((a, b) => a! - b!)
              .join(', ') || null
          );
        if (field === 'ownerUserId') return names.get(value as string) ?? null;
        if (field === 'departmentId') return departments.get(value as string) ?? (value === plan.departmentId ? plan.departmentCode : String(value));
        return String(value);
      };
      const render = (f: { field: string; before: unknown; after: unknown }) => ({
        field: f.field,
        before: text(f.field, f.before),
        after: text(f.field, f.after),
      });
      return {
        from,
        to,
        plan: comparison.plan.map(render),
        measures: comparison.measures.map((m) => ({ ...m, fields: m.fields.map(render) })),
      };
    },
  };
}
