import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AmountFormat } from '../../../domain/money.js';
import type { Clock } from '../../clock.js';
import type { Actor } from '../../context.js';
import type { SecretBox } from '../../crypto/secret-box.js';
import type { Database } from '../../db/engine.js';
import { notFound, Problem } from '../../http/problem.js';
import { renderMessage } from '../../i18n/messages.js';
import { runCommand } from '../../unit-of-work.js';
import { apply } from './apply.js';
import type { ImportKind } from './columns.js';
import type { BalanceImportIssue, BalanceImportOptions } from './context.js';
import { plan, readFile } from './plan.js';
import { balanceImportPolicy as policy } from './policy.js';
import { importReport } from './report.js';
import { importJobRepository as repo, type BalanceImportJobRow } from './repository.js';
import type { BalanceImportJobT, BalanceImportReportT } from './schemas.js';

/** A file with more data rows than this is applied by the job queue, not in the request. */
export const ASYNC_IMPORT_ROWS = 5_000;
/** A job running this long has lost its server (an import takes minutes at most); one queued this long, its queue entry. */
const ABANDONED_RUNNING_MS = 60 * 60 * 1000;
const ABANDONED_QUEUED_MS = 24 * 60 * 60 * 1000;
/** How often a running job writes its progress (milliseconds). */
const PROGRESS_EVERY_MS = 250;

export interface ImportJobOptions {
  /** Where uploads wait for their job: `<dataDir>/balance-imports/<municipality>/<job>`. */
  dataDir: string;
  clock: Clock;
  /** Seals the waiting file (TILSYN_ENCRYPTION_KEY); without it the file has owner-only permissions, as a matching run's extracts. */
  secretBox: SecretBox | null;
  /** Queues a job (the server's job queue); null without one (the CLI, test apps): every import runs in the request. */
  dispatch: ((mid: string, jobId: string) => Promise<void>) | null;
  /** The uploader as the worker acts for them (null when they are gone). */
  actorOf: (mid: string, userId: string) => Promise<Actor | null>;
}

/** The file's issues when the register changed between the upload and the apply. */
class Refused extends Error {
  constructor(readonly issues: BalanceImportIssue[]) {
    super('refused');
  }
}

/** The uploader is gone or may no longer import. */
class Gone extends Error {}

type JobError = NonNullable<BalanceImportJobRow['error']>;

/** Why a job failed, as the job row keeps it (the message is rendered when read, in the reader's language). */
function failureOf(jobId: string, err: unknown): JobError {
  if (err instanceof Refused) return { code: 'refused', params: { count: err.issues.length }, errors: err.issues.map((i) => ({ ...i })) };
  if (err instanceof Gone) return { code: 'userGone' };
  if (err instanceof Problem && err.status === 409) return { code: 'conflict' };
  // anything else is not shown: a database error may quote the rows
  console.error(`balance import job ${jobId}: ${err instanceof Error ? err.message : String(err)}`);
  return { code: 'internal' };
}

/**
 * Large imports: the request checks the file as always (errors answer 422), then stores it and a
 * job row and answers 202; a worker plans the file again against the register as it is then and
 * applies it in one command (one audit entry), writing progress on the job row. The row keeps the
 * report, or why it failed; nothing is written on a failure. The stored file is removed either way.
 */
