import { roundsPolicy as policy, permits, submissionFrom } from './policy.js';
import { checkPlan } from '../../../domain/guidance.js';
import type { Locale } from '../../../domain/i18n.js';
import { allowedStatuses, deadlinePassed, isMeasureOverdue, type MeasureStatus } from '../../../domain/measure-status.js';
import type { Actor } from '../../context.js';
import type { Database, Executor } from '../../db/engine.js';
import { conflict, detail, invalid, invalidField, notFound, Problem, versionConflict, type FieldError } from '../../http/problem.js';
import { renderMessage } from '../../i18n/messages.js';
import { iso } from '../../http/schemas.js';
import type { ServiceOptions } from '../../service-options.js';
import { runCommand, type ChangeRecorder } from '../../unit-of-work.js';
import { deadlineDto, deadlineField, storedDeadline } from '../shared/deadline-field.js';
import { roundsRepository as repo, type RoundRow, type ScopeMeasure, type StatusEntryRow, type SubmissionRow } from './repository.js';
import type { RoundInputT, RoundPatchT, StatusEntryInputT } from './schemas.js';
import { advanceFindingState } from '../findings/index.js';
import { answerReviewed, roundOpened } from '../notifications/events.js';

type SubmissionState = SubmissionRow['state'];

function roundDto(actor: Actor, r: RoundRow) {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    opensOn: r.opensOn,
    dueOn: r.dueOn,
    state: r.state,
    version: r.version,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
    actions: policy.roundActions(actor, r),
  };
}

function submissionDto(s: SubmissionRow) {
  return {
    id: s.id,
    roundId: s.roundId,
    departmentId: s.departmentId,
    state: s.state,
    submittedAt: s.submittedAt ? iso(s.submittedAt) : null,
    returnReason: s.returnReason,
    version: s.version,
    createdAt: iso(s.createdAt),
    updatedAt: iso(s.updatedAt),
    updatedBy: s.updatedBy,
  };
}

/** A submission as the API answers it: with the commands the caller may take on it now. */
function submissionView(s: SubmissionRow, actor: Actor, round: Pick<RoundRow, 'state'>) {
  return { ...submissionDto(s), actions: policy.submissionActions(actor, s, round.state === 'open') };
}

function entryDto(e: StatusEntryRow, locale: Locale) {
  return {
    id: e.id,
    submissionId: e.submissionId,
    measureId: e.measureId,
    status: e.status,
    note: e.note,
    reason: e.reason,
    newDeadline: deadlineDto(e.newDeadline, locale, e.newDeadlineDue),
    selfCheckResult: e.selfCheckResult,
    version: e.version,
    updatedAt: iso(e.updatedAt),
    updatedBy: e.updatedBy,
  };
}

const roundClosed = () => conflict(detail('rounds.closed'), [{ field: 'params.id', code: 'round.closed', message: 'A closed round cannot be changed' }]);

const submissionLocked = (state: SubmissionState) =>
  conflict(detail(state === 'accepted' ? 'rounds.submissionAccepted' : 'rounds.submissionSubmitted'), [
    { field: 'submission.state', code: 'submission.locked', message: `The submission is ${state}` },
  ]);

const transitionNotAllowed = (from: SubmissionState, to: SubmissionState) =>
  conflict(detail('rounds.transitionNotAllowed', { from, to }), [
    { field: 'submission.state', code: 'submission.transitionNotAllowed', message: `A ${from} submission cannot become ${to}` },
  ]);

/** Where a submit error points: the measure (its id for a link), its number, its finding and year. */
export interface SubmissionFieldError extends FieldError {
  params: { measureId: string; measureNumber: string; findingNumber: number; findingYear: number };
}

/** The message of an "on track" for a measure whose deadline has passed (a save, or a submit). */
function onTrackAfterDeadline(m: Pick<ScopeMeasure, 'number' | 'deadline' | 'deadlineDue'>) {
  // The catalogue writes a stored deadline the reader's way; without one, the last day as stored
  const deadline = storedDeadline(m.deadline) ? m.deadline! : (m.deadlineDue ?? '');
  return detail('rounds.onTrackAfterDeadline', { measureNumber: m.number, deadline });
}

type AcceptanceRow = Awaited<ReturnType<typeof repo.acceptancesOf>>[number];

/**
 * What a submission still lacks, in the list's order: in-scope measures without an entry, entries
 * without what their status requires (the guidance check's status rules and messages; an error
 * accepted on the measure's plan with a reason does not block), and "on track" for a measure
 * whose deadline has passed.
 */
