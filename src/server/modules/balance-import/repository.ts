import { and, asc, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import type { OpenItem } from '../../../domain/reconciliation.js';
import type { Executor } from '../../db/engine.js';
import { accountActivity, accountReconciliations, balanceAccounts, balanceAdjustments, balanceImportJobs, imFunctions } from '../../db/schema/index.js';
import type { ReconciliationRow } from '../balance/reads.js';

export type ActivityRow = typeof accountActivity.$inferSelect;
export type AdjustmentRow = typeof balanceAdjustments.$inferSelect;
export type AccountRow = typeof balanceAccounts.$inferSelect;

/**
 * Runs `write` on 1,000 values at a time, in order, and joins what it returns: an import writes
 * thousands of rows, one statement per row is what made it slow, and PostgreSQL takes at most
 * 65,535 parameters a statement.
 */
export async function inChunks<T, R>(values: readonly T[], write: (chunk: T[]) => Promise<R[]>, written: Written = () => {}, size = 1000): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < values.length; i += size) {
    const chunk = values.slice(i, i + size);
    out.push(...(await write(chunk)));
    written(chunk.length);
  }
  return out;
}

/** Told how many rows a statement wrote (a large import's progress). */
export type Written = (rows: number) => void;

const rec = accountReconciliations;
/** `(values (…), (…)) as v(columns)`: one row a record, for UPDATE … FROM. */
const valuesList = (rows: SQL[], columns: string) => sql`(values ${sql.join(rows, sql`, `)}) as v(${sql.raw(columns)})`;

/** A new ledger balance for a reconciliation at `version`; `decertify` reopens it (the balance it was signed off on changed). */
export interface LedgerBalanceWrite {
  id: string;
  version: number;
  ledgerBalanceOre: number;
  decertify: boolean;
}

/** The log's category, sub-reason and items for a reconciliation at `version`, with the amounts computed from them. */
export interface ReconciliationLogWrite {
  id: string;
  version: number;
  category: number;
  subReason: string;
  items: OpenItem[];
  followUpOre: number;
  olderThanOneYearOre: number;
  grossOre: number;
}

