import os from 'node:os';
import PgBoss from 'pg-boss';
import type { Engine } from '../db/engine.js';

/**
 * The one job system: pg-boss 10 on the same database as everything else (its schema `pgboss` is
 * created by our migration 0013, so it starts with `migrate: false`). On PostgreSQL the queue is
 * shared by every server on the database; on PGlite it serves the one process that holds the data
 * directory. Cron schedules are rows in `pgboss.schedule`.
 */
export const queues = {
  /** One job per matching run (modules/matching/queue.ts). */
  matchingRun: 'matching-run',
  /** Every minute: what is due (reminders, escalations, scheduled rounds, digests) and stale runs. */
  periodic: 'periodic',
  /** One job per balance import over the row limit (modules/balance-import/jobs.ts). */
  balanceImport: 'balance-import',
  /** Deliver pending e-mail now (sent after an event; the periodic job catches up on the rest). */
  mail: 'mail',
} as const;
export type QueueName = (typeof queues)[keyof typeof queues];

export interface JobSystem {
  /** This process: host, pid and start time (written on a run it executes). */
  readonly workerId: string;
  send(queue: QueueName, data: object, options?: PgBoss.SendOptions): Promise<string | null>;
  /** Handles the queue's jobs one at a time in this process; a handler that throws is retried by the queue's policy. */
  work<T extends object>(queue: QueueName, options: { pollingIntervalSeconds?: number }, handler: (data: T) => Promise<void>): Promise<void>;
  schedule(queue: QueueName, cron: string): Promise<void>;
  stop(): Promise<void>;
  readonly boss: PgBoss;
}

export interface JobOptions {
  /** How often idle workers look for work (seconds; pg-boss's minimum is 0.5). */
  pollingIntervalSeconds?: number;
  /** Maintenance (expiring, archiving) and cron monitoring; off for a short-lived process such as the CLI. */
  supervise?: boolean;
  onError?: (err: Error) => void;
}

export async function startJobs(engine: Engine, opts: JobOptions = {}): Promise<JobSystem> {
  // pg-boss completes or fails a job without awaiting it (manager.js onFetch): after stop() that
  // bookkeeping may come when the database is closing, and is dropped (the job expires and its
  // retry finds the work done) rather than failing against a closed pool
  let stopped = false;
  const boss = new PgBoss({
    db: {
      executeSql: (text: string, values: unknown[]) =>
        stopped ? Promise.resolve({ rows: [] as never[] }) : (engine.executeSql(text, values) as Promise<{ rows: never[] }>),
    },
    schema: 'pgboss',
    migrate: false,
    supervise: opts.supervise ?? true,
    schedule: opts.supervise ?? true,
    // a finished job is kept a day for the record, then archived and later deleted
    archiveCompletedAfterSeconds: 24 * 3600,
    deleteAfterDays: 14,
  });
  boss.on('error', (err: Error) => (opts.onError ?? ((e: Error) => console.error(`job queue: ${e.message}`)))(err));
  await boss.start();
  for (const name of Object.values(queues)) {
    if (!(await boss.getQueue(name))) await boss.createQueue(name, { name, policy: 'standard' });
  }
  const polling = opts.pollingIntervalSeconds ?? 2;
  const workerId = `${os.hostname()}:${process.pid}:${Date.now().toString(36)}`;
  /** This process's workers per queue: woken at once by a local send, and after a job instead of sleeping a poll. */
  const local = new Map<QueueName, string>();
  return {
    workerId,
    boss,
    async send(queue, data, options) {
      const id = await boss.send(queue, data, options ?? {});
      const worker = local.get(queue);
      if (worker) boss.notifyWorker(worker);
      return id;
    },
    async work(queue, options, handler) {
      let id = '';
      id = await boss.work(queue, { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? polling }, async (jobs) => {
        for (const job of jobs) await handler(job.data as never);
        // a queue that had work may have more: look again now rather than after the polling interval
        if (jobs.length && id) boss.notifyWorker(id);
      });
      local.set(queue, id);
    },
    async schedule(queue, cron) {
      await boss.schedule(queue, cron, {}, { singletonKey: queue, retryLimit: 0 });
    },
    async stop() {
      // graceful: a running handler finishes (or, as a matching run, stops at its next check and is retried)
      await boss.stop({ graceful: true, wait: true, close: false, timeout: 30_000 });
      stopped = true;
    },
  };
}
