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
  async list(db: Executor, mid: string, filter: { resource?: string | undefined; resourceId?: string | undefined }, paging: Paging): Promise<{ rows: ChangeRow[]; total: number }> {
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
 * CTEs `links(parent, child)` and `related(id)`: the ids of a finding and everything under it,
 * collected recursively from two sources of parent-child links: the current rows (plans,
 * measures, status entries, evidence, comments, ...) and the change log itself, whose recorded
 * representations name their parent, so children deleted since still belong to the history.
 */
function relatedIds(mid: string, findingId: string): SQL {
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
    ),
    related(id) as (
      select ${findingId}::text
      union
      select l.child from links l join related r on l.parent = r.id
    )`;
}
