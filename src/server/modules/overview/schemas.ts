import { z } from 'zod';
import { Id } from '../../http/schemas.js';

export const OverviewQuery = z.object({
  /** The audit reports' year. */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  committeeId: Id.optional(),
});

const Count = z.number().int();

export const OverviewRow = z
  .object({
    /** Null on the total row. */
    id: Id.nullable(),
    code: z.string().nullable(),
    name: z.string(),
    findings: z.object({
      /** Department parts of findings per state. */
      byState: z.object({
        received: Count,
        assigned: Count,
        planDrafted: Count,
        planApproved: Count,
        inProgress: Count,
        closureProposed: Count,
        closed: Count,
        carriedOver: Count,
      }),
      /** Distinct findings per grade. */
      byGrade: z.object({ red: Count, yellow: Count, green: Count, none: Count }),
    }),
    /** Measures of approved plans by their latest reported status; overdue counts across the statuses, postponed ones never. */
    measures: z.object({ onTrack: Count, delayed: Count, postponed: Count, completed: Count, cancelled: Count, noStatus: Count, overdue: Count }),
    /** Mean days between the original and the current deadline; null without any measure having both. */
    averageSlippageDays: z.number().nullable(),
  })
  .meta({ id: 'OverviewRow' });

export const Overview = z.object({ departments: z.array(OverviewRow), committees: z.array(OverviewRow), total: OverviewRow }).meta({ id: 'Overview' });

export const SlippageByRound = z
  .object({
    items: z.array(
      z.object({
        roundId: Id,
        name: z.string(),
        opensOn: z.string(),
        /** Measures whose deadline the round's status entries moved. */
        delayedCount: Count,
        /** Mean days those deadlines moved in the round; null when none moved. */
        averageSlippageDays: z.number().nullable(),
      }),
    ),
  })
  .meta({ id: 'SlippageByRound' });

export type OverviewRowT = z.infer<typeof OverviewRow>;
export type OverviewT = z.infer<typeof Overview>;
export type SlippageByRoundT = z.infer<typeof SlippageByRound>;
