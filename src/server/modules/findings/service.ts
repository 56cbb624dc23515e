import type { Actor } from '../../context.js';
import type { Database, Executor } from '../../db/engine.js';
import { conflict, invalid, notFound, Problem, versionConflict } from '../../http/problem.js';
import { iso } from '../../http/schemas.js';
import { runCommand } from '../../unit-of-work.js';
import { meetingRepository } from '../tenancy/repository.js';
import { canSeeFinding, visibilityOf } from '../access/visibility.js';
import { findingPolicy as policy } from './policy.js';
import { findingRepository as repo, type FindingFilter, type FindingRow, type ReportRow } from './repository.js';
import type { FindingInputT, FindingPatchT, ReportInputT } from './schemas.js';
import { manualTransitions, type FindingState } from './state.js';


function reportDto(r: ReportRow, findingCount: number) {
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
  };
}

/** Loads findings with their recommendations and department parts in three queries, not 1+2n. */
async function findingDtos(db: Executor, mid: string, rows: (FindingRow & { reportYear: number })[]) {
  const ids = rows.map((r) => r.id);
  const [recs, parts] = await Promise.all([repo.recommendationsOf(db, mid, ids), repo.departmentsOf(db, mid, ids)]);
  return rows.map((f) => ({
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
    departments: parts
      .filter((p) => p.findingId === f.id)
      .map((p) => ({ departmentId: p.departmentId, code: p.code, name: p.name, state: p.state, stateChangedAt: iso(p.stateChangedAt), stateNote: p.stateNote, version: p.version })),
    version: f.version,
    createdAt: iso(f.createdAt),
    updatedAt: iso(f.updatedAt),
  }));
}

export type FindingDto = Awaited<ReturnType<typeof findingDtos>>[number];

const confidentialBasisRequired = () =>
  invalid([{ field: 'body.confidentialBasis', code: 'finding.confidentialBasisRequired', message: 'A confidential finding needs its legal basis (e.g. offentlighedsloven § 33, OSL 18:8)' }]);

