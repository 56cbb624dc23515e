import { and, asc, eq, getTableColumns, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/engine.js';
import { actionPlans, comments, evidence, findings, measures, roundSubmissions, statusEntries, users } from '../../db/schema/index.js';
import type { CommentTargetKind, EvidenceTargetKind } from './schemas.js';

const { content: _content, ...evidenceMeta } = getTableColumns(evidence);

export type EvidenceMetaRow = Omit<typeof evidence.$inferSelect, 'content'>;
export type CommentRow = typeof comments.$inferSelect & { authorName: string | null };

const evidenceTargetColumn = { finding: evidence.findingId, measure: evidence.measureId, statusEntry: evidence.statusEntryId } as const;
const commentTargetColumn = { finding: comments.findingId, plan: comments.planId, measure: comments.measureId } as const;

/** SQL only: every function takes the municipality id first and filters by it. */
export const attachmentRepository = {
  async targetExists(db: Executor, mid: string, kind: EvidenceTargetKind | CommentTargetKind, id: string): Promise<boolean> {
    const table = { finding: findings, plan: actionPlans, measure: measures, statusEntry: statusEntries }[kind];
    const [row] = await db
      .select({ id: table.id })
      .from(table)
      .where(and(eq(table.municipalityId, mid), eq(table.id, id)));
    return Boolean(row);
  },

  /**
   * Whose evidence target it is, for the upload permission: the departments of a finding, the
   * plan's department and the measure's owner for a measure, and the same for a status entry's
   * measure (via its submission's department).
   */
  async targetOwnership(db: Executor, mid: string, kind: EvidenceTargetKind, id: string): Promise<{ departmentIds: string[]; ownerUserId: string | null }> {
    const rows = await queryRows<{ department_id: string; owner_user_id: string | null }>(
      db,
      kind === 'finding'
        ? sql`select department_id, null::uuid as owner_user_id from finding_departments where municipality_id = ${mid} and finding_id = ${id}`
        : kind === 'measure'
          ? sql`select p.department_id, m.owner_user_id from measures m join action_plans p on p.municipality_id = m.municipality_id and p.id = m.plan_id
                 where m.municipality_id = ${mid} and m.id = ${id}`
          : sql`select s.department_id, m.owner_user_id from status_entries e
                  join round_submissions s on s.municipality_id = e.municipality_id and s.id = e.submission_id
                  join measures m on m.municipality_id = e.municipality_id and m.id = e.measure_id
                 where e.municipality_id = ${mid} and e.id = ${id}`,
    );
    return { departmentIds: rows.map((r) => r.department_id), ownerUserId: rows[0]?.owner_user_id ?? null };
  },

  /** The state of the submission a status entry belongs to, or undefined when there is no such entry. */
  async submissionStateOfEntry(db: Executor, mid: string, statusEntryId: string): Promise<string | undefined> {
    const [row] = await db
      .select({ state: roundSubmissions.state })
      .from(statusEntries)
      .innerJoin(roundSubmissions, and(eq(roundSubmissions.municipalityId, statusEntries.municipalityId), eq(roundSubmissions.id, statusEntries.submissionId)))
      .where(and(eq(statusEntries.municipalityId, mid), eq(statusEntries.id, statusEntryId)));
    return row?.state;
  },

  async listEvidence(db: Executor, mid: string, kind: EvidenceTargetKind, targetId: string): Promise<EvidenceMetaRow[]> {
    return db
      .select(evidenceMeta)
      .from(evidence)
      .where(and(eq(evidence.municipalityId, mid), eq(evidenceTargetColumn[kind], targetId)))
      .orderBy(asc(evidence.createdAt), asc(evidence.id));
  },

  async getEvidence(db: Executor, mid: string, id: string): Promise<EvidenceMetaRow | undefined> {
    const [row] = await db
      .select(evidenceMeta)
      .from(evidence)
      .where(and(eq(evidence.municipalityId, mid), eq(evidence.id, id)));
    return row;
  },

  async getEvidenceContent(db: Executor, mid: string, id: string): Promise<(EvidenceMetaRow & { content: Buffer }) | undefined> {
    const [row] = await db
      .select()
      .from(evidence)
      .where(and(eq(evidence.municipalityId, mid), eq(evidence.id, id)));
    return row;
  },

  async insertEvidence(db: Executor, values: typeof evidence.$inferInsert): Promise<EvidenceMetaRow> {
    const [row] = await db.insert(evidence).values(values).returning(evidenceMeta);
    return row!;
  },

  async deleteEvidence(db: Executor, mid: string, id: string): Promise<void> {
    await db.delete(evidence).where(and(eq(evidence.municipalityId, mid), eq(evidence.id, id)));
  },

  async listComments(db: Executor, mid: string, kind: CommentTargetKind, targetId: string): Promise<CommentRow[]> {
    return commentsWithAuthor(db)
      .where(and(eq(comments.municipalityId, mid), eq(commentTargetColumn[kind], targetId)))
      .orderBy(asc(comments.createdAt), asc(comments.id));
  },

  async getComment(db: Executor, mid: string, id: string): Promise<CommentRow | undefined> {
    const [row] = await commentsWithAuthor(db).where(and(eq(comments.municipalityId, mid), eq(comments.id, id)));
    return row;
  },

  async insertComment(db: Executor, values: typeof comments.$inferInsert): Promise<string> {
    const [row] = await db.insert(comments).values(values).returning({ id: comments.id });
    return row!.id;
  },

  async updateComment(db: Executor, mid: string, id: string, version: number, body: string): Promise<boolean> {
    const rows = await db
      .update(comments)
      .set({ body, version: sql`${comments.version} + 1`, updatedAt: new Date() })
      .where(and(eq(comments.municipalityId, mid), eq(comments.id, id), eq(comments.version, version)))
      .returning({ id: comments.id });
    return rows.length > 0;
  },

  async deleteComment(db: Executor, mid: string, id: string, version: number): Promise<boolean> {
    const rows = await db
      .delete(comments)
      .where(and(eq(comments.municipalityId, mid), eq(comments.id, id), eq(comments.version, version)))
      .returning({ id: comments.id });
    return rows.length > 0;
  },
};

function commentsWithAuthor(db: Executor) {
  return db
    .select({ ...getTableColumns(comments), authorName: users.name })
    .from(comments)
    .leftJoin(users, and(eq(users.municipalityId, comments.municipalityId), eq(users.id, comments.createdBy)));
}
