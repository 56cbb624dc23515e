import { answersAsApproved } from '../plans/answer-revisions.js';
import { formatDeadline, lastDay, slippageDays } from '../../../domain/deadline.js';
import { isFinished, isMeasureOverdue, MEASURE_STATUSES } from '../../../domain/measure-status.js';
import type { Locale } from '../../../domain/i18n.js';
import type { Actor } from '../../context.js';
import type { Database } from '../../db/engine.js';
import { findingStates } from '../../db/schema/findings.js';
import { documentLabels } from '../../i18n/documents/index.js';
import type {
  AnswerDocument,
  AnswerMeasure,
  AuditReportRef,
  CouncilDecisionSheet,
  DeadlineView,
  DocumentMeta,
  Edition,
  FindingState,
  FollowUpReport,
  MeetingRef,
  ReportFinding,
  ReportMeasure,
  ReportPlan,
  ReportScope,
  ReportStatus,
  ReportSummary,
} from '../../documents/model.js';
import { invalid, notFound } from '../../http/problem.js';
import { canSeeFinding, canSeePlan } from '../access/visibility.js';
import { storedDeadline } from '../shared/deadline-field.js';
import { documentsPolicy as policy } from './policy.js';
import { documentsRepository as repo, type EntryRow, type MeetingRow, type ReportRow } from './repository.js';

export interface DocumentOptions {
  /** The document's language; default the municipality's. */
  lang?: Locale | undefined;
  edition: Edition;
  /** The day printed on the document (ISO); default today. Tests pin it. */
  today?: string | undefined;
}

export type ScopeInput = { kind: 'municipality' } | { kind: 'committee'; id: string } | { kind: 'department'; id: string };

/** Map.groupBy arrived in Node 21; this runs on Node 20. */
function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function deadlineView(text: string | null, locale: Locale): DeadlineView | null {
  const value = storedDeadline(text);
  return value ? { display: formatDeadline(value, locale), due: lastDay(value) } : null;
}

function reportRef(r: ReportRow): AuditReportRef {
  return { title: r.title, year: r.year, kind: r.kind, auditor: r.auditor, caseNumber: r.caseNumber, receivedOn: r.receivedOn };
}

function meetingRef(m: MeetingRow): MeetingRef {
  return { body: m.body, heldOn: m.heldOn, agendaItem: m.agendaItem, caseNumber: m.caseNumber };
}

function statusOf(e: EntryRow, roundId: string | null, locale: Locale): ReportStatus {
  return {
    status: e.status,
    note: e.note,
    reason: e.reason,
    newDeadline: deadlineView(e.newDeadline, locale),
    selfCheckResult: e.selfCheckResult,
    roundName: e.roundName,
    fromThisRound: e.roundId === roundId,
  };
}

/** Entries a document may show: public editions only what departments have submitted. */
const shownEntry = (edition: Edition) => (e: EntryRow) => edition === 'internal' || e.submissionState === 'submitted' || e.submissionState === 'accepted';

/** The least advanced state: what a finding as a whole has reached. */
function leastAdvanced(states: FindingState[]): FindingState {
  let best = states[0] ?? 'received';
  for (const s of states) if (findingStates.indexOf(s) < findingStates.indexOf(best)) best = s;
  return best;
}

function emptyCounts(): Record<(typeof MEASURE_STATUSES)[number] | 'noStatus', number> {
  return { onTrack: 0, delayed: 0, completed: 0, cancelled: 0, postponed: 0, noStatus: 0 };
}

/**
 * Builds the documents' models. Who may have which edition: staff any; a reader (a politician,
 * the public) only the public edition, which leaves confidential findings out and shows only
 * approved plans and submitted answers.
 */
