import { count, getTableColumns, getTableName, sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RISK_MODEL } from '../../../domain/risk.js';
import type { Engine } from '../../db/engine.js';
import * as s from '../../db/schema/index.js';
import { createTestContext, seedMunicipality, type TestContext } from '../../../test/app.js';
import { openTestEngine } from '../../../test/db.js';
import { currentSchemaVersion, TransferError, type ExportDocument } from './document.js';
import { verifyChains } from '../../audit/verify.js';
import { runCommand } from '../../unit-of-work.js';
import { municipalTableNames, schemaTables, transientTableNames } from './tables.js';
import { exportDocument, importDocument, serializeExport } from './transfer.js';

/** Ids chosen so that each self-reference points at a row later in primary-key order. */
const earlyFinding = '00000000-0000-4000-8000-000000000001';
const lateFinding = 'ffffffff-0000-4000-8000-000000000001';
const earlyMeasure = '00000000-0000-4000-8000-000000000002';
const lateMeasure = 'ffffffff-0000-4000-8000-000000000002';

/** Every byte value, so base64 handling of the whole range is exercised. */
const evidenceBytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

/** A municipality with at least one row in every table, inserted directly. */
async function populate(engine: Engine, slug: string, withSelfReferences: boolean) {
  const db = engine.db;
  const m = await seedMunicipality(engine, { slug, departments: ['ØKF', 'BUF'] });
  const mid = m.id;
  const dep = m.departments['ØKF']!;
  const [meeting] = await db
    .insert(s.meetings)
    .values({
      municipalityId: mid,
      body: 'Økonomiudvalget',
      committeeId: m.committees['U-ØKF'],
      heldOn: '2025-06-10',
      agendaItem: 'Punkt 7',
      caseNumber: '2025-0042',
    })
    .returning();
  const [report] = await db
    .insert(s.auditReports)
    .values({ municipalityId: mid, title: 'Revisionsberetning 2024', auditor: 'BDO', year: 2024, kind: 'annualAccounts', receivedOn: '2025-05-01' })
    .returning();
  const findingIds = withSelfReferences ? [earlyFinding, lateFinding] : [undefined, undefined];
  const [finding] = await db
    .insert(s.findings)
    .values({
      municipalityId: mid,
      id: findingIds[0],
      reportId: report!.id,
      number: 1,
      title: 'Adgangsstyring',
      observations: 'Brugerrettigheder gennemgås ikke.\n"Citat" og æøå',
      grade: 'red',
      confidential: true,
      confidentialBasis: 'offentlighedsloven § 33',
      // A timestamp with microseconds, which the document must keep.
      createdAt: sql`'2025-03-04 05:06:07.123456+00'::timestamptz` as unknown as Date,
    })
    .returning();
  const [other] = await db
    .insert(s.findings)
    .values({ municipalityId: mid, id: findingIds[1], reportId: report!.id, number: 2, title: 'Afstemninger' })
    .returning();
  if (withSelfReferences)
    await db
      .update(s.findings)
      .set({ previousFindingId: other!.id })
      .where(sql`${s.findings.id} = ${finding!.id}`);
  const [rec] = await db.insert(s.recommendations).values({ municipalityId: mid, findingId: finding!.id, number: 1, text: 'Gennemgå rettigheder' }).returning();
  await db.insert(s.findingDepartments).values({ municipalityId: mid, findingId: finding!.id, departmentId: dep, state: 'planApproved', stateNote: 'ok' });
  await db.insert(s.councilDecisions).values({ municipalityId: mid, findingId: finding!.id, meetingId: meeting!.id, text: 'Taget til efterretning' });
  const [plan] = await db
    .insert(s.actionPlans)
    .values({
      municipalityId: mid,
      subjectKind: 'finding',
      findingId: finding!.id,
      departmentId: dep,
      overallDeadline: 'Q4-2025',
      overallDeadlineDue: '2025-12-31',
      state: 'approved',
    })
    .returning();
  const [approval] = await db
    .insert(s.planApprovals)
    .values({ municipalityId: mid, planId: plan!.id, approvedBy: m.userId, approvedOn: '2025-06-10', meetingId: meeting!.id })
    .returning();
  await db.insert(s.planRevisions).values({
    municipalityId: mid,
    planId: plan!.id,
    number: 1,
    snapshot: {
      departmentId: dep,
      crossCutting: false,
      problem: null,
      extent: null,
      overallDeadline: 'Q4-2025',
      overallDeadlineDue: '2025-12-31',
      measures: [],
    },
    approvalId: approval!.id,
  });
  const measureIds = withSelfReferences ? [earlyMeasure, lateMeasure] : [undefined, undefined];
  const [measure] = await db
    .insert(s.measures)
    .values({
      municipalityId: mid,
      id: measureIds[0],
      planId: plan!.id,
      position: 1,
      number: '1',
      title: 'Kvartalsvis gennemgang',
      deadline: 'Q3-2025',
      deadlineDue: '2025-09-30',
    })
    .returning();
  const [older] = await db
    .insert(s.measures)
    .values({ municipalityId: mid, id: measureIds[1], planId: plan!.id, position: 2, number: '2', title: 'Politik' })
    .returning();
  if (withSelfReferences)
    await db
      .update(s.measures)
      .set({ carriedFromMeasureId: older!.id })
      .where(sql`${s.measures.id} = ${measure!.id}`);
  await db.insert(s.measureRecommendations).values({ municipalityId: mid, measureId: measure!.id, recommendationId: rec!.id });
  await db.insert(s.guidanceAcceptances).values({
    municipalityId: mid,
    planId: plan!.id,
    code: 'measure.deadlineMissing',
    measureId: older!.id,
    field: 'deadline',
    reason: 'Afhænger af 1',
    acceptedBy: m.userId,
  });
  const [answer] = await db
    .insert(s.answerDocuments)
    .values({
      municipalityId: mid,
      planId: plan!.id,
      kind: 'reply',
      dueDate: '2025-08-31',
      decisionPlan: [meeting!.id],
      recipients: ['Ankestyrelsen'],
      responsibleOfficials: [],
    })
    .returning();
  await db.insert(s.answerRevisions).values({
    municipalityId: mid,
    answerId: answer!.id,
    number: 1,
    snapshot: { dueDate: '2025-08-31', decisionPlan: [meeting!.id], recipients: ['Ankestyrelsen'], responsibleOfficials: [], sentOn: null },
    approvedOn: '2025-08-20',
    approvedAtMeetingId: meeting!.id,
  });
  // Balance register: settings, chart (with its parent link), an account, a reconciliation with an item, its action plan, a system reconciliation.
  await db.insert(s.balanceSettings).values({ municipalityId: mid, materialityThresholdOre: 250_000 });
  const [imGroup] = await db
    .insert(s.imFunctions)
    .values({ municipalityId: mid, code: '9.28', name: 'Kortfristede tilgodehavender i øvrigt', side: 'asset', level: 'group' })
    .returning();
  const [imFn] = await db
    .insert(s.imFunctions)
    .values({ municipalityId: mid, code: '9.28.14', name: 'Tilgodehavender i betalingskontrol', side: 'asset', level: 'function', parentId: imGroup!.id })
    .returning();
  const [account] = await db
    .insert(s.balanceAccounts)
    .values({ municipalityId: mid, number: '91403000', name: 'Restancekonto', imFunctionId: imFn!.id, departmentId: dep, reconciler: 'department' })
    .returning();
  const [recon] = await db
    .insert(s.accountReconciliations)
    .values({
      municipalityId: mid,
      accountId: account!.id,
      period: '2024-13',
      ledgerBalanceOre: 9_007_199_254_740_991,
      category: 2,
      subReason: 'notBookedInNewPeriod',
      items: [{ text: 'Kreditnota', amountOre: 4_345_900, originDate: '2023-05-31', reference: 'KY-1', parts: null }],
      followUpOre: 4_345_900,
      olderThanOneYearOre: 4_345_900,
      grossOre: 4_345_900,
      status: 'signedOff',
      preparedBy: m.userId,
      preparedAt: new Date('2025-01-20T10:00:00Z'),
    })
    .returning();
  await db
    .insert(s.actionPlans)
    .values({ municipalityId: mid, subjectKind: 'accountReconciliation', accountReconciliationId: recon!.id, departmentId: dep, state: 'draft' });
  await db.insert(s.systemReconciliations).values({
    municipalityId: mid,
    system: 'KY',
    target: 'debtorSystem',
    period: '2024-12',
    departmentId: dep,
    differenceOre: -3_000_000,
    explanation: 'Tidsforskydning',
    deadline: '2025-06-30',
  });
  await db
    .insert(s.accountActivity)
    .values({ municipalityId: mid, accountId: account!.id, month: '2024-12', transactionCount: 412, volumeOre: 9_007_199_254_740_991 });
  await db.insert(s.balanceAdjustments).values({
    municipalityId: mid,
    year: 2024,
    section: 'writeOff',
    writeOffKind: 'balanceOnly',
    departmentId: dep,
    imCode: '8.28.14',
    imName: 'Kortfristede tilgodehavender',
    appropriation: 'Finansposter',
    amountOre: -2_937_400_000,
  });
  // Risk model: a run with one result (a score with decimals, the inputs kept) and a finding linked to the account.
  const [run] = await db
    .insert(s.riskModelRuns)
    .values({
      municipalityId: mid,
      asOf: '2024-12',
      model: DEFAULT_RISK_MODEL,
      accounts: 1,
      qualified: 1,
      lowered: 1,
      stayedMonthly: 0,
      raised: 0,
      createdBy: m.userId,
    })
    .returning();
  await db.insert(s.riskModelResults).values({
    municipalityId: mid,
    runId: run!.id,
    accountId: account!.id,
    accountNumber: '91403000',
    qualified: true,
    score: 26.27,
    components: [],
    previousFrequency: 'monthly',
    proposedFrequency: 'quarterly',
    reasons: [{ da: 'Risikoscore 26,3', sv: 'Riskpoäng 26,3', en: 'Risk score 26.3' }],
    inputs: { months: [], knownIssues: 1, openFindingIds: [other!.id] },
  });
  await db.insert(s.balanceAccountFindings).values({ municipalityId: mid, accountId: account!.id, findingId: other!.id });
  // Matching: a system, a run with a suggestion group and its items (a CPR number sealed, as stored)
  const [msys] = await db
    .insert(s.matchingSystems)
    .values({
      municipalityId: mid,
      code: 'KY',
      name: 'KY',
      target: 'ledger',
      departmentId: dep,
      rules: { key: ['caseId'], groupKey: ['caseId'], passes: [{ kind: 'exact', useDate: true }] },
      leftSource: { columns: { amount: 'Beløb', date: 'Dato', caseId: 'Sag' } },
      rightSource: { columns: { amount: 'Beløb', date: 'Dato', caseId: 'Sag' } },
    })
    .returning();
  const [mrun] = await db
    .insert(s.matchingRuns)
    .values({
      municipalityId: mid,
      systemId: msys!.id,
      period: '2024-11',
      state: 'succeeded',
      progress: 1,
      rules: msys!.rules,
      leftSource: msys!.leftSource,
      rightSource: msys!.rightSource,
      leftFileName: 'ky.csv',
      rightFileName: 'kvantum.csv',
      leftBytes: 120,
      rightBytes: 140,
      summary: { groups: 1 },
      differenceOre: 9_007_199_254_740_991,
      createdBy: m.userId,
    })
    .returning();
  const [mgroup] = await db
    .insert(s.matchingGroups)
    .values({ municipalityId: mid, runId: mrun!.id, kind: 'split', status: 'suggested', itemIds: [], leftOre: 300_000, rightOre: 300_000 })
    .returning();
  await db.insert(s.matchingItems).values({
    municipalityId: mid,
    runId: mrun!.id,
    side: 'left',
    line: 4,
    state: 'suggested',
    groupId: mgroup!.id,
    amountOre: 300_000,
    date: '2024-11-12',
    caseId: 'S3',
    account: null,
    cprMasked: '030370-****',
    cprSealed: 'v1.sealed',
    text: 'Tilskud',
    carried: false,
  });
  const [round] = await db
    .insert(s.followUpRounds)
    .values({ municipalityId: mid, name: 'Status august 2025', opensOn: '2025-08-01', dueOn: '2025-08-31' })
    .returning();
  await db.insert(s.roundPlanRevisions).values({ municipalityId: mid, roundId: round!.id, planId: plan!.id, revision: 1 });
  const [submission] = await db
    .insert(s.roundSubmissions)
    .values({ municipalityId: mid, roundId: round!.id, departmentId: dep, state: 'submitted', submittedAt: new Date('2025-08-20T10:00:00Z') })
    .returning();
  const [entry] = await db
    .insert(s.statusEntries)
    .values({
      municipalityId: mid,
      submissionId: submission!.id,
      measureId: measure!.id,
      status: 'delayed',
      reason: 'Ressourcer',
      newDeadline: 'Q1-2026',
      newDeadlineDue: '2026-03-31',
    })
    .returning();
  await db.insert(s.deadlineRevisions).values([
    { municipalityId: mid, measureId: measure!.id, deadline: 'Q3-2025', deadlineDue: '2025-09-30', source: 'original' },
    {
      municipalityId: mid,
      measureId: measure!.id,
      deadline: 'Q1-2026',
      deadlineDue: '2026-03-31',
      source: 'statusEntry',
      statusEntryId: entry!.id,
      reason: 'Ressourcer',
    },
  ]);
  await db.insert(s.evidence).values({
    municipalityId: mid,
    statusEntryId: entry!.id,
    fileName: 'log.bin',
    contentType: 'application/octet-stream',
    sizeBytes: 256,
    sha256: 'x',
    content: evidenceBytes,
  });
  await db.insert(s.comments).values({ municipalityId: mid, planId: plan!.id, body: 'Godt arbejde', createdBy: m.userId });
  await db.insert(s.changeLog).values([
    {
      municipalityId: mid,
      userId: m.userId,
      resource: 'finding',
      resourceId: finding!.id,
      action: 'create',
      after: { title: 'Adgangsstyring', nested: { b: [1, 2], a: null } },
    },
    { municipalityId: mid, userId: null, resource: 'plan', resourceId: plan!.id, action: 'update', before: { state: 'draft' }, after: { state: 'approved' } },
  ]);
  // Access: credentials, an external identity, an API token; and a session, which is not exported.
  await db.insert(s.userCredentials).values({
    municipalityId: mid,
    userId: m.userId,
    passwordHash: '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA',
    passwordChangedAt: new Date('2025-01-02T03:04:05.678Z'),
    failedLogins: 1,
  });
  await db.insert(s.userIdentities).values({ municipalityId: mid, userId: m.userId, provider: 'oidc', issuer: 'https://idp.example', subject: `sub-${slug}` });
  await db.insert(s.apiTokens).values({
    municipalityId: mid,
    userId: m.userId,
    name: 'ESDH',
    tokenHash: `hash-${slug}`,
    prefix: 'tls_abcdef',
    scopes: ['read', 'write'],
    expiresAt: new Date('2026-01-01T00:00:00Z'),
  });
  await db
    .insert(s.calendarFeeds)
    .values({ municipalityId: mid, userId: m.userId, scope: 'department', departmentId: m.departments.BUF, tokenHash: `feed-${slug}` });
  // what Tilsyn told people, their mail choices and the delivery log; reminders and a round schedule
  const [note] = await db
    .insert(s.notifications)
    .values({
      municipalityId: mid,
      userId: m.userId,
      recipient: m.userId,
      kind: 'planApproved',
      link: '/plans/x',
      params: { findingNumber: 1 },
      dedupeKey: `k-${slug}`,
      mailState: 'sent',
    })
    .returning();
  await db.insert(s.notificationPreferences).values({ municipalityId: mid, userId: m.userId, kind: 'planApproved', delivery: 'digest' });
  await db.insert(s.mailSettings).values({ municipalityId: mid, userId: m.userId, digest: 'weekly' });
  await db.insert(s.mailMessages).values({
    municipalityId: mid,
    kind: 'notification',
    userId: m.userId,
    toAddress: 'a@example.org',
    subject: 'Planen er godkendt',
    notificationIds: [note!.id],
    state: 'sent',
  });
  await db.insert(s.reminderSettings).values({ municipalityId: mid, daysBefore: 10 });
  await db.insert(s.roundSchedules).values({ municipalityId: mid, name: 'Status', opensOn: ['02-01', '08-01'], dueAfterDays: 28 });
  await db.insert(s.sessions).values({
    idHash: `session-${slug}`,
    municipalityId: mid,
    userId: m.userId,
    method: 'password',
    csrfToken: 'csrf',
    expiresAt: new Date(Date.now() + 3_600_000),
  });
  // a large balance import's job: transient, it stays behind
  await db.insert(s.balanceImportJobs).values({ municipalityId: mid, kind: 'accounts', fileName: 'konti.csv', amountFormat: 'da', rowsTotal: 6000 });
  // Two audit entries on the municipality's hash chain, the second with two changes.
  await runCommand(db, m.actor, async (_tx, changes) => {
    await changes.record({
      resource: 'finding',
      resourceId: finding!.id,
      action: 'update',
      before: { title: 'Adgang' },
      after: { title: 'Adgangsstyring', grade: 'red', n: 1.5 },
    });
  });
  await runCommand(db, m.actor, async (_tx, changes) => {
    await changes.record({
      resource: 'measure',
      resourceId: measure!.id,
      action: 'update',
      before: { z: 1, a: [true, null] },
      after: { z: 2, a: [], æøå: 'Ærø' },
    });
    await changes.record({ resource: 'plan', resourceId: plan!.id, action: 'update', before: null, after: { state: 'approved' } });
  });
  return m;
}

