import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { maskCpr, maskCprInText } from '../../../domain/cpr.js';
import type { Locale } from '../../../domain/i18n.js';
import { localDate } from '../../clock.js';
import { operatorActor, type Actor } from '../../context.js';
import type { Database, Executor } from '../../db/engine.js';
import { renderMessage } from '../../i18n/messages.js';
import { runMatching, runMatchingInWorker, type CarriedItem, type MatchingInput, type MatchingOutcome } from '../../matching/pipeline.js';
import type { SourceConfig } from '../../matching/source-config.js';
import { runCommand } from '../../unit-of-work.js';
import { notify } from '../notifications/outbox.js';
import { tenancyReads } from '../tenancy/reads.js';
import { sealContext } from './lookups.js';
import type { MatchingOptions } from './options.js';
import { matchingRepository as repo, type ItemInsert, type RunRow, type SystemRow } from './repository.js';
import { settlement } from './settlement.js';

const PROGRESS_EVERY_MS = 400;
const INLINE_BYTES = 2 * 1024 * 1024;
/** More items left over than this and the run fails with a clear reason (a wrong layout leaves everything unmatched). */
const MAX_STORED_ITEMS = 2_000_000;
/** A run that took its server down this many times is failed rather than tried again. */
const MAX_ATTEMPTS = 3;
const HEARTBEAT_MS = 5_000;

/** Where a run keeps its files: the sealed extracts until it ends, the results files after. */
export const extractName = (side: 'left' | 'right', sealed: boolean) => (sealed ? `${side}.sealed` : side);
export const extractContext = (mid: string, runId: string, side: 'left' | 'right') => `matching-extract:${mid}:${runId}:${side}`;

/** The server is stopping: the run goes back to the queue, not to failed. */
class Interrupted extends Error {}
/** Another server took the run over: this one leaves it alone. */
class Lost extends Error {}

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
 * Executing a run, wherever it was queued: claims it (only one server can), reads the sealed
 * extracts into clear files for the readers, beats while it runs, stores the outcome in one command
 * or fails it with its reason. Stopping the server puts the run back in the queue with its sealed
 * extracts; a server that dies leaves a run whose heartbeat stops, and another takes it over.
 */
