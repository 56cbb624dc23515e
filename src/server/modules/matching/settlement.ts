import type { Actor } from '../../context.js';
import type { Executor } from '../../db/engine.js';
import type { ChangeRecorder } from '../../unit-of-work.js';
import type { BalanceService } from '../balance/service.js';
import { matchingRepository as repo, type ItemRow, type RunRow, type SystemRow } from './repository.js';

/** A run's difference as the balance register's system reconciliation entry records it (after a run and after every decision). */
export function settlement(balance: BalanceService) {
  /**
   * The run's difference after every decision: Σ unmatched left − Σ unmatched right, written to
   * the run and to the system reconciliation entry in the same transaction.
   */
  async function settle(tx: Executor, actor: Actor, changes: ChangeRecorder, run: RunRow, system: SystemRow, explanationIfNew?: string) {
    const tally = await repo.tally(tx, actor.municipalityId, run.id);
    const sum = (side: 'left' | 'right', state: ItemRow['state']) => tally.filter((t) => t.side === side && t.state === state).reduce((s, t) => s + t.ore, 0);
    const differenceOre = sum('left', 'unmatched') - sum('right', 'unmatched');
    const { reconciliation } = await balance.recordSystemDifferenceIn(
      tx,
      actor,
      changes,
      {
        system: system.code,
        target: system.target,
        period: run.period,
        departmentId: system.departmentId,
        differenceOre,
      },
      explanationIfNew !== undefined ? { explanationIfNew } : {},
    );
    return { differenceOre, systemReconciliationId: reconciliation.id, tally };
  }

  /** After a decision: the new difference on the entry and on the run. */
  async function settleDecision(tx: Executor, actor: Actor, changes: ChangeRecorder, run: RunRow, system: SystemRow) {
    const settled = await settle(tx, actor, changes, run, system);
    await repo.updateRun(tx, actor.municipalityId, run.id, { differenceOre: settled.differenceOre, systemReconciliationId: settled.systemReconciliationId });
    return settled;
  }

  return { settle, settleDecision };
}