function submissionErrors(scope: ScopeMeasure[], entries: StatusEntryRow[], acceptances: AcceptanceRow[], actor: Actor): SubmissionFieldError[] {
  const byMeasure = new Map(entries.map((e) => [e.measureId, e]));
  const { breaches } = checkPlan(
    {
      vocabulary: actor.vocabulary,
      overallDeadline: null,
      problem: null,
      extent: null,
      recommendations: [],
      measures: scope.map((m) => ({
        id: m.measureId,
        number: m.number,
        title: m.title,
        text: null,
        deadline: null,
        followUpPoint: null,
        expectedEffect: null,
        recommendationIds: [],
      })),
      statusEntries: scope.flatMap((m) => {
        const e = byMeasure.get(m.measureId);
        return e
          ? [
              {
                id: e.id,
                measureId: e.measureId,
                status: e.status,
                reason: e.reason,
                newDeadline: storedDeadline(e.newDeadline),
                selfCheckResult: e.selfCheckResult,
                note: e.note,
              },
            ]
          : [];
      }),
      // Measure ids are unique across plans, so a plan's acceptance matches only its own measure.
      acceptances: acceptances.map((a) => ({
        code: a.code,
        measureId: a.measureId,
        field: a.field,
        reason: a.reason,
        acceptedBy: a.acceptedBy,
        acceptedAt: iso(a.acceptedAt),
      })),
    },
    actor.locale,
  );
  const se = actor.vocabulary === 'SE';
  return scope.flatMap((m): SubmissionFieldError[] => {
    const params = { measureId: m.measureId, measureNumber: m.number, findingNumber: m.findingNumber, findingYear: m.findingYear };
    const entry = byMeasure.get(m.measureId);
    if (!entry)
      return [
        { field: `measures.${m.number}`, code: 'statusEntry.missing', message: detail(se ? 'rounds.statusMissingSE' : 'rounds.statusMissing', params), params },
      ];
    // The guidance check's messages come written in the reader's language, so these are written
    // here too; the params stay what a client links by (the measure, its finding and year)
    const prefix = renderMessage(actor.locale, se ? 'rounds.findingPrefixSE' : 'rounds.findingPrefix', params);
    const late = entry.status === 'onTrack' && deadlinePassed(m.deadlineDue, actor.today) ? onTrackAfterDeadline(m) : null;
    return [
      ...(late
        ? [
            {
              field: `measures.${m.number}.status`,
              code: 'status.onTrackAfterDeadline',
              message: prefix + renderMessage(actor.locale, late.code, late.params),
              params,
            },
          ]
        : []),
      ...breaches
        .filter((b) => b.measureId === m.measureId && b.code.startsWith('status.') && b.severity === 'error' && b.accepted === null)
        .map((b) => ({ field: `measures.${m.number}.${b.field}`, code: b.code, message: prefix + b.message, params })),
    ];
  });
}

/** Keeps only what the status is about, so a delayed-then-on-track entry carries no stale new date. */
function entryValues(input: StatusEntryInputT, actor: Actor) {
  const newDeadline = deadlineField(input.newDeadline, 'body.newDeadline', actor.locale);
  const delayed = input.status === 'delayed';
  return {
    status: input.status,
    note: input.note || null,
    // A postponed measure says what it waits for; it has no new date (the date is not known yet).
    reason: delayed || input.status === 'cancelled' || input.status === 'postponed' ? input.reason || null : null,
    newDeadline: delayed ? (newDeadline?.text ?? null) : null,
    newDeadlineDue: delayed ? (newDeadline?.due ?? null) : null,
    selfCheckResult: input.status === 'completed' ? input.selfCheckResult || null : null,
    updatedBy: actor.userId,
  };
}

/**
 * The 422 of a status for a measure the round does not ask about. A measure of a plan the round
 * answers at an earlier revision (added, or kept, by a revision approved after the round opened)
 * says so: the next round answers it.
 */
async function outsideRound(ex: Executor, actor: Actor, roundId: string, departmentId: string, measureId: string): Promise<Problem> {
  const pinned = await repo.revisionWithoutMeasure(ex, actor.municipalityId, roundId, departmentId, measureId);
  if (pinned !== undefined) {
    return invalidField('params.measureId', 'statusEntry.measureNotInRoundRevision', 'rounds.notInRoundRevision', { revision: pinned });
  }
  return invalid([
    { field: 'params.measureId', code: 'statusEntry.measureOutsideRound', message: "The measure is not among this department's measures in the round" },
  ]);
}

