import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/engine.js';
import { actionPlans, deadlineRevisions, measureRecommendations, measures, planRevisions } from '../../db/schema/index.js';

/**
 * Plan revisions. An approved plan is locked; revising it opens revision N + 1 in draft on the
 * plan's own rows, while revision N stays in `plan_revisions` as a JSON snapshot. Measures are
 * named by id in every snapshot: a measure keeps its statuses, evidence, owner and deadline
 * history across revisions.
 */

export interface SnapshotMeasure {
  id: string;
  position: number;
  number: string;
  title: string;
  text: string | null;
  responsibleUnit: string | null;
  responsiblePerson: string | null;
  ownerUserId: string | null;
  deadline: string | null;
  deadlineDue: string | null;
  followUpPoint: string | null;
  expectedEffect: string | null;
  recommendationIds: string[];
}

export interface PlanSnapshot {
  departmentId: string;
  crossCutting: boolean;
  problem: string | null;
  extent: string | null;
  overallDeadline: string | null;
  overallDeadlineDue: string | null;
  measures: SnapshotMeasure[];
}

type MeasureRow = typeof measures.$inferSelect;
type PlanRow = typeof actionPlans.$inferSelect;

/** The plan as its rows stand now (its current, not removed, measures), as a snapshot. */
export async function snapshotOf(ex: Executor, mid: string, plan: PlanRow): Promise<PlanSnapshot> {
  const rows = await currentMeasures(ex, mid, [plan.id]);
  const links = rows.length
    ? await ex
        .select({ measureId: measureRecommendations.measureId, recommendationId: measureRecommendations.recommendationId })
        .from(measureRecommendations)
        .where(
          and(
            eq(measureRecommendations.municipalityId, mid),
            inArray(
              measureRecommendations.measureId,
              rows.map((m) => m.id),
            ),
          ),
        )
    : [];
  return {
    departmentId: plan.departmentId,
    crossCutting: plan.crossCutting,
    problem: plan.problem,
    extent: plan.extent,
    overallDeadline: plan.overallDeadline,
    overallDeadlineDue: plan.overallDeadlineDue,
    measures: rows.map((m) => ({
      id: m.id,
      position: m.position,
      number: m.number,
      title: m.title,
      text: m.text,
      responsibleUnit: m.responsibleUnit,
      responsiblePerson: m.responsiblePerson,
      ownerUserId: m.ownerUserId,
      deadline: m.deadline,
      deadlineDue: m.deadlineDue,
      followUpPoint: m.followUpPoint,
      expectedEffect: m.expectedEffect,
      recommendationIds: links
        .filter((l) => l.measureId === m.id)
        .map((l) => l.recommendationId)
        .sort(),
    })),
  };
}

/** The plan's measures that no revision removed, in the plan's order. */
export function currentMeasures(ex: Executor, mid: string, planIds: string[]): Promise<MeasureRow[]> {
  if (!planIds.length) return Promise.resolve([]);
  return ex
    .select()
    .from(measures)
    .where(and(eq(measures.municipalityId, mid), inArray(measures.planId, planIds), isNull(measures.removedInRevision)))
    .orderBy(asc(measures.planId), asc(measures.position), asc(measures.createdAt));
}

/** Whether the plan is writing a new revision while an earlier one stays approved. */
export const revisionInProgress = (plan: Pick<PlanRow, 'state' | 'revision'>) => plan.state !== 'approved' && plan.revision > 1;

/** The number of the revision in force (approved), or null when the plan was never approved. */
export const approvedRevisionNumber = (plan: Pick<PlanRow, 'state' | 'revision'>): number | null =>
  plan.state === 'approved' ? plan.revision : plan.revision > 1 ? plan.revision - 1 : null;

export async function snapshotRow(ex: Executor, mid: string, planId: string, number: number) {
  const [row] = await ex
    .select()
    .from(planRevisions)
    .where(and(eq(planRevisions.municipalityId, mid), eq(planRevisions.planId, planId), eq(planRevisions.number, number)));
  return row ? { ...row, snapshot: row.snapshot as PlanSnapshot } : undefined;
}

/**
 * Which revision of each plan to show: the one `pinned` names (the revision a follow-up round
 * answers, round_plan_revisions), otherwise the approved one. Plans never approved show their rows.
 */
export type PinnedRevisions = ReadonlyMap<string, number>;