export function createFindingService(db: Database) {
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

  async function getFinding(ex: Executor, actor: Actor, id: string): Promise<FindingDto> {
    const row = await repo.getFinding(ex, actor.municipalityId, id);
    if (!row || !canSeeFinding(actor, row)) throw notFound('finding', id);
    const report = await requireReport(ex, actor, row.reportId);
    const [dto] = await findingDtos(ex, actor.municipalityId, [{ ...row, reportYear: report.year }]);
    return dto!;
  }

  async function checkPrevious(ex: Executor, actor: Actor, previousFindingId: string | null | undefined, selfId: string | null) {
    if (!previousFindingId) return;
    if (previousFindingId === selfId || !(await repo.getFinding(ex, actor.municipalityId, previousFindingId))) {
      throw invalid([{ field: 'body.previousFindingId', code: 'finding.previousUnknown', message: 'The earlier finding does not exist' }]);
    }
  }

  return {
    async listReports(actor: Actor) {
      const rows = await repo.listReports(db, actor.municipalityId);
      return Promise.all(rows.map(async (r) => reportDto(r, await repo.countFindingsOfReport(db, actor.municipalityId, r.id))));
    },

    async getReport(actor: Actor, id: string) {
      const r = await requireReport(db, actor, id);
      return reportDto(r, await repo.countFindingsOfReport(db, actor.municipalityId, id));
    },

    async createReport(actor: Actor, input: ReportInputT) {
      policy.manage(actor);
      return runCommand(db, actor, async (tx, changes) => {
        const row = await repo.insertReport(tx, { ...input, municipalityId: actor.municipalityId, createdBy: actor.userId, updatedBy: actor.userId });
        await changes.record({ resource: 'report', resourceId: row.id, action: 'create', after: row });
        return reportDto(row, 0);
      });
    },

    async updateReport(actor: Actor, id: string, version: number, patch: Partial<ReportInputT>) {
      policy.manage(actor);
      return runCommand(db, actor, async (tx, changes) => {
        const before = await requireReport(tx, actor, id);
        const row = await repo.updateReport(tx, actor.municipalityId, id, version, { ...patch, updatedBy: actor.userId });
        if (!row) throw versionConflict(reportDto(before, await repo.countFindingsOfReport(tx, actor.municipalityId, id)), before.version);
        await changes.record({ resource: 'report', resourceId: id, action: 'update', before, after: row });
        return reportDto(row, await repo.countFindingsOfReport(tx, actor.municipalityId, id));
      });
    },

    async deleteReport(actor: Actor, id: string, version: number) {
      policy.manage(actor);
      return runCommand(db, actor, async (tx, changes) => {
        const before = await requireReport(tx, actor, id);
        if (before.version !== version) throw versionConflict(reportDto(before, 0), before.version);
        if ((await repo.countFindingsOfReport(tx, actor.municipalityId, id)) > 0) {
          throw conflict({ da: 'Beretningen har bemærkninger; slet dem først', sv: 'Rapporten har iakttagelser; ta bort dem först', en: 'The report has findings; delete them first' });
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
      const { rows, total } = await repo.listFindings(db, actor.municipalityId, { ...filter, confidential, today: actor.today, language: actor.language }, paging);
      return { items: await findingDtos(db, actor.municipalityId, rows), total, ...paging };
    },

    getFinding: (actor: Actor, id: string) => getFinding(db, actor, id),

    async getFindingDetail(actor: Actor, id: string) {
      const finding = await getFinding(db, actor, id);
      const mid = actor.municipalityId;
      const [report, plans, decision, earlierYears, later] = await Promise.all([
        requireReport(db, actor, finding.reportId),
        repo.plansOfFinding(db, mid, id),
        repo.councilDecisionOf(db, mid, id),
        repo.earlierYears(db, mid, id),
        repo.laterYear(db, mid, id),
      ]);
      return {
        ...finding,
        report: { id: report.id, title: report.title, year: report.year, kind: report.kind, auditor: report.auditor },
        plans: visibilityOf(actor).unapprovedPlans ? plans : plans.filter((p) => p.state === 'approved'),
        councilDecision: decision
          ? { id: decision.id, meetingId: decision.meetingId, text: decision.text, committeeComment: decision.committeeComment, version: decision.version }
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
        await repo.insertRecommendations(tx, input.recommendations.map((text, i) => ({ municipalityId: mid, findingId: row.id, number: i + 1, text })));
        await repo.insertFindingDepartments(tx, departmentIds.map((departmentId) => ({ municipalityId: mid, findingId: row.id, departmentId, state: 'assigned' as const })));
        const dto = await getFinding(tx, actor, row.id);
        await changes.record({ resource: 'finding', resourceId: row.id, action: 'create', after: dto });
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
        if (patch.recommendations) {
          // Recommendations keep their ids by number, so measures that address them stay linked.
          const existing = before.recommendations;
          for (const [i, text] of patch.recommendations.entries()) {
            const current = existing.find((r) => r.number === i + 1);
            if (current && current.text !== text) await repo.updateRecommendationText(tx, mid, current.id, text);
          }
          await repo.insertRecommendations(
            tx,
            patch.recommendations.map((text, i) => ({ municipalityId: mid, findingId: id, number: i + 1, text })).filter((r) => !existing.some((e) => e.number === r.number)),
          );
          await repo.deleteRecommendations(tx, mid, existing.filter((r) => r.number > patch.recommendations!.length).map((r) => r.id));
        }
        if (patch.departments) {
          const wanted = await resolveDepartments(tx, actor, patch.departments);
          const current = before.departments.map((d) => d.departmentId);
          const removed = before.departments.filter((d) => !wanted.includes(d.departmentId));
          const withPlan = removed.filter((d) => !['received', 'assigned'].includes(d.state));
          if (withPlan.length) {
            throw invalid(
              withPlan.map((d) => ({ field: 'body.departments', code: 'finding.departmentHasPlan', message: `${d.code} already has a plan for this finding and cannot be removed` })),
            );
          }
          await repo.deleteFindingDepartments(tx, mid, id, removed.map((d) => d.departmentId));
          await repo.insertFindingDepartments(tx, wanted.filter((d) => !current.includes(d)).map((departmentId) => ({ municipalityId: mid, findingId: id, departmentId, state: 'assigned' as const })));
        }
        const after = await getFinding(tx, actor, id);
        await changes.record({ resource: 'finding', resourceId: id, action: 'update', before, after });
        return after;
      });
    },

    async deleteFinding(actor: Actor, id: string, version: number) {
      policy.manage(actor);
      return runCommand(db, actor, async (tx, changes) => {
        const before = await getFinding(tx, actor, id);
        if (before.version !== version) throw versionConflict(before, before.version);
        await repo.deleteFinding(tx, actor.municipalityId, id, version);
        await changes.record({ resource: 'finding', resourceId: id, action: 'delete', before });
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
          throw new Problem(409, 'conflict', { da: `Kan ikke gå fra ${part.state} til ${to}`, sv: `Kan inte gå från ${part.state} till ${to}`, en: `Cannot move from ${part.state} to ${to}` }, [
            { field: 'body.state', code: 'finding.transitionNotAllowed', message: `Allowed from ${part.state}: ${manualTransitions[part.state].join(', ') || 'none'}` },
          ]);
        }
        const row = await repo.setDepartmentState(tx, actor.municipalityId, findingId, departmentId, to, note, version);
        if (!row) throw versionConflict(part, part.version);
        await changes.record({ resource: 'findingDepartment', resourceId: findingId, action: 'state', before: part, after: { ...part, state: to, stateNote: note } });
        return (await getFinding(tx, actor, findingId)).departments.find((d) => d.departmentId === departmentId)!;
      });
    },

    async setCouncilDecision(actor: Actor, findingId: string, input: { meetingId?: string | null | undefined; text: string; committeeComment?: string | null | undefined }) {
      policy.manage(actor);
      return runCommand(db, actor, async (tx, changes) => {
        await getFinding(tx, actor, findingId);
        if (input.meetingId && !(await meetingRepository.get(tx, actor.municipalityId, input.meetingId))) {
          throw invalid([{ field: 'body.meetingId', code: 'meeting.unknown', message: 'Unknown meeting' }]);
        }
        const before = await repo.councilDecisionOf(tx, actor.municipalityId, findingId);
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
  };
}

export type FindingService = ReturnType<typeof createFindingService>;
