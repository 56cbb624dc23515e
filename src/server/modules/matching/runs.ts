import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { MatchRules } from '../../../domain/matching/rules.js';
import type { Actor } from '../../context.js';
import type { Database } from '../../db/engine.js';
import { detail, fieldError, invalid, notFound, Problem, type FieldError } from '../../http/problem.js';
import type { SourceConfig } from '../../matching/source-config.js';
import { runCommand } from '../../unit-of-work.js';
import { refusalProblem, WorkbookRefused } from '../../xlsx/safe-workbook.js';
import { checkWorkbookFile } from '../../xlsx/zip-guard.js';
import { uploadFileName } from '../attachments/sniff.js';
import { matchingPolicy as policy } from './policy.js';
import { extractContext, extractName, runExecution } from './execution.js';
import { checkSystemInput, needsKey, personalDataRoles, requireRun, requireSystem, sealContext } from './lookups.js';
import type { MatchingOptions, UploadedSource } from './options.js';
import { itemDto, runDto, type MatchingRunDto } from './presenters.js';
import { matchingRepository as repo, type ItemFilter } from './repository.js';
import type { ResultFile } from './schemas.js';

/**
 * A run from upload to result: storing the upload (the extracts sealed until the run ends),
 * queueing it (the server's job queue, or in this process for the CLI), waiting for it, and reading
 * a run's items, differences and files. Executing it is execution.ts.
 */
