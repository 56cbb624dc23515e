import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/engine.js';
import { actionPlans, measureRecommendations, measures, planRevisions } from '../../db/schema/index.js';

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
        .where(and(eq(measureRecommendations.municipalityId, mid), inArray(measureRecommendations.measureId, rows.map((m) => m.id))))
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
      recommendationIds: links.filter((l) => l.measureId === m.id).map((l) => l.recommendationId).sort(),
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

/** The approved snapshots of the plans that are writing a new revision, by plan id. */
async function approvedSnapshots(ex: Executor, mid: string, plans: Pick<PlanRow, 'id' | 'state' | 'revision'>[]): Promise<Map<string, PlanSnapshot>> {
  const inProgress = plans.filter(revisionInProgress);
  if (!inProgress.length) return new Map();
  const rows = await ex
    .select({ planId: planRevisions.planId, number: planRevisions.number, snapshot: planRevisions.snapshot })
    .from(planRevisions)
    .where(and(eq(planRevisions.municipalityId, mid), inArray(planRevisions.planId, inProgress.map((p) => p.id))));
  const out = new Map<string, PlanSnapshot>();
  for (const p of inProgress) {
    const row = rows.find((r) => r.planId === p.id && r.number === p.revision - 1);
    if (row) out.set(p.id, row.snapshot as PlanSnapshot);
  }
  return out;
}

/**
 * A plan row as approved: while a new revision is in draft (or submitted), its fields and state
 * are those of the approved revision; otherwise the row itself.
 */
export async function plansAsApproved<P extends PlanRow>(ex: Executor, mid: string, plans: P[]): Promise<P[]> {
  const snapshots = await approvedSnapshots(ex, mid, plans);
  return plans.map((p) => {
    const s = snapshots.get(p.id);
    if (!s) return p;
    return {
      ...p,
      state: 'approved' as const,
      revision: p.revision - 1,
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
 * documents print them. In the plans' order, then by position.
 */
export async function approvedMeasuresOf(ex: Executor, mid: string, plans: Pick<PlanRow, 'id' | 'state' | 'revision'>[]): Promise<ApprovedMeasure[]> {
  if (!plans.length) return [];
  const snapshots = await approvedSnapshots(ex, mid, plans);
  // Every row of the plans, removed ones too: a measure the draft removes is still approved
  const rows = await ex
    .select()
    .from(measures)
    .where(and(eq(measures.municipalityId, mid), inArray(measures.planId, plans.map((p) => p.id))))
    .orderBy(asc(measures.position), asc(measures.createdAt));
  const links = rows.length
    ? await ex
        .select({ measureId: measureRecommendations.measureId, recommendationId: measureRecommendations.recommendationId })
        .from(measureRecommendations)
        .where(and(eq(measureRecommendations.municipalityId, mid), inArray(measureRecommendations.measureId, rows.map((m) => m.id))))
    : [];
  const byId = new Map(rows.map((m) => [m.id, m]));
  const out: ApprovedMeasure[] = [];
  for (const plan of plans) {
    const snapshot = snapshots.get(plan.id);
    if (snapshot) {
      for (const s of [...snapshot.measures].sort((a, b) => a.position - b.position)) {
        const row = byId.get(s.id);
        // A measure the draft added does not exist in the snapshot; one it removed is still a row
        if (!row) continue;
        const { recommendationIds, ...fields } = s;
        out.push({ ...row, ...fields, planId: plan.id, recommendationIds });
      }
      continue;
    }
    for (const m of rows) {
      if (m.planId !== plan.id || m.removedInRevision !== null) continue;
      out.push({ ...m, recommendationIds: links.filter((l) => l.measureId === m.id).map((l) => l.recommendationId).sort() });
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
const measureCompared = ['number', 'position', 'title', 'text', 'responsibleUnit', 'responsiblePerson', 'ownerUserId', 'deadline', 'followUpPoint', 'expectedEffect', 'recommendationIds'] as const;

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
      changes.push({ measureId: m.id, number: m.number, title: m.title, change: 'added', fields: measureCompared.filter((f) => f !== 'position' && !same(null, emptyToNull(m[f]))).map((f) => ({ field: f, before: null, after: m[f] })) });
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
