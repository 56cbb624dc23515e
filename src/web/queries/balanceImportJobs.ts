import { useQuery } from '@tanstack/react-query';
import type { BalanceImportJobT } from '../../server/modules/balance-import/schemas';
import { get } from '../api';

/** A large balance import applied by the job queue (the server's BalanceImportJob). */
export type BalanceImportJob = BalanceImportJobT;

export const balanceImportJobKeys = {
  one: (id: string) => ['balance-import-jobs', id] as const,
};

export const importJobDone = (state: BalanceImportJob['state']) => state === 'succeeded' || state === 'failed';

/** The job as the import answered it (202), polled every second until it has succeeded or failed. */
export const useBalanceImportJob = (job: BalanceImportJob | null) =>
  useQuery({
    queryKey: balanceImportJobKeys.one(job?.id ?? ''),
    queryFn: () => get<BalanceImportJob>(`/balance-imports/jobs/${job!.id}`),
    enabled: job !== null,
    ...(job ? { initialData: job } : {}),
    refetchInterval: (q) => (q.state.data && importJobDone(q.state.data.state) ? false : 1000),
  });
