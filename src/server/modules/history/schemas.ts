import { z } from 'zod';
import { Id, Paging } from '../../http/schemas.js';

export const HistoryQuery = Paging.extend({
  resource: z.string().trim().min(1).max(50).optional(),
  resourceId: Id.optional(),
});

export const ChangeEntry = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    userId: Id.nullable(),
    userName: z.string().nullable(),
    resource: z.string(),
    resourceId: Id,
    action: z.string(),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
  })
  .meta({ id: 'ChangeEntry' });
