import { and, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/engine.js';
import { changeLog, users } from '../../db/schema/index.js';

export interface ChangeRow {
  seq: number;
  at: Date;
  userId: string | null;
  userName: string | null;
  resource: string;
  resourceId: string;
  action: string;
  before: unknown;
  after: unknown;
}

export interface Paging {
  limit: number;
  offset: number;
}

/** SQL only: every function takes the municipality id first and filters by it. */
export const historyRepository = {
  async list(
    db: Executor,
    mid: string,
    filter: { resource?: string | undefined; resourceId?: string | undefined },
    paging: Paging,
  ): Promise<{ rows: ChangeRow[]; total: number }> {
    const where: SQL[] = [eq(changeLog.municipalityId, mid)];
    if (filter.resource) where.push(eq(changeLog.resource, filter.resource));
    if (filter.resourceId) where.push(eq(changeLog.resourceId, filter.resourceId));
    const cond = and(...where);
    const [totalRow] = await db.select({ n: count() }).from(changeLog).where(cond);
    const rows = await db
      .select({
        seq: changeLog.seq,
        at: changeLog.at,
        userId: changeLog.userId,
        userName: users.name,
        resource: changeLog.resource,
        resourceId: changeLog.resourceId,
        action: changeLog.action,
        before: changeLog.before,
        after: changeLog.after,
      })
      .from(changeLog)
      .leftJoin(users, and(eq(users.municipalityId, changeLog.municipalityId), eq(users.id, changeLog.userId)))
      .where(cond)
      .orderBy(desc(changeLog.seq))
      .limit(paging.limit)
      .offset(paging.offset);
    return { rows, total: totalRow?.n ?? 0 };
  },

  /**
   * The changes of a finding and of everything under it. The ids are collected recursively from
   * two sources of parent → child links: the current rows (plans, measures, status entries,
   * evidence, comments, ...) and the change log itself, whose recorded representations name their
   * parent (findingId, planId, measureId, statusEntryId, or target.id for evidence and comments),
   * so the history still shows children that have since been deleted.
   */
  async ofFinding(db: Executor, mid: string, findingId: string, paging: Paging): Promise<{ rows: ChangeRow[]; total: number }> {
    const related = relatedIds(mid, findingId);
    const [totalRow] = await queryRows<{ total: number }>(
      db,
      sql`with recursive ${related} select count(*)::int as total from change_log c where c.municipality_id = ${mid} and c.resource_id::text in (select id from related)`,
    );
    const rows = await queryRows<Omit<ChangeRow, 'at'> & { at: Date | string }>(
      db,
      sql`
      with recursive ${related}
      select c.seq, c.at, c.user_id as "userId", u.name as "userName", c.resource, c.resource_id as "resourceId", c.action, c.before, c.after
        from change_log c
        left join users u on u.municipality_id = c.municipality_id and u.id = c.user_id
       where c.municipality_id = ${mid} and c.resource_id::text in (select id from related)
       order by c.seq desc
       limit ${paging.limit} offset ${paging.offset}`,
    );
    // node-postgres returns bigint as a string; both engines then agree on numbers and dates.
    return { rows: rows.map((r) => ({ ...r, seq: Number(r.seq), at: new Date(r.at) })), total: totalRow?.total ?? 0 };
  },
};

/** Keys under which a recorded representation names its parent. */
const parentPaths = ["->> 'findingId'", "->> 'planId'", "->> 'measureId'", "->> 'statusEntryId'", "-> 'target' ->> 'id'"];

/**
 * CTE `links(parent, child)`: parent-child links between a municipality's ids, from two sources:
 * the current rows (plans, measures, status entries, evidence, comments, ...) and the change log
 * itself, whose recorded representations name their parent, so children deleted since still
 * belong to their parent's history.
 */
function linksCte(mid: string): SQL {
  const loggedParents = sql.raw(['before', 'after'].flatMap((col) => parentPaths.map((path) => `c.${col} ${path}`)).join(', '));
  return sql`
    links(parent, child) as (
      select finding_id::text, id::text from action_plans where municipality_id = ${mid} and finding_id is not null
      union all select finding_id::text, id::text from council_decisions where municipality_id = ${mid}
      union all select plan_id::text, id::text from measures where municipality_id = ${mid}
      union all select plan_id::text, id::text from plan_approvals where municipality_id = ${mid}
      union all select plan_id::text, id::text from guidance_acceptances where municipality_id = ${mid}
      union all select plan_id::text, id::text from answer_documents where municipality_id = ${mid}
      union all select measure_id::text, id::text from deadline_revisions where municipality_id = ${mid}
      union all select measure_id::text, id::text from status_entries where municipality_id = ${mid}
      union all select coalesce(finding_id, measure_id, status_entry_id)::text, id::text from evidence where municipality_id = ${mid}
      union all select coalesce(finding_id, plan_id, measure_id)::text, id::text from comments where municipality_id = ${mid}
      union all
      select p.parent, c.resource_id::text
        from change_log c
        cross join lateral unnest(array[${loggedParents}]) as p(parent)
       where c.municipality_id = ${mid} and p.parent is not null and p.parent <> c.resource_id::text
    )`;
}

/** CTE `<name>(id)`: the root id and every id below it (needs `links`). `name` is a fixed identifier, never input. */
function relatedCte(name: 'related' | 'related_finding' | 'related_plan', rootId: string): SQL {
  const n = sql.raw(name);
  return sql`
    ${n}(id) as (
      select ${rootId}::text
      union
      select l.child from links l join ${n} r on l.parent = r.id
    )`;
}

/** CTEs `links(parent, child)` and `related(id)`: the ids of a finding (or plan) and everything under it. */
function relatedIds(mid: string, rootId: string): SQL {
  return sql`${linksCte(mid)}, ${relatedCte('related', rootId)}`;
}

export interface AuditFilter {
  resource?: string | undefined;
  resourceId?: string | undefined;
  userId?: string | undefined;
  /** Entries at or after this time. */
  from?: Date | undefined;
  /** Entries strictly before this time. */
  before?: Date | undefined;
  /** Entries touching the finding or anything under it. */
  findingId?: string | undefined;
  /** Entries touching the plan or anything under it. */
  planId?: string | undefined;
}

export interface AuditEntryRow {
  seq: number;
  /** ISO time with milliseconds, in UTC. */
  at: string;
  userId: string | null;
  userName: string | null;
  via: string;
  resource: string;
  resourceId: string;
  action: string;
  changeCount: number;
  prevHash: string;
  hash: string;
}

export interface AuditChangeRow {
  auditSeq: number;
  resource: string;
  resourceId: string;
  action: string;
  before: unknown;
  after: unknown;
}

type RawEntry = Omit<AuditEntryRow, 'seq'> & { seq: string };
type RawChange = { auditSeq: string; resource: string; resourceId: string; action: string; before: string | null; after: string | null };

/** The WITH clause (for the finding/plan filters) and the condition on `audit_entries e`. */
function auditQuery(mid: string, f: AuditFilter): { withClause: SQL; where: SQL } {
  const ctes: SQL[] = [];
  if (f.findingId || f.planId) ctes.push(linksCte(mid));
  if (f.findingId) ctes.push(relatedCte('related_finding', f.findingId));
  if (f.planId) ctes.push(relatedCte('related_plan', f.planId));
  const withClause = ctes.length ? sql`with recursive ${sql.join(ctes, sql`, `)} ` : sql``;

  const conds: SQL[] = [sql`e.municipality_id = ${mid}`];
  if (f.userId) conds.push(sql`e.user_id = ${f.userId}`);
  if (f.from) conds.push(sql`e.at >= ${f.from.toISOString()}::timestamptz`);
  if (f.before) conds.push(sql`e.at < ${f.before.toISOString()}::timestamptz`);
  const change = (cond: SQL) => sql`exists (select 1 from change_log c where c.municipality_id = e.municipality_id and c.audit_seq = e.seq and ${cond})`;
  if (f.resource || f.resourceId) {
    const c: SQL[] = [];
    if (f.resource) c.push(sql`c.resource = ${f.resource}`);
    if (f.resourceId) c.push(sql`c.resource_id = ${f.resourceId}`);
    conds.push(change(sql.join(c, sql` and `)));
  }
  if (f.findingId) conds.push(change(sql`c.resource_id::text in (select id from related_finding)`));
  if (f.planId) conds.push(change(sql`c.resource_id::text in (select id from related_plan)`));
  return { withClause, where: sql.join(conds, sql` and `) };
}

const entryColumns = sql`e.seq::text as seq, to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, e.user_id::text as "userId", u.name as "userName",
  e.via, e.resource, e.resource_id::text as "resourceId", e.action, e.change_count as "changeCount", e.prev_hash as "prevHash", e.hash`;
const entryFrom = sql`audit_entries e left join users u on u.municipality_id = e.municipality_id and u.id = e.user_id`;
const toEntry = (r: RawEntry): AuditEntryRow => ({ ...r, seq: Number(r.seq), changeCount: Number(r.changeCount) });

/** The audit trail (audit_entries with their change_log rows). SQL only; the municipality id comes first. */
export const auditRepository = {
  /** A page of entries, newest first, with the total matching the filter. */
  async page(db: Executor, mid: string, filter: AuditFilter, paging: Paging): Promise<{ rows: AuditEntryRow[]; total: number }> {
    const { withClause, where } = auditQuery(mid, filter);
    const [totalRow] = await queryRows<{ total: number }>(db, sql`${withClause}select count(*)::int as total from audit_entries e where ${where}`);
    const rows = await queryRows<RawEntry>(
      db,
      sql`${withClause}select ${entryColumns} from ${entryFrom} where ${where} order by e.seq desc limit ${paging.limit} offset ${paging.offset}`,
    );
    return { rows: rows.map(toEntry), total: Number(totalRow?.total ?? 0) };
  },

  /** Up to `limit` entries after `afterSeq`, oldest first: keyset paging for exports of any size. */
  async after(db: Executor, mid: string, filter: AuditFilter, afterSeq: number, limit: number): Promise<AuditEntryRow[]> {
    const { withClause, where } = auditQuery(mid, filter);
    const rows = await queryRows<RawEntry>(
      db,
      sql`${withClause}select ${entryColumns} from ${entryFrom} where ${where} and e.seq > ${afterSeq} order by e.seq limit ${limit}`,
    );
    return rows.map(toEntry);
  },

  /** Names of the municipality's users among the ids. */
  async userNames(db: Executor, mid: string, ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await queryRows<{ id: string; name: string }>(
      db,
      sql`select id::text as id, name from users where municipality_id = ${mid} and id in (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  },

  /** The change rows of the given entries, in the order they were recorded. */
  async changesOf(db: Executor, mid: string, seqs: number[]): Promise<AuditChangeRow[]> {
    if (!seqs.length) return [];
    const rows = await queryRows<RawChange>(
      db,
      sql`select audit_seq::text as "auditSeq", resource, resource_id::text as "resourceId", action, before::text as before, after::text as after
            from change_log where municipality_id = ${mid} and audit_seq in (${sql.join(
              seqs.map((s) => sql`${s}`),
              sql`, `,
            )}) order by audit_seq, seq`,
    );
    return rows.map((r) => ({
      auditSeq: Number(r.auditSeq),
      resource: r.resource,
      resourceId: r.resourceId,
      action: r.action,
      before: r.before === null ? null : JSON.parse(r.before),
      after: r.after === null ? null : JSON.parse(r.after),
    }));
  },
};