const shownRevision = (plan: Pick<PlanRow, 'id' | 'state' | 'revision'>, pinned?: PinnedRevisions): number | null =>
  pinned?.get(plan.id) ?? approvedRevisionNumber(plan);

/** Whether the plan's own rows are the revision to show (it is approved at that revision, or was never approved). */
const showsLiveRows = (plan: Pick<PlanRow, 'id' | 'state' | 'revision'>, pinned?: PinnedRevisions) => {
  const n = shownRevision(plan, pinned);
  return n === null || (plan.state === 'approved' && plan.revision === n);
};

/** The kept snapshots (and when each was kept) of the revisions to show that are not the plans' own rows, by plan id. */
async function shownSnapshots(
  ex: Executor,
  mid: string,
  plans: Pick<PlanRow, 'id' | 'state' | 'revision'>[],
  pinned?: PinnedRevisions,
): Promise<Map<string, { number: number; snapshot: PlanSnapshot; createdAt: Date }>> {
  const kept = plans.filter((p) => !showsLiveRows(p, pinned));
  if (!kept.length) return new Map();
  const rows = await ex
    .select({ planId: planRevisions.planId, number: planRevisions.number, snapshot: planRevisions.snapshot, createdAt: planRevisions.createdAt })
    .from(planRevisions)
    .where(
      and(
        eq(planRevisions.municipalityId, mid),
        inArray(
          planRevisions.planId,
          kept.map((p) => p.id),
        ),
      ),
    );
  const out = new Map<string, { number: number; snapshot: PlanSnapshot; createdAt: Date }>();
  for (const p of kept) {
    const number = shownRevision(p, pinned);
    const row = rows.find((r) => r.planId === p.id && r.number === number);
    if (row) out.set(p.id, { number: row.number, snapshot: row.snapshot as PlanSnapshot, createdAt: row.createdAt });
  }
  return out;
}

/**
 * A plan row as approved: while a new revision is in draft (or submitted), its fields and state
 * are those of the approved revision; otherwise the row itself. With `pinned`, the fields of the
 * revision it names (a round's report shows the revision the round answered).
 */
export async function plansAsApproved<P extends PlanRow>(ex: Executor, mid: string, plans: P[], pinned?: PinnedRevisions): Promise<P[]> {
  const snapshots = await shownSnapshots(ex, mid, plans, pinned);
  return plans.map((p) => {
    const kept = snapshots.get(p.id);
    if (!kept) return p;
    const s = kept.snapshot;
    return {
      ...p,
      state: 'approved' as const,
      revision: kept.number,
      problem: s.problem,
      extent: s.extent,
      overallDeadline: s.overallDeadline,
      overallDeadlineDue: s.overallDeadlineDue,
    };
  });
}

export interface ApprovedMeasure extends MeasureRow {
  recommendationIds: string[];
}

/**
 * The measures "as approved" of a set of plans: for a plan writing a new revision, the measures
 * of its approved revision with the values they were approved with (same ids, so statuses and
 * evidence follow); for any other plan its current measures. Follow-up rounds answer these, and
 * documents print them. With `pinned`, the measures of the revision it names instead (a round's
 * report). In the plans' order, then by position.
 */
