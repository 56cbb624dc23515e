import { defaultTimeZone } from '../clock.js';
import { and, count, eq, isNotNull, sql } from 'drizzle-orm';
import { canonicalDeadline, lastDay, parseDeadline } from '../../domain/deadline.js';
import type { Engine, Transaction } from '../db/engine.js';
import {
  userCredentials,
  userRoles,
  actionPlans,
  answerDocuments,
  auditReports,
  committees,
  councilDecisions,
  deadlineRevisions,
  departments,
  findingDepartments,
  findings,
  followUpRounds,
  measureRecommendations,
  measures,
  meetings,
  municipalities,
  planApprovals,
  recommendations,
  roundSubmissions,
  statusEntries,
  users,
} from '../db/schema/index.js';
import { municipalityRepository } from '../modules/tenancy/repository.js';
import { roundsRepository } from '../modules/rounds/repository.js';
import { hashPassword } from '../modules/auth/secrets.js';
import { parseGrant } from '../modules/access/coded-grant.js';
import { demoBalances, loadBalanceDemo } from './balance.js';
import { insertDemoMatchingSystem } from './matching.js';
import { copenhagen } from './copenhagen.js';
import { exempelstad } from './exempelstad.js';
import type { DemoMunicipality } from './spec.js';

export const demoMunicipalities: readonly DemoMunicipality[] = [copenhagen, exempelstad];

export class DemoExistsError extends Error {
  constructor(slug: string) {
    super(`The municipality "${slug}" already exists; the demo is only loaded into a database without it.`);
    this.name = 'DemoExistsError';
  }
}

/** Loads the demo municipalities when the database has no municipality at all (first start). */
/** The password of every demo user (README, "Demo data"). Demo sign-in ends with TILSYN_DEMO=0. */
export const DEMO_PASSWORD = 'tilsyn-demo-2025';

/**
 * With TILSYN_DEMO=0 a database that once got the demo keeps its data but its demo users can no
 * longer sign in: their passwords are removed (an administrator can set new ones).
 */
export async function disableDemoSignIn(engine: Engine): Promise<number> {
  const emails = demoMunicipalities.flatMap((m) => m.users.map((u) => u.email.toLowerCase()));
  const slugs = demoMunicipalities.map((m) => m.slug);
  const rows = await engine.db
    .update(userCredentials)
    .set({ passwordHash: null })
    .where(
      and(
        isNotNull(userCredentials.passwordHash),
        sql`(${userCredentials.municipalityId}, ${userCredentials.userId}) in (select u.municipality_id, u.id from users u join municipalities m on m.id = u.municipality_id where m.slug in ${slugs} and lower(u.email) in ${emails})`,
      ),
    )
    .returning({ userId: userCredentials.userId });
  return rows.length;
}

export async function seedDemoIfEmpty(engine: Engine): Promise<{ seeded: string[] }> {
  const [row] = await engine.db.select({ n: count() }).from(municipalities);
  if ((row?.n ?? 0) > 0) return { seeded: [] };
  return seedDemo(engine);
}

/** Loads the demo municipalities (or the named ones), each in one transaction. */
export async function seedDemo(engine: Engine, opts: { only?: string[] } = {}): Promise<{ seeded: string[] }> {
  const chosen = demoMunicipalities.filter((m) => !opts.only || opts.only.includes(m.slug));
  const unknown = (opts.only ?? []).filter((slug) => !demoMunicipalities.some((m) => m.slug === slug));
  if (unknown.length) throw new Error(`No demo municipality named ${unknown.join(', ')}; choose from ${demoMunicipalities.map((m) => m.slug).join(', ')}`);
  for (const m of chosen) {
    if (await municipalityRepository.bySlug(engine.db, m.slug)) throw new DemoExistsError(m.slug);
  }
  // One argon2 hash for every demo user: they share the documented demo password.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const m of chosen) await engine.db.transaction((tx) => loadMunicipality(tx, m, passwordHash));
  return { seeded: chosen.map((m) => m.slug) };
}

