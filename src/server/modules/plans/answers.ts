import { userOf } from '../access/grants.js';
import { planPolicy as policy } from './policy.js';
import type { Actor } from '../../context.js';
import type { Database } from '../../db/engine.js';
import { conflict, detail, invalid, notFound, Problem, versionConflict } from '../../http/problem.js';
import { runCommand } from '../../unit-of-work.js';
import { answerRevisionsOf, answerSnapshotOf, approvedAnswerRevision, keepAnswerRevision, type AnswerSnapshot } from './answer-revisions.js';
import { planRepository as repo, type AnswerRow } from './repository.js';
import type { AnswerInputT } from './schemas.js';
import { meetingRef, answerDtos, readsApproved, type AnswerKind } from './presenters.js';
import { answerApprovedLocked, assertAnswerWritable } from './problems.js';
import { requirePlan } from './loaders.js';

/** Answer documents: writing them, their review and their kept revisions. */
export function answerCommands(db: Database) {
  return {
    /** Creates or replaces an answer document; `version` is required once it exists. Only a draft answer changes. */
    async putAnswer(actor: Actor, planId: string, kind: AnswerKind, version: number | null, input: AnswerInputT) {
      return runCommand(db, actor, async (tx, changes) => {
        const mid = actor.municipalityId;
        const plan = await requirePlan(tx, actor, planId);
        policy.write(actor, plan.departmentId);
        const found = new Set((await repo.meetingsByIds(tx, mid, input.decisionPlan)).map((m) => m.id));
        const unknown = input.decisionPlan.flatMap((id, i) =>
          found.has(id) ? [] : [{ field: `body.decisionPlan.${i}`, code: 'meeting.unknown', message: `Unknown meeting ${id}` }],
        );
        if (unknown.length) throw invalid(unknown);
        const values = {
          dueDate: input.dueDate ?? null,
          decisionPlan: input.decisionPlan,
          recipients: input.recipients,
          responsibleOfficials: input.responsibleOfficials,
          sentOn: input.sentOn ?? null,
        };
        const dto = async (row: AnswerRow) => (await answerDtos(tx, actor, [row], () => plan.departmentId))[0]!;
        const existing = await repo.getAnswer(tx, mid, planId, kind);
        if (!existing) {
          const row = await repo.insertAnswer(tx, { municipalityId: mid, planId, kind, ...values });
          const after = await dto(row);
          await changes.record({ resource: 'answerDocument', resourceId: row.id, action: 'create', after });
          return { created: true, answer: after };
        }
        const before = await dto(existing);
        if (version === null) throw new Problem(428, 'preconditionRequired');
        if (version !== existing.version) throw versionConflict(before, existing.version);
        assertAnswerWritable(existing);
        const row = await repo.updateAnswer(tx, mid, existing.id, version, values);
        if (!row) throw versionConflict(before, existing.version);
        const after = await dto(row);
        await changes.record({ resource: 'answerDocument', resourceId: row.id, action: 'update', before, after });
        return { created: false, answer: after };
      });
    },

    /**
     * The review of an answer document, like a plan's: the department submits it, central
     * coordination returns it (with a comment) or approves it (with the meeting); an approved
     * answer is locked until the department revises it (a new revision in draft).
     */
    async answerTransition(
      actor: Actor,
      planId: string,
      kind: AnswerKind,
      version: number,
      command:
        | { to: 'submit' }
        | { to: 'return'; reason: string }
        | { to: 'approve'; approvedOn: string; meetingId?: string | null | undefined; note?: string | null | undefined }
        | { to: 'revise' },
    ) {
      return runCommand(db, actor, async (tx, changes) => {
        const mid = actor.municipalityId;
        const plan = await requirePlan(tx, actor, planId);
        if (command.to === 'return' || command.to === 'approve') policy.review(actor);
        else policy.write(actor, plan.departmentId);
        const existing = await repo.getAnswer(tx, mid, planId, kind);
        if (!existing) throw notFound('answer', `${planId}/${kind}`);
        const dto = async (row: AnswerRow) => (await answerDtos(tx, actor, [row], () => plan.departmentId))[0]!;
        const before = await dto(existing);
        if (existing.version !== version) throw versionConflict(before, existing.version);
        const from = { submit: 'draft', return: 'submitted', approve: 'submitted', revise: 'approved' }[command.to];
        if (existing.state !== from) {
          if (command.to !== 'revise' && existing.state === 'approved') throw answerApprovedLocked();
          throw conflict(detail('plans.answerWrongState', { state: existing.state, command: command.to }), [
            { field: 'answer', code: 'answer.wrongState', message: `The answer is ${existing.state}` },
          ]);
        }
        let values: Partial<AnswerRow>;
        if (command.to === 'submit') values = { state: 'submitted' };
        else if (command.to === 'return') values = { state: 'draft', returnComment: command.reason };
        else if (command.to === 'revise') values = { state: 'draft', revision: existing.revision + 1, returnComment: null };
        else {
          if (command.meetingId && !(await repo.meetingsByIds(tx, mid, [command.meetingId])).length) {
            throw invalid([{ field: 'body.meetingId', code: 'meeting.unknown', message: 'Unknown meeting' }]);
          }
          values = {
            state: 'approved',
            returnComment: null,
            approvedOn: command.approvedOn,
            approvedBy: userOf(actor),
            approvedAtMeetingId: command.meetingId ?? null,
            approvalNote: command.note ?? null,
          };
        }
        // The approved revision is kept as it stands (revising one approved before revisions were kept keeps it now)
        if (command.to === 'revise') await keepAnswerRevision(tx, existing);
        const row = await repo.updateAnswer(tx, mid, existing.id, version, values);
        if (!row) throw versionConflict(before, existing.version);
        if (command.to === 'approve') await keepAnswerRevision(tx, row);
        const after = await dto(row);
        await changes.record({ resource: 'answerDocument', resourceId: row.id, action: command.to, before, after });
        return after;
      });
    },

    /**
     * The answer's kept (approved) revisions with their content and approval, and the one being
     * written when the actor may see it (readers see approved revisions only).
     */
    async answerRevisions(actor: Actor, planId: string, kind: AnswerKind) {
      const mid = actor.municipalityId;
      await requirePlan(db, actor, planId);
      const answer = await repo.getAnswer(db, mid, planId, kind);
      if (!answer) throw notFound('answer', `${planId}/${kind}`);
      const kept = await answerRevisionsOf(db, mid, [answer.id]);
      const inForce = approvedAnswerRevision(answer);
      const rows: {
        number: number;
        state: AnswerRow['state'];
        snapshot: AnswerSnapshot;
        approvedOn: string | null;
        approvedBy: string | null;
        approvedAtMeetingId: string | null;
        approvalNote: string | null;
      }[] = kept.map((r) => ({
        number: r.number,
        state: 'approved',
        snapshot: r.snapshot as AnswerSnapshot,
        approvedOn: r.approvedOn,
        approvedBy: r.approvedBy,
        approvedAtMeetingId: r.approvedAtMeetingId,
        approvalNote: r.approvalNote,
      }));
      // The row: an approved revision not yet kept, or the one being written (staff only)
      if (!rows.some((r) => r.number === answer.revision) && (answer.state === 'approved' || !readsApproved(actor))) {
        const approved = answer.state === 'approved';
        rows.push({
          number: answer.revision,
          state: answer.state,
          snapshot: answerSnapshotOf(answer),
          approvedOn: approved ? answer.approvedOn : null,
          approvedBy: approved ? answer.approvedBy : null,
          approvedAtMeetingId: approved ? answer.approvedAtMeetingId : null,
          approvalNote: approved ? answer.approvalNote : null,
        });
      }
      const meetings = new Map(
        (
          await repo.meetingsByIds(db, mid, [
            ...new Set(rows.flatMap((r) => [...r.snapshot.decisionPlan, ...(r.approvedAtMeetingId ? [r.approvedAtMeetingId] : [])])),
          ])
        ).map((m) => [m.id, m]),
      );
      const names = new Map(
        (await repo.usersByIds(db, mid, [...new Set(rows.flatMap((r) => (r.approvedBy ? [r.approvedBy] : [])))])).map((u) => [u.id, u.name]),
      );
      return rows.map((r) => {
        const meeting = r.approvedAtMeetingId ? meetings.get(r.approvedAtMeetingId) : undefined;
        return {
          number: r.number,
          state: r.state,
          current: r.number === inForce,
          approval: r.approvedOn
            ? {
                approvedOn: r.approvedOn,
                approvedByName: r.approvedBy ? (names.get(r.approvedBy) ?? null) : null,
                meeting: meeting ? meetingRef(meeting) : null,
                note: r.approvalNote,
              }
            : null,
          dueDate: r.snapshot.dueDate,
          decisionPlan: r.snapshot.decisionPlan.flatMap((id) => {
            const m = meetings.get(id);
            return m ? [meetingRef(m)] : [];
          }),
          recipients: r.snapshot.recipients,
          responsibleOfficials: r.snapshot.responsibleOfficials,
          sentOn: r.snapshot.sentOn,
        };
      });
    },
  };
}
