import type { Actor } from '../../context.js';
import type { Database, Executor } from '../../db/engine.js';
import { conflict, detail, fieldError, invalid, notFound, Problem, versionConflict, type FieldError } from '../../http/problem.js';
import { iso } from '../../http/schemas.js';
import type { ServiceOptions } from '../../service-options.js';
import { runCommand } from '../../unit-of-work.js';
import { tenancyReads } from '../tenancy/reads.js';
import { canSeeFinding, visibilityOf } from '../access/visibility.js';
import { findingActions, findingPolicy as policy, partActions, reportActions } from './policy.js';
import { approvedMeasuresOf, approvedRevisionNumber, plansAsApproved } from '../plans/revisions.js';
import { findingRepository as repo, type FindingFilter, type FindingRow, type ReportRow } from './repository.js';
import type { FindingInputT, FindingPatchT, PlanRequestInputT, ReportInputT } from './schemas.js';
import { manualTransitions, type FindingState } from '../../../domain/finding-state.js';
import { findingPartMoved, planRequested } from '../notifications/events.js';

function reportDto(actor: Actor, r: ReportRow, findingCount: number) {
  return {
    id: r.id,
    title: r.title,
    auditor: r.auditor,
    year: r.year,
    kind: r.kind,
    caseNumber: r.caseNumber,
    receivedOn: r.receivedOn,
    findingCount,
    version: r.version,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
    actions: reportActions(actor, { findingCount }),
  };
}

/**
 * Loads findings with their recommendations and department parts in three queries, not 1+2n.
 * `planned` names the departments that already have a plan (known on a single finding's page),
 * so `createPlan` is not offered twice.
 */
async function findingDtos(db: Executor, actor: Actor, rows: (FindingRow & { reportYear: number })[], planned: readonly string[] | 'all' = []) {
  const mid = actor.municipalityId;
  const ids = rows.map((r) => r.id);
  const [recs, parts, repeated] = await Promise.all([repo.recommendationsOf(db, mid, ids), repo.departmentsOf(db, mid, ids), repo.repeatedLater(db, mid, ids)]);
  return rows.map((f) => {
    const departments = parts
      .filter((p) => p.findingId === f.id)
      .map((p) => ({
        departmentId: p.departmentId,
        code: p.code,
        name: p.name,
        state: p.state,
        stateChangedAt: iso(p.stateChangedAt),
        stateNote: p.stateNote,
        planRequest:
          p.planRequestedAt && p.planDueOn
            ? {
                requestedAt: iso(p.planRequestedAt),
                requestedBy: p.planRequestedBy ? { id: p.planRequestedBy, name: p.planRequestedByName ?? '' } : null,
                dueOn: p.planDueOn,
                note: p.planRequestNote,
              }
            : null,
        version: p.version,
        actions: partActions(actor, p, planned === 'all' || planned.includes(p.departmentId)),
      }));
    return {
      id: f.id,
      reportId: f.reportId,
      reportYear: f.reportYear,
      number: f.number,
      title: f.title,
      observations: f.observations,
      risks: f.risks,
      grade: f.grade,
      confidential: f.confidential,
      confidentialBasis: f.confidentialBasis,
      allDepartments: f.allDepartments,
      repeatOfEarlierYears: f.repeatOfEarlierYears,
      previousFindingId: f.previousFindingId,
      caseNumber: f.caseNumber,
      recommendations: recs.filter((r) => r.findingId === f.id).map((r) => ({ id: r.id, number: r.number, text: r.text })),
      departments,
      version: f.version,
      createdAt: iso(f.createdAt),
      updatedAt: iso(f.updatedAt),
      actions: findingActions(actor, { departments: parts.filter((p) => p.findingId === f.id), repeatedLater: repeated.has(f.id) }),
    };
  });
}

export type FindingDto = Awaited<ReturnType<typeof findingDtos>>[number];

const confidentialBasisRequired = () =>
  invalid([
    {
      field: 'body.confidentialBasis',
      code: 'finding.confidentialBasisRequired',
      message: 'A confidential finding needs its legal basis (e.g. offentlighedsloven § 33, OSL 18:8)',
    },
  ]);

