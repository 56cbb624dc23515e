import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { maskCpr, maskCprInText } from '../../../domain/cpr.js';
import type { Locale } from '../../../domain/i18n.js';
import type { MatchRules } from '../../../domain/matching/rules.js';
import type { Actor } from '../../context.js';
import type { Database, Executor } from '../../db/engine.js';
import { detail, fieldError, invalid, notFound, Problem, type FieldError } from '../../http/problem.js';
import { runMatching, runMatchingInWorker, type CarriedItem, type MatchingInput, type MatchingOutcome } from '../../matching/pipeline.js';
import type { SourceConfig } from '../../matching/source-config.js';
import { renderMessage } from '../../i18n/messages.js';
import { runCommand } from '../../unit-of-work.js';
import { refusalProblem, WorkbookRefused } from '../../xlsx/safe-workbook.js';
import { checkWorkbookFile } from '../../xlsx/zip-guard.js';
import { uploadFileName } from '../attachments/sniff.js';
import { matchingPolicy as policy } from './policy.js';
import { checkSystemInput, needsKey, personalDataRoles, requireRun, requireSystem, sealContext } from './lookups.js';
import type { MatchingOptions, UploadedSource } from './options.js';
import { itemDto, runDto, type MatchingRunDto } from './presenters.js';
import { matchingRepository as repo, type ItemFilter, type ItemInsert, type RunRow, type SystemRow } from './repository.js';
import { settlement } from './settlement.js';
import type { ResultFile } from './schemas.js';

const PROGRESS_EVERY_MS = 400;
const INLINE_BYTES = 2 * 1024 * 1024;
/** More items left over than this and the run fails with a clear reason (a wrong layout leaves everything unmatched). */
const MAX_STORED_ITEMS = 2_000_000;

/** The failure a run records: a bad file names its side and line; anything else is an internal error. */
function failureOf(err: unknown): NonNullable<RunRow['error']> {
  const e = err as { code?: unknown; message?: unknown; line?: unknown; side?: unknown; column?: unknown; name?: unknown };
  if (e && typeof e.code === 'string' && (e.name === 'SourceError' || typeof e.line === 'number')) {
    return {
      code: e.code,
      message: String(e.message ?? e.code),
      ...(typeof e.side === 'string' ? { side: e.side } : {}),
      ...(typeof e.line === 'number' ? { line: e.line } : {}),
      ...(e.column !== undefined ? { column: String(e.column) } : {}),
    };
  }
  // anything else (a database error quoting the rows it could not store, a crashed worker) is not
  // shown: its text may carry item fields; the code says where to look
  const dbCode = (err as { code?: unknown; cause?: { code?: unknown } })?.cause?.code ?? (err as { code?: unknown })?.code;
  return { code: 'internal', message: `The run could not be completed${typeof dbCode === 'string' ? ` (database error ${dbCode})` : ''}; see the server log` };
}

/**
 * A run from upload to result: the queue (one run at a time), the worker that reads and matches,
 * its progress, storing the outcome, and reading a run's items, differences and files.
 */
