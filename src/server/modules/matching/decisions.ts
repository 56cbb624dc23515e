import type { Actor } from '../../context.js';
import type { Database, Executor } from '../../db/engine.js';
import { conflict, detail, fieldError, invalid, notFound, type FieldError } from '../../http/problem.js';
import { runCommand } from '../../unit-of-work.js';
import { matchingPolicy as policy } from './policy.js';
import { requireRun } from './lookups.js';
import type { MatchingOptions } from './options.js';
import { groupDto } from './presenters.js';
import { matchingRepository as repo, type GroupRow } from './repository.js';
import { settlement } from './settlement.js';
import type { ManualMatchInputT } from './schemas.js';

/** Decisions apply to the latest succeeded run of a system and month: it is the one the entry reflects. */
async function requireDecidable(tx: Executor, actor: Actor, runId: string) {
  const found = await repo.run(tx, actor.municipalityId, runId);
  if (!found) throw notFound('matchingRun', runId);
  // the system row first (as a run's store does): a newer run cannot slip in between the check and the entry's update
  const system = (await repo.lockSystem(tx, actor.municipalityId, found.systemId))!;
  policy.run(actor, system.departmentId);
  const run = (await repo.lockRun(tx, actor.municipalityId, runId))!;
  const latest = await repo.latestSucceeded(tx, actor.municipalityId, run.systemId, run.period);
  if (run.state !== 'succeeded' || latest?.id !== run.id) {
    throw conflict(detail('matching.notLatestRun'));
  }
  return { run, system };
}

/** Decisions on a run's result: the suggested groups confirmed or rejected, and manual matches. */
export function decisionUseCases(db: Database, opts: Pick<MatchingOptions, 'balance' | 'clock'>) {
  const { settleDecision } = settlement(opts.balance);

  return {
    async groups(actor: Actor, runId: string, status?: GroupRow['status']) {
      policy.read(actor);
      await requireRun(db, actor, runId);
      const groups = await repo.groups(db, actor.municipalityId, runId, status);
      const items = await repo.itemsByIds(
        db,
        actor.municipalityId,
        runId,
        groups.flatMap((g) => g.itemIds),
      );
      const byId = new Map(items.map((i) => [i.id, i]));
      return groups.map((g) => groupDto(g, g.itemIds.map((id) => byId.get(id)!).filter(Boolean)));
    },

    /** Confirms a suggestion (its items become matched) or rejects it / undoes a match (its items become unmatched). */
    async decide(actor: Actor, runId: string, groupId: string, decision: 'confirm' | 'reject') {
      return runCommand(db, actor, async (tx, changes) => {
        const { run, system } = await requireDecidable(tx, actor, runId);
        const g = await repo.group(tx, actor.municipalityId, groupId);
        if (!g || g.runId !== run.id) throw notFound('matchingGroup', groupId);
        const allowed = decision === 'confirm' ? g.status === 'suggested' : g.status !== 'rejected';
        if (!allowed) {
          throw conflict(detail(g.status === 'confirmed' ? 'matching.alreadyConfirmed' : 'matching.alreadyRejected'));
        }
        const status = decision === 'confirm' ? 'confirmed' : 'rejected';
        const row = await repo.updateGroup(tx, actor.municipalityId, g.id, g.version, { status, decidedBy: actor.userId, decidedAt: opts.clock.now() });
        if (!row) throw conflict(detail('concurrentChange'));
        await repo.setItems(
          tx,
          actor.municipalityId,
          g.itemIds,
          decision === 'confirm' ? { state: 'matched', groupId: g.id } : { state: 'unmatched', groupId: null },
        );
        const settled = await settleDecision(tx, actor, changes, run, system);
        await changes.record({
          resource: 'matchingGroup',
          resourceId: g.id,
          action: decision,
          before: { status: g.status },
          after: { status, items: g.itemIds.length, leftOre: g.leftOre, rightOre: g.rightOre, runDifferenceOre: settled.differenceOre },
        });
        const items = await repo.itemsByIds(tx, actor.municipalityId, run.id, g.itemIds);
        return groupDto(row, items);
      });
    },

    /** A user's own match of unmatched items; a difference between the sides needs a note. */
    async matchManually(actor: Actor, runId: string, input: ManualMatchInputT) {
      return runCommand(db, actor, async (tx, changes) => {
        const { run, system } = await requireDecidable(tx, actor, runId);
        const ids = [...new Set(input.itemIds)];
        const items = await repo.itemsByIds(tx, actor.municipalityId, run.id, ids);
        const errors: FieldError[] = [];
        if (items.length !== ids.length) {
          const found = new Set(items.map((i) => i.id));
          ids.forEach((id, k) => {
            if (!found.has(id)) errors.push(fieldError(`body.itemIds.${k}`, 'matching.itemUnknown', 'matching.itemUnknown'));
          });
        }
        items.forEach((i) => {
          // timing items are explained already (and carried into the next month): only unmatched ones
          if (i.state !== 'unmatched') {
            errors.push(fieldError(`body.itemIds.${ids.indexOf(i.id)}`, 'matching.itemTaken', 'matching.itemTaken', { line: i.line }));
          }
        });
        const left = items.filter((i) => i.side === 'left');
        const right = items.filter((i) => i.side === 'right');
        if (!errors.length && (!left.length || !right.length)) {
          errors.push(fieldError('body.itemIds', 'matching.bothSides', 'matching.bothSides'));
        }
        const leftOre = left.reduce((s, i) => s + i.amountOre, 0);
        const rightOre = right.reduce((s, i) => s + i.amountOre, 0);
        if (!errors.length && leftOre !== rightOre && !input.note?.trim()) {
          errors.push(fieldError('body.note', 'matching.noteRequired', 'matching.noteRequired'));
        }
        if (errors.length) throw invalid(errors);
        const g = await repo.insertGroup(tx, {
          municipalityId: actor.municipalityId,
          runId: run.id,
          kind: 'manual',
          status: 'confirmed',
          itemIds: ids,
          leftOre,
          rightOre,
          note: input.note?.trim() || null,
          decidedBy: actor.userId,
          decidedAt: opts.clock.now(),
        });
        await repo.setItems(tx, actor.municipalityId, ids, { state: 'matched', groupId: g.id });
        const settled = await settleDecision(tx, actor, changes, run, system);
        await changes.record({
          resource: 'matchingGroup',
          resourceId: g.id,
          action: 'matchManually',
          after: { items: ids.length, leftOre, rightOre, note: g.note, runDifferenceOre: settled.differenceOre },
        });
        return groupDto(g, await repo.itemsByIds(tx, actor.municipalityId, run.id, ids));
      });
    },
  };
}
