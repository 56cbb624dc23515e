import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/engine.js';
import { answerDocuments } from '../../db/schema/index.js';

export type AnswerRow = typeof answerDocuments.$inferSelect;

/** A plan's answer documents to the auditors (DK reply, SE yttrande), one per kind; part of `planRepository`. */
export const answerRepository = {
  async answersOf(db: Executor, mid: string, planIds: string[]): Promise<AnswerRow[]> {
    if (!planIds.length) return [];
    return db
      .select()
      .from(answerDocuments)
      .where(and(eq(answerDocuments.municipalityId, mid), inArray(answerDocuments.planId, planIds)))
      .orderBy(asc(answerDocuments.createdAt));
  },

  async getAnswer(db: Executor, mid: string, planId: string, kind: AnswerRow['kind']): Promise<AnswerRow | undefined> {
    const [row] = await db
      .select()
      .from(answerDocuments)
      .where(and(eq(answerDocuments.municipalityId, mid), eq(answerDocuments.planId, planId), eq(answerDocuments.kind, kind)));
    return row;
  },

  async insertAnswer(db: Executor, values: typeof answerDocuments.$inferInsert): Promise<AnswerRow> {
    const [row] = await db.insert(answerDocuments).values(values).returning();
    return row!;
  },

  async updateAnswer(
    db: Executor,
    mid: string,
    id: string,
    version: number,
    values: Partial<typeof answerDocuments.$inferInsert>,
  ): Promise<AnswerRow | undefined> {
    const [row] = await db
      .update(answerDocuments)
      .set({ ...values, version: sql`${answerDocuments.version} + 1`, updatedAt: new Date() })
      .where(and(eq(answerDocuments.municipalityId, mid), eq(answerDocuments.id, id), eq(answerDocuments.version, version)))
      .returning();
    return row;
  },
};
