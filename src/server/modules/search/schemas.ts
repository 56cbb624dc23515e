import { z } from 'zod';
import { Id } from '../../http/schemas.js';

export const searchHitKinds = ['finding', 'recommendation', 'plan', 'measure', 'comment'] as const;

export const SearchQuery = z.object({
  q: z.string().trim().min(1).max(200),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const SearchHit = z
  .object({
    kind: z.enum(searchHitKinds),
    id: Id,
    /** The finding the hit belongs to (for a finding: itself). */
    findingId: Id.nullable(),
    /** The plan the hit belongs to, when it is a plan, a measure or a comment on either. */
    planId: Id.nullable(),
    title: z.string(),
    /** Matching words marked «like this». */
    snippet: z.string(),
    rank: z.number(),
  })
  .meta({ id: 'SearchHit' });

export const SearchResult = z.object({ items: z.array(SearchHit), total: z.number().int() }).meta({ id: 'SearchResult' });

export type SearchHitKind = (typeof searchHitKinds)[number];
export type SearchHitT = z.infer<typeof SearchHit>;
export type SearchResultT = z.infer<typeof SearchResult>;
