import { and, asc, desc, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/engine.js';
import {
  accountReconciliations,
  actionPlans,
  balanceAccounts,
  balanceSettings,
  committees,
  departments,
  imFunctions,
  systemReconciliations,
} from '../../db/schema/index.js';

export type ImFunctionRow = typeof imFunctions.$inferSelect;
export type AccountRow = typeof balanceAccounts.$inferSelect;
export type ReconciliationRow = typeof accountReconciliations.$inferSelect;
export type SystemReconciliationRow = typeof systemReconciliations.$inferSelect;

/** An account with what its representation shows of its IM function, department and committee. */
export interface AccountHeader extends AccountRow {
  imCode: string;
  imName: string;
  departmentCode: string;
  departmentName: string;
  committeeId: string | null;
  committeeCode: string | null;
  committeeName: string | null;
}

export interface AccountPlanRow {
  accountId: string;
  planId: string;
  state: 'draft' | 'submitted' | 'approved';
  overallDeadline: string | null;
  overallDeadlineDue: string | null;
  subjectPeriod: string;
}

export interface AccountFilter {
  imFunctionIds?: string[] | undefined;
  departmentId?: string | undefined;
}

function headerQuery(db: Executor) {
  return db
    .select({
      account: balanceAccounts,
      imCode: imFunctions.code,
      imName: imFunctions.name,
      departmentCode: departments.code,
      departmentName: departments.name,
      committeeId: committees.id,
      committeeCode: committees.code,
      committeeName: committees.name,
    })
    .from(balanceAccounts)
    .innerJoin(imFunctions, and(eq(imFunctions.municipalityId, balanceAccounts.municipalityId), eq(imFunctions.id, balanceAccounts.imFunctionId)))
    .innerJoin(departments, and(eq(departments.municipalityId, balanceAccounts.municipalityId), eq(departments.id, balanceAccounts.departmentId)))
    .leftJoin(committees, and(eq(committees.municipalityId, departments.municipalityId), eq(committees.id, departments.committeeId)));
}

type HeaderResult = Awaited<ReturnType<ReturnType<typeof headerQuery>['execute']>>[number];
const toHeader = ({ account, ...rest }: HeaderResult): AccountHeader => ({ ...account, ...rest });

/** SQL only: every function takes the municipality id and filters by it. */
export const balanceRepository = {
  async settings(db: Executor, mid: string) {
    const [row] = await db.select().from(balanceSettings).where(eq(balanceSettings.municipalityId, mid));
    return row ?? null;
  },
  async upsertSettings(db: Executor, mid: string, thresholdOre: number) {
    const [row] = await db
      .insert(balanceSettings)
      .values({ municipalityId: mid, materialityThresholdOre: thresholdOre })
      .onConflictDoUpdate({
        target: balanceSettings.municipalityId,
        set: { materialityThresholdOre: thresholdOre, version: sql`${balanceSettings.version} + 1`, updatedAt: new Date() },
      })
      .returning();
    return row!;
  },

  async imFunctions(db: Executor, mid: string): Promise<ImFunctionRow[]> {
    return db.select().from(imFunctions).where(eq(imFunctions.municipalityId, mid)).orderBy(asc(imFunctions.code));
  },
  async imFunctionByCode(db: Executor, mid: string, code: string): Promise<ImFunctionRow | null> {
    const [row] = await db
      .select()
      .from(imFunctions)
      .where(and(eq(imFunctions.municipalityId, mid), eq(imFunctions.code, code)));
    return row ?? null;
  },
  async insertImFunction(db: Executor, values: typeof imFunctions.$inferInsert): Promise<ImFunctionRow> {
    const [row] = await db.insert(imFunctions).values(values).returning();
    return row!;
  },

  async departmentExists(db: Executor, mid: string, id: string): Promise<boolean> {
    const [row] = await db
      .select({ id: departments.id })
      .from(departments)
      .where(and(eq(departments.municipalityId, mid), eq(departments.id, id)));
    return !!row;
  },

  async listAccounts(db: Executor, mid: string, f: AccountFilter): Promise<AccountHeader[]> {
    const where: SQL[] = [eq(balanceAccounts.municipalityId, mid)];
    if (f.imFunctionIds) where.push(f.imFunctionIds.length ? inArray(balanceAccounts.imFunctionId, f.imFunctionIds) : sql`false`);
    if (f.departmentId) where.push(eq(balanceAccounts.departmentId, f.departmentId));
    const rows = await headerQuery(db)
      .where(and(...where))
      .orderBy(asc(balanceAccounts.number));
    return rows.map(toHeader);
  },
  async getAccount(db: Executor, mid: string, id: string): Promise<AccountHeader | null> {
    const [row] = await headerQuery(db).where(and(eq(balanceAccounts.municipalityId, mid), eq(balanceAccounts.id, id)));
    return row ? toHeader(row) : null;
  },
  /** Locks the account's row until the transaction ends, so two commands on its plans run one after the other. */
  async lockAccount(db: Executor, mid: string, id: string): Promise<void> {
    await db
      .select({ id: balanceAccounts.id })
      .from(balanceAccounts)
      .where(and(eq(balanceAccounts.municipalityId, mid), eq(balanceAccounts.id, id)))
      .for('update');
  },
  async accountByNumber(db: Executor, mid: string, number: string): Promise<AccountRow | null> {
    const [row] = await db
      .select()
      .from(balanceAccounts)
      .where(and(eq(balanceAccounts.municipalityId, mid), eq(balanceAccounts.number, number)));
    return row ?? null;
  },
  async insertAccount(db: Executor, values: typeof balanceAccounts.$inferInsert): Promise<AccountRow> {
    const [row] = await db.insert(balanceAccounts).values(values).returning();
    return row!;
  },
  async updateAccount(db: Executor, mid: string, id: string, version: number, values: Partial<AccountRow>): Promise<AccountRow | null> {
    const [row] = await db
      .update(balanceAccounts)
      .set({ ...values, version: version + 1, updatedAt: new Date() })
      .where(and(eq(balanceAccounts.municipalityId, mid), eq(balanceAccounts.id, id), eq(balanceAccounts.version, version)))
      .returning();
    return row ?? null;
  },

  /** The latest reconciliation of each account (at or before `period` when given). */
  async latestReconciliations(db: Executor, mid: string, accountIds: string[] | null, period?: string): Promise<ReconciliationRow[]> {
    const where: SQL[] = [eq(accountReconciliations.municipalityId, mid)];
    if (accountIds) where.push(accountIds.length ? inArray(accountReconciliations.accountId, accountIds) : sql`false`);
    if (period) where.push(sql`${accountReconciliations.period} <= ${period}`);
    return db
      .selectDistinctOn([accountReconciliations.accountId])
      .from(accountReconciliations)
      .where(and(...where))
      .orderBy(asc(accountReconciliations.accountId), desc(accountReconciliations.period));
  },
  async reconciliationsOf(db: Executor, mid: string, accountId: string): Promise<ReconciliationRow[]> {
    return db
      .select()
      .from(accountReconciliations)
      .where(and(eq(accountReconciliations.municipalityId, mid), eq(accountReconciliations.accountId, accountId)))
      .orderBy(desc(accountReconciliations.period));
  },
  async getReconciliation(db: Executor, mid: string, id: string): Promise<ReconciliationRow | null> {
    const [row] = await db
      .select()
      .from(accountReconciliations)
      .where(and(eq(accountReconciliations.municipalityId, mid), eq(accountReconciliations.id, id)));
    return row ?? null;
  },
  async reconciliationAt(db: Executor, mid: string, accountId: string, period: string): Promise<ReconciliationRow | null> {
    const [row] = await db
      .select()
      .from(accountReconciliations)
      .where(and(eq(accountReconciliations.municipalityId, mid), eq(accountReconciliations.accountId, accountId), eq(accountReconciliations.period, period)));
    return row ?? null;
  },
  async insertReconciliation(db: Executor, values: typeof accountReconciliations.$inferInsert): Promise<ReconciliationRow> {
    const [row] = await db.insert(accountReconciliations).values(values).returning();
    return row!;
  },
  async updateReconciliation(db: Executor, mid: string, id: string, version: number, values: Partial<ReconciliationRow>): Promise<ReconciliationRow | null> {
    const [row] = await db
      .update(accountReconciliations)
      .set({ ...values, version: version + 1, updatedAt: new Date() })
      .where(and(eq(accountReconciliations.municipalityId, mid), eq(accountReconciliations.id, id), eq(accountReconciliations.version, version)))
      .returning();
    return row ?? null;
  },
  /** Action plans whose subject is a reconciliation of one of the accounts, per account, with the subject's period. */
  async accountPlans(db: Executor, mid: string, accountIds: string[]): Promise<AccountPlanRow[]> {
    if (!accountIds.length) return [];
    return db
      .select({
        accountId: accountReconciliations.accountId,
        planId: actionPlans.id,
        state: actionPlans.state,
        overallDeadline: actionPlans.overallDeadline,
        overallDeadlineDue: actionPlans.overallDeadlineDue,
        subjectPeriod: accountReconciliations.period,
      })
      .from(actionPlans)
      .innerJoin(
        accountReconciliations,
        and(eq(accountReconciliations.municipalityId, actionPlans.municipalityId), eq(accountReconciliations.id, actionPlans.accountReconciliationId)),
      )
      .where(and(eq(actionPlans.municipalityId, mid), isNotNull(actionPlans.accountReconciliationId), inArray(accountReconciliations.accountId, accountIds)))
      .orderBy(asc(accountReconciliations.period), asc(actionPlans.createdAt));
  },
  /** The action plans of system reconciliations (at most one each). */
  async systemPlans(db: Executor, mid: string, ids: string[]) {
    if (!ids.length) return [];
    return db
      .select({
        systemReconciliationId: actionPlans.systemReconciliationId,
        planId: actionPlans.id,
        state: actionPlans.state,
        overallDeadline: actionPlans.overallDeadline,
      })
      .from(actionPlans)
      .where(and(eq(actionPlans.municipalityId, mid), inArray(actionPlans.systemReconciliationId, ids)));
  },
  /** Period and category of every reconciliation of the accounts: what plan progress is computed from. */
  async reconciliationPoints(db: Executor, mid: string, accountIds: string[]): Promise<{ accountId: string; period: string; category: number }[]> {
    if (!accountIds.length) return [];
    return db
      .select({ accountId: accountReconciliations.accountId, period: accountReconciliations.period, category: accountReconciliations.category })
      .from(accountReconciliations)
      .where(and(eq(accountReconciliations.municipalityId, mid), inArray(accountReconciliations.accountId, accountIds)))
      .orderBy(asc(accountReconciliations.accountId), asc(accountReconciliations.period));
  },

  async listSystemReconciliations(
    db: Executor,
    mid: string,
    f: { period?: string | undefined; system?: string | undefined; departmentId?: string | undefined },
  ) {
    const where: SQL[] = [eq(systemReconciliations.municipalityId, mid)];
    if (f.period) where.push(eq(systemReconciliations.period, f.period));
    if (f.system) where.push(eq(systemReconciliations.system, f.system));
    if (f.departmentId) where.push(eq(systemReconciliations.departmentId, f.departmentId));
    return db
      .select()
      .from(systemReconciliations)
      .where(and(...where))
      .orderBy(desc(systemReconciliations.period), asc(systemReconciliations.system), asc(systemReconciliations.target));
  },
  async getSystemReconciliation(db: Executor, mid: string, id: string): Promise<SystemReconciliationRow | null> {
    const [row] = await db
      .select()
      .from(systemReconciliations)
      .where(and(eq(systemReconciliations.municipalityId, mid), eq(systemReconciliations.id, id)));
    return row ?? null;
  },
  async systemReconciliationAt(db: Executor, mid: string, system: string, target: string, period: string): Promise<SystemReconciliationRow | null> {
    const [row] = await db
      .select()
      .from(systemReconciliations)
      .where(
        and(
          eq(systemReconciliations.municipalityId, mid),
          eq(systemReconciliations.system, system),
          sql`${systemReconciliations.target} = ${target}`,
          eq(systemReconciliations.period, period),
        ),
      );
    return row ?? null;
  },
  async insertSystemReconciliation(db: Executor, values: typeof systemReconciliations.$inferInsert): Promise<SystemReconciliationRow> {
    const [row] = await db.insert(systemReconciliations).values(values).returning();
    return row!;
  },
  async updateSystemReconciliation(
    db: Executor,
    mid: string,
    id: string,
    version: number,
    values: Partial<SystemReconciliationRow>,
  ): Promise<SystemReconciliationRow | null> {
    const [row] = await db
      .update(systemReconciliations)
      .set({ ...values, version: version + 1, updatedAt: new Date() })
      .where(and(eq(systemReconciliations.municipalityId, mid), eq(systemReconciliations.id, id), eq(systemReconciliations.version, version)))
      .returning();
    return row ?? null;
  },
};
