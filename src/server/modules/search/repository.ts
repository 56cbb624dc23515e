import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/engine.js';
import { approvedMeasuresSql } from '../plans/revisions.js';
import type { SearchHitKind } from './schemas.js';

export interface SearchRow {
  kind: SearchHitKind;
  id: string;
  finding_id: string | null;
  plan_id: string | null;
  title: string;
  snippet: string;
  rank: number;
  total: number;
}

/**
 * Full-text search over everything a municipality writes about its findings, in one statement:
 * each branch matches one kind of text, ranked together, with the total counted before the limit.
 */
export const searchRepository = {
  /** `publicOnly` (readers): no confidential findings, only approved plans, no comments. */
  async search(db: Executor, mid: string, config: 'danish' | 'swedish' | 'english', q: string, limit: number, publicOnly = false): Promise<SearchRow[]> {
    // The configuration comes from a closed set, so it can be spliced in as a literal.
    const cfg = sql.raw(`'${config}'::regconfig`);
    const query = sql`websearch_to_tsquery(${cfg}, ${q})`;
    const matches = (doc: SQL) => sql`to_tsvector(${cfg}, ${doc}) @@ ${query}`;

    const findingDoc = sql`f.title || ' ' || f.observations || ' ' || coalesce(f.risks, '')`;
    const planDoc = sql`coalesce(p.problem, '') || ' ' || coalesce(p.extent, '')`;
    const open = (f: SQL) => (publicOnly ? sql`and not coalesce(${f}, false)` : sql``);
    // Readers search what they may read: the approved revision of plans that have one (its texts
    // and measures, also while a new revision is written); staff search the plans as they stand.
    const planSource = publicOnly
      ? sql`(
          select ap.municipality_id, ap.id, ap.finding_id, ap.department_id,
            case when ap.state = 'approved' then ap.problem else pr.snapshot ->> 'problem' end as problem,
            case when ap.state = 'approved' then ap.extent else pr.snapshot ->> 'extent' end as extent
          from action_plans ap
          left join plan_revisions pr on pr.municipality_id = ap.municipality_id and pr.plan_id = ap.id and pr.number = ap.revision - 1
          where ap.municipality_id = ${mid} and (ap.state = 'approved' or (ap.revision > 1 and pr.id is not null)))`
      : sql`action_plans`;
    const measureSource = publicOnly
      ? sql`(${approvedMeasuresSql(mid)})`
      : sql`(select m.id as measure_id, m.plan_id, p.finding_id, m.number, m.title, m.text, m.follow_up_point, m.expected_effect
              from measures m join action_plans p on p.municipality_id = m.municipality_id and p.id = m.plan_id
              where m.municipality_id = ${mid})`;
    const measureDoc = sql`m.title || ' ' || coalesce(m.text, '') || ' ' || coalesce(m.follow_up_point, '') || ' ' || coalesce(m.expected_effect, '')`;

    const hits = sql`
      select 'finding' as kind, f.id, f.id as finding_id, null::uuid as plan_id, f.title, ${findingDoc} as doc
        from findings f
       where f.municipality_id = ${mid} and ${matches(findingDoc)} ${open(sql`f.confidential`)}
      union all
      select 'recommendation', r.id, r.finding_id, null::uuid, f.title, r.text
        from recommendations r
        join findings f on f.municipality_id = r.municipality_id and f.id = r.finding_id
       where r.municipality_id = ${mid} and ${matches(sql`r.text`)} ${open(sql`f.confidential`)}
      union all
      select 'plan', p.id, p.finding_id, p.id, d.code || ': ' || coalesce(f.title, ''), ${planDoc}
        from ${planSource} p
        join departments d on d.municipality_id = p.municipality_id and d.id = p.department_id
        left join findings f on f.municipality_id = p.municipality_id and f.id = p.finding_id
       where p.municipality_id = ${mid} and ${matches(planDoc)} ${open(sql`f.confidential`)}
      union all
      select 'measure', m.measure_id, m.finding_id, m.plan_id, m.number || ' ' || m.title, ${measureDoc}
        from ${measureSource} m
        left join findings f on f.municipality_id = ${mid} and f.id = m.finding_id
       where ${matches(measureDoc)} ${open(sql`f.confidential`)}
      union all
      select 'comment', c.id, f.id, p.id, coalesce(m.number || ' ' || m.title, f.title, ''), c.body
        from comments c
        left join measures m on m.municipality_id = c.municipality_id and m.id = c.measure_id
        left join action_plans p on p.municipality_id = c.municipality_id and p.id = coalesce(c.plan_id, m.plan_id)
        left join findings f on f.municipality_id = c.municipality_id and f.id = coalesce(c.finding_id, p.finding_id)
       where c.municipality_id = ${mid} and ${matches(sql`c.body`)} ${publicOnly ? sql`and false` : sql``}`;

    return queryRows<SearchRow>(
      db,
      sql`
      select kind, id, finding_id, plan_id, title, rank, total,
             ts_headline(${cfg}, doc, ${query}, 'StartSel=«, StopSel=», MaxFragments=1, MaxWords=20') as snippet
        from (select hits.*, ts_rank(to_tsvector(${cfg}, doc), ${query}) as rank, (count(*) over ())::int as total
                from (${hits}) hits
               order by rank desc, kind, id
               limit ${limit}) top
       order by rank desc, kind, id`,
    );
  },
};