function deadline(text: string | null | undefined, where: string): { deadline: string | null; deadlineDue: string | null } {
  if (!text) return { deadline: null, deadlineDue: null };
  const parsed = parseDeadline(text);
  if (!parsed.ok) throw new Error(`Demo data: bad deadline "${text}" at ${where}`);
  return { deadline: canonicalDeadline(parsed.value), deadlineDue: lastDay(parsed.value) };
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Demo data: unknown ${what}`);
  return value;
}

/**
 * Writes one demo municipality. The authoring format refers by natural keys (codes, numbers,
 * e-mails); this resolves them to ids and derives what the app would have derived (each
 * department part's state from its plan and status entries).
 */
async function loadMunicipality(tx: Transaction, spec: DemoMunicipality, passwordHash: string): Promise<void> {
  const [m] = await tx
    .insert(municipalities)
    .values({
      slug: spec.slug,
      name: spec.name,
      language: spec.language,
      vocabulary: spec.vocabulary,
      currency: spec.currency,
      timeZone: defaultTimeZone(spec.vocabulary),
    })
    .returning();
  const mid = m!.id;
  const committeeIds = new Map<string, string>();
  for (const c of spec.committees) {
    const [row] = await tx.insert(committees).values({ municipalityId: mid, code: c.code, name: c.name }).returning();
    committeeIds.set(c.code, row!.id);
  }
  const departmentIds = new Map<string, string>();
  for (const d of spec.departments) {
    const [row] = await tx
      .insert(departments)
      .values({ municipalityId: mid, code: d.code, name: d.name, committeeId: need(committeeIds.get(d.committee), `committee ${d.committee}`) })
      .returning();
    departmentIds.set(d.code, row!.id);
  }
  // Cross-cutting plans are written and answered by the coordinating (first-listed) department.
  const coordinating = need(spec.departments[0], 'first department').code;
  const userIds = new Map<string, string>();
  for (const u of spec.users) {
    const [row] = await tx
      .insert(users)
      .values({
        municipalityId: mid,
        name: u.name,
        email: u.email,
        title: u.title ?? null,
        departmentId: u.department ? need(departmentIds.get(u.department), `department ${u.department}`) : null,
      })
      .returning();
    userIds.set(u.email, row!.id);
    const grants = u.roles.map((text) => {
      const grant = parseGrant(text);
      if (!grant) throw new Error(`Demo data: not a grant: ${text} of ${u.email}`);
      const { role, departmentCode: code } = grant;
      return { municipalityId: mid, userId: row!.id, role, departmentId: code ? need(departmentIds.get(code), `department ${code}`) : null };
    });
    if (grants.length) await tx.insert(userRoles).values(grants);
    await tx.insert(userCredentials).values({ municipalityId: mid, userId: row!.id, passwordHash, passwordChangedAt: new Date() });
  }
  const firstUser = need(spec.users[0], 'first user').email;
  const meetingIds = new Map<string, string>();
  for (const mt of spec.meetings) {
    const committeeId = spec.committees.find((c) => c.name === mt.body)?.code;
    const [row] = await tx
      .insert(meetings)
      .values({
        municipalityId: mid,
        body: mt.body,
        heldOn: mt.date,
        agendaItem: mt.agendaItem ?? null,
        committeeId: committeeId ? committeeIds.get(committeeId) : null,
      })
      .returning();
    meetingIds.set(mt.key, row!.id);
  }

  /** (finding number, plan department) → plan id and its measures by number, for the rounds. */
  const planIndex = new Map<
    string,
    { planId: string; findingId: string; departmentId: string; measures: Map<string, { id: string; deadline: string | null }> }
  >();
  for (const report of spec.reports) {
    const [r] = await tx
      .insert(auditReports)
      .values({
        municipalityId: mid,
        title: report.title,
        auditor: report.auditor,
        year: report.year,
        kind: report.kind,
        caseNumber: report.caseNumber ?? null,
        receivedOn: report.receivedOn ?? null,
      })
      .returning();
    for (const f of report.findings) {
      const [fr] = await tx
        .insert(findings)
        .values({
          municipalityId: mid,
          reportId: r!.id,
          number: f.number,
          title: f.title,
          observations: f.observations,
          risks: f.risks ?? null,
          grade: f.grade ?? null,
          confidential: Boolean(f.confidential),
          confidentialBasis: f.confidential?.legalBasis ?? null,
          allDepartments: f.departments === 'ALL',
          repeatOfEarlierYears: Boolean(f.repeatOfEarlierYears),
          caseNumber: f.caseNumber ?? null,
        })
        .returning();
      const findingId = fr!.id;
      const recs = await tx
        .insert(recommendations)
        .values(f.recommendations.map((text, i) => ({ municipalityId: mid, findingId, number: i + 1, text })))
        .returning();
      const affected = f.departments === 'ALL' ? spec.departments.map((d) => d.code) : f.departments;
      const partState = new Map<string, 'assigned' | 'planDrafted' | 'planApproved' | 'inProgress'>(affected.map((code) => [code, 'assigned']));

      for (const p of f.plans) {
        const ownerCode = p.department ?? coordinating;
        const approved = Boolean(p.approvals?.length);
        const [pr] = await tx
          .insert(actionPlans)
          .values({
            municipalityId: mid,
            subjectKind: 'finding',
            findingId,
            departmentId: need(departmentIds.get(ownerCode), `department ${ownerCode}`),
            crossCutting: p.department === null,
            problem: p.problem ?? null,
            extent: p.extent ?? null,
            ...(() => {
              const d = deadline(p.overallDeadline, `finding ${f.number} overall deadline`);
              return { overallDeadline: d.deadline, overallDeadlineDue: d.deadlineDue };
            })(),
            state: approved ? 'approved' : 'draft',
          })
          .returning();
        const planId = pr!.id;
        for (const a of p.approvals ?? []) {
          await tx.insert(planApprovals).values({
            municipalityId: mid,
            planId,
            approvedBy: need(userIds.get(a.approvedBy), `user ${a.approvedBy}`),
            approvedOn: a.approvedOn,
            meetingId: need(meetingIds.get(a.meeting), `meeting ${a.meeting}`),
          });
        }
        const measureIndex = new Map<string, { id: string; deadline: string | null }>();
        for (const [position, ms] of p.measures.entries()) {
          const d = deadline(ms.deadline, `finding ${f.number} measure ${ms.number}`);
          const [mr] = await tx
            .insert(measures)
            .values({
              municipalityId: mid,
              planId,
              // 1-based, as the API numbers positions (measures created later go after the last one).
              position: position + 1,
              number: ms.number,
              title: ms.title,
              text: ms.text,
              responsibleUnit: ms.responsibleUnit ?? null,
              responsiblePerson: ms.responsiblePerson ?? null,
              ...d,
              followUpPoint: ms.followUpPoint ?? null,
              expectedEffect: ms.expectedEffect ?? null,
              ownerUserId: ms.owner ? need(userIds.get(ms.owner), `user ${ms.owner}`) : null,
            })
            .returning();
          measureIndex.set(ms.number, { id: mr!.id, deadline: d.deadline });
          await tx.insert(deadlineRevisions).values({ municipalityId: mid, measureId: mr!.id, ...d, source: 'original' });
          if (ms.recommendations.length) {
            await tx.insert(measureRecommendations).values(
              ms.recommendations.map((n) => ({
                municipalityId: mid,
                measureId: mr!.id,
                recommendationId: need(
                  recs.find((x) => x.number === n),
                  `recommendation ${n} of finding ${f.number}`,
                ).id,
              })),
            );
          }
        }
        for (const answer of p.answer ?? []) {
          await tx.insert(answerDocuments).values({
            municipalityId: mid,
            planId,
            kind: answer.kind,
            dueDate: answer.dueDate,
            decisionPlan: answer.decisionPlan.map((key) => need(meetingIds.get(key), `meeting ${key}`)),
            recipients: answer.recipients,
            responsibleOfficials: answer.responsibleOfficials,
          });
        }
        const covered = p.department === null ? affected : [ownerCode];
        for (const code of covered) partState.set(code, approved ? 'planApproved' : 'planDrafted');
        planIndex.set(`${f.number}/${p.department ?? ''}`, {
          planId,
          findingId,
          departmentId: need(departmentIds.get(ownerCode), ownerCode),
          measures: measureIndex,
        });
      }
      if (f.councilDecision) {
        await tx.insert(councilDecisions).values({
          municipalityId: mid,
          findingId,
          meetingId: need(meetingIds.get(f.councilDecision.meeting), `meeting ${f.councilDecision.meeting}`),
          text: f.councilDecision.text,
          committeeComment: f.councilDecision.committeeComment ?? null,
        });
      }
      await tx
        .insert(findingDepartments)
        .values(
          [...partState].map(([code, state]) => ({ municipalityId: mid, findingId, departmentId: need(departmentIds.get(code), `department ${code}`), state })),
        );
    }
  }

  for (const round of spec.rounds) {
    const [rr] = await tx
      .insert(followUpRounds)
      .values({ municipalityId: mid, name: round.name, kind: round.kind, opensOn: round.opensOn, dueOn: round.dueOn })
      .returning();
    // As the follow-up service does: the round answers the plans approved when it opens
    await roundsRepository.pinApprovedPlans(tx, mid, rr!.id);
    for (const sub of round.submissions) {
      const departmentId = need(departmentIds.get(sub.department), `department ${sub.department}`);
      const [sr] = await tx
        .insert(roundSubmissions)
        .values({
          municipalityId: mid,
          roundId: rr!.id,
          departmentId,
          state: sub.state,
          submittedAt: sub.state === 'draft' ? null : new Date(`${round.dueOn}T12:00:00Z`),
        })
        .returning();
      for (const e of sub.entries) {
        const plan = need(planIndex.get(`${e.finding}/${e.planDepartment ?? ''}`), `plan of finding ${e.finding}`);
        const measure = need(plan.measures.get(e.measure), `measure ${e.measure} of finding ${e.finding}`);
        const nd = deadline(e.newDeadline, `status of measure ${e.measure}`);
        const [er] = await tx
          .insert(statusEntries)
          .values({
            municipalityId: mid,
            submissionId: sr!.id,
            measureId: measure.id,
            status: e.status,
            note: e.note ?? null,
            reason: e.reason ?? null,
            newDeadline: nd.deadline,
            newDeadlineDue: nd.deadlineDue,
            selfCheckResult: e.selfCheckResult ?? null,
            createdBy: userIds.get(firstUser),
          })
          .returning();
        // A submitted delay moves the measure's deadline, as the follow-up service does.
        if (sub.state !== 'draft' && e.status === 'delayed' && nd.deadline && nd.deadline !== measure.deadline) {
          await tx.update(measures).set({ deadline: nd.deadline, deadlineDue: nd.deadlineDue }).where(sqlEq(mid, measure.id));
          await tx
            .insert(deadlineRevisions)
            .values({ municipalityId: mid, measureId: measure.id, ...nd, source: 'statusEntry', statusEntryId: er!.id, reason: e.reason ?? null });
        }
        if (sub.state !== 'draft') {
          await tx
            .update(findingDepartments)
            .set({ state: 'inProgress' })
            .where(
              and(
                eq(findingDepartments.municipalityId, mid),
                eq(findingDepartments.findingId, plan.findingId),
                eq(findingDepartments.departmentId, departmentId),
              ),
            );
        }
      }
    }
  }
  const balance = demoBalances[spec.slug];
  if (balance) await loadBalanceDemo(tx, mid, balance, departmentIds, userIds);
  await insertDemoMatchingSystem(tx, mid, spec.slug);
}

function sqlEq(mid: string, measureId: string) {
  return and(eq(measures.municipalityId, mid), eq(measures.id, measureId));
}
