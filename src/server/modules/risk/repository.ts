import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/engine.js';
import {
  accountActivity,
  accountReconciliations,
  balanceAccountFindings,
  balanceAccounts,
  findings,
  riskModelResults,
  riskModelRuns,
} from '../../db/schema/index.js';

export type RunRow = typeof riskModelRuns.$inferSelect;
export type ResultRow = typeof riskModelResults.$inferSelect;
export type ResultFilter = 'all' | 'qualified' | 'changed';

/** The SQL of the risk model: its inputs from the register, the stored runs and the account ↔ finding links. */
export const riskRepository = {
  async accounts(db: Executor, mid: string, departmentId?: string) {
    const where: SQL[] = [eq(balanceAccounts.municipalityId, mid)];
    if (departmentId) where.push(eq(balanceAccounts.departmentId, departmentId));
    return db
      .select({
        id: balanceAccounts.id,
        number: balanceAccounts.number,
        name: balanceAccounts.name,
        departmentId: balanceAccounts.departmentId,
        frequency: balanceAccounts.frequency,
        version: balanceAccounts.version,
      })
      .from(balanceAccounts)
      .where(and(...where))
      .orderBy(asc(balanceAccounts.number));
  },

  /** Reconciliations with a period from `from` to `to` (text order: `YYYY-13` sorts after `YYYY-12`). */
  async reconciliations(db: Executor, mid: string, from: string, to: string) {
    return db
      .select({
        id: accountReconciliations.id,
        accountId: accountReconciliations.accountId,
        period: accountReconciliations.period,
        category: accountReconciliations.category,
        ledgerBalanceOre: accountReconciliations.ledgerBalanceOre,
        status: accountReconciliations.status,
      })
      .from(accountReconciliations)
      .where(and(eq(accountReconciliations.municipalityId, mid), sql`${accountReconciliations.period} between ${from} and ${to}`));
  },

  async activity(db: Executor, mid: string, from: string, to: string) {
    return db
      .select({
        accountId: accountActivity.accountId,
        month: accountActivity.month,
        transactionCount: accountActivity.transactionCount,
        volumeOre: accountActivity.volumeOre,
      })
      .from(accountActivity)
      .where(and(eq(accountActivity.municipalityId, mid), sql`${accountActivity.month} between ${from} and ${to}`));
  },

  /**
   * Links to findings that are not closed: a finding is closed when every department's part of it
   * is closed or carried over (a carried-over part lives on in the next year's finding, which is
   * linked on its own). A finding without parts counts as open.
   */
  async openFindingLinks(db: Executor, mid: string): Promise<{ accountId: string; findingId: string }[]> {
    return db
      .select({ accountId: balanceAccountFindings.accountId, findingId: balanceAccountFindings.findingId })
      .from(balanceAccountFindings)
      .where(
        and(
          eq(balanceAccountFindings.municipalityId, mid),
          sql`not exists (select 1 from finding_departments fd where fd.municipality_id = ${balanceAccountFindings.municipalityId} and fd.finding_id = ${balanceAccountFindings.findingId} and fd.state in ('closed', 'carriedOver'))
              or exists (select 1 from finding_departments fd where fd.municipality_id = ${balanceAccountFindings.municipalityId} and fd.finding_id = ${balanceAccountFindings.findingId} and fd.state not in ('closed', 'carriedOver'))`,
        ),
      )
      .orderBy(asc(balanceAccountFindings.findingId));
  },

  async insertRun(db: Executor, values: typeof riskModelRuns.$inferInsert): Promise<RunRow> {
    const [row] = await db.insert(riskModelRuns).values(values).returning();
    return row!;
  },
  async insertResults(db: Executor, values: (typeof riskModelResults.$inferInsert)[]): Promise<void> {
    // in slices: one statement's parameters are limited (65,535 in PostgreSQL)
    for (let i = 0; i < values.length; i += 500) await db.insert(riskModelResults).values(values.slice(i, i + 500));
  },
  async runs(db: Executor, mid: string): Promise<RunRow[]> {
    return db.select().from(riskModelRuns).where(eq(riskModelRuns.municipalityId, mid)).orderBy(desc(riskModelRuns.createdAt));
  },
  async run(db: Executor, mid: string, id: string): Promise<RunRow | null> {
    const [row] = await db
      .select()
      .from(riskModelRuns)
      .where(and(eq(riskModelRuns.municipalityId, mid), eq(riskModelRuns.id, id)));
    return row ?? null;
  },
  /** The applied run with the latest run month (the latest created among equals). */
  async latestApplied(db: Executor, mid: string): Promise<RunRow | null> {
    const [row] = await db
      .select()
      .from(riskModelRuns)
      .where(and(eq(riskModelRuns.municipalityId, mid), eq(riskModelRuns.state, 'applied')))
      .orderBy(desc(riskModelRuns.asOf), desc(riskModelRuns.createdAt))
      .limit(1);
    return row ?? null;
  },
  /** Marks a draft run applied; null when it was not a draft any more (a concurrent apply). */
  async markApplied(db: Executor, mid: string, id: string, userId: string | null, at: Date): Promise<RunRow | null> {
    const [row] = await db
      .update(riskModelRuns)
      .set({ state: 'applied', appliedAt: at, appliedBy: userId })
      .where(and(eq(riskModelRuns.municipalityId, mid), eq(riskModelRuns.id, id), eq(riskModelRuns.state, 'draft')))
      .returning();
    return row ?? null;
  },

  async results(db: Executor, mid: string, runId: string, filter: ResultFilter, paging?: { limit: number; offset: number }) {
    const where: SQL[] = [eq(riskModelResults.municipalityId, mid), eq(riskModelResults.runId, runId)];
    if (filter === 'qualified') where.push(eq(riskModelResults.qualified, true));
    if (filter === 'changed') where.push(sql`${riskModelResults.proposedFrequency} <> ${riskModelResults.previousFrequency}`);
    const q = db
      .select()
      .from(riskModelResults)
      .where(and(...where))
      .orderBy(asc(riskModelResults.accountNumber));
    const items = paging ? await q.limit(paging.limit).offset(paging.offset) : await q;
    const [count] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(riskModelResults)
      .where(and(...where));
    return { items, total: Number(count!.n) };
  },

  /** Sets one frequency on many accounts in one statement (an applied run changes thousands). */
  async setFrequency(db: Executor, mid: string, accountIds: string[], frequency: ResultRow['proposedFrequency'], userId: string | null) {
    if (!accountIds.length) return [];
    return db
      .update(balanceAccounts)
      .set({ frequency, version: sql`${balanceAccounts.version} + 1`, updatedAt: new Date(), updatedBy: userId })
      .where(and(eq(balanceAccounts.municipalityId, mid), inArray(balanceAccounts.id, accountIds)))
      .returning({ id: balanceAccounts.id, frequency: balanceAccounts.frequency });
  },

  async findingExists(db: Executor, mid: string, id: string): Promise<boolean> {
    const [row] = await db
      .select({ id: findings.id })
      .from(findings)
      .where(and(eq(findings.municipalityId, mid), eq(findings.id, id)));
    return !!row;
  },
  async linkedFindings(db: Executor, mid: string, accountId: string) {
    return db
      .select({ findingId: findings.id, number: findings.number, title: findings.title, linkedAt: balanceAccountFindings.createdAt })
      .from(balanceAccountFindings)
      .innerJoin(findings, and(eq(findings.municipalityId, balanceAccountFindings.municipalityId), eq(findings.id, balanceAccountFindings.findingId)))
      .where(and(eq(balanceAccountFindings.municipalityId, mid), eq(balanceAccountFindings.accountId, accountId)))
      .orderBy(asc(findings.number));
  },
  async link(db: Executor, mid: string, accountId: string, findingId: string, userId: string | null) {
    const [row] = await db
      .insert(balanceAccountFindings)
      .values({ municipalityId: mid, accountId, findingId, createdBy: userId })
      .onConflictDoNothing()
      .returning();
    return row ?? null;
  },
  async unlink(db: Executor, mid: string, accountId: string, findingId: string) {
    const [row] = await db
      .delete(balanceAccountFindings)
      .where(
        and(eq(balanceAccountFindings.municipalityId, mid), eq(balanceAccountFindings.accountId, accountId), eq(balanceAccountFindings.findingId, findingId)),
      )
      .returning();
    return row ?? null;
  },
};
