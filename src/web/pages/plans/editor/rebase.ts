import type { ConflictRow } from '../../../components/plans/ConflictView';
import { measureFields, planFields, type MeasureDraft, type PlanDraft } from '../../../components/plans/draft';

export const ifMatch = (v: number | null) => ({ 'if-match': `"${v ?? 0}"` });
/** DOM id of the "add measure" button (focus goes there when a measure is removed). */
export const ADD_ID = 'plan-add-measure';

/** A save that met a newer version: both versions of the part it concerns, side by side. */
export interface Conflict {
  scope: string;
  title: string;
  rows: ConflictRow[];
  note?: string;
}

/**
 * Merges the form onto a fresh copy of the plan: what the user changed stays, what they did not
 * change follows the server. `theirs` names the one part (plan or a measure key) to take from the
 * server whole, when the user chose "continue from the current version".
 */
export function rebase(draft: PlanDraft, old: PlanDraft, fresh: PlanDraft, theirs: string | null): PlanDraft {
  const pick = <T>(mine: T, was: T, now: T, take: boolean) => (take || JSON.stringify(mine) === JSON.stringify(was) ? now : mine);
  const out: PlanDraft = { ...fresh, measures: [] };
  for (const f of planFields) out[f] = pick(draft[f], old[f], fresh[f], theirs === 'plan');
  const freshByKey = new Map(fresh.measures.map((m) => [m.key, m]));
  const oldByKey = new Map(old.measures.map((m) => [m.key, m]));
  const draftKeys = new Set(draft.measures.map((m) => m.key));
  for (const m of draft.measures) {
    if (!m.id) {
      out.measures.push(m);
      continue;
    }
    const now = freshByKey.get(m.key);
    const was = oldByKey.get(m.key);
    if (!now) continue; // deleted by someone else
    const merged: MeasureDraft = { ...now };
    for (const f of measureFields) merged[f] = pick(m[f], was?.[f] ?? m[f], now[f], theirs === m.key);
    merged.recommendationIds = pick(m.recommendationIds, was?.recommendationIds ?? m.recommendationIds, now.recommendationIds, theirs === m.key);
    out.measures.push(merged);
  }
  // Measures someone else added (not ones this user removed) join at the end.
  for (const m of fresh.measures) if (!draftKeys.has(m.key) && !oldByKey.has(m.key)) out.measures.push(m);
  return out;
}