export function createFindingService(db: Database, opts: Pick<ServiceOptions, 'clock'>) {
  async function requireReport(ex: Executor, actor: Actor, id: string): Promise<ReportRow> {
    const report = await repo.getReport(ex, actor.municipalityId, id);
    if (!report) throw notFound('report', id);
    return report;
  }

  async function resolveDepartments(ex: Executor, actor: Actor, departments: 'ALL' | string[]): Promise<string[]> {
    if (departments === 'ALL') return repo.allDepartmentIds(ex, actor.municipalityId);
    const unique = [...new Set(departments)];
    const found = new Set(await repo.departmentIdsExist(ex, actor.municipalityId, unique));
    const missing = departments.map((id, i) => ({ id, i })).filter(({ id }) => !found.has(id));
    if (missing.length) {
      throw invalid(missing.map(({ id, i }) => ({ field: `body.departments.${i}`, code: 'department.unknown', message: `Unknown department ${id}` })));
    }
    return unique;
  }

  async function getFinding(ex: Executor, actor: Actor, id: string, planned: readonly string[] | 'all' = []): Promise<FindingDto> {
    const row = await repo.getFinding(ex, actor.municipalityId, id);
    if (!row || !canSeeFinding(actor, row)) throw notFound('finding', id);
    const report = await requireReport(ex, actor, row.reportId);
    const [dto] = await findingDtos(ex, actor, [{ ...row, reportYear: report.year }], planned);
    return dto!;
  }

  /**
   * Writes the new list of recommendations. Plain texts keep the identity of the recommendation at
   * their position (the import and older clients send these); objects keep the one they name,
   * wherever it moves, so the measures that address it stay linked.
   */
  async function replaceRecommendations(tx: Executor, mid: string, before: FindingDto, items: NonNullable<FindingPatchT['recommendations']>) {
    const existing = before.recommendations;
    const byText = items.every((item) => typeof item === 'string');
    const wanted = items.map((item, i) => {
      if (typeof item === 'string') return { id: byText ? existing.find((r) => r.number === i + 1)?.id : undefined, text: item };
      return { id: item.id, text: item.text };
    });
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    wanted.forEach((w, i) => {
      if (!w.id) return;
      if (!existing.some((r) => r.id === w.id))
        errors.push({ field: `body.recommendations.${i}.id`, code: 'recommendation.unknown', message: 'Not a recommendation of this finding' });
      else if (seen.has(w.id))
        errors.push({ field: `body.recommendations.${i}.id`, code: 'recommendation.duplicate', message: 'The recommendation appears twice' });
      seen.add(w.id);
    });
    if (errors.length) throw invalid(errors);
    await repo.deleteRecommendations(
      tx,
      mid,
      existing.filter((r) => !seen.has(r.id)).map((r) => r.id),
    );
    const kept = wanted.flatMap((w, i) => (w.id ? [{ id: w.id, number: i + 1, text: w.text }] : []));
    await repo.renumberRecommendations(tx, mid, before.id, kept);
    for (const k of kept) {
      if (existing.find((r) => r.id === k.id)?.text !== k.text) await repo.updateRecommendationText(tx, mid, k.id, k.text);
    }
    await repo.insertRecommendations(
      tx,
      wanted.flatMap((w, i) => (w.id ? [] : [{ municipalityId: mid, findingId: before.id, number: i + 1, text: w.text }])),
    );
  }

  function checkReceived(actor: Actor, receivedOn: string | null | undefined) {
    if (receivedOn && receivedOn > actor.today) {
      throw invalid([{ field: 'body.receivedOn', code: 'report.receivedInFuture', message: `A report cannot be received after today (${actor.today})` }]);
    }
  }

  /** The audit trail keeps a finding as data: the caller's `actions` are no part of it. */
  const audited = ({ actions: _a, departments, ...rest }: FindingDto) => ({ ...rest, departments: departments.map(({ actions: _p, ...d }) => d) });

  async function checkPrevious(ex: Executor, actor: Actor, previousFindingId: string | null | undefined, selfId: string | null) {
    if (!previousFindingId) return;
    if (previousFindingId === selfId || !(await repo.getFinding(ex, actor.municipalityId, previousFindingId))) {
      throw invalid([{ field: 'body.previousFindingId', code: 'finding.previousUnknown', message: 'The earlier finding does not exist' }]);
    }
  }

  /**
   * The finding's plans in its detail: staff see each plan as it stands (the revision being
   * written, if any); readers see the approved revision of the plans that have one (its state,
   * overall deadline and measures), not a revision in draft.
   */
  async function planSummaries(actor: Actor, plans: Awaited<ReturnType<typeof repo.plansOfFinding>>) {
    const summary = (p: { id: string; departmentId: string; crossCutting: boolean; state: string; overallDeadline: string | null }, measureCount: number) => ({
      id: p.id,
      departmentId: p.departmentId,
      crossCutting: p.crossCutting,
      state: p.state,
      overallDeadline: p.overallDeadline,
      measureCount,
    });
    if (visibilityOf(actor).unapprovedPlans) return plans.map((p) => summary(p, Number(p.measureCount)));
    const approved = plans.filter((p) => approvedRevisionNumber(p) !== null);
    const asApproved = await plansAsApproved(db, actor.municipalityId, approved);
    const measures = await approvedMeasuresOf(db, actor.municipalityId, approved);
    return asApproved.map((p) => summary(p, measures.filter((m) => m.planId === p.id).length));
  }

  return {
    async listReports(actor: Actor) {
      const rows = await repo.listReports(db, actor.municipalityId);
      return Promise.all(rows.map(async (r) => reportDto(actor, r, await repo.countFindingsOfReport(db, actor.municipalityId, r.id))));
    },

    async getReport(actor: Actor, id: string) {
      const r = await requireReport(db, actor, id);
      return reportDto(actor, r, await repo.countFindingsOfReport(db, actor.municipalityId, id));
    },

    async createReport(actor: Actor, input: ReportInputT) {
      policy.manage(actor);
      checkReceived(actor, input.receivedOn);
      return runCommand(db, actor, async (tx, changes) => {
        const row = await repo.insertReport(tx, { ...input, municipalityId: actor.municipalityId, createdBy: actor.userId, updatedBy: actor.userId });
        await changes.record({ resource: 'report', resourceId: row.id, action: 'create', after: row });
        return reportDto(actor, row, 0);
      });
    },

    async updateReport(actor: Actor, id: string, version: number, patch: Partial<ReportInputT>) {
      policy.manage(actor);
      checkReceived(actor, patch.receivedOn);
      return runCommand(db, actor, async (tx, changes) => {
        const before = await requireReport(tx, actor, id);
        const row = await repo.updateReport(tx, actor.municipalityId, id, version, { ...patch, updatedBy: actor.userId });
        if (!row) throw versionConflict(reportDto(actor, before, await repo.countFindingsOfReport(tx, actor.municipalityId, id)), before.version);
        await changes.record({ resource: 'report', resourceId: id, action: 'update', before, after: row });
        return reportDto(actor, row, await repo.countFindingsOfReport(tx, actor.municipalityId, id));
      });
    },

    async deleteReport(actor: Actor, id: string, version: number) {
      policy.manage(actor);
      return runCommand(db, actor, async (tx, changes) => {
        const before = await requireReport(tx, actor, id);
        if (before.version !== version) throw versionConflict(reportDto(actor, before, 0), before.version);
        if ((await repo.countFindingsOfReport(tx, actor.municipalityId, id)) > 0) {
          throw conflict(detail('findings.reportHasFindings'));
        }
        await repo.deleteReport(tx, actor.municipalityId, id, version);
        await changes.record({ resource: 'report', resourceId: id, action: 'delete', before });
      });
    },

    async listFindings(actor: Actor, filter: Omit<FindingFilter, 'today' | 'language'>, paging: { limit: number; offset: number }) {
      // Readers never see confidential findings, whatever the filter asks for.
      const seesConfidential = visibilityOf(actor).confidential;
      if (!seesConfidential && filter.confidential === true) return { items: [], total: 0, ...paging };
      const confidential = seesConfidential ? filter.confidential : false;
      const { rows, total } = await repo.listFindings(
        db,
        actor.municipalityId,
        { ...filter, confidential, today: actor.today, language: actor.language },
        paging,
      );
      return { items: await findingDtos(db, actor, rows), total, ...paging };
    },

    getFinding: (actor: Actor, id: string) => getFinding(db, actor, id),

    async getFindingDetail(actor: Actor, id: string) {
      const mid = actor.municipalityId;
      const plans = await repo.plansOfFinding(db, mid, id);
      // A cross-cutting plan answers for every department of the finding.
      const planned = plans.some((p) => p.crossCutting) ? 'all' : plans.map((p) => p.departmentId);
      const finding = await getFinding(db, actor, id, planned);
      const [report, decision, earlierYears, later] = await Promise.all([
        requireReport(db, actor, finding.reportId),
        repo.councilDecisionOf(db, mid, id),
        repo.earlierYears(db, mid, id),
        repo.laterYear(db, mid, id),
      ]);
      const meeting = decision?.meetingId ? await repo.meetingOf(db, mid, decision.meetingId) : undefined;
      return {
        ...finding,
        report: { id: report.id, title: report.title, year: report.year, kind: report.kind, auditor: report.auditor },
        plans: await planSummaries(actor, plans),
        councilDecision: decision
          ? {
              id: decision.id,
              meetingId: decision.meetingId,
              text: decision.text,
              committeeComment: decision.committeeComment,
              version: decision.version,
              meeting: meeting ?? null,
            }
          : null,
        earlierYears,
        laterYear: later ? { id: later.id, number: later.number, title: later.title } : null,
      };
    },

    async createFinding(actor: Actor, reportId: string, input: FindingInputT) {
      policy.manage(actor);
      return runCommand(db, actor, async (tx, changes) => {
        const report = await requireReport(tx, actor, reportId);
        if (input.confidential && !input.confidentialBasis) throw confidentialBasisRequired();
        await checkPrevious(tx, actor, input.previousFindingId, null);
        const departmentIds = await resolveDepartments(tx, actor, input.departments);
        const mid = actor.municipalityId;
        const row = await repo.insertFinding(tx, {
          municipalityId: mid,
          reportId: report.id,
          number: input.number,
          title: input.title,
          observations: input.observations,
          risks: input.risks ?? null,
          grade: input.grade ?? null,
          confidential: input.confidential,
          confidentialBasis: input.confidential ? (input.confidentialBasis ?? null) : null,
          allDepartments: input.departments === 'ALL',
          repeatOfEarlierYears: input.repeatOfEarlierYears || Boolean(input.previousFindingId),
          previousFindingId: input.previousFindingId ?? null,
          caseNumber: input.caseNumber ?? null,
          createdBy: actor.userId,
          updatedBy: actor.userId,
        });
        await repo.insertRecommendations(
          tx,
          input.recommendations.map((text, i) => ({ municipalityId: mid, findingId: row.id, number: i + 1, text })),
        );
        const at = opts.clock.now();
        await repo.insertFindingDepartments(
          tx,
          departmentIds.map((departmentId) => ({ municipalityId: mid, findingId: row.id, departmentId, state: 'assigned' as const, stateChangedAt: at })),
        );
        const dto = await getFinding(tx, actor, row.id);
        await changes.record({ resource: 'finding', resourceId: row.id, action: 'create', after: audited(dto) });
        return dto;
      });
    },

    async updateFinding(actor: Actor, id: string, version: number, patch: FindingPatchT) {
      policy.manage(actor);
      return runCommand(db, actor, async (tx, changes) => {
        const mid = actor.municipalityId;
        const before = await getFinding(tx, actor, id);
        if (before.version !== version) throw versionConflict(before, before.version);
        const confidential = patch.confidential ?? before.confidential;
        const basis = patch.confidentialBasis !== undefined ? patch.confidentialBasis : before.confidentialBasis;
        if (confidential && !basis) throw confidentialBasisRequired();
        await checkPrevious(tx, actor, patch.previousFindingId, id);
        const row = await repo.updateFinding(tx, mid, id, version, {
          number: patch.number,
          title: patch.title,
          observations: patch.observations,
          risks: patch.risks,
          grade: patch.grade,
          confidential: patch.confidential,
          confidentialBasis: confidential ? basis : null,
          allDepartments: patch.departments === undefined ? undefined : patch.departments === 'ALL',
          repeatOfEarlierYears: patch.repeatOfEarlierYears,
          previousFindingId: patch.previousFindingId,
          caseNumber: patch.caseNumber,
          updatedBy: actor.userId,
        });
        if (!row) throw versionConflict(before, before.version);
        if (patch.recommendations) await replaceRecommendations(tx, mid, before, patch.recommendations);
        if (patch.departments) {
          const wanted = await resolveDepartments(tx, actor, patch.departments);
          const current = before.departments.map((d) => d.departmentId);
          const removed = before.departments.filter((d) => !wanted.includes(d.departmentId));
          const withPlan = removed.filter((d) => !['received', 'assigned'].includes(d.state));
          if (withPlan.length) {
            throw invalid(
              withPlan.map((d) => ({
                field: 'body.departments',
                code: 'finding.departmentHasPlan',
                message: `${d.code} already has a plan for this finding and cannot be removed`,
              })),
            );
          }
          await repo.deleteFindingDepartments(
            tx,
            mid,
            id,
            removed.map((d) => d.departmentId),
          );
          const at = opts.clock.now();
          await repo.insertFindingDepartments(
            tx,
            wanted
              .filter((d) => !current.includes(d))
              .map((departmentId) => ({ municipalityId: mid, findingId: id, departmentId, state: 'assigned' as const, stateChangedAt: at })),
          );
        }
        const after = await getFinding(tx, actor, id);
        await changes.record({ resource: 'finding', resourceId: id, action: 'update', before: audited(before), after: audited(after) });
        return after;
      });
    },

    async deleteFinding(actor: Actor, id: string, version: number) {
      policy.manage(actor);
      return runCommand(db, actor, async (tx, changes) => {
        const before = await getFinding(tx, actor, id);
        if (before.version !== version) throw versionConflict(before, before.version);
        // A later year's finding carries it on (and points back to it): its history must stay
        if (!before.actions.delete) {
          throw conflict(detail('findings.repeatedLater'), [{ field: 'finding', code: 'finding.repeatedLater', message: 'A later finding repeats this one' }]);
        }
        await repo.deleteFinding(tx, actor.municipalityId, id, version);
        await changes.record({ resource: 'finding', resourceId: id, action: 'delete', before: audited(before) });
      });
    },

    async changeDepartmentState(actor: Actor, findingId: string, departmentId: string, version: number, to: FindingState, note: string | null) {
      return runCommand(db, actor, async (tx, changes) => {
        const finding = await getFinding(tx, actor, findingId);
        const part = finding.departments.find((d) => d.departmentId === departmentId);
        if (!part) throw notFound('findingDepartment', `${findingId}/${departmentId}`);
        policy.changeState(actor, departmentId, to);
        if (part.version !== version) throw versionConflict(part, part.version);
        if (!manualTransitions[part.state].includes(to)) {
          throw new Problem(409, 'conflict', detail('findings.transitionNotAllowed', { from: part.state, to }), [
            {
              field: 'body.state',
              code: 'finding.transitionNotAllowed',
              message: `Allowed from ${part.state}: ${manualTransitions[part.state].join(', ') || 'none'}`,
            },
          ]);
        }
        // Proposing closure, closing and reopening are judgements: each says why, for the auditor and the record.
        if (to !== 'assigned' && !note) {
          throw invalid([
            { field: 'body.note', code: 'finding.stateNoteRequired', message: 'Say why: proposing closure, closing and reopening each need a comment' },
          ]);
        }
        const row = await repo.setDepartmentState(tx, actor.municipalityId, findingId, departmentId, to, note, version, opts.clock.now());
        if (!row) throw versionConflict(part, part.version);
        await findingPartMoved(tx, { ...actor, at: opts.clock.now() }, { findingId, departmentId, from: part.state, to, version: row.version });
        const { actions: _a, ...data } = part;
        await changes.record({
          resource: 'findingDepartment',
          resourceId: findingId,
          action: 'state',
          before: data,
          after: { ...data, state: to, stateNote: note },
        });
        return (await getFinding(tx, actor, findingId)).departments.find((d) => d.departmentId === departmentId)!;
      });
    },

    /**
     * Records or changes the council's decision. A first decision needs no version; changing one
     * needs the version the user saw (`version`, from If-Match), so two people cannot overwrite each other.
     */
    async setCouncilDecision(
      actor: Actor,
      findingId: string,
      version: number | null,
      input: { meetingId?: string | null | undefined; text: string; committeeComment?: string | null | undefined },
    ) {
      policy.manage(actor);
      return runCommand(db, actor, async (tx, changes) => {
        await getFinding(tx, actor, findingId);
        const before = await repo.councilDecisionOf(tx, actor.municipalityId, findingId);
        if (before) {
          const current = { id: before.id, meetingId: before.meetingId, text: before.text, committeeComment: before.committeeComment, version: before.version };
          if (version === null) throw new Problem(428, 'preconditionRequired');
          if (version !== before.version) throw versionConflict(current, before.version);
        }
        if (input.meetingId && !(await tenancyReads.meeting(tx, actor.municipalityId, input.meetingId))) {
          throw invalid([{ field: 'body.meetingId', code: 'meeting.unknown', message: 'Unknown meeting' }]);
        }
        const row = await repo.upsertCouncilDecision(tx, {
          municipalityId: actor.municipalityId,
          findingId,
          meetingId: input.meetingId ?? null,
          text: input.text,
          committeeComment: input.committeeComment ?? null,
        });
        await changes.record({ resource: 'councilDecision', resourceId: row.id, action: before ? 'update' : 'create', before, after: row });
        return { id: row.id, meetingId: row.meetingId, text: row.text, committeeComment: row.committeeComment, version: row.version };
      });
    },

    /**
     * Central coordination asks departments for their plans, each with a due date: one request per
     * department's part, only while the part has no plan. The department sees it on the finding
     * and as a task; its coordinator starts the plan from there.
     */
    async requestPlans(actor: Actor, findingId: string, input: PlanRequestInputT) {
      policy.requestPlans(actor);
      if (input.dueOn < actor.today) {
        throw invalid([fieldError('body.dueOn', 'planRequest.dueInPast', 'findings.dueInPast', { today: actor.today })]);
      }
      return runCommand(db, actor, async (tx, changes) => {
        const finding = await getFinding(tx, actor, findingId);
        const open = (p: FindingDto['departments'][number]) => p.state === 'received' || p.state === 'assigned';
        let asked: string[];
        if (input.departmentIds === 'ALL') {
          asked = finding.departments.filter((p) => open(p) && !p.planRequest).map((p) => p.departmentId);
          // The finding's state, not the request, leaves nothing to ask (findings/policy `requestPlans`)
          if (!asked.length) {
            throw conflict(detail('findings.allAsked'), [
              { field: 'body.departmentIds', code: 'planRequest.nothingToAsk', message: 'Every department of the finding has been asked or has a plan' },
            ]);
          }
        } else {
          const errors: FieldError[] = [];
          const conflicts: FieldError[] = [];
          input.departmentIds.forEach((id, i) => {
            const part = finding.departments.find((p) => p.departmentId === id);
            const field = `body.departmentIds.${i}`;
            if (!part) errors.push({ field, code: 'planRequest.notAffected', message: 'The department is not affected by the finding' });
            else if (part.planRequest) conflicts.push({ field, code: 'planRequest.alreadyAsked', message: `${part.code} has already been asked for its plan` });
            else if (!open(part)) conflicts.push({ field, code: 'planRequest.planExists', message: `${part.code} already has a plan for the finding` });
          });
          if (errors.length) throw invalid(errors);
          // Asked already, or past asking (it has a plan): the part's state, a 409 like any state conflict
          if (conflicts.length) {
            throw conflict(detail('findings.askedOrHasPlan'), conflicts);
          }
          asked = [...new Set(input.departmentIds)];
        }
        const requestedAt = opts.clock.now();
        for (const departmentId of asked) {
          const done = await repo.setPlanRequest(tx, actor.municipalityId, findingId, departmentId, {
            requestedAt,
            requestedBy: actor.userId,
            dueOn: input.dueOn,
            note: input.note || null,
          });
          // Another request got there between our read and this write.
          if (!done) throw conflict(detail('findings.alreadyAsked'));
          await changes.record({
            resource: 'findingDepartment',
            resourceId: findingId,
            action: 'requestPlan',
            after: { departmentId, dueOn: input.dueOn, note: input.note || null, requestedBy: actor.userId },
          });
        }
        await planRequested(tx, { ...actor, at: requestedAt }, findingId, asked, input.dueOn);
        return getFinding(tx, actor, findingId);
      });
    },

    /** Every finding the list's filters select (what the caller may see), for an export. */
    async exportFindings(actor: Actor, filter: Omit<FindingFilter, 'today' | 'language'>) {
      const all = await this.listFindings(actor, filter, { limit: EXPORT_LIMIT, offset: 0 });
      return all.items;
    },
  };
}

/** An export holds at most this many findings; a municipality registers a few hundred a year. */
const EXPORT_LIMIT = 10_000;

export type FindingService = ReturnType<typeof createFindingService>;
