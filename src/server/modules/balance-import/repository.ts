import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/engine.js';
import { accountActivity, accountReconciliations, balanceAccounts, balanceAdjustments, imFunctions } from '../../db/schema/index.js';

export type ActivityRow = typeof accountActivity.$inferSelect;
export type AdjustmentRow = typeof balanceAdjustments.$inferSelect;
export type AccountRow = typeof balanceAccounts.$inferSelect;

/** SQL of the balance imports' own tables; the register's tables go through the balance repository. */
export const balanceImportRepository = {
  async reconciliationsOfAccounts(db: Executor, mid: string, accountIds: string[]) {
    if (!accountIds.length) return [];
    return db.select().from(accountReconciliations).where(and(eq(accountReconciliations.municipalityId, mid), inArray(accountReconciliations.accountId, accountIds)));
  },
  async activityOf(db: Executor, mid: string, accountIds: string[]): Promise<ActivityRow[]> {
    if (!accountIds.length) return [];
    return db.select().from(accountActivity).where(and(eq(accountActivity.municipalityId, mid), inArray(accountActivity.accountId, accountIds)));
  },
  async insertActivity(db: Executor, values: typeof accountActivity.$inferInsert): Promise<ActivityRow> {
    const [row] = await db.insert(accountActivity).values(values).returning();
    return row!;
  },
  async updateActivity(db: Executor, mid: string, id: string, values: { transactionCount: number; volumeOre: number; updatedBy: string | null }): Promise<ActivityRow> {
    const [row] = await db
      .update(accountActivity)
      .set({ ...values, version: sql`${accountActivity.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(accountActivity.municipalityId, mid), eq(accountActivity.id, id)))
      .returning();
    return row!;
  },
  async adjustmentsOf(db: Executor, mid: string, year: number, section?: AdjustmentRow['section']): Promise<AdjustmentRow[]> {
    const where = [eq(balanceAdjustments.municipalityId, mid), eq(balanceAdjustments.year, year)];
    if (section) where.push(eq(balanceAdjustments.section, section));
    return db.select().from(balanceAdjustments).where(and(...where)).orderBy(asc(balanceAdjustments.imCode), asc(balanceAdjustments.createdAt));
  },
  async deleteAdjustments(db: Executor, mid: string, year: number, section: AdjustmentRow['section']): Promise<AdjustmentRow[]> {
    return db
      .delete(balanceAdjustments)
      .where(and(eq(balanceAdjustments.municipalityId, mid), eq(balanceAdjustments.year, year), eq(balanceAdjustments.section, section)))
      .returning();
  },
  async insertAdjustments(db: Executor, values: (typeof balanceAdjustments.$inferInsert)[]): Promise<AdjustmentRow[]> {
    if (!values.length) return [];
    return db.insert(balanceAdjustments).values(values).returning();
  },
  /** Every balance account of the municipality as stored (the chart import compares and updates by number). */
  async accountRows(db: Executor, mid: string): Promise<AccountRow[]> {
    return db.select().from(balanceAccounts).where(eq(balanceAccounts.municipalityId, mid));
  },
  /** New accounts, 1,000 to a statement: a chart import can create thousands (and PostgreSQL takes at most 65,535 parameters). */
  async insertAccounts(db: Executor, values: (typeof balanceAccounts.$inferInsert)[]): Promise<AccountRow[]> {
    const out: AccountRow[] = [];
    for (let i = 0; i < values.length; i += 1000) out.push(...(await db.insert(balanceAccounts).values(values.slice(i, i + 1000)).returning()));
    return out;
  },
  async insertImFunctions(db: Executor, values: (typeof imFunctions.$inferInsert)[]) {
    const out: (typeof imFunctions.$inferSelect)[] = [];
    for (let i = 0; i < values.length; i += 1000) out.push(...(await db.insert(imFunctions).values(values.slice(i, i + 1000)).returning()));
    return out;
  },
  async updateImFunction(db: Executor, mid: string, id: string, values: { name: string; side: 'asset' | 'liability' }) {
    const [row] = await db.update(imFunctions).set(values).where(and(eq(imFunctions.municipalityId, mid), eq(imFunctions.id, id))).returning();
    return row!;
  },
};