export function runUseCases(db: Database, opts: MatchingOptions) {
  const root = path.join(opts.dataDir, 'matching');
  const runDir = (mid: string, runId: string) => path.join(root, mid, runId);
  const execution = runExecution(db, opts, runDir);
  /** Without a job queue (the CLI): runs execute one at a time in this process. */
  let local: Promise<unknown> = Promise.resolve();
  const pending = new Map<string, Promise<void>>();

  function dispatch(mid: string, runId: string): Promise<void> {
    if (opts.dispatch) return opts.dispatch(mid, runId);
    const job = local
      .then(() => execution.execute(mid, runId))
      .catch((err: unknown) => {
        if (!execution.isInterrupted(err)) throw err;
      });
    local = job.catch(() => undefined);
    const done = job.finally(() => pending.delete(runId));
    pending.set(runId, done);
    return Promise.resolve();
  }

  /** Until no run is queued or running in the database (and none in this process). */
  async function drained(): Promise<void> {
    for (;;) {
      if (pending.size) await Promise.allSettled([...pending.values()]);
      else if (!execution.executing.size && (await repo.unfinished(db)) === 0) return;
      else await new Promise((r) => setTimeout(r, 50));
    }
  }

  return {
    /** Where a municipality's runs keep their files (tests look). */
    dataDirOf: (mid: string) => path.join(root, mid),

    /** Before an upload is accepted: the caller may run the system (so no one else can fill the disk). */
    async authorizeRun(actor: Actor, systemId: string): Promise<void> {
      policy.read(actor);
      const system = await requireSystem(db, actor, systemId);
      policy.run(actor, system.departmentId);
    },

    /** Where the route streams an upload before the run exists; removed if the run is refused. */
    async stagingDir(actor: Actor): Promise<string> {
      policy.read(actor);
      const dir = path.join(root, actor.municipalityId, `upload-${randomUUID()}`);
      await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
      return dir;
    },

    /**
     * Stores a queued run for the two extracts and starts it in the background (a worker thread
     * reads and matches; this process stores the outcome). Files move into the run's folder.
     */
    async startRun(
      actor: Actor,
      input: {
        systemId: string;
        period: string;
        left: UploadedSource;
        right: UploadedSource;
        override?: { rules: MatchRules; left?: SourceConfig | undefined; right?: SourceConfig | undefined };
      },
    ): Promise<MatchingRunDto> {
      policy.read(actor);
      const system = await requireSystem(db, actor, input.systemId);
      policy.run(actor, system.departmentId);
      // the CLI's --rules: this run's rules (and layouts), the system stays as it is
      const used = {
        rules: input.override?.rules ?? system.rules,
        leftSource: (input.override?.left ?? system.leftSource) as SourceConfig,
        rightSource: (input.override?.right ?? system.rightSource) as SourceConfig,
      };
      if (input.override) checkSystemInput({ rules: used.rules, left: used.leftSource, right: used.rightSource }, 'rules');
      const errors: FieldError[] = [];
      if (input.period > actor.today.slice(0, 7)) {
        errors.push(fieldError('body.period', 'period.future', 'matching.monthFuture', { period: input.period }));
      }
      for (const side of ['left', 'right'] as const) {
        if (input[side].bytes === 0) errors.push(fieldError(`body.${side}`, 'matching.emptyFile', 'matching.emptyFile'));
      }
      if (needsKey(used) && !opts.secretBox) {
        throw new Problem(503, 'notConfigured', detail('matching.cprNeedsKey'));
      }
      if (errors.length) throw invalid(errors);
      // An .xlsx side is inflated and checked here, while the caller waits: a bomb is refused (413/422)
      // before the run exists, and the run's reader only ever sees the re-packed, checked entries.
      for (const side of ['left', 'right'] as const) {
        if ((side === 'left' ? used.leftSource : used.rightSource).format !== 'xlsx') continue;
        const checked = `${input[side].path}.checked`;
        try {
          await checkWorkbookFile(input[side].path, checked);
        } catch (err) {
          if (err instanceof WorkbookRefused) throw refusalProblem(err, actor.locale, { field: `body.${side}` });
          throw err;
        }
        await fs.promises.rename(checked, input[side].path);
      }
      const row = await runCommand(db, actor, async (tx, changes) => {
        const r = await repo.insertRun(tx, {
          municipalityId: actor.municipalityId,
          systemId: system.id,
          period: input.period,
          rules: used.rules,
          leftSource: used.leftSource,
          rightSource: used.rightSource,
          leftFileName: uploadFileName(input.left.fileName, 'left.csv', 'left.filename'),
          rightFileName: uploadFileName(input.right.fileName, 'right.csv', 'right.filename'),
          leftBytes: input.left.bytes,
          rightBytes: input.right.bytes,
          createdBy: actor.userId,
        });
        await changes.record({
          resource: 'matchingRun',
          resourceId: r.id,
          action: 'create',
          after: { system: system.code, period: r.period, left: r.leftFileName, right: r.rightFileName },
        });
        return r;
      });
      const dir = runDir(actor.municipalityId, row.id);
      await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
      // the extracts hold every CPR number in clear: with a key they wait sealed, until the run ends
      // (a restart or another server may run it), and only the run's own readers see a clear copy
      for (const side of ['left', 'right'] as const) {
        if (opts.secretBox) {
          await opts.secretBox.sealFile(input[side].path, path.join(dir, extractName(side, true)), extractContext(actor.municipalityId, row.id, side));
          await fs.promises.rm(input[side].path, { force: true });
        } else await fs.promises.rename(input[side].path, path.join(dir, side));
      }
      await dispatch(actor.municipalityId, row.id);
      return { ...runDto(row, actor.locale), queuePosition: await repo.queuePosition(db, row) };
    },

    /** The server is closing: a running run stops and goes back to the queue (its sealed extracts kept). */
    async close(): Promise<void> {
      execution.stopping.abort();
      while (pending.size) await Promise.allSettled([...pending.values()]);
    },

    /** Resolves when no run is queued or running: before the database closes (tests, the demo). */
    idle: drained,

    /** Resolves when the run has finished (succeeded or failed), whichever server ran it; for the CLI and tests. */
    async waitForRun(runId: string): Promise<void> {
      await pending.get(runId);
      for (;;) {
        const state = await repo.stateOf(db, runId);
        if (state === undefined || state === 'succeeded' || state === 'failed') return;
        await new Promise((r) => setTimeout(r, 50));
      }
    },

    /** Executes a queued run (the job queue's handler); throws when the server stops mid-run, so the job is retried. */
    execute: execution.execute,

    /**
     * Runs whose server died (the heartbeat stopped) go back to the queue; at start and every minute.
     * Returns how many. Uploads a stopped process was receiving are removed after a day.
     */
    async recoverStale(): Promise<number> {
      const runs = (await repo.stale(db, opts.staleSeconds)).filter((r) => !execution.executing.has(r.id));
      for (const r of runs) await dispatch(r.municipalityId, r.id);
      const dayAgo = Date.now() - 24 * 3600_000;
      for (const mid of fs.existsSync(root) ? await fs.promises.readdir(root) : []) {
        for (const entry of await fs.promises.readdir(path.join(root, mid)).catch(() => [] as string[])) {
          if (!entry.startsWith('upload-')) continue;
          const p = path.join(root, mid, entry);
          const st = await fs.promises.stat(p).catch(() => null);
          if (st && st.mtimeMs < dayAgo) await fs.promises.rm(p, { recursive: true, force: true });
        }
      }
      return runs.length;
    },

    async listRuns(actor: Actor, filter: { systemId?: string | undefined; period?: string | undefined; limit: number }) {
      policy.read(actor);
      return (await repo.runs(db, actor.municipalityId, filter)).map((r) => runDto(r, actor.locale));
    },

    async getRun(actor: Actor, id: string) {
      policy.read(actor);
      const run = await requireRun(db, actor, id);
      return { ...runDto(run, actor.locale), queuePosition: run.state === 'queued' ? await repo.queuePosition(db, run) : null };
    },

    async items(actor: Actor, runId: string, filter: ItemFilter, paging: { limit: number; offset: number }) {
      policy.read(actor);
      const run = await requireRun(db, actor, runId);
      const system = (await repo.system(db, actor.municipalityId, run.systemId))!;
      const { rows, total } = await repo.items(db, actor.municipalityId, runId, filter, paging);
      return {
        items: rows.map(itemDto),
        total,
        limit: paging.limit,
        offset: paging.offset,
        canUnmask: policy.canUnmask(actor, system.departmentId, await personalDataRoles(db, actor)),
      };
    },

    async differences(actor: Actor, runId: string, by: 'account' | 'case' | 'month', limit: number) {
      policy.read(actor);
      await requireRun(db, actor, runId);
      return { by, rows: await repo.differences(db, actor.municipalityId, runId, by, limit) };
    },

    /** An item's CPR number in clear, for an authorised user; every unmask is an audit entry (who, when, which item — not the number). */
    async unmaskCpr(actor: Actor, itemId: string): Promise<{ itemId: string; cpr: string }> {
      policy.read(actor);
      return runCommand(db, actor, async (tx, changes) => {
        const item = await repo.item(tx, actor.municipalityId, itemId);
        if (!item) throw notFound('matchingItem', itemId);
        const run = (await repo.run(tx, actor.municipalityId, item.runId))!;
        const system = (await repo.system(tx, actor.municipalityId, run.systemId))!;
        policy.unmask(actor, system.departmentId, await personalDataRoles(tx, actor));
        if (!item.cprSealed) throw notFound('matchingItem.cpr', itemId);
        if (!opts.secretBox) throw new Problem(503, 'notConfigured', detail('matching.keyNotSet'));
        const cpr = opts.secretBox.open(item.cprSealed, sealContext(actor.municipalityId, item.id));
        await changes.record({
          resource: 'matchingItem',
          resourceId: item.id,
          action: 'unmaskCpr',
          after: { runId: run.id, side: item.side, line: item.line },
        });
        return { itemId: item.id, cpr };
      });
    },

    /** A results file of a succeeded run (CPR numbers masked in it). */
    async resultFile(actor: Actor, runId: string, file: ResultFile): Promise<{ path: string; fileName: string }> {
      policy.read(actor);
      const run = await requireRun(db, actor, runId);
      const p = path.join(runDir(actor.municipalityId, run.id), file);
      if (run.state !== 'succeeded' || !fs.existsSync(p)) throw notFound('matchingRun.file', `${runId}/${file}`);
      return { path: p, fileName: `${run.period}-${file}` };
    },
  };
}
