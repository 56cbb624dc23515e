import { isFuturePeriod, parsePeriod } from '../../../domain/reconciliation.js';
import type { Actor } from '../../context.js';
import type { Database, Executor } from '../../db/engine.js';
import { conflict, detail, fixedError, invalid, notFound, versionConflict } from '../../http/problem.js';
import { runCommand, type ChangeRecorder } from '../../unit-of-work.js';
import { balancePolicy as policy } from './policy.js';
import { requireDepartment } from './lookups.js';
import { systemDto, systemDtos, type SystemReconciliationDto } from './presenters.js';
import { balanceRepository as repo } from './repository.js';
import type { SystemInputT, SystemPatchT } from './schemas.js';

/** `explanationIfNew`: the explanation a new entry gets (an existing one keeps its own). */
async function recordSystemDifferenceIn(
  tx: Executor,
  actor: Actor,
  changes: ChangeRecorder,
  input: SystemInputT,
  opts: { explanationIfNew?: string } = {},
): Promise<{ created: boolean; reconciliation: SystemReconciliationDto }> {
  const mid = actor.municipalityId;
  await requireDepartment(tx, mid, input.departmentId, 'body.departmentId');
  policy.prepare(actor, input.departmentId);
  const period = parsePeriod(input.period)!;
  if (isFuturePeriod(period, actor.today)) throw invalid([fixedError('body.period', 'period.future', `The period ${input.period} has not started yet`)]);
  const existing = await repo.systemReconciliationAt(tx, mid, input.system, input.target, input.period);
  if (existing) {
    policy.prepare(actor, existing.departmentId);
    const row = await repo.updateSystemReconciliation(tx, mid, existing.id, existing.version, {
      differenceOre: input.differenceOre,
      departmentId: input.departmentId,
      ...(input.explanation !== undefined ? { explanation: input.explanation } : {}),
      ...(input.deadline !== undefined ? { deadline: input.deadline } : {}),
      updatedBy: actor.userId,
    });
    if (!row) throw conflict(detail('concurrentChange'));
    await changes.record({ resource: 'systemReconciliation', resourceId: row.id, action: 'update', before: existing, after: row });
    return { created: false, reconciliation: (await systemDtos(tx, mid, [row]))[0]! };
  }
  const row = await repo.insertSystemReconciliation(tx, {
    municipalityId: mid,
    system: input.system,
    target: input.target,
    period: input.period,
    departmentId: input.departmentId,
    differenceOre: input.differenceOre,
    explanation: input.explanation ?? opts.explanationIfNew ?? null,
    deadline: input.deadline ?? null,
    createdBy: actor.userId,
    updatedBy: actor.userId,
  });
  await changes.record({ resource: 'systemReconciliation', resourceId: row.id, action: 'create', after: row });
  return { created: true, reconciliation: systemDto(row, null) };
}

/** The specialist systems' transfer differences (the matching engine records its runs' differences here). */
export function systemReconciliationUseCases(db: Database) {
  return {
    async listSystemReconciliations(actor: Actor, filter: { period?: string | undefined; system?: string | undefined; departmentId?: string | undefined }) {
      policy.read(actor);
      return systemDtos(db, actor.municipalityId, await repo.listSystemReconciliations(db, actor.municipalityId, filter));
    },

    /**
     * Records the difference of one specialist system's transfer for a month: creates the row, or
     * updates the difference (and explanation/deadline when given) of an existing one. The entry
     * point of the matching engine; `created` tells which happened.
     */
    async recordSystemDifference(actor: Actor, input: SystemInputT): Promise<{ created: boolean; reconciliation: SystemReconciliationDto }> {
      return runCommand(db, actor, (tx, changes) => recordSystemDifferenceIn(tx, actor, changes, input));
    },

    /** recordSystemDifference inside a caller's command (the matching engine stores its run and the entry together). */
    recordSystemDifferenceIn,

    async updateSystemReconciliation(actor: Actor, id: string, version: number, patch: SystemPatchT): Promise<SystemReconciliationDto> {
      return runCommand(db, actor, async (tx, changes) => {
        const s = await repo.getSystemReconciliation(tx, actor.municipalityId, id);
        if (!s) throw notFound('systemReconciliation', id);
        policy.prepare(actor, s.departmentId);
        if (s.version !== version) throw versionConflict((await systemDtos(tx, actor.municipalityId, [s]))[0], s.version);
        const row = await repo.updateSystemReconciliation(tx, actor.municipalityId, id, version, { ...patch, updatedBy: actor.userId });
        if (!row) throw conflict(detail('concurrentChange'));
        await changes.record({ resource: 'systemReconciliation', resourceId: id, action: 'update', before: s, after: row });
        return (await systemDtos(tx, actor.municipalityId, [row]))[0]!;
      });
    },
  };
}
