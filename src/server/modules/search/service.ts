import type { Actor } from '../../context.js';
import type { Database } from '../../db/engine.js';
import { searchConfig } from './config.js';
import { searchPolicy as policy } from './policy.js';
import { searchRepository as repo } from './repository.js';

export function createSearchService(db: Database) {
  return {
    /** Full-text search in the municipality's language, so Danish and Swedish inflections match. */
    async search(actor: Actor, q: string, limit: number) {
      const rows = await repo.search(db, actor.municipalityId, searchConfig(actor.language), q, limit, !policy.includesConfidential(actor));
      return {
        items: rows.map((r) => ({
          kind: r.kind,
          id: r.id,
          findingId: r.finding_id,
          planId: r.plan_id,
          title: r.title,
          snippet: r.snippet,
          rank: Number(r.rank),
        })),
        total: rows[0]?.total ?? 0,
      };
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
