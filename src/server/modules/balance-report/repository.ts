import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/engine.js';
import { accountReconciliations, balanceAccounts, committees, departments, imFunctions, systemReconciliations } from '../../db/schema/index.js';

export type YearEndReconciliationRow = typeof accountReconciliations.$inferSelect;
export type SystemReconciliationRow = typeof systemReconciliations.$inferSelect;

/** SQL only: every function takes the municipality id first and filters by it. */
export const balanceReportRepository = {
  /** Every balance account with the codes and names of its IM function, department and committee. */
  async accounts(db: Executor, mid: string) {
    return db
      .select({
        id: balanceAccounts.id,
        number: balanceAccounts.number,
        name: balanceAccounts.name,
        reconciler: balanceAccounts.reconciler,
        imCode: imFunctions.code,
        departmentId: departments.id,
        departmentCode: departments.code,
        committeeId: committees.id,
        committeeCode: committees.code,
      })
      .from(balanceAccounts)
      .innerJoin(imFunctions, and(eq(imFunctions.municipalityId, balanceAccounts.municipalityId), eq(imFunctions.id, balanceAccounts.imFunctionId)))
      .innerJoin(departments, and(eq(departments.municipalityId, balanceAccounts.municipalityId), eq(departments.id, balanceAccounts.departmentId)))
      .leftJoin(committees, and(eq(committees.municipalityId, departments.municipalityId), eq(committees.id, departments.committeeId)))
      .where(eq(balanceAccounts.municipalityId, mid))
      .orderBy(asc(balanceAccounts.number));
  },

  /** The names of the IM functions by code. */
  async imNames(db: Executor, mid: string): Promise<Record<string, string>> {
    const rows = await db.select({ code: imFunctions.code, name: imFunctions.name }).from(imFunctions).where(eq(imFunctions.municipalityId, mid));
    return Object.fromEntries(rows.map((r) => [r.code, r.name]));
  },

  async committees(db: Executor, mid: string) {
    return db
      .select({ id: committees.id, code: committees.code, name: committees.name })
      .from(committees)
      .where(eq(committees.municipalityId, mid))
      .orderBy(asc(committees.code));
  },

  async departments(db: Executor, mid: string) {
    return db
      .select({ id: departments.id, code: departments.code, name: departments.name, committeeId: departments.committeeId })
      .from(departments)
      .where(eq(departments.municipalityId, mid));
  },

  /** The reconciliations of the given periods (the year-end periods YYYY-12 and YYYY-13). */
  async reconciliationsIn(db: Executor, mid: string, periods: string[]): Promise<YearEndReconciliationRow[]> {
    return db
      .select()
      .from(accountReconciliations)
      .where(and(eq(accountReconciliations.municipalityId, mid), inArray(accountReconciliations.period, periods)))
      .orderBy(asc(accountReconciliations.accountId), asc(accountReconciliations.period));
  },

  /** The system reconciliations of a financial year (YYYY-01 … YYYY-13). */
  async systemReconciliationsOfYear(db: Executor, mid: string, year: number): Promise<SystemReconciliationRow[]> {
    const y = String(year).padStart(4, '0');
    return db
      .select()
      .from(systemReconciliations)
      .where(and(eq(systemReconciliations.municipalityId, mid), sql`${systemReconciliations.period} between ${`${y}-01`} and ${`${y}-13`}`))
      .orderBy(asc(systemReconciliations.system), asc(systemReconciliations.target), asc(systemReconciliations.period));
  },
};
