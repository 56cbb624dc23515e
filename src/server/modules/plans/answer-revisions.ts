import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/engine.js';
import { answerDocuments, answerRevisions } from '../../db/schema/index.js';

/**
 * Answer-document revisions, like a plan's: an approved answer is locked; revising it opens
 * revision N + 1 in draft on the answer's own row, while revision N stays in `answer_revisions`
 * (its content as a JSON snapshot, with its approval). Readers and documents show the approved
 * revision until the new one is approved.
 */

type AnswerRow = typeof answerDocuments.$inferSelect;
export type AnswerRevisionRow = typeof answerRevisions.$inferSelect;

/** What an answer says: the fields a revision keeps. */
export interface AnswerSnapshot {
  dueDate: string | null;
  decisionPlan: string[];
  recipients: string[];
  responsibleOfficials: string[];
  sentOn: string | null;
}

export const answerSnapshotOf = (a: AnswerRow): AnswerSnapshot => ({
  dueDate: a.dueDate,
  decisionPlan: a.decisionPlan,
  recipients: a.recipients,
  responsibleOfficials: a.responsibleOfficials,
  sentOn: a.sentOn,
});

/** Whether the answer is writing a new revision while an earlier one stays approved. */
export const answerRevisionInProgress = (a: Pick<AnswerRow, 'state' | 'revision'>) => a.state !== 'approved' && a.revision > 1;

/** The number of the answer's revision in force (approved), or null when it was never approved. */
export const approvedAnswerRevision = (a: Pick<AnswerRow, 'state' | 'revision'>): number | null =>
  a.state === 'approved' ? a.revision : a.revision > 1 ? a.revision - 1 : null;

/** Keeps the answer's current row as revision `a.revision`, with its approval (at approval, or when revising one approved before revisions were kept). */
export async function keepAnswerRevision(ex: Executor, a: AnswerRow): Promise<void> {
  await ex
    .insert(answerRevisions)
    .values({
      municipalityId: a.municipalityId,
      answerId: a.id,
      number: a.revision,
      snapshot: answerSnapshotOf(a),
      approvedOn: a.approvedOn,
      approvedBy: a.approvedBy,
      approvedAtMeetingId: a.approvedAtMeetingId,
      approvalNote: a.approvalNote,
    })
    .onConflictDoNothing();
}

export async function answerRevisionsOf(ex: Executor, mid: string, answerIds: string[]): Promise<AnswerRevisionRow[]> {
  if (!answerIds.length) return [];
  return ex
    .select()
    .from(answerRevisions)
    .where(and(eq(answerRevisions.municipalityId, mid), inArray(answerRevisions.answerId, answerIds)))
    .orderBy(asc(answerRevisions.answerId), asc(answerRevisions.number));
}

/**
 * Answer rows as approved: while a new revision is written (or submitted), the content, state and
 * approval of the approved revision; any other row as it stands.
 */
export async function answersAsApproved(ex: Executor, mid: string, rows: AnswerRow[]): Promise<AnswerRow[]> {
  const inProgress = rows.filter(answerRevisionInProgress);
  const kept = await answerRevisionsOf(
    ex,
    mid,
    inProgress.map((a) => a.id),
  );
  return rows.map((a) => {
    if (!answerRevisionInProgress(a)) return a;
    const r = kept.find((k) => k.answerId === a.id && k.number === a.revision - 1);
    if (!r) return a;
    return {
      ...a,
      ...(r.snapshot as AnswerSnapshot),
      state: 'approved' as const,
      revision: r.number,
      returnComment: null,
      approvedOn: r.approvedOn,
      approvedBy: r.approvedBy,
      approvedAtMeetingId: r.approvedAtMeetingId,
      approvalNote: r.approvalNote,
    };
  });
}
