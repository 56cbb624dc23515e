import { and, asc, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/engine.js';
import { matchingGroups, matchingItems, matchingRuns, matchingSystems } from '../../db/schema/index.js';

export type SystemRow = typeof matchingSystems.$inferSelect;
export type RunRow = typeof matchingRuns.$inferSelect;
export type ItemRow = typeof matchingItems.$inferSelect;
export type GroupRow = typeof matchingGroups.$inferSelect;
export type ItemInsert = typeof matchingItems.$inferInsert;
export type GroupInsert = typeof matchingGroups.$inferInsert;

export interface ItemFilter {
  side?: 'left' | 'right' | undefined;
  state?: ItemRow['state'] | undefined;
  /** A column of ITEM_SORT_KEYS, `-` first for descending. */
  sort?: string | undefined;
}

const itemSortColumns = {
  line: [matchingItems.line],
  date: [matchingItems.date],
  caseId: [matchingItems.caseId],
  account: [matchingItems.account],
  amount: [matchingItems.amountOre],
} as const;

/** The order of an item page: the column asked for (empty values last either way), then side and line, so paging is stable. */
function itemOrder(sort: string | undefined): SQL[] {
  const stable = [asc(matchingItems.side), asc(matchingItems.line)];
  const key = sort?.replace(/^-/, '') as keyof typeof itemSortColumns | undefined;
  if (!key || !(key in itemSortColumns)) return stable;
  const descending = sort!.startsWith('-');
  return [...itemSortColumns[key].map((c) => (descending ? sql`${c} desc nulls last` : sql`${c} asc nulls last`)), ...stable];
}

const CHUNK = 1_000;

/** The SQL of the matching engine: systems, runs, the items runs leave over, and suggested/manual groups. */
export const matchingRepository = {
  systems: (db: Executor, mid: string) => db.select().from(matchingSystems).where(eq(matchingSystems.municipalityId, mid)).orderBy(asc(matchingSystems.code)),

  async system(db: Executor, mid: string, id: string): Promise<SystemRow | undefined> {
    return (
      await db
        .select()
        .from(matchingSystems)
        .where(and(eq(matchingSystems.municipalityId, mid), eq(matchingSystems.id, id)))
    )[0];
  },

  /** Locks the system row: a run's store and a decision on an older run of it are serialised. */
  async lockSystem(db: Executor, mid: string, id: string): Promise<SystemRow | undefined> {
    return (
      await db
        .select()
        .from(matchingSystems)
        .where(and(eq(matchingSystems.municipalityId, mid), eq(matchingSystems.id, id)))
        .for('update')
    )[0];
  },

  /** The latest succeeded run of a system and month: the one its system reconciliation entry reflects. */
  async latestSucceeded(db: Executor, mid: string, systemId: string, period: string): Promise<RunRow | undefined> {
    return (
      await db
        .select()
        .from(matchingRuns)
        .where(
          and(eq(matchingRuns.municipalityId, mid), eq(matchingRuns.systemId, systemId), eq(matchingRuns.period, period), eq(matchingRuns.state, 'succeeded')),
        )
        .orderBy(desc(matchingRuns.createdAt))
        .limit(1)
    )[0];
  },

  async systemByCode(db: Executor, mid: string, code: string): Promise<SystemRow | undefined> {
    return (
      await db
        .select()
        .from(matchingSystems)
        .where(and(eq(matchingSystems.municipalityId, mid), sql`lower(${matchingSystems.code}) = lower(${code})`))
    )[0];
  },

  async insertSystem(db: Executor, values: typeof matchingSystems.$inferInsert): Promise<SystemRow> {
    return (await db.insert(matchingSystems).values(values).returning())[0]!;
  },

  async updateSystem(db: Executor, mid: string, id: string, version: number, values: Partial<SystemRow>): Promise<SystemRow | undefined> {
    return (
      await db
        .update(matchingSystems)
        .set({ ...values, version: sql`${matchingSystems.version} + 1`, updatedAt: new Date() })
        .where(and(eq(matchingSystems.municipalityId, mid), eq(matchingSystems.id, id), eq(matchingSystems.version, version)))
        .returning()
    )[0];
  },

  async runs(db: Executor, mid: string, filter: { systemId?: string | undefined; period?: string | undefined; limit: number }) {
    const where: SQL[] = [eq(matchingRuns.municipalityId, mid)];
    if (filter.systemId) where.push(eq(matchingRuns.systemId, filter.systemId));
    if (filter.period) where.push(eq(matchingRuns.period, filter.period));
    return db
      .select()
      .from(matchingRuns)
      .where(and(...where))
      .orderBy(desc(matchingRuns.createdAt))
      .limit(filter.limit);
  },

  async run(db: Executor, mid: string, id: string): Promise<RunRow | undefined> {
    return (
      await db
        .select()
        .from(matchingRuns)
        .where(and(eq(matchingRuns.municipalityId, mid), eq(matchingRuns.id, id)))
    )[0];
  },

  /** Locks the run row: decisions on one run are serialised, so the difference they recompute is exact. */
  async lockRun(db: Executor, mid: string, id: string): Promise<RunRow | undefined> {
    return (
      await db
        .select()
        .from(matchingRuns)
        .where(and(eq(matchingRuns.municipalityId, mid), eq(matchingRuns.id, id)))
        .for('update')
    )[0];
  },

  /** The latest succeeded run of the system for an earlier period (whose timing items carry forward). */
  async previousRun(db: Executor, mid: string, systemId: string, period: string): Promise<RunRow | undefined> {
    return (
      await db
        .select()
        .from(matchingRuns)
        .where(
          and(eq(matchingRuns.municipalityId, mid), eq(matchingRuns.systemId, systemId), eq(matchingRuns.state, 'succeeded'), lt(matchingRuns.period, period)),
        )
        .orderBy(desc(matchingRuns.period), desc(matchingRuns.createdAt))
        .limit(1)
    )[0];
  },

  async insertRun(db: Executor, values: typeof matchingRuns.$inferInsert): Promise<RunRow> {
    return (await db.insert(matchingRuns).values(values).returning())[0]!;
  },

  async updateRun(db: Executor, mid: string, id: string, values: Partial<RunRow>): Promise<RunRow | undefined> {
    return (
      await db
        .update(matchingRuns)
        .set({ ...values, version: sql`${matchingRuns.version} + 1` })
        .where(and(eq(matchingRuns.municipalityId, mid), eq(matchingRuns.id, id)))
        .returning()
    )[0];
  },

  /** Progress of a running run: no version bump, no audit entry (it is not a decision). */
  async setProgress(db: Executor, mid: string, id: string, phase: string, progress: number): Promise<void> {
    await db
      .update(matchingRuns)
      .set({ phase, progress: Math.min(1, Math.max(0, progress)) })
      .where(and(eq(matchingRuns.municipalityId, mid), eq(matchingRuns.id, id), eq(matchingRuns.state, 'running')));
  },

  /**
   * Takes a run for this server: a queued one, or a running one whose server stopped beating
   * (database time on both sides, so servers' clocks and a test's fixed clock do not matter). Only
   * one server's update matches; the others get nothing and leave the run alone.
   */
  async claimRun(db: Executor, mid: string, id: string, worker: string, staleSeconds: number, startedAt: Date): Promise<RunRow | undefined> {
    return (
      await db
        .update(matchingRuns)
        .set({
          state: 'running',
          phase: 'read',
          progress: 0,
          worker,
          heartbeatAt: sql`now()`,
          attempts: sql`${matchingRuns.attempts} + 1`,
          startedAt: sql`coalesce(${matchingRuns.startedAt}, ${startedAt.toISOString()}::timestamptz)`,
          version: sql`${matchingRuns.version} + 1`,
        })
        .where(
          and(
            eq(matchingRuns.municipalityId, mid),
            eq(matchingRuns.id, id),
            sql`(${matchingRuns.state} = 'queued' or (${matchingRuns.state} = 'running' and ${matchingRuns.heartbeatAt} < now() - make_interval(secs => ${staleSeconds})))`,
          ),
        )
        .returning()
    )[0];
  },

  /** The running server's sign of life; false when the run is no longer this server's (taken over, or ended). */
  async beat(db: Executor, mid: string, id: string, worker: string): Promise<boolean> {
    const rows = await db
      .update(matchingRuns)
      .set({ heartbeatAt: sql`now()` })
      .where(and(eq(matchingRuns.municipalityId, mid), eq(matchingRuns.id, id), eq(matchingRuns.worker, worker), eq(matchingRuns.state, 'running')))
      .returning({ id: matchingRuns.id });
    return rows.length > 0;
  },

  /** Puts this server's running run back in the queue (stopping): the attempt it used is given back. */
  async requeue(db: Executor, mid: string, id: string, worker: string): Promise<void> {
    await db
      .update(matchingRuns)
      .set({
        state: 'queued',
        phase: null,
        progress: 0,
        worker: null,
        heartbeatAt: null,
        attempts: sql`greatest(${matchingRuns.attempts} - 1, 0)`,
        version: sql`${matchingRuns.version} + 1`,
      })
      .where(and(eq(matchingRuns.municipalityId, mid), eq(matchingRuns.id, id), eq(matchingRuns.worker, worker), eq(matchingRuns.state, 'running')));
  },

  /** Changes a run only while this server holds it (running, its worker): a run taken over is left to its new server. */
  async updateOwnedRun(db: Executor, mid: string, id: string, worker: string, values: Partial<RunRow>): Promise<RunRow | undefined> {
    return (
      await db
        .update(matchingRuns)
        .set({ ...values, version: sql`${matchingRuns.version} + 1` })
        .where(and(eq(matchingRuns.municipalityId, mid), eq(matchingRuns.id, id), eq(matchingRuns.worker, worker), eq(matchingRuns.state, 'running')))
        .returning()
    )[0];
  },

  /**
   * Runs no server is working on, every municipality: running with a heartbeat gone stale (a run
   * from before heartbeats has none: its start counts), or queued with no job left in the queue for
   * it (the job's retries ran out, or queueing it failed after the run was stored).
   */
  async stale(db: Executor, staleSeconds: number): Promise<{ municipalityId: string; id: string }[]> {
    return db
      .select({ municipalityId: matchingRuns.municipalityId, id: matchingRuns.id })
      .from(matchingRuns)
      .where(
        sql`(${matchingRuns.state} = 'running' and coalesce(${matchingRuns.heartbeatAt}, ${matchingRuns.startedAt}, ${matchingRuns.createdAt}) < now() - make_interval(secs => ${staleSeconds}))
          or (${matchingRuns.state} = 'queued' and ${matchingRuns.createdAt} < now() - interval '1 minute' and not exists (
            select 1 from pgboss.job j where j.name = 'matching-run' and j.data ->> 'runId' = ${matchingRuns.id}::text and j.state in ('created', 'retry', 'active')))`,
      );
  },

  /** Runs not yet finished, every municipality (the in-process queue waits for them before closing). */
  async unfinished(db: Executor): Promise<number> {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(matchingRuns)
      .where(inArray(matchingRuns.state, ['queued', 'running']));
    return row?.n ?? 0;
  },

  /** A run's state by id alone (waiting for a run to finish: ids are unique across municipalities). */
  async stateOf(db: Executor, id: string): Promise<string | undefined> {
    return (await db.select({ state: matchingRuns.state }).from(matchingRuns).where(eq(matchingRuns.id, id)))[0]?.state;
  },

  /** 1 for the next queued run to start: the queue is the installation's, shared by its municipalities, so only a count is given. */
  async queuePosition(db: Executor, run: RunRow): Promise<number> {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(matchingRuns)
      .where(
        and(
          eq(matchingRuns.state, 'queued'),
          sql`(${matchingRuns.createdAt}, ${matchingRuns.id}) < (${run.createdAt.toISOString()}::timestamptz, ${run.id}::uuid)`,
        ),
      );
    return (row?.n ?? 0) + 1;
  },

  async insertGroups(db: Executor, rows: GroupInsert[]): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK) await db.insert(matchingGroups).values(rows.slice(i, i + CHUNK));
  },

  async insertItems(db: Executor, rows: ItemInsert[]): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK) await db.insert(matchingItems).values(rows.slice(i, i + CHUNK));
  },

  async items(db: Executor, mid: string, runId: string, filter: ItemFilter, paging: { limit: number; offset: number }) {
    const where: SQL[] = [eq(matchingItems.municipalityId, mid), eq(matchingItems.runId, runId)];
    if (filter.side) where.push(eq(matchingItems.side, filter.side));
    if (filter.state) where.push(eq(matchingItems.state, filter.state));
    const [rows, count] = await Promise.all([
      db
        .select()
        .from(matchingItems)
        .where(and(...where))
        .orderBy(...itemOrder(filter.sort))
        .limit(paging.limit)
        .offset(paging.offset),
      db
        .select({ n: sql<number>`count(*)::int` })
        .from(matchingItems)
        .where(and(...where)),
    ]);
    return { rows, total: Number(count[0]?.n ?? 0) };
  },

  async itemsByIds(db: Executor, mid: string, runId: string, ids: string[]): Promise<ItemRow[]> {
    if (!ids.length) return [];
    return db
      .select()
      .from(matchingItems)
      .where(and(eq(matchingItems.municipalityId, mid), eq(matchingItems.runId, runId), inArray(matchingItems.id, ids)));
  },

  async item(db: Executor, mid: string, id: string): Promise<ItemRow | undefined> {
    return (
      await db
        .select()
        .from(matchingItems)
        .where(and(eq(matchingItems.municipalityId, mid), eq(matchingItems.id, id)))
    )[0];
  },

  /** The run's timing items, which carry forward into the next month's run. */
  async timingItems(db: Executor, mid: string, runId: string): Promise<ItemRow[]> {
    return db
      .select()
      .from(matchingItems)
      .where(and(eq(matchingItems.municipalityId, mid), eq(matchingItems.runId, runId), eq(matchingItems.state, 'timing')))
      .orderBy(asc(matchingItems.side), asc(matchingItems.line));
  },

  async setItems(db: Executor, mid: string, ids: string[], values: { state: ItemRow['state']; groupId: string | null }): Promise<void> {
    if (!ids.length) return;
    await db
      .update(matchingItems)
      .set(values)
      .where(and(eq(matchingItems.municipalityId, mid), inArray(matchingItems.id, ids)));
  },

  async groups(db: Executor, mid: string, runId: string, status?: GroupRow['status']) {
    const where: SQL[] = [eq(matchingGroups.municipalityId, mid), eq(matchingGroups.runId, runId)];
    if (status) where.push(eq(matchingGroups.status, status));
    return db
      .select()
      .from(matchingGroups)
      .where(and(...where))
      .orderBy(asc(matchingGroups.status), desc(sql`abs(${matchingGroups.leftOre})`));
  },

  async group(db: Executor, mid: string, id: string): Promise<GroupRow | undefined> {
    return (
      await db
        .select()
        .from(matchingGroups)
        .where(and(eq(matchingGroups.municipalityId, mid), eq(matchingGroups.id, id)))
    )[0];
  },

  async insertGroup(db: Executor, values: GroupInsert): Promise<GroupRow> {
    return (await db.insert(matchingGroups).values(values).returning())[0]!;
  },

  async updateGroup(db: Executor, mid: string, id: string, version: number, values: Partial<GroupRow>): Promise<GroupRow | undefined> {
    return (
      await db
        .update(matchingGroups)
        .set({ ...values, version: sql`${matchingGroups.version} + 1` })
        .where(and(eq(matchingGroups.municipalityId, mid), eq(matchingGroups.id, id), eq(matchingGroups.version, version)))
        .returning()
    )[0];
  },

  /** Σ unmatched left − Σ unmatched right, and the counts per side and state. */
  async tally(db: Executor, mid: string, runId: string) {
    const rows = await db
      .select({
        side: matchingItems.side,
        state: matchingItems.state,
        n: sql<number>`count(*)::int`,
        ore: sql<string>`coalesce(sum(${matchingItems.amountOre}), 0)::text`,
      })
      .from(matchingItems)
      .where(and(eq(matchingItems.municipalityId, mid), eq(matchingItems.runId, runId)))
      .groupBy(matchingItems.side, matchingItems.state);
    return rows.map((r) => ({ side: r.side, state: r.state, count: Number(r.n), ore: Number(r.ore) }));
  },

  /**
   * The unmatched items' difference per account, case or month (left counts +, right −), largest
   * first; `key` null when the items have no account/case/date.
   */
  async differences(db: Executor, mid: string, runId: string, by: 'account' | 'case' | 'month', limit: number) {
    const key = by === 'account' ? matchingItems.account : by === 'case' ? matchingItems.caseId : sql<string>`substr(${matchingItems.date}, 1, 7)`;
    const signed = sql`case when ${matchingItems.side} = 'left' then ${matchingItems.amountOre} else -${matchingItems.amountOre} end`;
    const rows = await db
      .select({
        key: sql<string | null>`${key}`,
        leftCount: sql<number>`count(*) filter (where ${matchingItems.side} = 'left')::int`,
        rightCount: sql<number>`count(*) filter (where ${matchingItems.side} = 'right')::int`,
        leftOre: sql<string>`coalesce(sum(${matchingItems.amountOre}) filter (where ${matchingItems.side} = 'left'), 0)::text`,
        rightOre: sql<string>`coalesce(sum(${matchingItems.amountOre}) filter (where ${matchingItems.side} = 'right'), 0)::text`,
        differenceOre: sql<string>`sum(${signed})::text`,
      })
      .from(matchingItems)
      .where(and(eq(matchingItems.municipalityId, mid), eq(matchingItems.runId, runId), eq(matchingItems.state, 'unmatched')))
      .groupBy(key)
      .orderBy(sql`abs(sum(${signed})) desc`, sql`1`)
      .limit(limit);
    return rows.map((r) => ({
      key: r.key,
      leftCount: r.leftCount,
      rightCount: r.rightCount,
      leftOre: Number(r.leftOre),
      rightOre: Number(r.rightOre),
      differenceOre: Number(r.differenceOre),
    }));
  },
};