export function runUseCases(db: Database, opts: MatchingOptions) {
  /** Runs execute one at a time in this process (the machine has few cores; each run uses two threads). */
  let queue: Promise<unknown> = Promise.resolve();
  const pending = new Map<string, Promise<void>>();
  /** Stops the running run when the server closes: it is failed with that reason, never left running. */
  const stopping = new AbortController();
  const root = path.join(opts.dataDir, 'matching');
  const runDir = (mid: string, runId: string) => path.join(root, mid, runId);
  const { settle } = settlement(opts.balance);

  async function carriedInto(
    ex: Executor,
    actor: Actor,
    system: SystemRow,
    period: string,
  ): Promise<{ left: CarriedItem[]; right: CarriedItem[]; fromRunId: string | null }> {
    const prev = await repo.previousRun(ex, actor.municipalityId, system.id, period);
    if (!prev) return { left: [], right: [], fromRunId: null };
    const items = await repo.timingItems(ex, actor.municipalityId, prev.id);
    const out: { left: CarriedItem[]; right: CarriedItem[] } = { left: [], right: [] };
    if (items.some((i) => i.cprSealed) && !opts.secretBox) throw new Error('TILSYN_ENCRYPTION_KEY is needed to carry CPR numbers forward');
    for (const i of items) {
      const cpr = i.cprSealed ? opts.secretBox!.open(i.cprSealed, sealContext(actor.municipalityId, i.id)) : null;
      out[i.side].push({ amountOre: i.amountOre, date: i.date, caseId: i.caseId, cpr, account: i.account, text: i.text });
    }
    return { ...out, fromRunId: prev.id };
  }

  function itemRows(mid: string, runId: string, outcome: MatchingOutcome) {
    const groups = new Map<number, { id: string; itemIds: string[]; left: number; right: number }>();
    const items: ItemInsert[] = [];
    for (const it of outcome.items) {
      const id = randomUUID();
      let groupId: string | null = null;
      if (it.state === 'suggested' && it.group !== undefined && it.group !== null) {
        let g = groups.get(it.group);
        if (!g) groups.set(it.group, (g = { id: randomUUID(), itemIds: [], left: 0, right: 0 }));
        g.itemIds.push(id);
        g[it.side] += it.amountOre;
        groupId = g.id;
      }
      items.push({
        municipalityId: mid,
        id,
        runId,
        side: it.side,
        line: it.line,
        state: it.state,
        groupId,
        amountOre: it.amountOre,
        date: it.date,
        caseId: it.caseId,
        account: it.account,
        cprMasked: it.cpr ? maskCpr(it.cpr) : null,
        cprSealed: it.cpr ? opts.secretBox!.seal(it.cpr, sealContext(mid, id)) : null,
        text: it.text === null ? null : maskCprInText(it.text),
        carried: it.carried,
      });
    }
    const groupRows = [...groups.values()].map((g) => ({
      municipalityId: mid,
      id: g.id,
      runId,
      kind: 'split' as const,
      status: 'suggested' as const,
      itemIds: g.itemIds,
      leftOre: g.left,
      rightOre: g.right,
    }));
    return { items, groups: groupRows };
  }

  function summaryText(locale: Locale, system: SystemRow, outcome: MatchingOutcome): string {
    const s = outcome.summary;
    return renderMessage(locale, 'matching.runSummary', {
      system: system.code,
      leftUnmatched: s.left.unmatched.rows,
      rightUnmatched: s.right.unmatched.rows,
      timing: s.left.timing.rows + s.right.timing.rows,
    });
  }

  async function execute(actor: Actor, runId: string): Promise<void> {
    const mid = actor.municipalityId;
    const run = await repo.run(db, mid, runId);
    if (!run || run.state !== 'queued') return;
    const dir = runDir(mid, runId);
    if (stopping.signal.aborted) {
      await fs.promises.rm(dir, { recursive: true, force: true });
      await repo.updateRun(db, mid, runId, {
        state: 'failed',
        phase: null,
        finishedAt: opts.clock.now(),
        error: { code: 'interrupted', message: 'The server stopped before the run started; start it again' },
      });
      return;
    }
    const system = (await repo.system(db, mid, run.systemId))!;
    try {
      await repo.updateRun(db, mid, runId, { state: 'running', phase: 'read', startedAt: opts.clock.now() });
      const carried = await carriedInto(db, actor, system, run.period);
      let last = 0;
      let writing: Promise<void> = Promise.resolve();
      // a worker thread (and the two that read the sides) costs more than matching a small pair of
      // files; below INLINE_BYTES the run takes milliseconds and runs here
      const inline = run.leftBytes + run.rightBytes < INLINE_BYTES;
      const outcome = await (inline ? (input: MatchingInput) => runMatching({ ...input, readInWorkers: false }) : runMatchingInWorker)({
        left: { path: path.join(dir, 'left'), config: run.leftSource as SourceConfig },
        right: { path: path.join(dir, 'right'), config: run.rightSource as SourceConfig },
        rules: run.rules,
        period: run.period,
        hashKey: randomBytes(32),
        outDir: dir,
        signal: stopping.signal,
        carried: { left: carried.left, right: carried.right },
        maxItems: MAX_STORED_ITEMS,
        onProgress: (p) => {
          // elapsed time, not a date: the wall clock's, as a fixed test clock would never move on
          const now = performance.now();
          if (now - last < PROGRESS_EVERY_MS) return;
          last = now;
          const overall = p.phase === 'read' ? p.fraction * 0.6 : p.phase === 'match' ? 0.6 + p.fraction * 0.25 : 0.85 + p.fraction * 0.1;
          writing = writing.then(() => repo.setProgress(db, mid, runId, p.phase, overall)).catch(() => undefined);
        },
      });
      await writing;
      await repo.setProgress(db, mid, runId, 'store', 0.95);
      await runCommand(db, actor, async (tx, changes) => {
        await repo.lockSystem(tx, mid, system.id);
        const { items, groups } = itemRows(mid, runId, outcome);
        await repo.insertGroups(tx, groups);
        await repo.insertItems(tx, items);
        const settled = await settle(tx, actor, changes, run, system, summaryText(actor.language as Locale, system, outcome));
        const summary = { ...outcome.summary, carriedFromRunId: carried.fromRunId, carriedIn: { left: carried.left.length, right: carried.right.length } };
        const row = await repo.updateRun(tx, mid, runId, {
          state: 'succeeded',
          phase: null,
          progress: 1,
          summary: summary as unknown as Record<string, unknown>,
          differenceOre: settled.differenceOre,
          systemReconciliationId: settled.systemReconciliationId,
          finishedAt: opts.clock.now(),
        });
        // the audit trail gets counts and øre, never an item's fields (CPR numbers stay out of it)
        await changes.record({
          resource: 'matchingRun',
          resourceId: runId,
          action: 'complete',
          after: { state: row!.state, differenceOre: settled.differenceOre, tally: settled.tally, suggestions: groups.length },
        });
      });
    } catch (err) {
      const error = failureOf(err);
      if (error.code === 'internal')
        console.error(`matching run ${runId} failed: ${maskCprInText(err instanceof Error ? (err.stack ?? err.message) : String(err)).slice(0, 4000)}`);
      // a failed run keeps nothing on disk: no results files that look complete
      await fs.promises.rm(dir, { recursive: true, force: true }).catch(() => undefined);
      await runCommand(db, actor, async (tx, changes) => {
        await repo.updateRun(tx, mid, runId, { state: 'failed', phase: null, error, finishedAt: opts.clock.now() });
        await changes.record({ resource: 'matchingRun', resourceId: runId, action: 'fail', after: { error } });
      }).catch(() => undefined);
    } finally {
      // the extracts hold every CPR number in clear: once read they go; the results files remain
      await Promise.all(['left', 'right'].map((f) => fs.promises.rm(path.join(dir, f), { force: true }))).catch(() => undefined);
    }
  }

  function enqueue(actor: Actor, runId: string): Promise<void> {
    const job = queue.then(() => execute(actor, runId));
    queue = job.catch(() => undefined);
    const done = job.finally(() => pending.delete(runId));
    pending.set(runId, done);
    return done;
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
      await fs.promises.rename(input.left.path, path.join(dir, 'left'));
      await fs.promises.rename(input.right.path, path.join(dir, 'right'));
      void enqueue(actor, row.id);
      return runDto(row, actor.locale);
    },

    /** The server is closing: the running run stops (failed, "interrupted"), queued ones fail at once. */
    async close(): Promise<void> {
      stopping.abort();
      while (pending.size) await Promise.allSettled([...pending.values()]);
    },

    /** Resolves when every queued run has finished: before the database closes. */
    async idle(): Promise<void> {
      while (pending.size) await Promise.allSettled([...pending.values()]);
    },

    /** Resolves when the run has finished (succeeded or failed); for the CLI and tests. */
    async waitForRun(runId: string): Promise<void> {
      await pending.get(runId);
    },

    /** At start: runs a stopped process left queued or running are failed with that reason, never left hanging. */
    async failInterrupted(): Promise<number> {
      const runs = await repo.interrupted(db);
      for (const r of runs) {
        await repo.updateRun(db, r.municipalityId, r.id, {
          state: 'failed',
          phase: null,
          finishedAt: opts.clock.now(),
          error: { code: 'interrupted', message: 'The server stopped during the run; start it again' },
        });
        await fs.promises.rm(runDir(r.municipalityId, r.id), { recursive: true, force: true });
      }
      // uploads a stopped process was receiving
      for (const mid of fs.existsSync(root) ? await fs.promises.readdir(root) : []) {
        for (const entry of await fs.promises.readdir(path.join(root, mid)).catch(() => [] as string[])) {
          if (entry.startsWith('upload-')) await fs.promises.rm(path.join(root, mid, entry), { recursive: true, force: true });
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
      return runDto(await requireRun(db, actor, id), actor.locale);
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
