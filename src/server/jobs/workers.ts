import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.js';
import { queues, type JobSystem } from './queue.js';

/** What the periodic job does each minute; each part decides for itself what is due, from (state, now). */
export type PeriodicTask = { name: string; run: () => Promise<unknown> };

/**
 * Asks for the outbox to be delivered now: at most one job a second across the servers, and one
 * asked for within a second that has started runs again in the next (pg-boss's singletonNextSlot),
 * so a notification committed just after a delivery started is not left for the periodic job.
 */
export async function kickMail(jobs: JobSystem): Promise<void> {
  await jobs.send(queues.mail, {}, { singletonKey: 'deliver', singletonSeconds: 1, singletonNextSlot: true, retryLimit: 0 });
}

/**
 * The server's workers: matching runs one at a time per process, the mail queue, and the periodic
 * check every minute (a cron row in pgboss.schedule; with several servers one of them takes each
 * minute's job). A write request that succeeded asks for the mail to go out: notifications are
 * written in the command's transaction, committed by the time the response is sent.
 */
export async function registerWorkers(app: FastifyInstance, jobs: JobSystem, services: Services, periodic: PeriodicTask[]): Promise<void> {
  await jobs.work<{ municipalityId: string; runId: string }>(queues.matchingRun, { pollingIntervalSeconds: 1 }, async (job) => {
    await services.matching.execute(job.municipalityId, job.runId);
    await kickMail(jobs);
  });
  await workBalanceImports(jobs, services);
  await jobs.work(queues.mail, { pollingIntervalSeconds: 1 }, async () => {
    await services.mail.deliverPending();
  });
  await jobs.work(queues.periodic, {}, async () => {
    await runPeriodic(periodic);
  });
  await jobs.schedule(queues.periodic, '* * * * *');
  app.addHook('onResponse', async (req, reply) => {
    if (req.method === 'GET' || req.method === 'HEAD' || reply.statusCode >= 400) return;
    await kickMail(jobs).catch((err: unknown) => req.log.warn({ err }, 'could not queue the mail delivery'));
  });
}

/** Large balance imports, one at a time per process (the job records its own failure; the queue does not retry). */
export async function workBalanceImports(jobs: JobSystem, services: Services): Promise<void> {
  await jobs.work<{ municipalityId: string; jobId: string }>(queues.balanceImport, { pollingIntervalSeconds: 1 }, async (job) => {
    await services.balanceImport.executeJob(job.municipalityId, job.jobId);
  });
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
