import type { Actor } from '../../context.js';
import type { Executor } from '../../db/engine.js';
import { detail, Problem } from '../../http/problem.js';
import { afterLedgerChange } from '../../../domain/reconciliation.js';
import type { ChangeRecorder } from '../../unit-of-work.js';
import { balanceReads, balanceWrites, decertificationChange } from '../balance/reads.js';
import { levelOf, parentCode } from '../balance/chart.js';
import type { Planned } from './plan.js';
import { balanceImportRepository as repo } from './repository.js';

/** How far an apply is: `done` of `of` rows written (a large import's job shows it). */
export type ApplyProgress = (done: number, of: number) => void;

/** Writes a planned import without issues, in the caller's command: every change an audit entry, in the file's order. */
export async function apply(tx: Executor, actor: Actor, changes: ChangeRecorder, planned: Planned, progress: ApplyProgress = () => {}) {
  const mid = actor.municipalityId;
  const work = planned.work!;
  // progress counts the rows the statements have written, 1,000 a statement or one at a time
  let done = 0;
  const of = work.kind === 'ledgerBalances' ? work.updates.length : work.kind === 'adjustments' ? work.inserts.length : (work.writes as unknown[]).length;
  const wrote = (rows: number) => progress((done += rows), of);
  const tick = () => wrote(1);
  const conflict = () => new Problem(409, 'conflict', detail('concurrentChange'));
  if (work.kind === 'ledgerBalances') {
    const writes = work.updates.map(({ r, balanceOre }) => ({
      r,
      balanceOre,
      decertified: afterLedgerChange({ status: r.status, preparedBy: r.preparedBy, approvedBy: r.approvedBy }, r.ledgerBalanceOre, balanceOre).decertified,
    }));
    const rows = await repo.setLedgerBalances(
      tx,
      mid,
      actor.userId,
      writes.map((w) => ({ id: w.r.id, version: w.r.version, ledgerBalanceOre: w.balanceOre, decertify: w.decertified })),
      wrote,
    );
    if (rows.length !== writes.length) throw conflict();
    const written = new Map(rows.map((row) => [row.id, row]));
    // the changes in the file's order, as when the rows were written one by one
    for (const { r, decertified } of writes) {
      const row = written.get(r.id)!;
      if (decertified) await changes.record(decertificationChange(r, row));
      await changes.record({
        resource: 'reconciliation',
        resourceId: r.id,
        action: 'update',
        before: { ledgerBalanceOre: r.ledgerBalanceOre },
        after: { ledgerBalanceOre: row.ledgerBalanceOre },
      });
    }
  } else if (work.kind === 'reconciliationLog') {
    const values = (w: (typeof work.writes)[number]) => ({
      category: w.category,
      subReason: w.subReason,
      items: w.items,
      followUpOre: w.totals.followUpOre,
      olderThanOneYearOre: w.totals.olderThanOneYearOre,
      grossOre: w.totals.grossOre,
    });
    const updates = work.writes.filter((w) => w.existing);
    const updated = await repo.setReconciliationLogs(
      tx,
      mid,
      actor.userId,
      updates.map((w) => ({ id: w.existing!.id, version: w.existing!.version, ...values(w) })),
      wrote,
    );
    if (updated.length !== updates.length) throw conflict();
    const written = new Map(updated.map((row) => [row.id, row]));
    // a new reconciliation starts from a ledger balance of 0 until the ledger balance import sets it
    const fresh = work.writes.filter((w) => !w.existing);
    const created = await repo.insertReconciliations(
      tx,
      fresh.map((w) => ({
        municipalityId: mid,
        accountId: w.accountId,
        period: w.period,
        ledgerBalanceOre: 0,
        ...values(w),
        createdBy: actor.userId,
        updatedBy: actor.userId,
      })),
      wrote,
    );
    const createdAt = new Map(created.map((row) => [`${row.accountId}\u0000${row.period}`, row]));
    for (const w of work.writes) {
      if (w.existing)
        await changes.record({
          resource: 'reconciliation',
          resourceId: w.existing.id,
          action: 'update',
          before: w.existing,
          after: written.get(w.existing.id)!,
        });
      else {
        const row = createdAt.get(`${w.accountId}\u0000${w.period}`)!;
        await changes.record({ resource: 'reconciliation', resourceId: row.id, action: 'create', after: row });
      }
    }
  } else if (work.kind === 'activity') {
    for (const w of work.writes) {
      const row = w.existing
        ? await repo.updateActivity(tx, mid, w.existing.id, { transactionCount: w.transactionCount, volumeOre: w.volumeOre, updatedBy: actor.userId })
        : await repo.insertActivity(tx, {
            municipalityId: mid,
            accountId: w.accountId,
            month: w.month,
            transactionCount: w.transactionCount,
            volumeOre: w.volumeOre,
            createdBy: actor.userId,
            updatedBy: actor.userId,
          });
      await changes.record({ resource: 'accountActivity', resourceId: row.id, action: w.existing ? 'update' : 'create', before: w.existing, after: row });
      tick();
    }
  } else if (work.kind === 'imFunctions') {
    // level by level (main accounts, groups, functions), so a new row finds the parent inserted before it
    const ids = new Map((await balanceReads.imFunctions(tx, mid)).map((f) => [f.code, f.id]));
    for (const w of work.writes.filter((w) => w.existing)) {
      const row = await repo.updateImFunction(tx, mid, w.existing!.id, { name: w.name, side: w.side });
      await changes.record({ resource: 'imFunction', resourceId: row.id, action: 'update', before: w.existing, after: row });
      tick();
    }
    for (const level of ['mainAccount', 'group', 'function'] as const) {
      const fresh = work.writes.filter((w) => !w.existing && levelOf(w.code) === level);
      const rows = await repo.insertImFunctions(
        tx,
        fresh.map((w) => {
          const parent = parentCode(w.code);
          return { municipalityId: mid, code: w.code, name: w.name, side: w.side, level, parentId: parent ? (ids.get(parent) ?? null) : null };
        }),
        wrote,
      );
      for (const row of rows) {
        ids.set(row.code, row.id);
        await changes.record({ resource: 'imFunction', resourceId: row.id, action: 'create', after: row });
      }
    }
  } else if (work.kind === 'accounts') {
    for (const { existing, ...w } of work.writes) {
      if (!existing) continue;
      const row = await balanceWrites.updateAccount(tx, mid, existing.id, existing.version, { ...w, updatedBy: actor.userId });
      if (!row) throw conflict();
      await changes.record({ resource: 'balanceAccount', resourceId: row.id, action: 'update', before: existing, after: row });
      tick();
    }
    const created = await repo.insertAccounts(
      tx,
      work.writes.filter((w) => !w.existing).map(({ existing: _, ...w }) => ({ municipalityId: mid, ...w, createdBy: actor.userId, updatedBy: actor.userId })),
      wrote,
    );
    for (const row of created) await changes.record({ resource: 'balanceAccount', resourceId: row.id, action: 'create', after: row });
  } else {
    for (const s of work.scopes) {
      const removed = await repo.deleteAdjustments(tx, mid, s.year, s.section);
      for (const r of removed) await changes.record({ resource: 'balanceAdjustment', resourceId: r.id, action: 'delete', before: r });
    }
    const rows = await repo.insertAdjustments(tx, work.inserts);
    wrote(rows.length);
    for (const r of rows) await changes.record({ resource: 'balanceAdjustment', resourceId: r.id, action: 'create', after: r });
  }
}