export function createDocumentsService(db: Database) {
  async function meta(actor: Actor, opts: DocumentOptions, title: (l: ReturnType<typeof documentLabels>) => string): Promise<DocumentMeta> {
    policy.edition(actor, opts.edition);
    const m = await repo.municipality(db, actor.municipalityId);
    if (!m) throw notFound('municipality', actor.municipalityId);
    const locale = opts.lang ?? m.language;
    const labels = documentLabels(locale, m.vocabulary);
    return {
      municipality: m.name,
      locale,
      vocabulary: m.vocabulary,
      edition: opts.edition,
      generatedOn: opts.today ?? actor.today,
      title: title(labels),
      labels,
    };
  }

  return {
    /** The follow-up report of one round, for the municipality, one committee or one department. */
    async followUpReport(actor: Actor, roundId: string, scopeInput: ScopeInput, opts: DocumentOptions): Promise<FollowUpReport> {
      policy.read(actor);
      const mid = actor.municipalityId;
      const round = await repo.round(db, mid, roundId);
      if (!round) throw notFound('round', roundId);
      const [allDepartments, allCommittees] = await Promise.all([repo.departments(db, mid), repo.committees(db, mid)]);
      const m = await meta(actor, opts, (l) => `${l.followUpReport} – ${round.name}`);
      const { locale } = m;

      let scope: ReportScope;
      let inScope: typeof allDepartments;
      if (scopeInput.kind === 'committee') {
        const c = allCommittees.find((x) => x.id === scopeInput.id);
        if (!c) throw invalid([{ field: 'querystring.committee', code: 'committee.unknown', message: `No committee ${scopeInput.id}` }]);
        scope = { kind: 'committee', code: c.code, name: c.name };
        inScope = allDepartments.filter((d) => d.committeeId === c.id);
      } else if (scopeInput.kind === 'department') {
        const d = allDepartments.find((x) => x.id === scopeInput.id);
        if (!d) throw invalid([{ field: 'querystring.department', code: 'department.unknown', message: `No department ${scopeInput.id}` }]);
        scope = { kind: 'department', code: d.code, name: d.name };
        inScope = [d];
      } else {
        scope = { kind: 'municipality', name: m.municipality };
        inScope = allDepartments;
      }
      const scopeIds = new Set(inScope.map((d) => d.id));
      const deptById = new Map(allDepartments.map((d) => [d.id, d]));

      const parts = await repo.findingDepartmentsIn(db, mid, [...scopeIds]);
      const findingIds = [...new Set(parts.map((p) => p.findingId))];
      // The round reports on the revision of each plan it answered, even when a later one was approved since
      const pinned = await repo.pinnedRevisions(db, mid, roundId);
      const [findingRows, recs, plans, submissions] = await Promise.all([
        repo.findingsByIds(db, mid, findingIds),
        repo.recommendationsOf(db, mid, findingIds),
        repo.plansOf(db, mid, findingIds, pinned),
        repo.submissionsOfRound(db, mid, roundId),
      ]);
      const reports = new Map((await repo.reportsByIds(db, mid, [...new Set(findingRows.map((f) => f.reportId))])).map((r) => [r.id, r]));
      const partsByFinding = groupBy(parts, (p) => p.findingId);
      const recsByFinding = groupBy(recs, (r) => r.findingId);
      // A plan belongs in the report when its department is in scope, or it is the cross-cutting
      // plan of a finding that affects a department in scope.
      const plansInScope = plans.filter((p) => scopeIds.has(p.departmentId) || p.crossCutting);
      const plansByFinding = groupBy(plansInScope, (p) => p.findingId);
      const planIds = plansInScope.map((p) => p.id);
      const measureRows = await repo.measuresOf(db, mid, planIds, pinned);
      const measureIds = measureRows.map((x) => x.id);
      const [links, originals, entries, approvals] = await Promise.all([
        repo.measureRecommendationsOf(db, mid, measureIds, pinned),
        repo.originalDeadlines(db, mid, measureIds),
        repo.entriesUpTo(db, mid, measureIds, roundId),
        repo.approvalsOf(db, mid, planIds),
      ]);
      const recNumber = new Map(recs.map((r) => [r.id, r.number]));
      const linksByMeasure = groupBy(links, (l) => l.measureId);
      const visibleEntries = entries.filter(shownEntry(opts.edition));
      const entriesByMeasure = groupBy(visibleEntries, (e) => e.measureId);
      const measuresByPlan = groupBy(measureRows, (x) => x.planId);
      const submissionByDept = new Map(submissions.map((s) => [s.departmentId, s]));
      // The approval of the revision shown (the last approval of a plan the round is not pinned to)
      const approvedOnByPlan = new Map(
        approvals.filter((a) => !pinned.has(a.planId) || pinned.get(a.planId) === a.revision).map((a) => [a.planId, a.approvedOn]),
      );
      const anyEntryThisRound = new Set(entries.filter((e) => e.roundId === roundId).map((e) => e.measureId));
      const anyEntryEarlier = new Set(entries.filter((e) => e.roundId !== roundId).map((e) => e.measureId));

      let confidentialOmitted = 0;
      const reportFindings: ReportFinding[] = [];
      for (const f of findingRows) {
        const fParts = (partsByFinding.get(f.id) ?? []).filter((p) => scopeIds.has(p.departmentId));
        const fPlans = plansByFinding.get(f.id) ?? [];
        const active =
          fParts.some((p) => p.state !== 'closed' && p.state !== 'carriedOver') ||
          fPlans.some((p) => (measuresByPlan.get(p.id) ?? []).some((x) => anyEntryThisRound.has(x.id)));
        if (!active) continue;
        if (!canSeeFinding({ ...actor, roles: opts.edition === 'public' ? [] : actor.roles }, f)) {
          confidentialOmitted++;
          continue;
        }
        const report = reports.get(f.reportId);
        if (!report) continue;
        const reportPlans: ReportPlan[] = fPlans.map((p) => {
          const dept = deptById.get(p.departmentId);
          const withheld = opts.edition === 'public' && !canSeePlan({ ...actor, roles: [] }, { state: p.state, findingConfidential: f.confidential });
          const pm = measuresByPlan.get(p.id) ?? [];
          const newPlan = round.kind === 'plan' || pm.every((x) => !anyEntryThisRound.has(x.id) && !anyEntryEarlier.has(x.id));
          const measuresOut: ReportMeasure[] = withheld
            ? []
            : pm.map((x) => {
                const current = deadlineView(x.deadline, locale);
                const orig = originals.get(x.id);
                const origValue = storedDeadline(orig?.deadline ?? null);
                const curValue = storedDeadline(x.deadline);
                const slip = origValue && curValue ? Math.max(0, slippageDays(origValue, curValue)) : 0;
                const latest = (entriesByMeasure.get(x.id) ?? [])[0];
                // This round's status; otherwise a completion from an earlier round still explains the row.
                const status = latest && (latest.roundId === roundId || isFinished(latest.status)) ? statusOf(latest, roundId, locale) : null;
                // Overdue on the document's date, from the latest status it may show (the overview's rule)
                const overdue = isMeasureOverdue(
                  { due: current?.due ?? null, status: latest?.status ?? null, newDue: latest?.newDeadlineDue ?? null },
                  m.generatedOn,
                );
                return {
                  number: x.number,
                  title: x.title,
                  text: x.text,
                  deadline: current,
                  originalDeadline: slip > 0 ? deadlineView(orig?.deadline ?? null, locale) : null,
                  slippageDays: slip,
                  followUpPoint: x.followUpPoint,
                  expectedEffect: x.expectedEffect,
                  responsible: [x.responsibleUnit, x.responsiblePerson].filter(Boolean).join(', ') || null,
                  recommendationNumbers: (linksByMeasure.get(x.id) ?? []).map((l) => recNumber.get(l.recommendationId) ?? 0).sort((a, b) => a - b),
                  status,
                  overdue,
                };
              });
          return {
            department: { code: dept?.code ?? '', name: dept?.name ?? '' },
            crossCutting: p.crossCutting,
            state: p.state,
            withheld,
            problem: withheld ? null : p.problem,
            extent: withheld ? null : p.extent,
            overallDeadline: withheld ? null : deadlineView(p.overallDeadline, locale),
            approvedOn: approvedOnByPlan.get(p.id) ?? null,
            secondColumn: newPlan ? 'followUpPlan' : 'status',
            submissionState: submissionByDept.get(p.departmentId)?.state ?? null,
            measures: measuresOut,
          };
        });
        reportFindings.push({
          number: f.number,
          title: f.title,
          report: reportRef(report),
          grade: f.grade,
          confidential: f.confidential,
          confidentialBasis: f.confidentialBasis,
          repeatOfEarlierYears: f.repeatOfEarlierYears,
          allDepartments: f.allDepartments,
          caseNumber: f.caseNumber,
          departments: fParts
            .map((p) => ({ code: deptById.get(p.departmentId)?.code ?? '', name: deptById.get(p.departmentId)?.name ?? '', state: p.state }))
            .sort((a, b) => a.code.localeCompare(b.code)),
          state: leastAdvanced(fParts.map((p) => p.state)),
          observations: f.observations,
          risks: f.risks,
          recommendations: (recsByFinding.get(f.id) ?? []).map((r) => ({ number: r.number, text: r.text })),
          plans: reportPlans,
        });
      }
      // Reports in the order they were received, then findings by number.
      reportFindings.sort(
        (a, b) =>
          a.report.year - b.report.year ||
          (a.report.receivedOn ?? '').localeCompare(b.report.receivedOn ?? '') ||
          a.report.title.localeCompare(b.report.title) ||
          a.number - b.number,
      );

      return {
        kind: 'followUpReport',
        meta: m,
        round: { name: round.name, kind: round.kind, opensOn: round.opensOn, dueOn: round.dueOn, state: round.state },
        scope,
        confidentialOmitted,
        findings: reportFindings,
        summary: summarise(reportFindings, inScope),
      };
    },

    /** A Swedish yttrande / uppföljande yttrande (or a Danish reply) to the auditors for one plan. */
    async answerDocument(actor: Actor, planId: string, kind: AnswerDocument['answerKind'], opts: DocumentOptions): Promise<AnswerDocument> {
      policy.read(actor);
      const mid = actor.municipalityId;
      const plan = await repo.plan(db, mid, planId);
      if (!plan || !plan.findingId) throw notFound('plan', planId);
      const finding = await repo.finding(db, mid, plan.findingId);
      if (!finding) throw notFound('plan', planId);
      const readerView = { ...actor, roles: opts.edition === 'public' ? [] : actor.roles };
      // An answer about a confidential finding, or to an unapproved plan, has no public edition.
      if (!canSeeFinding(readerView, finding) || !canSeePlan(readerView, { state: plan.state, findingConfidential: finding.confidential }))
        throw notFound('plan', planId);
      const row = await repo.answer(db, mid, planId, kind);
      if (!row) throw notFound('answer', `${planId}/${kind}`);
      // The approved revision while a new one is written, like the plan and its measures
      const [answer] = await answersAsApproved(db, mid, [row]);
      if (!answer) throw notFound('answer', `${planId}/${kind}`);
      const [report, allDepartments, allCommittees, allMeetings, recs, measureRows, approvals] = await Promise.all([
        repo.report(db, mid, finding.reportId),
        repo.departments(db, mid),
        repo.committees(db, mid),
        repo.meetings(db, mid),
        repo.recommendationsOf(db, mid, [finding.id]),
        repo.measuresOf(db, mid, [planId]),
        repo.approvalsOf(db, mid, [planId]),
      ]);
      if (!report) throw notFound('plan', planId);
      const dept = allDepartments.find((d) => d.id === plan.departmentId);
      const committee = allCommittees.find((c) => c.id === dept?.committeeId)?.name ?? null;
      const meetingById = new Map(allMeetings.map((x) => [x.id, x]));
      const m = await meta(actor, opts, (l) => `${l[kind]} – ${report.title}`);
      const { locale } = m;
      const measureIds = measureRows.map((x) => x.id);
      const [links, entries] = await Promise.all([repo.measureRecommendationsOf(db, mid, measureIds), repo.entriesUpTo(db, mid, measureIds, null)]);
      const latest = new Map<string, EntryRow>();
      for (const e of entries.filter(shownEntry(opts.edition))) if (!latest.has(e.measureId)) latest.set(e.measureId, e);
      const toMeasure = (x: (typeof measureRows)[number]): AnswerMeasure => {
        const e = latest.get(x.id);
        return {
          number: x.number,
          title: x.title,
          text: x.text,
          deadline: deadlineView(x.deadline, locale),
          expectedEffect: x.expectedEffect,
          followUpPoint: x.followUpPoint,
          responsible: [x.responsibleUnit, x.responsiblePerson].filter(Boolean).join(', ') || null,
          status: e ? statusOf(e, e.roundId, locale) : null,
        };
      };
      const linked = new Set(links.map((l) => l.measureId));
      const summary = { measures: measureRows.length, completed: 0, delayed: 0, onTrack: 0, cancelled: 0, postponed: 0, noStatus: 0 };
      for (const x of measureRows) {
        const s = latest.get(x.id)?.status;
        if (s) summary[s]++;
        else summary.noStatus++;
      }
      return {
        kind: 'answerDocument',
        meta: m,
        answerKind: kind,
        report: reportRef(report),
        finding: {
          number: finding.number,
          title: finding.title,
          observations: finding.observations,
          risks: finding.risks,
          grade: finding.grade,
          confidential: finding.confidential,
          confidentialBasis: finding.confidentialBasis,
          caseNumber: finding.caseNumber,
        },
        department: { code: dept?.code ?? '', name: dept?.name ?? '' },
        committee,
        plan: {
          problem: plan.problem,
          extent: plan.extent,
          overallDeadline: deadlineView(plan.overallDeadline, locale),
          state: plan.state,
          approvals: approvals.map((a) => {
            const meeting = a.meetingId ? meetingById.get(a.meetingId) : undefined;
            return { approvedOn: a.approvedOn, meeting: meeting ? meetingRef(meeting) : null };
          }),
        },
        recommendations: recs.map((r) => ({
          number: r.number,
          text: r.text,
          measures: measureRows.filter((x) => links.some((l) => l.measureId === x.id && l.recommendationId === r.id)).map(toMeasure),
        })),
        otherMeasures: measureRows.filter((x) => !linked.has(x.id)).map(toMeasure),
        dueDate: answer.dueDate,
        sentOn: answer.sentOn,
        decisionPlan: answer.decisionPlan.flatMap((id) => {
          const meeting = meetingById.get(id);
          return meeting ? [meetingRef(meeting)] : [];
        }),
        recipients: answer.recipients,
        responsibleOfficials: answer.responsibleOfficials,
        summary,
      };
    },

    /** The council's decision on each finding of one audit report, with the committees' comments. */
    async councilDecisionSheet(actor: Actor, reportId: string, opts: DocumentOptions): Promise<CouncilDecisionSheet> {
      policy.read(actor);
      const mid = actor.municipalityId;
      const report = await repo.report(db, mid, reportId);
      if (!report) throw notFound('report', reportId);
      const m = await meta(actor, opts, (l) => `${l.councilDecisionSheet} – ${report.title}`);
      const rows = await repo.findingsOfReport(db, mid, reportId);
      const ids = rows.map((f) => f.id);
      const [parts, decisions, allDepartments, allCommittees, allMeetings] = await Promise.all([
        repo.findingDepartmentsOf(db, mid, ids),
        repo.councilDecisionsOf(db, mid, ids),
        repo.departments(db, mid),
        repo.committees(db, mid),
        repo.meetings(db, mid),
      ]);
      const deptById = new Map(allDepartments.map((d) => [d.id, d]));
      const committeeById = new Map(allCommittees.map((c) => [c.id, c]));
      const meetingById = new Map(allMeetings.map((x) => [x.id, x]));
      const readerView = { ...actor, roles: opts.edition === 'public' ? [] : actor.roles };
      let confidentialOmitted = 0;
      const out: CouncilDecisionSheet['findings'] = [];
      for (const f of rows) {
        if (!canSeeFinding(readerView, f)) {
          confidentialOmitted++;
          continue;
        }
        const depts = parts
          .filter((p) => p.findingId === f.id)
          .map((p) => deptById.get(p.departmentId))
          .filter((d) => d !== undefined)
          .sort((a, b) => a.code.localeCompare(b.code));
        const committeesOf = [
          ...new Set(depts.map((d) => (d.committeeId ? committeeById.get(d.committeeId)?.name : undefined)).filter((n): n is string => !!n)),
        ];
        const decision = decisions.find((d) => d.findingId === f.id);
        const meeting = decision?.meetingId ? meetingById.get(decision.meetingId) : undefined;
        out.push({
          number: f.number,
          title: f.title,
          grade: f.grade,
          confidential: f.confidential,
          confidentialBasis: f.confidentialBasis,
          repeatOfEarlierYears: f.repeatOfEarlierYears,
          departments: depts.map((d) => ({ code: d.code, name: d.name })),
          committees: committeesOf,
          committeeComment: decision?.committeeComment ?? null,
          decision: decision ? { text: decision.text, meeting: meeting ? meetingRef(meeting) : null } : null,
        });
      }
      return { kind: 'councilDecisionSheet', meta: m, report: reportRef(report), confidentialOmitted, findings: out };
    },
  };
}

