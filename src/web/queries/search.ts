import { useQuery } from '@tanstack/react-query';
import type { SearchHitT, SearchResultT } from '../../server/modules/search/schemas';
import { get } from '../api';

/** The server's shapes (Zod-inferred), not hand copies. */
export type SearchHit = SearchHitT;
export type SearchResult = SearchResultT;

export const searchKeys = {
  query: (q: string) => ['search', q] as const,
};

/** Full-text search; nothing is asked for an empty query. */
export const useSearch = (q: string) =>
  useQuery({ queryKey: searchKeys.query(q), queryFn: () => get<SearchResult>(`/search?q=${encodeURIComponent(q)}&limit=100`), enabled: q.length > 0 });
