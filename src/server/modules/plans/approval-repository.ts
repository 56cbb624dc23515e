import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/engine.js';
import { meetings, planApprovals, planRevisions, users } from '../../db/schema/index.js';

/** A plan's approvals and its kept (approved) revisions; part of `planRepository`. */
export const approvalRepository = {
  async approvalsOf(db: Executor, mid: string, planIds: string[]) {
    if (!planIds.length) return [];
    return db
      .select({ approval: planApprovals, approvedByName: users.name, meeting: meetings })
      .from(planApprovals)
      .innerJoin(users, and(eq(users.municipalityId, planApprovals.municipalityId), eq(users.id, planApprovals.approvedBy)))
      .leftJoin(meetings, and(eq(meetings.municipalityId, planApprovals.municipalityId), eq(meetings.id, planApprovals.meetingId)))
      .where(and(eq(planApprovals.municipalityId, mid), inArray(planApprovals.planId, planIds)))
      .orderBy(asc(planApprovals.approvedOn), asc(planApprovals.createdAt));
  },

  async insertApproval(db: Executor, values: typeof planApprovals.$inferInsert) {
    const [row] = await db.insert(planApprovals).values(values).returning();
    return row!;
  },

  async insertRevision(db: Executor, values: typeof planRevisions.$inferInsert) {
    const [row] = await db.insert(planRevisions).values(values).returning();
    return row!;
  },

  /** The plan's kept revisions, oldest first, with their approval, approver and meeting. */
  async revisionsOfPlan(db: Executor, mid: string, planId: string) {
    return db
      .select({ revision: planRevisions, approval: planApprovals, approvedByName: users.name, meeting: meetings })
      .from(planRevisions)
      .leftJoin(planApprovals, and(eq(planApprovals.municipalityId, planRevisions.municipalityId), eq(planApprovals.id, planRevisions.approvalId)))
      .leftJoin(users, and(eq(users.municipalityId, planApprovals.municipalityId), eq(users.id, planApprovals.approvedBy)))
      .leftJoin(meetings, and(eq(meetings.municipalityId, planApprovals.municipalityId), eq(meetings.id, planApprovals.meetingId)))
      .where(and(eq(planRevisions.municipalityId, mid), eq(planRevisions.planId, planId)))
      .orderBy(asc(planRevisions.number));
  },
};