export function createRoundsService(db: Database, opts: ServiceOptions) {
  async function requireRound(ex: Executor, actor: Actor, id: string): Promise<RoundRow> {
    const round = await repo.getRound(ex, actor.municipalityId, id);
    if (!round) throw notFound('round', id);
    return round;
  }

  async function requireOpenRound(ex: Executor, actor: Actor, id: string): Promise<RoundRow> {
    const round = await requireRound(ex, actor, id);
    if (round.state === 'closed') throw roundClosed();
    return round;
  }

  async function requireDepartment(ex: Executor, actor: Actor, id: string) {
    const department = await repo.getDepartment(ex, actor.municipalityId, id);
    if (!department) throw notFound('department', id);
    return department;
  }

  async function requireSubmission(ex: Executor, actor: Actor, id: string, lock = false): Promise<SubmissionRow> {
    const submission = await repo.getSubmission(ex, actor.municipalityId, id, lock);
    if (!submission) throw notFound('submission', id);
    return submission;
  }

  function checkDates(opensOn: string, dueOn: string) {
    if (dueOn < opensOn) throw invalid([{ field: 'body.dueOn', code: 'round.dueBeforeOpens', message: 'The due date cannot be before the opening date' }]);
  }

  /** Moves a submitted submission on (returned or accepted), the reviewer's two answers. */
  async function review(actor: Actor, id: string, version: number, to: 'returned' | 'accepted', returnReason: string | null) {
    policy.review(actor);
    return runCommand(db, actor, async (tx, changes) => {
      const before = await requireSubmission(tx, actor, id, true);
      const round = await requireOpenRound(tx, actor, before.roundId);
      if (before.version !== version) throw versionConflict(submissionView(before, actor, round), before.version);
      if (!submissionFrom.review.includes(before.state)) throw transitionNotAllowed(before.state, to);
      const values = to === 'returned' ? { state: to, returnReason, updatedBy: actor.userId } : { state: to, updatedBy: actor.userId };
      const row = await repo.updateSubmission(tx, actor.municipalityId, id, version, values);
      if (!row) throw versionConflict(submissionView(before, actor, round), before.version);
      await answerReviewed(tx, { ...actor, at: opts.clock.now() }, to === 'returned' ? 'answerReturned' : 'answerAccepted', row, round);
      await changes.record({ resource: 'roundSubmission', resourceId: id, action: to === 'returned' ? 'return' : 'accept', before, after: row });
      return submissionView(row, actor, round);
    });
  }

  /**
   * A delayed measure's new expected date becomes its deadline, with a revision naming the status
   * entry. An unchanged date (a resubmission after a return) adds nothing. A measure without any
   * history first gets its current deadline recorded as the original, so slippage has a baseline.
   */
  async function reviseDeadlines(tx: Executor, changes: ChangeRecorder, actor: Actor, scope: ScopeMeasure[], entries: StatusEntryRow[]) {
    const mid = actor.municipalityId;
    for (const m of scope) {
      const entry = entries.find((e) => e.measureId === m.measureId);
      if (entry?.status !== 'delayed' || !entry.newDeadline || !entry.newDeadlineDue || entry.newDeadline === m.deadline) continue;
      if (!(await repo.hasDeadlineRevisions(tx, mid, m.measureId))) {
        const measure = await repo.getMeasure(tx, mid, m.measureId);
        await repo.insertDeadlineRevision(tx, {
          municipalityId: mid,
          measureId: m.measureId,
          deadline: m.deadline,
          deadlineDue: m.deadlineDue,
          source: 'original',
          createdAt: measure?.createdAt,
          createdBy: measure?.createdBy ?? null,
        });
      }
      await repo.setMeasureDeadline(tx, mid, m.measureId, entry.newDeadline, entry.newDeadlineDue, actor.userId);
      await repo.insertDeadlineRevision(tx, {
        municipalityId: mid,
        measureId: m.measureId,
        deadline: entry.newDeadline,
        deadlineDue: entry.newDeadlineDue,
        source: 'statusEntry',
        statusEntryId: entry.id,
        reason: entry.reason,
        createdBy: actor.userId,
      });
      await changes.record({
        resource: 'measure',
        resourceId: m.measureId,
        action: 'deadline',
        before: { deadline: m.deadline },
        after: { deadline: entry.newDeadline, statusEntryId: entry.id, reason: entry.reason },
      });
    }
  }

  return {
    async listRounds(actor: Actor) {
      return (await repo.listRounds(db, actor.municipalityId)).map((r) => roundDto(actor, r));
    },

    async getRound(actor: Actor, id: string) {
      const round = await requireRound(db, actor, id);
      const progress = await repo.progressByDepartment(db, actor.municipalityId, id);
      return { ...roundDto(actor, round), departments: progress.map((p) => ({ ...p, state: p.state ?? ('notStarted' as const) })) };
    },

    async createRound(actor: Actor, input: RoundInputT) {
      policy.manageRounds(actor);
      checkDates(input.opensOn, input.dueOn);
      return runCommand(db, actor, async (tx, changes) => {
        const row = await repo.insertRound(tx, { ...input, municipalityId: actor.municipalityId, createdBy: actor.userId, updatedBy: actor.userId });
        // The round answers the revisions approved now, whatever is approved while it runs
        await repo.pinApprovedPlans(tx, actor.municipalityId, row.id);
        await roundOpened(tx, { ...actor, at: opts.clock.now() }, row);
        await changes.record({ resource: 'round', resourceId: row.id, action: 'create', after: row });
        return roundDto(actor, row);
      });
    },

    async updateRound(actor: Actor, id: string, version: number, patch: RoundPatchT) {
      policy.manageRounds(actor);
      return runCommand(db, actor, async (tx, changes) => {
        const before = await requireOpenRound(tx, actor, id);
        if (before.version !== version) throw versionConflict(roundDto(actor, before), before.version);
        checkDates(patch.opensOn ?? before.opensOn, patch.dueOn ?? before.dueOn);
        const row = await repo.updateRound(tx, actor.municipalityId, id, version, { ...patch, updatedBy: actor.userId });
        if (!row) throw versionConflict(roundDto(actor, before), before.version);
        await changes.record({ resource: 'round', resourceId: id, action: 'update', before, after: row });
        return roundDto(actor, row);
      });
    },

    async closeRound(actor: Actor, id: string, version: number) {
      policy.manageRounds(actor);
      return runCommand(db, actor, async (tx, changes) => {
        const before = await requireOpenRound(tx, actor, id);
        if (before.version !== version) throw versionConflict(roundDto(actor, before), before.version);
        const row = await repo.updateRound(tx, actor.municipalityId, id, version, { state: 'closed', updatedBy: actor.userId });
        if (!row) throw versionConflict(roundDto(actor, before), before.version);
        await changes.record({ resource: 'round', resourceId: id, action: 'close', before, after: row });
        return roundDto(actor, row);
      });
    },

    async getDepartmentRound(actor: Actor, roundId: string, departmentId: string) {
      policy.readSubmissions(actor);
      const mid = actor.municipalityId;
      const round = await requireRound(db, actor, roundId);
      const department = await requireDepartment(db, actor, departmentId);
      const [scope, submission] = await Promise.all([repo.scopeMeasures(db, mid, roundId, departmentId), repo.submissionOf(db, mid, roundId, departmentId)]);
      const entries = submission ? await repo.entriesOf(db, mid, submission.id) : [];
      const editable = round.state === 'open' && (!submission || submissionFrom.answer.includes(submission.state));
      const measures = scope.map((m) => {
        const entry = entries.find((e) => e.measureId === m.measureId);
        const status: MeasureStatus | null = entry?.status ?? null;
        return {
          measureId: m.measureId,
          number: m.number,
          title: m.title,
          planId: m.planId,
          findingId: m.findingId,
          findingNumber: m.findingNumber,
          findingTitle: m.findingTitle,
          findingYear: m.findingYear,
          deadline: deadlineDto(m.deadline, actor.locale, m.deadlineDue),
          entry: entry ? entryDto(entry, actor.locale) : null,
          canAnswer: permits(() => policy.answer(actor, departmentId, m)),
          mine: m.ownerUserId !== null && m.ownerUserId === actor.userId,
          allowedStatuses: allowedStatuses(m.deadlineDue, actor.today),
          overdue: isMeasureOverdue({ due: m.deadlineDue, status, newDue: entry?.newDeadlineDue ?? null }, actor.today),
          actions: { answer: editable && round.kind === 'status' && permits(() => policy.answer(actor, departmentId, m)) },
        };
      });
      return {
        round: roundDto(actor, round),
        department: { id: department.id, code: department.code, name: department.name },
        submission: submission ? submissionView(submission, actor, round) : null,
        progress: { answered: measures.filter((m) => m.entry).length, total: measures.length },
        measures,
      };
    },

    /**
     * Saves one measure's status (a draft may be incomplete; submit enforces the rules). The first
     * save creates the department's submission.
     */
    async putEntry(actor: Actor, roundId: string, departmentId: string, measureId: string, version: number | null, input: StatusEntryInputT) {
      const values = entryValues(input, actor);
      return runCommand(db, actor, async (tx, changes) => {
        const mid = actor.municipalityId;
        const round = await requireOpenRound(tx, actor, roundId);
        if (round.kind === 'plan') {
          throw invalid([{ field: 'params.id', code: 'round.noStatusEntries', message: 'A plan round collects plans, not status entries' }]);
        }
        await requireDepartment(tx, actor, departmentId);
        const [measure] = await repo.scopeMeasures(tx, mid, roundId, departmentId, measureId);
        // The owner the round knows (its revision's) may answer; otherwise the row's, for the refusal
        policy.answer(actor, departmentId, measure ?? (await repo.getMeasure(tx, mid, measureId)) ?? { ownerUserId: null });
        if (!measure) throw await outsideRound(tx, actor, roundId, departmentId, measureId);
        if (values.status === 'onTrack' && deadlinePassed(measure.deadlineDue, actor.today)) {
          throw invalid([{ field: 'body.status', code: 'status.onTrackAfterDeadline', message: onTrackAfterDeadline(measure) }]);
        }
        // The row lock orders this write against a concurrent submit of the same submission.
        let submission = await repo.submissionOf(tx, mid, roundId, departmentId, true);
        if (!submission) {
          const created = await repo.insertSubmission(tx, { municipalityId: mid, roundId, departmentId, createdBy: actor.userId, updatedBy: actor.userId });
          if (created) await changes.record({ resource: 'roundSubmission', resourceId: created.id, action: 'create', after: created });
          submission = created ?? (await repo.submissionOf(tx, mid, roundId, departmentId, true))!;
        }
        if (submission.state === 'submitted' || submission.state === 'accepted') throw submissionLocked(submission.state);

        const existing = await repo.entryOf(tx, mid, submission.id, measureId);
        if (existing) {
          if (version === null) throw new Problem(428, 'preconditionRequired');
          if (existing.version !== version) throw versionConflict(entryDto(existing, actor.locale), existing.version);
          const row = await repo.updateEntry(tx, mid, existing.id, version, values);
          if (!row) throw versionConflict(entryDto(existing, actor.locale), existing.version);
          await changes.record({ resource: 'statusEntry', resourceId: row.id, action: 'update', before: existing, after: row });
          return entryDto(row, actor.locale);
        }
        const row = await repo.insertEntry(tx, { ...values, municipalityId: mid, submissionId: submission.id, measureId, createdBy: actor.userId });
        await changes.record({ resource: 'statusEntry', resourceId: row.id, action: 'create', after: row });
        return entryDto(row, actor.locale);
      });
    },

    async getSubmission(actor: Actor, id: string) {
      policy.readSubmissions(actor);
      const submission = await requireSubmission(db, actor, id);
      return submissionView(submission, actor, await requireRound(db, actor, submission.roundId));
    },

    async submit(actor: Actor, id: string, version: number) {
      return runCommand(db, actor, async (tx, changes) => {
        const mid = actor.municipalityId;
        const before = await requireSubmission(tx, actor, id, true);
        policy.submit(actor, before.departmentId);
        const round = await requireOpenRound(tx, actor, before.roundId);
        if (before.version !== version) throw versionConflict(submissionView(before, actor, round), before.version);
        if (!submissionFrom.submit.includes(before.state)) throw transitionNotAllowed(before.state, 'submitted');
        // One query at a time: inside a transaction they share one connection
        const scope = await repo.scopeMeasures(tx, mid, before.roundId, before.departmentId);
        const entries = await repo.entriesOf(tx, mid, id);
        const acceptances = await repo.acceptancesOf(tx, mid, [...new Set(scope.map((m) => m.planId))]);
        const errors = submissionErrors(scope, entries, acceptances, actor);
        if (errors.length) throw invalid(errors);

        await reviseDeadlines(tx, changes, actor, scope, entries);
        for (const findingId of new Set(scope.map((m) => m.findingId))) {
          await advanceFindingState(tx, changes, mid, findingId, [before.departmentId], 'inProgress', opts.clock.now());
        }
        const row = await repo.updateSubmission(tx, mid, id, version, {
          state: 'submitted',
          submittedAt: opts.clock.now(),
          returnReason: null,
          updatedBy: actor.userId,
        });
        if (!row) throw versionConflict(submissionView(before, actor, round), before.version);
        await answerReviewed(tx, { ...actor, at: opts.clock.now() }, 'answerSubmitted', row, round);
        await changes.record({ resource: 'roundSubmission', resourceId: id, action: 'submit', before, after: row });
        return submissionView(row, actor, round);
      });
    },

    returnSubmission: (actor: Actor, id: string, version: number, reason: string) => review(actor, id, version, 'returned', reason),
    acceptSubmission: (actor: Actor, id: string, version: number) => review(actor, id, version, 'accepted', null),
  };
}

export type RoundsService = ReturnType<typeof createRoundsService>;
