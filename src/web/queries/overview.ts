import { useQuery } from '@tanstack/react-query';
import type { OverviewRowT, OverviewT, SlippageByRoundT } from '../../server/modules/overview/schemas';
import { get } from '../api';

/** The server's shapes (Zod-inferred), not hand copies. */
export type Overview = OverviewT;
export type OverviewRow = OverviewRowT;
export type SlippageRound = SlippageByRoundT['items'][number];

export const overviewKeys = {
  all: ['overview'] as const,
  slippage: ['overview', 'slippage'] as const,
};

export const useOverview = () => useQuery({ queryKey: overviewKeys.all, queryFn: () => get<Overview>('/overview') });
export const useSlippage = () => useQuery({ queryKey: overviewKeys.slippage, queryFn: () => get<SlippageByRoundT>('/overview/slippage') });
