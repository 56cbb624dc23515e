import { followupPolicy as policy } from './policy.js';
import { checkPlan } from '../../../domain/guidance.js';
import { formatDeadline, lastDay } from '../../../domain/deadline.js';
import type { Locale, Localized } from '../../../domain/i18n.js';
import type { Actor } from '../../context.js';
import type { Database, Executor } from '../../db/engine.js';
import { conflict, invalid, notFound, Problem, versionConflict, type FieldError } from '../../http/problem.js';
import { iso } from '../../http/schemas.js';
import type { ServiceOptions } from '../../services.js';
import { runCommand, type ChangeRecorder } from '../../unit-of-work.js';
import { advanceFindingState } from '../findings/state.js';
import { deadlineField, storedDeadline } from '../shared/deadline-field.js';
import { followupRepository as repo, type RoundRow, type ScopeMeasure, type StatusEntryRow, type SubmissionRow } from './repository.js';
import type { RoundInputT, RoundPatchT, StatusEntryInputT } from './schemas.js';

type SubmissionState = SubmissionRow['state'];

function roundDto(r: RoundRow) {
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

/** A stored deadline as the API shows it: canonical text, the reader's way of writing it, precision, last day. */
function deadlineDto(text: string | null, due: string | null, locale: Locale) {
  const value = storedDeadline(text);
  if (!text || !value) return null;
  return { text, display: formatDeadline(value, locale), precision: value.precision, due: due ?? lastDay(value) };
}

function entryDto(e: StatusEntryRow, locale: Locale) {
  return {
    id: e.id,
    submissionId: e.submissionId,
    measureId: e.measureId,
    status: e.status,
    note: e.note,
    reason: e.reason,
    newDeadline: deadlineDto(e.newDeadline, e.newDeadlineDue, locale),
    selfCheckResult: e.selfCheckResult,
    version: e.version,
    updatedAt: iso(e.updatedAt),
    updatedBy: e.updatedBy,
  };
}

const roundClosed = () =>
  conflict({ da: 'Runden er afsluttet', sv: 'Omgången är avslutad', en: 'The round is closed' }, [
    { field: 'params.id', code: 'round.closed', message: 'A closed round cannot be changed' },
  ]);

const submissionLocked = (state: SubmissionState) =>
  conflict(
    state === 'accepted'
      ? { da: 'Besvarelsen er godkendt og kan ikke ændres', sv: 'Svaret är godkänt och kan inte ändras', en: 'The submission is accepted and read-only' }
      : { da: 'Besvarelsen er indsendt; den skal sendes retur før den kan ændres', sv: 'Svaret är inskickat; det måste skickas tillbaka innan det kan ändras', en: 'The submission is submitted; it must be returned before it can be changed' },
    [{ field: 'submission.state', code: 'submission.locked', message: `The submission is ${state}` }],
  );

const transitionNotAllowed = (from: SubmissionState, to: SubmissionState) =>
  conflict({ da: `Kan ikke gå fra ${from} til ${to}`, sv: `Kan inte gå från ${from} till ${to}`, en: `Cannot move from ${from} to ${to}` }, [
    { field: 'submission.state', code: 'submission.transitionNotAllowed', message: `A ${from} submission cannot become ${to}` },
  ]);

const MISSING_STATUS: Localized = { da: 'Tiltag {n} mangler status.', sv: 'Åtgärd {n} saknar status.', en: 'Measure {n} has no status.' };
/** Measure numbers repeat across plans, so every message names its finding too. */
const FINDING_PREFIX: Localized = { da: 'Bemærkning {n}: ', sv: 'Iakttagelse {n}: ', en: 'Finding {n}: ' };
/** Whether a policy rule allows the actor (it throws 403 otherwise). */
function permits(rule: () => void): boolean {
  try {
    rule();
    return true;
  } catch {
    return false;
  }
}

const fill = (template: string, n: string | number) => template.replace('{n}', String(n));

/**
 * What a submission still lacks: in-scope measures without an entry, and entries without what
 * their status requires (the guidance check's status rules and messages), in the list's order.
 */
function submissionErrors(scope: ScopeMeasure[], entries: StatusEntryRow[], actor: Actor): FieldError[] {
  const byMeasure = new Map(entries.map((e) => [e.measureId, e]));
  const { breaches } = checkPlan(
    {
      vocabulary: actor.vocabulary,
      overallDeadline: null,
      problem: null,
      extent: null,
      recommendations: [],
      measures: scope.map((m) => ({ id: m.measureId, number: m.number, title: m.title, text: null, deadline: null, followUpPoint: null, expectedEffect: null, recommendationIds: [] })),
      statusEntries: scope.flatMap((m) => {
        const e = byMeasure.get(m.measureId);
        return e ? [{ id: e.id, measureId: e.measureId, status: e.status, reason: e.reason, newDeadline: storedDeadline(e.newDeadline), selfCheckResult: e.selfCheckResult, note: e.note }] : [];
      }),
      acceptances: [],
    },
    actor.locale,
  );
  return scope.flatMap((m) => {
    const prefix = fill(FINDING_PREFIX[actor.locale], m.findingNumber);
    if (!byMeasure.has(m.measureId)) return [{ field: `measures.${m.number}`, code: 'statusEntry.missing', message: prefix + fill(MISSING_STATUS[actor.locale], m.number) }];
    return breaches
      .filter((b) => b.measureId === m.measureId && b.code.startsWith('status.'))
      .map((b) => ({ field: `measures.${m.number}.${b.field}`, code: b.code, message: prefix + b.message }));
  });
}

/** Keeps only what the status is about, so a delayed-then-on-track entry carries no stale new date. */
function entryValues(input: StatusEntryInputT, actor: Actor) {
  const newDeadline = deadlineField(input.newDeadline, 'body.newDeadline', actor.locale);
  const delayed = input.status === 'delayed';
  return {
    status: input.status,
    note: input.note || null,
    reason: delayed || input.status === 'cancelled' ? input.reason || null : null,
    newDeadline: delayed ? (newDeadline?.text ?? null) : null,
    newDeadlineDue: delayed ? (newDeadline?.due ?? null) : null,
    selfCheckResult: input.status === 'completed' ? input.selfCheckResult || null : null,
    updatedBy: actor.userId,
  };
}

export function createFollowupService(db: Database, _opts: ServiceOptions) {
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
      await requireOpenRound(tx, actor, before.roundId);
      if (before.version !== version) throw versionConflict(submissionDto(before), before.version);
      if (before.state !== 'submitted') throw transitionNotAllowed(before.state, to);
      const values = to === 'returned' ? { state: to, returnReason, updatedBy: actor.userId } : { state: to, updatedBy: actor.userId };
      const row = await repo.updateSubmission(tx, actor.municipalityId, id, version, values);
      if (!row) throw versionConflict(submissionDto(before), before.version);
      await changes.record({ resource: 'roundSubmission', resourceId: id, action: to === 'returned' ? 'return' : 'accept', before, after: row });
      return submissionDto(row);
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
      return (await repo.listRounds(db, actor.municipalityId)).map(roundDto);
    },

    async getRound(actor: Actor, id: string) {
      const round = await requireRound(db, actor, id);
      const progress = await repo.progressByDepartment(db, actor.municipalityId, id);
      return { ...roundDto(round), departments: progress.map((p) => ({ ...p, state: p.state ?? ('notStarted' as const) })) };
    },

    async createRound(actor: Actor, input: RoundInputT) {
      policy.manageRounds(actor);
      checkDates(input.opensOn, input.dueOn);
      return runCommand(db, actor, async (tx, changes) => {
        const row = await repo.insertRound(tx, { ...input, municipalityId: actor.municipalityId, createdBy: actor.userId, updatedBy: actor.userId });
        await changes.record({ resource: 'round', resourceId: row.id, action: 'create', after: row });
        return roundDto(row);
      });
    },

    async updateRound(actor: Actor, id: string, version: number, patch: RoundPatchT) {
      policy.manageRounds(actor);
      return runCommand(db, actor, async (tx, changes) => {
        const before = await requireOpenRound(tx, actor, id);
        if (before.version !== version) throw versionConflict(roundDto(before), before.version);
        checkDates(patch.opensOn ?? before.opensOn, patch.dueOn ?? before.dueOn);
        const row = await repo.updateRound(tx, actor.municipalityId, id, version, { ...patch, updatedBy: actor.userId });
        if (!row) throw versionConflict(roundDto(before), before.version);
        await changes.record({ resource: 'round', resourceId: id, action: 'update', before, after: row });
        return roundDto(row);
      });
    },

    async closeRound(actor: Actor, id: string, version: number) {
      policy.manageRounds(actor);
      return runCommand(db, actor, async (tx, changes) => {
        const before = await requireOpenRound(tx, actor, id);
        if (before.version !== version) throw versionConflict(roundDto(before), before.version);
        const row = await repo.updateRound(tx, actor.municipalityId, id, version, { state: 'closed', updatedBy: actor.userId });
        if (!row) throw versionConflict(roundDto(before), before.version);
        await changes.record({ resource: 'round', resourceId: id, action: 'close', before, after: row });
        return roundDto(row);
      });
    },

    async getDepartmentRound(actor: Actor, roundId: string, departmentId: string) {
      policy.readSubmissions(actor);
      const mid = actor.municipalityId;
      const round = await requireRound(db, actor, roundId);
      const department = await requireDepartment(db, actor, departmentId);
      const [scope, submission] = await Promise.all([repo.scopeMeasures(db, mid, roundId, departmentId), repo.submissionOf(db, mid, roundId, departmentId)]);
      const entries = submission ? await repo.entriesOf(db, mid, submission.id) : [];
      const measures = scope.map((m) => {
        const entry = entries.find((e) => e.measureId === m.measureId);
        return {
          measureId: m.measureId,
          number: m.number,
          title: m.title,
          planId: m.planId,
          findingId: m.findingId,
          findingNumber: m.findingNumber,
          findingTitle: m.findingTitle,
          deadline: deadlineDto(m.deadline, m.deadlineDue, actor.locale),
          entry: entry ? entryDto(entry, actor.locale) : null,
          canAnswer: permits(() => policy.answer(actor, departmentId, m)),
        };
      });
      return {
        round: roundDto(round),
        department: { id: department.id, code: department.code, name: department.name },
        submission: submission ? submissionDto(submission) : null,
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
        policy.answer(actor, departmentId, (await repo.getMeasure(tx, mid, measureId)) ?? { ownerUserId: null });
        const [measure] = await repo.scopeMeasures(tx, mid, roundId, departmentId, measureId);
        if (!measure) {
          throw invalid([{ field: 'params.measureId', code: 'statusEntry.measureOutsideRound', message: "The measure is not among this department's measures in the round" }]);
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
      return submissionDto(await requireSubmission(db, actor, id));
    },

    async submit(actor: Actor, id: string, version: number) {
      return runCommand(db, actor, async (tx, changes) => {
        const mid = actor.municipalityId;
        const before = await requireSubmission(tx, actor, id, true);
        policy.submit(actor, before.departmentId);
        await requireOpenRound(tx, actor, before.roundId);
        if (before.version !== version) throw versionConflict(submissionDto(before), before.version);
        if (before.state !== 'draft' && before.state !== 'returned') throw transitionNotAllowed(before.state, 'submitted');
        const [scope, entries] = await Promise.all([repo.scopeMeasures(tx, mid, before.roundId, before.departmentId), repo.entriesOf(tx, mid, id)]);
        const errors = submissionErrors(scope, entries, actor);
        if (errors.length) throw invalid(errors);

        await reviseDeadlines(tx, changes, actor, scope, entries);
        for (const findingId of new Set(scope.map((m) => m.findingId))) {
          await advanceFindingState(tx, changes, mid, findingId, [before.departmentId], 'inProgress');
        }
        const row = await repo.updateSubmission(tx, mid, id, version, { state: 'submitted', submittedAt: new Date(), returnReason: null, updatedBy: actor.userId });
        if (!row) throw versionConflict(submissionDto(before), before.version);
        await changes.record({ resource: 'roundSubmission', resourceId: id, action: 'submit', before, after: row });
        return submissionDto(row);
      });
    },

    returnSubmission: (actor: Actor, id: string, version: number, reason: string) => review(actor, id, version, 'returned', reason),
    acceptSubmission: (actor: Actor, id: string, version: number) => review(actor, id, version, 'accepted', null),
  };
}

export type FollowupService = ReturnType<typeof createFollowupService>;