export async function approvedMeasuresOf(
  ex: Executor,
  mid: string,
  plans: Pick<PlanRow, 'id' | 'state' | 'revision'>[],
  pinned?: PinnedRevisions,
): Promise<ApprovedMeasure[]> {
  if (!plans.length) return [];
  const snapshots = await shownSnapshots(ex, mid, plans, pinned);
  // Every row of the plans, removed ones too: a measure the draft removes is still approved
  const rows = await ex
    .select()
    .from(measures)
    .where(
      and(
        eq(measures.municipalityId, mid),
        inArray(
          measures.planId,
          plans.map((p) => p.id),
        ),
      ),
    )
    .orderBy(asc(measures.position), asc(measures.createdAt));
  const links = rows.length
    ? await ex
        .select({ measureId: measureRecommendations.measureId, recommendationId: measureRecommendations.recommendationId })
        .from(measureRecommendations)
        .where(
          and(
            eq(measureRecommendations.municipalityId, mid),
            inArray(
              measureRecommendations.measureId,
              rows.map((m) => m.id),
            ),
          ),
        )
    : [];
  const byId = new Map(rows.map((m) => [m.id, m]));
  // Deadlines a submitted status moved (the deadline in force changes without a new revision)
  const moved = snapshots.size
    ? await ex
        .select({
          measureId: deadlineRevisions.measureId,
          deadline: deadlineRevisions.deadline,
          deadlineDue: deadlineRevisions.deadlineDue,
          createdAt: deadlineRevisions.createdAt,
        })
        .from(deadlineRevisions)
        .where(
          and(
            eq(deadlineRevisions.municipalityId, mid),
            eq(deadlineRevisions.source, 'statusEntry'),
            inArray(
              deadlineRevisions.measureId,
              rows.map((m) => m.id),
            ),
          ),
        )
        .orderBy(asc(deadlineRevisions.createdAt))
    : [];
  const out: ApprovedMeasure[] = [];
  for (const plan of plans) {
    const kept = snapshots.get(plan.id);
    if (kept) {
      for (const s of [...kept.snapshot.measures].sort((a, b) => a.position - b.position)) {
        const row = byId.get(s.id);
        // A measure the draft added does not exist in the snapshot; one it removed is still a row
        if (!row) continue;
        const { recommendationIds, ...fields } = s;
        const move = moved.filter((d) => d.measureId === s.id && d.createdAt > kept.createdAt).at(-1);
        out.push({ ...row, ...fields, ...(move ? { deadline: move.deadline, deadlineDue: move.deadlineDue } : {}), planId: plan.id, recommendationIds });
      }
      continue;
    }
    for (const m of rows) {
      if (m.planId !== plan.id || m.removedInRevision !== null) continue;
      out.push({
        ...m,
        recommendationIds: links
          .filter((l) => l.measureId === m.id)
          .map((l) => l.recommendationId)
          .sort(),
      });
    }
  }
  return out;
}

/**
 * The same rule as SQL, for queries that select measures `m` joined to their plan `p` (the
 * follow-up round's scope): the measure belongs to the plan's approved revision. Replaces
 * `p.state = 'approved'` there.
 */
export function approvedMeasureSql(m = sql.raw('m'), p = sql.raw('p')): SQL {
  return sql`(
    (${p}.state = 'approved' and ${m}.removed_in_revision is null)
    or (${p}.state <> 'approved' and ${p}.revision > 1 and exists (
      select 1 from plan_revisions pr, jsonb_array_elements(pr.snapshot -> 'measures') as pm(value)
      where pr.municipality_id = ${p}.municipality_id and pr.plan_id = ${p}.id and pr.number = ${p}.revision - 1
        and pm.value ->> 'id' = ${m}.id::text)))`;
}

/**
 * SQL rows (plan_id, revision, round_id): the approved revision of every plan that has one, or
 * of those `planFilter` (over the plan alias `ap`) keeps.
 */
export function approvedRevisionsSql(mid: string, planFilter?: SQL): SQL {
  return sql`
    select ap.id as plan_id, case when ap.state = 'approved' then ap.revision else ap.revision - 1 end as revision, null::uuid as round_id
    from action_plans ap
    where ap.municipality_id = ${mid} and (ap.state = 'approved' or ap.revision > 1) ${planFilter ? sql`and ${planFilter}` : sql``}`;
}

/**
 * The measures of given plan revisions as SQL rows, one per measure, with the values that
 * revision holds: `revisions` yields (plan_id, revision, round_id) rows (the approved revisions,
 * or those rounds are pinned to). When the plan's rows are that revision (approved, not revised
 * since), its current measures as they stand. Otherwise the revision's kept snapshot: its
 * measures (by id: rows keep their ids across revisions) with the snapshot's texts, place and
 * owner, and its deadline unless a submitted status moved it since (a delay moves the deadline in
 * force without a new revision). Columns: measure_id, plan_id, department_id, finding_id,
 * plan_created_at, revision, round_id, number, title, text, follow_up_point, expected_effect,
 * position, deadline, deadline_due (date), owner_user_id (uuid).
 */