export function importJobs(db: Database, opts: ImportJobOptions) {
  const folder = (mid: string) => path.join(opts.dataDir, 'balance-imports', mid);
  const fileOf = (mid: string, id: string) => path.join(folder(mid), id);
  const sealContext = (mid: string, id: string) => `balance-import:${mid}:${id}`;
  // sealed in memory (a file is at most the import's 10 MB), so the clear file never touches the disk
  const stored = (mid: string, id: string, bytes: Buffer): string | Buffer =>
    opts.secretBox ? opts.secretBox.seal(bytes.toString('base64'), sealContext(mid, id)) : bytes;
  const opened = async (mid: string, id: string): Promise<Buffer> => {
    const raw = await fs.promises.readFile(fileOf(mid, id));
    return opts.secretBox ? Buffer.from(opts.secretBox.open(raw.toString('utf8'), sealContext(mid, id)), 'base64') : raw;
  };

  function dto(row: BalanceImportJobRow, locale: Actor['locale']): BalanceImportJobT {
    const e = row.error;
    return {
      id: row.id,
      kind: row.kind as ImportKind,
      state: row.state,
      fileName: row.fileName,
      rowsTotal: row.rowsTotal,
      rowsDone: row.rowsDone,
      createdAt: row.createdAt.toISOString(),
      startedAt: row.startedAt?.toISOString() ?? null,
      finishedAt: row.finishedAt?.toISOString() ?? null,
      report: (row.report as BalanceImportReportT | null) ?? null,
      error: e
        ? {
            code: e.code,
            message: renderMessage(locale, `balanceImport.job.${e.code as 'refused' | 'conflict' | 'userGone' | 'internal' | 'abandoned'}`, e.params ?? {}),
            errors: (e.errors as BalanceImportIssue[] | undefined) ?? [],
          }
        : null,
    };
  }

  /** Writes progress beside the apply's transaction: each write waits for the one before, none holds the apply up. */
  function progressWriter(mid: string, id: string, total: number) {
    let chain: Promise<void> = Promise.resolve();
    let last = 0;
    return {
      tick(done: number, of: number) {
        const now = performance.now();
        if (now - last < PROGRESS_EVERY_MS) return;
        last = now;
        // the last row is done only when the command has committed
        const rows = Math.min(total - 1, Math.floor((total * done) / Math.max(of, 1)));
        chain = chain.then(() => repo.progress(db, mid, id, rows)).catch(() => undefined);
      },
      settled: () => chain,
    };
  }

  async function fail(mid: string, id: string, error: JobError): Promise<void> {
    await repo.finish(db, mid, id, { state: 'failed', finishedAt: opts.clock.now(), error });
  }

  return {
    enabled: opts.dispatch !== null,

    /** Stores a checked file and its job, and queues it; answers the queued job. */
    async enqueue(
      actor: Actor,
      kind: ImportKind,
      upload: { fileName: string; bytes: Buffer },
      options: BalanceImportOptions,
      rowsTotal: number,
    ): Promise<BalanceImportJobT> {
      const mid = actor.municipalityId;
      const id = randomUUID();
      const file = fileOf(mid, id);
      await fs.promises.mkdir(folder(mid), { recursive: true, mode: 0o700 });
      await fs.promises.writeFile(file, stored(mid, id, upload.bytes), { mode: 0o600 });
      let row: BalanceImportJobRow;
      try {
        // the job row is bookkeeping, not a change to the register: no audit entry (the apply writes one)
        row = await runCommand(db, actor, (tx) =>
          repo.insert(tx, {
            municipalityId: mid,
            id,
            kind,
            fileName: upload.fileName,
            amountFormat: options.amountFormat,
            rowsTotal,
            createdBy: actor.userId,
            createdAt: opts.clock.now(),
          }),
        );
      } catch (err) {
        await fs.promises.rm(file, { force: true });
        throw err;
      }
      try {
        await opts.dispatch!(mid, id);
      } catch (err) {
        await fs.promises.rm(file, { force: true });
        await fail(mid, id, { code: 'internal' });
        throw err;
      }
      return dto(row, actor.locale);
    },

    /** A job of the caller's municipality (another's answers 404 like a missing one). */
    async get(actor: Actor, id: string): Promise<BalanceImportJobT> {
      policy.import(actor);
      const row = /^[0-9a-f-]{36}$/i.test(id) ? await repo.get(db, actor.municipalityId, id) : null;
      if (!row) throw notFound('balanceImportJob', id);
      return dto(row, actor.locale);
    },

    /** The periodic check: fails the jobs no worker will finish (so their page stops waiting) and removes their files. */
    async failAbandoned(): Promise<number> {
      const now = opts.clock.now();
      const gone = await repo.abandon(db, new Date(now.getTime() - ABANDONED_RUNNING_MS), new Date(now.getTime() - ABANDONED_QUEUED_MS), now);
      for (const j of gone) await fs.promises.rm(fileOf(j.municipalityId, j.id), { force: true });
      return gone.length;
    },

    /** The worker's part: claims the job (once), plans and applies the stored file in one command, records the outcome. */
    async execute(mid: string, id: string): Promise<void> {
      const job = await repo.claim(db, mid, id, opts.clock.now());
      if (!job) return;
      const file = fileOf(mid, job.id);
      const progress = progressWriter(mid, job.id, job.rowsTotal);
      let outcome: { state: 'succeeded'; report: BalanceImportReportT } | { state: 'failed'; error: JobError };
      try {
        const actor = job.createdBy ? await opts.actorOf(mid, job.createdBy) : null;
        if (!actor || !canImport(actor)) throw new Gone();
        const options: BalanceImportOptions = { dryRun: false, amountFormat: job.amountFormat as AmountFormat };
        const kind = job.kind as ImportKind;
        const table = await readFile(actor, await opened(mid, job.id));
        const report = await runCommand(db, actor, async (tx, changes) => {
          const planned = await plan(tx, actor, kind, table, options);
          if (planned.issues.length) throw new Refused(planned.issues);
          await apply(tx, actor, changes, planned, progress.tick);
          const done = importReport(kind, job.fileName, options, planned, true);
          // the job's success commits with what it wrote: a stop after the commit cannot leave a
          // written import reported as abandoned (a late progress write no longer matches 'running')
          await fs.promises.rm(file, { force: true });
          await repo.finish(tx, mid, job.id, { state: 'succeeded', finishedAt: opts.clock.now(), rowsDone: job.rowsTotal, report: done });
          return done;
        });
        outcome = { state: 'succeeded', report };
      } catch (err) {
        outcome = { state: 'failed', error: failureOf(job.id, err) };
      }
      await progress.settled();
      if (outcome.state === 'failed') {
        // the file goes before the job says it is done: nothing of a finished job stays on disk
        await fs.promises.rm(file, { force: true });
        await repo.finish(db, mid, job.id, { state: 'failed', finishedAt: opts.clock.now(), error: outcome.error });
      }
    },
  };
}

/** The policy as a yes/no: the uploader may have lost the role since. */
function canImport(actor: Actor): boolean {
  try {
    policy.import(actor);
    return true;
  } catch {
    return false;
  }
}

export type ImportJobs = ReturnType<typeof importJobs>;