/** SQL of the balance imports: their own tables, and the register's rows an import writes in bulk (accounts, IM functions, reconciliations). */
export const balanceImportRepository = {
  /** The reconciliations of the accounts in the periods a file names (not every period: a monthly file needs only its own). */
  async reconciliationsOf(db: Executor, mid: string, accountIds: string[], periods: string[]): Promise<ReconciliationRow[]> {
    if (!accountIds.length || !periods.length) return [];
    return db
      .select()
      .from(rec)
      .where(and(eq(rec.municipalityId, mid), inArray(rec.period, periods), inArray(rec.accountId, accountIds)));
  },
  async insertReconciliations(db: Executor, values: (typeof rec.$inferInsert)[], written?: Written): Promise<ReconciliationRow[]> {
    return inChunks(values, (chunk) => db.insert(rec).values(chunk).returning(), written);
  },
  /**
   * Sets ledger balances, a chunk a statement, each row only at its version (optimistic locking as
   * a single update does); returns the rows written, so fewer than given means a concurrent change.
   */
  async setLedgerBalances(db: Executor, mid: string, updatedBy: string | null, writes: LedgerBalanceWrite[], written?: Written): Promise<ReconciliationRow[]> {
    const reopen = <T>(column: T) => sql`case when v.decertify then null else ${column} end`;
    return inChunks(
      writes,
      (chunk) =>
        db
          .update(rec)
          .set({
            ledgerBalanceOre: sql`v.ledger_balance_ore`,
            status: sql`case when v.decertify then 'open' else ${rec.status} end`,
            preparedBy: reopen(rec.preparedBy),
            preparedAt: reopen(rec.preparedAt),
            approvedBy: reopen(rec.approvedBy),
            approvedAt: reopen(rec.approvedAt),
            updatedBy,
            version: sql`${rec.version} + 1`,
            updatedAt: sql`now()`,
          })
          .from(
            valuesList(
              chunk.map((w) => sql`(${w.id}::uuid, ${w.version}::int, ${w.ledgerBalanceOre}::bigint, ${w.decertify}::boolean)`),
              'id, version, ledger_balance_ore, decertify',
            ),
          )
          .where(and(eq(rec.municipalityId, mid), sql`${rec.id} = v.id and ${rec.version} = v.version`))
          .returning(getTableColumns(rec)),
      written,
    );
  },
  /** Sets the log's fields, a chunk a statement, each row only at its version; fewer rows back than given means a concurrent change. */
  async setReconciliationLogs(
    db: Executor,
    mid: string,
    updatedBy: string | null,
    writes: ReconciliationLogWrite[],
    written?: Written,
  ): Promise<ReconciliationRow[]> {
    return inChunks(
      writes,
      (chunk) =>
        db
          .update(rec)
          .set({
            category: sql`v.category`,
            subReason: sql`v.sub_reason`,
            items: sql`v.items`,
            followUpOre: sql`v.follow_up_ore`,
            olderThanOneYearOre: sql`v.older_than_one_year_ore`,
            grossOre: sql`v.gross_ore`,
            updatedBy,
            version: sql`${rec.version} + 1`,
            updatedAt: sql`now()`,
          })
          .from(
            valuesList(
              chunk.map(
                (w) =>
                  sql`(${w.id}::uuid, ${w.version}::int, ${w.category}::int, ${w.subReason}::text, ${JSON.stringify(w.items)}::jsonb, ${w.followUpOre}::bigint, ${w.olderThanOneYearOre}::bigint, ${w.grossOre}::bigint)`,
              ),
              'id, version, category, sub_reason, items, follow_up_ore, older_than_one_year_ore, gross_ore',
            ),
          )
          .where(and(eq(rec.municipalityId, mid), sql`${rec.id} = v.id and ${rec.version} = v.version`))
          .returning(getTableColumns(rec)),
      written,
    );
  },
  async activityOf(db: Executor, mid: string, accountIds: string[]): Promise<ActivityRow[]> {
    if (!accountIds.length) return [];
    return db
      .select()
      .from(accountActivity)
      .where(and(eq(accountActivity.municipalityId, mid), inArray(accountActivity.accountId, accountIds)));
  },
  async insertActivity(db: Executor, values: typeof accountActivity.$inferInsert): Promise<ActivityRow> {
    const [row] = await db.insert(accountActivity).values(values).returning();
    return row!;
  },
  async updateActivity(
    db: Executor,
    mid: string,
    id: string,
    values: { transactionCount: number; volumeOre: number; updatedBy: string | null },
  ): Promise<ActivityRow> {
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
    return db
      .select()
      .from(balanceAdjustments)
      .where(and(...where))
      .orderBy(asc(balanceAdjustments.imCode), asc(balanceAdjustments.createdAt));
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
  async insertAccounts(db: Executor, values: (typeof balanceAccounts.$inferInsert)[], written?: Written): Promise<AccountRow[]> {
    return inChunks(values, (chunk) => db.insert(balanceAccounts).values(chunk).returning(), written);
  },
  async insertImFunctions(db: Executor, values: (typeof imFunctions.$inferInsert)[], written?: Written) {
    return inChunks(values, (chunk) => db.insert(imFunctions).values(chunk).returning(), written);
  },
  async updateImFunction(db: Executor, mid: string, id: string, values: { name: string; side: 'asset' | 'liability' }) {
    const [row] = await db
      .update(imFunctions)
      .set(values)
      .where(and(eq(imFunctions.municipalityId, mid), eq(imFunctions.id, id)))
      .returning();
    return row!;
  },
};

export type BalanceImportJobRow = typeof balanceImportJobs.$inferSelect;
const jobs = balanceImportJobs;

/** The jobs of large imports (jobs.ts): a row per upload, its state and progress. */
export const importJobRepository = {
  async insert(db: Executor, values: typeof jobs.$inferInsert): Promise<BalanceImportJobRow> {
    return (await db.insert(jobs).values(values).returning())[0]!;
  },
  async get(db: Executor, mid: string, id: string): Promise<BalanceImportJobRow | null> {
    return (
      (
        await db
          .select()
          .from(jobs)
          .where(and(eq(jobs.municipalityId, mid), eq(jobs.id, id)))
      )[0] ?? null
    );
  },
  /** Takes a queued job: only one worker gets it (a job the queue delivers twice is not applied twice). */
  async claim(db: Executor, mid: string, id: string, now: Date): Promise<BalanceImportJobRow | null> {
    const rows = await db
      .update(jobs)
      .set({ state: 'running', startedAt: now })
      .where(and(eq(jobs.municipalityId, mid), eq(jobs.id, id), eq(jobs.state, 'queued')))
      .returning();
    return rows[0] ?? null;
  },
  async progress(db: Executor, mid: string, id: string, rowsDone: number): Promise<void> {
    await db
      .update(jobs)
      .set({ rowsDone })
      .where(and(eq(jobs.municipalityId, mid), eq(jobs.id, id), eq(jobs.state, 'running')));
  },
  /** Jobs no worker will finish: running since before `runningBefore` (its server died: the transaction rolled back), queued since before `queuedBefore` (the queue expired it). */
  async abandon(db: Executor, runningBefore: Date, queuedBefore: Date, now: Date): Promise<{ municipalityId: string; id: string }[]> {
    return db
      .update(jobs)
      .set({ state: 'failed', finishedAt: now, error: { code: 'abandoned' } })
      .where(
        sql`(${jobs.state} = 'running' and ${jobs.startedAt} < ${runningBefore.toISOString()}) or (${jobs.state} = 'queued' and ${jobs.createdAt} < ${queuedBefore.toISOString()})`,
      )
      .returning({ municipalityId: jobs.municipalityId, id: jobs.id });
  },
  async finish(
    db: Executor,
    mid: string,
    id: string,
    values: Pick<BalanceImportJobRow, 'state' | 'finishedAt'> & Partial<Pick<BalanceImportJobRow, 'rowsDone' | 'report' | 'error'>>,
  ): Promise<void> {
    await db
      .update(jobs)
      .set(values)
      .where(and(eq(jobs.municipalityId, mid), eq(jobs.id, id)));
  },
};