export function revisionMeasuresSql(mid: string, revisions: SQL): SQL {
  const live = sql`(p.state = 'approved' and p.revision = rv.revision)`;
  // The keys are fixed names, spliced as literals (a bound parameter would leave ->> ambiguous)
  const kept = (field: string, column: SQL) => sql`case when ${live} then ${column} else s.value ->> ${sql.raw(`'${field}'`)} end`;
  return sql`
    select m.id as measure_id, p.id as plan_id, p.department_id, p.finding_id, p.created_at as plan_created_at, rv.revision, rv.round_id,
      ${kept('number', sql`m.number`)} as number,
      ${kept('title', sql`m.title`)} as title,
      ${kept('text', sql`m.text`)} as text,
      ${kept('followUpPoint', sql`m.follow_up_point`)} as follow_up_point,
      ${kept('expectedEffect', sql`m.expected_effect`)} as expected_effect,
      case when ${live} then m.position else (s.value ->> 'position')::int end as position,
      case when ${live} then m.deadline else coalesce(mv.deadline, s.value ->> 'deadline') end as deadline,
      case when ${live} then m.deadline_due else coalesce(mv.deadline_due, (s.value ->> 'deadlineDue')::date) end as deadline_due,
      case when ${live} then m.owner_user_id else (s.value ->> 'ownerUserId')::uuid end as owner_user_id
    from (${revisions}) rv
    join action_plans p on p.municipality_id = ${mid} and p.id = rv.plan_id
    join measures m on m.municipality_id = p.municipality_id and m.plan_id = p.id
    left join plan_revisions pr on pr.municipality_id = p.municipality_id and pr.plan_id = p.id and pr.number = rv.revision and not ${live}
    left join lateral (
      select pm.value from jsonb_array_elements(pr.snapshot -> 'measures') as pm(value) where pm.value ->> 'id' = m.id::text
    ) s on true
    left join lateral (
      select dr.deadline, dr.deadline_due from deadline_revisions dr
      where dr.municipality_id = m.municipality_id and dr.measure_id = m.id and dr.source = 'statusEntry' and dr.created_at > pr.created_at
      order by dr.created_at desc limit 1
    ) mv on true
    where case when ${live} then m.removed_in_revision is null else s.value is not null end`;
}

/** The approved measures of every plan (or of those `planFilter` over `ap` keeps), as `revisionMeasuresSql` gives them. */
export const approvedMeasuresSql = (mid: string, planFilter?: SQL): SQL => revisionMeasuresSql(mid, approvedRevisionsSql(mid, planFilter));

// Comparison

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface MeasureChange {
  measureId: string;
  number: string;
  title: string;
  change: 'added' | 'removed' | 'changed';
  fields: FieldChange[];
}

export interface RevisionComparison {
  plan: FieldChange[];
  measures: MeasureChange[];
}

const planCompared = ['departmentId', 'crossCutting', 'problem', 'extent', 'overallDeadline'] as const;
const measureCompared = [
  'number',
  'position',
  'title',
  'text',
  'responsibleUnit',
  'responsiblePerson',
  'ownerUserId',
  'deadline',
  'followUpPoint',
  'expectedEffect',
  'recommendationIds',
] as const;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Field by field, what changed from one revision to another: the plan's fields, then each measure
 * (by identity, not by number) added, removed or changed, in the later revision's order with
 * removed measures last.
 */
export function compareSnapshots(from: PlanSnapshot, to: PlanSnapshot): RevisionComparison {
  const plan = planCompared.filter((f) => !same(from[f], to[f])).map((f) => ({ field: f, before: from[f], after: to[f] }));
  const before = new Map(from.measures.map((m) => [m.id, m]));
  const after = new Set(to.measures.map((m) => m.id));
  const changes: MeasureChange[] = [];
  for (const m of [...to.measures].sort((a, b) => a.position - b.position)) {
    const old = before.get(m.id);
    if (!old) {
      changes.push({
        measureId: m.id,
        number: m.number,
        title: m.title,
        change: 'added',
        fields: measureCompared.filter((f) => f !== 'position' && !same(null, emptyToNull(m[f]))).map((f) => ({ field: f, before: null, after: m[f] })),
      });
      continue;
    }
    const fields = measureCompared.filter((f) => !same(old[f], m[f])).map((f) => ({ field: f, before: old[f], after: m[f] }));
    if (fields.length) changes.push({ measureId: m.id, number: m.number, title: m.title, change: 'changed', fields });
  }
  for (const m of [...from.measures].sort((a, b) => a.position - b.position)) {
    if (!after.has(m.id)) changes.push({ measureId: m.id, number: m.number, title: m.title, change: 'removed', fields: [] });
  }
  return { plan, measures: changes };
}

const emptyToNull = (v: unknown) => (Array.isArray(v) && v.length === 0 ? null : v);