export function runExecution(db: Database, opts: MatchingOptions, runDir: (mid: string, runId: string) => string) {
  const { settle } = settlement(opts.balance);
  const stopping = new AbortController();
  /** Runs this process is executing now (the stale check never takes its own). */
  const executing = new Set<string>();

  async function actorFor(run: RunRow): Promise<Actor> {
    const m = (await tenancyReads.municipality(db, run.municipalityId))!;
    const byUser = run.createdBy ? await opts.actorOf(run.municipalityId, run.createdBy) : null;
    // the user who started it may be gone by now (or it was the CLI): the municipality's operator stores it
    // without a queue this is the CLI, whose runs the audit trail records as such
    return byUser ?? operatorActor(m, localDate(opts.clock.now(), m.timeZone), opts.dispatch ? 'system' : 'cli');
  }

  async function carriedInto(ex: Executor, mid: string, system: SystemRow, period: string) {
    const prev = await repo.previousRun(ex, mid, system.id, period);
    if (!prev) return { left: [] as CarriedItem[], right: [] as CarriedItem[], fromRunId: null };
    const items = await repo.timingItems(ex, mid, prev.id);
    const out: { left: CarriedItem[]; right: CarriedItem[] } = { left: [], right: [] };
    if (items.some((i) => i.cprSealed) && !opts.secretBox) throw new Error('TILSYN_ENCRYPTION_KEY is needed to carry CPR numbers forward');
    for (const i of items) {
      const cpr = i.cprSealed ? opts.secretBox!.open(i.cprSealed, sealContext(mid, i.id)) : null;
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

  /** The clear copies the readers use; the sealed extracts stay until the run ends. */
  async function openExtracts(mid: string, runId: string, dir: string): Promise<void> {
    for (const side of ['left', 'right'] as const) {
      const sealed = path.join(dir, extractName(side, true));
      if (fs.existsSync(sealed)) {
        if (!opts.secretBox) throw new Error('TILSYN_ENCRYPTION_KEY is needed to open the sealed extracts of this run');
        await opts.secretBox.openFile(sealed, path.join(dir, side), extractContext(mid, runId, side));
      } else if (!fs.existsSync(path.join(dir, side))) {
        throw Object.assign(new Error(`the ${side} extract of the run is missing`), { code: 'extractMissing' });
      }
    }
  }

  /** The run has ended (succeeded or failed): the extracts go, sealed or clear; the results files remain. */
  async function dropExtracts(dir: string): Promise<void> {
    await Promise.all(['left', 'right', 'left.sealed', 'right.sealed'].map((f) => fs.promises.rm(path.join(dir, f), { force: true }).catch(() => undefined)));
  }

  async function fail(actor: Actor, run: RunRow, error: NonNullable<RunRow['error']>, system: SystemRow | undefined): Promise<void> {
    const mid = run.municipalityId;
    const failed = await runCommand(db, actor, async (tx, changes) => {
      // only while the run is still this server's: one taken over is its new server's to end
      if (!(await repo.updateOwnedRun(tx, mid, run.id, opts.workerId, { state: 'failed', phase: null, error, finishedAt: opts.clock.now() }))) return false;
      await changes.record({ resource: 'matchingRun', resourceId: run.id, action: 'fail', after: { error } });
      if (run.createdBy)
        await notify(tx, [
          {
            municipalityId: mid,
            userId: run.createdBy,
            kind: 'matchingRunFailed',
            link: `/balance/matching/runs/${run.id}`,
            params: { system: system?.code ?? '', period: run.period },
            dedupeKey: `matchingRun:${run.id}:failed`,
          },
        ]);
      return true;
    }).catch((err: unknown) => {
      console.error(`matching run ${run.id}: could not record the failure: ${String(err)}`);
      return false;
    });
    // a failed run keeps nothing on disk: no results files that look complete
    if (failed) await fs.promises.rm(runDir(mid, run.id), { recursive: true, force: true }).catch(() => undefined);
  }

  /**
   * Executes one queued run if this server can claim it. Returns quietly when another server has
   * it or it has ended; throws Interrupted when the server stops mid-run (the queue retries the job).
   */
  async function execute(mid: string, runId: string): Promise<void> {
    if (stopping.signal.aborted) throw new Interrupted('the server is stopping');
    const run = await repo.claimRun(db, mid, runId, opts.workerId, opts.staleSeconds, opts.clock.now());
    if (!run) return;
    executing.add(runId);
    const dir = runDir(mid, runId);
    // stops this run when the server stops, or when its heartbeat finds another server holds it now
    const halt = new AbortController();
    const onStop = () => halt.abort();
    stopping.signal.addEventListener('abort', onStop);
    let lost = false;
    const beat = setInterval(() => {
      void repo
        .beat(db, mid, runId, opts.workerId)
        .then((held) => {
          if (held || halt.signal.aborted) return;
          lost = true;
          halt.abort();
        })
        .catch(() => undefined);
    }, HEARTBEAT_MS);
    let actor: Actor | undefined;
    let system: SystemRow | undefined;
    try {
      actor = await actorFor(run);
      system = await repo.system(db, mid, run.systemId);
      if (!system) return await fail(actor, run, { code: 'internal', message: 'The matching system is gone' }, system);
      if (run.attempts > MAX_ATTEMPTS) {
        await dropExtracts(dir);
        return await fail(actor, run, { code: 'interrupted', message: `The run stopped its server ${MAX_ATTEMPTS} times; it is not tried again` }, system);
      }
      await openExtracts(mid, runId, dir);
      const carried = await carriedInto(db, mid, system, run.period);
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
        signal: halt.signal,
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
      if (stopping.signal.aborted) throw new Interrupted('the server is stopping');
      await repo.setProgress(db, mid, runId, 'store', 0.95);
      const storeAs = actor;
      const storeFor = system;
      await runCommand(db, storeAs, async (tx, changes) => {
        // still this server's run (locked to the commit): one taken over meanwhile is stored by its new server only
        if (!(await repo.updateOwnedRun(tx, mid, runId, opts.workerId, { phase: 'store' }))) throw new Lost();
        await repo.lockSystem(tx, mid, storeFor.id);
        const { items, groups } = itemRows(mid, runId, outcome);
        await repo.insertGroups(tx, groups);
        await repo.insertItems(tx, items);
        const settled = await settle(tx, storeAs, changes, run, storeFor, summaryText(storeAs.language, storeFor, outcome));
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
        if (run.createdBy)
          await notify(tx, [
            {
              municipalityId: mid,
              userId: run.createdBy,
              kind: 'matchingRunFinished',
              link: `/balance/matching/runs/${runId}`,
              params: { system: storeFor.code, period: run.period, differenceOre: settled.differenceOre },
              dedupeKey: `matchingRun:${runId}:finished`,
            },
          ]);
        // before the commit, so that whoever sees the run succeeded finds only its results files; a
        // crash between here and the commit leaves a run that fails for its missing extracts
        await dropExtracts(dir);
      });
    } catch (err) {
      if (err instanceof Lost || lost) {
        // another server took it over (this one's heartbeat had stopped): its files and its end are that server's
        console.warn(`matching run ${runId}: taken over by another server; this one stops`);
        return;
      }
      if (err instanceof Interrupted || (stopping.signal.aborted && !(err as { line?: unknown })?.line)) {
        // back to the queue with its sealed extracts; the next server (or this one, restarted) runs it
        // again, and a stop is not counted as one of the run's attempts (a crash is)
        await repo.requeue(db, mid, runId, opts.workerId).catch(() => undefined);
        for (const side of ['left', 'right'] as const)
          if (fs.existsSync(path.join(dir, extractName(side, true)))) await fs.promises.rm(path.join(dir, side), { force: true }).catch(() => undefined);
        throw err instanceof Interrupted ? err : new Interrupted('the server is stopping');
      }
      const error = failureOf(err);
      if (error.code === 'internal')
        console.error(`matching run ${runId} failed: ${maskCprInText(err instanceof Error ? (err.stack ?? err.message) : String(err)).slice(0, 4000)}`);
      actor ??= await actorFor(run).catch(() => undefined);
      if (actor) await fail(actor, run, error, system);
      else console.error(`matching run ${runId}: could not find who to record its failure as; it is retried`);
    } finally {
      clearInterval(beat);
      stopping.signal.removeEventListener('abort', onStop);
      executing.delete(runId);
    }
  }

  return {
    execute,
    stopping,
    executing,
    isInterrupted: (err: unknown) => err instanceof Interrupted,
  };
}