/**
 * The summary page's figures: this round's statuses and the deadline slippage, per department
 * whose plans the report shows (the departments in scope, plus the coordinating department of a
 * cross-cutting plan that answers for them), so the rows always add up to the totals.
 */
function summarise(found: ReportFinding[], inScope: { code: string; name: string }[]): ReportSummary {
  const byDept = new Map<string, ReportSummary['byDepartment'][number]>();
  const slip = new Map<string, ReportSummary['slippage'][number]>();
  const totals = { ...emptyCounts(), overdue: 0, findings: found.length, plans: 0, measures: 0 };
  for (const f of found) {
    for (const p of f.plans) {
      if (p.withheld) continue;
      totals.plans++;
      const { code, name } = p.department;
      if (p.measures.length > 0 && !byDept.has(code)) {
        byDept.set(code, { code, name, ...emptyCounts(), overdue: 0 });
        slip.set(code, { code, name, measures: 0, moved: 0, totalDays: 0, maxDays: 0 });
      }
      for (const x of p.measures) {
        totals.measures++;
        const key = x.status?.fromThisRound ? x.status.status : x.status && isFinished(x.status.status) ? x.status.status : 'noStatus';
        totals[key]++;
        byDept.get(code)![key]++;
        if (x.overdue) {
          totals.overdue++;
          byDept.get(code)!.overdue++;
        }
        const s = slip.get(code)!;
        s.measures++;
        if (x.slippageDays > 0) {
          s.moved++;
          s.totalDays += x.slippageDays;
          s.maxDays = Math.max(s.maxDays, x.slippageDays);
        }
      }
    }
  }
  // Departments in scope first, in code order, then the coordinating departments from outside it.
  const inScopeCodes = new Set(inScope.map((d) => d.code));
  const order = (a: { code: string }, b: { code: string }) =>
    Number(!inScopeCodes.has(a.code)) - Number(!inScopeCodes.has(b.code)) || a.code.localeCompare(b.code);
  return { byDepartment: [...byDept.values()].sort(order), slippage: [...slip.values()].sort(order), totals };
}

export type DocumentsService = ReturnType<typeof createDocumentsService>;