async function rowCounts(engine: Engine): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [name, table] of schemaTables()) {
    const [row] = await engine.db.select({ n: count() }).from(table);
    counts[name] = row!.n;
  }
  return counts;
}

let ctx: TestContext;
let target: Engine;
let doc: ExportDocument;
let text: string;

beforeAll(async () => {
  // The target is a second empty, migrated database on the engine the run is for.
  [ctx, target] = await Promise.all([createTestContext(), openTestEngine()]);
  await populate(ctx.engine, 'kobenhavn', true);
  await populate(ctx.engine, 'malmo', false);
  doc = await exportDocument(ctx.engine.db);
  text = serializeExport(doc);
});

afterAll(async () => {
  await Promise.all([ctx?.close(), target?.close()]);
});

describe('the document covers the schema', () => {
  it('exports every table of the schema except exactly the transient ones', () => {
    const exported = new Set<string>(['municipalities', ...municipalTableNames]);
    expect([...schemaTables().keys()].filter((name) => !exported.has(name)).sort()).toEqual([...transientTableNames].sort());
    expect(transientTableNames).toEqual(['sessions', 'samlReplayCache', 'ssoRequests', 'balanceImportJobs']);
    expect(transientTableNames.filter((name) => exported.has(name))).toEqual([]);
    expect(new Set(municipalTableNames).size).toBe(municipalTableNames.length);
  });

  it('lists tables in an order where every foreign key points at an earlier table or itself', () => {
    const tables = schemaTables();
    const order = ['municipalities', ...municipalTableNames];
    for (const [i, name] of order.entries()) {
      const table = tables.get(name)!;
      for (const fk of getTableConfig(table).foreignKeys) {
        const target = getTableName(fk.reference().foreignTable);
        const at = order.findIndex((n) => getTableName(tables.get(n)!) === target);
        expect(at, `${name} → ${target}`).toBeGreaterThanOrEqual(0);
        expect(at, `${name} → ${target}`).toBeLessThanOrEqual(i);
      }
    }
  });

  it('holds rows of every table for the populated municipality, with all columns in schema order', () => {
    const kbh = doc.municipalities.find((m) => m.municipality.slug === 'kobenhavn')!;
    for (const name of municipalTableNames) expect(kbh[name].length, name).toBeGreaterThan(0);
    expect(Object.keys(kbh.findings[0]!)).toEqual(Object.keys(getTableColumns(s.findings)));
    expect(Object.keys(kbh.changeLog[0]!)).toEqual([
      'municipalityId',
      'seq',
      'at',
      'userId',
      'resource',
      'resourceId',
      'action',
      'before',
      'after',
      'auditSeq',
    ]);
    expect(kbh.apiTokens[0]!.scopes).toEqual(['read', 'write']);
    expect(kbh.auditEntries.map((e) => e.seq)).toEqual([1, 2]);
    expect(kbh.auditHeads).toEqual([{ municipalityId: kbh.municipality.id, seq: 2, hash: kbh.auditEntries[1]!.hash }]);
    expect(text).not.toContain('session-kobenhavn');
  });

  it('writes timestamps as ISO with microseconds, dates as YYYY-MM-DD, bytes as base64 and jsonb as JSON', () => {
    const kbh = doc.municipalities.find((m) => m.municipality.slug === 'kobenhavn')!;
    expect(kbh.findings.find((f) => f.id === earlyFinding)!.createdAt).toBe('2025-03-04T05:06:07.123456Z');
    expect(kbh.roundSubmissions[0]!.submittedAt).toBe('2025-08-20T10:00:00.000000Z');
    expect(kbh.followUpRounds[0]!.opensOn).toBe('2025-08-01');
    expect(Buffer.from(kbh.evidence[0]!.content as string, 'base64').equals(evidenceBytes)).toBe(true);
    expect(kbh.changeLog[0]!.after).toEqual({ title: 'Adgangsstyring', nested: { b: [1, 2], a: null } });
    expect(kbh.changeLog[1]!.before).toEqual({ state: 'draft' });
    expect(text.startsWith(`{\n  "format": "tilsyn-export",\n  "formatVersion": 1,\n  "schemaVersion": "${currentSchemaVersion()}",`)).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('orders municipalities and rows by primary key', () => {
    const ids = doc.municipalities.map((m) => m.municipality.id as string);
    expect(ids).toEqual([...ids].sort());
    const kbh = doc.municipalities.find((m) => m.municipality.slug === 'kobenhavn')!;
    expect(kbh.findings.map((f) => f.id)).toEqual([earlyFinding, lateFinding]);
    const seqs = kbh.changeLog.map((c) => c.seq as number);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('exports one municipality by slug, and refuses an unknown slug', async () => {
    const one = await exportDocument(ctx.engine.db, { municipality: 'malmo' });
    expect(one.municipalities.map((m) => m.municipality.slug)).toEqual(['malmo']);
    await expect(exportDocument(ctx.engine.db, { municipality: 'nowhere' })).rejects.toThrow(/no municipality "nowhere"/);
  });
});

describe('export → import → export', () => {
  it('gives byte-identical documents and keeps change-log sequence numbers', async () => {
    const result = await importDocument(target.db, JSON.parse(text));
    expect(result.municipalities.sort()).toEqual(['kobenhavn', 'malmo']);
    const counts = await rowCounts(ctx.engine);
    expect(result.rows).toBe(Object.entries(counts).reduce((n, [name, c]) => n + ((transientTableNames as readonly string[]).includes(name) ? 0 : c), 0));
    expect(serializeExport(await exportDocument(target.db))).toBe(text);
    // The imported chains verify: hashes recomputed from the imported rows match.
    const verified = await verifyChains(target.db);
    expect(verified.municipalities.map((r) => [r.slug, r.ok, r.headSeq])).toEqual([
      ['kobenhavn', true, 2],
      ['malmo', true, 2],
    ]);

    // The identity sequence was moved past the imported values: a new change gets a new number.
    const maxSeq = Math.max(...doc.municipalities.flatMap((m) => m.changeLog.map((c) => c.seq as number)));
    const mid = doc.municipalities[0]!.municipality.id as string;
    // (Inside a transaction that rolls back: the change log is append-only.)
    const rollback = new Error('rollback');
    let added: number | undefined;
    await expect(
      target.db.transaction(async (tx) => {
        const [row] = await tx.insert(s.changeLog).values({ municipalityId: mid, resource: 'x', resourceId: mid, action: 'test' }).returning();
        added = row!.seq;
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(added).toBeGreaterThan(maxSeq);
  });

  it('refuses a municipality whose id or slug already exists, and changes nothing', async () => {
    const before = await rowCounts(target);
    await expect(importDocument(target.db, JSON.parse(text))).rejects.toThrow(/Municipality "(kobenhavn|malmo)" cannot be imported: .* same id/);

    const renamedId = JSON.parse(text) as ExportDocument;
    renamedId.municipalities = renamedId.municipalities.filter((m) => m.municipality.slug === 'malmo');
    const malmo = renamedId.municipalities[0]!;
    const newId = '11111111-1111-4111-8111-111111111111';
    malmo.municipality.id = newId;
    for (const name of municipalTableNames) for (const row of malmo[name]) row.municipalityId = newId;
    await expect(importDocument(target.db, renamedId)).rejects.toThrow(/"malmo" cannot be imported: .*"malmo".* same slug/);
    expect(await rowCounts(target)).toEqual(before);
  });
});

describe('a failed import changes nothing', () => {
  let empty: Engine;
  beforeAll(async () => {
    empty = await openTestEngine();
  });
  afterAll(async () => {
    await empty?.close();
  });

  it('rolls back every row when a late insert fails', async () => {
    // Both municipalities pass validation; the second's measure points at a plan that does not exist.
    const broken = JSON.parse(text) as ExportDocument;
    const last = broken.municipalities.at(-1)!;
    last.measures[0]!.planId = '22222222-2222-4222-8222-222222222222';
    await expect(importDocument(empty.db, broken)).rejects.toThrow(
      new RegExp(`Cannot import measures of municipality "${String(last.municipality.slug)}": .*foreign key`),
    );
    expect(Object.values(await rowCounts(empty)).every((n) => n === 0)).toBe(true);
  });

  it('rolls back when rows collide with another municipality (user ids are unique across the installation)', async () => {
    const other = await seedMunicipality(empty, { slug: 'other' });
    const clash = JSON.parse(text) as ExportDocument;
    clash.municipalities[0]!.users[0]!.id = other.userId;
    const before = await rowCounts(empty);
    await expect(importDocument(empty.db, clash)).rejects.toThrow(/Cannot import users of municipality .*users_id_uq/);
    expect(await rowCounts(empty)).toEqual(before);
  });
});

describe('document validation', () => {
  /** Each case turns a copy of the good document into the input; applied inside the test, once the document exists. */
  const edit = (change: (d: any) => void) => (d: any) => {
    change(d);
    return d;
  };
  const cases: [string, (d: any) => unknown, RegExp][] = [
    ['not an object', () => 'hello', /Invalid export document/],
    [
      'another format',
      edit((d) => {
        d.format = 'other';
      }),
      /Not a Tilsyn export/,
    ],
    [
      'a newer format version',
      edit((d) => {
        d.formatVersion = 2;
      }),
      /Unsupported export format version/,
    ],
    [
      'another schema version',
      edit((d) => {
        d.schemaVersion = '0099_future';
      }),
      new RegExp(`schema "0099_future", but this Tilsyn runs schema "${currentSchemaVersion()}"`),
    ],
    [
      'a missing table',
      edit((d) => {
        delete d.municipalities[0].comments;
      }),
      /municipalities\.0\.comments/,
    ],
    [
      'an unknown table',
      edit((d) => {
        d.municipalities[0].widgets = [];
      }),
      /widgets/,
    ],
    [
      'an unknown column',
      edit((d) => {
        d.municipalities[0].findings[0].colour = 'red';
      }),
      /municipalities\.0\.findings\.0.*colour/,
    ],
    [
      'a missing column',
      edit((d) => {
        delete d.municipalities[0].users[0].email;
      }),
      /municipalities\.0\.users\.0\.email/,
    ],
    [
      'a bad timestamp',
      edit((d) => {
        d.municipalities[0].users[0].createdAt = 'yesterday';
      }),
      /municipalities\.0\.users\.0\.createdAt/,
    ],
    [
      'a bad enum value',
      edit((d) => {
        d.municipalities[0].municipality.language = 'de';
      }),
      /municipalities\.0\.municipality\.language/,
    ],
    [
      'bad base64',
      edit((d) => {
        d.municipalities[0].evidence[0].content = '***';
      }),
      /municipalities\.0\.evidence\.0\.content/,
    ],
    [
      'a row of another municipality',
      edit((d) => {
        d.municipalities[0].meetings[0].municipalityId = d.municipalities[1].municipality.id;
      }),
      /municipalities\.0\.meetings\.0 belongs to another municipality/,
    ],
    [
      'a municipality twice',
      edit((d) => {
        d.municipalities.push(d.municipalities[0]);
      }),
      /appears more than once/,
    ],
  ];

  it.each(cases)('rejects %s without touching the database', async (_name, toInput, message) => {
    const input = toInput(JSON.parse(text));
    const before = await rowCounts(target);
    const error = await importDocument(target.db, input).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(TransferError);
    expect((error as Error).message).toMatch(message);
    expect(await rowCounts(target)).toEqual(before);
  });
});
