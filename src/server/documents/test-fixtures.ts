/**
 * The documents' test data: both demo municipalities (the Swedish one has a delayed measure with a
 * new date and a completed one with its self-check), plus, in Copenhagen, a confidential finding
 * added through the API the way a user would, so the public and internal editions differ.
 */
import { and, eq } from 'drizzle-orm';
import { fixedClock, localDate } from '../clock.js';

/** The fixture's day (the documents' date): its round's answers were given then, before their deadlines. */
const clock = fixedClock('2025-09-15T10:00:00Z');
import type { Actor } from '../context.js';
import { auditReports, departments, followUpRounds, municipalities, userRoles, users, actionPlans, findings } from '../db/schema/index.js';
import { seedDemo } from '../demo/seed.js';
import { client, createTestContext, type TestContext } from '../../test/app.js';

export interface DocumentFixture {
  ctx: TestContext;
  kk: {
    mid: string;
    admin: Actor;
    reader: Actor;
    adminId: string;
    readerId: string;
    roundId: string;
    reportIds: string[];
    departments: Record<string, string>;
    committeeIds: Record<string, string>;
  };
  se: { mid: string; admin: Actor; adminId: string; roundId: string; planId: string; reportId: string };
  /** The day printed on every document the tests make. */
  today: string;
}

async function actorFor(ctx: TestContext, email: string): Promise<{ id: string; actor: Actor }> {
  const db = ctx.engine.db;
  const [u] = await db.select().from(users).where(eq(users.email, email));
  if (!u) throw new Error(`no demo user ${email}`);
  const [m] = await db.select().from(municipalities).where(eq(municipalities.id, u.municipalityId));
  const roles = await db
    .select()
    .from(userRoles)
    .where(and(eq(userRoles.municipalityId, u.municipalityId), eq(userRoles.userId, u.id)));
  return {
    id: u.id,
    actor: {
      userId: u.id,
      municipalityId: u.municipalityId,
      locale: m!.language,
      language: m!.language,
      vocabulary: m!.vocabulary,
      timeZone: m!.timeZone,
      today: localDate(clock.now(), m!.timeZone),
      roles: roles.map((r) => ({ role: r.role, departmentId: r.departmentId })),
      via: 'session',
      scopes: null,
    },
  };
}

export async function documentFixture(): Promise<DocumentFixture> {
  const ctx = await createTestContext({ config: { clock } });
  await seedDemo(ctx.engine);
  const db = ctx.engine.db;
  const admin = await actorFor(ctx, 'admin@kk.example');
  const reader = await actorFor(ctx, 'amira.jensen@kk.example');
  const seAdmin = await actorFor(ctx, 'admin@exempelstad.example');
  const kkMid = admin.actor.municipalityId;
  const seMid = seAdmin.actor.municipalityId;

  const deps = Object.fromEntries((await db.select().from(departments).where(eq(departments.municipalityId, kkMid))).map((d) => [d.code, d.id]));
  const committeeIds = Object.fromEntries(
    (await db.select().from(departments).where(eq(departments.municipalityId, kkMid))).filter((d) => d.committeeId).map((d) => [d.code, d.committeeId!]),
  );
  const [kkRound] = await db.select().from(followUpRounds).where(eq(followUpRounds.municipalityId, kkMid));
  const [seRound] = await db.select().from(followUpRounds).where(eq(followUpRounds.municipalityId, seMid));
  const kkReports = await db.select().from(auditReports).where(eq(auditReports.municipalityId, kkMid));
  const [seReport] = await db.select().from(auditReports).where(eq(auditReports.municipalityId, seMid));
  const [sePlan] = await db.select().from(actionPlans).where(eq(actionPlans.municipalityId, seMid));

  // A confidential finding on IT security (offentlighedsloven §33) for BUF.
  const api = client(ctx.app, admin.id);
  const annual = kkReports.find((r) => r.kind === 'annualAccounts') ?? kkReports[0]!;
  const existing = await db.select().from(findings).where(eq(findings.municipalityId, kkMid));
  const number = Math.max(...existing.filter((f) => f.reportId === annual.id).map((f) => f.number)) + 1;
  const created = await api.post(`/api/v1/reports/${annual.id}/findings`, {
    number,
    title: 'Adgangsstyring til kritiske systemer',
    observations: 'Privilegerede konti gennemgås ikke hvert kvartal.',
    risks: 'Uautoriseret adgang til personoplysninger.',
    grade: 'red',
    confidential: true,
    confidentialBasis: 'offentlighedsloven § 33',
    departments: [deps.BUF],
    recommendations: ['Gennemgå privilegerede konti hvert kvartal.'],
  });
  if (created.status !== 201) throw new Error(`confidential finding: ${created.status} ${JSON.stringify(created.body)}`);

  // ØKF answers the round for the cross-cutting plan of finding 3: measure 1 delayed to Q2-2026
  // (a moved deadline), measure 2A completed with its self-check, the rest on track; then submits.
  const okf = deps['ØKF']!;
  const scope = await api.get(`/api/v1/rounds/${kkRound!.id}/departments/${okf}`);
  if (scope.status !== 200) throw new Error(`round scope: ${scope.status}`);
  let submissionId: string | null = null;
  for (const [i, m] of (scope.body.measures as { measureId: string; number: string }[]).entries()) {
    const entry =
      i === 0
        ? { status: 'delayed', reason: 'Afventer ny it-leverandør.', newDeadline: 'Q2-2026' }
        : i === 1
          ? { status: 'completed', selfCheckResult: 'Stikprøve på 20 systemer: alle har en godkendt risikovurdering.' }
          : { status: 'onTrack', note: 'Arbejdet følger planen.' };
    const r = await api.put(`/api/v1/rounds/${kkRound!.id}/departments/${okf}/measures/${m.measureId}`, entry);
    if (r.status !== 200 && r.status !== 201) throw new Error(`status entry: ${r.status} ${JSON.stringify(r.body)}`);
    submissionId = r.body.submissionId as string;
  }
  const sub = await api.get(`/api/v1/submissions/${submissionId}`);
  const submitted = await api.post(`/api/v1/submissions/${submissionId}/submit`, {}, { 'if-match': `"${sub.body.version}"` });
  if (submitted.status !== 200) throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);

  return {
    ctx,
    kk: {
      mid: kkMid,
      admin: admin.actor,
      reader: reader.actor,
      adminId: admin.id,
      readerId: reader.id,
      roundId: kkRound!.id,
      reportIds: kkReports.map((r) => r.id),
      departments: deps,
      committeeIds,
    },
    se: { mid: seMid, admin: seAdmin.actor, adminId: seAdmin.id, roundId: seRound!.id, planId: sePlan!.id, reportId: seReport!.id },
    today: '2025-09-15',
  };
}
