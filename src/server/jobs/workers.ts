import type { Services } from '../services.js';
import { queues, type JobSystem } from './queue.js';

/** What the periodic job does each minute; each part decides for itself what is due, from (state, now). */
export type PeriodicTask = { name: string; run: () => Promise<unknown> };

/**
 * The server's workers: matching runs one at a time per process, and the periodic check every
 * minute (a cron row in pgboss.schedule; with several servers one of them takes each minute's job).
 */
export async function registerWorkers(jobs: JobSystem, services: Services, periodic: PeriodicTask[]): Promise<void> {
  await jobs.work<{ municipalityId: string; runId: string }>(queues.matchingRun, { pollingIntervalSeconds: 1 }, (job) =>
    services.matching.execute(job.municipalityId, job.runId),
  );
  await jobs.work(queues.periodic, {}, async () => {
    await runPeriodic(periodic);
  });
  await jobs.schedule(queues.periodic, '* * * * *');
}

/** Runs every task, each on its own: one that fails is logged and does not stop the others. */
export async function runPeriodic(tasks: PeriodicTask[]): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const task of tasks) {
    try {
      out[task.name] = await task.run();
    } catch (err) {
      console.error(`periodic ${task.name}: ${err instanceof Error ? err.message : String(err)}`);
      out[task.name] = { error: true };
    }
  }
  return out;
}
